package vnenc

import (
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// This file describes every Vietnamese letter as a base vowel, a shape mark
// and a tone mark. The encodings built from marks (VNI, VIQR, CP1258) take
// letters apart and put them together with these tables.

// shape is the mark that makes a new vowel letter out of a base vowel.
type shape uint8

const (
	shapeNone       shape = iota
	shapeBreve            // ă
	shapeCircumflex       // â ê ô
	shapeHorn             // ơ ư
)

// tone is one of the five tone marks of Vietnamese (the level tone has none).
type tone uint8

const (
	toneNone  tone = iota
	toneGrave      // huyền
	toneHook       // hỏi
	toneTilde      // ngã
	toneAcute      // sắc
	toneDot        // nặng
	numTones
)

// letter is a Vietnamese vowel letter taken apart, or đ/Đ (base 'd',
// stroke true).
type letter struct {
	base   byte // lower-case ASCII vowel: a e i o u y; or 'd' for đ
	shape  shape
	tone   tone
	upper  bool
	stroke bool // đ, Đ
}

// vowelShapes lists, for each base vowel, the shapes it takes.
var vowelShapes = []struct {
	base   byte
	shapes []shape
}{
	{'a', []shape{shapeNone, shapeBreve, shapeCircumflex}},
	{'e', []shape{shapeNone, shapeCircumflex}},
	{'i', []shape{shapeNone}},
	{'o', []shape{shapeNone, shapeCircumflex, shapeHorn}},
	{'u', []shape{shapeNone, shapeHorn}},
	{'y', []shape{shapeNone}},
}

// combiningShape and combiningTone are the Unicode combining marks of the
// shapes and tones.
var (
	combiningShape = [...]rune{shapeBreve: 0x0306, shapeCircumflex: 0x0302, shapeHorn: 0x031B}
	combiningTone  = [...]rune{toneGrave: 0x0300, toneHook: 0x0309, toneTilde: 0x0303, toneAcute: 0x0301, toneDot: 0x0323}
)

// maxLetter bounds the code points of Vietnamese letters (ỹ is U+1EF9).
const maxLetter = 0x1F00

// composed holds the rune of every vowel letter by base index (see
// baseIndex), shape, tone and case (1 upper); 0 where the base does not
// take the shape.
var composed = func() (c [6][4][numTones][2]rune) {
	for _, v := range vowelShapes {
		for _, sh := range v.shapes {
			for tn := toneNone; tn < numTones; tn++ {
				for up := range 2 {
					c[baseIndex(v.base)][sh][tn][up] = letter{base: v.base, shape: sh, tone: tn, upper: up == 1}.compose()
				}
			}
		}
	}
	return c
}()

// composeLetter returns the rune of the vowel letter l, or 0 if its base
// does not take its shape (a breve on o, a horn on a).
func composeLetter(l letter) rune {
	i := baseIndex(l.base)
	if i < 0 {
		return 0
	}
	up := 0
	if l.upper {
		up = 1
	}
	return composed[i][l.shape][l.tone][up]
}

// takesShape reports whether the base vowel takes the shape.
func takesShape(base byte, sh shape) bool {
	return composeLetter(letter{base: base, shape: sh}) != 0
}

// baseIndex maps a lower-case ASCII vowel to its index in composed, -1 for
// other bytes.
func baseIndex(b byte) int {
	switch b {
	case 'a':
		return 0
	case 'e':
		return 1
	case 'i':
		return 2
	case 'o':
		return 3
	case 'u':
		return 4
	case 'y':
		return 5
	}
	return -1
}

// letterOf holds the parts of each Vietnamese letter, zero (base 0) for
// runes that are no Vietnamese letter; letterRunes lists every Vietnamese
// letter that is not plain ASCII, plus đ Đ; allLetters all 12 vowels × 6
// tones × 2 cases, plus đ Đ (146 runes).
var letterOf, letterRunes, allLetters = buildLetters()

func buildLetters() (letterOf *[maxLetter]letter, letterRunes, allLetters []rune) {
	letterOf = new([maxLetter]letter)
	for _, v := range vowelShapes {
		for _, sh := range v.shapes {
			for tn := toneNone; tn < numTones; tn++ {
				for _, upper := range []bool{false, true} {
					l := letter{base: v.base, shape: sh, tone: tn, upper: upper}
					r := l.compose()
					letterOf[r] = l
					allLetters = append(allLetters, r)
					if r >= utf8.RuneSelf {
						letterRunes = append(letterRunes, r)
					}
				}
			}
		}
	}
	letterOf['đ'] = letter{base: 'd', stroke: true}
	letterOf['Đ'] = letter{base: 'd', stroke: true, upper: true}
	allLetters = append(allLetters, 'đ', 'Đ')
	letterRunes = append(letterRunes, 'đ', 'Đ')
	return letterOf, letterRunes, allLetters
}

// compose builds the precomposed (NFC) rune of l. It is used to fill the
// tables at start-up only.
func (l letter) compose() rune {
	if l.stroke {
		if l.upper {
			return 'Đ'
		}
		return 'đ'
	}
	b := rune(l.base)
	if l.upper {
		b -= 'a' - 'A'
	}
	s := string(b)
	if l.shape != shapeNone {
		s += string(combiningShape[l.shape])
	}
	if l.tone != toneNone {
		s += string(combiningTone[l.tone])
	}
	r, _ := utf8.DecodeRuneInString(norm.NFC.String(s))
	return r
}

// lookupLetter returns the parts of the Vietnamese letter r.
func lookupLetter(r rune) (letter, bool) {
	if r < 0 || r >= maxLetter {
		return letter{}, false
	}
	l := letterOf[r]
	return l, l.base != 0
}

// toneOfMark returns the tone of a Unicode combining tone mark.
func toneOfMark(r rune) (tone, bool) {
	for t, m := range combiningTone {
		if m == r && t != int(toneNone) {
			return tone(t), true
		}
	}
	return toneNone, false
}
