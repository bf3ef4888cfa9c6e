package ocr

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/vnarchive/vnrestore/diacritics"
	"github.com/vnarchive/vnrestore/diacritics/errmodel"
	"github.com/vnarchive/vnrestore/lexicon"
)

// NewLexiconCorrector returns the Corrector that `vnrestore ocr` applies to
// every line Tesseract read, over the language model model (nil: the
// embedded default, lexicon.Default). It drops the specks Tesseract read as
// short words at either end of a line; corrects the line with the
// diacritics decoder in OCR mode, whose error model of Tesseract's
// Vietnamese output trusts each word in proportion to Tesseract's
// confidence in it ("khân trương" → "khẩn trương"); then rereads the words
// read with little confidence that the decoder's readings did not cover,
// among the frequent syllables, by likeness of letters and fit with the
// neighbours ("nạitút" → "nước"). It is safe for concurrent use: create one
// and pass it to every Engine.
func NewLexiconCorrector(model *lexicon.Model) (Corrector, error) {
	if model == nil {
		var err error
		if model, err = lexicon.Default(); err != nil {
			return nil, err
		}
	}
	ch, err := errmodel.OCR()
	if err != nil {
		return nil, fmt.Errorf("OCR error model: %w", err)
	}
	r, err := diacritics.New(model, diacritics.WithMode(diacritics.OCR), diacritics.WithOCRChannel(ch))
	if err != nil {
		return nil, err
	}
	return lexiconCorrector{r, newFiller(model)}, nil
}

// lexiconCorrector is the Corrector of NewLexiconCorrector.
type lexiconCorrector struct {
	r    *diacritics.Restorer
	fill *filler
}

// CorrectLine corrects the words of one line, trusting each word in
// proportion to Tesseract's confidence in it, drops the specks Tesseract
// read as short words at either end of the line, and rereads the words it
// read with little confidence in the light of their neighbours.
func (c lexiconCorrector) CorrectLine(words []WordInput) ([]string, error) {
	sure := medianConfidence(words) >= clearLineConfidence
	lo, hi := 0, len(words)
	for lo < hi && isSpeck(words[lo], sure) {
		lo++
	}
	for hi > lo && isSpeck(words[hi-1], sure) {
		hi--
	}
	out := make([]string, len(words)) // dropped words stay ""
	if lo == hi {
		return out, nil
	}
	text := make([]string, hi-lo)
	conf := make([]float32, hi-lo)
	for i, w := range words[lo:hi] {
		text[i] = w.Text
		conf[i] = float32(w.Confidence / 100)
	}
	copy(out[lo:], c.r.CorrectWords(text, conf))
	c.fill.fill(out[lo:hi], words[lo:hi])
	return out, nil
}

// speckConfidence is the Tesseract confidence below which a short word at
// the edge of a line is taken for dust or a stamp's speck. On the held-out
// medium pages, edge words of one or two characters have a median
// confidence of 48 against 97 for words inside the line.
const speckConfidence = 40

// clearLineConfidence is the median word confidence of a line Tesseract
// read well. In such a line a doubtful short word at the edge is dust even
// when it spells a syllable ("na", "có" from specks on the medium pages);
// in a faded line it is more likely a real word read badly ("tu" for "từ").
const clearLineConfidence = 90

// isSpeck reports whether w looks like dust read as text: three characters
// at most, no digit (list numbers stay), a low confidence, and no
// Vietnamese syllable unless the line around it was read clearly.
func isSpeck(w WordInput, clearLine bool) bool {
	if w.Confidence >= speckConfidence || utf8.RuneCountInString(w.Text) > 3 || hasDigit(w.Text) {
		return false
	}
	return clearLine || !lexicon.IsSyllable(strings.Trim(w.Text, ".,;:!?()\"'"))
}

// medianConfidence returns the median confidence of the words.
func medianConfidence(words []WordInput) float64 {
	c := make([]float64, len(words))
	for i, w := range words {
		c[i] = w.Confidence
	}
	return median(c)
}
