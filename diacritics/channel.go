package diacritics

// A Channel models how the text in front of the decoder was produced from the
// Vietnamese syllables the author wrote: the "noisy channel" of a legacy OCR
// engine or of Tesseract. The decoder multiplies its scores with the language
// model's: P(observed token | syllables) · P(syllables | context).
//
// Implementations must be safe for concurrent use.
type Channel interface {
	// Candidates appends to dst the readings that the observed token may
	// stand for and returns the extended slice. A reading is one lower-case
	// Vietnamese syllable or, when the channel believes the engine glued two
	// syllables together, two syllables separated by one space. LogProb is
	// log10 P(token | reading). The token itself, when it is a valid
	// syllable, need not be among the readings: the decoder always keeps it.
	Candidates(token string, dst []Candidate) []Candidate
}

// A Candidate is one reading of an observed token, with the channel's score.
type Candidate struct {
	Text    string  // lower-case NFC syllable(s), space-separated
	LogProb float32 // log10 P(observed | Text)
}
