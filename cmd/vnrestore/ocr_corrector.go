package main

import "github.com/vnarchive/vnrestore/ocr"

// newOCRCorrector returns the corrector `vnrestore ocr` applies to each
// line Tesseract read, built from the language model at lexiconPath (empty:
// the embedded default).
//
// Until the decoder with its OCR channel is wired in here, it keeps the
// OCR text as it is.
func newOCRCorrector(lexiconPath string) (ocr.Corrector, error) {
	_ = lexiconPath
	return ocr.Identity{}, nil
}
