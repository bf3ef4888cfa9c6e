# Makefile: targets of each area live in mk/*.mk.
-include mk/*.mk
