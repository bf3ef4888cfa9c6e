package diacritics

import (
	"math"

	"github.com/vnarchive/vnrestore/lexicon"
)

// The variants WithVariant can name: those of a model built by lexicon
// (see lexicon.Model.Variants), and AutoVariant, which lets the decoder
// choose by the text.
const (
	AutoVariant    = -1
	DomainVariant  = 0 // administrative and legal text
	GeneralVariant = 1 // general text (Wikipedia)
)

// WithVariant sets which variant of the model scores the text:
// DomainVariant, GeneralVariant or AutoVariant (the default), which
// follows the text.
//
// With AutoVariant each plain line (see Mode) of a String, Restore,
// RestoreLines or Copy call is scored with the domain variant while the
// words restored so far in that call read as administrative or legal text,
// and with the general variant otherwise. The evidence is the mean, over
// those words with weights halving about every 70 words back, of log10
// P(word) under the domain variant less under the general one; the text
// reads as domain text while the mean stays at or above the midpoint of the
// model's means on its domain and its general tuning text
// (lexicon.Info.VariantMeans). The mean starts from 50 words' worth of the
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
// 99.46%, the general one 99.13%).
func WithVariant(i int) Option { return func(o *options) { o.variant = i } }

// fitDecay is how much of the evidence about the kind of text survives each
// word: 0.99 forgets half of it in about 70 words.
const fitDecay = 0.99

// fitPriorWords is how many words' worth of evidence the mean starts from
// (see WithVariant).
const fitPriorWords = 50

// A decayedMean is a mean over the words of a text read so far, each word's
// weight halving about every 70 words back (fitDecay).
type decayedMean struct{ sum, weight float32 }

// add adds total, the sum of the values of n more words.
func (m *decayedMean) add(total float32, n int) {
	k := float32(fitDecay)
	if n != 1 {
		k = float32(math.Pow(fitDecay, float64(n)))
	}
	m.sum = m.sum*k + total
	m.weight = m.weight*k + float32(n)
}

// startDocument resets what the decoder knows of the text at the start of a
// String, Restore, RestoreLines or Copy call: it starts a sentence, reads as
// domain text (see WithVariant) and has shown no garbled word (see
// classify).
func (d *decoder) startDocument() {
	d.sentenceStart = true
	d.fit = decayedMean{fitPriorWords * d.r.fitPrior, fitPriorWords}
	d.garbled = decayedMean{}
}

// pickVariant returns the variant that scores the next line.
func (d *decoder) pickVariant() *lexicon.Model {
	r := d.r
	if v := r.opts.variant; v != AutoVariant {
		return r.model.Variant(v)
	}
	if r.fitLLR == nil || d.lineMode != Plain || d.fit.sum >= r.fitSplit*d.fit.weight {
		return r.model
	}
	return r.model.Variant(GeneralVariant)
}

// updateFit adds the evidence of the line just decoded: for each word of
// the chosen path, log10 P(word) under the domain variant less under the
// general one.
func (d *decoder) updateFit() {
	llr := d.r.fitLLR
	if llr == nil {
		return
	}
	for i, c := range d.chosen {
		if c < 0 {
			continue
		}
		o := &d.options[d.units[i].first+c]
		for _, id := range o.ids[:o.n] {
			if id != lexicon.Unknown {
				d.fit.add(llr[id], 1)
			}
		}
	}
}

// setVariantChoice prepares the choice of AutoVariant: the evidence of
// each word, log10 P(word) under the domain variant less under the general
// one, and the mean evidence a text starts from and must keep to read as
// domain text. A model without a general variant, or that does not record
// the means, leaves the choice to the domain variant.
func (r *Restorer) setVariantChoice() {
	if r.opts.variant != AutoVariant {
		return
	}
	dom, gen := r.model.Variant(DomainVariant), r.model.Variant(GeneralVariant)
	info := r.model.Info()
	split, ok := info.DomainSplit()
	if gen == nil || !ok {
		return
	}
	r.fitPrior, r.fitSplit = float32(info.VariantMeans[0]), float32(split)
	r.fitLLR = make([]float32, dom.VocabSize())
	for id := range r.fitLLR {
		r.fitLLR[id] = dom.Unigram(lexicon.WordID(id)) - gen.Unigram(lexicon.WordID(id))
	}
}
