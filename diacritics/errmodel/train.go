package errmodel

import (
	"math"
	"sort"
	"strings"
	"unicode"
)

// maxSeg is the longest gold or observed segment, in runes, that one
// substitution rule rewrites (Brill and Moore's window).
const maxSeg = 3

// A Trainer estimates an error model from (gold line, OCR line) pairs.
//
// Each pair of lines is aligned word by word (AlignTokens); every aligned
// pair whose gold side is one or two Vietnamese words is aligned character
// by character, and every window of up to four consecutive edits whose gold
// side has one to three runes and whose observed side has at most three is
// counted as a substitution rule α → β, identity windows included, as in
// Brill and Moore (2000). P(β | α) is the count of α → β over the count of
// windows whose gold side is α. Both sides are lower-cased; the case the
// engine printed is counted separately (see Case).
//
// The zero value is not usable; call NewTrainer.
type Trainer struct {
	rules map[[2]string]float64 // weighted counts
	seen  map[[2]string]int     // plain counts, for pruning
	words []wordPair            // the aligned word pairs, for Refine
	stats TokenStats
	cases [numPatterns][numCases]float64
}

// TokenStats counts how the trainer's word alignment paired gold words with
// observed tokens.
type TokenStats struct {
	Lines      int // line pairs added
	Pairs      int // aligned 1:1 word pairs used for training
	Merges     int // two gold words read as one observed token
	Splits     int // one gold word read as two observed tokens
	Boundaries int // gold word boundaries inside trained pairs, kept or merged
	Skipped    int // gold words with no observed token, or vice versa
	Exact      int // 1:1 pairs whose token equals the gold word, ignoring case
}

// NewTrainer returns an empty Trainer.
func NewTrainer() *Trainer {
	return &Trainer{rules: make(map[[2]string]float64), seen: make(map[[2]string]int)}
}

// AddLine adds one gold line and the OCR engine's reading of it.
func (t *Trainer) AddLine(gold, obs string) { t.AddLineWeighted(gold, obs, 1) }

// AddLineWeighted is AddLine with the line's rule counts multiplied by w:
// a heavier line shapes the probabilities more, but a rule seen on it
// once is still seen once when Params prunes rare rules.
func (t *Trainer) AddLineWeighted(gold, obs string, w float64) {
	t.stats.Lines++
	pairs := AlignTokens(gold, obs)
	prevWord := false
	for _, p := range pairs {
		if len(p.Gold) == 0 || len(p.Obs) == 0 {
			t.stats.Skipped++
			prevWord = false
			continue
		}
		g := strings.ToLower(strings.Join(p.Gold, " "))
		if !isWordLike(strings.ReplaceAll(g, " ", "")) {
			prevWord = false
			continue
		}
		o := strings.ToLower(strings.Join(p.Obs, " "))
		switch {
		case len(p.Gold) == 2:
			t.stats.Merges++
			t.stats.Boundaries++
		case len(p.Obs) == 2:
			t.stats.Splits++
		default:
			t.stats.Pairs++
			if g == o {
				t.stats.Exact++
			}
			t.cases[patternOf(p.Obs[0])][classOf(p.Gold[0])]++
		}
		if prevWord {
			// the space between this word and the previous one was kept
			t.stats.Boundaries++
			t.add([2]string{" ", " "}, w)
		}
		prevWord = true
		t.words = append(t.words, wordPair{g, o, w})
		t.addWindows(alignChars(g, o), w)
	}
}

// A wordPair is a gold word (or two) and the engine's reading, lower case.
type wordPair struct {
	gold, obs string
	w         float64
}

// Refine aligns every word pair again, now pricing each edit by the
// single-rune rules learned so far (-log10 P(o | g)) instead of by the
// first guess (marks cheap, everything else dear), and counts the rules
// afresh: one step of hard EM. Spaces kept between words keep their
// counts.
func (t *Trainer) Refine() {
	total := make(map[rune]float64)
	single := make(map[[2]rune]float64)
	var ins, all float64
	for k, c := range t.rules {
		a, b := []rune(k[0]), []rune(k[1])
		all += c
		if len(b) > len(a) {
			ins += c
		}
		if len(a) != 1 || len(b) > 1 {
			continue
		}
		total[a[0]] += c
		var o rune
		if len(b) == 1 {
			o = b[0]
		}
		single[[2]rune{a[0], o}] += c
	}
	insCost := float32(2.5)
	if ins > 0 && all > 0 {
		insCost = min(float32(-math.Log10(ins/all)), 4)
	}
	cost := func(g, o rune) float32 {
		if g == 0 {
			return insCost
		}
		if total[g] == 0 {
			return heuristicCost(g, o) * 2
		}
		p := single[[2]rune{g, o}] / total[g]
		if p <= 0 {
			return 4
		}
		return min(float32(-math.Log10(p)), 4)
	}
	space := [2]string{" ", " "}
	keptSpace, seenSpace := t.rules[space], t.seen[space]
	clear(t.rules)
	clear(t.seen)
	t.rules[space], t.seen[space] = keptSpace, seenSpace
	for _, p := range t.words {
		t.addWindows(alignCharsBy(p.gold, p.obs, cost), p.w)
	}
}

