package lexicon

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"
)

func TestParseSyllable(t *testing.T) {
	tests := []struct {
		word          string
		onset, rime   string
		tone          Tone
		cs            Case
		key, newStyle string
	}{
		{"Đảng", "đ", "ang", Hook, Title, "đảng", "Đảng"},
		{"ĐẢNG", "đ", "ang", Hook, Upper, "đảng", "ĐẢNG"},
		{"hòa", "h", "oa", Grave, Lower, "hòa", "hoà"},
		{"hoà", "h", "oa", Grave, Lower, "hòa", "hoà"},
		{"thuỷ", "th", "uy", Hook, Lower, "thủy", "thuỷ"},
		{"hoàn", "h", "oan", Grave, Lower, "hoàn", "hoàn"},
		{"quốc", "qu", "ôc", Acute, Lower, "quốc", "quốc"},
		{"quý", "qu", "y", Acute, Lower, "quý", "quý"},
		{"già", "gi", "a", Grave, Lower, "già", "già"},
		{"giữa", "gi", "ưa", Tilde, Lower, "giữa", "giữa"},
		{"gì", "g", "i", Grave, Lower, "gì", "gì"},
		{"giếng", "gi", "êng", Acute, Lower, "giếng", "giếng"},
		{"nghiêng", "ngh", "iêng", Level, Lower, "nghiêng", "nghiêng"},
		{"khuyếch", "kh", "uyêch", Acute, Lower, "khuyếch", "khuyếch"},
		{"ngoài", "ng", "oai", Grave, Lower, "ngoài", "ngoài"},
		{"rượu", "r", "ươu", Dot, Lower, "rượu", "rượu"},
		{"khuỷu", "kh", "uyu", Hook, Lower, "khuỷu", "khuỷu"},
		{"Krông", "kr", "ông", Level, Title, "krông", "Krông"},
		{"Hmông", "hm", "ông", Level, Title, "hmông", "Hmông"},
		{"Đắk", "đ", "ăk", Acute, Title, "đắk", "Đắk"},
		{"ÔNG", "", "ông", Level, Upper, "ông", "ÔNG"},
		{"ủy", "", "uy", Hook, Lower, "ủy", "uỷ"},
		{norm.NFD.String("Việt"), "v", "iêt", Dot, Title, "việt", "Việt"},
		{"\u00D0ảng", "đ", "ang", Hook, Title, "đảng", "Đảng"}, // Ð (eth) as legacy converters write Đ
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			s, ok := ParseSyllable(tt.word)
			require.True(t, ok)
			assert.Equal(t, tt.onset, s.Onset)
			assert.Equal(t, tt.rime, s.Rime)
			assert.Equal(t, tt.tone, s.Tone)
			assert.Equal(t, tt.cs, s.Case)
			assert.Equal(t, tt.key, Key(tt.word))
			assert.Equal(t, tt.newStyle, s.Compose(NewStyle))
			assert.True(t, norm.NFC.IsNormalString(s.Compose(OldStyle)))
		})
	}
}

func TestParseSyllableRejects(t *testing.T) {
	for _, w := range []string{
		"", "Vănhóa", "Cộnghòa", "biểuQuốc", "dOng", "càc", "hoạn̉", "UBND", "HĐND", "đ", "x",
		"Facebook", "anninh", "ăa", "nghiêngg", "tiê", "ướ", "COVID", "a1", "hòá",
	} {
		assert.False(t, IsSyllable(w), w)
	}
}

// Every vowel with every tone, in every case, parses back to itself, and its
// NFD spelling parses to the same syllable.
func TestEveryVowelAndToneRoundTrips(t *testing.T) {
	for v := 0; v < numVowels; v++ {
		for tone := Level; tone < numTones; tone++ {
			rime := string(baseRunes[v])
			if rime == "ă" || rime == "â" {
				rime += "n" // ă and â never end a syllable
			}
			for _, onset := range []string{"", "b", "ngh"} {
				for _, cs := range []Case{Lower, Title, Upper} {
					s := Syllable{Onset: onset, Rime: rime, Tone: tone, Case: cs}
					if _, ok := parseLetters(mustLetters(t, s.Compose(OldStyle))); !ok {
						continue // e.g. "nghơ": checked by the rules, not here
					}
					for _, style := range []ToneStyle{OldStyle, NewStyle} {
						w := s.Compose(style)
						want := s
						if cs == Upper && onset == "" && len(rime) == len(string(baseRunes[v])) {
							want.Case = Title // one capital letter reads as title case
						}
						got, ok := ParseSyllable(w)
						require.True(t, ok, w)
						assert.Equal(t, want, got, w)
						got, ok = ParseSyllable(norm.NFD.String(w))
						require.True(t, ok, w)
						assert.Equal(t, want, got, "NFD "+w)
					}
				}
			}
		}
	}
}

func mustLetters(t *testing.T, w string) []letter {
	l, ok := splitLetters(w, nil)
	require.True(t, ok, w)
	return l
}

