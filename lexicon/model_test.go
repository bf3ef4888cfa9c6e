package lexicon

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// toyModel builds a mixed trigram model from the toy texts and returns both
// the in-memory model and the opened file.
func toyModel(t testing.TB, order int) (*builtModel, *Model, []byte) {
	t.Helper()
	dir := t.TempDir()
	dom := filepath.Join(dir, "domain.txt")
	gen := filepath.Join(dir, "general.txt")
	os.WriteFile(dom, []byte(toyCorpus), 0o644)
	os.WriteFile(gen, []byte(toyGeneral), 0o644)
	return buildFiles(t, order, dom, gen)
}

// fixtureModel builds a model from the fixture texts in testdata/lexicon,
// large enough for the 8-bit codebooks to quantize.
func fixtureModel(t testing.TB, order int) (*builtModel, *Model, []byte) {
	return buildFiles(t, order, "../testdata/lexicon/ngram/domain.txt", "../testdata/lexicon/ngram/general.txt")
}

func buildFiles(t testing.TB, order int, dom, gen string) (*builtModel, *Model, []byte) {
	t.Helper()
	opts := BuildOptions{Order: order, Domain: []string{dom}, General: []string{gen}, MinCount: 1, Prune: []uint32{0, 0, 0, 0}, GeneralLambda: 0.1}
	mb, info, err := buildModel(opts)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := writeModel(&buf, mb, info); err != nil {
		t.Fatal(err)
	}
	m, err := Open(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return mb, m, buf.Bytes()
}

func TestRoundTrip(t *testing.T) {
	for _, order := range []int{3, 4} {
		mb, m, _ := fixtureModel(t, order)
		if m.Order() != order || m.VocabSize() != len(mb.vocab) {
			t.Fatalf("order %d, vocabulary %d; want %d, %d", m.Order(), m.VocabSize(), order, len(mb.vocab))
		}
		for id, w := range mb.vocab {
			if got := m.ID(w); got != WordID(id) {
				t.Errorf("ID(%q) = %d, want %d", w, got, id)
			}
			if got := m.Word(WordID(id)); got != w {
				t.Errorf("Word(%d) = %q, want %q", id, got, w)
			}
		}
		if m.ID("không có từ này") != Unknown || m.Word(WordID(len(mb.vocab))) != "" {
			t.Error("unknown words not reported as unknown")
		}
		if len(m.Variants()) != 2 || m.NumVariants() != 2 || m.Variant(1) == nil || m.Variant(2) != nil || m.Variant(0) != m {
			t.Fatalf("order %d: variants %v: want domain and general", order, m.Variants())
		}
		for v, col := range mb.variants() {
			compareModel(t, fmt.Sprintf("order %d, variant %d", order, v), mb, col, m.Variant(v))
		}
	}
}

// compareModel checks that the queries of the opened model m give the
// probabilities of the in-memory model want.
func compareModel(t *testing.T, name string, mb *builtModel, want *backoffModel, m *Model) {
	t.Helper()
	order := m.Order()
	// Every context of up to order-1 words drawn from the corpus, every word.
	compared, worst, sumErr := 0, 0.0, 0.0
	forEachPrediction(append(countStreamSample(mb), idEOS), order, func(ctx []uint32, _ uint32) {
		ids := make([]WordID, len(ctx))
		for i, c := range ctx {
			ids[i] = WordID(c)
		}
		for w := range len(mb.vocab) {
			if w == idBOS {
				continue
			}
			want := want.logProb(ctx, uint32(w))
			got := float64(m.LogProb(ids, WordID(w)))
			worst = max(worst, math.Abs(got-want))
			sumErr += math.Abs(got - want)
			compared++
		}
	})
	// 8-bit codebooks: a stored value is off by at most half a bin, and
	// a query adds up to order-1 backoffs.
	mean := sumErr / float64(compared)
	t.Logf("%s: |file - memory| log10 difference: mean %.4f, largest %.4f over %d queries", name, mean, worst, compared)
	if worst > 0.1 || mean > 0.01 {
		t.Errorf("%s: |file - memory| log10 difference: mean %.4f, largest %.4f; want <= 0.01, <= 0.1", name, mean, worst)
	}
	if compared < 1000 {
		t.Errorf("%s: only %d queries compared", name, compared)
	}
}

// The variants hold the same n-grams with other weights: the general
// variant gives general text a higher probability than the domain variant
// does, and domain text a lower one.
func TestVariantsFitTheirText(t *testing.T) {
	mb, m, _ := fixtureModel(t, 3)
	dom, gen := m.Variant(0), m.Variant(1)
	if w := m.Variants(); w[0].Name != "domain" || w[1].Name != "general" || w[1].DomainWeight != 0.1 || w[0].DomainWeight <= 0.1 {
		t.Fatalf("variants %+v", w)
	}
	score := func(m *Model, line string) float64 {
		var sum float64
		ctx := []WordID{m.ID("<s>")}
		for _, k := range append(lineKeys(line), "</s>") {
			w := m.ID(k)
			sum += float64(m.LogProb(ctx, w))
			ctx = append(ctx, w)
		}
		return sum
	}
	domLine := "ủy ban nhân dân tỉnh ban hành quyết định"
	genLine := "nó được phát hiện bởi robert h. mcnaught"
	if d, g := score(dom, domLine), score(gen, domLine); d <= g {
		t.Errorf("domain text: domain variant %.2f, general variant %.2f; want the domain variant higher", d, g)
	}
	if d, g := score(dom, genLine), score(gen, genLine); g <= d {
		t.Errorf("general text: domain variant %.2f, general variant %.2f; want the general variant higher", d, g)
	}
	// States carry the variant's backoffs: Score agrees with LogProb per variant.
	for i, v := range []*Model{dom, gen} {
		st := v.BeginSentence()
		ctx := []WordID{v.ID("<s>")}
		for _, k := range lineKeys(domLine) {
			w := v.ID(k)
			lp, next := v.Score(st, w)
			if want := v.LogProb(ctx, w); math.Abs(float64(lp-want)) > 1e-5 {
				t.Errorf("variant %d: Score %q = %.5f, LogProb %.5f", i, k, lp, want)
			}
			st, ctx = next, append(ctx, w)
		}
	}
	if len(mb.alt) != 1 {
		t.Errorf("%d extra variants built, want 1", len(mb.alt))
	}
}

// A OneVariant model names its one variant; it holds one all the same.
func TestOneVariant(t *testing.T) {
	dom := filepath.Join(t.TempDir(), "domain.txt")
	if err := os.WriteFile(dom, []byte(toyCorpus), 0o644); err != nil {
		t.Fatal(err)
	}
	data, err := Build(BuildOptions{Domain: []string{dom}, General: []string{"../testdata/lexicon/ngram/general.txt"}, MinCount: 1, OneVariant: true})
	if err != nil {
		t.Fatal(err)
	}
	m, err := Open(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Variants()) != 1 || m.Variants()[0].Name != "domain" || m.NumVariants() != 1 || m.Variant(0) != m || m.Variant(1) != nil {
		t.Errorf("OneVariant model: variants %v, NumVariants %d", m.Variants(), m.NumVariants())
	}
}

// A file of format version 1 (one variant, no variants in its header)
// still opens and gives the probabilities it gave. testdata/version1.vnlm
// was written by the version-1 builder (commit 3fc56b2) from toyCorpus and
// toyGeneral: Order 3, MinCount 1, Lambda 0.7; the expected values are
// what that commit's reader returned for it.
func TestOpenVersion1(t *testing.T) {
	data, err := os.ReadFile("testdata/version1.vnlm")
	if err != nil {
		t.Fatal(err)
	}
	m, err := Open(data)
	if err != nil {
		t.Fatalf("version 1 file: %v", err)
	}
	if in := m.Info(); in.FormatVersion != 1 || in.Order != 3 || in.VocabSize != 62 || m.VocabSize() != 62 {
		t.Errorf("version 1 file: format %d, order %d, vocabulary %d (%d)", in.FormatVersion, in.Order, in.VocabSize, m.VocabSize())
	}
	if m.Variants() != nil || m.NumVariants() != 1 || m.Variant(0) != m || m.Variant(1) != nil {
		t.Errorf("version 1 file: variants %v, NumVariants %d", m.Variants(), m.NumVariants())
	}
	for _, tt := range []struct {
		words []string // context, then the word
		bits  uint32   // of the float32 log10 probability
	}{
		{[]string{"<s>", "ủy"}, 0xbf966b92},           // -1.1751578
		{[]string{"ủy", "ban"}, 0xbf5a5b7b},           // -0.8529584
		{[]string{"<s>", "ủy", "ban"}, 0xbe9dbe4a},    // -0.30809242
		{[]string{"ủy", "ban", "nhân"}, 0xbecb8b3e},   // -0.3975467
		{[]string{"hà", "nội", "sông"}, 0xbff8a3fd},   // -1.9425045
		{[]string{"nhân", "dân", "tỉnh"}, 0xbf14fade}, // -0.5819529
		{[]string{"tỉnh", "xyzzy"}, 0xc0048f17},       // -2.0712335, unknown word
		{[]string{"việt", "nam", "</s>"}, 0xbf2944b5}, // -0.66120464
	} {
		ctx := make([]WordID, len(tt.words)-1)
		for i, w := range tt.words[:len(ctx)] {
			ctx[i] = m.ID(w)
		}
		lp := m.LogProb(ctx, m.ID(tt.words[len(ctx)]))
		if want := math.Float32frombits(tt.bits); lp != want {
			t.Errorf("version 1 file: log10 P(%v) = %v, want %v", tt.words, lp, want)
		}
	}
	s := m.BeginSentence()
	var sum float32
	for _, w := range []string{"ủy", "ban", "nhân", "dân", "tỉnh", "ban", "hành", "chỉ", "thị"} {
		var lp float32
		lp, s = m.Score(s, m.ID(w))
		sum += lp
	}
	if want := math.Float32frombits(0xc0935ae9); sum != want { // -4.6048474
		t.Errorf("version 1 file: sentence scores %v, want %v", sum, want)
	}
}

// countStreamSample returns a few sentences of the toy corpus as word IDs.
func countStreamSample(mb *builtModel) []uint32 {
	ids := map[string]uint32{}
	for i, w := range mb.vocab {
		ids[w] = uint32(i)
	}
	var out []uint32
	for _, line := range []string{"ủy ban nhân dân tỉnh ban hành quyết định", "hà nội là thủ đô của việt nam", "đảng bộ tỉnh lãnh đạo thực hiện nghị quyết"} {
		for _, k := range lineKeys(line) {
			out = append(out, ids[k])
		}
		out = append(out, idEOS)
	}
	return out
}

func TestBuildIsReproducible(t *testing.T) {
	_, _, a := toyModel(t, 3)
	_, _, b := toyModel(t, 3)
	if !bytes.Equal(a, b) {
		t.Error("two builds from the same inputs differ")
	}
}

// writeModel refuses a header that names other variants than the model
// holds: Open could not read the file.
func TestWriteModelChecksVariants(t *testing.T) {
	mb, m, _ := toyModel(t, 3)
	info := m.Info()
	for _, tt := range []struct {
		name     string
		variants []Variant
		ok       bool
	}{
		{"both", info.Variants, true},
		{"none named", nil, false},
		{"one of two", info.Variants[:1], false},
		{"three", append(slices.Clone(info.Variants), Variant{Name: "other"}), false},
	} {
		in := info
		in.Variants = tt.variants
		var buf bytes.Buffer
		err := writeModel(&buf, mb, in)
		if (err == nil) != tt.ok {
			t.Errorf("%s: writeModel error %v, want ok %v", tt.name, err, tt.ok)
			continue
		}
		if err == nil {
			if _, err := Open(buf.Bytes()); err != nil {
				t.Errorf("%s: written, but Open: %v", tt.name, err)
			}
		}
	}
	// A model of one variant may name it or not.
	one := &builtModel{backoffModel: mb.backoffModel, vocab: mb.vocab}
	for _, variants := range [][]Variant{nil, info.Variants[:1]} {
		in := info
		in.Variants = variants
		var buf bytes.Buffer
		if err := writeModel(&buf, one, in); err != nil {
			t.Errorf("one variant, %d named: %v", len(variants), err)
			continue
		}
		if m, err := Open(buf.Bytes()); err != nil || m.Variant(1) != nil {
			t.Errorf("one variant, %d named: Open: %v", len(variants), err)
		}
	}
}

func TestOpenRejectsBadFiles(t *testing.T) {
	_, _, good := toyModel(t, 3)
	flip := func(off int) []byte {
		b := bytes.Clone(good)
		b[off] ^= 0x40
		return b
	}
	wrongVersion := bytes.Clone(good)
	binary.LittleEndian.PutUint32(wrongVersion[8:], 99)
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"foreign", []byte("PK\x03\x04 this is a zip file, not a model")},
		{"magic only", []byte(magic)},
		{"wrong version", wrongVersion},
		{"truncated by one byte", good[:len(good)-1]},
		{"truncated to half", good[:len(good)/2]},
		{"flipped header byte", flip(20)},
		{"flipped table byte", flip(len(good) / 2)},
		{"flipped checksum", flip(len(good) - 1)},
	}
	for _, tt := range tests {
		m, err := Open(tt.data)
		if err == nil || m != nil {
			t.Errorf("%s: Open succeeded", tt.name)
			continue
		}
		if !errors.Is(err, ErrFormat) {
			t.Errorf("%s: error %v does not wrap ErrFormat", tt.name, err)
		}
	}
}

