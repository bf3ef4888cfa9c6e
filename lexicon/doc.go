// Package lexicon knows how Vietnamese is written and how it is used.
//
// The orthography part takes syllables apart and puts them back together
// (ParseSyllable, Syllable.Compose), checks that a word is one well-formed
// syllable (IsSyllable), reduces it to its ASCII skeleton (Skeleton) and
// lists every syllable a skeleton may stand for (Candidates). Tokenize cuts
// text into words, numbers, document codes, dates, addresses, punctuation
// and white space without losing a byte.
//
// The language-model part builds, stores and queries the n-gram model of
// Party and State document language on which restoration rests.
package lexicon
