package errmodel

import "testing"

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
		m, queries := channelFixture(t, name, Options{CacheSize: -1})
		sk := m.skel
		tokens := 0
		tight := 0 // words whose skeleton scores exactly as they do
		for _, s := range queries {
			obs := []rune(s)
			if tokens == 25 {
				break
			}
			if !syllableShaped(obs) {
				continue
			}
			tokens++
			skObs := []rune(skeletonString(s))
			rules, skRules := rulesByEnd(&m.ruleSet, obs), rulesByEnd(&sk.ruleSet, obs)
			sc := m.scratch.Get().(*wordScratch)
			sc.obs = append(sc.obs[:0], obs...)
			offs := make([]int, 0, len(obs)+1)
			for i := range s {
				offs = append(offs, i)
			}
			m.indexWords(sc, s, append(offs, len(s)))
			for _, generic := range []bool{false, true} {
				for w, word := range m.words {
					want := refScore(&m.ruleSet, m.opts.EditLogProb, word.runes, obs, rules, generic)
					bound := refScore(&sk.ruleSet, m.opts.EditLogProb, []rune(skeletonString(word.text)), skObs, skRules, generic)
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
		if tokens < 20 || tight == 0 {
			t.Errorf("%s: %d tokens, %d words scored as their skeleton", name, tokens, tight)
		}
	}
}
