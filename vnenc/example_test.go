package vnenc_test

import (
	"fmt"
	"os"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/transform"

	"github.com/vnarchive/vnrestore/vnenc"
)

func ExampleEncoding_NewDecoder() {
	// TCVN3 bytes, as a .VnTime document stores "Đảng Cộng sản Việt Nam".
	tcvn3 := "\xa7\xb6ng C\xe9ng s\xb6n Vi\xd6t Nam"
	s, err := vnenc.TCVN3.NewDecoder().String(tcvn3)
	fmt.Println(s, err)
	// Output: Đảng Cộng sản Việt Nam <nil>
}

func ExampleEncoding_NewEncoder() {
	for _, e := range []*vnenc.Encoding{vnenc.VNI, vnenc.VIQR} {
		s, _ := e.NewEncoder().String("Việt Nam")
		fmt.Printf("%s: %q\n", e.Name(), s)
	}
	// A character the encoding lacks is an error, or '?' with ReplaceUnsupported.
	_, err := vnenc.TCVN3.NewEncoder().String("“Việt Nam”")
	fmt.Println(err)
	s, _ := encoding.ReplaceUnsupported(vnenc.TCVN3.NewEncoder()).String("“Nam”")
	fmt.Printf("%q\n", s)
	// Output:
	// vni: "Vie\xe4t Nam"
	// viqr: "Vie^.t Nam"
	// vnenc: tcvn3 cannot represent U+201C '“'
	// "?Nam?"
}

func ExampleEncoding_streaming() {
	// Decoders are transformers: wrap any reader.
	r := transform.NewReader(strings.NewReader("Ngu+o+`i Vie^.t\n"), vnenc.VIQR.NewDecoder())
	if _, err := os.Stdout.ReadFrom(r); err != nil {
		fmt.Println(err)
	}
	// Output: Người Việt
}

func ExampleMojibake() {
	// TCVN3 bytes that a program read as Windows-1252 and saved as UTF-8.
	s, err := vnenc.Mojibake(vnenc.TCVN3).NewDecoder().String("§¶ng Céng s¶n ViÖt Nam")
	fmt.Println(s, err)
	// Output: Đảng Cộng sản Việt Nam <nil>
}

func ExampleDecodeAuto() {
	for _, in := range []string{
		"§¶ng Céng s¶n ViÖt Nam",        // TCVN3 mojibake
		"Ñaûng Coäng saûn Vieät Nam",    // VNI mojibake
		"\xd1a\xfbng Co\xe4ng sa\xfbn",  // VNI bytes
		"DDa?ng Co^.ng sa?n Vie^.t Nam", // VIQR
		"Đảng Cộng sản Việt Nam",        // Unicode already: unchanged
		"Dang Cong san Viet Nam.",       // no marks: unchanged
		"Are you sure?",                 // English: unchanged
	} {
		out, d, err := vnenc.DecodeAuto([]byte(in))
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%-16s %s\n", d.Name(), out)
	}
	// Output:
	// tcvn3+mojibake   Đảng Cộng sản Việt Nam
	// vni+mojibake     Đảng Cộng sản Việt Nam
	// vni              Đảng Cộng sản
	// viqr             Đảng Cộng sản Việt Nam
	// utf-8            Đảng Cộng sản Việt Nam
	// utf-8            Dang Cong san Viet Nam.
	// utf-8            Are you sure?
}

func ExampleDetect() {
	d := vnenc.Detect([]byte("\xa7i\xd2u 1. Ph\xb9m vi \xaei\xd2u ch\xdenh"))
	fmt.Println(d.Name(), d.Confidence > 0.9)
	// Output: tcvn3 true
}
