package errmodel

import (
	"strings"
	"testing"
)

// TestSkeletonBoundsItsWords checks what makes the search over skeletons
// exact: for every token of the fixture and every word of the inventory,
// the skeleton's score (its rules at the best of the marked rules they
// stand for) is at least the word's, with and without the generic edits;
// and the score of a word (Model.score, which the search uses) is the
// reference programme's.
func TestSkeletonBoundsItsWords(t *testing.T) {
	if testing.Short() {
		t.Skip("scores every word of the inventory for each token")
	}
	for _, name := range []string{"legacy", "ocr"} {
		p, err := Embedded(name)
		if err != nil {
			t.Fatal(err)
		}
		m := New(p, Options{CacheSize: -1})
		sk := m.skel
		col := 6
		if name == "ocr" {
			col = 5
		}
		seen := map[string]bool{}
		tight := 0 // words whose skeleton scores exactly as they do
		for _, tok := range fixtureTokens(t, col, "") {
			s := strings.ToLower(tok)
			obs := []rune(s)
			if seen[s] || len(seen) >= 25 || len(obs) > maxTokenRunes || !syllableShaped(obs) {
				continue
			}
			seen[s] = true
			skObs := []rune(skeletonString(s))
			var rules, skRules [maxTokenRunes + 1][maxSeg + 1][]alphaLP
			for j := 1; j <= len(obs); j++ {
				for l := 1; l <= maxSeg && l <= j; l++ {
					rules[j][l] = m.byBeta[string(obs[j-l:j])]
					skRules[j][l] = sk.byBeta[string(obs[j-l:j])]
				}
			}
			sc := m.scratch.Get().(*scratch)
			sc.obs = append(sc.obs[:0], obs...)
			offs := make([]int, 0, len(obs)+1)
			for i := range s {
				offs = append(offs, i)
			}
			m.index(sc, s, append(offs, len(s)), nil, 0)
			for _, generic := range []bool{false, true} {
				for w, word := range m.words {
					want := refScore(&m.ruleSet, m.opts.EditLogProb, word.runes, obs, &rules, generic)
					bound := refScore(&sk.ruleSet, sk.opts.EditLogProb, []rune(skeletonString(word.text)), skObs, &skRules, generic)
					if bound < want {
						t.Fatalf("%s %q generic=%v: skeleton of %q scores %v, below the word's %v", name, s, generic, word.text, bound, want)
					}
					if bound == want {
						tight++
					}
					if got := m.score(sc, int32(w), generic); got != want {
						t.Fatalf("%s %q generic=%v: score(%q) = %v, want %v", name, s, generic, word.text, got, want)
					}
				}
			}
			m.scratch.Put(sc)
		}
		if len(seen) < 20 || tight == 0 {
			t.Errorf("%s: %d tokens, %d words scored as their skeleton", name, len(seen), tight)
		}
	}
}
