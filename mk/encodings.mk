# Targets of the legacy encodings (package vnenc), included by the Makefile
# (-include mk/*.mk). The evals read the admin+legal dev split from
# build/corpus/dev (make split) or straight from ../shared/corpus/train, and
# skip when neither is there; the iconv checks skip without iconv.

.PHONY: encodings-eval encodings-eval-wiki encodings-bench encodings-fuzz

encodings-eval: ## vnenc: round trip, iconv agreement and detection accuracy on the dev split
	go test ./vnenc -count=1 -v -run 'TestRoundTripDevSplit|TestIconvDevSplit|TestDetectDevSplit' \
		| grep -E '^(---|ok|FAIL|PASS)|devsplit_test'

encodings-bench: ## vnenc: conversion throughput (MB/s) with a known source encoding
	go test ./vnenc -run '^$$' -bench 'Decode|Encode' -count=5

encodings-fuzz: ## vnenc: fuzz the decoders for a minute
	go test ./vnenc -run '^$$' -fuzz FuzzDecoders -fuzztime 60s

encodings-eval-wiki: ## vnenc: the detection eval on the wiki dev lines too (~15 s; not a requirement, a robustness check)
	VNENC_DEV_FILES=wiki.txt go test ./vnenc -count=1 -v -run 'TestDetectDevSplit$$' \
		| grep -E '^(---|ok|FAIL|PASS)|lines,'
