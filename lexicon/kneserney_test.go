package lexicon

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// toyCorpus is a few lines of domain-like text with repeats, so that every
// count-of-count the discounts need is present.
var toyCorpus = strings.Repeat(`ủy ban nhân dân tỉnh ban hành quyết định
quyết định của ủy ban nhân dân huyện
hội đồng nhân dân tỉnh thông qua nghị quyết
nghị quyết của hội đồng nhân dân
ban thường vụ tỉnh ủy ban hành chỉ thị số 19
`, 3) + `ủy ban nhân dân xã ban hành kế hoạch
chỉ thị của ban thường vụ
đảng bộ tỉnh lãnh đạo thực hiện nghị quyết
`

var toyGeneral = strings.Repeat(`việt nam là một quốc gia nằm ở phía đông bán đảo đông dương
hà nội là thủ đô của việt nam
thành phố hồ chí minh là thành phố lớn nhất việt nam
`, 2) + `sông hồng chảy qua hà nội
dân số của tỉnh là một triệu người
`

func writeTemp(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func buildToy(t *testing.T, opts BuildOptions) *builtModel {
	t.Helper()
	m, _, err := buildModel(opts)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// sumOverVocab returns the sum of p(w | ctx) over every word but <s>.
func sumOverVocab(m *backoffModel, ctx []uint32) float64 {
	var sum float64
	for w := 0; w < m.vocabSize; w++ {
		if w == idBOS {
			continue
		}
		sum += math.Pow(10, m.logProb(ctx, uint32(w)))
	}
	return sum
}

func wordIDs(t *testing.T, m *builtModel, words ...string) []uint32 {
	t.Helper()
	var ids []uint32
	for _, w := range words {
		found := false
		for i, v := range m.vocab {
			if v == w {
				ids = append(ids, uint32(i))
				found = true
			}
		}
		if !found {
			t.Fatalf("%q not in the vocabulary", w)
		}
	}
	return ids
}

func TestKneserNeySumsToOne(t *testing.T) {
	domain := writeTemp(t, "domain.txt", toyCorpus)
	general := writeTemp(t, "general.txt", toyGeneral)
	noPrune := []uint32{0, 0, 0, 0}
	prune := []uint32{0, 1, 1, 1}
	models := []struct {
		name string
		opts BuildOptions
	}{
		{"trigram", BuildOptions{Domain: []string{domain}, DomainPrune: noPrune, MinCount: 1}},
		{"4-gram", BuildOptions{Order: 4, Domain: []string{domain}, DomainPrune: noPrune, MinCount: 1}},
		{"pruned trigram", BuildOptions{General: []string{domain}, Prune: prune, MinCount: 1}},
		{"mixed", BuildOptions{Domain: []string{domain}, General: []string{general}, Prune: noPrune, MinCount: 1}},
		{"mixed pruned 4-gram", BuildOptions{Order: 4, Domain: []string{domain}, General: []string{general}, Prune: prune, DomainPrune: prune, MinCount: 1}},
	}
	contexts := [][]string{
		{"<s>"},
		{"<s>", "ủy"},
		{"ủy", "ban"},
		{"nhân", "dân"},
		{"ban", "nhân", "dân"},
		{"dân", "tỉnh"},
		{"của", "việt", "nam"},
		{"<unk>", "dân"},
		{"tỉnh", "<unk>"},
	}
	for _, tm := range models {
		m := buildToy(t, tm.opts)
		for _, c := range contexts {
			if len(c) > 1 && c[1] == "việt" && (tm.opts.Domain == nil || tm.opts.General == nil) {
				continue // only the mixed models know việt
			}
			ctx := wordIDs(t, m, c...)
			if got := sumOverVocab(m.backoffModel, ctx); math.Abs(got-1) > 1e-4 {
				t.Errorf("%s: sum of p(w | %v) = %.6f, want 1", tm.name, c, got)
			}
		}
	}
}

func TestKneserNeyPrefersSeenContinuations(t *testing.T) {
	m := buildToy(t, BuildOptions{Domain: []string{writeTemp(t, "d.txt", toyCorpus)}, MinCount: 1})
	ctx := wordIDs(t, m, "ủy", "ban")
	seen := m.logProb(ctx, wordIDs(t, m, "nhân")[0])
	unseen := m.logProb(ctx, wordIDs(t, m, "lãnh")[0])
	if !(seen > -0.5 && unseen < seen-2) {
		t.Errorf("log p(nhân | ủy ban) = %.3f, log p(lãnh | ủy ban) = %.3f: want the seen continuation far ahead", seen, unseen)
	}
}

func TestDiscounts(t *testing.T) {
	tests := []struct {
		counts []uint32
		want   discounts
	}{
		// n1=4 n2=2 n3=1 n4=1: Y = 4/8 = 0.5; D1 = 1-2*0.5*2/4 = 0.5; D2 = 2-3*0.5*1/2 = 1.25; D3 = 3-4*0.5*1/1 = 1.
		{[]uint32{1, 1, 1, 1, 2, 2, 3, 4}, discounts{0.5, 1.25, 1}},
		// No twos: fall back.
		{[]uint32{1, 1, 5}, discounts{0.5, 1, 1.5}},
	}
	for _, tt := range tests {
		got := estimateDiscounts(tt.counts)
		for i := range got {
			if math.Abs(got[i]-tt.want[i]) > 1e-9 {
				t.Errorf("estimateDiscounts(%v) = %v, want %v", tt.counts, got, tt.want)
				break
			}
		}
	}
}

func TestAdjustedCounts(t *testing.T) {
	// Sentences "a b" and "c b": the bigram "a b" has raw count 1; the
	// unigram b has two distinct left words; </s> follows only b.
	const a, b, c = 3, 4, 5
	stream := []uint32{a, b, idEOS, c, b, idEOS}
	sets := countNgrams(stream, 3, 3)
	pack := func(ids ...uint32) uint64 {
		var k uint64
		for _, id := range ids {
			k = k<<3 | uint64(id)
		}
		return k
	}
	want := map[int]map[uint64]uint32{
		1: {pack(a): 1, pack(b): 2, pack(c): 1, pack(idEOS): 1},
		2: {pack(idBOS, a): 1, pack(idBOS, c): 1, pack(a, b): 1, pack(c, b): 1, pack(b, idEOS): 2},
		3: {pack(idBOS, a, b): 1, pack(idBOS, c, b): 1, pack(a, b, idEOS): 1, pack(c, b, idEOS): 1},
	}
	for k := 1; k <= 3; k++ {
		got := map[uint64]uint32{}
		for i, key := range sets[k-1].keys {
			got[key] = sets[k-1].counts[i]
		}
		if len(got) != len(want[k]) {
			t.Errorf("order %d: %d n-grams, want %d", k, len(got), len(want[k]))
		}
		for key, c := range want[k] {
			if got[key] != c {
				t.Errorf("order %d key %o: count %d, want %d", k, key, got[key], c)
			}
		}
	}
}
