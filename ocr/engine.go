package ocr

import (
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"os"
	"runtime"
	"slices"
	"strconv"
	"sync"

	"github.com/otiai10/gosseract/v2"
)

// Engine OCRs pages and files. Create it once with [NewEngine] and use it
// from any number of goroutines; it runs at most Options.Jobs Tesseract
// clients at a time. Call Close when done.
type Engine struct {
	opts    Options
	pre     Preprocess
	clients chan *gosseract.Client // Jobs slots; nil until a slot is first used
	mu      sync.Mutex
	closed  bool
}

// Options configure an Engine. The zero value is usable: Vietnamese, one
// client per CPU, the default limits, preprocessing and no correction.
type Options struct {
	// Language is the Tesseract language, such as "vie" (the default) or
	// "vie+eng".
	Language string
	// TessdataPrefix is the directory of the traineddata files; empty means
	// Tesseract's own default.
	TessdataPrefix string
	// Jobs is the number of Tesseract clients, the most pages read at once;
	// 0 means runtime.NumCPU().
	Jobs int
	// MaxPixels refuses images with more pixels than this, from their
	// header, before decoding; 0 means DefaultMaxPixels, <0 no limit.
	MaxPixels int64
	// MaxPages refuses documents with more pages than this; 0 means
	// DefaultMaxPages, <0 no limit.
	MaxPages int
	// Corrector repairs each line's words; nil means Identity.
	Corrector Corrector
	// Preprocess selects the image steps; nil means DefaultPreprocess.
	Preprocess *Preprocess
}

// Default limits of an Engine.
const (
	DefaultMaxPixels = 100_000_000
	DefaultMaxPages  = 1000
)

// ErrNoLanguage reports that Tesseract has no traineddata for the
// requested language.
var ErrNoLanguage = errors.New("tesseract has no traineddata for the language")

// NewEngine checks that Tesseract can read opts.Language and returns an
// Engine.
func NewEngine(opts Options) (*Engine, error) {
	if opts.Language == "" {
		opts.Language = "vie"
	}
	if opts.Jobs <= 0 {
		opts.Jobs = runtime.NumCPU()
	}
	if opts.MaxPixels == 0 {
		opts.MaxPixels = DefaultMaxPixels
	}
	if opts.MaxPages == 0 {
		opts.MaxPages = DefaultMaxPages
	}
	if opts.Corrector == nil {
		opts.Corrector = Identity{}
	}
	pre := DefaultPreprocess
	if opts.Preprocess != nil {
		pre = *opts.Preprocess
	}
	if err := checkLanguage(opts); err != nil {
		return nil, err
	}
	e := &Engine{opts: opts, pre: pre, clients: make(chan *gosseract.Client, opts.Jobs)}
	for range opts.Jobs {
		e.clients <- nil
	}
	return e, nil
}

// checkLanguage looks for every traineddata file the language needs.
func checkLanguage(opts Options) error {
	var have []string
	var err error
	if opts.TessdataPrefix != "" {
		ents, derr := os.ReadDir(opts.TessdataPrefix)
		err = derr
		for _, e := range ents {
			if n, ok := cutSuffix(e.Name(), ".traineddata"); ok {
				have = append(have, n)
			}
		}
	} else {
		have, err = gosseract.GetAvailableLanguages()
	}
	if err != nil {
		return fmt.Errorf("%w %q: %v", ErrNoLanguage, opts.Language, err)
	}
	for _, l := range splitPlus(opts.Language) {
		if !slices.Contains(have, l) {
			return fmt.Errorf("%w %q (have %v; on Debian/Ubuntu install tesseract-ocr-%s)", ErrNoLanguage, l, have, l)
		}
	}
	return nil
}

// Jobs returns the number of pages the Engine reads at once.
func (e *Engine) Jobs() int { return e.opts.Jobs }

// Close frees the Tesseract clients. Call it once every call on the Engine
// has returned; the Engine cannot be used after.
func (e *Engine) Close() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return nil
	}
	e.closed = true
	for range e.opts.Jobs {
		if c := <-e.clients; c != nil {
			c.Close()
		}
	}
	return nil
}

