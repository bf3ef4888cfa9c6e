package lexicon

import (
	"os"
	"strings"
	"testing"
)

// Without GeneralLambda, the general variant's weight is tuned on a
// held-out slice of the general text, which needs GeneralTuneEvery blocks
// of tuneBlock lines at least: the general fixture, rotated, makes that
// many.
func TestGeneralVariantTuned(t *testing.T) {
	data, err := os.ReadFile("../testdata/lexicon/ngram/general.txt")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	const every = 100 // the default GeneralTuneEvery
	var b strings.Builder
	for i := range every * tuneBlock {
		b.WriteString(lines[(i+7*(i/len(lines)))%len(lines)])
		b.WriteByte('\n')
	}
	gen := writeTemp(t, "general.txt", b.String())
	mb, info, err := buildModel(BuildOptions{Domain: []string{"../testdata/lexicon/ngram/domain.txt"}, General: []string{gen}, MinCount: 1})
	if err != nil {
		t.Fatal(err)
	}
	gt := info.GeneralTuning
	if gt == nil {
		t.Fatal("no general tuning reported")
	}
	if gt.Tokens == 0 || gt.Ambiguous == 0 {
		t.Errorf("general tuning on %d tokens, %d ambiguous syllables", gt.Tokens, gt.Ambiguous)
	}
	if len(info.Variants) != 2 || len(mb.alt) != 1 {
		t.Fatalf("variants %+v, %d built", info.Variants, 1+len(mb.alt))
	}
	if w := info.Variants[1].DomainWeight; !(w > 0 && w < 1) {
		t.Errorf("general variant's domain weight %v, want one in (0, 1)", w)
	}
	if len(info.VariantMeans) != 2 {
		t.Errorf("variant means %v", info.VariantMeans)
	}
	t.Logf("general variant's domain weight %.2f (domain variant's %.2f): %+v", info.Variants[1].DomainWeight, info.Variants[0].DomainWeight, *gt)
}
