package diacritics

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/vnarchive/vnrestore/lexicon"
)

// benchText returns unaccented text to restore: the development split when
// ../shared is there (build/corpus/dev, made by make split), else the
// fixture of testdata/restore.
func benchText(b *testing.B) (string, int) {
	b.Helper()
	var text []byte
	for _, f := range []string{"../build/corpus/dev/admin.txt", "../build/corpus/dev/legal.txt"} {
		if t, err := os.ReadFile(f); err == nil {
			text = append(text, t...)
		}
	}
	if len(text) == 0 {
		files, _ := filepath.Glob("../testdata/restore/*.txt")
		for _, f := range files {
			t, _ := os.ReadFile(f)
			text = append(text, t...)
		}
	}
	s := lexicon.StripMarks(string(text))
	words := 0
	for _, t := range lexicon.Tokenize(s) {
		if t.Kind == lexicon.Word {
			words++
		}
	}
	return s, words
}

// BenchmarkRestorePlain reports syllables restored per second on one core.
func BenchmarkRestorePlain(b *testing.B) {
	r := newPlain(b)
	text, words := benchText(b)
	lines := strings.Split(text, "\n")
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, l := range lines {
			r.String(l)
		}
	}
	reportSpeed(b, words*b.N, cpuTime()-cpu)
}

// reportSpeed reports syllables per wall-clock second and per second of
// CPU time: on a shared, busy machine the second is the steadier figure.
func reportSpeed(b *testing.B, syllables int, cpu time.Duration) {
	b.ReportMetric(float64(syllables)/b.Elapsed().Seconds(), "syllables/s")
	if cpu > 0 {
		b.ReportMetric(float64(syllables)/cpu.Seconds(), "syllables/cpu-s")
	}
}

// cpuTime returns the CPU time (user + system) the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkRestorePlainParallel restores on GOMAXPROCS goroutines sharing
// one Restorer; compare its syllables/s with BenchmarkRestorePlain run with
// -cpu 1,2.
func BenchmarkRestorePlainParallel(b *testing.B) {
	r := newPlain(b)
	text, words := benchText(b)
	lines := strings.Split(text, "\n")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var wg sync.WaitGroup
		n := runtime.GOMAXPROCS(0)
		for g := 0; g < n; g++ {
			wg.Add(1)
			go func(g int) {
				defer wg.Done()
				for j := g; j < len(lines); j += n {
					r.String(lines[j])
				}
			}(g)
		}
		wg.Wait()
	}
	b.ReportMetric(float64(words*b.N)/b.Elapsed().Seconds(), "syllables/s")
}
