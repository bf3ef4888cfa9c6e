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

// A Selection says which rows of a TSV to train on.
type Selection struct {
	ExcludePages map[string]bool // pages to leave out (held out for evaluation)
	Levels       map[string]bool // if not empty, only rows of these levels
	// Weights weighs the rows of a level (default 1), e.g. to make the
	// channel model the worst scans more closely (see AddLineWeighted).
	Weights map[string]float64
}

// AddTSV adds the rows of a tab-separated file of aligned lines that sel
// selects. A first row whose gold field reads "gold" is taken as the
// header. Fields are split on tabs with no quoting. name is used in
// errors. It returns the number of rows added.
func (t *Trainer) AddTSV(r io.Reader, name string, cols TSVColumns, sel Selection) (int, error) {
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
		if cols.Page >= 0 && sel.ExcludePages[f[cols.Page]] {
			continue
		}
		if len(sel.Levels) > 0 && (cols.Level < 0 || !sel.Levels[f[cols.Level]]) {
			continue
		}
		w := 1.0
		if cols.Level >= 0 {
			if v, ok := sel.Weights[f[cols.Level]]; ok {
				w = v
			}
		}
		t.AddLineWeighted(f[cols.Gold], f[cols.OCR], w)
		rows++
	}
	if err := sc.Err(); err != nil {
		return rows, fmt.Errorf("%s: %w", name, err)
	}
	return rows, nil
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
