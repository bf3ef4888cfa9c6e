package lexicon

import (
	"strings"

	"unicode/utf8"
)

// StripMarks removes every Vietnamese tone and letter mark from s and
// writes đ/Đ as d/D, keeping case and everything that is not a Vietnamese
// letter byte for byte ("Đảng Cộng sản" → "Dang Cong san"). Combining marks
// of NFD input are removed too.
func StripMarks(s string) string {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if r < utf8.RuneSelf {
			b.WriteByte(byte(r))
			continue
		}
		if _, isTone := combiningTone(r); isTone || isLetterMark(r) {
			continue
		}
		if l, ok := letterTable[r]; ok {
			c := skeletonByte[l.base]
			if l.upper {
				c -= 'a' - 'A'
			}
			b.WriteByte(c)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isLetterMark reports whether r is a combining breve, circumflex or horn
// (the letter marks of NFD input).
func isLetterMark(r rune) bool {
	return r == '\u0306' || r == '\u0302' || r == '\u031B'
}
