// Package diacritics restores and corrects Vietnamese text: it puts back the
// diacritics of text typed without them, repairs legacy OCR output whose
// marks became junk letters, and corrects the tone and mark slips of modern
// OCR, all with one decoder over the n-gram model of package lexicon.
//
// A Restorer is made once with New and shared: it is safe for concurrent
// use. Its mode says what damage to expect (Plain, Legacy, OCR, or Auto to
// decide per line). Every line is cut into tokens (lexicon.Tokenize); only
// words change, and in Plain mode only words written without any mark, and
// only their marks. Numbers, document codes, dates, addresses, punctuation,
// white space and line ends come out byte for byte; so does invalid UTF-8.
//
// For each word the decoder considers its readings: in Plain mode every
// syllable of the model's vocabulary with the word's ASCII skeleton (and
// acronyms written with Đ); in Legacy and OCR modes the readings a Channel
// (a learned error model, see package errmodel) proposes, each with
// log P(observed | reading). A beam search over the model's states then
// picks the path that maximises P(observed | readings) · P(readings), the
// noisy-channel objective, with the model's full n-gram context.
package diacritics
