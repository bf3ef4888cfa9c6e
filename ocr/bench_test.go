package ocr

import (
	"context"
	"fmt"
	"sync"
	"testing"
)

// BenchmarkRecognizeFile reads the sample scan with 1 and 2 clients, jobs
// pages at a time, and reports pages per minute of wall time. Run it with
// OMP_THREAD_LIMIT=1 (see README.md):
//
//	OMP_THREAD_LIMIT=1 go test -run XXX -bench RecognizeFile ./ocr
func BenchmarkRecognizeFile(b *testing.B) {
	for _, jobs := range []int{1, 2} {
		b.Run(fmt.Sprintf("jobs=%d", jobs), func(b *testing.B) {
			e := newTestEngine(b, Options{Jobs: jobs})
			// Warm up every client.
			var wg sync.WaitGroup
			for range jobs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					e.RecognizeFile(context.Background(), "../testdata/ocr/sample-scan.png")
				}()
			}
			wg.Wait()
			b.ResetTimer()
			pages := 0
			for b.Loop() {
				wg := sync.WaitGroup{}
				for range jobs {
					wg.Add(1)
					go func() {
						defer wg.Done()
						if _, err := e.RecognizeFile(context.Background(), "../testdata/ocr/sample-scan.png"); err != nil {
							b.Error(err)
						}
					}()
				}
				wg.Wait()
				pages += jobs
			}
			b.ReportMetric(float64(pages)/b.Elapsed().Minutes(), "pages/min")
		})
	}
}
