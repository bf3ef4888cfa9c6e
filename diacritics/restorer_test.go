package diacritics

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnarchive/vnrestore/lexicon"
)

func newPlain(t testing.TB, opts ...Option) *Restorer {
	t.Helper()
	m, err := lexicon.Default()
	require.NoError(t, err)
	r, err := New(m, append([]Option{WithMode(Plain)}, opts...)...)
	require.NoError(t, err)
	return r
}

// Common phrases of directives come back as written.
func TestRestorePlain(t *testing.T) {
	r := newPlain(t)
	tests := []struct{ in, want string }{
		{"xay dung Dang", "xây dựng Đảng"},
		{"Thuc hien Huong dan so 108-HD/BTGTW cua Ban Tuyen giao", "Thực hiện Hướng dẫn số 108-HD/BTGTW của Ban Tuyên giáo"},
		{"CONG HOA XA HOI CHU NGHIA VIET NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
		{"Uy ban nhan dan tinh", "Ủy ban nhân dân tỉnh"},
		{"to chuc dang, co quan, don vi", "tổ chức đảng, cơ quan, đơn vị"},
		// words the model knows unmarked stay as typed when context says so
		{"Vien Cong nghe MIT va World Cup 2014", "Viện Công nghệ MIT và World Cup 2014"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, r.String(tt.in), tt.in)
	}
}

// Only unmarked words change; everything else comes out byte for byte.
func TestRestoreFaithful(t *testing.T) {
	r := newPlain(t)
	tests := []struct{ name, in string }{
		{"codes and dates", "Nghi dinh 05/2020/ND-CP ngay 12/3/2020, Ke hoach 121-KH/BTGTU"},
		{"numbers", "tong so 1.000.000 dong (3,5%)"},
		{"empty lines", "\n\nxay dung\n\n"},
		{"CRLF", "xay dung\r\nDang\r\n"},
		{"foreign words and acronyms", "Facebook, COVID-19, UBND, HĐND va iPhone"},
		{"mixed input", "Xây dựng Dang va chinh quyền"},
		{"invalid UTF-8", "xay \xff\xfe dung"},
		{"url", "xem https://thuvienphapluat.vn/van-ban?id=1 va a.b@gov.vn"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := r.String(tt.in)
			assert.Equal(t, lexicon.StripMarks(tt.in), lexicon.StripMarks(out), "only marks may change")
			assert.Equal(t, strings.Count(tt.in, "\n"), strings.Count(out, "\n"))
			in, got := lexicon.Tokenize(tt.in), lexicon.Tokenize(out)
			require.Equal(t, len(in), len(got), "token count")
			for i := range in {
				assert.Equal(t, in[i].Kind, got[i].Kind)
				if in[i].Kind != lexicon.Word || lexicon.HasMarks(in[i].Text) {
					assert.Equal(t, in[i].Text, got[i].Text, "non-word or marked token changed")
				}
			}
		})
	}
	assert.Equal(t, "Xây dựng Đảng và chính quyền", r.String("Xây dựng Dang va chinh quyền"))
	assert.Equal(t, "Facebook, COVID-19, UBND", r.String("Facebook, COVID-19, UBND"))
}

func TestRestoreCase(t *testing.T) {
	r := newPlain(t)
	assert.Equal(t, "ĐẢNG BỘ", r.String("DANG BO"))
	assert.Equal(t, "Đảng Cộng sản", r.String("Dang Cong san"))
	assert.Equal(t, "BAN CHẤP HÀNH TRUNG ƯƠNG", r.String("BAN CHAP HANH TRUNG UONG"))
}

func TestToneStyle(t *testing.T) {
	old := newPlain(t)
	nw := newPlain(t, WithToneStyle(lexicon.NewStyle))
	assert.Equal(t, "hòa bình", old.String("hoa binh"))
	assert.Equal(t, "hoà bình", nw.String("hoa binh"))
	assert.Equal(t, "hòa bình", nw.String("hòa binh"), "marked words are never rewritten")
}

func TestRestoreDetails(t *testing.T) {
	r := newPlain(t)
	res := r.Restore("xay dung Dang, 2020")
	assert.Equal(t, "xây dựng Đảng, 2020", res.Text)
	var words []TokenResult
	for _, tr := range res.Tokens {
		if tr.Kind == lexicon.Word {
			words = append(words, tr)
		}
	}
	require.Len(t, words, 3)
	assert.Equal(t, "Dang", words[2].Input)
	assert.Equal(t, "Đảng", words[2].Output)
	assert.True(t, words[2].Changed)
	assert.Greater(t, words[2].Confidence, 0.5)
	require.NotEmpty(t, words[2].Alts)
	assert.Equal(t, "Đảng", words[2].Alts[0].Text)
	var joined strings.Builder
	for _, tr := range res.Tokens {
		joined.WriteString(tr.Output)
	}
	assert.Equal(t, res.Text, joined.String(), "the outputs of the tokens are the text")
}

