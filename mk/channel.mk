# OCR error models (channels) of diacritics/errmodel: retraining and evaluation.
# Included by the Makefile (-include mk/*.mk); needs ../shared for data.
#
#   make channels      retrain diacritics/errmodel/model/{legacy,ocr,legacy-heavy}.chan from shared/synth
#                      (held-out pages of data/synth-heldout.txt excluded)
#   make channel-eval  candidate recall and speed of both channels on the held-out pages
#   make legacy-eval   WER of `vnrestore restore --mode legacy` on the held-out pages, per level
#                      (and of --mode plain and of the default, --mode auto, for comparison)
#   make ocr-text-eval WER of `vnrestore restore --mode ocr` on their Tesseract-Vietnamese text
#   make channel-bench syllables/s of legacy and OCR mode on one core over the held-out pages' text, on a
#                      first pass (a fresh channel, empty cache), after the training pages (Unseen) and
#                      with the cache warm on the same text; and over all 160 pages read once by a fresh
#                      channel (Batch, an archive's batch in one run); 5 runs each

CHANNEL_SHARED  ?= $(or $(SHARED),../shared)
CHANNEL_TSV     := $(CHANNEL_SHARED)/synth/train/train.tsv
CHANNEL_HELDOUT := data/synth-heldout.txt
CHANNEL_MODELS  := diacritics/errmodel/model
CHANNEL_WORK    ?= $(CURDIR)/build/channel
CHANNEL_BIN     := $(CHANNEL_WORK)/vnrestore

.PHONY: channels channel-eval legacy-eval ocr-text-eval channel-bench

channels:
	@if [ ! -f $(CHANNEL_TSV) ]; then echo "channels: $(CHANNEL_TSV) not found, skipping"; exit 0; fi; \
	set -e; mkdir -p $(CHANNEL_WORK); go build -o $(CHANNEL_BIN) ./cmd/vnrestore; \
	$(CHANNEL_BIN) lexicon channel -o $(CHANNEL_MODELS)/legacy.chan --name legacy --ocr-col 7 \
		--weight heavy=3 --exclude-pages $(CHANNEL_HELDOUT) $(CHANNEL_TSV); \
	$(CHANNEL_BIN) lexicon channel -o $(CHANNEL_MODELS)/ocr.chan --name ocr --ocr-col 6 --refine 0 \
		--exclude-pages $(CHANNEL_HELDOUT) $(CHANNEL_TSV); \
	$(CHANNEL_BIN) lexicon channel -o $(CHANNEL_MODELS)/legacy-heavy.chan --name legacy-heavy --ocr-col 7 \
		--level heavy --exclude-pages $(CHANNEL_HELDOUT) $(CHANNEL_TSV)

channel-eval:
	@if [ ! -f $(CHANNEL_TSV) ]; then echo "channel-eval: $(CHANNEL_TSV) not found, skipping"; exit 0; fi; \
	set -e; go run ./internal/chaneval -mode legacy -tsv $(CHANNEL_TSV) -heldout $(CHANNEL_HELDOUT); \
	go run ./internal/chaneval -mode ocr -tsv $(CHANNEL_TSV) -heldout $(CHANNEL_HELDOUT)

# channel_wer(REF, HYP) is a shell command printing the WER of HYP against REF.
channel_wer = $(CHANNEL_BIN) eval --json --ref $(1) --hyp $(2) | sed -n 's/.*"wer": \([0-9.e-]*\).*/\1/p'

# legacy-eval: per level, the held-out pages' gold and ocr_eng lines are cut from
# train.tsv (awk, split on tabs), restored with --mode legacy (and --mode plain
# for reference), and scored with `vnrestore eval`; then 20 heavy lines before/after.
CHANNEL_LEVELS := clean light medium heavy

