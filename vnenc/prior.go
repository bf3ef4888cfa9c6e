package vnenc

import "github.com/vnarchive/vnrestore/lexicon"

// The unigram prior that breaks ties between readings whose words are all
// syllables: "Tăng, giảm" in VISCII reads "Tồng, giọm" in TCVN3, and only
// the words' frequency tells them apart. It comes from the lexicon's
// embedded default model; without one, ties go to the first reading
// (TCVN3, VNI, VISCII, CP1258: the order of their use in archives).

func init() {
	wordLogProb = defaultLogProb
}

// unknownLogProb is the log10 probability given to a syllable outside the
// model's vocabulary. The model's own figure for its unknown word is the
// mass of all rare words together, far too high for one of them.
const unknownLogProb = -9

// defaultLogProb returns the log10 unigram probability of a key in the
// default model.
func defaultLogProb(key string) (float64, bool) {
	m, err := lexicon.Default()
	if err != nil || m == nil {
		return 0, false
	}
	id := m.ID(key)
	if id == lexicon.Unknown {
		return unknownLogProb, true
	}
	return float64(m.Unigram(id)), true
}
