package errmodel

import (
	"strings"
	"unicode"
)

// vowelRows lists the Vietnamese vowel letters, one row per base vowel, in
// the tone order: none, huyền, sắc, hỏi, ngã, nặng.
var vowelRows = [...]string{
	"aàáảãạ", "ăằắẳẵặ", "âầấẩẫậ", "eèéẻẽẹ", "êềếểễệ", "iìíỉĩị",
	"oòóỏõọ", "ôồốổỗộ", "ơờớởỡợ", "uùúủũụ", "ưừứửữự", "yỳýỷỹỵ",
}

// baseOf maps a lower-case Vietnamese letter to its ASCII skeleton letter.
var baseOf = map[rune]rune{'đ': 'd'}

func init() {
	for _, row := range vowelRows {
		r := []rune(row)
		b := r[0]
		switch b {
		case 'ă', 'â':
			b = 'a'
		case 'ê':
			b = 'e'
		case 'ô', 'ơ':
			b = 'o'
		case 'ư':
			b = 'u'
		}
		for _, c := range r {
			baseOf[c] = b
		}
	}
}

// base returns the ASCII skeleton letter of a lower-case rune, or the rune
// itself when it carries no Vietnamese mark.
func base(r rune) rune {
	if b, ok := baseOf[r]; ok {
		return b
	}
	return r
}

// skeleton lower-cases s and strips Vietnamese marks: "Đảng" -> "dang".
func skeleton(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		b.WriteRune(base(r))
	}
	return b.String()
}

// isVietLetter reports whether the lower-case rune r is a letter of the
// Vietnamese alphabet (with or without marks) or one of f, j, w, z.
func isVietLetter(r rune) bool {
	if r >= 'a' && r <= 'z' {
		return true
	}
	_, ok := baseOf[r]
	return ok
}

// isWordLike reports whether s (lower case) is made of Vietnamese letters
// only: the shape of a syllable a channel is trained and queried on.
func isWordLike(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !isVietLetter(r) {
			return false
		}
	}
	return true
}

// edgePunct is the punctuation stripped from both ends of a whitespace token
// before alignment: it is what a tokenizer splits off a word.
const edgePunct = ".,;:!?()[]{}\"'“”‘’«»…-–—_|/\\*·•¬~`"

// trimToken strips edge punctuation from a whitespace token.
func trimToken(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return strings.ContainsRune(edgePunct, r) || unicode.IsSpace(r)
	})
}

// isVowelLetter reports whether r is a lower-case Vietnamese vowel letter,
// with or without marks.
func isVowelLetter(r rune) bool {
	b, ok := baseOf[r]
	return ok && b != 'd'
}
