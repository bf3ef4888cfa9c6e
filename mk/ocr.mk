# OCR targets (included by the Makefile: -include mk/*.mk).
#
#   make ocr-demo      OCR the sample scans in testdata/ocr (needs tesseract-ocr, tesseract-ocr-vie);
#                      also run by `make demo`
#   make ocr-eval      WER per degradation level on the 31 held-out synthetic pages:
#                      raw `tesseract IMG - -l vie --psm 6` next to `vnrestore ocr` (raw and corrected)
#   make ocr-bench     pages/min of vnrestore ocr with --jobs 1 and --jobs 2 in the same run, and of
#                      the tesseract command one and two at a time (a check that two cores are free)
#   make ocr-overhead  what correction adds to vnrestore ocr: the same pages with --jobs 1, with and
#                      without --no-correct, alternating, OCR_OVERHEAD_RUNS times; median CPU and wall time
#   make ocr-fixtures  remake testdata/ocr from ../shared and the DejaVu fonts
#
# ocr-eval, ocr-bench, ocr-overhead and ocr-fixtures need ../shared and say so and stop cleanly without it.

OCR_SYNTH   ?= $(or $(SHARED),../shared)/synth/train
OCR_PAGES   ?= data/synth-heldout.txt
OCR_OUT     ?= build/ocr-eval
OCR_BENCH_N ?= 12
OCR_BIN     ?= build/vnrestore
OCR_OVERHEAD_RUNS ?= 5

# Tesseract's OpenMP threads slow down parallel pages; vnrestore sets this
# itself, the raw tesseract baseline needs it from here.
export OMP_THREAD_LIMIT = 1

.PHONY: demo ocr-demo ocr-eval ocr-bench ocr-overhead ocr-fixtures ocr-bin

# ocr_pages is a shell command listing the page names of OCR_PAGES; ocr_bench_files lists the
# images of the first OCR_BENCH_N of them.
ocr_pages = grep -v '^\#' $(OCR_PAGES) | cut -f1
ocr_bench_files = $(ocr_pages) | head -n $(OCR_BENCH_N) | sed 's|^|$(OCR_SYNTH)/images/|; s|$$|.png|'

# make demo (the Makefile's recipe) also OCRs the sample scans.
demo: ocr-demo

ocr-bin:
	go build -o $(OCR_BIN) ./cmd/vnrestore

ocr-demo: ocr-bin
	@echo '--- ocr: a crop of a synthetic medium-degradation scan (testdata/ocr/sample-scan.png)'
	$(OCR_BIN) ocr testdata/ocr/sample-scan.png
	@echo '--- ocr: a two-column directive header, read left column then right (testdata/ocr/header.png)'
	$(OCR_BIN) ocr testdata/ocr/header.png

ocr-eval: ocr-bin
	@if [ ! -f $(OCR_SYNTH)/train.tsv ]; then echo "ocr-eval: $(OCR_SYNTH) is missing: nothing to score (needs ../shared)"; exit 0; fi; \
	set -e; \
	go build -o build/ocreval ./internal/ocreval; \
	rm -rf $(OCR_OUT); mkdir -p $(OCR_OUT)/raw $(OCR_OUT)/vnrestore; \
	pages=$$($(ocr_pages)); \
	echo "ocr-eval: raw tesseract --psm 6 on $$(echo $$pages | wc -w) pages"; \
	start=$$(date +%s); \
	for p in $$pages; do tesseract $(OCR_SYNTH)/images/$$p.png $(OCR_OUT)/raw/$$p -l vie --psm 6 2>/dev/null; done; \
	echo "ocr-eval: raw tesseract took $$(( $$(date +%s) - start )) s"; \
	echo "ocr-eval: vnrestore ocr --jobs 1 --format json"; \
	out=$$(pwd)/$(OCR_OUT)/vnrestore; bin=$$(pwd)/$(OCR_BIN); \
	(cd $(OCR_SYNTH)/images && $$bin ocr --jobs 1 --force --format json -o $$out $$(for p in $$pages; do echo $$p.png; done)); \
	build/ocreval score -synth $(OCR_SYNTH) -pages $(OCR_PAGES) \
		tesseract-psm6=$(OCR_OUT)/raw vnrestore-raw=$(OCR_OUT)/vnrestore:raw vnrestore=$(OCR_OUT)/vnrestore