func TestOpenFile(t *testing.T) {
	_, _, good := toyModel(t, 3)
	dir := t.TempDir()
	path := filepath.Join(dir, "toy.vnlm")
	os.WriteFile(path, good, 0o644)
	m, err := OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if m.ID("ủy") == Unknown || m.Info().FileSize != int64(len(good)) {
		t.Errorf("mapped model: ID(ủy) = %d, size %d", m.ID("ủy"), m.Info().FileSize)
	}
	// The views share the map: closing one closes it for all, once.
	if m.Variant(1) == nil {
		t.Fatal("mapped model: no second variant")
	}
	if err := m.Variant(1).Close(); err != nil {
		t.Error(err)
	}
	if m.unmap != nil {
		t.Error("closing a variant left the map open")
	}
	if err := m.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	bad := filepath.Join(dir, "bad.vnlm")
	os.WriteFile(bad, good[:100], 0o644)
	if _, err := OpenFile(bad); err == nil || !errors.Is(err, ErrFormat) || !bytes.Contains([]byte(err.Error()), []byte("bad.vnlm")) {
		t.Errorf("truncated file: error %v, want one naming the file and wrapping ErrFormat", err)
	}
	if _, err := OpenFile(filepath.Join(dir, "missing.vnlm")); err == nil {
		t.Error("missing file opened")
	}
}

