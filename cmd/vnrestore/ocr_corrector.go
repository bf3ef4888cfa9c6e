package main

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/vnarchive/vnrestore/diacritics"
	"github.com/vnarchive/vnrestore/diacritics/errmodel"
	"github.com/vnarchive/vnrestore/lexicon"
	"github.com/vnarchive/vnrestore/ocr"
)

// newOCRCorrector returns the corrector `vnrestore ocr` applies to each
// line Tesseract read: the decoder in OCR mode, with the error model of
// Tesseract's Vietnamese output, over the language model at lexiconPath
// (empty: the embedded default).
func newOCRCorrector(lexiconPath string) (ocr.Corrector, error) {
	var model *lexicon.Model
	var err error
	if lexiconPath == "" {
		model, err = lexicon.Default()
	} else {
		model, err = lexicon.OpenFile(lexiconPath)
	}
	if err != nil {
		return nil, fmt.Errorf("--lexicon %s: %w", lexiconPath, err)
	}
	ch, err := errmodel.OCR()
	if err != nil {
		return nil, fmt.Errorf("OCR channel: %w", err)
	}
	r, err := diacritics.New(model, diacritics.WithMode(diacritics.OCR), diacritics.WithOCRChannel(ch))
	if err != nil {
		return nil, err
	}
	return restorerCorrector{r}, nil
}

// restorerCorrector adapts a Restorer to ocr.Corrector.
type restorerCorrector struct{ r *diacritics.Restorer }

// CorrectLine corrects the words of one line, trusting each word in
// proportion to Tesseract's confidence in it, and drops the specks
// Tesseract read as short words at either end of the line.
func (c restorerCorrector) CorrectLine(words []ocr.WordInput) ([]string, error) {
	lo, hi := 0, len(words)
	for lo < hi && isSpeck(words[lo]) {
		lo++
	}
	for hi > lo && isSpeck(words[hi-1]) {
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
	return out, nil
}

// speckConfidence is the Tesseract confidence below which a short word at
// the edge of a line is taken for dust or a stamp's speck. On the held-out
// medium pages, edge words of one or two characters have a median
// confidence of 48 against 97 for words inside the line.
const speckConfidence = 40

// isSpeck reports whether w looks like dust read as text: three characters
// at most, no digit (list numbers stay), and a low confidence.
func isSpeck(w ocr.WordInput) bool {
	if w.Confidence >= speckConfidence || utf8.RuneCountInString(w.Text) > 3 {
		return false
	}
	return !strings.ContainsAny(w.Text, "0123456789")
}