ocr-bench: ocr-bin
	@if [ ! -f $(OCR_SYNTH)/train.tsv ]; then echo "ocr-bench: $(OCR_SYNTH) is missing: nothing to time (needs ../shared)"; exit 0; fi; \
	set -e; \
	files=$$($(ocr_bench_files)); \
	for j in 1 2 1 2; do \
		rm -rf build/ocr-bench; \
		echo "vnrestore ocr --jobs $$j:"; \
		$(OCR_BIN) ocr --jobs $$j --force -o build/ocr-bench $$files; \
	done; \
	echo "control: the same pages with the tesseract command, one at a time, then two at a time"; \
	t0=$$(date +%s%N); for f in $$files; do tesseract $$f - -l vie --psm 6 >/dev/null 2>&1; done; t1=$$(date +%s%N); \
	echo $$files | tr ' ' '\n' | xargs -P 2 -I{} sh -c 'tesseract {} - -l vie --psm 6 >/dev/null 2>&1'; t2=$$(date +%s%N); \
	n=$$(echo $$files | wc -w); \
	echo "tesseract x1: $$(( n * 60000 / ((t1 - t0) / 1000000) )) pages/min; x2: $$(( n * 60000 / ((t2 - t1) / 1000000) )) pages/min"

# ocr-overhead: CPU time is user+sys of vnrestore and the tesseract it runs (/usr/bin/time);
# on a shared machine it is the steadier figure, wall time is printed too.
ocr-overhead: ocr-bin
	@if [ ! -f $(OCR_SYNTH)/train.tsv ]; then echo "ocr-overhead: $(OCR_SYNTH) is missing: nothing to time (needs ../shared)"; exit 0; fi; \
	set -e; \
	files=$$($(ocr_bench_files)); \
	rm -f build/ocr-overhead.tsv; \
	for r in $$(seq $(OCR_OVERHEAD_RUNS)); do \
		for v in correct no-correct; do \
			flag=; [ $$v = no-correct ] && flag=--no-correct; \
			rm -rf build/ocr-overhead; \
			/usr/bin/time -f "$$v\t%e\t%U\t%S" -a -o build/ocr-overhead.tsv \
				$(OCR_BIN) ocr --jobs 1 --force -q $$flag -o build/ocr-overhead $$files; \
		done; \
	done; \
	awk -F'\t' -v pages=$$(echo $$files | wc -w) '{ n[$$1]++; w[$$1, n[$$1]] = $$2; c[$$1, n[$$1]] = $$3 + $$4 } \
		function med(a, v, k,   i, j, t, x) { for (i = 1; i <= k; i++) x[i] = a[v, i]; \
			for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (x[j] < x[i]) { t = x[i]; x[i] = x[j]; x[j] = t }; \
			return k % 2 ? x[(k + 1) / 2] : (x[k / 2] + x[k / 2 + 1]) / 2 } \
		END { k = n["correct"]; cc = med(c, "correct", k); cn = med(c, "no-correct", k); \
			wc = med(w, "correct", k); wn = med(w, "no-correct", k); \
			printf "%d pages, %d runs each: median CPU %.2f s corrected, %.2f s --no-correct (%+.1f%%); wall %.2f s, %.2f s (%+.1f%%)\n", \
				pages, k, cc, cn, 100 * (cc / cn - 1), wc, wn, 100 * (wc / wn - 1) }' build/ocr-overhead.tsv

ocr-fixtures:
	@if [ ! -d $(OCR_SYNTH) ]; then echo "ocr-fixtures: $(OCR_SYNTH) is missing (needs ../shared)"; exit 0; fi; \
	go run ./internal/ocrfixture -synth $(OCR_SYNTH)
