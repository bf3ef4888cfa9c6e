package ocr

import (
	"slices"
	"testing"

	"github.com/vnarchive/vnrestore/lexicon"
)

func TestFillerRereadsDoubtfulWords(t *testing.T) {
	model, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	f := newFiller(model)
	for _, tc := range []struct {
		raw   []string
		confs []float64
		want  []string
	}{
		// Garbled past any reading of the channel, in a context the
		// model knows well.
		{[]string{"người", "lao", "động", "nạitút", "ngoài"}, []float64{96, 95, 96, 6, 90}, []string{"người", "lao", "động", "nước", "ngoài"}},
		{[]string{"doanh", "tiphiei›"}, []float64{95, 0}, []string{"doanh", "nghiệp›"}},
		// Confident words, numbers, codes, acronyms and long foreign
		// words stay as they are.
		{[]string{"người", "lao", "động", "nạitút", "ngoài"}, []float64{96, 95, 96, 90, 90}, []string{"người", "lao", "động", "nạitút", "ngoài"}},
		{[]string{"theo", "QĐ-UBND", "số", "1209/QĐ", "TTHC"}, []float64{90, 5, 90, 5, 5}, []string{"theo", "QĐ-UBND", "số", "1209/QĐ", "TTHC"}},
		{[]string{"Qualifications", "and", "experience"}, []float64{30, 30, 30}, []string{"Qualifications", "and", "experience"}},
	} {
		out := slices.Clone(tc.raw)
		words := make([]WordInput, len(tc.raw))
		for i := range words {
			words[i] = WordInput{Text: tc.raw[i], Confidence: tc.confs[i]}
		}
		f.fill(out, words)
		if !slices.Equal(out, tc.want) {
			t.Errorf("fill(%q) = %q, want %q", tc.raw, out, tc.want)
		}
	}
}

func TestLexiconCorrectorFillsAfterTheDecoder(t *testing.T) {
	c, err := NewLexiconCorrector(nil)
	if err != nil {
		t.Fatal(err)
	}
	in := []WordInput{{Text: "người", Confidence: 96}, {Text: "lao", Confidence: 95}, {Text: "động", Confidence: 96}, {Text: "nạitút", Confidence: 6}, {Text: "ngoài", Confidence: 90}}
	got, err := c.CorrectLine(in)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"người", "lao", "động", "nước", "ngoài"}; !slices.Equal(got, want) {
		t.Errorf("CorrectLine = %q, want %q", got, want)
	}
}
