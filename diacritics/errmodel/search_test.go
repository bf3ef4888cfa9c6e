package errmodel

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vnarchive/vnrestore/diacritics"
)

// TestSearchEqualsExhaustive checks the bounds of the trie walk: with a
// budget it never runs out of, the search must return exactly what
// scoring every word of the inventory on its own gives (refCandidates),
// for the tokens of the fixture, with both embedded channels. A bound that
// is not one (a word scoring better than its node's bound said) loses
// words here.
func TestSearchEqualsExhaustive(t *testing.T) {
	if testing.Short() {
		t.Skip("scores every word of the inventory for each token")
	}
	for _, name := range []string{"legacy", "ocr"} {
		m, queries := channelFixture(t, name, Options{MaxExpansions: 1 << 30, CacheSize: -1})
		n := 0
		for _, s := range queries[:min(80, len(queries))] {
			for _, lim := range []limits{
				{minLogProb: m.opts.MinLogProb, budget: m.opts.MaxExpansions, generic: true},
				{minLogProb: -4, budget: m.opts.MaxExpansions, generic: true},
				{minLogProb: -4, budget: m.opts.MaxExpansions, k: 4}, // as the halves of a glued token
			} {
				want, ok := refCandidates(m, s, lim)
				if !ok {
					continue // a tie at the end of the list: either word may be kept
				}
				got := m.searchLimited(s, lim)
				if g, w := fmt.Sprint(got), fmt.Sprint(want); g != w {
					t.Errorf("%s %q (%+v):\n got %s\nwant %s", name, s, lim, g, w)
				}
				n++
			}
		}
		if n < 180 {
			t.Errorf("%s: only %d queries compared", name, n)
		}
	}
}

// refCandidates is what search returns for the lower-case token s when it
// does not run out of budget, computed word by word: each word's best
// partition score (refScore), the rules-only reading, and the generic one
// when the rules read the token poorly and lim allows it; the best word
// sets the beam, and of the words within it the k most likely by score plus
// prior are kept. ok is false when the k-th and the next word tie.
func refCandidates(m *Model, s string, lim limits) (c []diacritics.Candidate, ok bool) {
	minLP := lim.minLogProb
	obs := []rune(s)
	n := len(obs)
	if n == 0 || n > maxTokenRunes || !syllableShaped(obs) {
		return nil, true
	}
	lowest := max(m.opts.Floor*float32(n+1), minLP)
	type scored struct {
		w  int
		lp float32
	}
	rules := rulesByEnd(&m.ruleSet, obs)
	read := func(generic bool) (ws []scored, best float32) {
		best = minLogProb
		for i, w := range m.words {
			if lp := refScore(&m.ruleSet, m.opts.EditLogProb, w.runes, obs, rules, generic); lp >= lowest {
				ws = append(ws, scored{i, lp})
				best = max(best, lp)
			}
		}
		return ws, best
	}
	ws, best := read(false)
	generic := false
	if (len(ws) == 0 || best < -2) && lowest <= m.opts.EditLogProb && lim.generic {
		ws, best = read(true)
		generic = true
	}
	if len(ws) == 0 {
		return nil, true
	}
	beam, k := m.opts.WideBeam, m.opts.WideMaxCandidates
	if best >= -1 && !generic {
		beam, k = m.opts.Beam, m.opts.MaxCandidates
	}
	if lim.k > 0 {
		k = min(k, lim.k)
	}
	ws = slices.DeleteFunc(ws, func(x scored) bool { return x.lp < best-beam })
	key := func(x scored) float32 { return x.lp + m.prior[x.w] }
	bestKey := key(slices.MaxFunc(ws, func(x, y scored) int { return cmp.Compare(key(x), key(y)) }))
	ws = slices.DeleteFunc(ws, func(x scored) bool { return key(x) < bestKey-m.opts.PriorBeam })
	slices.SortFunc(ws, func(x, y scored) int { return cmp.Compare(key(y), key(x)) })
	if len(ws) > k {
		if key(ws[k-1]) == key(ws[k]) {
			return nil, false
		}
		ws = ws[:k]
	}
	for _, x := range ws {
		c = append(c, diacritics.Candidate{Text: m.words[x.w].text, LogProb: x.lp})
	}
	sortCandidates(c)
	return c, true
}

