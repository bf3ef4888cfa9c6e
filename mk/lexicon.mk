# Targets of the n-gram lexicon (included by the Makefile: -include mk/*.mk).

SHARED_CORPUS ?= $(or $(SHARED),../shared)/corpus/train
CORPUS_OUT    ?= build/corpus

.PHONY: split
split: ## divide the shared corpus into build/corpus/{train,dev} by data/devsplit.tsv
	@if [ ! -d "$(SHARED_CORPUS)" ]; then \
		echo "make split: corpus directory $(SHARED_CORPUS) is missing (set SHARED_CORPUS=DIR)" >&2; exit 1; fi
	go run ./internal/cmd/devsplit -split data/devsplit.tsv -src "$(SHARED_CORPUS)" -out "$(CORPUS_OUT)"

LEXICON_MODEL ?= lexicon/model/default.vnlm
TRAIN         := $(CORPUS_OUT)/train

.PHONY: lexicon
lexicon: split ## rebuild the embedded default model from build/corpus/train (dev split removed)
	go run ./cmd/vnrestore lexicon build -o "$(LEXICON_MODEL)" \
		--domain $(TRAIN)/admin.txt --domain $(TRAIN)/legal.txt --general $(TRAIN)/wiki.txt
	go run ./cmd/vnrestore lexicon cases -o lexicon/model/default.case $(TRAIN)/admin.txt $(TRAIN)/legal.txt $(TRAIN)/wiki.txt
	go run ./cmd/vnrestore lexicon info "$(LEXICON_MODEL)"

.PHONY: lexicon-ppl
lexicon-ppl: ## perplexity of the embedded default on the dev split
	go run ./cmd/vnrestore lexicon ppl $(CORPUS_OUT)/dev/admin.txt $(CORPUS_OUT)/dev/legal.txt $(CORPUS_OUT)/dev/wiki.txt
