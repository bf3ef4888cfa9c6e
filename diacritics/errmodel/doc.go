// Package errmodel learns how an OCR engine corrupts Vietnamese and serves
// that knowledge to the decoder of package diacritics as a noisy channel:
// for an observed token, the syllables it may stand for, each with
// log10 P(token | syllable).
//
// # Learning
//
// A Trainer reads pairs of gold and OCR lines (AddLine, AddTSV), aligns
// them word by word (AlignTokens: 1:1, two words read as one token, one
// word read as two, skips) and each word pair character by character, and
// counts every window of up to four edits whose gold side has one to three
// runes and whose observed side has at most three as a rewrite rule α → β
// (Brill and Moore 2000): "đ" → "d", "ố" → "6", "ủ" → "ti", "ư" → "w",
// "m" → "rn", with identity windows ("ng" → "ng") counted too, so that
// P(β | α) is a proper share. Both sides are lower-cased; how the engine
// printed capitals is a separate, tiny model (Case). The rate at which the
// engine dropped the space between two words, or cut a word in two, comes
// from the word alignment. The same trainer gives the channel of legacy
// engines without Vietnamese (the English-model column of the synthetic
// scans) and that of Tesseract's Vietnamese model (tone and mark slips).
//
// The parameters are counts, kept in a small gzip-compressed text file
// (Params.WriteTo, ReadParams); model/legacy.chan and model/ocr.chan are
// embedded and retrained by `vnrestore lexicon channel` (make channels).
//
// # Candidates
//
// A Model compiles the counts over a syllable inventory (by default the
// well-formed syllables the embedded language model knows, plus its
// abbreviations with a đ). P(token | word) is the best partition of the
// word into segments, each rewritten by a rule; vowel slips the data never
// showed (ẩ read as â) get the engine's pooled slip rate. Candidates are
// found by a best-first search with that dynamic programme over a trie of
// the inventory's skeletons (the words without marks, each rule scored at
// the best of the marked rules it stands for, so that a skeleton's score
// bounds its words', which are scored exactly only when it is reached),
// bounded by a beam below the best word, by the k-th
// best word (ranked by channel score plus the word's unigram prior, so that
// among the near ties of dropped tones the frequent words stay), and by a
// budget of expanded nodes. A node's bound adds the least that reading the
// rest of the token costs words of the lengths found below it; the search
// first finds the best word, which sets the beam, then fills the list in
// order of bound plus prior. Given the budget it needs, it returns what
// scoring every word of the inventory on its own would. A token that no
// word reads well gets a wider beam and list, and may also read as two
// syllables glued together.
// Results are cached per token in a bounded, sharded cache; a Model is safe
// for concurrent use.
package errmodel
