package vnenc

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
)

// Encoding is a legacy Vietnamese encoding. It implements
// golang.org/x/text/encoding.Encoding: its decoder turns legacy bytes into
// UTF-8 in NFC, its encoder turns UTF-8 (any normalization form) into legacy
// bytes and fails with an *UnsupportedRuneError on a character the encoding
// cannot represent (wrap it with encoding.ReplaceUnsupported to write '?'
// instead).
type Encoding struct {
	name, title string
	newDecoder  func() transform.Transformer
	newEncoder  func() *encoder
}

var _ encoding.Encoding = (*Encoding)(nil)

// NewDecoder returns a decoder from the legacy encoding to UTF-8 (NFC).
func (e *Encoding) NewDecoder() *encoding.Decoder {
	return &encoding.Decoder{Transformer: e.newDecoder()}
}

// NewEncoder returns an encoder from UTF-8 to the legacy encoding.
func (e *Encoding) NewEncoder() *encoding.Encoder {
	return &encoding.Encoder{Transformer: e.newEncoder()}
}

// Name returns the short name of e that Lookup and the command line use:
// "tcvn3", "tcvn3caps", "vni", "viscii", "cp1258" or "viqr".
func (e *Encoding) Name() string { return e.name }

// String returns the full name of e.
func (e *Encoding) String() string { return e.title }

var (
	tcvn3Table  = newCharset("tcvn3", tcvn3High, tcvn3Low)
	visciiTable = newCharset("viscii", visciiHigh, visciiLow)
	cp1258Table = newCharset("cp1258", cp1258High, nil)
)

// The encodings.
var (
	// TCVN3 is TCVN 5712:1993, the ".VnTime" (ABC) encoding. It decodes
	// the full table VN1, of which the VN3 set of the .VnTime fonts is a
	// subset, so VN3 text decodes unchanged; it encodes to VN1, the only
	// form with every Vietnamese letter (upper-case toned vowels at
	// 0x80–0x9F and in C0 positions), as iconv's TCVN5712-1 does.
	// Letters keep the case their codes have: see TCVN3Caps.
	TCVN3 = &Encoding{
		name: "tcvn3", title: "TCVN 5712:1993 (TCVN3, VN1)",
		newDecoder: func() transform.Transformer { return charsetDecoder{cs: tcvn3Table} },
		newEncoder: func() *encoder { return newCharsetEncoder(tcvn3Table) },
	}
	// TCVN3Caps is TCVN3 for text set in the capital ".VnTimeH" fonts.
	// Those fonts draw the lower-case codes as capitals, so "CỘNG HÒA" is
	// stored as the codes of "céng hoµ" and the bytes alone cannot tell
	// which font was used. TCVN3 keeps the case of the codes (what the
	// bytes say); TCVN3Caps upper-cases every letter it decodes and
	// lower-cases every letter it encodes. Use it for text known to be
	// in .VnTimeH (headings, mostly).
	TCVN3Caps = &Encoding{
		name: "tcvn3caps", title: "TCVN 5712:1993 in .VnTimeH capitals",
		newDecoder: func() transform.Transformer {
			return transform.Chain(charsetDecoder{cs: tcvn3Table}, runes.Map(unicode.ToUpper))
		},
		newEncoder: func() *encoder {
			return &encoder{re: lowerCaser{charsetEncoder{tcvn3Table}}}
		},
	}
	// VNI is VNI-Windows ("VNI-Times" fonts): base letters followed by
	// mark bytes. Bytes VNI does not use keep their Windows-1252 meaning.
	VNI = &Encoding{
		name: "vni", title: "VNI-Windows",
		newDecoder: func() transform.Transformer { return vniDecoder{} },
		newEncoder: func() *encoder { return &encoder{re: vniEncoder{}, identity: &allASCII} },
	}
	// VISCII is VISCII 1.1 (RFC 1456), one byte per precomposed letter.
	VISCII = &Encoding{
		name: "viscii", title: "VISCII 1.1",
		newDecoder: func() transform.Transformer { return charsetDecoder{cs: visciiTable} },
		newEncoder: func() *encoder { return newCharsetEncoder(visciiTable) },
	}
	// CP1258 is Windows code page 1258. Its tone marks are combining
	// bytes: the decoder composes them (the output is NFC) and the
	// encoder writes a letter the code page lacks as the longest base it
	// has plus one tone byte ("ấ" is "â" + acute), as iconv does.
	CP1258 = &Encoding{
		name: "cp1258", title: "Windows-1258",
		newDecoder: func() transform.Transformer { return charsetDecoder{cs: cp1258Table} },
		newEncoder: func() *encoder { return newCharsetEncoder(cp1258Table) },
	}
	// VIQR is Vietnamese Quoted-Readable (RFC 1456): "Vie^.t Nam".
	// Non-ASCII characters pass through its decoder as they are, so its
	// output is NFC when those are (DecodeAuto normalizes it anyway).
	VIQR = &Encoding{
		name: "viqr", title: "VIQR",
		newDecoder: func() transform.Transformer { return viqrDecoder{} },
		newEncoder: func() *encoder { return &encoder{re: &viqrEncoder{}, identity: &viqrNeutral} },
	}
)

// All lists the encodings, TCVN3Caps excepted (it is TCVN3 read another
// way, never detected).
var All = []*Encoding{TCVN3, VNI, VISCII, CP1258, VIQR}

// aliases maps the names Lookup accepts to the encodings.
var aliases = map[string]*Encoding{
	"tcvn3": TCVN3, "tcvn": TCVN3, "tcvn5712": TCVN3, "tcvn5712-1": TCVN3, "vn3": TCVN3, "abc": TCVN3,
	"tcvn3caps": TCVN3Caps, "tcvn3h": TCVN3Caps, "vntimeh": TCVN3Caps,
	"vni": VNI, "vni-windows": VNI,
	"viscii": VISCII,
	"cp1258": CP1258, "windows-1258": CP1258, "win1258": CP1258,
	"viqr": VIQR,
}

// Lookup returns the encoding with the given name, ignoring case: the Name
// of an encoding or a common alias ("tcvn", "windows-1258", ...).
func Lookup(name string) (*Encoding, error) {
	if e, ok := aliases[strings.ToLower(name)]; ok {
		return e, nil
	}
	return nil, fmt.Errorf("vnenc: unknown encoding %q (want tcvn3, tcvn3caps, vni, viscii, cp1258 or viqr)", name)
}

// allASCII marks every ASCII byte as encoding to itself.
var allASCII = func() (a [utf8.RuneSelf]bool) {
	for i := range a {
		a[i] = true
	}
	return a
}()

// newCharsetEncoder returns the encoder of a single-byte charset, with the
// fast path for the ASCII bytes that the charset keeps.
func newCharsetEncoder(cs *charset) *encoder {
	var id [utf8.RuneSelf]bool
	for b := range id {
		id[b] = cs.decode[b] == rune(b)
	}
	return &encoder{re: charsetEncoder{cs}, identity: &id}
}

// lowerCaser lower-cases each rune before encoding it.
type lowerCaser struct{ runeEncoder }

func (l lowerCaser) encodeRune(dst []byte, r rune, next []byte) (int, bool) {
	return l.runeEncoder.encodeRune(dst, unicode.ToLower(r), next)
}
