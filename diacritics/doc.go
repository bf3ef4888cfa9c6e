// Package diacritics restores and corrects Vietnamese text: it puts back the
// diacritics of text typed without them, repairs legacy OCR output whose
// marks became junk letters, and corrects the tone and mark slips of modern
// OCR, all with one decoder over the n-gram model of package lexicon.
package diacritics
