package errmodel

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/vnarchive/vnrestore/diacritics"
	"github.com/vnarchive/vnrestore/lexicon"
)

const fixture = "../../testdata/channel/synth-sample.tsv"

// rank returns the position of want among the candidates, or -1.
func rank(c []diacritics.Candidate, want string) int {
	return slices.IndexFunc(c, func(x diacritics.Candidate) bool { return x.Text == want })
}

func TestLegacyProposesMisreadSyllables(t *testing.T) {
	m, err := Legacy()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		token, want string
		within      int // the gold syllable is among the first within candidates
	}{
		{"s6", "số", 2},
		{"T6", "tổ", 1},
		{"th6ng", "thống", 4},
		{"cila", "của", 8}, // a real-archive garbling the synthetic engine never made
		{"cla", "của", 1},
		{"dugc", "được", 1},
		{"ngudi", "người", 4},
		{"chitc", "chức", 1},
		{"iiy", "ủy", 4},
		{"vting", "vững", 5},
		{"he", "hệ", 10},
		{"dirng", "dựng", 12},
		{"NhAt", "nhất", 3},
		{"dOng", "đồng", 24},
		{"Cong", "công", 12},
	}
	for _, tt := range tests {
		c := m.Candidates(tt.token, nil)
		// rank among the single-syllable readings
		single := slices.DeleteFunc(slices.Clone(c), func(x diacritics.Candidate) bool { return strings.Contains(x.Text, " ") })
		if r := rank(single, tt.want); r < 0 || r >= tt.within {
			t.Errorf("Candidates(%q): %q at rank %d, want < %d; got %v", tt.token, tt.want, r, tt.within, c)
		}
		for i := 1; i < len(c); i++ {
			if c[i].LogProb > c[i-1].LogProb {
				t.Errorf("Candidates(%q) not sorted: %v", tt.token, c)
				break
			}
		}
	}
}

func TestCandidatesSkipsNonWords(t *testing.T) {
	m, err := Legacy()
	if err != nil {
		t.Fatal(err)
	}
	for _, tok := range []string{"", "2015", "18/QĐ-UBND", "1.000.000", "internationalization"} {
		if c := m.Candidates(tok, nil); len(c) != 0 {
			t.Errorf("Candidates(%q) = %v, want none", tok, c)
		}
	}
}

func TestCandidatesJoined(t *testing.T) {
	m, err := Legacy()
	if err != nil {
		t.Fatal(err)
	}
	// A speck after a word on a training page: "viéc &" is "việc".
	if c := m.CandidatesJoined("viéc", "&", nil); rank(c, "việc") < 0 {
		t.Errorf(`CandidatesJoined("viéc", "&") = %v, want "việc" among them`, c)
	}
	// Two words that read well on their own were not cut from one, nor
	// two pieces that both hold a vowel.
	for _, p := range [][2]string{{"Phong", "Khoa"}, {"ngu", "&i"}} {
		if c := m.CandidatesJoined(p[0], p[1], nil); len(c) != 0 {
			t.Errorf("CandidatesJoined(%q, %q) = %v, want none", p[0], p[1], c)
		}
	}
}

func TestOCRConfidence(t *testing.T) {
	p, err := Embedded("ocr")
	if err != nil {
		t.Fatal(err)
	}
	// every well-formed syllable, so that the token itself is a reading
	m := New(p, Options{Inventory: lexicon.Inventory()})
	// Tesseract's Vietnamese model wrote "khân" for "khẩn": a confident
	// reading stays first, a doubtful one lets "khẩn" close in.
	sure := m.CandidatesConf("khân", 0.97, nil)
	doubt := m.CandidatesConf("khân", 0.3, nil)
	if len(sure) == 0 || sure[0].Text != "khân" {
		t.Fatalf("CandidatesConf(khân, 0.97) = %v, want khân first", sure)
	}
	rs, rd := rank(sure, "khẩn"), rank(doubt, "khẩn")
	if rs < 0 || rd < 0 {
		t.Fatalf("khẩn missing: %v / %v", sure, doubt)
	}
	gapSure := sure[0].LogProb - sure[rs].LogProb
	gapDoubt := doubt[rank(doubt, "khân")].LogProb - doubt[rd].LogProb
	if !(gapDoubt < gapSure) {
		t.Errorf("khân leads khẩn by %v at confidence 0.97 and by %v at 0.3; want less at 0.3", gapSure, gapDoubt)
	}
	// the default OCR channel proposes the right tone for real slips
	d, err := OCR()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range [][2]string{{"triên", "triển"}, {"sông", "sống"}, {"Bồ", "bố"}, {"PHÓ", "phố"}, {"khân", "khẩn"}} {
		if c := d.Candidates(tt[0], nil); rank(c, tt[1]) < 0 {
			t.Errorf("OCR Candidates(%q) = %v, want %q among them", tt[0], c, tt[1])
		}
	}
}

