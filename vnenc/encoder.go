package vnenc

import (
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// UnsupportedRuneError is the error of an encoder given a rune that its
// encoding cannot represent, such as “ or … in TCVN3 or VISCII. It tells
// encoding.ReplaceUnsupported to write '?' in its place.
type UnsupportedRuneError struct {
	Encoding string // name of the encoding, e.g. "tcvn3"
	Rune     rune   // utf8.RuneError for invalid UTF-8
}

// Error implements error.
func (e *UnsupportedRuneError) Error() string {
	return fmt.Sprintf("vnenc: %s cannot represent %U %q", e.Encoding, e.Rune, e.Rune)
}

// Replacement returns the byte that encoding.ReplaceUnsupported writes in
// place of the rune.
func (e *UnsupportedRuneError) Replacement() byte { return '?' }

// runeEncoder writes the bytes of one rune in a legacy encoding.
type runeEncoder interface {
	// encodeRune writes r to dst, which has room for maxEncodedRune
	// bytes, and returns how many it wrote; ok is false if the encoding
	// cannot represent r. next holds what follows r in the source (empty
	// at the end of the text).
	encodeRune(dst []byte, r rune, next []byte) (n int, ok bool)
	// reset forgets any state kept between runes.
	reset()
	name() string
}

// maxEncodedRune bounds the bytes one rune takes in any encoding here
// (VIQR: escape, vowel, shape, tone).
const maxEncodedRune = 8

// maxCombiningRun bounds the combining marks the encoder normalizes together
// with the letter before them.
const maxCombiningRun = 8

// encoder is the encoding Transformer shared by all encodings. It takes
// UTF-8 in any normalization form: a letter followed by combining marks is
// composed (NFC) before it is encoded.
type encoder struct {
	re runeEncoder
	// identity, if not nil, tells which ASCII bytes encode as themselves
	// whatever surrounds them and leave the runeEncoder in its reset
	// state (the fast path).
	identity *[utf8.RuneSelf]bool
}

// Reset implements transform.Resetter.
func (e *encoder) Reset() { e.re.reset() }

// Transform implements transform.Transformer.
func (e *encoder) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	fast := false // wrote bytes by the fast path since the last encodeRune
	for nSrc < len(src) {
		c := src[nSrc]
		if c < utf8.RuneSelf && e.identity != nil && e.identity[c] {
			if !atEOF && !utf8.FullRune(src[nSrc+1:]) {
				return nDst, nSrc, transform.ErrShortSrc // a combining mark may follow
			}
			if nSrc+1 == len(src) || !startsCombining(src[nSrc+1:]) {
				if nDst == len(dst) {
					return nDst, nSrc, transform.ErrShortDst
				}
				dst[nDst] = c
				nDst++
				nSrc++
				fast = true
				continue
			}
		}
		if fast {
			// A byte of the fast path leaves the encoder in its
			// initial state (VIQR: no vowel open).
			e.re.reset()
			fast = false
		}
		r, size := utf8.DecodeRune(src[nSrc:])
		if r == utf8.RuneError && size <= 1 {
			if !atEOF && !utf8.FullRune(src[nSrc:]) {
				return nDst, nSrc, transform.ErrShortSrc
			}
			return nDst, nSrc, &UnsupportedRuneError{Encoding: e.re.name(), Rune: utf8.RuneError}
		}
		end, marks := nSrc+size, 0
		for end < len(src) && marks < maxCombiningRun && startsCombining(src[end:]) {
			end += 2 // U+0300–U+036F take two bytes
			marks++
		}
		if !atEOF && marks < maxCombiningRun && !utf8.FullRune(src[end:]) {
			return nDst, nSrc, transform.ErrShortSrc
		}
		if len(dst)-nDst < maxEncodedRune*(marks+1) {
			return nDst, nSrc, transform.ErrShortDst
		}
		if marks == 0 {
			n, ok := e.re.encodeRune(dst[nDst:], r, src[end:])
			if !ok {
				return nDst, nSrc, &UnsupportedRuneError{Encoding: e.re.name(), Rune: r}
			}
			nDst += n
			nSrc = end
			continue
		}
		n := nDst
		composed := string(norm.NFC.Bytes(src[nSrc:end]))
		for i, r := range composed {
			next := src[end:]
			if i+utf8.RuneLen(r) < len(composed) {
				next = []byte(composed[i+utf8.RuneLen(r):])
			}
			m, ok := e.re.encodeRune(dst[n:], r, next)
			if !ok {
				return nDst, nSrc, &UnsupportedRuneError{Encoding: e.re.name(), Rune: r}
			}
			n += m
		}
		nDst = n
		nSrc = end
	}
	return nDst, nSrc, nil
}

// startsCombining reports whether b starts with a combining diacritical mark
// (U+0300–U+036F) in UTF-8.
func startsCombining(b []byte) bool {
	if len(b) < 2 {
		return false
	}
	return (b[0] == 0xCC && b[1] >= 0x80 && b[1] <= 0xBF) || (b[0] == 0xCD && b[1] >= 0x80 && b[1] <= 0xAF)
}
