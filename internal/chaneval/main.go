// Command chaneval measures the OCR error models (channels) of package
// errmodel on their own, before any decoding: on the held-out pages of the
// synthetic scans it aligns every gold word with its OCR token and reports,
// per degradation level, how often the gold syllable is among the channel's
// candidates (recall at 1, 3, 10 and all), the mean number of candidates,
// and the candidate generation speed.
//
// Usage:
//
//	go run ./internal/chaneval [-mode legacy|ocr] [-model FILE] [-tsv FILE] [-heldout FILE]
//
// It exits with a message when the shared data is missing.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"github.com/vnarchive/vnrestore/diacritics"
	"github.com/vnarchive/vnrestore/diacritics/errmodel"
)

func main() {
	mode := flag.String("mode", "legacy", "channel: legacy (ocr_eng column) or ocr (ocr_vie column)")
	model := flag.String("model", "", "model file (default: the embedded one)")
	tsv := flag.String("tsv", "../shared/synth/train/train.tsv", "aligned lines")
	heldout := flag.String("heldout", "data/synth-heldout.txt", "held-out page list")
	beam := flag.Float64("beam", 0, "candidate beam (log10); 0 = default")
	maxc := flag.Int("max", 0, "max candidates; 0 = default")
	edit := flag.Float64("edit", 0, "log10 prob of an edit no rule covers; 0 = default")
	misses := flag.Int("misses", 0, "print up to this many heavy-level words whose gold syllable is not proposed")
	inventory := flag.String("inventory", "", "file of syllables to propose, one per line (default: every well-formed syllable)")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile to this file")
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "chaneval:", err)
			os.Exit(1)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	if _, err := os.Stat(*tsv); err != nil {
		fmt.Fprintln(os.Stderr, "chaneval: no shared data, skipping:", err)
		return
	}
	var inv []string
	if *inventory != "" {
		data, err := os.ReadFile(*inventory)
		if err != nil {
			fmt.Fprintln(os.Stderr, "chaneval:", err)
			os.Exit(1)
		}
		inv = strings.Fields(string(data))
	}
	showMisses = *misses
	if err := run(*mode, *model, *tsv, *heldout, errmodel.Options{Inventory: inv, Beam: float32(*beam), MaxCandidates: *maxc, EditLogProb: float32(*edit), CacheSize: -1}); err != nil {
		fmt.Fprintln(os.Stderr, "chaneval:", err)
		os.Exit(1)
	}
}

type sample struct{ gold, obs string }

var showMisses int

func run(mode, modelPath, tsvPath, heldoutPath string, opts errmodel.Options) error {
	cols := errmodel.SynthLegacy
	if mode == "ocr" {
		cols = errmodel.SynthOCR
	}
	hf, err := os.Open(heldoutPath)
	if err != nil {
		return err
	}
	held, err := errmodel.ReadPageList(hf)
	hf.Close()
	if err != nil {
		return err
	}
	ch, err := errmodel.Load(mode, modelPath, opts)
	if err != nil {
		return err
	}
	f, err := os.Open(tsvPath)
	if err != nil {
		return err
	}
	defer f.Close()
	byLevel := map[string][]sample{}
	_, err = errmodel.ReadTSV(f, tsvPath, cols, errmodel.Selection{Pages: held}, func(r errmodel.Row) {
		for _, p := range errmodel.AlignTokens(r.Gold, r.OCR) {
			if len(p.Gold) != 1 || len(p.Obs) != 1 {
				continue
			}
			if g := errmodel.Key(p.Gold[0]); g != "" {
				byLevel[r.Level] = append(byLevel[r.Level], sample{g, p.Obs[0]})
			}
		}
	})
	if err != nil {
		return err
	}
	fmt.Printf("channel %s, held-out pages of %s, 1:1 word pairs with a syllable as gold\n", mode, tsvPath)
	fmt.Printf("%-7s %6s %7s %6s %6s %6s %6s %7s %9s\n", "level", "words", "exact", "r@1", "r@3", "r@10", "r@all", "cands", "tok/s")
	for _, lv := range []string{"clean", "light", "medium", "heavy"} {
		ss := byLevel[lv]
		var exact, r1, r3, r10, rall, ncand int
		var buf []diacritics.Candidate
		types := map[string]bool{}
		var took time.Duration
		for _, s := range ss {
			t0 := time.Now()
			buf = ch.Candidates(s.obs, buf[:0])
			took += time.Since(t0)
			types[strings.ToLower(s.obs)] = true
			ncand += len(buf)
			if strings.ToLower(s.obs) == s.gold {
				exact++
			}
			if lv == "heavy" && showMisses > 0 && !slices.ContainsFunc(buf, func(c diacritics.Candidate) bool { return c.Text == s.gold }) {
				showMisses--
				fmt.Printf("miss %q -> %q\n", s.obs, s.gold)
			}
			for i, c := range buf {
				if c.Text == s.gold {
					switch {
					case i < 1:
						r1++
						fallthrough
					case i < 3:
						r3++
						fallthrough
					case i < 10:
						r10++
					}
					rall++
					break
				}
			}
		}
		n := float64(max(len(ss), 1))
		fmt.Printf("%-7s %6d %7.3f %6.3f %6.3f %6.3f %6.3f %7.1f %9.0f\n", lv, len(ss), float64(exact)/n,
			float64(r1)/n, float64(r3)/n, float64(r10)/n, float64(rall)/n, float64(ncand)/n, float64(len(ss))/took.Seconds())
	}
	return nil
}
