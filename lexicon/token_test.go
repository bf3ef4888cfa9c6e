package lexicon

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []Token
	}{
		{"Thực hiện Hướng dẫn số 108-HD/BTGTW", []Token{
			{Word, "Thực"}, {Space, " "}, {Word, "hiện"}, {Space, " "}, {Word, "Hướng"}, {Space, " "},
			{Word, "dẫn"}, {Space, " "}, {Word, "số"}, {Space, " "}, {Code, "108-HD/BTGTW"}}},
		{"ngày 12/3/2020, 19/CT-TTg", []Token{
			{Word, "ngày"}, {Space, " "}, {Date, "12/3/2020"}, {Punct, ","}, {Space, " "}, {Code, "19/CT-TTg"}}},
		{"1.000.000 đồng (3,5%)", []Token{
			{Number, "1.000.000"}, {Space, " "}, {Word, "đồng"}, {Space, " "}, {Punct, "("}, {Number, "3,5"},
			{Punct, "%"}, {Punct, ")"}}},
		{"Mác-Lênin; NĐ-CP.", []Token{
			{Word, "Mác"}, {Punct, "-"}, {Word, "Lênin"}, {Punct, ";"}, {Space, " "}, {Code, "NĐ-CP"}, {Punct, "."}}},
		{"COVID-19 QH14 TP.HCM", []Token{
			{Code, "COVID-19"}, {Space, " "}, {Code, "QH14"}, {Space, " "}, {Code, "TP.HCM"}}},
		{"xem https://vi.wikipedia.org/wiki/Hà_Nội. hoặc a.b@mail.gov.vn", []Token{
			{Word, "xem"}, {Space, " "}, {URL, "https://vi.wikipedia.org/wiki/Hà_Nội"}, {Punct, "."}, {Space, " "},
			{Word, "hoặc"}, {Space, " "}, {URL, "a.b@mail.gov.vn"}}},
		{"a\r\nb\n\tc...", []Token{
			{Word, "a"}, {Newline, "\r\n"}, {Word, "b"}, {Newline, "\n"}, {Space, "\t"}, {Word, "c"}, {Punct, "..."}}},
		{"8:30 2019-2020 2020-03-12", []Token{
			{Date, "8:30"}, {Space, " "}, {Number, "2019"}, {Punct, "-"}, {Number, "2020"}, {Space, " "}, {Date, "2020-03-12"}}},
		{"bad\xffbyte", []Token{{Word, "bad"}, {Other, "\xff"}, {Word, "byte"}}},
		{"", nil},
	}
	for _, tt := range tests {
		got := Tokenize(tt.in)
		assert.Equal(t, tt.want, got, tt.in)
	}
}

func TestVocabKey(t *testing.T) {
	tests := map[Token]string{
		{Word, "Hoà"}: "hòa", {Word, "UBND"}: "ubnd", {Number, "2020"}: "<num>", {Code, "QH14"}: "<code>",
		{Date, "1/1/2020"}: "<date>", {URL, "www.x.vn"}: "<url>", {Punct, ","}: ",", {Space, " "}: "", {Newline, "\n"}: "",
	}
	for tok, want := range tests {
		assert.Equal(t, want, VocabKey(tok), tok.Text)
	}
}

// FuzzTokenize checks that tokens always give back the input exactly, that
// no token is empty, and that a Word token holds only letters.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"Thực hiện 108-HD/BTGTW ngày 12/3/2020.", "a\r\n\r\nb", "\xff\xfe", "https://x.vn/a?b=c", "Mác-Lênin, v.v."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var b strings.Builder
		for _, tok := range Tokenize(s) {
			if tok.Text == "" {
				t.Fatalf("empty token in %q", s)
			}
			if tok.Kind == Word {
				for _, r := range tok.Text {
					if !isWordRune(r) {
						t.Fatalf("word %q holds %q", tok.Text, r)
					}
				}
			}
			if utf8.ValidString(s) && !utf8.ValidString(tok.Text) {
				t.Fatalf("token %q of valid input is not valid UTF-8", tok.Text)
			}
			b.WriteString(tok.Text)
		}
		if b.String() != s {
			t.Fatalf("round trip: %q != %q", b.String(), s)
		}
	})
}

func BenchmarkTokenize(b *testing.B) {
	line := "Thực hiện Hướng dẫn số 108-HD/BTGTW ngày 12/3/2020 của Ban Tuyên giáo Trung ương về xây dựng Đảng, hệ thống chính trị vững mạnh."
	var toks []Token
	b.SetBytes(int64(len(line)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		toks = AppendTokens(toks[:0], line)
	}
}
