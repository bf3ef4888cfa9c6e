package devsplit

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

const fixture = "# comment\n" +
	"a.txt\t2\t3\t0\tblock\n" +
	"\n" +
	"b.txt\t2\t3\t5\tperiodic\n" +
	"a.txt\t7\t7\t0\n"

func TestParseAndIsDev(t *testing.T) {
	s, err := Parse(strings.NewReader(fixture), "fixture")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		file string
		line int
		dev  bool
	}{
		{"a.txt", 1, false}, {"a.txt", 2, true}, {"a.txt", 3, true}, {"a.txt", 4, false},
		{"a.txt", 7, true}, {"a.txt", 8, false}, {"dir/a.txt", 2, true},
		{"b.txt", 1, false}, {"b.txt", 2, true}, {"b.txt", 3, true}, {"b.txt", 4, false},
		{"b.txt", 6, false}, {"b.txt", 7, true}, {"b.txt", 8, true}, {"b.txt", 9, false},
		{"b.txt", 12, true}, {"c.txt", 2, false},
	}
	for _, tt := range tests {
		if got := s.IsDev(tt.file, tt.line); got != tt.dev {
			t.Errorf("IsDev(%s, %d) = %v, want %v", tt.file, tt.line, got, tt.dev)
		}
	}
}

func TestParseRejectsMalformedRows(t *testing.T) {
	tests := []struct {
		row, want string
	}{
		{"a.txt\t1\t2", "columns"},
		{"a.txt\tx\t2\t0", "not an integer"},
		{"a.txt\t0\t2\t0", "start at 1"},
		{"a.txt\t5\t2\t0", "before first"},
		{"a.txt\t1\t2\t-1", "negative"},
		{"a.txt\t1\t10\t5", "not longer"},
		{"\t1\t2\t0", "bad file name"},
		{"x/a.txt\t1\t2\t0", "bad file name"},
	}
	for _, tt := range tests {
		_, err := Parse(strings.NewReader("# h\n"+tt.row+"\n"), "split.tsv")
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "split.tsv:2:") {
			t.Errorf("Parse(%q) error = %v, want one mentioning split.tsv:2: and %q", tt.row, err, tt.want)
		}
	}
}

func TestDivide(t *testing.T) {
	s, err := Parse(strings.NewReader(fixture), "fixture")
	if err != nil {
		t.Fatal(err)
	}
	var in strings.Builder
	for i := 1; i <= 12; i++ {
		fmt.Fprintf(&in, "line %d\n", i)
	}
	src := strings.TrimSuffix(in.String(), "\n") // last line without newline
	var train, dev bytes.Buffer
	c, err := s.Divide("b.txt", strings.NewReader(src), &train, &dev)
	if err != nil {
		t.Fatal(err)
	}
	wantDev := "line 2\nline 3\nline 7\nline 8\nline 12\n"
	if dev.String() != wantDev {
		t.Errorf("dev = %q, want %q", dev.String(), wantDev)
	}
	if c.Dev != 5 || c.Train != 7 {
		t.Errorf("counts = %+v, want 7 train 5 dev", c)
	}
	if strings.Contains(train.String(), "line 2\n") || !strings.Contains(train.String(), "line 11\n") {
		t.Errorf("train = %q", train.String())
	}
}

func TestDivideLongLine(t *testing.T) {
	s, _ := Parse(strings.NewReader("a.txt\t2\t2\t0\n"), "x")
	long := strings.Repeat("x", 200000)
	var train, dev bytes.Buffer
	if _, err := s.Divide("a.txt", strings.NewReader("a\n"+long+"\nb\n"), &train, &dev); err != nil {
		t.Fatal(err)
	}
	if dev.String() != long+"\n" || train.String() != "a\nb\n" {
		t.Errorf("long line split wrongly: dev %d bytes, train %q", dev.Len(), train.String())
	}
}

func TestRepositorySplitParses(t *testing.T) {
	s, err := ParseFile("../../data/devsplit.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if !s.IsDev("wiki.txt", 3001) || !s.IsDev("wiki.txt", 8100) || s.IsDev("wiki.txt", 8101) {
		t.Error("wiki.txt periodic range not as documented")
	}
	if !s.IsDev("admin.txt", 57) || s.IsDev("admin.txt", 56) {
		t.Error("admin.txt first range not as documented")
	}
}
