package errmodel

import (
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vnarchive/vnrestore/diacritics"
)

// fixtureTokens returns the white-space tokens of the fixture's ocr column
// (0-based) for the given level ("" for all), edge punctuation stripped.
func fixtureTokens(tb testing.TB, col int, level string) []string {
	f, err := os.Open(fixture)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var sel Selection
	if level != "" {
		sel.Levels = map[string]bool{level: true}
	}
	var toks []string
	_, err = ReadTSV(f, fixture, TSVColumns{Page: 0, Level: 2, Gold: 4, OCR: col}, sel, func(r Row) {
		for _, w := range strings.Fields(r.OCR) {
			if w = trimToken(w); w != "" {
				toks = append(toks, w)
			}
		}
	})
	if err != nil {
		tb.Fatal(err)
	}
	return toks
}

// benchmarkCandidates reports tokens/s of Candidates over the legacy
// fixture tokens of level, with or without the per-token cache.
func benchmarkCandidates(b *testing.B, name, level string, cacheSize int) {
	p, err := Embedded(name)
	if err != nil {
		b.Fatal(err)
	}
	toks := fixtureTokens(b, ocrColumn(name), level)
	m := New(p, Options{CacheSize: cacheSize})
	var buf []diacritics.Candidate
	if cacheSize >= 0 {
		for _, t := range toks { // fill the cache: the warm figure is the steady state
			buf = m.Candidates(t, buf[:0])
		}
	}
	b.ResetTimer()
	cpu0 := cpuTime()
	n := 0
	for b.Loop() {
		for _, t := range toks {
			buf = m.Candidates(t, buf[:0])
		}
		n += len(toks)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "tokens/s")
	// CPU time is the fairer figure on a shared machine
	b.ReportMetric(float64(n)/(cpuTime()-cpu0).Seconds(), "tokens/cpu-s")
	sc := m.skel.scratch.Get().(*scratch)
	b.ReportMetric(float64(sc.visits)/float64(n), "nodes/token")
	m.skel.scratch.Put(sc)
}

// The cold benchmarks disable the cache: every token is searched, the
// cost of a token type seen for the first time. The warm ones keep it: the
// steady state on a long document, where token types repeat.
func BenchmarkLegacyColdClean(b *testing.B)  { benchmarkCandidates(b, "legacy", "clean", -1) }
func BenchmarkLegacyColdMedium(b *testing.B) { benchmarkCandidates(b, "legacy", "medium", -1) }
func BenchmarkLegacyColdHeavy(b *testing.B)  { benchmarkCandidates(b, "legacy", "heavy", -1) }
func BenchmarkLegacyWarm(b *testing.B)       { benchmarkCandidates(b, "legacy", "", 0) }
func BenchmarkOCRCold(b *testing.B)          { benchmarkCandidates(b, "ocr", "", -1) }

// BenchmarkNew measures building a channel: the trie of the full inventory.
func BenchmarkNew(b *testing.B) {
	p, err := Embedded("legacy")
	if err != nil {
		b.Fatal(err)
	}
	inv := Inventory()
	for b.Loop() {
		New(p, Options{Inventory: inv})
	}
}

// cpuTime returns the user and system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
