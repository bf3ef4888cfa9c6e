package errmodel

import "github.com/vnarchive/vnrestore/lexicon"

// Inventory returns every syllable a channel may propose: the full
// inventory of well-formed Vietnamese syllables that lexicon derives from
// the spelling rules, in canonical (lexicon.Key) form. The slice is shared.
func Inventory() []string { return lexicon.Inventory() }

// Key returns the form a syllable takes among the candidates: lower case,
// NFC, canonical tone placement (lexicon.Key); "" when word is not a
// Vietnamese syllable.
func Key(word string) string { return lexicon.Key(word) }
