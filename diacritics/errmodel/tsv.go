package errmodel

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// TSVColumns says where a TSV of aligned lines keeps its fields (0-based).
// Page < 0 means the file has no page column, Level < 0 no level column.
type TSVColumns struct {
	Page, Level, Gold, OCR int
}

// SynthLegacy and SynthOCR are the columns of shared/synth's train.tsv for
// the English-model (legacy) and Vietnamese-model (Tesseract) readings.
var (
	SynthLegacy = TSVColumns{Page: 0, Level: 2, Gold: 4, OCR: 6}
	SynthOCR    = TSVColumns{Page: 0, Level: 2, Gold: 4, OCR: 5}
)

// A Selection says which rows of a TSV to read.
type Selection struct {
	Pages        map[string]bool // if not empty, only rows of these pages
	ExcludePages map[string]bool // pages to leave out (held out for evaluation)
	Levels       map[string]bool // if not empty, only rows of these levels
	// Weights weighs the rows of a level (default 1) in AddTSV, e.g. to
	// make the channel model the worst scans more closely (see
	// AddLineWeighted).
	Weights map[string]float64
}

// A Row is one row of a TSV of aligned lines; Page and Level are "" when
// the file has no such column.
type Row struct {
	Page, Level, Gold, OCR string
}

// ReadTSV calls fn with every row of a tab-separated file of aligned lines
// that sel selects. A first row whose gold field reads "gold" is taken as
// the header. Fields are split on tabs with no quoting. name is used in
// errors. It returns the number of rows passed to fn.
func ReadTSV(r io.Reader, name string, cols TSVColumns, sel Selection, fn func(Row)) (int, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	need := max(cols.Page, cols.Level, cols.Gold, cols.OCR) + 1
	rows, line := 0, 0
	for sc.Scan() {
		line++
		f := strings.Split(strings.TrimSuffix(sc.Text(), "\r"), "\t")
		if len(f) == 1 && f[0] == "" {
			continue
		}
		if len(f) < need {
			return rows, fmt.Errorf("%s:%d: %d fields, need at least %d", name, line, len(f), need)
		}
		if line == 1 && f[cols.Gold] == "gold" {
			continue
		}
		row := Row{Gold: f[cols.Gold], OCR: f[cols.OCR]}
		if cols.Page >= 0 {
			row.Page = f[cols.Page]
		}
		if cols.Level >= 0 {
			row.Level = f[cols.Level]
		}
		if sel.ExcludePages[row.Page] || len(sel.Pages) > 0 && !sel.Pages[row.Page] || len(sel.Levels) > 0 && !sel.Levels[row.Level] {
			continue
		}
		fn(row)
		rows++
	}
	if err := sc.Err(); err != nil {
		return rows, fmt.Errorf("%s: %w", name, err)
	}
	return rows, nil
}

// AddTSV adds the rows of a tab-separated file of aligned lines that sel
// selects (see ReadTSV), each weighed by sel.Weights. It returns the
// number of rows added.
func (t *Trainer) AddTSV(r io.Reader, name string, cols TSVColumns, sel Selection) (int, error) {
	return ReadTSV(r, name, cols, sel, func(row Row) {
		w := 1.0
		if v, ok := sel.Weights[row.Level]; ok && cols.Level >= 0 {
			w = v
		}
		t.AddLineWeighted(row.Gold, row.OCR, w)
	})
}

// ReadPageList reads a list of page ids, one per line in the first
// tab-separated field; blank lines and lines starting with # are skipped.
func ReadPageList(r io.Reader) (map[string]bool, error) {
	pages := make(map[string]bool)
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		id, _, _ := strings.Cut(l, "\t")
		pages[strings.TrimSpace(id)] = true
	}
	return pages, sc.Err()
}
