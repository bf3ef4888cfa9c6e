package ocr

import (
	"context"
	"errors"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// newTestEngine returns an Engine for Vietnamese, skipping the test when
// Tesseract's Vietnamese data is not installed.
func newTestEngine(t testing.TB, opts Options) *Engine {
	t.Helper()
	e, err := NewEngine(opts)
	if errors.Is(err, ErrNoLanguage) {
		t.Skipf("tesseract Vietnamese data missing: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

func readLines(t testing.TB, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimRight(string(data), "\n"), "\n")
}

// wordErrors counts the words of got that differ from want, line by line.
func wordErrors(got, want []string) int {
	n := 0
	for i := range max(len(got), len(want)) {
		var g, w []string
		if i < len(got) {
			g = strings.Fields(got[i])
		}
		if i < len(want) {
			w = strings.Fields(want[i])
		}
		for j := range max(len(g), len(w)) {
			if j >= len(g) || j >= len(w) || g[j] != w[j] {
				n++
			}
		}
	}
	return n
}

func pageLines(p *Page) []string {
	var out []string
	for _, b := range p.Blocks {
		for _, l := range b.Lines {
			out = append(out, l.Text())
		}
	}
	return out
}

func TestSampleScan(t *testing.T) {
	e := newTestEngine(t, Options{Jobs: 1})
	doc, err := e.RecognizeFile(context.Background(), "../testdata/ocr/sample-scan.png")
	if err != nil {
		t.Fatal(err)
	}
	gold := readLines(t, "../testdata/ocr/sample-scan.gold.txt")
	if len(doc.Pages) != 1 || doc.Format != "png" || doc.Pages[0].DPI != 300 {
		t.Fatalf("got %d pages, format %s, dpi %v", len(doc.Pages), doc.Format, doc.Pages[0].DPI)
	}
	got := pageLines(doc.Pages[0])
	if len(got) != len(gold) {
		t.Fatalf("%d lines, want %d:\n%s", len(got), len(gold), doc.Text())
	}
	// The crop is a medium-degradation scan: Tesseract reads the words
	// right but picks up specks as stray marks at two line ends.
	if n := wordErrors(got, gold); n > 4 {
		t.Errorf("%d word errors, want at most 4:\n%s", n, doc.Text())
	}
	for _, want := range []string{"khóa tuyển sinh đầu tiên K44", "kiểm tra đánh giá (KTĐG)", "công bố công"} {
		if !strings.Contains(doc.Text(), want) {
			t.Errorf("text lacks %q:\n%s", want, doc.Text())
		}
	}
	w := doc.Pages[0].Blocks[0].Lines[0].Words[0]
	if w.Raw != "Ngay" || w.Confidence < 50 || w.Box.X0 <= 0 || w.Box.X1 <= w.Box.X0 || w.Changed {
		t.Errorf("first word = %+v", w)
	}
}

func TestTwoColumnHeaderReadingOrder(t *testing.T) {
	e := newTestEngine(t, Options{Jobs: 1})
	doc, err := e.RecognizeFile(context.Background(), "../testdata/ocr/header.png")
	if err != nil {
		t.Fatal(err)
	}
	p := doc.Pages[0]
	gold := readLines(t, "../testdata/ocr/header.gold.txt")
	if got := pageLines(p); wordErrors(got, gold) > 0 {
		t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(gold, "\n"))
	}
	if len(p.Blocks) != 3 {
		t.Fatalf("%d blocks, want left column, right column, body", len(p.Blocks))
	}
	if l, r := p.Blocks[0].Box, p.Blocks[1].Box; l.X1 >= r.X0 {
		t.Errorf("left column %v does not end before right column %v", l, r)
	}
}

func TestRecognizeFileFormats(t *testing.T) {
	e := newTestEngine(t, Options{Jobs: 2})
	g := loadGray(t, "../testdata/ocr/header.png")
	jpg := jpegWithJFIF(t, g, 200)
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name   string
		path   string
		format Format
		pages  int
	}{
		{"jpeg named .dat", write("scan.dat", jpg), FormatJPEG, 1},
		{"two-page tiff", write("scan.tif", multiPageTIFF([]*image.Gray{g, g}, 200)), FormatTIFF, 2},
		{"pdf of a scan", write("scan.pdf", jpegPDF(jpg, g.Rect.Dx(), g.Rect.Dy(), 200)), FormatPDF, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.format == FormatPDF {
				if _, err := exec.LookPath("pdfimages"); err != nil {
					t.Skip("poppler-utils not installed")
				}
			}
			doc, err := e.RecognizeFile(context.Background(), tt.path)
			if err != nil {
				t.Fatal(err)
			}
			if doc.Format != string(tt.format) || len(doc.Pages) != tt.pages {
				t.Fatalf("format %s, %d pages; want %s, %d", doc.Format, len(doc.Pages), tt.format, tt.pages)
			}
			for _, p := range doc.Pages {
				// JPEG artefacts may turn the first "ĐẢNG" into "ĐẲNG".
				if p.DPI != 200 || !strings.Contains(p.Text(), "CỘNG SẢN VIỆT NAM") {
					t.Errorf("page %d (dpi %v):\n%s", p.Number, p.DPI, p.Text())
				}
			}
		})
	}
}

