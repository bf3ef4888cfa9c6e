# Targets of the n-gram lexicon (included by the Makefile: -include mk/*.mk).

SHARED_CORPUS ?= ../shared/corpus/train
CORPUS_OUT    ?= build/corpus

.PHONY: split
split: ## divide the shared corpus into build/corpus/{train,dev} by data/devsplit.tsv
	@if [ ! -d "$(SHARED_CORPUS)" ]; then \
		echo "make split: corpus directory $(SHARED_CORPUS) is missing (set SHARED_CORPUS=DIR)" >&2; exit 1; fi
	go run ./internal/cmd/devsplit -split data/devsplit.tsv -src "$(SHARED_CORPUS)" -out "$(CORPUS_OUT)"
