package errmodel

import (
	"os"
	"testing"
	"time"

	"github.com/vnarchive/vnrestore/diacritics"
	"github.com/vnarchive/vnrestore/lexicon"
)

// heldOutLines returns column col (0-based: 5 ocr_vie, 6 ocr_eng) of the
// held-out synth pages when ../shared is there, else of the fixture
// (training pages).
func heldOutLines(b testing.TB, col int) []string {
	path, sel := "../../testdata/channel/synth-sample.tsv", Selection{}
	if _, err := os.Stat("../../../shared/synth/train/train.tsv"); err == nil {
		f, err := os.Open("../../data/synth-heldout.txt")
		if err != nil {
			b.Fatal(err)
		}
		path = "../../../shared/synth/train/train.tsv"
		sel.Pages, err = ReadPageList(f)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
	}
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var lines []string
	cols := TSVColumns{Page: 0, Level: 2, Gold: 4, OCR: col}
	if _, err := ReadTSV(f, path, cols, sel, func(r Row) { lines = append(lines, r.OCR) }); err != nil {
		b.Fatal(err)
	}
	return lines
}

// benchmarkRestoreLegacy restores legacy OCR lines with the decoder and
// the legacy channel and reports syllables (word tokens) per CPU second.
// Cold builds a fresh channel, so an empty cache, for every pass over the
// text: the speed on a document of this size (about 11,000 words) read
// once. Warm keeps one channel: the steady state of a long archive.
func benchmarkRestoreLegacy(b *testing.B, cold bool) {
	benchmarkRestoreChannel(b, "legacy", cold)
}

// benchmarkRestoreChannel is benchmarkRestoreLegacy for channel name:
// "legacy" restores the ocr_eng lines in legacy mode, "ocr" the ocr_vie
// lines in OCR mode (without Tesseract's confidences, which only the ocr
// command has).
func benchmarkRestoreChannel(b *testing.B, name string, cold bool) {
	lm, err := lexicon.Default()
	if err != nil {
		b.Fatal(err)
	}
	p, err := Embedded(name)
	if err != nil {
		b.Fatal(err)
	}
	col, mode, with := 6, diacritics.Legacy, diacritics.WithLegacyChannel
	if name == "ocr" {
		col, mode, with = 5, diacritics.OCR, diacritics.WithOCRChannel
	}
	lines := heldOutLines(b, col)
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
	if !cold {
		for _, l := range lines { // fill the cache
			r.String(l)
		}
	}
	b.ResetTimer()
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		if cold {
			b.StopTimer()
			ch = New(p, Options{Inventory: inv})
			r, _ = diacritics.New(lm, diacritics.WithMode(mode), with(ch))
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

func BenchmarkRestoreLegacyCold(b *testing.B) { benchmarkRestoreLegacy(b, true) }
func BenchmarkRestoreLegacyWarm(b *testing.B) { benchmarkRestoreLegacy(b, false) }
func BenchmarkRestoreOCRCold(b *testing.B)    { benchmarkRestoreChannel(b, "ocr", true) }
func BenchmarkRestoreOCRWarm(b *testing.B)    { benchmarkRestoreChannel(b, "ocr", false) }
