package errmodel

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/vnarchive/vnrestore/lexicon"
)

// Inventory returns the words a channel proposes by default: the
// well-formed Vietnamese syllables (lexicon.Inventory, derived from the
// spelling rules) that the embedded language model (lexicon.Default)
// knows, about 7,000 of 33,000, and the model's abbreviations with a đ
// ("ctđt", "qđ", "gdđt"), whose bar legacy engines lose like any other
// mark. A reading the model does not know would be dropped by the decoder
// anyway, and without them the candidate slots go to real words. If the
// model cannot be opened it is the whole syllable inventory. The slice is
// shared: do not modify it.
func Inventory() []string { return knownInventory() }

var knownInventory = sync.OnceValue(func() []string {
	all := lexicon.Inventory()
	lm, err := lexicon.Default()
	if err != nil {
		return all
	}
	return append(KnownTo(lm, all), Abbreviations(lm)...)
})

// Abbreviations returns the words of lm's vocabulary of 2 to 8 letters
// that are not syllables and have a đ: the abbreviations of administrative
// text ("ctđt", "tđg", "qđ").
func Abbreviations(lm *lexicon.Model) []string {
	var out []string
	for id := 1; id < lm.VocabSize(); id++ {
		w := lm.Word(lexicon.WordID(id))
		if n := utf8.RuneCountInString(w); n < 2 || n > 8 || !strings.ContainsRune(w, 'đ') {
			continue
		}
		if isWordLike(w) && lexicon.Key(w) == "" {
			out = append(out, w)
		}
	}
	return out
}

// KnownTo returns the syllables of inv that the language model lm knows.
func KnownTo(lm *lexicon.Model, inv []string) []string {
	out := make([]string, 0, len(inv)/4)
	for _, s := range inv {
		if lm.ID(s) != lexicon.Unknown {
			out = append(out, s)
		}
	}
	return out
}

// Key returns the form a syllable takes among the candidates: lower case,
// NFC, canonical tone placement (lexicon.Key); "" when word is not a
// Vietnamese syllable.
func Key(word string) string { return lexicon.Key(word) }

// defaultPrior returns the unigram log10 probability of the embedded
// language model, or nil if it cannot be opened.
func defaultPrior() func(string) float32 {
	lm, err := lexicon.Default()
	if err != nil {
		return nil
	}
	return UnigramPrior(lm)
}

// UnigramPrior returns the prior of Options.Prior from lm: log10 P(word),
// the model's unigram probability, and -9 for a word it does not know
// (whose unigram would be the mass of all unknown words together).
func UnigramPrior(lm *lexicon.Model) func(string) float32 {
	return func(w string) float32 {
		id := lm.ID(w)
		if id == lexicon.Unknown {
			return -9
		}
		return lm.Unigram(id)
	}
}