// refScore is log10 P(obs | word) by the Brill–Moore dynamic programme
// over the word's runes, as the trie walk's columns compute it: d[i][j]
// is the best score of reading word[:i] as obs[:j].
// rules[j][l] lists the rules of m whose observed side is obs[j-l:j]; edit is
// the log prob of an edit no rule covers.
func refScore(m *ruleSet, edit float32, word, obs []rune, rules *[maxTokenRunes + 1][maxSeg + 1][]alphaLP, generic bool) float32 {
	n := len(obs)
	d := make([][]float32, len(word)+1)
	for i := range d {
		d[i] = make([]float32, n+1)
		for j := range d[i] {
			d[i][j] = minLogProb
		}
	}
	d[0][0] = 0
	for j := 1; j <= n; j++ {
		d[0][j] = d[0][j-1] + edit // runes read before the word
	}
	for i := 1; i <= len(word); i++ {
		C := d[i]
		for j := 0; j <= n; j++ {
			if generic {
				C[j] = max(C[j], d[i-1][j]+edit)
				if j > 0 {
					C[j] = max(C[j], d[i-1][j-1]+edit)
				}
			}
			if j > 0 && obs[j-1] == word[i-1] {
				C[j] = max(C[j], d[i-1][j-1]-0.05)
			}
			for k := 1; k <= maxSeg && k <= i; k++ {
				id, ok := m.alphaID[string(word[i-k:i])]
				if !ok {
					continue
				}
				if dl := m.delLP[id]; dl > minLogProb {
					C[j] = max(C[j], d[i-k][j]+dl)
				}
				for l := 1; l <= maxSeg && l <= j; l++ {
					for _, a := range rules[j][l] {
						if a.id == id {
							C[j] = max(C[j], d[i-k][j-l]+a.lp)
						}
					}
				}
			}
		}
		if generic {
			for j := 1; j <= n; j++ {
				C[j] = max(C[j], C[j-1]+edit)
			}
		}
	}
	return d[len(word)][n]
}

// channelFixture returns the embedded channel name compiled with opts, and
// the distinct tokens of the fixture's column of the engine it models, in
// lower case, cut to maxTokenRunes, in order of first appearance.
func channelFixture(t *testing.T, name string, opts Options) (*Model, []string) {
	p, err := Embedded(name)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var queries []string
	for _, tok := range fixtureTokens(t, ocrColumn(name), "") {
		s := strings.ToLower(tok)
		s = string([]rune(s)[:min(utf8.RuneCountInString(s), maxTokenRunes)])
		if !seen[s] {
			seen[s] = true
			queries = append(queries, s)
		}
	}
	return New(p, opts), queries
}

// rulesByEnd returns, for each segment obs[j-l:j] of a token, the rules of
// rs whose observed side it is.
func rulesByEnd(rs *ruleSet, obs []rune) *[maxTokenRunes + 1][maxSeg + 1][]alphaLP {
	var rules [maxTokenRunes + 1][maxSeg + 1][]alphaLP
	for j := 1; j <= len(obs); j++ {
		for l := 1; l <= maxSeg && l <= j; l++ {
			rules[j][l] = rs.byBeta[string(obs[j-l:j])]
		}
	}
	return &rules
}

// ocrColumn is the column of the synthetic TSVs holding the text of the
// engine that the embedded channel name models.
func ocrColumn(name string) int {
	if name == "ocr" {
		return SynthOCR.OCR
	}
	return SynthLegacy.OCR
}
