package diacritics

import "github.com/vnarchive/vnrestore/lexicon"

// AutoVariant, passed to WithVariant, lets the decoder choose the model
// variant by the text (see WithVariant).
const AutoVariant = -1

// WithVariant sets which variant of the model scores the text (see
// lexicon.Model.Variants): 0 the domain variant, 1 the general variant, or
// AutoVariant (the default), which follows the text.
//
// With AutoVariant each plain line (see Mode) of a String, Restore,
// RestoreLines or Copy call is scored with the domain variant while the
// words restored so far in that call read as administrative or legal text,
// and with the general variant otherwise. The evidence is the mean, over
// those words with weights halving about every 70 words back, of log10
// P(word) under the domain variant less under the general one; the text
// reads as domain text while the mean stays at or above the model's
// VariantSplit (lexicon.Info: halfway between its means on the domain and
// on the general tuning text). The mean starts from 50 words' worth of the
// domain text's own mean, so that a call starts with the domain variant and
// a short header ("ĐẢNG CỘNG SẢN VIỆT NAM") does not turn it. Legacy and
// OCR lines keep the domain variant: their channels were tuned with it, and
// on the held-out synthetic pages following the text cost legacy repair
// (WER 0.0204 → 0.0220 on clean pages, 0.0729 → 0.0741 on medium ones).
// CorrectWords, which sees one line at a time, uses the domain variant.
//
// On the development split, in plain mode: Wikipedia 97.32% with AutoVariant
// (97.32% with the general variant alone, 96.97% with the domain variant
// alone); administrative and legal text 99.46% (the domain variant alone:
// 99.46%, the general one 99.12%).
func WithVariant(i int) Option { return func(o *options) { o.variant = i } }

// fitDecay is how much of the evidence about the kind of text survives each
// word: 0.99 forgets half of it in about 70 words.
const fitDecay = 0.99

// variantsOf returns the views of every variant of m, m first.
func variantsOf(m *lexicon.Model) []*lexicon.Model {
	vs := []*lexicon.Model{m}
	for i := 1; i < len(m.Variants()); i++ {
		vs = append(vs, m.Variant(i))
	}
	return vs
}

// fitPriorWords is how many words' worth of evidence the mean starts from
// (see WithVariant).
const fitPriorWords = 50

// startDocument resets the evidence about the kind of text (its variant,
// and for Auto mode whether it is legacy OCR) at the start of a String,
// Restore, RestoreLines or Copy call.
func (d *decoder) startDocument() {
	d.fitSum, d.fitWeight = fitPriorWords*d.r.fitPrior, fitPriorWords
	d.lm = d.r.variants[0]
	d.seenJunk, d.seenWords = 0, 0
}

// pickVariant returns the variant that scores the next line.
func (d *decoder) pickVariant() *lexicon.Model {
	switch v := d.r.opts.variant; {
	case v != AutoVariant:
		return d.r.variants[v]
	case len(d.r.variants) < 2 || d.lineMode != Plain || d.fitSum >= d.r.fitSplit*d.fitWeight:
		return d.r.variants[0]
	}
	return d.r.variants[1]
}

// updateFit adds the evidence of the line just decoded: for each word of
// the chosen path, log10 P(word) under the domain variant less under the
// general one.
func (d *decoder) updateFit() {
	llr := d.r.fitLLR
	if llr == nil {
		return
	}
	sum, weight := d.fitSum, d.fitWeight
	for i, c := range d.chosen {
		if c < 0 {
			continue
		}
		o := &d.options[d.units[i].first+c]
		for j := uint8(0); j < o.n; j++ {
			if id := o.ids[j]; id != lexicon.Unknown && int(id) < len(llr) {
				sum = sum*fitDecay + llr[id]
				weight = weight*fitDecay + 1
			}
		}
	}
	d.fitSum, d.fitWeight = sum, weight
}

// wordEvidence returns, per word of the model, log10 P(word) under the
// domain variant less under the general one: one array read per word
// when the decoder weighs the evidence.
func wordEvidence(vs []*lexicon.Model) []float32 {
	a, b := vs[0], vs[1]
	llr := make([]float32, a.VocabSize())
	for id := range llr {
		llr[id] = a.Unigram(lexicon.WordID(id)) - b.Unigram(lexicon.WordID(id))
	}
	return llr
}
