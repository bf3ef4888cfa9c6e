package ocr

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// line builds a line of words from "text@x0-x1" specs, all at height y..y+30.
func line(y int, specs ...string) *Line {
	var ws []*Word
	for _, s := range specs {
		var text string
		var x0, x1 int
		at := strings.LastIndexByte(s, '@')
		text = s[:at]
		if _, err := fmt.Sscanf(s[at+1:], "%d-%d", &x0, &x1); err != nil {
			panic(s)
		}
		ws = append(ws, &Word{Box: Box{x0, y, x1, y + 30}, Raw: text, Text: text})
	}
	return newLine(ws)
}

func blockTexts(bs []*Block) [][]string {
	var out [][]string
	for _, b := range bs {
		var ls []string
		for _, l := range b.Lines {
			ls = append(ls, l.Text())
		}
		out = append(out, ls)
	}
	return out
}

func TestSplitColumns(t *testing.T) {
	tests := []struct {
		name  string
		lines []*Line
		want  [][]string
	}{
		{
			name: "body text stays one block",
			lines: []*Line{
				line(0, "Căn@0-80", "cứ@90-130", "Luật@140-210"),
				line(40, "Tổ@0-40", "chức@50-120"),
			},
			want: [][]string{{"Căn cứ Luật", "Tổ chức"}},
		},
		{
			name: "two-column header, then title and body",
			lines: []*Line{
				line(0, "ĐẢNG@100-180", "BỘ@190-230", "ĐẢNG@900-980", "CỘNG@990-1070"),
				line(40, "HUYỆN@100-200", "ỦY@210-250"),
				line(80, "Số@100-140", "12-CT/HU@150-280", "Tiên@900-960", "Du@970-1010"),
				line(160, "CHỈ@500-560", "THỊ@570-630"),
				line(200, "về@100-140", "công@150-220", "tác@230-280"),
			},
			want: [][]string{
				{"ĐẢNG BỘ", "HUYỆN ỦY", "Số 12-CT/HU"},
				{"ĐẢNG CỘNG", "Tiên Du"},
				{"CHỈ THỊ", "về công tác"},
			},
		},
		{
			name: "right column line on its own",
			lines: []*Line{
				line(0, "ĐẢNG@100-180", "BỘ@190-230", "ĐẢNG@900-980", "CỘNG@990-1070"),
				line(40, "Tiên@900-960", "Du@970-1010"),
				line(80, "văn@100-160", "bản@170-230", "này@240-300", "quy@310-360", "định@370-600", "rõ@610-950"),
			},
			want: [][]string{{"ĐẢNG BỘ"}, {"ĐẢNG CỘNG", "Tiên Du"}, {"văn bản này quy định rõ"}},
		},
		{
			name: "a gap of two line heights is a word space",
			lines: []*Line{
				line(0, "Điều@0-80", "5.@140-170", "Phạm@200-280"),
			},
			want: [][]string{{"Điều 5. Phạm"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := blockTexts(splitColumns(newBlock(tt.lines)))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