legacy-eval:
	@if [ ! -f $(CHANNEL_TSV) ]; then echo "legacy-eval: $(CHANNEL_TSV) not found, skipping"; exit 0; fi; \
	set -e; mkdir -p $(CHANNEL_WORK); go build -o $(CHANNEL_BIN) ./cmd/vnrestore; \
	for lv in $(CHANNEL_LEVELS); do \
		awk -F'\t' -v lv=$$lv -v out=$(CHANNEL_WORK)/$$lv \
			'FNR==NR { if ($$0 !~ /^#/ && NF) held[$$1]=1; next } \
			 FNR>1 && ($$1 in held) && $$3==lv { print $$5 > (out ".gold.txt"); print $$7 > (out ".eng.txt") }' \
			$(CHANNEL_HELDOUT) $(CHANNEL_TSV); \
		$(CHANNEL_BIN) restore --mode legacy < $(CHANNEL_WORK)/$$lv.eng.txt > $(CHANNEL_WORK)/$$lv.legacy.txt; \
		$(CHANNEL_BIN) restore --mode plain < $(CHANNEL_WORK)/$$lv.eng.txt > $(CHANNEL_WORK)/$$lv.plain.txt; \
		$(CHANNEL_BIN) restore -q < $(CHANNEL_WORK)/$$lv.eng.txt > $(CHANNEL_WORK)/$$lv.auto.txt; \
	done; \
	printf '%-7s %6s %9s %9s %7s %9s %7s %9s %7s\n' level lines raw-WER legacy-WER ratio plain-WER ratio auto-WER ratio; \
	for lv in $(CHANNEL_LEVELS); do \
		g=$(CHANNEL_WORK)/$$lv.gold.txt; \
		raw=$$($(call channel_wer,$$g,$(CHANNEL_WORK)/$$lv.eng.txt)); \
		leg=$$($(call channel_wer,$$g,$(CHANNEL_WORK)/$$lv.legacy.txt)); \
		pln=$$($(call channel_wer,$$g,$(CHANNEL_WORK)/$$lv.plain.txt)); \
		aut=$$($(call channel_wer,$$g,$(CHANNEL_WORK)/$$lv.auto.txt)); \
		awk -v lv=$$lv -v n=$$(wc -l < $$g) -v r=$$raw -v l=$$leg -v p=$$pln -v a=$$aut \
			'BEGIN { printf "%-7s %6d %9.4f %9.4f %6.3fx %9.4f %6.3fx %9.4f %6.3fx\n", lv, n, r, l, l/r, p, p/r, a, a/r }'; \
	done; \
	$(CHANNEL_BIN) restore --mode legacy --legacy-channel $(CHANNEL_MODELS)/legacy-heavy.chan \
		< $(CHANNEL_WORK)/heavy.eng.txt > $(CHANNEL_WORK)/heavy.legacy-heavy.txt; \
	hv=$$($(call channel_wer,$(CHANNEL_WORK)/heavy.gold.txt,$(CHANNEL_WORK)/heavy.legacy-heavy.txt)); \
	echo "heavy with the heavy-only channel (--legacy-channel $(CHANNEL_MODELS)/legacy-heavy.chan): WER $$hv"; \
	echo; echo "heavy, first 20 lines: gold / ocr_eng / --mode legacy"; \
	paste -d'\n' $(CHANNEL_WORK)/heavy.gold.txt $(CHANNEL_WORK)/heavy.eng.txt $(CHANNEL_WORK)/heavy.legacy.txt /dev/null \
		| head -80 | sed 's/^/  /'

# ocr-text-eval: the same for the ocr_vie column and --mode ocr (the OCR channel,
# without Tesseract's word confidences, which only the ocr command has).
ocr-text-eval:
	@if [ ! -f $(CHANNEL_TSV) ]; then echo "ocr-text-eval: $(CHANNEL_TSV) not found, skipping"; exit 0; fi; \
	set -e; mkdir -p $(CHANNEL_WORK); go build -o $(CHANNEL_BIN) ./cmd/vnrestore; \
	printf '%-7s %6s %9s %9s %7s\n' level lines raw-WER ocr-WER ratio; \
	for lv in $(CHANNEL_LEVELS); do \
		awk -F'\t' -v lv=$$lv -v out=$(CHANNEL_WORK)/$$lv \
			'FNR==NR { if ($$0 !~ /^#/ && NF) held[$$1]=1; next } \
			 FNR>1 && ($$1 in held) && $$3==lv { print $$5 > (out ".gold.txt"); print $$6 > (out ".vie.txt") }' \
			$(CHANNEL_HELDOUT) $(CHANNEL_TSV); \
		$(CHANNEL_BIN) restore --mode ocr < $(CHANNEL_WORK)/$$lv.vie.txt > $(CHANNEL_WORK)/$$lv.ocr.txt; \
		g=$(CHANNEL_WORK)/$$lv.gold.txt; \
		raw=$$($(call channel_wer,$$g,$(CHANNEL_WORK)/$$lv.vie.txt)); \
		ocr=$$($(call channel_wer,$$g,$(CHANNEL_WORK)/$$lv.ocr.txt)); \
		awk -v lv=$$lv -v n=$$(wc -l < $$g) -v r=$$raw -v o=$$ocr \
			'BEGIN { printf "%-7s %6d %9.4f %9.4f %6.3fx\n", lv, n, r, o, (r > 0 ? o/r : 0) }'; \
	done

# channel-bench: the benchmarks of diacritics/errmodel/restore_bench_test.go (without ../shared
# they run on the fixture's pages and skip Unseen and Batch). syllables/cpu-s is the steadier
# figure on a shared machine.
channel-bench:
	go test ./diacritics/errmodel -run XXX -bench 'Restore(Legacy|OCR)(Cold|Unseen|Warm|Batch)' -cpu 1 -count 5
