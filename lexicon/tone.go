package lexicon

import (
	"strings"
	"unicode/utf8"
)

// ToneStyle counts, over the training text, the syllables whose tone mark
// placement differs between the old style ("hòa", "thủy": mark on the first
// vowel of oa, oe, uy without final consonant) and the new style ("hoà",
// "thuỷ").
type ToneStyle struct {
	Old int64 `json:"old"` // syllables written in the old style
	New int64 `json:"new"` // syllables written in the new style
}

// Preferred returns "old" or "new", whichever style the training text uses
// more often ("old" on a tie, the style of most Vietnamese documents).
func (t ToneStyle) Preferred() string {
	if t.New > t.Old {
		return "new"
	}
	return "old"
}

// count classifies one lower-case key.
func (t *ToneStyle) count(key string) {
	switch toneStyleOf(key) {
	case 1:
		t.Old++
	case 2:
		t.New++
	}
}

// toneStyleOf returns 1 if the lower-case word ends in a toned open
// oa/oe/uy rhyme written in the old style, 2 if in the new style, 0
// otherwise (no such rhyme, "qu" onset, no tone mark).
func toneStyleOf(word string) int {
	last, n1 := utf8.DecodeLastRuneInString(word)
	if n1 == 0 {
		return 0
	}
	first, n2 := utf8.DecodeLastRuneInString(word[:len(word)-n1])
	if n2 == 0 {
		return 0
	}
	rest := word[:len(word)-n1-n2]
	fb, ft := splitTone(first)
	lb, lt := splitTone(last)
	if !(fb == 'o' && (lb == 'a' || lb == 'e') || fb == 'u' && lb == 'y') {
		return 0
	}
	if fb == 'u' && strings.HasSuffix(rest, "q") {
		return 0
	}
	switch {
	case ft && !lt:
		return 1
	case lt && !ft:
		return 2
	}
	return 0
}

// toned maps a toned vowel to its base letter (only the letters of the
// oa/oe/uy rhymes are needed).
var toned = map[rune]rune{
	'ò': 'o', 'ó': 'o', 'ỏ': 'o', 'õ': 'o', 'ọ': 'o',
	'à': 'a', 'á': 'a', 'ả': 'a', 'ã': 'a', 'ạ': 'a',
	'è': 'e', 'é': 'e', 'ẻ': 'e', 'ẽ': 'e', 'ẹ': 'e',
	'ù': 'u', 'ú': 'u', 'ủ': 'u', 'ũ': 'u', 'ụ': 'u',
	'ỳ': 'y', 'ý': 'y', 'ỷ': 'y', 'ỹ': 'y', 'ỵ': 'y',
}

func splitTone(r rune) (base rune, hasTone bool) {
	if b, ok := toned[r]; ok {
		return b, true
	}
	return r, false
}