func TestRecognizeFileBadInput(t *testing.T) {
	e := newTestEngine(t, Options{Jobs: 1})
	dir := t.TempDir()
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty.png", nil, ErrEmpty},
		{"notes.png", []byte("Biên bản họp chi bộ\n"), ErrUnknownFormat},
		{"huge.png", pngHeader(30000, 30000), ErrTooLarge},
		{"cut.jpg", jpegWithJFIF(t, loadGray(t, "../testdata/ocr/header.png"), 200)[:3000], ErrCorrupt},
		{"broken.pdf", []byte("%PDF-1.4\nnot really\n"), ErrCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "broken.pdf" {
				if _, err := exec.LookPath("pdfinfo"); err != nil {
					t.Skip("poppler-utils not installed")
				}
			}
			p := filepath.Join(dir, tt.name)
			if err := os.WriteFile(p, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := e.RecognizeFile(context.Background(), p)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), p) {
				t.Errorf("err = %v, want %v naming the file", err, tt.want)
			}
		})
	}
}

// upperCorrector upper-cases words Tesseract is not sure of and counts its
// calls; it checks that it is given one line at a time.
type upperCorrector struct {
	mu    sync.Mutex
	lines int
}

func (c *upperCorrector) CorrectLine(words []WordInput) ([]string, error) {
	c.mu.Lock()
	c.lines++
	c.mu.Unlock()
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = w.Text
		if w.Text == "THỊ" {
			out[i] = "Thị"
		}
	}
	return out, nil
}

func TestCorrectorAndConcurrentUse(t *testing.T) {
	stderr0, err := os.Stderr.Stat()
	if err != nil {
		t.Fatal(err)
	}
	c := &upperCorrector{}
	e := newTestEngine(t, Options{Jobs: 2, Corrector: c})
	files := []string{"../testdata/ocr/header.png", "../testdata/ocr/sample-scan.png", "../testdata/ocr/header.png"}
	docs := make([]*Document, len(files))
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			docs[i], errs[i] = e.RecognizeFile(context.Background(), f)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("%s: %v", files[i], err)
		}
	}
	// Two clients started at once must not leave standard error on
	// /dev/null (gosseract swaps file descriptor 2 during Init).
	if stderr1, err := os.Stderr.Stat(); err != nil || !os.SameFile(stderr0, stderr1) {
		t.Errorf("standard error is no longer the same file after OCR (%v)", err)
	}
	if docs[0].Text() != docs[2].Text() {
		t.Errorf("same file read differently:\n%s\n---\n%s", docs[0].Text(), docs[2].Text())
	}
	if !strings.Contains(docs[0].Text(), "CHỈ Thị") || !strings.Contains(docs[0].RawText(), "CHỈ THỊ") {
		t.Errorf("correction not applied or raw text lost:\n%s", docs[0].Text())
	}
	changed := 0
	for _, b := range docs[0].Pages[0].Blocks {
		for _, l := range b.Lines {
			for _, w := range l.Words {
				if w.Changed != (w.Raw != w.Text) {
					t.Errorf("word %+v: Changed flag wrong", w)
				}
				if w.Changed {
					changed++
				}
			}
		}
	}
	if changed != 1 {
		t.Errorf("%d words changed, want 1", changed)
	}
	if c.lines != 7+6+7 {
		t.Errorf("corrector saw %d lines, want 20", c.lines)
	}
}