func TestCase(t *testing.T) {
	m, err := Legacy()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		token string
		want  Case
		out   string
	}{
		{"dOng", Lower, "đồng"},
		{"clang", Lower, "đồng"},
		{"Dang", Title, "Đồng"},
		{"CAp", Title, "Đồng"},
		{"UBND", Upper, "ĐỒNG"},
	}
	for _, tt := range tests {
		if got := m.Case(tt.token); got != tt.want {
			t.Errorf("Case(%q) = %v, want %v", tt.token, got, tt.want)
		}
		if got := ApplyCase("đồng", tt.want); got != tt.out {
			t.Errorf("ApplyCase(đồng, %v) = %q, want %q", tt.want, got, tt.out)
		}
	}
}

func TestAlignTokens(t *testing.T) {
	tests := []struct {
		gold, obs string
		want      []string // gold|obs per step
	}{
		{"Tổ chức đảng,", "T6 chitc clang ,", []string{"Tổ|T6", "chức|chitc", "đảng|clang"}},
		{"đối với doanh nghiệp", "dOivi oanh agbiép", []string{"đối với|dOivi", "doanh|oanh", "nghiệp|agbiép"}},
		{"hệ thống", "he th6 ng", []string{"hệ|he", "thống|th6 ng"}},
	}
	for _, tt := range tests {
		var got []string
		for _, p := range AlignTokens(tt.gold, tt.obs) {
			got = append(got, strings.Join(p.Gold, " ")+"|"+strings.Join(p.Obs, " "))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("AlignTokens(%q, %q) = %q, want %q", tt.gold, tt.obs, got, tt.want)
		}
	}
}

// trainFixture trains a legacy channel on the fixture pages.
func trainFixture(t *testing.T, cols TSVColumns) *Params {
	t.Helper()
	f, err := os.Open(fixture)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tr := NewTrainer()
	n, err := tr.AddTSV(f, fixture, cols, Selection{ExcludePages: map[string]bool{"train-0013": true}})
	if err != nil {
		t.Fatal(err)
	}
	if n != 237-28 {
		t.Errorf("AddTSV added %d rows, want %d (the fixture without page train-0013)", n, 237-28)
	}
	return tr.Params("legacy", 2)
}

func TestTrainerLearnsConfusions(t *testing.T) {
	p := trainFixture(t, SynthLegacy)
	prob := func(a, b string) float64 {
		for _, r := range p.Rules {
			if r.Alpha == a && r.Beta == b {
				return r.Count / p.AlphaTotal[a]
			}
		}
		return 0
	}
	tests := []struct {
		alpha, beta string
		atLeast     float64
	}{
		{"đ", "d", 0.8}, // đ loses its bar
		{"ố", "6", 0.1}, // ố reads as a six
		{"ủ", "i", 0.1}, // của -> cia
		{"ư", "u", 0.5}, // ư loses its horn
		{"n", "n", 0.9}, // plain letters survive
	}
	for _, tt := range tests {
		if got := prob(tt.alpha, tt.beta); got < tt.atLeast {
			t.Errorf("P(%q | %q) = %.3f, want at least %.2f", tt.beta, tt.alpha, got, tt.atLeast)
		}
	}
	// one step of hard EM keeps what the first alignment learned
	f, err := os.Open(fixture)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tr := NewTrainer()
	if _, err := tr.AddTSV(f, fixture, SynthLegacy, Selection{}); err != nil {
		t.Fatal(err)
	}
	tr.Refine()
	p = tr.Params("legacy", 2)
	for _, tt := range tests {
		if got := prob(tt.alpha, tt.beta); got < tt.atLeast {
			t.Errorf("after Refine: P(%q | %q) = %.3f, want at least %.2f", tt.beta, tt.alpha, got, tt.atLeast)
		}
	}
	m := New(p, Options{})
	if c := m.Candidates("s6", nil); rank(c, "số") < 0 || rank(c, "số") > 3 {
		t.Errorf("fixture-trained Candidates(s6) = %v, want số in the first four", c)
	}
}

