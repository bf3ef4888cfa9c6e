package vnenc

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// The VNI and VIQR spelling of every letter, written out by hand from the
// conventions (VNI as a Windows-1252 font shows it), in the order of
// vietnameseLetters: each vowel with no tone, grave, hook, tilde, acute,
// dot; then đ. The tests check both directions against them.
var vniLetters1252 = "" +
	"a aø aû aõ aù aï  aê aè aú aü aé aë  aâ aà aå aã aá aä  e eø eû eõ eù eï  eâ eà eå eã eá eä  i ì æ ó í ò  " +
	"o oø oû oõ où oï  oâ oà oå oã oá oä  ô ôø ôû ôõ ôù ôï  u uø uû uõ uù uï  ö öø öû öõ öù öï  y yø yû yõ yù î  ñ  " +
	"A AØ AÛ AÕ AÙ AÏ  AÊ AÈ AÚ AÜ AÉ AË  AÂ AÀ AÅ AÃ AÁ AÄ  E EØ EÛ EÕ EÙ EÏ  EÂ EÀ EÅ EÃ EÁ EÄ  I Ì Æ Ó Í Ò  " +
	"O OØ OÛ OÕ OÙ OÏ  OÂ OÀ OÅ OÃ OÁ OÄ  Ô ÔØ ÔÛ ÔÕ ÔÙ ÔÏ  U UØ UÛ UÕ UÙ UÏ  Ö ÖØ ÖÛ ÖÕ ÖÙ ÖÏ  Y YØ YÛ YÕ YÙ Î  Ñ"

var viqrLetters = "" +
	"a a` a? a~ a' a.  a( a(` a(? a(~ a(' a(.  a^ a^` a^? a^~ a^' a^.  e e` e? e~ e' e.  e^ e^` e^? e^~ e^' e^.  i i` i? i~ i' i.  " +
	"o o` o? o~ o' o.  o^ o^` o^? o^~ o^' o^.  o+ o+` o+? o+~ o+' o+.  u u` u? u~ u' u.  u+ u+` u+? u+~ u+' u+.  y y` y? y~ y' y.  dd  " +
	"A A` A? A~ A' A.  A( A(` A(? A(~ A(' A(.  A^ A^` A^? A^~ A^' A^.  E E` E? E~ E' E.  E^ E^` E^? E^~ E^' E^.  I I` I? I~ I' I.  " +
	"O O` O? O~ O' O.  O^ O^` O^? O^~ O^' O^.  O+ O+` O+? O+~ O+' O+.  U U` U? U~ U' U.  U+ U+` U+? U+~ U+' U+.  Y Y` Y? Y~ Y' Y.  DD"

func TestVNIAndVIQRTables(t *testing.T) {
	letters := []rune(strings.ReplaceAll(vietnameseLetters, " ", ""))
	for _, tt := range []struct {
		e     *Encoding
		table string
		bytes func(string) string
	}{
		{VNI, vniLetters1252, func(s string) string {
			b, err := charmap.Windows1252.NewEncoder().String(s)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}},
		{VIQR, viqrLetters, func(s string) string { return s }},
	} {
		spellings := strings.Fields(tt.table)
		if len(spellings) != len(letters) {
			t.Fatalf("%s: %d spellings for %d letters", tt.e.Name(), len(spellings), len(letters))
		}
		for i, r := range letters {
			want := tt.bytes(spellings[i])
			got, err := tt.e.NewEncoder().String(string(r))
			if err != nil || got != want {
				t.Errorf("%s: encode %c = %q, %v; want %q", tt.e.Name(), r, got, err, want)
			}
			back, err := tt.e.NewDecoder().String(want)
			if err != nil || back != string(r) {
				t.Errorf("%s: decode %q = %q, %v; want %c", tt.e.Name(), want, back, err, r)
			}
		}
	}
}
