package vnenc

import (
	"unicode/utf8"

	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// charset is a single-byte encoding given by a table. Some of its bytes may
// be combining tone marks (TCVN3 0xB0–0xB4, CP1258 0xCC 0xD2 0xDE 0xEC
// 0xF2): the decoder composes them with the letter before, so that its
// output is NFC, and the encoder writes a letter the table lacks as a base
// byte and a mark byte.
type charset struct {
	name     string
	decode   [256]rune
	isMark   [256]bool // the byte is a combining mark
	hasMarks bool
	// encode maps a rune below maxLetter to its bytes: b1 | b2<<8 |
	// present; b2 is 0 for a single byte.
	encode [maxLetter]uint32
	// encodeHigh holds the runes at or above maxLetter (punctuation,
	// currency signs).
	encodeHigh map[rune]uint32
	// composed maps a base byte and a mark byte to the precomposed rune
	// (0 if there is none); markIndex numbers the mark bytes from 1.
	composed  [256][6]rune
	markIndex [256]uint8
}

const present = 1 << 16

// newCharset builds a charset from the upper half of its table, the C0
// positions it reuses and the undefined bytes (U+FFFD in high).
func newCharset(name, high string, low map[byte]rune) *charset {
	cs := &charset{name: name, encodeHigh: map[rune]uint32{}}
	for b := 0; b < 0x80; b++ {
		cs.decode[b] = rune(b)
	}
	for b, r := range low {
		cs.decode[b] = r
	}
	i := 0x80
	for _, r := range high {
		cs.decode[i] = r
		i++
	}
	if i != 0x100 {
		panic("vnenc: table " + name + " does not have 128 runes")
	}
	for b := 0; b < 256; b++ {
		r := cs.decode[b]
		if r == utf8.RuneError {
			continue
		}
		if t, ok := toneOfMark(r); ok {
			cs.isMark[b] = true
			cs.markIndex[b] = uint8(t)
			cs.hasMarks = true
		}
		cs.setEncode(r, uint32(b)|present)
	}
	if !cs.hasMarks {
		return cs
	}
	// Letters the table lacks are written as base + mark; compositions
	// of a table letter and a table mark are read back as one rune.
	for b := 0; b < 256; b++ {
		base := cs.decode[b]
		if cs.isMark[b] || base == utf8.RuneError || base < 'A' {
			continue
		}
		for m := 0; m < 256; m++ {
			if !cs.isMark[m] {
				continue
			}
			c := norm.NFC.String(string(base) + string(cs.decode[m]))
			r, size := utf8.DecodeRuneInString(c)
			if size != len(c) {
				continue // no precomposed rune
			}
			cs.composed[b][cs.markIndex[m]] = r
			if _, ok := cs.lookupEncode(r); !ok {
				cs.setEncode(r, uint32(b)|uint32(m)<<8|present)
			}
		}
	}
	return cs
}

func (cs *charset) setEncode(r rune, v uint32) {
	if r < maxLetter {
		cs.encode[r] = v
	} else {
		cs.encodeHigh[r] = v
	}
}

func (cs *charset) lookupEncode(r rune) (uint32, bool) {
	if r >= 0 && r < maxLetter {
		v := cs.encode[r]
		return v, v != 0
	}
	v, ok := cs.encodeHigh[r]
	return v, ok
}

// maxMarkRun bounds how many combining marks after a letter the decoder
// normalizes together with it: Unicode's stream-safe limit of 30
// non-starters. Longer runs (never seen in text) are normalized in pieces.
const maxMarkRun = 30

// charsetDecoder is the decoding Transformer of a charset.
type charsetDecoder struct {
	transform.NopResetter
	cs *charset
}

// Transform implements transform.Transformer.
func (d charsetDecoder) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	cs := d.cs
	for nSrc < len(src) {
		b := src[nSrc]
		r := cs.decode[b]
		end := nSrc + 1
		if cs.hasMarks {
			for end < len(src) && cs.isMark[src[end]] && end-nSrc <= maxMarkRun {
				end++
			}
			if end == len(src) && !atEOF && end-nSrc <= maxMarkRun {
				return nDst, nSrc, transform.ErrShortSrc
			}
		}
		// Every rune of the tables takes at most 3 bytes in UTF-8.
		if len(dst)-nDst < 3*(end-nSrc) {
			return nDst, nSrc, transform.ErrShortDst
		}
		if end == nSrc+1 {
			if r < utf8.RuneSelf {
				dst[nDst] = byte(r)
				nDst++
			} else {
				nDst += utf8.EncodeRune(dst[nDst:], r)
			}
			nSrc++
			continue
		}
		if end == nSrc+2 {
			if c := cs.composed[b][cs.markIndex[src[nSrc+1]]]; c != 0 {
				nDst += utf8.EncodeRune(dst[nDst:], c)
				nSrc += 2
				continue
			}
		}
		// A letter with several marks, or a mark that does not compose
		// with it: let the normalizer order and compose them.
		var buf [utf8.UTFMax * (maxMarkRun + 2)]byte
		run := buf[:0]
		for _, c := range src[nSrc:end] {
			run = utf8.AppendRune(run, cs.decode[c])
		}
		nDst += copy(dst[nDst:], norm.NFC.Bytes(run))
		nSrc = end
	}
	return nDst, nSrc, nil
}

// charsetEncoder encodes one rune into a charset.
type charsetEncoder struct{ cs *charset }

func (e charsetEncoder) encodeRune(dst []byte, r rune, _ []byte) (int, bool) {
	v, ok := e.cs.lookupEncode(r)
	if !ok {
		return 0, false
	}
	dst[0] = byte(v)
	if b2 := byte(v >> 8); b2 != 0 {
		dst[1] = b2
		return 2, true
	}
	return 1, true
}

func (e charsetEncoder) reset() {}

func (e charsetEncoder) name() string { return e.cs.name }