func TestModelFileRoundTrip(t *testing.T) {
	p := trainFixture(t, SynthOCR)
	var buf bytes.Buffer
	if _, err := p.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	q, err := ReadParams(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if q.Name != p.Name || q.Stats != p.Stats || q.Cases != p.Cases || !slices.Equal(q.Rules, p.Rules) || len(q.AlphaTotal) != len(p.AlphaTotal) {
		t.Errorf("round trip changed the parameters")
	}
}

func TestReadParamsRejectsCorruptFiles(t *testing.T) {
	good, err := embedded.ReadFile("model/legacy.chan")
	if err != nil {
		t.Fatal(err)
	}
	text := gunzip(t, good)
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	tests := []struct {
		name string
		data []byte
		msg  string
	}{
		{"empty", nil, "EOF"},
		{"not gzip", []byte("vnrestore-channel\t1\n"), "invalid header"},
		{"truncated gzip", good[:len(good)/2], ""},
		{"wrong magic", gz("arpa\t1\n"), "missing"},
		{"future version", gz("vnrestore-channel\t9\n"), "unsupported version"},
		{"no end record", gz(strings.Join(lines[:len(lines)-1], "\n") + "\n"), "truncated"},
		{"dropped rule", gz(strings.Join(append(slices.Clone(lines[:len(lines)-2]), lines[len(lines)-1]), "\n") + "\n"), "end record"},
		{"bad count", gz(lines[0] + "\nrule\t\"a\"\t\"b\"\tx\n"), "rule: bad record"},
		{"count over total", gz(lines[0] + "\nalpha\t\"a\"\t1\nrule\t\"a\"\t\"b\"\t2\n"), "exceeds the total"},
		{"unknown record", gz(lines[0] + "\nfoo\t1\n"), "unknown record"},
	}
	for _, tt := range tests {
		_, err := ReadParams(bytes.NewReader(tt.data))
		if err == nil || !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: ReadParams error = %v, want ErrFormat mentioning %q", tt.name, err, tt.msg)
		}
	}
	if _, err := ReadFile("testdata/missing.chan"); err == nil {
		t.Errorf("ReadFile of a missing file: no error")
	}
}

func TestEmbeddedModels(t *testing.T) {
	for _, name := range []string{"legacy", "legacy-heavy", "ocr"} {
		p, err := Embedded(name)
		if err != nil || p.Name != name || len(p.Rules) < 1000 {
			t.Errorf("Embedded(%q): %v", name, err)
		}
	}
	if _, err := Embedded("nonesuch"); err == nil {
		t.Errorf(`Embedded("nonesuch"): no error`)
	}
}

func TestConcurrentCandidates(t *testing.T) {
	p, err := Embedded("legacy")
	if err != nil {
		t.Fatal(err)
	}
	m := New(p, Options{CacheSize: 8}) // a tiny cache, so that entries are evicted under load
	tokens := []string{"s6", "th6ng", "cia", "dugc", "ngudi", "chitc", "vting", "he", "Cong", "dOng", "tru dng"}
	want := make([][]diacritics.Candidate, len(tokens))
	uncached := New(p, Options{CacheSize: -1})
	for i, tok := range tokens {
		want[i] = uncached.Candidates(tok, nil)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []diacritics.Candidate
			for k := range 60 {
				i := (g + k) % len(tokens)
				buf = m.Candidates(tokens[i], buf[:0])
				if !slices.Equal(buf, want[i]) {
					t.Errorf("concurrent Candidates(%q) = %v, want %v", tokens[i], buf, want[i])
					return
				}
			}
		}()
	}
	wg.Wait()
}

func gz(s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

func gunzip(t *testing.T, data []byte) string {
	r, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := b.ReadFrom(r); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestCandidatesReadGluedSyllables(t *testing.T) {
	p, err := Embedded("legacy")
	if err != nil {
		t.Fatal(err)
	}
	// Only the syllables a language model would know, as a decoder passes.
	known := map[string]bool{}
	for _, w := range strings.Fields("đối với đời vời đôi dồi đội vợi vị ví vì phát huy phạt phất pha thụy thủy thúy tha hủy") {
		known[w] = true
	}
	m := New(p, Options{Known: func(s string) bool { return known[s] }})
	// "đối với" came out as one token "dOivi" on a heavy training page.
	if c := m.Candidates("dOivới", nil); rank(c, "đối với") < 0 {
		t.Errorf(`Candidates("dOivới") = %v, want "đối với" among them`, c)
	}
	if c := m.Candidates("phathuy", nil); rank(c, "phát huy") < 0 {
		t.Errorf(`Candidates("phathuy") = %v, want "phát huy" among them`, c)
	}
}
