package vnenc

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/transform"
)

// VNI-Windows writes a Vietnamese vowel as its ASCII base letter followed by
// one mark byte that carries both the shape (breve, circumflex) and the tone.
// A few letters have bytes of their own: đ, ơ, ư, the toned i and ỵ. Marks
// and letters sit at Windows-1252 positions (so the marks look like "û", "ä"
// in a Western font); an upper-case letter uses the byte 0x20 below the
// lower-case one, as Windows-1252 does. Every byte VNI does not use keeps its
// Windows-1252 meaning (curly quotes, dashes, the euro sign), since VNI fonts
// are Windows-1252 fonts with Vietnamese glyphs in some places.

// vniMark is what a lower-case VNI mark byte puts on its base.
type vniMark struct {
	shape shape
	tone  tone
}

// vniMarks are the lower-case mark bytes; the upper-case ones are 0x20 less.
var vniMarks = map[byte]vniMark{
	0xF9: {shapeNone, toneAcute}, 0xF8: {shapeNone, toneGrave}, 0xFB: {shapeNone, toneHook},
	0xF5: {shapeNone, toneTilde}, 0xEF: {shapeNone, toneDot},
	0xE2: {shapeCircumflex, toneNone}, 0xE1: {shapeCircumflex, toneAcute}, 0xE0: {shapeCircumflex, toneGrave},
	0xE5: {shapeCircumflex, toneHook}, 0xE3: {shapeCircumflex, toneTilde}, 0xE4: {shapeCircumflex, toneDot},
	0xEA: {shapeBreve, toneNone}, 0xE9: {shapeBreve, toneAcute}, 0xE8: {shapeBreve, toneGrave},
	0xFA: {shapeBreve, toneHook}, 0xFC: {shapeBreve, toneTilde}, 0xEB: {shapeBreve, toneDot},
}

// vniLetters are the lower-case letters with a byte of their own; the
// upper-case ones are 0x20 less.
var vniLetters = map[byte]rune{
	0xF1: 'đ', 0xF4: 'ơ', 0xF6: 'ư',
	0xEC: 'ì', 0xED: 'í', 0xE6: 'ỉ', 0xF3: 'ĩ', 0xF2: 'ị', 0xEE: 'ỵ',
}

// vniTable holds the decoding and encoding tables of VNI, built from the
// maps above.
type vniTable struct {
	single [256]rune    // the rune of a byte read alone
	mark   [256]vniMark // the mark of a mark byte
	isMark [256]bool    // the byte is a mark
	isBase [256]bool    // the byte is a vowel that may take a mark
	baseOf [256]letter  // the letter of a base byte
	// encode holds the bytes of the runes below maxLetter (second byte 0
	// for one byte; both 0 for none), encodeHigh those of the others.
	encode     [maxLetter][2]byte
	encodeHigh map[rune][2]byte
	// reserved bytes are the ones VNI uses for marks and letters, which
	// no other character may take.
	reserved [256]bool
}

var vni = newVNITable()

