package errmodel

import (
	"slices"
	"sort"
	"unicode"
	"unicode/utf8"

	"github.com/vnarchive/vnrestore/diacritics"
)

// maxTokenRunes is the longest observed token the channel reads.
const maxTokenRunes = 10

// A trie holds the syllable inventory; node 0 is the root. The children of
// a node are contiguous.
type trie struct {
	nodes []trieNode
	words []string
	depth int // longest word, in runes
}

type trieNode struct {
	r        rune
	first, n int32    // children: nodes[first : first+n]
	alpha    [3]int32 // rule ids of the suffixes of length 1..3 ending here, or -1
	word     int32    // index in words, or -1
	maxPrior float32  // best prior of the words at and below the node
}

// setMaxPrior sets each node's maxPrior from the priors of the words.
func (t *trie) setMaxPrior(prior []float32) {
	for i := range t.nodes {
		t.nodes[i].maxPrior = -1e9
	}
	// children come after their parents: a backward pass sees every
	// child before its parent
	for i := len(t.nodes) - 1; i >= 0; i-- {
		nd := &t.nodes[i]
		if nd.word >= 0 {
			nd.maxPrior = max(nd.maxPrior, prior[nd.word])
		}
		for c := nd.first; c < nd.first+nd.n; c++ {
			nd.maxPrior = max(nd.maxPrior, t.nodes[c].maxPrior)
		}
	}
}

// buildTrie builds the trie of the lower-case words ws, resolving the rule
// segments each node ends.
func buildTrie(ws []string, alphaID map[string]int32) trie {
	words := make([]string, 0, len(ws))
	seen := make(map[string]bool, len(ws))
	for _, w := range ws {
		if !seen[w] && isWordLike(w) && utf8.RuneCountInString(w) <= maxTokenRunes {
			seen[w] = true
			words = append(words, w)
		}
	}
	sort.Strings(words)
	t := trie{words: words}
	type pnode struct {
		kids  map[rune]*pnode
		order []rune
		word  int32
	}
	root := &pnode{kids: map[rune]*pnode{}, word: -1}
	for i, w := range words {
		n := root
		d := 0
		for _, r := range w {
			d++
			k, ok := n.kids[r]
			if !ok {
				k = &pnode{kids: map[rune]*pnode{}, word: -1}
				n.kids[r] = k
				n.order = append(n.order, r)
			}
			n = k
		}
		n.word = int32(i)
		t.depth = max(t.depth, d)
	}
	// breadth first, so that children are contiguous
	type item struct {
		p    *pnode
		path []rune
	}
	t.nodes = append(t.nodes, trieNode{word: -1, alpha: [3]int32{-1, -1, -1}})
	queue := []item{{root, nil}}
	idx := []int32{0}
	for q := 0; q < len(queue); q++ {
		it := queue[q]
		self := idx[q]
		t.nodes[self].first = int32(len(t.nodes))
		t.nodes[self].n = int32(len(it.p.order))
		for _, r := range it.p.order {
			k := it.p.kids[r]
			path := append(append([]rune(nil), it.path...), r)
			nd := trieNode{r: r, word: k.word}
			for l := 1; l <= 3; l++ {
				nd.alpha[l-1] = -1
				if l <= len(path) {
					if id, ok := alphaID[string(path[len(path)-l:])]; ok {
						nd.alpha[l-1] = id
					}
				}
			}
			idx = append(idx, int32(len(t.nodes)))
			t.nodes = append(t.nodes, nd)
			queue = append(queue, item{k, path})
		}
	}
	return t
}

// A scratch holds the per-query state of a search; scratches are pooled.
type scratch struct {
	stamp  []uint32  // rule id → query number that filled head
	head   []int32   // rule id → first entry, or -1
	best   []float32 // rule id → best log prob of its entries
	ents   []entry
	gen    uint32
	obs    []rune
	found  []found
	heap   []float32 // min-heap of the best scores found, at most MaxCandidates
	opened []open    // nodes reached by the search
	pq     []int32   // priority queue of opened nodes
	arena  []float32 // their columns

	visits int // trie nodes looked at, for benchmarks

	// obsSet has bit r set for every rune r < obsSetRunes of the token
	obsSet [obsSetRunes / 64]uint64
}

// obsSetRunes bounds the runes of obsSet: all Vietnamese letters are below.
const obsSetRunes = 0x2000

