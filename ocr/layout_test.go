package ocr

import (
	"fmt"
	"reflect"
	"slices"
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
		ws = append(ws, &Word{Box: Box{x0, y, x1, y + 30}, Raw: text, Text: text, Confidence: 90})
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
		name     string
		lines    []*Line
		want     [][]string
		doubtful []string // words Tesseract is unsure of
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
				line(0, "ỦY@100-160", "BAN@170-230", "CỘNG@900-980", "HÒA@990-1070"),
				line(40, "TỈNH@100-160", "Độc@900-960", "lập@970-1010"),
				line(80, "Tiên@900-960", "Du@970-1010"),
				line(120, "văn@100-160", "bản@170-230", "này@240-300", "quy@310-360", "định@370-600", "rõ@610-950"),
			},
			want: [][]string{{"ỦY BAN", "TỈNH"}, {"CỘNG HÒA", "Độc lập", "Tiên Du"}, {"văn bản này quy định rõ"}},
		},
		{
			name: "header columns on lines of their own, interleaved",
			lines: []*Line{
				line(0, "ĐẢNG@100-180", "BỘ@190-230"),
				line(20, "ĐẢNG@900-980", "CỘNG@990-1070"),
				line(50, "HUYỆN@100-200", "ỦY@210-250"),
				line(70, "Tiên@900-960", "Du@970-1010"),
				line(150, "về@100-140", "công@150-220", "tác@230-1100"),
			},
			want: [][]string{{"ĐẢNG BỘ", "HUYỆN ỦY"}, {"ĐẢNG CỘNG", "Tiên Du"}, {"về công tác"}},
		},
		{
			name: "a centred title ends the header",
			lines: []*Line{
				line(0, "ĐẢNG@100-180", "BỘ@190-230", "ĐẢNG@900-980", "CỘNG@990-1070"),
				line(40, "Số@100-140", "12@150-200", "Tiên@900-960", "Du@970-1010"),
				line(100, "CHỈ@520-580", "THỊ@590-650"),
				line(140, "Kính@100-160", "gửi@170-230"),
			},
			want: [][]string{{"ĐẢNG BỘ", "Số 12"}, {"ĐẢNG CỘNG", "Tiên Du"}, {"CHỈ THỊ", "Kính gửi"}},
		},
		{
			name: "doubtful letters in the margin are not a column",
			lines: []*Line{
				line(0, "Phụ@100-160", "lục@170-230", "số@240-280", "06@290-330", "mm@900-960"),
				line(40, "Thông@100-160", "tư@170-230", "tà@900-960"),
			},
			want:     [][]string{{"Phụ lục số 06 mm", "Thông tư tà"}},
			doubtful: []string{"mm", "tà"},
		},
		{
			name: "one line with a far gap is not a header",
			lines: []*Line{
				line(0, "Phụ@100-160", "lục@170-230", "số@240-280", "06@290-330", "sở@900-960"),
				line(40, "văn@100-160", "bản@170-230", "này@240-900"),
			},
			want: [][]string{{"Phụ lục số 06 sở", "văn bản này"}},
		},
		{
			name: "specks far right of body lines are not a column",
			lines: []*Line{
				line(0, "Phụ@100-160", "lục@170-230", "số@240-280", "06@290-330", "_@900-920"),
				line(40, "Thông@100-160", "tư@170-230", "|@900-905"),
			},
			want: [][]string{{"Phụ lục số 06 _", "Thông tư |"}},
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
			for _, l := range tt.lines {
				for _, w := range l.Words {
					if slices.Contains(tt.doubtful, w.Raw) {
						w.Confidence = 30
					}
				}
			}
			got := blockTexts(splitColumns(newBlock(tt.lines)))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
