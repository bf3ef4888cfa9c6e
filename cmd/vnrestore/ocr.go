package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"github.com/vnarchive/vnrestore/internal/atomicfile"
	"github.com/vnarchive/vnrestore/ocr"
	"golang.org/x/term"
)

// ocrFlags are the flags of `vnrestore ocr`.
type ocrFlags struct {
	output       string
	format       string
	jobs         int
	force        bool
	mode         string
	noCorrect    bool
	lang         string
	maxPixels    int64
	maxPages     int
	upscale      float64
	upscaleBelow float64
}

var ocrOpts ocrFlags

var ocrCmd = &cobra.Command{
	Use:   "ocr [flags] INPUT...",
	Short: "OCR scans (PNG, JPEG, TIFF, PDF) into corrected Vietnamese text",
	Long: `ocr reads scanned pages with Tesseract's Vietnamese model and corrects the
words it misread.

INPUT is an image (PNG, JPEG, TIFF, every page of a multi-page TIFF), a PDF
(scanned pages are extracted, other pages rendered at 300 dpi; needs poppler's
pdfinfo, pdfimages and pdftoppm), a directory (searched recursively for
.png .jpg .jpeg .tif .tiff .pdf) or a glob. Files are recognised by their
content, not their name.

With one input and no -o the text goes to standard output. With -o DIR each
input is written to DIR/<input path>.txt (or .json), mirroring the input tree;
an output newer than its input is skipped unless --force, so an interrupted
batch can be run again; outputs are written atomically, and a summary goes
to standard error (not with -q). Failed inputs are always listed there.

Exit status: 0 all inputs done, 1 some failed (listed at the end), 2 usage.
Needs Tesseract with Vietnamese data (Debian: tesseract-ocr tesseract-ocr-vie).`,
	Args: cobra.MinimumNArgs(1),
	RunE: runOCR,
}

func init() {
	f := ocrCmd.Flags()
	f.StringVarP(&ocrOpts.output, "output", "o", "", "write DIR/<input path>.txt for each input")
	f.StringVar(&ocrOpts.format, "format", "txt", "output format: txt or json (pages, blocks, lines, words with box, confidence, raw and corrected text)")
	f.IntVar(&ocrOpts.jobs, "jobs", runtime.NumCPU(), "pages OCR'd in parallel")
	f.BoolVar(&ocrOpts.force, "force", false, "redo inputs whose output is up to date")
	f.StringVar(&ocrOpts.mode, "mode", "ocr", "correction: ocr (repair OCR errors, weighted by Tesseract's confidence) or none")
	f.BoolVar(&ocrOpts.noCorrect, "no-correct", false, "keep Tesseract's text as it is (same as --mode none)")
	f.StringVar(&ocrOpts.lang, "lang", "vie", "Tesseract language(s), e.g. vie or vie+eng")
	f.Int64Var(&ocrOpts.maxPixels, "max-pixels", ocr.DefaultMaxPixels, "refuse images with more pixels than this (checked before decoding)")
	f.IntVar(&ocrOpts.maxPages, "max-pages", ocr.DefaultMaxPages, "refuse documents with more pages than this")
	f.Float64Var(&ocrOpts.upscale, "upscale", 0, "enlarge low-resolution pages by this factor before OCR (0: off; see --upscale-below)")
	f.Float64Var(&ocrOpts.upscaleBelow, "upscale-below", 200, "resolution in dpi under which --upscale applies")
	rootCmd.AddCommand(ocrCmd)
}

// ocrJob is one input file and where its result goes.
type ocrJob struct {
	input  string
	output string // "" for standard output
}

// ocrFailure is an input that could not be read.
type ocrFailure struct {
	input string
	err   error
}

func runOCR(cmd *cobra.Command, args []string) error {
	o := ocrOpts
	if o.format != "txt" && o.format != "json" {
		return usageError{fmt.Errorf("--format %q: want txt or json", o.format)}
	}
	if o.mode != "ocr" && o.mode != "none" {
		return usageError{fmt.Errorf("--mode %q: want ocr or none", o.mode)}
	}
	if o.jobs < 1 {
		return usageError{fmt.Errorf("--jobs %d: want at least 1", o.jobs)}
	}
	if o.maxPixels <= 0 || o.maxPages <= 0 {
		return usageError{errors.New("--max-pixels and --max-pages must be positive")}
	}
	oneOMPThread()
	inputs, failures := expandInputs(args)
	total := len(inputs) + len(failures)
	if o.output == "" && total > 1 {
		return usageError{fmt.Errorf("%d inputs: give -o DIR to write one output per input", total)}
	}
	var corrector ocr.Corrector = ocr.Identity{}
	if o.mode == "ocr" && !o.noCorrect {
		model, err := loadModel()
		if err != nil {
			return err
		}
		if corrector, err = ocr.NewLexiconCorrector(model); err != nil {
			return err
		}
	}
	pre := ocr.DefaultPreprocess
	pre.UpscaleBelowDPI, pre.UpscaleFactor = o.upscaleBelow, o.upscale
	eng, err := ocr.NewEngine(ocr.Options{
		Language:   o.lang,
		Jobs:       o.jobs,
		MaxPixels:  o.maxPixels,
		MaxPages:   o.maxPages,
		Corrector:  corrector,
		Preprocess: &pre,
	})
	if err != nil {
		return err
	}
	defer eng.Close()

	jobs := make([]ocrJob, 0, len(inputs))
	skipped := 0
	for _, in := range inputs {
		j := ocrJob{input: in}
		if o.output != "" {
			j.output = filepath.Join(o.output, mirrorPath(in)+"."+o.format)
			if !o.force && upToDate(in, j.output) {
				skipped++
				continue
			}
		}
		jobs = append(jobs, j)
	}

	stderr := cmd.ErrOrStderr()
	bar := newProgress(stderr, len(jobs))
	start := time.Now()
	var (
		mu    sync.Mutex
		pages int
		done  int
	)
	work := make(chan ocrJob)
	var wg sync.WaitGroup
	for range min(o.jobs, max(1, len(jobs))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				n, err := ocrOne(cmd.Context(), eng, j, o.format, cmd.OutOrStdout())
				mu.Lock()
				if err != nil {
					failures = append(failures, ocrFailure{j.input, err})
				} else {
					pages += n
					done++
				}
				mu.Unlock()
				if bar != nil {
					bar.Add(1)
				}
			}
		}()
	}
	for _, j := range jobs {
		work <- j
	}
	close(work)
	wg.Wait()
	if bar != nil {
		bar.Finish()
		fmt.Fprintln(stderr)
	}

	elapsed := time.Since(start)
	if !global.quiet && o.output != "" {
		rate := ""
		if elapsed > 0 && pages > 0 {
			rate = fmt.Sprintf(", %.1f pages/min", float64(pages)/elapsed.Minutes())
		}
		fmt.Fprintf(stderr, "vnrestore ocr: %d done (%d pages), %d up to date, %d failed in %.1fs%s\n",
			done, pages, skipped, len(failures), elapsed.Seconds(), rate)
	}
	if len(failures) == 0 {
		return nil
	}
	slices.SortFunc(failures, func(a, b ocrFailure) int { return strings.Compare(a.input, b.input) })
	fmt.Fprintln(stderr, "failed inputs:")
	for _, f := range failures {
		fmt.Fprintf(stderr, "  %s\n", oneLine(f.err))
	}
	return batchError{failed: len(failures), total: total}
}