func TestDefaultModel(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	ctx := []WordID{m.ID("<s>"), m.ID("ủy"), m.ID("ban")}
	seen := m.LogProb(ctx, m.ID("nhân"))
	unseen := m.LogProb(ctx, m.ID("sông"))
	if !(seen > unseen+1) {
		t.Errorf("default model: log p(nhân | ủy ban) = %.2f, log p(sông | ủy ban) = %.2f", seen, unseen)
	}
}

func FuzzOpen(f *testing.F) {
	_, _, good := toyModel(f, 3)
	f.Add(good)
	f.Add(good[:len(good)/3])
	f.Add([]byte(magic + "\x01\x00\x00\x00\xff\xff\xff\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		// As given (mostly rejected by the checksum), and with the checksum
		// fixed so that the structural checks are exercised too.
		check(t, data)
		if len(data) >= 4 {
			fixed := bytes.Clone(data)
			binary.LittleEndian.PutUint32(fixed[len(fixed)-4:], crc32.Checksum(fixed[:len(fixed)-4], castagnoli))
			check(t, fixed)
		}
	})
}

func check(t *testing.T, data []byte) {
	m, err := Open(data)
	if err != nil {
		return
	}
	// Whatever opens must answer queries without panicking.
	for w := range WordID(min(m.VocabSize()+2, 50)) {
		m.LogProb([]WordID{1, w, w + 1}, w)
		m.Word(w)
	}
	m.ID("ủy")
	m.Unigram(WordID(m.VocabSize()))
}

