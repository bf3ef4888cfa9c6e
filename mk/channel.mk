# OCR error models (channels) of diacritics/errmodel: retraining and evaluation.
# Included by the Makefile (-include mk/*.mk); needs ../shared for data.
#
#   make channels      retrain diacritics/errmodel/model/{legacy,ocr}.chan from shared/synth
#                      (held-out pages of data/synth-heldout.txt excluded)
#   make channel-eval  candidate recall and speed of both channels on the held-out pages
#   make legacy-eval   WER of `vnrestore restore --mode legacy` on the held-out pages, per level

CHANNEL_SHARED  ?= ../shared
CHANNEL_TSV     := $(CHANNEL_SHARED)/synth/train/train.tsv
CHANNEL_HELDOUT := data/synth-heldout.txt
CHANNEL_MODELS  := diacritics/errmodel/model
CHANNEL_WORK    ?= $(CURDIR)/build/channel
CHANNEL_BIN     := $(CHANNEL_WORK)/vnrestore

.PHONY: channels channel-eval legacy-eval

channels:
	@if [ ! -f $(CHANNEL_TSV) ]; then echo "channels: $(CHANNEL_TSV) not found, skipping"; exit 0; fi; \
	set -e; mkdir -p $(CHANNEL_WORK); go build -o $(CHANNEL_BIN) ./cmd/vnrestore; \
	$(CHANNEL_BIN) lexicon channel -o $(CHANNEL_MODELS)/legacy.chan --name legacy --ocr-col 7 \
		--exclude-pages $(CHANNEL_HELDOUT) $(CHANNEL_TSV); \
	$(CHANNEL_BIN) lexicon channel -o $(CHANNEL_MODELS)/ocr.chan --name ocr --ocr-col 6 \
		--exclude-pages $(CHANNEL_HELDOUT) $(CHANNEL_TSV)

channel-eval:
	@if [ ! -f $(CHANNEL_TSV) ]; then echo "channel-eval: $(CHANNEL_TSV) not found, skipping"; exit 0; fi; \
	set -e; go run ./internal/chaneval -mode legacy -tsv $(CHANNEL_TSV) -heldout $(CHANNEL_HELDOUT); \
	go run ./internal/chaneval -mode ocr -tsv $(CHANNEL_TSV) -heldout $(CHANNEL_HELDOUT)