// ocrOne OCRs one input and writes its result, returning its page count.
func ocrOne(ctx context.Context, eng *ocr.Engine, j ocrJob, format string, stdout io.Writer) (int, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	doc, err := eng.RecognizeFile(ctx, j.input)
	if err != nil {
		return 0, err
	}
	var data []byte
	if format == "json" {
		data, err = json.MarshalIndent(doc, "", " ")
		if err != nil {
			return 0, fmt.Errorf("%s: %w", j.input, err)
		}
		data = append(data, '\n')
	} else {
		data = []byte(doc.Text())
	}
	if j.output == "" {
		_, err = stdout.Write(data)
		return len(doc.Pages), err
	}
	if err := atomicfile.Write(j.output, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
		return 0, fmt.Errorf("%s: %w", j.input, err)
	}
	return len(doc.Pages), nil
}

// scanExts are the file names a directory input is searched for; files named
// on the command line are read whatever their name.
var scanExts = []string{".png", ".jpg", ".jpeg", ".tif", ".tiff", ".pdf"}

// expandInputs turns the command-line inputs into files: directories are
// walked recursively for scans, arguments that do not exist but contain
// glob characters are expanded. Inputs that match nothing are failures.
func expandInputs(args []string) (files []string, failed []ocrFailure) {
	seen := map[string]bool{}
	add := func(p string) {
		if k := filepath.Clean(p); !seen[k] {
			seen[k] = true
			files = append(files, p)
		}
	}
	fail := func(p string, err error) { failed = append(failed, ocrFailure{p, err}) }
	for _, arg := range args {
		st, err := os.Stat(arg)
		if err != nil && strings.ContainsAny(arg, "*?[") {
			matches, gerr := filepath.Glob(arg)
			if gerr != nil || len(matches) == 0 {
				fail(arg, fmt.Errorf("%s: no file matches", arg))
				continue
			}
			for _, m := range matches {
				if fi, err := os.Stat(m); err == nil && fi.IsDir() {
					walkDir(m, add, fail)
				} else {
					add(m)
				}
			}
			continue
		}
		switch {
		case err != nil:
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = fmt.Errorf("%s: %w", arg, pe.Err)
			}
			fail(arg, err)
		case st.IsDir():
			walkDir(arg, add, fail)
		default:
			add(arg)
		}
	}
	return files, failed
}

// walkDir calls add for every scan below dir, in lexical order.
func walkDir(dir string, add func(string), fail func(string, error)) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			fail(p, err)
			return nil
		}
		if !d.IsDir() && slices.Contains(scanExts, strings.ToLower(filepath.Ext(p))) {
			add(p)
		}
		return nil
	})
}

// mirrorPath is the path of an input below the output directory: the input
// path made relative, without its leading "/" or "../" parts.
func mirrorPath(in string) string {
	p := filepath.ToSlash(filepath.Clean(in))
	p = strings.TrimPrefix(p, filepath.ToSlash(filepath.VolumeName(in)))
	for {
		switch {
		case strings.HasPrefix(p, "/"):
			p = p[1:]
		case strings.HasPrefix(p, "../"):
			p = p[3:]
		default:
			return filepath.FromSlash(p)
		}
	}
}

// upToDate reports whether out exists and is not older than in.
func upToDate(in, out string) bool {
	si, err := os.Stat(in)
	if err != nil {
		return false
	}
	so, err := os.Stat(out)
	return err == nil && !so.ModTime().Before(si.ModTime())
}

// newProgress returns a progress bar over n files on w if w is a terminal
// and --quiet is off, nil otherwise.
func newProgress(w io.Writer, n int) *progressbar.ProgressBar {
	f, ok := w.(*os.File)
	if global.quiet || n < 2 || !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return progressbar.NewOptions(n,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("ocr"),
		progressbar.OptionShowCount(),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
	)
}

// oneLine keeps the first line of an error message.
func oneLine(err error) string {
	s := err.Error()
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}
