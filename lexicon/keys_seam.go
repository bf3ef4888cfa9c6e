package lexicon

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file is the seam between the n-gram builder and the tokenizer: the
// builder sees a line only as a sequence of vocabulary keys. It is a
// stand-in until the orthography and tokenizer land on main.

// appendLineKeys appends the vocabulary keys of the tokens of line (which
// holds no newline) to dst.
func appendLineKeys(dst []string, line string) []string {
	i := 0
	for i < len(line) {
		r, size := rune(line[i]), 1
		if r >= 0x80 {
			r, size = decodeRune(line[i:])
		}
		switch {
		case unicode.IsSpace(r):
			i += size
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			j := i + size
			for j < len(line) {
				r2, s2 := decodeRune(line[j:])
				if !(unicode.IsLetter(r2) || unicode.Is(unicode.Mn, r2)) {
					break
				}
				j += s2
			}
			dst = append(dst, strings.ToLower(line[i:j]))
			i = j
		case unicode.IsDigit(r):
			j := i + size
			for j < len(line) && (line[j] >= '0' && line[j] <= '9' || line[j] == '.' || line[j] == ',') {
				j++
			}
			dst = append(dst, "<num>")
			i = j
		default:
			dst = append(dst, line[i:i+size])
			i += size
		}
	}
	return dst
}

// isSyllableKey reports whether the vocabulary key is a Vietnamese syllable
// (such keys are never pruned from the vocabulary).
func isSyllableKey(key string) bool {
	n := 0
	for _, r := range key {
		if !unicode.IsLetter(r) {
			return false
		}
		n++
	}
	return n > 0 && n <= 7
}

func decodeRune(s string) (rune, int) { return utf8.DecodeRuneInString(s) }

func isLetterRune(r rune) bool { return unicode.IsLetter(r) }
