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

// A Joiner is a Channel that can also read two adjacent observed tokens as
// one syllable the engine cut in two ("tr uong" = "trường").
type Joiner interface {
	Channel
	// CandidatesJoined appends the readings of the tokens a and b, written
	// with a space between them, taken as one word.
	CandidatesJoined(a, b string, dst []Candidate) []Candidate
}

// A ConfidenceChannel is a Channel that takes the OCR engine's confidence
// in a token into account: a confident word keeps its reading, a doubtful
// one yields to its neighbours.
type ConfidenceChannel interface {
	Channel
	// CandidatesConf is Candidates for a token read with confidence conf,
	// from 0 to 1.
	CandidatesConf(token string, conf float32, dst []Candidate) []Candidate
}
