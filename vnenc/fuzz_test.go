package vnenc

import (
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/unicode/norm"
)

// FuzzDecoders checks that no decoder (nor DecodeAuto) panics or fails on any
// input, that the output is valid UTF-8, and that the encoders handle it.
func FuzzDecoders(f *testing.F) {
	for _, s := range []string{
		"\xa7\xb6ng C\xe9ng", "\xd1a\xfbng Co\xe4ng", "Vie^.t \\d dd", "a\xec\xf2\xcc", "§¶ng", "\x00\xff\x80",
		"ai\xb0\xb1\xb2\xb3\xb4\xb0\xb1\xb2\xb3\xb4", "Ñaûng Coäng saûn Vieät Nam",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		for _, e := range append(All, TCVN3Caps) {
			out, err := e.NewDecoder().Bytes(in)
			if err != nil {
				t.Fatalf("%s: decode %q: %v", e.Name(), in, err)
			}
			if !utf8.Valid(out) {
				t.Fatalf("%s: decode %q: invalid UTF-8 %q", e.Name(), in, out)
			}
			if e != VIQR && e != TCVN3Caps && longestMarkRun(in) <= maxMarkRun && !norm.NFC.IsNormal(out) {
				t.Fatalf("%s: decode %q: not NFC: %q", e.Name(), in, out)
			}
			// Whatever decodes must encode again (ReplaceUnsupported
			// for the runes the encoding lacks) without a panic.
			if _, err := encoding.ReplaceUnsupported(e.NewEncoder()).Bytes(out); err != nil {
				t.Fatalf("%s: re-encode %q: %v", e.Name(), out, err)
			}
		}
		if out, _, err := DecodeAuto(in); err == nil && !utf8.Valid(out) {
			t.Fatalf("DecodeAuto(%q) = invalid UTF-8 %q", in, out)
		}
	})
}

// longestMarkRun returns the longest run of bytes that are combining marks
// in TCVN3 or CP1258.
func longestMarkRun(b []byte) int {
	longest, n := 0, 0
	for _, c := range b {
		if tcvn3Table.isMark[c] || cp1258Table.isMark[c] {
			n++
			longest = max(longest, n)
		} else {
			n = 0
		}
	}
	return longest
}

// FuzzRoundTrip checks that whatever an encoder accepts decodes back to the
// NFC form of the input. VIQR, which passes other characters through,
// accepts every valid UTF-8 string.
func FuzzRoundTrip(f *testing.F) {
	for _, s := range []string{"Đảng Cộng sản", "a.", "add dđ \\", "Ha\\. A^", "á\u0323", "e\u0302\u0301", "“x” …", "ƯỚ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		want := norm.NFC.String(s)
		for _, e := range All {
			enc, err := e.NewEncoder().String(s)
			if err != nil {
				if e == VIQR {
					t.Fatalf("viqr: encode %q: %v", s, err)
				}
				continue
			}
			got, err := e.NewDecoder().String(enc)
			if e == VIQR { // passes non-ASCII through unnormalized
				got = norm.NFC.String(got)
			}
			if err != nil || got != want {
				t.Fatalf("%s: %q encodes as %q, decodes as %q (%v)", e.Name(), s, enc, got, err)
			}
		}
	})
}