// inObs reports whether the token being searched contains r.
func (sc *scratch) inObs(r rune) bool {
	if r < obsSetRunes {
		return sc.obsSet[r>>6]&(1<<(r&63)) != 0
	}
	return slices.Contains(sc.obs, r)
}

// An entry says: rule α → β with β = obs[j-l : j] applies with log10 prob lp.
type entry struct {
	j, l int32
	lp   float32
	next int32
}

type found struct {
	word int32
	lp   float32
}

func newScratch(nAlpha int) any {
	return &scratch{stamp: make([]uint32, nAlpha), head: make([]int32, nAlpha), best: make([]float32, nAlpha)}
}

// search returns the candidates of the lower-case token s, best first.
func (m *Model) search(s string) []diacritics.Candidate {
	return m.searchLimited(s, m.opts.MinLogProb, m.opts.MaxExpansions)
}

// searchLimited is search with its own lowest score and expansion budget.
func (m *Model) searchLimited(s string, minLogProb float32, budget int) []diacritics.Candidate {
	sc := m.scratch.Get().(*scratch)
	defer m.scratch.Put(sc)
	sc.obs = sc.obs[:0]
	offs := make([]int, 0, 16)
	for i, r := range s {
		sc.obs = append(sc.obs, r)
		offs = append(offs, i)
	}
	offs = append(offs, len(s))
	obs := sc.obs
	n := len(obs)
	clear(sc.obsSet[:])
	for _, r := range obs {
		if r < obsSetRunes {
			sc.obsSet[r>>6] |= 1 << (r & 63)
		}
	}
	if n == 0 || n > maxTokenRunes || !syllableShaped(obs) {
		return nil
	}
	// index the rules whose observed side occurs in s
	sc.gen++
	if sc.gen == 0 {
		clear(sc.stamp)
		sc.gen = 1
	}
	sc.ents = sc.ents[:0]
	for j := 1; j <= n; j++ {
		for l := 1; l <= maxSeg && l <= j; l++ {
			for _, a := range m.byBeta[s[offs[j-l]:offs[j]]] {
				if sc.stamp[a.id] != sc.gen {
					sc.stamp[a.id] = sc.gen
					sc.head[a.id] = -1
				}
				if sc.head[a.id] < 0 || a.lp > sc.best[a.id] {
					sc.best[a.id] = a.lp
				}
				sc.ents = append(sc.ents, entry{j: int32(j), l: int32(l), lp: a.lp, next: sc.head[a.id]})
				sc.head[a.id] = int32(len(sc.ents) - 1)
			}
		}
	}
	// The search is best first over the trie: a node's score bound is the
	// best value of its column, which its descendants can only lower, so
	// when the best open node falls below the bound nothing left can make
	// the list. The bound starts at the lowest score allowed and rises to
	// the beam below the best word and to the worst of the best k words as
	// words turn up. A token that no word reads well (the best is below
	// -1) gets the wide beam and list. Edits no rule covers are tried only
	// when the rules read the token poorly (nothing above -2): the search
	// is then run again with them.
	lowest := max(m.opts.Floor*float32(n+1), minLogProb)
	st := searchState{m: m, sc: sc, floor: lowest, abs: lowest, beam: m.opts.WideBeam, k: m.opts.WideMaxCandidates}
	st.bestFirst(budget)
	if (st.hits == 0 || st.best < -2) && lowest <= m.opts.EditLogProb {
		st = searchState{m: m, sc: sc, floor: lowest, abs: lowest, beam: m.opts.WideBeam, k: m.opts.WideMaxCandidates, generic: true}
		st.bestFirst(budget)
	}
	beam, k := st.beam, st.k
	// Of the words within the beam of the best, keep the k most likely by
	// channel score and prior: among near ties (the tones a legacy engine
	// drops) the frequent words are the ones worth the decoder's time.
	f := sc.found
	if len(f) == 0 {
		return nil
	}
	best := f[0].lp
	for _, c := range f {
		best = max(best, c.lp)
	}
	f = slices.DeleteFunc(f, func(c found) bool { return c.lp < best-beam })
	sort.Slice(f, func(i, j int) bool {
		return f[i].lp+m.prior[f[i].word] > f[j].lp+m.prior[f[j].word]
	})
	out := make([]diacritics.Candidate, 0, min(len(f), k))
	for _, c := range f[:min(len(f), k)] {
		out = append(out, diacritics.Candidate{Text: m.trie.words[c.word], LogProb: c.lp})
	}
	sortCandidates(out)
	return out
}