// acquire takes a Tesseract client from the pool, creating it on first use.
func (e *Engine) acquire(ctx context.Context) (*gosseract.Client, error) {
	select {
	case c := <-e.clients:
		if c != nil {
			return c, nil
		}
		c = gosseract.NewClient()
		if e.opts.TessdataPrefix != "" {
			c.SetTessdataPrefix(e.opts.TessdataPrefix)
		}
		err := errors.Join(
			c.SetLanguage(splitPlus(e.opts.Language)...),
			c.SetVariable("tessedit_pageseg_mode", strconv.Itoa(int(gosseract.PSM_SINGLE_BLOCK))),
			c.DisableOutput(),
		)
		if err == nil {
			err = initClient(c)
		}
		if err != nil {
			c.Close()
			e.clients <- nil
			return nil, fmt.Errorf("tesseract: %w", err)
		}
		return c, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (e *Engine) release(c *gosseract.Client) { e.clients <- c }

// initMu serialises the initialisation of Tesseract clients: gosseract
// silences Tesseract during Init by pointing file descriptor 2 at /dev/null
// and back, and two clients doing that at once can leave the process's
// standard error closed for good.
var initMu sync.Mutex

// initClient initialises c now, under initMu, by reading a blank pixel;
// gosseract would otherwise do it at the first page.
func initClient(c *gosseract.Client) error {
	initMu.Lock()
	defer initMu.Unlock()
	if err := c.SetImageFromBytes([]byte("P5\n1 1\n255\n\xff")); err != nil {
		return err
	}
	_, err := c.Text()
	return err
}

// RecognizeImage OCRs one page image. dpi is its resolution, 0 if unknown.
func (e *Engine) RecognizeImage(ctx context.Context, img image.Image, dpi float64) (*Page, error) {
	c, err := e.acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer e.release(c)
	return e.recognize(c, pageImage{img: img, dpi: dpi})
}

// recognize preprocesses a page, runs Tesseract on it with client c and
// corrects the result.
func (e *Engine) recognize(c *gosseract.Client, pi pageImage) (*Page, error) {
	b := pi.img.Bounds()
	prep := e.pre.prepare(pi)
	if prep.dpi > 0 {
		c.SetVariable("user_defined_dpi", strconv.Itoa(int(prep.dpi+0.5)))
	}
	if err := c.SetImageFromBytes(pgm(prep.gray)); err != nil {
		return nil, fmt.Errorf("tesseract: %w", err)
	}
	words, err := c.GetBoundingBoxesVerbose()
	if err != nil {
		return nil, fmt.Errorf("tesseract: %w", err)
	}
	page := &Page{Width: b.Dx(), Height: b.Dy(), DPI: pi.dpi}
	page.Blocks = buildBlocks(words, prep.scale)
	if err := correctPage(page, e.opts.Corrector); err != nil {
		return nil, err
	}
	return page, nil
}

// RecognizeFile OCRs every page of the image or PDF at path, reading its
// pages in parallel. An error names the file and, when it concerns one
// page, the page.
func (e *Engine) RecognizeFile(ctx context.Context, path string) (*Document, error) {
	doc, err := e.recognizeFile(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return doc, nil
}

func (e *Engine) recognizeFile(ctx context.Context, path string) (*Document, error) {
	src, err := openSource(ctx, path, limits{maxPixels: e.opts.MaxPixels, maxPages: e.opts.MaxPages})
	if err != nil {
		return nil, err
	}
	doc := &Document{Source: path, Format: string(src.format), Pages: make([]*Page, src.pages)}
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	fail := func(err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		mu.Unlock()
	}
	failed := func() bool { mu.Lock(); defer mu.Unlock(); return firstErr != nil }
	for i := 0; i < src.pages && !failed(); i++ {
		// Take a client before decoding, so that at most Jobs decoded
		// pages wait in memory.
		c, err := e.acquire(ctx)
		if err != nil {
			fail(err)
			break
		}
		pi, err := src.page(ctx, i)
		if err != nil {
			e.release(c)
			fail(pageErr(src, i, err))
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer e.release(c)
			p, err := e.recognize(c, pi)
			if err != nil {
				fail(pageErr(src, i, err))
				return
			}
			p.Number = i + 1
			doc.Pages[i] = p
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	return doc, nil
}

func pageErr(src *source, i int, err error) error {
	if src.pages == 1 {
		return err
	}
	return fmt.Errorf("page %d: %w", i+1, err)
}

// source gives the pages of one input file.
type source struct {
	format Format
	pages  int
	page   func(ctx context.Context, i int) (pageImage, error)
}

// openSource sniffs the file at path and prepares to read its pages,
// checking the page limit.
func openSource(ctx context.Context, path string, lim limits) (*source, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, errors.New("is a directory")
	}
	head := make([]byte, 8)
	n, err := io.ReadFull(f, head)
	if err != nil && n == 0 {
		if errors.Is(err, io.EOF) {
			return nil, ErrEmpty
		}
		return nil, err
	}
	format, err := Sniff(head[:n])
	if err != nil {
		return nil, err
	}
	if format == FormatPDF {
		pdf, err := openPDF(ctx, path, lim.maxPages)
		if err != nil {
			return nil, err
		}
		return &source{format: format, pages: len(pdf.pages), page: func(ctx context.Context, i int) (pageImage, error) {
			return pdf.page(ctx, i, lim)
		}}, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if format == FormatTIFF {
		t, err := parseTIFF(data, lim.maxPages)
		if err != nil {
			return nil, err
		}
		return &source{format: format, pages: len(t.ifds), page: func(_ context.Context, i int) (pageImage, error) {
			return t.page(i, lim)
		}}, nil
	}
	return &source{format: format, pages: 1, page: func(context.Context, int) (pageImage, error) {
		return decodeRaster(data, format, lim)
	}}, nil
}
