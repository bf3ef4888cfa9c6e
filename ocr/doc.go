// Package ocr reads scanned Vietnamese documents with Tesseract and returns
// their text with its layout: pages, blocks in reading order, lines and
// words, each word with its box, Tesseract's confidence, the raw OCR text
// and the text after an optional correction step.
//
// An [Engine] is created once and used from many goroutines; it keeps a
// pool of Tesseract clients, one per worker, because a Tesseract client is
// not safe for concurrent use.
//
// Inputs are recognised by their content, not their name: PNG, JPEG, TIFF
// (every page of a multi-page file) and PDF. A PDF page that is one scanned
// image is extracted at its own resolution; any other page is rasterised
// at 300 dpi.
//
// # What it needs on the machine
//
//   - Tesseract 4 or later with the Vietnamese traineddata (Debian/Ubuntu:
//     tesseract-ocr and tesseract-ocr-vie); building needs the headers from
//     libtesseract-dev and libleptonica-dev, as the package links
//     libtesseract through cgo (github.com/otiai10/gosseract/v2).
//   - For PDF input only: poppler's pdfinfo, pdfimages and pdftoppm
//     (Debian/Ubuntu: poppler-utils), looked up on PATH.
//
// Run programs that use the package with OMP_THREAD_LIMIT=1 in their
// environment: libtesseract's OpenMP threads otherwise spin against the
// Engine's own parallel pages (vnrestore ocr sets it itself).
//
// # Correction
//
// The raw words of each line go through a [Corrector], which sees each word
// with Tesseract's confidence and returns one output word per input word.
// [Identity] leaves the text as Tesseract read it; [NewLexiconCorrector]
// returns the correction `vnrestore ocr` applies (the diacritics decoder
// with the error model of Tesseract's Vietnamese output, and a rereading of
// doubtful words). Create it once and give it to the Engine, as in the
// example of NewLexiconCorrector:
//
//	c, err := ocr.NewLexiconCorrector(nil) // nil: the embedded language model
//	if err != nil {
//		// ...
//	}
//	eng, err := ocr.NewEngine(ocr.Options{Corrector: c})
package ocr