func TestBothPlacementsGiveOneKey(t *testing.T) {
	pairs := [][2]string{{"hòa", "hoà"}, {"thủy", "thuỷ"}, {"khỏe", "khoẻ"}, {"Hóa", "Hoá"}, {"lũy", "luỹ"}, {"tùy", "tuỳ"}, {"họa", "hoạ"}}
	for _, p := range pairs {
		assert.Equal(t, Key(p[0]), Key(p[1]), p)
		assert.NotEmpty(t, Key(p[0]))
		old, ok := StyleOf(p[0])
		assert.True(t, ok)
		assert.Equal(t, OldStyle, old)
		nw, ok := StyleOf(p[1])
		assert.True(t, ok)
		assert.Equal(t, NewStyle, nw)
	}
	_, ok := StyleOf("hoàn")
	assert.False(t, ok, "hoàn has one spelling")
}

func TestSkeleton(t *testing.T) {
	tests := map[string]string{
		"Đảng": "dang", "ĐẢNG": "dang", "thuỷ": "thuy", "Nghiêng": "nghieng", "xay": "xay",
		"Ưu": "uu", "UBND": "ubnd", norm.NFD.String("Việt"): "viet", "121-KH": "121-kh",
	}
	for in, want := range tests {
		assert.Equal(t, want, Skeleton(in), in)
	}
}

func TestHasMarks(t *testing.T) {
	assert.True(t, HasMarks("Đang"))
	assert.True(t, HasMarks("dân"))
	assert.True(t, HasMarks(norm.NFD.String("bà")))
	assert.False(t, HasMarks("dang"))
	assert.False(t, HasMarks("Facebook 2020"))
}

func TestCandidates(t *testing.T) {
	c := Candidates("dang")
	for _, w := range []string{"dang", "đang", "đảng", "dạng", "đáng", "đăng", "đẳng", "dâng"} {
		assert.Contains(t, c, w)
	}
	for _, w := range c {
		assert.Equal(t, "dang", Skeleton(w))
		assert.Equal(t, w, Key(w))
	}
	assert.NotContains(t, Candidates("dac"), "dàc", "stop codas take only sắc and nặng")
	assert.Contains(t, Candidates("quoc"), "quốc")
	assert.Contains(t, Candidates("nghieng"), "nghiêng")
	assert.Empty(t, Candidates("ubnd"))
	assert.Greater(t, len(Inventory()), 20000, "the rules generate far more syllables than a corpus shows")
}

// The validator accepts the syllables of the training text: every word that
// carries a Vietnamese mark is a syllable, an upper-case acronym, or one of
// the few attested loanwords. The fixture is a slice of the training corpus;
// TestValidatorOnCorpus runs the same check on all of it when it is present.
func TestValidatorAcceptsTrainingSyllables(t *testing.T) {
	files, _ := filepath.Glob("../testdata/lexicon/*.txt")
	require.NotEmpty(t, files)
	for _, f := range files {
		checkMarkedWordsValid(t, f, 0)
	}
}

func TestValidatorOnCorpus(t *testing.T) {
	for _, name := range []string{"admin.txt", "legal.txt"} {
		f := filepath.Join("..", "..", "shared", "corpus", "train", name)
		if _, err := os.Stat(f); err != nil {
			t.Skip("../shared/corpus not present")
		}
		checkMarkedWordsValid(t, f, 0.002)
	}
}

func checkMarkedWordsValid(t *testing.T, path string, tolerance float64) {
	t.Helper()
	fh, err := os.Open(path)
	require.NoError(t, err)
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(nil, 1<<24)
	marked, bad := 0, 0
	for sc.Scan() {
		for _, tok := range Tokenize(sc.Text()) {
			if tok.Kind != Word || !HasMarks(tok.Text) {
				continue
			}
			marked++
			if !IsSyllable(tok.Text) && strings.ToUpper(tok.Text) != tok.Text && tok.Text != "đ" {
				bad++
				if tolerance == 0 {
					t.Errorf("%s: %q rejected", path, tok.Text)
				}
			}
		}
	}
	require.NoError(t, sc.Err())
	require.NotZero(t, marked)
	assert.LessOrEqual(t, float64(bad)/float64(marked), tolerance, "%s: %d of %d marked words rejected", path, bad, marked)
}

func BenchmarkKey(b *testing.B) {
	words := strings.Fields("Thực hiện Hướng dẫn số của Ban Tuyên giáo xây dựng Đảng hệ thống vững mạnh khuyếch")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Key(words[i%len(words)])
	}
}

func TestStripMarks(t *testing.T) {
	tests := map[string]string{
		"Đảng Cộng sản Việt Nam, 121-KH/BTGTU": "Dang Cong san Viet Nam, 121-KH/BTGTU",
		"ĐẢNG ỦY":                    "DANG UY",
		norm.NFD.String("Hướng dẫn"): "Huong dan",
		"plain ASCII":                "plain ASCII",
		"€ “quoted”":                 "€ “quoted”",
	}
	for in, want := range tests {
		assert.Equal(t, want, StripMarks(in), in)
	}
}

func TestTitleCase(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"đảng", "Đảng"},
		{"Đảng", "Đảng"},
		{"ủy ban", "Ủy ban"},
		{"a", "A"},
		{"1a", "1a"},
		{"ĐẢNG", "ĐẢNG"},
		// Invalid UTF-8: the bad byte reads as U+FFFD, the rest is kept.
		{"\xff", "\uFFFD"},
		{"\xffab", "\uFFFDab"},
		{"\xe1\xba", "\uFFFD\xba"},
		{"ab\xff", "Ab\xff"},
	}
	for _, tt := range tests {
		if got := TitleCase(tt.in); got != tt.want {
			t.Errorf("TitleCase(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
