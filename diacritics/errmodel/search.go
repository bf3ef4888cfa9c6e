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
	stamp   []uint32  // rule id → query number that filled head
	head    []int32   // rule id → first entry, or -1
	best    []float32 // rule id → best log prob of its entries
	tops    []float32 // depth → best value of its column
	ents    []entry
	gen     uint32
	cols    [][]float32
	obs     []rune
	found   []found
	heap    []float32   // min-heap of the best scores found, at most MaxCandidates
	kids    [][]kid     // depth → live children of the node walked there
	kidCols [][]float32 // depth → their columns

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
	// columns: cols[d][j] = best log10 P(obs[:j] | gold prefix of depth d)
	for len(sc.cols) <= m.trie.depth {
		sc.cols = append(sc.cols, nil)
		sc.tops = append(sc.tops, 0)
	}
	for d := range sc.cols {
		if cap(sc.cols[d]) < n+1 {
			sc.cols[d] = make([]float32, n+1, maxTokenRunes+1)
		}
		sc.cols[d] = sc.cols[d][:n+1]
	}
	edit := m.opts.EditLogProb
	root := sc.cols[0]
	root[0] = 0
	for j := 1; j <= n; j++ {
		root[j] = root[j-1] + edit
	}
	sc.tops[0] = 0
	// Walk with the learned rules and a tight bound first: when the best
	// word found lies more than the beam above the bound, every word within
	// the beam of it was found too. Otherwise walk again with a looser
	// bound. A token no word reads well (nothing within the first bound)
	// gets the wide beam and list, and edits no rule covers are tried only
	// when the rules read the token as nothing at all.
	beam, k := m.opts.Beam, m.opts.MaxCandidates
	lowest := max(m.opts.Floor*float32(n+1), m.opts.MinLogProb)
	hits := 0
	for i, bound := range [...]float32{-1, -3, -5, lowest} {
		if bound < lowest {
			bound = lowest
		}
		if i == 1 {
			beam, k = m.opts.WideBeam, m.opts.WideMaxCandidates
		}
		sc.found, sc.heap = sc.found[:0], sc.heap[:0]
		st := searchState{m: m, sc: sc, floor: bound, abs: bound, beam: beam, k: k}
		st.walk(0, 0)
		if st.hits > 0 && bound > lowest {
			// The list ends at the beam below the best word or at the
			// worst of the best k, whichever is higher; if that is
			// below the bound, walk once more, exactly to it.
			b := max(st.best-beam, lowest)
			if len(sc.heap) == k {
				b = max(b, sc.heap[0])
			}
			if b < bound {
				sc.found, sc.heap = sc.found[:0], sc.heap[:0]
				st = searchState{m: m, sc: sc, floor: b, abs: b, beam: beam, k: k}
				st.walk(0, 0)
			}
		}
		if hits = st.hits; hits > 0 || bound <= lowest {
			break
		}
	}
	if hits == 0 && lowest <= edit {
		sc.found, sc.heap = sc.found[:0], sc.heap[:0]
		st := searchState{m: m, sc: sc, floor: lowest, abs: lowest, generic: true, beam: beam, k: k}
		st.walk(0, 0)
	}
	f := sc.found
	sort.Slice(f, func(i, j int) bool { return f[i].lp > f[j].lp })
	var out []diacritics.Candidate
	for _, c := range f {
		if len(out) == k || c.lp < f[0].lp-beam {
			break
		}
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
	floor float32 // current bound: abs, raised by the beam as good words turn up
	hits  int
	// generic says whether edits no rule covers can matter: not when a
	// single one already sinks a word below the bound
	generic bool
}

// minLogProb stands for log10 0.
const minLogProb = -1e30

// walk extends the column of node (at depth d) to each child, records the
// children that are words, and descends into the children whose column
// still beats the bound, most promising first, so that good words turn up
// early and raise the bound for the rest.
func (st *searchState) walk(node int32, d int) {
	m, sc := st.m, st.sc
	nd := &m.trie.nodes[node]
	n := len(sc.obs)
	w := n + 1
	for len(sc.kids) <= d {
		sc.kids = append(sc.kids, nil)
		sc.kidCols = append(sc.kidCols, nil)
	}
	kids := sc.kids[d][:0]
	store := sc.kidCols[d][:0]
	for c := nd.first; c < nd.first+nd.n; c++ {
		sc.visits++
		ch := &m.trie.nodes[c]
		if !st.generic && st.hopeless(ch, d) {
			continue
		}
		off := len(store)
		store = slices.Grow(store, w)[:off+w]
		C := store[off : off+w]
		top := st.column(ch, d, C)
		if top < st.floor {
			store = store[:off]
			continue
		}
		if ch.word >= 0 && C[n] >= st.floor {
			st.add(ch.word, C[n])
		}
		if ch.n > 0 {
			kids = append(kids, kid{node: c, top: top, off: int32(off)})
		} else {
			store = store[:off]
		}
	}
	// most promising first (insertion sort: a node has few live children)
	for i := 1; i < len(kids); i++ {
		for j := i; j > 0 && kids[j].top > kids[j-1].top; j-- {
			kids[j], kids[j-1] = kids[j-1], kids[j]
		}
	}
	sc.kids[d], sc.kidCols[d] = kids, store
	for _, k := range kids {
		if k.top < st.floor {
			continue
		}
		copy(sc.cols[d+1], store[k.off:int(k.off)+w])
		sc.tops[d+1] = k.top
		st.walk(k.node, d+1)
	}
}

// A kid is a live child of the node being walked, with its column kept in
// the scratch's kidCols at off.
type kid struct {
	node int32
	top  float32
	off  int32
}

// column computes into C the column of child ch of a node at depth d from
// the columns of its ancestors, and returns its best value.
func (st *searchState) column(ch *trieNode, d int, C []float32) float32 {
	m, sc := st.m, st.sc
	n := len(sc.obs)
	edit := m.opts.EditLogProb
	P := sc.cols[d]
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
	for k := 1; k <= 3 && k <= d+1; k++ {
		id := ch.alpha[k-1]
		if id < 0 {
			continue
		}
		A := sc.cols[d+1-k]
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

// hopeless reports whether no rule can lift the column of child ch (at
// depth d+1) to the bound: a cheap test before computing it.
func (st *searchState) hopeless(ch *trieNode, d int) bool {
	sc := st.sc
	if sc.tops[d]-0.05 >= st.floor && sc.inObs(ch.r) {
		return false
	}
	for k := 1; k <= 3 && k <= d+1; k++ {
		id := ch.alpha[k-1]
		if id < 0 {
			continue
		}
		best := st.m.delLP[id]
		if sc.stamp[id] == sc.gen && sc.best[id] > best {
			best = sc.best[id]
		}
		if sc.tops[d+1-k]+best >= st.floor {
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
	st.floor = max(st.floor, st.best-st.beam)
	h := st.sc.heap
	k := st.k
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
	if len(h) == k {
		st.floor = max(st.floor, h[0])
	}
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
