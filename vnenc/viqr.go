package vnenc

import (
	"unicode/utf8"

	"golang.org/x/text/transform"
)

// VIQR (Vietnamese Quoted-Readable, RFC 1456) writes a vowel as its ASCII
// letter followed by a shape mark — ( breve, ^ circumflex, + horn — and a
// tone mark — ' acute, ` grave, ? hook, ~ tilde, . dot below: "Vie^.t",
// "ngu+o+`i". "dd" is đ, "DD" or "Dd" is Đ. A backslash before a mark
// character (or before d, D or a backslash) makes it literal: "Ha\." is
// "Ha." where "Ha." would be "Hạ".
//
// VIQR is a convention over ASCII; here it is read over UTF-8: other
// non-ASCII characters pass through both ways unchanged, so VIQR can carry
// any text.

// viqrShape and viqrTone map the mark characters to their meaning.
var (
	viqrShape = [utf8.RuneSelf]shape{'(': shapeBreve, '^': shapeCircumflex, '+': shapeHorn}
	viqrTone  = [utf8.RuneSelf]tone{'\'': toneAcute, '`': toneGrave, '?': toneHook, '~': toneTilde, '.': toneDot}
	// viqrShapeChar and viqrToneChar are the inverse maps.
	viqrShapeChar = [...]byte{shapeBreve: '(', shapeCircumflex: '^', shapeHorn: '+'}
	viqrToneChar  = [...]byte{toneAcute: '\'', toneGrave: '`', toneHook: '?', toneTilde: '~', toneDot: '.'}
)

// viqrEscapable reports whether a backslash before c makes c literal.
func viqrEscapable(c byte) bool {
	if c >= utf8.RuneSelf {
		return false
	}
	return viqrShape[c] != shapeNone || viqrTone[c] != toneNone || c == 'd' || c == 'D' || c == '\\'
}

// viqrDecoder is the decoding Transformer of VIQR.
type viqrDecoder struct{ transform.NopResetter }

// Transform implements transform.Transformer.
func (viqrDecoder) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		if len(dst)-nDst < utf8.UTFMax {
			return nDst, nSrc, transform.ErrShortDst
		}
		c := src[nSrc]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRune(src[nSrc:])
			if r == utf8.RuneError && size == 1 && !atEOF && !utf8.FullRune(src[nSrc:]) {
				return nDst, nSrc, transform.ErrShortSrc
			}
			nDst += utf8.EncodeRune(dst[nDst:], r)
			nSrc += size
			continue
		}
		l, isVowel := viqrVowel(c)
		if !isVowel && c != '\\' && c != 'd' && c != 'D' {
			dst[nDst] = c
			nDst++
			nSrc++
			continue
		}
		// The sequence takes at most 3 bytes: wait for them.
		if len(src)-nSrc < 3 && !atEOF {
			return nDst, nSrc, transform.ErrShortSrc
		}
		var next byte
		if nSrc+1 < len(src) {
			next = src[nSrc+1]
		}
		switch {
		case c == '\\':
			if viqrEscapable(next) {
				dst[nDst] = next
				nDst++
				nSrc += 2
				continue
			}
		case c == 'd' && next == 'd', c == 'D' && (next == 'D' || next == 'd'):
			r := 'đ'
			if c == 'D' {
				r = 'Đ'
			}
			nDst += utf8.EncodeRune(dst[nDst:], r)
			nSrc += 2
			continue
		case isVowel:
			r, n := viqrLetter(l, src[nSrc+1:])
			nDst += utf8.EncodeRune(dst[nDst:], r)
			nSrc += 1 + n
			continue
		}
		dst[nDst] = c
		nDst++
		nSrc++
	}
	return nDst, nSrc, nil
}

// viqrVowel returns the letter of an ASCII vowel.
func viqrVowel(c byte) (letter, bool) {
	switch c | 0x20 {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return lookupLetter(rune(c))
	}
	return letter{}, false
}

// viqrLetter reads the marks that follow the vowel l in rest and returns the
// letter they make and how many bytes of rest they took.
func viqrLetter(l letter, rest []byte) (rune, int) {
	n := 0
	if len(rest) > 0 && rest[0] < utf8.RuneSelf {
		if sh := viqrShape[rest[0]]; sh != shapeNone && takesShape(l.base, sh) {
			l.shape = sh
			n++
		}
	}
	if len(rest) > n && rest[n] < utf8.RuneSelf {
		if tn := viqrTone[rest[n]]; tn != toneNone {
			l.tone = tn
			n++
		}
	}
	return composeLetter(l), n
}

// viqrNeutral marks the ASCII bytes that VIQR writes as they are and after
// which no mark joins: all but the vowels, the mark characters, d, D and the
// backslash.
var viqrNeutral = func() (a [utf8.RuneSelf]bool) {
	for c := range a {
		_, vowel := viqrVowel(byte(c))
		a[c] = !vowel && viqrShape[c] == shapeNone && viqrTone[c] == toneNone && c != 'd' && c != 'D' && c != '\\'
	}
	return a
}()

// viqrEncoder encodes one rune into VIQR. It remembers what it wrote last to
// escape the characters the decoder would otherwise read as marks.
type viqrEncoder struct {
	openVowel bool // last wrote a vowel without a tone: marks would join it
}

func (e *viqrEncoder) encodeRune(dst []byte, r rune, next []byte) (int, bool) {
	n := 0
	if r < utf8.RuneSelf {
		c := byte(r)
		escape := c == '\\' ||
			e.openVowel && (viqrShape[c] != shapeNone || viqrTone[c] != toneNone) ||
			(c == 'd' || c == 'D') && startsWithD(next)
		if escape {
			dst[n] = '\\'
			n++
		}
		dst[n] = c
		n++
		_, e.openVowel = viqrVowel(c)
		return n, true
	}
	l, ok := lookupLetter(r)
	if !ok {
		e.openVowel = false
		return utf8.EncodeRune(dst, r), true
	}
	if l.stroke {
		c := byte('d')
		if l.upper {
			c = 'D'
		}
		dst[0], dst[1] = c, c
		e.openVowel = false
		return 2, true
	}
	c := l.base
	if l.upper {
		c -= 'a' - 'A'
	}
	dst[n] = c
	n++
	if l.shape != shapeNone {
		dst[n] = viqrShapeChar[l.shape]
		n++
	}
	if l.tone != toneNone {
		dst[n] = viqrToneChar[l.tone]
		n++
	}
	e.openVowel = l.tone == toneNone
	return n, true
}

func (e *viqrEncoder) reset() { *e = viqrEncoder{} }

func (e *viqrEncoder) name() string { return "viqr" }

// startsWithD reports whether b starts with d, D, đ or Đ, after which a
// literal d would be read as part of đ.
func startsWithD(b []byte) bool {
	return len(b) > 0 && (b[0] == 'd' || b[0] == 'D') ||
		len(b) > 1 && b[0] == 0xC4 && (b[1] == 0x90 || b[1] == 0x91)
}