func TestScoreMatchesLogProb(t *testing.T) {
	for _, order := range []int{2, 3, 4} {
		_, m, _ := fixtureModel(t, order)
		shrunk := 0
		for _, line := range []string{
			"Ủy ban nhân dân tỉnh ban hành quyết định số 19/QĐ-UBND về việc thực hiện kế hoạch",
			"Hà Nội là thủ đô của Việt Nam , một từ lạ xyzzy ở đây",
			"đảng bộ tỉnh lãnh đạo",
		} {
			hist := []WordID{m.ID("<s>")}
			s := m.BeginSentence()
			for _, k := range append(lineKeys(line), "</s>") {
				w := m.ID(k)
				got, next := m.Score(s, w)
				want := m.LogProb(hist, w)
				if got != want {
					t.Errorf("order %d: Score(%q) = %v, LogProb with the full history = %v", order, k, got, want)
				}
				if next.Len() < min(len(hist)+1, order-1) {
					shrunk++
				}
				hist = append(hist, w)
				s = next
			}
		}
		if order > 2 && shrunk == 0 {
			t.Errorf("order %d: no state was ever shortened", order)
		}
	}
}

func TestStatesMerge(t *testing.T) {
	_, m, _ := fixtureModel(t, 3)
	// Two different histories ending in a word pair never seen together:
	// both back off to the last word, so their states are equal.
	a, b := m.BeginSentence(), m.BeginSentence()
	for _, k := range []string{"nhân", "dân", "sông"} {
		_, a = m.Score(a, m.ID(k))
	}
	for _, k := range []string{"hà", "nội", "sông"} {
		_, b = m.Score(b, m.ID(k))
	}
	if a != b || a.Len() != 1 {
		t.Errorf("states after '... dân sông' and '... nội sông' differ: %+v, %+v", a, b)
	}
}