// searchState is one trie walk.
type searchState struct {
	beam  float32 // words more than beam below the best are dropped
	k     int     // at most k words are kept
	m     *Model
	sc    *scratch
	best  float32
	abs   float32 // absolute bound
	floor float32 // current bound: abs, raised to the beam below the best word
	hits  int
	// generic says whether edits no rule covers are tried (see search)
	generic bool
}

// minLogProb stands for log10 0.
const minLogProb = -1e30

// An open node is a trie node reached by the search, with its column kept
// in the scratch's arena.
type open struct {
	node   int32
	parent int32 // index in opened of the parent, -1 for the root
	depth  int32
	top    float32 // best value of the column
	col    int32   // offset of the column in arena
}

// bestFirst runs the search from the root, expanding at most budget nodes.
func (st *searchState) bestFirst(budget int) {
	m, sc := st.m, st.sc
	n := len(sc.obs)
	w := n + 1
	sc.found, sc.heap = sc.found[:0], sc.heap[:0]
	sc.opened, sc.pq = sc.opened[:0], sc.pq[:0]
	sc.arena = slices.Grow(sc.arena[:0], w)[:w]
	root := sc.arena[:w]
	root[0] = 0
	for j := 1; j <= n; j++ {
		root[j] = root[j-1] + m.opts.EditLogProb
	}
	sc.opened = append(sc.opened, open{node: 0, parent: -1})
	sc.push(0)
	var anc [3][]float32
	var tops [3]float32
	for ; len(sc.pq) > 0 && budget > 0; budget-- {
		i := sc.pop()
		e := sc.opened[i]
		if e.top < st.floor {
			break
		}
		// the columns of e and its two nearest ancestors
		for k, a := 0, i; k < 3; k++ {
			if a < 0 {
				anc[k] = nil
				continue
			}
			o := &sc.opened[a]
			anc[k], tops[k] = sc.arena[o.col:o.col+int32(w)], o.top
			a = o.parent
		}
		nd := &m.trie.nodes[e.node]
		for c := nd.first; c < nd.first+nd.n; c++ {
			sc.visits++
			ch := &m.trie.nodes[c]
			if !st.generic && st.hopeless(ch, &tops, &anc) {
				continue
			}
			off := len(sc.arena)
			sc.arena = slices.Grow(sc.arena, w)[:off+w]
			C := sc.arena[off : off+w]
			top := st.column(ch, &anc, C)
			if top < st.floor || (len(sc.heap) == st.k && top+ch.maxPrior < sc.heap[0]) {
				// below the beam, or no word below can enter the full list
				sc.arena = sc.arena[:off]
				continue
			}
			if ch.word >= 0 && C[n] >= st.floor {
				st.add(ch.word, C[n])
			}
			if ch.n == 0 {
				sc.arena = sc.arena[:off]
				continue
			}
			sc.opened = append(sc.opened, open{node: c, parent: i, depth: e.depth + 1, top: top, col: int32(off)})
			sc.push(int32(len(sc.opened) - 1))
		}
	}
}

// push adds opened node i to the priority queue (a max-heap on top).
func (sc *scratch) push(i int32) {
	sc.pq = append(sc.pq, i)
	for j := len(sc.pq) - 1; j > 0; {
		p := (j - 1) / 2
		if sc.opened[sc.pq[p]].top >= sc.opened[sc.pq[j]].top {
			break
		}
		sc.pq[p], sc.pq[j] = sc.pq[j], sc.pq[p]
		j = p
	}
}

// pop removes and returns the opened node with the best top.
func (sc *scratch) pop() int32 {
	q := sc.pq
	i := q[0]
	last := len(q) - 1
	q[0] = q[last]
	q = q[:last]
	for j := 0; ; {
		l, r, b := 2*j+1, 2*j+2, j
		if l < len(q) && sc.opened[q[l]].top > sc.opened[q[b]].top {
			b = l
		}
		if r < len(q) && sc.opened[q[r]].top > sc.opened[q[b]].top {
			b = r
		}
		if b == j {
			break
		}
		q[b], q[j] = q[j], q[b]
		j = b
	}
	sc.pq = q
	return i
}

