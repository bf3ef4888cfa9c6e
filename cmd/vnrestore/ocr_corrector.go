package main

import (
	"fmt"

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
// proportion to Tesseract's confidence in it.
func (c restorerCorrector) CorrectLine(words []ocr.WordInput) ([]string, error) {
	text := make([]string, len(words))
	conf := make([]float32, len(words))
	for i, w := range words {
		text[i] = w.Text
		conf[i] = float32(w.Confidence / 100)
	}
	return c.r.CorrectWords(text, conf), nil
}
