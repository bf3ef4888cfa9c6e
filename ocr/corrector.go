package ocr

// A Corrector repairs the words Tesseract read on one line.
//
// CorrectLine receives the words of a line in reading order and returns
// exactly one output string per input word, in the same order; returning
// the input text unchanged keeps a word. The Engine calls CorrectLine from
// many goroutines at once, so an implementation must be safe for
// concurrent use.
type Corrector interface {
	CorrectLine(words []WordInput) ([]string, error)
}

// WordInput is one word as Tesseract read it.
type WordInput struct {
	Text       string  // the raw OCR text of the word, NFC
	Confidence float64 // Tesseract's word confidence, 0 (none) to 100 (certain)
}

// Identity is the Corrector that keeps every word as Tesseract read it.
type Identity struct{}

// CorrectLine returns the raw text of every word.
func (Identity) CorrectLine(words []WordInput) ([]string, error) {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = w.Text
	}
	return out, nil
}