// column computes into C the column of the trie node ch from the columns
// anc of its parent, grandparent and great-grandparent (nil above the
// root), and returns its best value.
func (st *searchState) column(ch *trieNode, anc *[3][]float32, C []float32) float32 {
	m, sc := st.m, st.sc
	n := len(sc.obs)
	edit := m.opts.EditLogProb
	P := anc[0]
	if st.generic {
		for j := 0; j <= n; j++ {
			C[j] = P[j] + edit
		}
		for j := 1; j <= n; j++ {
			v := P[j-1] + edit
			if sc.obs[j-1] == ch.r {
				v = P[j-1] - 0.05
			}
			if v > C[j] {
				C[j] = v
			}
		}
	} else {
		for j := 0; j <= n; j++ {
			C[j] = minLogProb
		}
		for j := 1; j <= n; j++ {
			if sc.obs[j-1] == ch.r {
				C[j] = P[j-1] - 0.05
			}
		}
	}
	for k := 1; k <= 3; k++ {
		id := ch.alpha[k-1]
		A := anc[k-1]
		if id < 0 || A == nil {
			continue
		}
		if dl := m.delLP[id]; dl > -1e30 {
			for j := 0; j <= n; j++ {
				if v := A[j] + dl; v > C[j] {
					C[j] = v
				}
			}
		}
		if sc.stamp[id] != sc.gen {
			continue
		}
		for e := sc.head[id]; e >= 0; e = sc.ents[e].next {
			en := &sc.ents[e]
			if v := A[en.j-en.l] + en.lp; v > C[en.j] {
				C[en.j] = v
			}
		}
	}
	top := C[0]
	for j := 1; j <= n; j++ {
		if st.generic {
			if v := C[j-1] + edit; v > C[j] {
				C[j] = v
			}
		}
		if C[j] > top {
			top = C[j]
		}
	}
	return top
}

// hopeless reports whether no rule can lift the column of child ch to the
// bound, given the best values tops of the columns anc of its ancestors:
// a cheap test before computing it.
func (st *searchState) hopeless(ch *trieNode, tops *[3]float32, anc *[3][]float32) bool {
	sc := st.sc
	if tops[0]-0.05 >= st.floor && sc.inObs(ch.r) {
		return false
	}
	for k := 1; k <= 3; k++ {
		id := ch.alpha[k-1]
		if id < 0 || anc[k-1] == nil {
			continue
		}
		best := st.m.delLP[id]
		if sc.stamp[id] == sc.gen && sc.best[id] > best {
			best = sc.best[id]
		}
		if tops[k-1]+best >= st.floor {
			return false
		}
	}
	return true
}

// add records a word and raises the bound: to the beam below the best
// word, and to the worst of the best MaxCandidates words once that many
// are found, since nothing below it can make the list.
func (st *searchState) add(w int32, lp float32) {
	st.sc.found = append(st.sc.found, found{w, lp})
	if st.hits == 0 || lp > st.best {
		st.best = lp
	}
	st.hits++
	if st.best >= -1 && !st.generic {
		// a token some word reads well: the narrow beam and list
		st.beam, st.k = st.m.opts.Beam, st.m.opts.MaxCandidates
		if len(st.sc.heap) > st.k {
			h := st.sc.heap
			slices.Sort(h)
			st.sc.heap = append(h[:0], h[len(h)-st.k:]...) // still a min-heap: sorted
		}
	}
	st.floor = max(st.floor, st.best-st.beam)
	h := st.sc.heap
	k := st.k
	lp += st.m.prior[w] // the list keeps the k best by channel and prior
	switch {
	case len(h) < k:
		h = append(h, lp)
		for i := len(h) - 1; i > 0; {
			p := (i - 1) / 2
			if h[p] <= h[i] {
				break
			}
			h[p], h[i] = h[i], h[p]
			i = p
		}
	case lp > h[0]:
		h[0] = lp
		for i := 0; ; {
			l, r, m := 2*i+1, 2*i+2, i
			if l < len(h) && h[l] < h[m] {
				m = l
			}
			if r < len(h) && h[r] < h[m] {
				m = r
			}
			if m == i {
				break
			}
			h[m], h[i] = h[i], h[m]
			i = m
		}
	}
	st.sc.heap = h
}

// syllableShaped reports whether an observed token can be a misread
// syllable: at least half of its runes are letters, and it has no
// run of three or more non-letters (as in a number, a date or a code).
func syllableShaped(obs []rune) bool {
	letters, run := 0, 0
	for _, r := range obs {
		if unicode.IsLetter(r) {
			letters++
			run = 0
			continue
		}
		if run++; run >= 3 {
			return false
		}
	}
	return letters > 0 && 2*letters >= len(obs)
}
