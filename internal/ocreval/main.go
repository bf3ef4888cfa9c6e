// Command ocreval scores OCR output of the held-out synthetic pages against
// their gold text, word error rate per degradation level, and runs the OCR
// engine with chosen preprocessing for the measurements behind
// ocr.DefaultPreprocess.
//
//	ocreval score -synth DIR [-pages FILE] NAME=HYPDIR[:raw]...
//	ocreval run   -synth DIR [-pages FILE] -out DIR [-upscale F] [-upscale-below DPI] [-gamma G -white W] [-jobs N]
//
// A hypothesis directory holds one <page_id>.txt, <page_id>.png.txt or
// <page_id>.png.json (the JSON of vnrestore ocr --format json) per page.
// For JSON, NAME=HYPDIR scores the corrected text and NAME=HYPDIR:raw the
// text as Tesseract read it, so one run gives both. WER is the word
// Levenshtein distance of the whole page against its gold lines, divided by
// the number of gold words, summed over the pages of a level, as
// internal/evaluate counts it (the metric of vnrestore eval): punctuation
// and symbols removed, case counts; lines are paired when the page has as
// many non-empty lines as gold, else the page is aligned as a whole.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/vnarchive/vnrestore/diacritics/errmodel"
	"github.com/vnarchive/vnrestore/internal/evaluate"
	"github.com/vnarchive/vnrestore/ocr"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "score":
		err = score(os.Args[2:])
	case "run":
		err = run(os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "ocreval:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: ocreval score -synth DIR [-pages FILE] NAME=HYPDIR...\n       ocreval run -synth DIR [-pages FILE] -out DIR [-upscale F] [-upscale-below DPI] [-gamma G -white W] [-jobs N]")
	os.Exit(2)
}

// levels in the order they are reported.
var levels = []string{"clean", "light", "medium", "heavy"}

func score(args []string) error {
	fs := flag.NewFlagSet("score", flag.ExitOnError)
	synth := fs.String("synth", "../shared/synth/train", "synthetic set directory (with train.tsv)")
	pagesFile := fs.String("pages", "data/synth-heldout.txt", "pages to score: page_id and level per line")
	fs.Parse(args)
	pages, err := readPages(*pagesFile)
	if err != nil {
		return err
	}
	gold, err := readGold(filepath.Join(*synth, "train.tsv"), pages)
	if err != nil {
		return err
	}
	fmt.Printf("WER/CER per level\n%-14s", "system")
	for _, l := range levels {
		fmt.Printf(" %15s", l)
	}
	fmt.Printf(" %15s\n", "all")
	for _, sys := range fs.Args() {
		name, dir, ok := strings.Cut(sys, "=")
		if !ok {
			return fmt.Errorf("%q: want NAME=HYPDIR[:raw]", sys)
		}
		dir, raw := strings.CutSuffix(dir, ":raw")
		scores := map[string]*evaluate.Scores{}
		for _, l := range append(levels, "all") {
			scores[l] = &evaluate.Scores{}
		}
		for _, p := range pages {
			hyp, err := readHyp(dir, p.id, raw)
			if err != nil {
				return err
			}
			sc, err := evaluate.Texts(strings.Join(gold[p.id], "\n"), nonEmptyLines(hyp))
			if err != nil {
				return fmt.Errorf("%s: %w", p.id, err)
			}
			scores[p.level].Add(sc)
			scores["all"].Add(sc)
		}
		fmt.Printf("%-14s", name)
		for _, l := range append(levels, "all") {
			if scores[l].Words == 0 {
				fmt.Printf(" %15s", "-")
				continue
			}
			fmt.Printf("   %.4f/%.4f", scores[l].WER(), scores[l].CER())
		}
		fmt.Println()
	}
	return nil
}

func run(args []string) error {
	fs := flag.NewFlagSet("run", flag.ExitOnError)
	synth := fs.String("synth", "../shared/synth/train", "synthetic set directory (with images/)")
	pagesFile := fs.String("pages", "data/synth-heldout.txt", "pages to OCR: page_id and level per line")
	out := fs.String("out", "", "directory for <page_id>.txt")
	up := fs.Float64("upscale", 0, "upscale factor for low-resolution pages (0: none)")
	below := fs.Float64("upscale-below", 200, "upscale pages below this dpi")
	gamma := fs.Float64("gamma", ocr.DefaultPreprocess.ToneGamma, "tone curve exponent (0 or 1: off)")
	white := fs.Float64("white", ocr.DefaultPreprocess.ToneWhite, "white point of the tone curve, grey levels below the paper")
	jobs := fs.Int("jobs", 1, "Tesseract clients")
	fs.Parse(args)
	if *out == "" {
		return fmt.Errorf("run: -out is required")
	}
	pages, err := readPages(*pagesFile)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	pre := ocr.DefaultPreprocess // and its future steps, with the flags' settings
	pre.UpscaleBelowDPI, pre.UpscaleFactor, pre.ToneGamma, pre.ToneWhite = *below, *up, *gamma, *white
	eng, err := ocr.NewEngine(ocr.Options{Jobs: *jobs, Preprocess: &pre})
	if err != nil {
		return err
	}
	defer eng.Close()
	start := time.Now()
	sem := make(chan struct{}, *jobs)
	errc := make(chan error, len(pages))
	for _, p := range pages {
		sem <- struct{}{}
		go func() {
			defer func() { <-sem }()
			doc, err := eng.RecognizeFile(context.Background(), filepath.Join(*synth, "images", p.id+".png"))
			if err == nil {
				err = os.WriteFile(filepath.Join(*out, p.id+".txt"), []byte(doc.Text()), 0o644)
			}
			errc <- err
		}()
	}
	for range pages {
		if err := <-errc; err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "ocreval: %d pages in %.1fs\n", len(pages), time.Since(start).Seconds())
	return nil
}

// readHyp returns the text of one page in dir.
func readHyp(dir, id string, raw bool) (string, error) {
	for _, name := range []string{id + ".txt", id + ".png.txt"} {
		if data, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
			if raw {
				return "", fmt.Errorf("%s: :raw needs the JSON output", filepath.Join(dir, name))
			}
			return string(data), nil
		}
	}
	path := filepath.Join(dir, id+".png.json")
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("no output for %s in %s", id, dir)
	}
	var doc ocr.Document
	if err := json.Unmarshal(data, &doc); err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	if raw {
		return doc.RawText(), nil
	}
	return doc.Text(), nil
}

type page struct{ id, level string }

// readPages reads "page_id<TAB>level" lines, skipping # comments.
func readPages(path string) ([]page, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []page
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fs := strings.Fields(line)
		if len(fs) < 2 {
			return nil, fmt.Errorf("%s: bad line %q", path, line)
		}
		out = append(out, page{fs[0], fs[1]})
	}
	return out, sc.Err()
}

// readGold returns the gold lines of the pages of train.tsv, in order.
func readGold(path string, pages []page) (map[string][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sel := errmodel.Selection{Pages: make(map[string]bool, len(pages))}
	for _, p := range pages {
		sel.Pages[p.id] = true
	}
	gold := map[string][]string{}
	_, err = errmodel.ReadTSV(f, path, errmodel.SynthOCR, sel, func(r errmodel.Row) {
		gold[r.Page] = append(gold[r.Page], r.Gold)
	})
	return gold, err
}

// nonEmptyLines drops the empty lines that separate blocks.
func nonEmptyLines(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" && l != "\f" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
