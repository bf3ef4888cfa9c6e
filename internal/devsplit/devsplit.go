// Package devsplit reads the fixed development split of the corpus
// (data/devsplit.tsv) and divides corpus files into their training and
// development lines.
//
// The split file is tab-separated with the columns
//
//	file first last period note
//
// where first and last are 1-based inclusive line numbers. A period greater
// than zero repeats the range every period lines (first, first+period, ...)
// to the end of the file. Empty lines and lines starting with '#' are
// comments.
package devsplit

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Split is the parsed development split: the held-out ranges of each file.
type Split struct {
	ranges map[string][]Range
}

// Range is one held-out block of lines of a corpus file.
type Range struct {
	File   string // base name of the corpus file, e.g. "admin.txt"
	First  int    // first held-out line, 1-based
	Last   int    // last held-out line, inclusive
	Period int    // if > 0, the block repeats every Period lines
	Note   string // free text
}

// Contains reports whether the 1-based line number n falls in r.
func (r Range) Contains(n int) bool {
	if n < r.First {
		return false
	}
	if r.Period > 0 {
		n = r.First + (n-r.First)%r.Period
	}
	return n <= r.Last
}

// Parse reads a split description from r; name is used in error messages.
// A malformed row (wrong number of columns, non-numeric or non-positive
// numbers, last < first, a period shorter than the range) is an error that
// names the row.
func Parse(r io.Reader, name string) (*Split, error) {
	s := &Split{ranges: make(map[string][]Range)}
	sc := bufio.NewScanner(r)
	lineNo := 0
	for sc.Scan() {
		lineNo++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		rg, err := parseRow(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, lineNo, err)
		}
		s.ranges[rg.File] = append(s.ranges[rg.File], rg)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return s, nil
}

// ParseFile reads the split description in the file path.
func ParseFile(path string) (*Split, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Parse(f, path)
}

func parseRow(line string) (Range, error) {
	cols := strings.Split(line, "\t")
	if len(cols) < 4 || len(cols) > 5 {
		return Range{}, fmt.Errorf("want 4 or 5 tab-separated columns (file first last period [note]), got %d", len(cols))
	}
	rg := Range{File: strings.TrimSpace(cols[0])}
	if len(cols) == 5 {
		rg.Note = cols[4]
	}
	if rg.File == "" || strings.ContainsAny(rg.File, `/\`) {
		return Range{}, fmt.Errorf("bad file name %q: want a base name such as admin.txt", rg.File)
	}
	nums := []*int{&rg.First, &rg.Last, &rg.Period}
	names := []string{"first", "last", "period"}
	for i, p := range nums {
		v, err := strconv.Atoi(strings.TrimSpace(cols[i+1]))
		if err != nil {
			return Range{}, fmt.Errorf("column %s: %q is not an integer", names[i], cols[i+1])
		}
		*p = v
	}
	switch {
	case rg.First < 1:
		return Range{}, fmt.Errorf("first line %d: line numbers start at 1", rg.First)
	case rg.Last < rg.First:
		return Range{}, fmt.Errorf("last line %d is before first line %d", rg.Last, rg.First)
	case rg.Period < 0:
		return Range{}, fmt.Errorf("period %d is negative", rg.Period)
	case rg.Period > 0 && rg.Period <= rg.Last-rg.First:
		return Range{}, fmt.Errorf("period %d is not longer than the range %d-%d", rg.Period, rg.First, rg.Last)
	}
	return rg, nil
}

// Ranges returns the held-out ranges of the corpus file with base name file.
func (s *Split) Ranges(file string) []Range {
	return s.ranges[filepath.Base(file)]
}

// Files returns the base names of the files the split mentions.
func (s *Split) Files() []string {
	var out []string
	for f := range s.ranges {
		out = append(out, f)
	}
	return out
}

// IsDev reports whether the 1-based line n of the corpus file is held out.
func (s *Split) IsDev(file string, n int) bool {
	for _, r := range s.Ranges(file) {
		if r.Contains(n) {
			return true
		}
	}
	return false
}

// Counts reports how many lines Divide wrote to each side.
type Counts struct {
	Train, Dev int
}

// Divide copies the lines of the corpus file named file from src to train or
// dev according to the split. Every line, including the last one, is written
// with a trailing newline.
func (s *Split) Divide(file string, src io.Reader, train, dev io.Writer) (Counts, error) {
	var c Counts
	rs := s.Ranges(file)
	br := bufio.NewReaderSize(src, 1<<16)
	for n := 1; ; n++ {
		line, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			// Longer than the buffer: collect the rest.
			long := append([]byte(nil), line...)
			for errors.Is(err, bufio.ErrBufferFull) {
				line, err = br.ReadSlice('\n')
				long = append(long, line...)
			}
			line = long
		}
		if len(line) > 0 {
			if line[len(line)-1] != '\n' {
				line = append(line, '\n')
			}
			w := train
			held := false
			for _, r := range rs {
				if r.Contains(n) {
					held = true
					break
				}
			}
			if held {
				w = dev
				c.Dev++
			} else {
				c.Train++
			}
			if _, werr := w.Write(line); werr != nil {
				return c, werr
			}
		}
		if err == io.EOF {
			return c, nil
		}
		if err != nil {
			return c, fmt.Errorf("%s: line %d: %w", file, n, err)
		}
	}
}
