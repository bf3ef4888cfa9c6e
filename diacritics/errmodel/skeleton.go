package errmodel

import (
	"cmp"
	"math"
	"slices"
	"sync"
)

// The search walks a trie of skeletons, the words of the inventory without
// their marks ("cua" for của, cua, cùa, cứa, cửa...), under a channel whose
// every rule and deletion scores the best of the rules it stands for (the
// skeleton rule u → u scores as the best of ủ → u, u → u, ư → u...). A
// skeleton's score is then at least that of each word of its family, so
// bounds on skeletons bound the words, and the exact score of a word is
// computed only when its skeleton is reached (see addFamily). The skeleton
// trie has a quarter of the nodes of the word trie and a node far fewer
// children: the marked variants of a vowel, which the walk of the word
// trie visits one by one, are one node.

// skeletonString maps base over s, a lower-case string: "đảng" -> "dang".
func skeletonString(s string) string {
	rs := []rune(s)
	for i, r := range rs {
		rs[i] = base(r)
	}
	return string(rs)
}

// A skeletonSpace is what the search walks for a Model: the trie of the
// skeletons of its words, and its rules mapped onto skeletons, each at the
// best of the rules it stands for.
type skeletonSpace struct {
	ruleSet
	trie    trie
	family  [][]int32 // skeleton → its words, best prior first
	scratch sync.Pool // of scratches holding a walk
}

// newSkeleton returns the skeleton space of m.
func newSkeleton(m *Model) *skeletonSpace {
	s := &skeletonSpace{ruleSet: ruleSet{alphaID: make(map[string]int32), byBeta: make(map[string][]alphaLP)}}
	skelID := make([]int32, len(m.alphaID)) // word rule id → skeleton rule id
	for a, id := range m.alphaID {
		sa := skeletonString(a)
		sid, ok := s.alphaID[sa]
		if !ok {
			sid = int32(len(s.alphaID))
			s.alphaID[sa] = sid
		}
		skelID[id] = sid
	}
	s.delLP = make([]float32, len(s.alphaID))
	for i := range s.delLP {
		s.delLP[i] = float32(math.Inf(-1))
	}
	s.alphaLen = make([]int8, len(s.alphaID))
	for id, sid := range skelID {
		s.delLP[sid] = max(s.delLP[sid], m.delLP[id])
		s.alphaLen[sid] = m.alphaLen[id]
	}
	for beta, as := range m.byBeta {
		var out []alphaLP
		for _, a := range as {
			sid := skelID[a.id]
			if i := slices.IndexFunc(out, func(x alphaLP) bool { return x.id == sid }); i >= 0 {
				out[i].lp = max(out[i].lp, a.lp)
			} else {
				out = append(out, alphaLP{sid, a.lp})
			}
		}
		s.byBeta[beta] = out
	}
	s.delBest = m.delBest

	famOf := make(map[string]int, len(m.words))
	var skels []string
	var fams [][]int32
	for w, word := range m.words {
		sk := skeletonString(word.text)
		f, ok := famOf[sk]
		if !ok {
			f = len(skels)
			famOf[sk] = f
			skels = append(skels, sk)
			fams = append(fams, nil)
		}
		fams[f] = append(fams[f], int32(w))
	}
	for _, f := range fams {
		slices.SortStableFunc(f, func(a, b int32) int { return cmp.Compare(m.prior[b], m.prior[a]) })
	}
	famPrior := func(sk string) float32 { return m.prior[fams[famOf[sk]][0]] } // the best of the family
	s.trie = buildTrie(skels, s.alphaID, famPrior)
	s.family = make([][]int32, len(s.trie.words))
	for i, sk := range s.trie.words {
		s.family[i] = fams[famOf[sk]]
	}
	s.sortSpans()
	s.scratch.New = func() any { return &scratch{tokenIndex: newTokenIndex(len(s.alphaID))} }
	return s
}

// compiledWord is a word of the inventory as score reads it: its runes
// and, for each, the rule ids of the suffixes of one to three runes that
// end there (-1 when no rule has that gold side).
type compiledWord struct {
	text   string
	runes  []rune
	alphas [][3]int32
}

// compileWords compiles words for m's rules.
func (m *Model) compileWords(words []string) []compiledWord {
	cw := make([]compiledWord, len(words))
	for w, word := range words {
		rs := []rune(word)
		c := compiledWord{text: word, runes: rs, alphas: make([][3]int32, len(rs))}
		for i := range rs {
			c.alphas[i] = suffixRules(m.alphaID, rs[:i+1])
		}
		cw[w] = c
	}
	return cw
}

// indexWords indexes the token s (offs as for index) in sc for score.
func (m *Model) indexWords(sc *wordScratch, s string, offs []int) {
	m.index(&sc.tokenIndex, s, offs, nil, 0)
	sc.dpWord = -1 // rows of an earlier token
}

// score returns log10 P(token | word w), the token being the one indexed in
// sc: the steps of a trie walk's columns (extend) along the word's runes,
// with or without the edits no rule covers. The rows of the
// prefix it shares with the word scored before it in the same query are
// kept.
func (m *Model) score(sc *wordScratch, w int32, generic bool) float32 {
	cw := &m.words[w]
	n := len(sc.obs)
	edit := m.opts.EditLogProb
	d := &sc.dp
	from := 0
	if sc.dpWord >= 0 && sc.dpGeneric == generic {
		prev := m.words[sc.dpWord].runes
		for from < len(prev) && from < len(cw.runes) && prev[from] == cw.runes[from] {
			from++
		}
	} else {
		d[0][0] = 0
		for j := 1; j <= n; j++ {
			d[0][j] = d[0][j-1] + edit // runes read before the word
		}
	}
	sc.dpWord, sc.dpGeneric = w, generic
	for i := from; i < len(cw.runes); i++ {
		var anc [3][]float32
		for k := range min(3, i+1) {
			anc[k] = d[i-k][:]
		}
		m.extend(&sc.tokenIndex, cw.runes[i], true, &cw.alphas[i], &anc, d[i+1][:], generic, edit)
	}
	return d[len(cw.runes)][n]
}

// addFamily records the words of skeleton sw, whose score is at most
// bound. In the first phase, a skeleton that cannot beat the best word
// waits for the second (see addPending); otherwise its words are scored
// exactly, best prior first, until no more can enter the full list.
func (st *searchState) addFamily(sw int32, bound float32) {
	if !st.filling && st.hits > 0 && bound <= st.best {
		st.sc.pending = append(st.sc.pending, found{sw, bound})
		return
	}
	for _, w := range st.m.family[sw] {
		if st.filling && bound+st.wm.prior[w] < st.cut() {
			break // nor can the rest, rarer
		}
		if lp := st.wm.score(st.wsc, w, st.generic); lp >= st.floor {
			st.add(w, lp)
		}
	}
}

// addPending scores the words of the skeletons left pending by the first
// phase, those of best bound plus prior first, as the list fills.
func (st *searchState) addPending() {
	p := st.sc.pending
	// a skeleton's best prior is its family's first word's
	key := func(f found) float32 { return f.lp + st.wm.prior[st.m.family[f.word][0]] }
	slices.SortFunc(p, func(a, b found) int { return cmp.Compare(key(b), key(a)) })
	for _, f := range p {
		if f.lp < st.floor {
			continue
		}
		if key(f) < st.cut() {
			break // nor can the rest
		}
		st.addFamily(f.word, f.lp)
	}
	st.sc.pending = p[:0]
}
