package vnenc

import (
	"bytes"
	"errors"
	"io"
	"os/exec"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// vietnameseLetters are the 12 vowels × 6 tones in both cases, plus đ Đ,
// written out so that the test does not trust the package's own tables.
const vietnameseLetters = "" +
	"aàảãáạ ăằẳẵắặ âầẩẫấậ eèẻẽéẹ êềểễếệ iìỉĩíị oòỏõóọ ôồổỗốộ ơờởỡớợ uùủũúụ ưừửữứự yỳỷỹýỵ đ " +
	"AÀẢÃÁẠ ĂẰẲẴẮẶ ÂẦẨẪẤẬ EÈẺẼÉẸ ÊỀỂỄẾỆ IÌỈĨÍỊ OÒỎÕÓỌ ÔỒỔỖỐỘ ƠỜỞỠỚỢ UÙỦŨÚỤ ƯỪỬỮỨỰ YỲỶỸÝỴ Đ"

func TestLetterInventory(t *testing.T) {
	n := 0
	for _, r := range vietnameseLetters {
		if r != ' ' {
			n++
		}
	}
	if n != 146 || len(allLetters) != 146 {
		t.Fatalf("got %d letters in the test, %d in the package; want 146", n, len(allLetters))
	}
}

// TestEveryLetter encodes each Vietnamese letter, checks the bytes against
// the published tables, and decodes them back.
func TestEveryLetter(t *testing.T) {
	// Expected bytes of some letters, from the standards.
	known := map[string]map[rune]string{
		"tcvn3":  {'đ': "\xae", 'Đ': "\xa7", 'ả': "\xb6", 'ộ': "\xe9", 'Ộ': "\x97", 'ứ': "\xf8", 'Ứ': "\x11", 'ỵ': "\xfe", 'ă': "\xa8"},
		"vni":    {'đ': "\xf1", 'Đ': "\xd1", 'ả': "a\xfb", 'ộ': "o\xe4", 'Ộ': "O\xc4", 'ứ': "\xf6\xf9", 'Ứ': "\xd6\xd9", 'ỵ': "\xee", 'ă': "a\xea", 'í': "\xed", 'Ý': "Y\xd9"},
		"viscii": {'đ': "\xf0", 'Đ': "\xd0", 'ả': "\xe4", 'ộ': "\xb5", 'Ộ': "\x93", 'ứ': "\xd1", 'Ứ': "\xba", 'ỵ': "\xdc", 'Ỵ': "\x1e", 'ă': "\xe5"},
		"cp1258": {'đ': "\xf0", 'Đ': "\xd0", 'ả': "a\xd2", 'ộ': "\xf4\xf2", 'Ộ': "\xd4\xf2", 'ứ': "\xfd\xec", 'á': "\xe1", 'ỵ': "y\xf2", 'ă': "\xe3"},
		"viqr":   {'đ': "dd", 'Đ': "DD", 'ả': "a?", 'ộ': "o^.", 'Ộ': "O^.", 'ứ': "u+'", 'Ứ': "U+'", 'ỵ': "y.", 'ă': "a("},
	}
	for _, e := range append(All, TCVN3Caps) {
		for _, r := range vietnameseLetters {
			if r == ' ' {
				continue
			}
			in := string(r)
			if e == TCVN3Caps {
				in = strings.ToUpper(in)
			}
			enc, err := e.NewEncoder().String(in)
			if err != nil {
				t.Errorf("%s: encode %q: %v", e.Name(), in, err)
				continue
			}
			if want, ok := known[e.Name()][r]; ok && enc != want {
				t.Errorf("%s: encode %q = %q, want %q", e.Name(), in, enc, want)
			}
			dec, err := e.NewDecoder().String(enc)
			if err != nil || dec != in {
				t.Errorf("%s: decode %q = %q, %v; want %q", e.Name(), enc, dec, err, in)
			}
			// The decomposed form encodes the same.
			encNFD, err := e.NewEncoder().String(norm.NFD.String(in))
			if err != nil || encNFD != enc {
				t.Errorf("%s: encode NFD %q = %q, %v; want %q", e.Name(), norm.NFD.String(in), encNFD, err, enc)
			}
		}
	}
}

func TestDecode(t *testing.T) {
	tests := []struct {
		e        *Encoding
		in, want string
	}{
		{TCVN3, "\xa7\xb6ng C\xe9ng s\xb6n Vi\xd6t Nam", "Đảng Cộng sản Việt Nam"},
		{TCVN3, "c\xe9ng ho\xb5 x\xb7 h\xe9i", "cộng hoà xã hội"},
		{TCVN3Caps, "c\xe9ng ho\xb5 x\xb7 h\xe9i", "CỘNG HOÀ XÃ HỘI"},
		{TCVN3, "a\xb3 e\xb4\xb3", "á ẹ́"}, // combining tone bytes
		{VNI, "\xd1a\xfbng Co\xe4ng sa\xfbn Vie\xe4t Nam", "Đảng Cộng sản Việt Nam"},
		{VNI, "Ng\xf6\xf4\xf8i \xf1\xf6\xf4\xefc", "Người được"},
		{VNI, "\x93VIE\xc4T NAM\x94 \xe2", "“VIỆT NAM” â"}, // Windows-1252 quotes; a mark alone stays as it shows
		{VISCII, "\xd0\xe4ng C\xb5ng s\xe4n Vi\xaet Nam", "Đảng Cộng sản Việt Nam"},
		{CP1258, "\xd0a\xd2ng C\xf4\xf2ng sa\xd2n Vi\xea\xf2t Nam", "Đảng Cộng sản Việt Nam"},
		{CP1258, "\xe1 a\xec \x93x\x94 \x81", "á á “x” \ufffd"},
		{CP1258, "a\xec\xf2", "ạ́"}, // two marks: NFC orders them
		{VIQR, "DDa?ng Co^.ng sa?n Vie^.t Nam", "Đảng Cộng sản Việt Nam"},
		{VIQR, "ngu+o+`i dda(ng Ha\\. A\\^ \\\\ \\x", "người đăng Ha. A^ \\ \\x"},
		{VIQR, "i( o(", "i( o("}, // no breve on i or o
		{VIQR, "tiếng Việt", "tiếng Việt"},
	}
	for _, tt := range tests {
		got, err := tt.e.NewDecoder().String(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("%s.Decode(%q) = %q, %v; want %q", tt.e.Name(), tt.in, got, err, tt.want)
		}
		if !norm.NFC.IsNormalString(got) {
			t.Errorf("%s.Decode(%q) is not NFC", tt.e.Name(), tt.in)
		}
	}
}

func TestEncode(t *testing.T) {
	tests := []struct {
		e        *Encoding
		in, want string
	}{
		{TCVN3, "Đảng Cộng sản", "\xa7\xb6ng C\xe9ng s\xb6n"},
		{VNI, "Đảng “Cộng” €", "\xd1a\xfbng \x93Co\xe4ng\x94 \x80"},
		{VIQR, "Hà Nội. Vậy à? add dđ Dd \\", "Ha` No^.i\\. Va^.y a`? a\\dd \\ddd \\Dd \\\\"},
		{VIQR, "a.", "a\\."},
		{CP1258, "Việt “x”", "Vi\xea\xf2t \x93x\x94"},
	}
	for _, tt := range tests {
		got, err := tt.e.NewEncoder().String(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("%s.Encode(%q) = %q, %v; want %q", tt.e.Name(), tt.in, got, err, tt.want)
		}
		back, err := tt.e.NewDecoder().String(got)
		if err != nil || back != tt.in {
			t.Errorf("%s round trip of %q = %q, %v", tt.e.Name(), tt.in, back, err)
		}
	}
}

func TestEncodeUnsupported(t *testing.T) {
	tests := []struct {
		e    *Encoding
		in   string
		bad  rune
		repl string
	}{
		{TCVN3, "a “b”", '“', "a ?b?"},
		{VISCII, "x…", '…', "x?"},
		{VNI, "ä", 'ä', "?"}, // its byte is a VNI mark
		{CP1258, "中", '中', "?"},
		{TCVN3, "\x01", '\x01', "?"}, // VN1 puts Ú there
	}
	for _, tt := range tests {
		_, err := tt.e.NewEncoder().String(tt.in)
		var ue *UnsupportedRuneError
		if !errors.As(err, &ue) || ue.Rune != tt.bad {
			t.Errorf("%s.Encode(%q) error = %v, want UnsupportedRuneError for %q", tt.e.Name(), tt.in, err, tt.bad)
		}
		got, err := encoding.ReplaceUnsupported(tt.e.NewEncoder()).String(tt.in)
		if err != nil || got != tt.repl {
			t.Errorf("%s: ReplaceUnsupported(%q) = %q, %v; want %q", tt.e.Name(), tt.in, got, err, tt.repl)
		}
	}
}

// TestStreaming feeds the transformers through small buffers, so that
// letters and their marks are split between calls.
func TestStreaming(t *testing.T) {
	text := strings.Repeat("Đảng Cộng sản Việt Nam, người được “ấy” add dđ Hà Nội. ", 50)
	for _, e := range All {
		enc, err := e.NewEncoder().String(text)
		if err != nil {
			enc, _ = encoding.ReplaceUnsupported(e.NewEncoder()).String(text)
		}
		want, _ := e.NewDecoder().String(enc)
		for _, size := range []int{1, 2, 3, 7} {
			r := transform.NewReader(&oneByteReader{s: enc, n: size}, e.NewDecoder())
			var out bytes.Buffer
			if _, err := out.ReadFrom(r); err != nil {
				t.Fatalf("%s: %v", e.Name(), err)
			}
			if out.String() != want {
				t.Errorf("%s: decoding %d bytes at a time differs", e.Name(), size)
			}
			w := &bytes.Buffer{}
			tw := transform.NewWriter(w, encoding.ReplaceUnsupported(e.NewEncoder()))
			for i := 0; i < len(text); i += size {
				tw.Write([]byte(text[i:min(i+size, len(text))]))
			}
			tw.Close()
			if w.String() != enc {
				t.Errorf("%s: encoding %d bytes at a time differs", e.Name(), size)
			}
		}
	}
}

type oneByteReader struct {
	s string
	n int
}

func (r *oneByteReader) Read(p []byte) (int, error) {
	if len(r.s) == 0 {
		return 0, errEOF
	}
	n := copy(p[:min(len(p), r.n)], r.s)
	r.s = r.s[n:]
	return n, nil
}

// TestIconvTables checks every byte of the single-byte tables against glibc's
// iconv, and the encoders' output for every letter.
func TestIconvTables(t *testing.T) {
	if _, err := exec.LookPath("iconv"); err != nil {
		t.Skip("iconv not installed")
	}
	for _, tt := range []struct {
		e     *Encoding
		iconv string
	}{{TCVN3, "TCVN5712-1"}, {VISCII, "VISCII"}, {CP1258, "CP1258"}} {
		for b := 0; b < 256; b++ {
			want, err := iconv(tt.iconv, "UTF-8", []byte{byte(b)})
			if err != nil {
				want = []byte("\ufffd")
			}
			got, _ := tt.e.NewDecoder().Bytes([]byte{byte(b)})
			if !bytes.Equal(got, want) {
				t.Errorf("%s byte %#02x: got %q, iconv %s says %q", tt.e.Name(), b, got, tt.iconv, want)
			}
		}
		letters := strings.ReplaceAll(vietnameseLetters, " ", "")
		want, err := iconv("UTF-8", tt.iconv, []byte(letters))
		if err != nil {
			t.Fatalf("iconv: %v", err)
		}
		got, err := tt.e.NewEncoder().Bytes([]byte(letters))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s encodes the letters as %q, iconv as %q", tt.e.Name(), got, want)
		}
	}
}

func iconv(from, to string, in []byte) ([]byte, error) {
	cmd := exec.Command("iconv", "-f", from, "-t", to)
	cmd.Stdin = bytes.NewReader(in)
	return cmd.Output()
}

func TestLookup(t *testing.T) {
	for _, name := range []string{"tcvn3", "TCVN", "vni", "VISCII", "windows-1258", "viqr", "tcvn3h"} {
		if _, err := Lookup(name); err != nil {
			t.Errorf("Lookup(%q): %v", name, err)
		}
	}
	if _, err := Lookup("latin9"); err == nil {
		t.Error("Lookup(latin9) succeeded")
	}
}

// TestDecodersTotal checks that every decoder turns every byte into valid
// UTF-8 without error.
func TestDecodersTotal(t *testing.T) {
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	for _, e := range append(All, TCVN3Caps) {
		out, err := e.NewDecoder().Bytes(all)
		if err != nil || !utf8.Valid(out) {
			t.Errorf("%s: %v, valid UTF-8 %v", e.Name(), err, utf8.Valid(out))
		}
		if strings.IndexFunc(string(out), unicode.IsUpper) < 0 {
			t.Errorf("%s: no upper-case letter decoded", e.Name())
		}
	}
}

var errEOF = io.EOF
