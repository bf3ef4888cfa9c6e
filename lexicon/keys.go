package lexicon

// The n-gram model sees a line of text as the sequence of the vocabulary
// keys of its tokens (VocabKey); white space is skipped and a line is one
// sentence.

// appendLineKeys appends the vocabulary keys of the tokens of line (which
// holds no line break) to dst; toks is scratch space, returned for reuse.
func appendLineKeys(dst []string, toks []Token, line string) ([]string, []Token) {
	toks = AppendTokens(toks[:0], line)
	for _, t := range toks {
		if k := VocabKey(t); k != "" {
			dst = append(dst, k)
		}
	}
	return dst, toks
}

// lineKeys returns the vocabulary keys of the tokens of line.
func lineKeys(line string) []string {
	keys, _ := appendLineKeys(nil, nil, line)
	return keys
}

// isSyllableKey reports whether the vocabulary key is a Vietnamese syllable
// (such keys are never pruned from the vocabulary).
func isSyllableKey(key string) bool { return IsSyllable(key) }

// isClassOrPunct reports whether a key is a class token (<num>, ...) or
// punctuation, which the vocabulary always keeps.
func isClassOrPunct(key string) bool {
	if len(key) > 2 && key[0] == '<' && key[len(key)-1] == '>' {
		return true
	}
	toks := Tokenize(key)
	return len(toks) == 1 && toks[0].Kind == Punct
}
