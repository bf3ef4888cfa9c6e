package vnenc

import (
	"io"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// TestDetectLeavesCleanText lists text that must pass unchanged.
func TestDetectLeavesCleanText(t *testing.T) {
	for _, in := range []string{
		"Đảng Cộng sản Việt Nam",
		"Tôi là ai? Bà ấy có nhà.",        // only Latin-1 letters: also reads as mojibake
		"Có", "Đà Lạt", "ĐIỀU 1. PHẠM VI", // short lines
		"Dang Cong san Viet Nam la do.",        // no marks; "do." could be VIQR "dọ"
		"Ha Noi, ngay 5 thang 3 nam 1998. Ok?", // no marks
		"Le café est très bon, n'est-ce pas?",  // French
		"Die Straße in München ist schön.",     // German
		"naïve résumé façade",                  // English with accents
		"C:\\data\\docs\\report.txt",           // backslashes that are no VIQR escapes
		"We met at 9 a.m., e.g. before lunch; o'clock, don't, you're.",
		"x^2 + y^2 = z^2",
		"Blood groups O+ and A+ are common.",
		"Trong bang chu cai Cyrill, O tuong duong voi О va o tuong duong voi о.",
		"theo do doi lay £100,000 va se con nhieu hon trong tuong lai",
		"phai nop phat 497 trieu € (khoang 613 trieu $)",
		"Charles doi mat voi mot con bao — Abhorrers—cho rang — va Müller — nua",
		"O là một trong 4 nhóm máu chính và gồm 2 loại: O+ và O-.",
		"“Quoted” – dashed … and ‘single’ ©2020 €5",
		"\ufeffĐảng Cộng sản (with a byte order mark)",
		"",
	} {
		out, d, err := DecodeAuto([]byte(in))
		if err != nil || d.Converts() || string(out) != in {
			t.Errorf("DecodeAuto(%q) = %q as %v, %v; want it unchanged", in, out, d, err)
		}
	}
}

func TestDetectNFD(t *testing.T) {
	in := norm.NFD.String("Đảng Cộng sản Việt Nam")
	out, d, err := DecodeAuto([]byte(in))
	if err != nil || d.Converts() || string(out) != norm.NFC.String(in) {
		t.Errorf("NFD input: %q as %v, %v; want its NFC, not converted", out, d, err)
	}
}

func TestDetectForms(t *testing.T) {
	tests := []struct {
		in, want, name string
	}{
		{"§¶ng Céng s¶n ViÖt Nam", "Đảng Cộng sản Việt Nam", "tcvn3+mojibake"},
		{"Ñaûng Coäng saûn Vieät Nam", "Đảng Cộng sản Việt Nam", "vni+mojibake"},
		{"Viá»‡t Nam Ä‘á»™c láº\u00adp", "Việt Nam độc lập", "utf-8+mojibake"},
		{"\xa7i\xd2u 5", "Điều 5", "tcvn3"},
		{"\xd1ie\xe0u 5", "Điều 5", "vni"},
		{"Ngu+o+`i Vie^.t", "Người Việt", "viqr"},
		{"DDie^`u 5", "Điều 5", "viqr"},
		{"(\\DD-MM-Y\\.)", "(DD-MM-Y.)", "viqr"}, // escapes alone
	}
	for _, tt := range tests {
		out, d, err := DecodeAuto([]byte(tt.in))
		if err != nil || d.Name() != tt.name || string(out) != tt.want {
			t.Errorf("DecodeAuto(%q) = %q as %v, %v; want %q as %s", tt.in, out, d, err, tt.want, tt.name)
		}
	}
}

func TestIsBinary(t *testing.T) {
	for in, want := range map[string]bool{
		"plain text\n": false, "\xa7\xb6ng\x01\x02": false, "a\x00b": true, "\x03\x07\x08\x0e\x0f\x10": true,
	} {
		if got := IsBinary([]byte(in)); got != want {
			t.Errorf("IsBinary(%q) = %v", in, got)
		}
	}
}

// TestDetectBeyondSample puts legacy text after a long ASCII preamble, and
// a file whose mojibake stops partway.
func TestDetectBeyondSample(t *testing.T) {
	preamble := strings.Repeat("Plain ASCII preamble line number something.\n", 2000) // 88 KB
	legacy, _ := TCVN3.NewEncoder().String("Điều 1. Phạm vi điều chỉnh của Nghị định này.\n")
	out, d, err := DecodeAuto([]byte(preamble + legacy))
	if err != nil || d.Name() != "tcvn3" || string(out) != preamble+"Điều 1. Phạm vi điều chỉnh của Nghị định này.\n" {
		t.Errorf("legacy after the preamble: detected %v, %v", d, err)
	}
	mixed := "§¶ng Céng s¶n ViÖt Nam\n§iÒu 1. Ph¹m vi\nĐiều 2. Đối tượng áp dụng\n"
	out, d, err = DecodeAuto([]byte(mixed))
	if want := "Đảng Cộng sản Việt Nam\nĐiều 1. Phạm vi\nĐiều 2. Đối tượng áp dụng\n"; err != nil || string(out) != want || d.Name() != "mixed" {
		t.Errorf("partial mojibake: %q as %v, %v", out, d, err)
	}
	stream, err := d.NewDecoder().String(mixed)
	if want := "Đảng Cộng sản Việt Nam\nĐiều 1. Phạm vi\nĐiều 2. Đối tượng áp dụng\n"; err != nil || stream != want {
		t.Errorf("decoder of a mixed detection: %q, %v", stream, err)
	}
	out, ds, err := DecodeAutoLines([]byte(mixed))
	if err != nil || len(ds) != 3 || ds[0].Name() != "tcvn3+mojibake" || ds[2].Name() != "utf-8" {
		t.Errorf("DecodeAutoLines: %q, %v, %v", out, ds, err)
	}
}

// TestDetectVISCIIValidUTF8: VISCII "người" is valid UTF-8 (0xDF 0xB6).
func TestDetectVISCIIValidUTF8(t *testing.T) {
	in, _ := VISCII.NewEncoder().String("Người ta")
	out, d, err := DecodeAuto([]byte(in))
	if err != nil || d.Name() != "viscii" || string(out) != "Người ta" {
		t.Errorf("%q: %q as %v, %v", in, out, d, err)
	}
}

// TestMixedDecoderStreams runs the decoder of a mixed text through
// transform.NewReader with lines longer than its buffers.
func TestMixedDecoderStreams(t *testing.T) {
	long := strings.Repeat("§¶ng Céng s¶n ViÖt Nam ", 400) + "\n" // 9 KB of mojibake on one line
	in := long + "Điều 2. Đối tượng\n" + long
	want := strings.Repeat("Đảng Cộng sản Việt Nam ", 400) + "\n"
	want = want + "Điều 2. Đối tượng\n" + want
	r := transform.NewReader(strings.NewReader(in), Detection{Mixed: true}.NewDecoder())
	got, err := io.ReadAll(r)
	if err != nil || string(got) != want {
		t.Errorf("mixed stream: %v, equal %v", err, string(got) == want)
	}
}

// A Unicode sample cut in the middle of a character, and Unicode text
// with a stray byte, are Unicode: reading them as a legacy encoding would
// garble every Vietnamese letter.
func TestDetectDamagedUnicode(t *testing.T) {
	text := []byte(strings.Repeat("Cộng hòa xã hội chủ nghĩa Việt Nam. ", 20))
	for cut := len(text) - 1; cut > len(text)-4; cut-- {
		if d := Detect(text[:cut]); d.Converts() {
			t.Errorf("cut at %d: detected %s", cut, d)
		}
	}
	stray := append([]byte("Cộng hòa xã hội \xff chủ nghĩa Việt Nam"), 0xfe)
	if d := Detect(stray); d.Converts() {
		t.Errorf("stray bytes: detected %s", d)
	}
	if d := Detect([]byte("xay dung \xff Dang")); d.Converts() {
		t.Errorf("ASCII with a stray byte: detected %s", d)
	}
}

// The output of an OCR engine without Vietnamese is Unicode with a few
// Latin-1 letters ("thuée", "khée") that read as mojibake of syllables; it
// is Vietnamese that lost its marks, and must reach the legacy OCR repair
// as it is, neither as a whole nor line by line converted.
func TestDetectLeavesLegacyOCR(t *testing.T) {
	text, err := os.ReadFile("../testdata/encodings/legacy-ocr.txt")
	if err != nil {
		t.Fatal(err)
	}
	if d := Detect(text); d.Converts() {
		t.Errorf("detected %s", d)
	}
	out, d, err := DecodeAuto(text)
	if err != nil || d.Converts() || string(out) != string(text) {
		t.Errorf("DecodeAuto: %s, %v; text changed: %v", d, err, string(out) != string(text))
	}
}