func newVNITable() *vniTable {
	t := &vniTable{encodeHigh: map[rune][2]byte{}}
	for b := 0; b < 0x80; b++ {
		t.single[b] = rune(b)
	}
	i := 0x80
	for _, r := range windows1252High {
		t.single[i] = r
		i++
	}
	for b := 0xA0; b < 0x100; b++ {
		t.single[b] = rune(b)
	}
	for b, m := range vniMarks {
		for _, c := range []byte{b, b - 0x20} {
			t.mark[c] = m
			t.isMark[c] = true
			t.reserved[c] = true
		}
	}
	for b, r := range vniLetters {
		lo, up := b, b-0x20
		t.single[lo] = r
		t.single[up] = unicode.ToUpper(r)
		t.reserved[lo], t.reserved[up] = true, true
	}
	for _, c := range "aeiouyAEIOUY" {
		t.isBase[c] = true
		t.baseOf[c], _ = lookupLetter(c)
	}
	for _, c := range []byte{0xF4, 0xD4, 0xF6, 0xD6} { // ơ Ơ ư Ư
		t.isBase[c] = true
		t.baseOf[c], _ = lookupLetter(t.single[c])
	}
	// Encoding: the Windows-1252 bytes VNI leaves alone, then every
	// Vietnamese letter, by its own byte or as base + mark (so Ý is "YÙ"
	// as VNI keyboards write it, not Windows-1252 0xDD).
	for b := 0x80; b < 0x100; b++ {
		if !t.reserved[b] {
			t.setEncode(t.single[b], [2]byte{byte(b)})
		}
	}
	own := map[rune]byte{}
	for b, r := range vniLetters {
		own[r] = b
		own[unicode.ToUpper(r)] = b - 0x20
	}
	for _, r := range letterRunes {
		if b, ok := own[r]; ok {
			t.setEncode(r, [2]byte{b})
			continue
		}
		l, _ := lookupLetter(r)
		base, sh := l.base, l.shape
		if sh == shapeHorn { // the horn is in the base byte: ơ, ư
			base, sh = map[byte]byte{'o': 0xF4, 'u': 0xF6}[l.base], shapeNone
		}
		var markByte byte
		for mb, m := range vniMarks {
			if m.shape == sh && m.tone == l.tone {
				markByte = mb
			}
		}
		if l.upper {
			if base < utf8.RuneSelf {
				base -= 'a' - 'A'
			} else {
				base -= 0x20
			}
			markByte -= 0x20
		}
		t.setEncode(r, [2]byte{base, markByte})
	}
	return t
}

func (t *vniTable) setEncode(r rune, bs [2]byte) {
	if r < maxLetter {
		t.encode[r] = bs
	} else {
		t.encodeHigh[r] = bs
	}
}

// vniDecoder is the decoding Transformer of VNI-Windows.
type vniDecoder struct{ transform.NopResetter }

// Transform implements transform.Transformer.
func (vniDecoder) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	t := vni
	for nSrc < len(src) {
		if len(dst)-nDst < utf8.UTFMax {
			return nDst, nSrc, transform.ErrShortDst
		}
		b := src[nSrc]
		if t.isBase[b] {
			if nSrc+1 == len(src) && !atEOF {
				return nDst, nSrc, transform.ErrShortSrc
			}
			if nSrc+1 < len(src) && t.isMark[src[nSrc+1]] {
				l, m := t.baseOf[b], t.mark[src[nSrc+1]]
				if r := t.withMark(l, m); r != 0 {
					nDst += utf8.EncodeRune(dst[nDst:], r)
					nSrc += 2
					continue
				}
			}
		}
		r := t.single[b]
		if r < utf8.RuneSelf {
			dst[nDst] = byte(r)
			nDst++
		} else {
			nDst += utf8.EncodeRune(dst[nDst:], r)
		}
		nSrc++
	}
	return nDst, nSrc, nil
}

// withMark returns the letter l with the mark m added, or 0 if the mark does
// not fit the letter (a shape on a letter that has one, a breve on o, ...).
func (t *vniTable) withMark(l letter, m vniMark) rune {
	if m.shape != shapeNone && l.shape != shapeNone {
		return 0
	}
	if l.tone != toneNone {
		return 0
	}
	sh := l.shape
	if m.shape != shapeNone {
		sh = m.shape
	}
	l.shape, l.tone = sh, m.tone
	return composeLetter(l)
}

// vniEncoder encodes one rune into VNI-Windows.
type vniEncoder struct{}

func (vniEncoder) encodeRune(dst []byte, r rune, _ []byte) (int, bool) {
	if r < utf8.RuneSelf {
		dst[0] = byte(r)
		return 1, true
	}
	var bs [2]byte
	if r < maxLetter {
		bs = vni.encode[r]
	} else {
		bs = vni.encodeHigh[r]
	}
	if bs[0] == 0 {
		return 0, false
	}
	dst[0] = bs[0]
	if bs[1] == 0 {
		return 1, true
	}
	dst[1] = bs[1]
	return 2, true
}

func (vniEncoder) reset() {}

func (vniEncoder) name() string { return "vni" }