// addWindows counts every rule window of the character alignment es.
func (t *Trainer) addWindows(es []edit, w float64) {
	var a, b []rune
	for s := range es {
		a, b = a[:0], b[:0]
		for e := s; e < len(es) && e < s+maxSeg+1; e++ {
			if es[e].g != 0 {
				a = append(a, es[e].g)
			}
			if es[e].o != 0 {
				b = append(b, es[e].o)
			}
			if len(a) > maxSeg || len(b) > maxSeg {
				break
			}
			if len(a) == 0 {
				continue
			}
			as := string(a)
			if strings.ContainsRune(as, ' ') && as != " " {
				continue // only the bare space is a rule: its rate is the merge rate
			}
			t.add([2]string{as, string(b)}, w)
		}
	}
}

// add counts rule r with weight w.
func (t *Trainer) add(r [2]string, w float64) {
	t.rules[r] += w
	t.seen[r]++
}

// Stats returns the word alignment counts so far.
func (t *Trainer) Stats() TokenStats { return t.stats }

// Params returns the estimated model parameters. Rules seen fewer than
// minCount times are dropped, except single-rune rewrites, which are kept
// whenever seen.
func (t *Trainer) Params(name string, minCount float64) *Params {
	p := &Params{Name: name, Stats: t.stats, Cases: t.cases, AlphaTotal: make(map[string]float64)}
	for k, c := range t.rules {
		p.AlphaTotal[k[0]] += c
	}
	for k, c := range t.rules {
		single := len([]rune(k[0])) == 1 && len([]rune(k[1])) <= 1
		if float64(t.seen[k]) >= minCount || single {
			p.Rules = append(p.Rules, Rule{Alpha: k[0], Beta: k[1], Count: c})
		}
	}
	sort.Slice(p.Rules, func(i, j int) bool {
		a, b := p.Rules[i], p.Rules[j]
		if a.Alpha != b.Alpha {
			return a.Alpha < b.Alpha
		}
		return a.Beta < b.Beta
	})
	// drop totals of gold segments that no kept rule rewrites
	kept := make(map[string]bool, len(p.Rules))
	for _, r := range p.Rules {
		kept[r.Alpha] = true
	}
	for a := range p.AlphaTotal {
		if !kept[a] {
			delete(p.AlphaTotal, a)
		}
	}
	return p
}

// Params are the counts an error model is made of: what a model file holds.
type Params struct {
	Name       string                         // what the model was trained for, e.g. "legacy"
	Rules      []Rule                         // substitution rules, sorted by Alpha then Beta
	AlphaTotal map[string]float64             // count of windows with gold side α
	Stats      TokenStats                     // word alignment counts of the training data
	Cases      [numPatterns][numCases]float64 // observed case pattern × gold case class
}

// A Rule is one learned rewrite: the gold segment Alpha was read as Beta
// Count times.
type Rule struct {
	Alpha, Beta string
	Count       float64
}

// A Case is the capitalisation of a word.
type Case uint8

// The case classes a word can have.
const (
	Lower    Case = iota // "đảng"
	Title                // "Đảng"
	Upper                // "ĐẢNG"
	Mixed                // anything else, e.g. "iPhone"
	numCases = 4         // number of case classes
)

// numPatterns is the number of observed case patterns: first letter upper or
// not × the rest none, some, all upper or empty.
const numPatterns = 8

// patternOf classifies how an observed token is capitalised.
func patternOf(tok string) int {
	first, upper, letters := -1, 0, 0
	for _, r := range tok {
		if !unicode.IsLetter(r) {
			continue
		}
		if first < 0 {
			first = 0
			if unicode.IsUpper(r) {
				first = 1
			}
			continue
		}
		letters++
		if unicode.IsUpper(r) {
			upper++
		}
	}
	if first < 0 {
		first = 0
	}
	rest := 0 // none upper
	switch {
	case letters == 0:
		rest = 3
	case upper == letters:
		rest = 2
	case upper > 0:
		rest = 1
	}
	return first*4 + rest
}

// classOf returns the case class of a gold word.
func classOf(w string) Case {
	switch p := patternOf(w); p {
	case 0, 3:
		return Lower
	case 4:
		return Title
	case 6, 7:
		return Upper
	}
	return Mixed
}
