package errmodel

import (
	"sync"

	"github.com/vnarchive/vnrestore/lexicon"
)

// Inventory returns the syllables a channel proposes by default: the
// well-formed Vietnamese syllables (lexicon.Inventory, derived from the
// spelling rules) that the embedded language model (lexicon.Default)
// knows, about 7,000 of 33,000. A reading the model does not know would be
// dropped by the decoder anyway, and without them the candidate slots go
// to real words. If the model cannot be opened it is the whole inventory.
// The slice is shared: do not modify it.
func Inventory() []string { return knownInventory() }

var knownInventory = sync.OnceValue(func() []string {
	all := lexicon.Inventory()
	lm, err := lexicon.Default()
	if err != nil {
		return all
	}
	return KnownTo(lm, all)
})

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
