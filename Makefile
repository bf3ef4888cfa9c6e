# vnrestore — build, test and data targets.
#
#   make demo      install what is missing, then restore and OCR the samples in testdata/
#   make test      install what is missing, then run the whole test suite (what CI runs)
#   make lexicon   rebuild the embedded model from ../shared/corpus (needs ../shared)
#
# Targets that need ../shared (the corpus and the synthetic scans; SHARED=DIR
# points them elsewhere) say so and stop when it is missing; the tests never
# need it.

GO      ?= go
SHARED  ?= ../shared
BIN     := ./vnrestore

.PHONY: all build test deps demo bench restore-eval

all: build

deps:
	@./scripts/install-deps.sh

build:
	$(GO) build -o $(BIN) ./cmd/vnrestore

test: deps
	$(GO) vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	$(GO) test -race -timeout 20m ./...

demo: deps build
	@echo '--- restore: text typed without diacritics (testdata/restore/sample.txt)'
	$(BIN) restore testdata/restore/sample.txt
	@echo '--- restore: legacy OCR by an engine without Vietnamese (testdata/restore/legacy-sample.txt)'
	$(BIN) restore --mode legacy testdata/restore/legacy-sample.txt

bench:
	$(GO) test -run XXX -bench . -benchmem ./...

# Restoration accuracy on the development split (needs ../shared: make split
# cuts it out of the corpus). For each part: the decoder, then the unigram
# (most frequent reading) baseline.
restore-eval: build split
	@cat build/corpus/dev/admin.txt build/corpus/dev/legal.txt > build/corpus/dev/admin+legal.txt
	@for part in admin+legal wiki; do \
		gold=build/corpus/dev/$$part.txt; \
		echo "--- $$part: vnrestore strip < $$gold | vnrestore restore --mode plain | vnrestore eval --ref $$gold"; \
		$(BIN) strip < $$gold | $(BIN) restore --mode plain | $(BIN) eval --ref $$gold; \
		echo "--- $$part, unigram baseline (--order 1)"; \
		$(BIN) strip < $$gold | $(BIN) restore --mode plain --order 1 | $(BIN) eval --ref $$gold | sed -n 2p; \
		echo "--- $$part, the default mode (auto): vnrestore strip < $$gold | vnrestore restore | vnrestore eval --ref $$gold"; \
		$(BIN) strip < $$gold | $(BIN) restore -q | $(BIN) eval --ref $$gold | sed -n 2p; \
	done

-include mk/*.mk
