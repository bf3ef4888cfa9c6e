package errmodel

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// TSVColumns says where a TSV of aligned lines keeps its fields (0-based).
// Page < 0 means the file has no page column, so no row can be excluded.
type TSVColumns struct {
	Page, Gold, OCR int
}

// SynthLegacy and SynthOCR are the columns of shared/synth's train.tsv for
// the English-model (legacy) and Vietnamese-model (Tesseract) readings.
var (
	SynthLegacy = TSVColumns{Page: 0, Gold: 4, OCR: 6}
	SynthOCR    = TSVColumns{Page: 0, Gold: 4, OCR: 5}
)

// AddTSV adds every row of a tab-separated file of aligned lines, except
// those whose page is in exclude. A first row whose gold field reads "gold"
// is taken as the header. Fields are split on tabs with no quoting. name
// is used in errors. It returns the number of rows added.
func (t *Trainer) AddTSV(r io.Reader, name string, cols TSVColumns, exclude map[string]bool) (int, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	need := max(cols.Page, cols.Gold, cols.OCR) + 1
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
		if cols.Page >= 0 && exclude[f[cols.Page]] {
			continue
		}
		t.AddLine(f[cols.Gold], f[cols.OCR])
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
