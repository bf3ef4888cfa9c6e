package vnenc

import (
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/transform"
)

// Mojibake is what legacy bytes become when a program reads them as
// Windows-1252 (or Latin-1) and saves the result as UTF-8: TCVN3 "Đảng"
// turns into "§¶ng", VNI "Đảng" into "Ñaûng". The text is valid UTF-8, and
// every one of its runes is a Windows-1252 or Latin-1 character, so the
// bytes can be recovered exactly and decoded again the right way.

// Mojibake returns the encoding of legacy text in e that was read as
// Windows-1252 or Latin-1 and saved as UTF-8. Its decoder repairs such
// text: Mojibake(TCVN3).NewDecoder() turns "§¶ng" into "Đảng". Its encoder
// makes it (for tests and demonstrations). The decoder fails with
// ErrNotMojibake on a rune that neither code page has.
func Mojibake(e *Encoding) encoding.Encoding {
	return mojibake{e}
}

type mojibake struct{ e *Encoding }

func (m mojibake) NewDecoder() *encoding.Decoder {
	return &encoding.Decoder{Transformer: transform.Chain(unmojibaker{}, m.e.newDecoder())}
}

func (m mojibake) NewEncoder() *encoding.Encoder {
	return &encoding.Encoder{Transformer: transform.Chain(m.e.newEncoder(), mojibaker{})}
}

// ErrNotMojibake is returned when text said to be mojibake holds a rune that
// Windows-1252 and Latin-1 cannot have produced.
var ErrNotMojibake = errNotMojibake{}

type errNotMojibake struct{}

func (errNotMojibake) Error() string {
	return "vnenc: not mojibake: a rune outside Windows-1252 and Latin-1"
}

// windows1252Runes are the runes of Windows-1252 0x80–0x9F.
var windows1252Runes = []rune(windows1252High)

// windows1252Byte maps the runes of Windows-1252 0x80–0x9F to their bytes.
var windows1252Byte = func() map[rune]byte {
	m := map[rune]byte{}
	b := byte(0x80)
	for _, r := range windows1252High {
		m[r] = b
		b++
	}
	return m
}()

// mojibakeByte returns the byte that Windows-1252 or Latin-1 shows as r.
func mojibakeByte(r rune) (byte, bool) {
	if r < 0x100 {
		return byte(r), true
	}
	b, ok := windows1252Byte[r]
	return b, ok
}

// unmojibake returns the bytes that were read as the runes of s, or false
// if s has a rune that neither code page has. It returns s itself when s is
// ASCII.
func unmojibake(s []byte) ([]byte, bool) {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	if i == len(s) {
		return s, true
	}
	out := make([]byte, i, len(s))
	copy(out, s)
	for _, r := range string(s[i:]) {
		b, ok := mojibakeByte(r)
		if !ok {
			return nil, false
		}
		out = append(out, b)
	}
	return out, true
}

// unmojibaker is the Transformer from mojibake to the bytes behind it.
type unmojibaker struct{ transform.NopResetter }

func (unmojibaker) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		if nDst == len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		if c := src[nSrc]; c < utf8.RuneSelf {
			dst[nDst] = c
			nDst++
			nSrc++
			continue
		}
		r, size := utf8.DecodeRune(src[nSrc:])
		if r == utf8.RuneError && size == 1 {
			if !atEOF && !utf8.FullRune(src[nSrc:]) {
				return nDst, nSrc, transform.ErrShortSrc
			}
			return nDst, nSrc, ErrNotMojibake
		}
		b, ok := mojibakeByte(r)
		if !ok {
			return nDst, nSrc, ErrNotMojibake
		}
		dst[nDst] = b
		nDst++
		nSrc += size
	}
	return nDst, nSrc, nil
}

// mojibaker is the Transformer from legacy bytes to their Windows-1252
// reading in UTF-8.
type mojibaker struct{ transform.NopResetter }

func (mojibaker) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		c := src[nSrc]
		r := rune(c)
		if c >= 0x80 && c < 0xA0 {
			r = windows1252Runes[c-0x80]
		}
		if len(dst)-nDst < utf8.RuneLen(r) {
			return nDst, nSrc, transform.ErrShortDst
		}
		nDst += utf8.EncodeRune(dst[nDst:], r)
		nSrc++
	}
	return nDst, nSrc, nil
}