// Copy streams line by line and gives what String gives.
func TestCopy(t *testing.T) {
	r := newPlain(t)
	in := "xay dung Dang\r\n\nThuc hien Huong dan\nkhong co dong cuoi"
	var out bytes.Buffer
	n, err := r.Copy(&out, strings.NewReader(in))
	require.NoError(t, err)
	assert.Equal(t, int64(out.Len()), n)
	assert.Equal(t, r.String(in), out.String())

	short := newPlain(t, WithMaxLine(10))
	_, err = short.Copy(&bytes.Buffer{}, strings.NewReader(strings.Repeat("xay dung ", 20000)))
	assert.ErrorIs(t, err, ErrLineTooLong)
}

func TestConcurrentUse(t *testing.T) {
	r := newPlain(t)
	want := r.String("xay dung Dang va chinh quyen vung manh")
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				assert.Equal(t, want, r.String("xay dung Dang va chinh quyen vung manh"))
			}
		}()
	}
	wg.Wait()
}

func TestNewErrors(t *testing.T) {
	m, err := lexicon.Default()
	require.NoError(t, err)
	_, err = New(nil)
	assert.Error(t, err)
	_, err = New(m, WithBeam(0))
	assert.Error(t, err)
	_, err = New(m, WithMode(Legacy))
	assert.Error(t, err, "legacy mode without a channel")
	_, err = ParseMode("fancy")
	assert.Error(t, err)
}

// FuzzRestorePlain checks the invariants of plain restoration on any input:
// the token sequence is unchanged, only the marks of unmarked words change,
// and there are as many lines out as in.
func FuzzRestorePlain(f *testing.F) {
	for _, s := range []string{"xay dung Dang", "Ke hoach 121-KH/BTGTU ngay 5/3/2021\r\n", "\xff a\n\nb", "DANG UY, Facebook"} {
		f.Add(s)
	}
	r := newPlain(f)
	f.Fuzz(func(t *testing.T, s string) {
		out := r.String(s)
		if lexicon.StripMarks(out) != lexicon.StripMarks(s) {
			t.Fatalf("more than marks changed: %q -> %q", s, out)
		}
		if !lexicon.HasMarks(s) && utf8.ValidString(s) && lexicon.StripMarks(out) != s {
			t.Fatalf("stripping the output does not give back the input: %q -> %q", s, out)
		}
		in, got := lexicon.Tokenize(s), lexicon.Tokenize(out)
		if len(in) != len(got) {
			t.Fatalf("token count %d -> %d: %q -> %q", len(in), len(got), s, out)
		}
		for i := range in {
			if in[i].Kind != got[i].Kind {
				t.Fatalf("token %d kind %v -> %v", i, in[i].Kind, got[i].Kind)
			}
		}
	})
}

// The case a word was typed in mid-sentence is evidence: a capital marks
// a name.
func TestCaseEvidence(t *testing.T) {
	r := newPlain(t)
	assert.Equal(t, "tại tỉnh Hà Nam và Nam Định", r.String("tai tinh Ha Nam va Nam Dinh"))
	assert.Equal(t, "trong năm 2020", r.String("trong nam 2020"))
	m, err := lexicon.Default()
	require.NoError(t, err)
	off, err := New(m, WithMode(Plain), WithCaseModel(nil, 0))
	require.NoError(t, err)
	assert.Equal(t, "trong năm 2020", off.String("trong nam 2020"))
}

// slipChannel is an OCR channel that reads the token "khân" as "khẩn".
type slipChannel struct{}

func (slipChannel) Candidates(token string, dst []Candidate) []Candidate {
	if strings.ToLower(token) == "khân" {
		dst = append(dst, Candidate{Text: "khẩn", LogProb: -0.5})
	}
	return dst
}

// A Restorer without its OCR channel leaves accented lines as typed; with
// it, Auto mode corrects them. OCR mode cannot do without the channel.
func TestWithoutOCRChannel(t *testing.T) {
	m, err := lexicon.Default()
	require.NoError(t, err)
	const line = "Công văn hỏa tốc về việc khân cấp"
	r, err := New(m, WithOCRChannel(slipChannel{}))
	require.NoError(t, err)
	typed, err := r.WithoutOCRChannel()
	require.NoError(t, err)
	assert.Equal(t, "Công văn hỏa tốc về việc khẩn cấp", r.String(line))
	assert.Equal(t, line, typed.String(line))
	assert.Equal(t, "Công văn hỏa tốc về việc khẩn cấp", r.String(line), "r keeps its channel")

	ocr, err := New(m, WithMode(OCR), WithOCRChannel(slipChannel{}))
	require.NoError(t, err)
	_, err = ocr.WithoutOCRChannel()
	assert.Error(t, err)
}
