package vnenc

import (
	"testing"

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
		{"Viá»‡t Nam Ä‘á»™c láº­p", "Việt Nam độc lập", "utf-8+mojibake"},
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
