package errmodel

import (
	"os"
	"testing"
	"time"

	"github.com/vnarchive/vnrestore/diacritics"
	"github.com/vnarchive/vnrestore/lexicon"
)

// synthLines returns column col of the held-out synth pages, of the
// others (the channels' training pages) and of all of them in the file's
// order; without ../shared, the fixture's lines and no others.
func synthLines(tb testing.TB, col int) (heldOut, training, all []string) {
	path := "../../testdata/channel/synth-sample.tsv"
	var held map[string]bool
	if _, err := os.Stat("../../../shared/synth/train/train.tsv"); err == nil {
		f, err := os.Open("../../data/synth-heldout.txt")
		if err != nil {
			tb.Fatal(err)
		}
		path = "../../../shared/synth/train/train.tsv"
		held, err = ReadPageList(f)
		f.Close()
		if err != nil {
			tb.Fatal(err)
		}
	}
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	cols := TSVColumns{Page: 0, Level: 2, Gold: 4, OCR: col}
	_, err = ReadTSV(f, path, cols, Selection{}, func(r Row) {
		if held == nil || held[r.Page] {
			heldOut = append(heldOut, r.OCR)
		} else {
			training = append(training, r.OCR)
		}
		all = append(all, r.OCR)
	})
	if err != nil {
		tb.Fatal(err)
	}
	return heldOut, training, all
}

// How a restore benchmark treats the channel's cache of candidates.
type cacheState int

const (
	// cold builds a fresh channel, so an empty cache, for every pass over
	// the held-out pages: the speed on a document of this size (about
	// 11,000 words) read once.
	cold cacheState = iota
	// warmOther fills the cache with the training pages (about 44,000
	// words) first: the speed on new pages of an archive after a few
	// dozen others of the same kind.
	warmOther
	// warm fills the cache with the held-out pages themselves: the steady
	// state of a long archive, where every token type has been seen.
	warm
	// batch builds a fresh channel, as cold does, and restores all the
	// synthetic pages, held out or not (about 55,000 words), once: an
	// archive's batch read in one run, the cache filling as it goes.
	batch
)

// benchmarkRestoreChannel restores the held-out lines of the engine the
// channel name models with the decoder and that channel, and reports
// syllables (word tokens) per CPU second: "legacy" restores the ocr_eng
// lines in legacy mode, "ocr" the ocr_vie lines in OCR mode (without
// Tesseract's confidences, which only the ocr command has).
func benchmarkRestoreChannel(b *testing.B, name string, state cacheState) {
	lm, err := lexicon.Default()
	if err != nil {
		b.Fatal(err)
	}
	p, err := Embedded(name)
	if err != nil {
		b.Fatal(err)
	}
	mode, with := diacritics.Legacy, diacritics.WithLegacyChannel
	if name == "ocr" {
		mode, with = diacritics.OCR, diacritics.WithOCRChannel
	}
	lines, training, all := synthLines(b, ocrColumn(name))
	if (state == warmOther || state == batch) && len(training) == 0 {
		b.Skip("needs ../shared: the training pages are not in the fixture")
	}
	if state == batch {
		lines = all
	}
	words := 0
	for _, l := range lines {
		for _, t := range lexicon.Tokenize(l) {
			if t.Kind == lexicon.Word || t.Kind == lexicon.Code {
				words++
			}
		}
	}
	inv := Inventory()
	ch := New(p, Options{Inventory: inv})
	r, err := diacritics.New(lm, diacritics.WithMode(mode), with(ch))
	if err != nil {
		b.Fatal(err)
	}
	fill := func(r *diacritics.Restorer) {
		switch state {
		case warmOther:
			for _, l := range training {
				r.String(l)
			}
		case warm:
			for _, l := range lines {
				r.String(l)
			}
		}
	}
	fill(r)
	b.ResetTimer()
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		if state != warm {
			b.StopTimer()
			ch = New(p, Options{Inventory: inv})
			r, _ = diacritics.New(lm, diacritics.WithMode(mode), with(ch))
			fill(r)
			b.StartTimer()
		}
		c0 := cpuTime()
		for _, l := range lines {
			r.String(l)
		}
		cpu += cpuTime() - c0
	}
	b.ReportMetric(float64(words*b.N)/b.Elapsed().Seconds(), "syllables/s")
	b.ReportMetric(float64(words*b.N)/cpu.Seconds(), "syllables/cpu-s")
}

func BenchmarkRestoreLegacyCold(b *testing.B)   { benchmarkRestoreChannel(b, "legacy", cold) }
func BenchmarkRestoreLegacyUnseen(b *testing.B) { benchmarkRestoreChannel(b, "legacy", warmOther) }
func BenchmarkRestoreLegacyWarm(b *testing.B)   { benchmarkRestoreChannel(b, "legacy", warm) }
func BenchmarkRestoreLegacyBatch(b *testing.B)  { benchmarkRestoreChannel(b, "legacy", batch) }
func BenchmarkRestoreOCRCold(b *testing.B)      { benchmarkRestoreChannel(b, "ocr", cold) }
func BenchmarkRestoreOCRUnseen(b *testing.B)    { benchmarkRestoreChannel(b, "ocr", warmOther) }
func BenchmarkRestoreOCRWarm(b *testing.B)      { benchmarkRestoreChannel(b, "ocr", warm) }
func BenchmarkRestoreOCRBatch(b *testing.B)     { benchmarkRestoreChannel(b, "ocr", batch) }
