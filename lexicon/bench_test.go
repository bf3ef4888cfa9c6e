package lexicon

import (
	"math/rand/v2"
	"os"
	"testing"
)

// BenchmarkOpenDefault measures opening the embedded model (checksum and
// header checks included).
func BenchmarkOpenDefault(b *testing.B) {
	b.SetBytes(int64(len(defaultModel)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Open(defaultModel); err != nil {
			b.Fatal(err)
		}
	}
}

// benchTrigrams returns the word-ID trigrams of the fixture text under m,
// sentence starts included, as a flat slice of triples.
func benchTrigrams(b *testing.B, m *Model) []WordID {
	data, err := os.ReadFile("../testdata/lexicon/ngram/domain.txt")
	if err != nil {
		b.Fatal(err)
	}
	var tri []WordID
	var line []byte
	flush := func() {
		ids := []WordID{idBOS, idBOS}
		for _, k := range lineKeys(string(line)) {
			ids = append(ids, m.ID(k))
		}
		ids = append(ids, idEOS)
		for i := 2; i < len(ids); i++ {
			tri = append(tri, ids[i-2], ids[i-1], ids[i])
		}
		line = line[:0]
	}
	for _, c := range data {
		if c == '\n' {
			flush()
		} else {
			line = append(line, c)
		}
	}
	return tri
}

// BenchmarkLogProbTrigram measures trigram queries (real text, so a mix of
// hits and backoffs) on the embedded model; one op is one query.
func BenchmarkLogProbTrigram(b *testing.B) {
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	tri := benchTrigrams(b, m)
	benchLogProb(b, m, tri)
}

// BenchmarkID measures looking up a vocabulary key.
func BenchmarkID(b *testing.B) {
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	keys := []string{"ủy", "ban", "nhân", "dân", "tỉnh", "không-có-từ-này", "<num>", ","}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		m.ID(keys[i%len(keys)])
		i++
	}
}

// BenchmarkLogProbRandom measures trigram queries of uniformly random word
// triples: nearly all back off, and the probes miss the caches.
func BenchmarkLogProbRandom(b *testing.B) {
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	tri := make([]WordID, 3*4096)
	for i := range tri {
		tri[i] = WordID(rng.IntN(m.VocabSize()))
	}
	benchLogProb(b, m, tri)
}

// BenchmarkScore measures the state-based query along real sentences: the
// states are computed beforehand, so that, as in a decoder scoring many
// hypotheses, consecutive queries do not wait for each other.
func BenchmarkScore(b *testing.B) {
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	tri := benchTrigrams(b, m)
	var states []State
	var words []WordID
	s := m.BeginSentence()
	for i := 2; i < len(tri); i += 3 {
		states = append(states, s)
		words = append(words, tri[i])
		_, s = m.Score(s, tri[i])
		if tri[i] == idEOS {
			s = m.BeginSentence()
		}
	}
	b.ReportAllocs()
	var sum float32
	i := 0
	for b.Loop() {
		lp, _ := m.Score(states[i], words[i])
		sum += lp
		i++
		if i == len(words) {
			i = 0
		}
	}
	if sum == 0 {
		b.Fatal("no probability")
	}
}

// benchLogProb queries the trigrams tri (three words each) round and round.
func benchLogProb(b *testing.B, m *Model, tri []WordID) {
	b.ReportAllocs()
	var sum float32
	i := 0
	for b.Loop() {
		sum += m.LogProb(tri[i:i+2], tri[i+2])
		i += 3
		if i == len(tri) {
			i = 0
		}
	}
	if sum == 0 {
		b.Fatal("no probability")
	}
}
