# OCR targets (included by the Makefile: -include mk/*.mk).
#
#   make ocr-demo      OCR the sample scans in testdata/ocr (needs tesseract-ocr, tesseract-ocr-vie);
#                      also run by `make demo`
#   make ocr-eval      WER per degradation level on the 31 held-out synthetic pages:
#                      raw `tesseract IMG - -l vie --psm 6` next to `vnrestore ocr` (raw and corrected)
#   make ocr-bench     pages/min of vnrestore ocr with --jobs 1 and --jobs 2 in the same run
#   make ocr-fixtures  remake testdata/ocr from ../shared and the DejaVu fonts
#
# ocr-eval, ocr-bench and ocr-fixtures need ../shared and say so and stop cleanly without it.

OCR_SYNTH   ?= ../shared/synth/train
OCR_PAGES   ?= data/synth-heldout.txt
OCR_OUT     ?= build/ocr-eval
OCR_BENCH_N ?= 12
OCR_BIN     ?= build/vnrestore

# Tesseract's OpenMP threads slow down parallel pages; vnrestore sets this
# itself, the raw tesseract baseline needs it from here.
export OMP_THREAD_LIMIT = 1

.PHONY: demo ocr-demo ocr-eval ocr-bench ocr-fixtures ocr-bin

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
	pages=$$(grep -v '^#' $(OCR_PAGES) | cut -f1); \
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
	files=$$(grep -v '^#' $(OCR_PAGES) | cut -f1 | head -n $(OCR_BENCH_N) | sed 's|^|$(OCR_SYNTH)/images/|; s|$$|.png|'); \
	for j in 1 2 1 2; do \
		rm -rf build/ocr-bench; \
		echo "--jobs $$j:"; \
		$(OCR_BIN) ocr --jobs $$j --no-correct -o build/ocr-bench $$files; \
	done

ocr-fixtures:
	@if [ ! -d $(OCR_SYNTH) ]; then echo "ocr-fixtures: $(OCR_SYNTH) is missing (needs ../shared)"; exit 0; fi; \
	go run ./internal/ocrfixture -synth $(OCR_SYNTH)
