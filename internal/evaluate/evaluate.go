// Package evaluate scores restored or OCR'd text against a reference: the
// syllable accuracy of restoration, and the word and character error rates
// (WER, CER) of OCR, each also diacritic-blind.
package evaluate

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/vnarchive/vnrestore/lexicon"
)

// Scores are the counts behind every figure; add them up over files or
// lines with Add, then read the rates.
type Scores struct {
	Lines int // reference lines compared

	Syllables        int // Word tokens of the reference
	SyllablesCorrect int // of those, restored exactly (case included)

	Words, WordErrors           int // words of the reference, edit distance in words
	BlindWords, BlindWordErrors int // the same with diacritics stripped from both sides
	Chars, CharErrors           int
	BlindChars, BlindCharErrors int
}

// Add adds the counts of o to s.
func (s *Scores) Add(o Scores) {
	s.Lines += o.Lines
	s.Syllables += o.Syllables
	s.SyllablesCorrect += o.SyllablesCorrect
	s.Words += o.Words
	s.WordErrors += o.WordErrors
	s.BlindWords += o.BlindWords
	s.BlindWordErrors += o.BlindWordErrors
	s.Chars += o.Chars
	s.CharErrors += o.CharErrors
	s.BlindChars += o.BlindChars
	s.BlindCharErrors += o.BlindCharErrors
}

// SyllableAccuracy is the share of reference word tokens restored exactly.
func (s Scores) SyllableAccuracy() float64 { return ratio(s.SyllablesCorrect, s.Syllables) }

// WER is the word error rate: word edit distance over reference words.
func (s Scores) WER() float64 { return ratio(s.WordErrors, s.Words) }

// CER is the character error rate.
func (s Scores) CER() float64 { return ratio(s.CharErrors, s.Chars) }

// BlindWER is the word error rate with diacritics stripped from both sides.
func (s Scores) BlindWER() float64 { return ratio(s.BlindWordErrors, s.BlindWords) }

// BlindCER is the character error rate with diacritics stripped from both sides.
func (s Scores) BlindCER() float64 { return ratio(s.BlindCharErrors, s.BlindChars) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Line scores one hypothesis line against its reference line.
//
// Syllable accuracy compares the Word tokens of the two lines position by
// position when they have as many, and after a Levenshtein alignment
// otherwise. WER and CER follow the usual convention for OCR: punctuation
// and symbols are removed, words are separated by white space, case counts.
func Line(ref, hyp string) Scores {
	s := Scores{Lines: 1}
	rw, hw := words(ref), words(hyp)
	s.Syllables = len(rw)
	s.SyllablesCorrect = matches(rw, hw)

	rs, hs := strings.Fields(dropPunct(ref)), strings.Fields(dropPunct(hyp))
	s.Words, s.WordErrors = len(rs), distance(rs, hs)
	rb, hb := stripAll(rs), stripAll(hs)
	s.BlindWords, s.BlindWordErrors = len(rb), distance(rb, hb)

	rc, hc := []rune(strings.Join(rs, " ")), []rune(strings.Join(hs, " "))
	s.Chars, s.CharErrors = len(rc), distance(rc, hc)
	rcb, hcb := []rune(strings.Join(rb, " ")), []rune(strings.Join(hb, " "))
	s.BlindChars, s.BlindCharErrors = len(rcb), distance(rcb, hcb)
	return s
}

// Texts scores a whole hypothesis text against a whole reference text. When
// they have as many lines, lines are paired in order; otherwise the texts
// are aligned as one sequence, which is refused past maxWholeCells cells of
// the alignment table.
func Texts(ref, hyp string) (Scores, error) {
	rl, hl := splitLines(ref), splitLines(hyp)
	var total Scores
	if len(rl) == len(hl) {
		for i := range rl {
			total.Add(Line(rl[i], hl[i]))
		}
		return total, nil
	}
	rn, hn := len(strings.Fields(ref)), len(strings.Fields(hyp))
	if float64(rn)*float64(hn) > maxWholeCells {
		return total, fmt.Errorf("the reference has %d lines and the hypothesis %d: give line-aligned files (too long to align as a whole)", len(rl), len(hl))
	}
	total = Line(strings.Join(rl, " "), strings.Join(hl, " "))
	total.Lines = len(rl)
	return total, nil
}

const maxWholeCells = 4e8

func splitLines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// words returns the Word tokens of s.
func words(s string) []string {
	var out []string
	for _, t := range lexicon.Tokenize(s) {
		if t.Kind == lexicon.Word {
			out = append(out, t.Text)
		}
	}
	return out
}

// dropPunct replaces punctuation and symbols with spaces.
func dropPunct(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsPunct(r) || unicode.IsSymbol(r) {
			return ' '
		}
		return r
	}, s)
}

func stripAll(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = lexicon.StripMarks(w)
	}
	return out
}

// matches counts the positions where ref and hyp agree, after a Levenshtein
// alignment when their lengths differ.
func matches(ref, hyp []string) int {
	n := 0
	if len(ref) == len(hyp) {
		for i := range ref {
			if ref[i] == hyp[i] {
				n++
			}
		}
		return n
	}
	// Longest common subsequence: the matches of an alignment.
	prev := make([]int, len(hyp)+1)
	cur := make([]int, len(hyp)+1)
	for i := 1; i <= len(ref); i++ {
		for j := 1; j <= len(hyp); j++ {
			switch {
			case ref[i-1] == hyp[j-1]:
				cur[j] = prev[j-1] + 1
			case prev[j] > cur[j-1]:
				cur[j] = prev[j]
			default:
				cur[j] = cur[j-1]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(hyp)]
}

// distance is the Levenshtein distance between two sequences.
func distance[T comparable](a, b []T) int {
	if len(a) == 0 {
		return len(b)
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j-1]+cost, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
