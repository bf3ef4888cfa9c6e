package errmodel

import (
	"cmp"
	"slices"
	"sort"
	"unicode"
	"unicode/utf8"

	"github.com/vnarchive/vnrestore/diacritics"
)

// maxTokenRunes is the longest observed token the channel reads.
const maxTokenRunes = 10

// A trie holds a list of words (the skeletons of the inventory: see
// skeletonSpace); node 0 is the root. The children of
// a node are contiguous.
type trie struct {
	nodes []trieNode
	spans []spanRule // see trieNode
	words []string
}

type trieNode struct {
	r        rune
	first, n int32    // children: nodes[first : first+n]
	alpha    [3]int32 // rule ids of the suffixes of length 1..3 ending here, or -1
	word     int32    // index in words, or -1
	maxPrior float32  // best prior of the words at and below the node
	lo, hi   uint8    // fewest and most runes of the words at and below the node, beyond it
	// spans[span : span+nP] are the rules whose gold side starts at the
	// parent's column and ends below the node; the nG after them, those
	// that start at the grandparent's
	span   int32
	nP, nG uint16
}

// buildTrie builds the trie of the lower-case words ws, resolving the rule
// segments each node ends, with each node's best prior below it. The
// children of a node are ordered by that prior, best first (see expand).
func buildTrie(ws []string, alphaID map[string]int32, prior func(string) float32) trie {
	words := wordList(ws)
	t := trie{words: words}
	type pnode struct {
		kids     map[rune]*pnode
		order    []rune
		word     int32
		maxPrior float32
	}
	root := &pnode{kids: map[rune]*pnode{}, word: -1}
	for i, w := range words {
		n := root
		for _, r := range w {
			k, ok := n.kids[r]
			if !ok {
				k = &pnode{kids: map[rune]*pnode{}, word: -1}
				n.kids[r] = k
				n.order = append(n.order, r)
			}
			n = k
		}
		n.word = int32(i)
	}
	var order func(n *pnode) float32
	order = func(n *pnode) float32 {
		n.maxPrior = -1e9
		if n.word >= 0 && prior != nil {
			n.maxPrior = prior(words[n.word])
		}
		for _, k := range n.kids {
			n.maxPrior = max(n.maxPrior, order(k))
		}
		slices.SortStableFunc(n.order, func(a, b rune) int {
			return cmp.Or(cmp.Compare(n.kids[b].maxPrior, n.kids[a].maxPrior), cmp.Compare(a, b))
		})
		return n.maxPrior
	}
	order(root)
	// breadth first, so that children are contiguous
	type item struct {
		p    *pnode
		path []rune
	}
	t.nodes = append(t.nodes, trieNode{word: -1, alpha: [3]int32{-1, -1, -1}, maxPrior: root.maxPrior})
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
			nd := trieNode{r: r, word: k.word, alpha: suffixRules(alphaID, path), maxPrior: k.maxPrior}
			idx = append(idx, int32(len(t.nodes)))
			t.nodes = append(t.nodes, nd)
			queue = append(queue, item{k, path})
		}
	}
	// children come after their parents: a backward pass sees every
	// child before its parent
	for i := len(t.nodes) - 1; i >= 0; i-- {
		nd := &t.nodes[i]
		nd.lo, nd.hi = maxRest, 0
		if nd.word >= 0 {
			nd.lo = 0
		}
		for c := nd.first; c < nd.first+nd.n; c++ {
			nd.lo = min(nd.lo, t.nodes[c].lo+1)
			nd.hi = max(nd.hi, t.nodes[c].hi+1)
		}
		nd.lo = min(nd.lo, nd.hi)
	}
	// The rules that span a node: a word below it may be read through
	// its parent's or grandparent's column with a rule whose gold side
	// crosses the node's end, never through its own column.
	var p, g []spanRule
	for i := range t.nodes {
		nd := &t.nodes[i]
		nd.span = int32(len(t.spans))
		p, g = p[:0], g[:0]
		for c := nd.first; c < nd.first+nd.n; c++ {
			ch := &t.nodes[c]
			p = appendSpan(p, ch.alpha[1], ch)
			g = appendSpan(g, ch.alpha[2], ch)
			for gc := ch.first; gc < ch.first+ch.n; gc++ {
				p = appendSpan(p, t.nodes[gc].alpha[2], &t.nodes[gc])
			}
		}
		nd.nP, nd.nG = uint16(len(p)), uint16(len(g))
		t.spans = append(append(t.spans, p...), g...)
	}
	return t
}

// suffixRules returns the rule ids of the suffixes of one to three runes
// of rs (-1: no rule has that gold side, or rs is shorter).
func suffixRules(alphaID map[string]int32, rs []rune) [3]int32 {
	ids := [3]int32{-1, -1, -1}
	for k := 1; k <= 3 && k <= len(rs); k++ {
		if id, ok := alphaID[string(rs[len(rs)-k:])]; ok {
			ids[k-1] = id
		}
	}
	return ids
}

// wordList returns the distinct word-like strings of ws no longer than
// maxTokenRunes, sorted.
func wordList(ws []string) []string {
	words := make([]string, 0, len(ws))
	seen := make(map[string]bool, len(ws))
	for _, w := range ws {
		if !seen[w] && isWordLike(w) && utf8.RuneCountInString(w) <= maxTokenRunes {
			seen[w] = true
			words = append(words, w)
		}
	}
	sort.Strings(words)
	return words
}

// A spanRule is a rule whose gold side spans a trie node, with the range
// of the lengths of the words below the node where it ends.
type spanRule struct {
	id     int32
	lo, hi uint8
}

// appendSpan appends the rule id ending at node end to rs unless id is -1;
// a rule already there gets the union of the ranges.
func appendSpan(rs []spanRule, id int32, end *trieNode) []spanRule {
	if id < 0 {
		return rs
	}
	for i := range rs {
		if rs[i].id == id {
			rs[i].lo, rs[i].hi = min(rs[i].lo, end.lo), max(rs[i].hi, end.hi)
			return rs
		}
	}
	return append(rs, spanRule{id, end.lo, end.hi})
}

// A tokenIndex holds a token and the rules of a ruleSet whose observed
// side occurs in it (see ruleSet.index).
type tokenIndex struct {
	stamp  []uint32  // rule id → query number that filled first, count and best
	first  []int32   // rule id → its entries: ents[first : first+count]
	count  []int32   // rule id → number of entries
	best   []float32 // rule id → best log prob of its entries
	active []int32   // the rule ids stamped by this query
	ents   []entry
	gen    uint32
	obs    []rune
}

func newTokenIndex(nAlpha int) tokenIndex {
	return tokenIndex{stamp: make([]uint32, nAlpha), first: make([]int32, nAlpha), count: make([]int32, nAlpha), best: make([]float32, nAlpha)}
}

// A scratch holds the per-query state of a walk of the skeleton trie;
// scratches are pooled.
type scratch struct {
	tokenIndex
	found []found
	// pending holds the skeletons reached in the first phase whose words
	// could not beat the best word: they are scored when the list is
	// filled (see addFamily)
	pending []found
	heap    []float32                                            // min-heap of the best scores found, at most MaxCandidates
	opened  []open                                               // nodes reached by the search
	pq      []qitem                                              // priority queue of opened nodes
	arena   []float32                                            // their columns
	hs      [maxRest + 1][maxRest + 1][maxTokenRunes + 1]float32 // see rest

	visits int // trie nodes looked at, for benchmarks

	// obsSet has bit r set for every rune r < obsSetRunes of the token
	obsSet [obsSetRunes / 64]uint64
}

// A wordScratch holds a token indexed for the words' rules and the rows of
// the last word scored (see Model.score); wordScratches are pooled.
type wordScratch struct {
	tokenIndex
	dp [maxTokenRunes + 1][maxTokenRunes + 1]float32
	// dpWord is the word of this query whose rows dp holds, with or
	// without edits (dpGeneric); -1 for none
	dpWord    int32
	dpGeneric bool
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
}

// entries returns the entries of rule id, which this query stamped.
func (sc *tokenIndex) entries(id int32) []entry {
	f := sc.first[id]
	return sc.ents[f : f+sc.count[id]]
}

type found struct {
	word int32
	lp   float32
}

// search returns the candidates of the lower-case token s, best first.
func (m *Model) search(s string) []diacritics.Candidate {
	return m.searchLimited(s, limits{minLogProb: m.opts.MinLogProb, budget: m.opts.MaxExpansions, generic: true})
}

// poorReading is the score below which the rules alone read a token
// poorly: the search then tries the edits no rule covers as well.
const poorReading = -2

// limits bound one search.
type limits struct {
	minLogProb float32 // lowest score of a candidate
	budget     int     // trie nodes the search may expand
	k          int     // when above 0, caps the list's length
	generic    bool    // whether edits no rule covers may be tried
}

// searchLimited is search within lim.
func (m *Model) searchLimited(s string, lim limits) []diacritics.Candidate {
	// wsc indexes the token for the words' rules (see score), sc for the
	// skeletons' rules, and holds the walk
	wsc := m.scratch.Get().(*wordScratch)
	defer m.scratch.Put(wsc)
	sk := m.skel
	sc := sk.scratch.Get().(*scratch)
	defer sk.scratch.Put(sc)
	wsc.obs, sc.obs = wsc.obs[:0], sc.obs[:0]
	offs := make([]int, 0, 16)
	for i, r := range s {
		wsc.obs = append(wsc.obs, r)
		sc.obs = append(sc.obs, base(r))
		offs = append(offs, i)
	}
	offs = append(offs, len(s))
	n := len(wsc.obs)
	if n == 0 || n > maxTokenRunes || !syllableShaped(wsc.obs) {
		return nil
	}
	clear(sc.obsSet[:])
	for _, r := range sc.obs {
		if r < obsSetRunes {
			sc.obsSet[r>>6] |= 1 << (r & 63)
		}
	}
	m.indexWords(wsc, s, offs)
	var segBest segBests
	sk.index(&sc.tokenIndex, s, offs, &segBest, lim.minLogProb)
	sc.rest(sk, m.opts.EditLogProb, &segBest, false)
	// The search is best first over the trie, in two phases. A node's
	// bound is the best value of its column plus the least that reading
	// the rest of the token costs the words below it (see rest), or the
	// bound of those words read through a rule that spans the node (see
	// span): none of them can score better. findBest expands the node of
	// highest bound until no open node can beat the best word found, which
	// sets the beam (the wide beam and list when it is below -1). fill
	// then expands the nodes of highest bound plus best prior below, until
	// none can enter the list of the k words of best channel score plus
	// prior. Edits no rule covers are tried, when lim allows them, only
	// when the rules read the token poorly (nothing above -2): the search
	// is then run again with them, and the first run stops as soon as that
	// is sure.
	lowest := max(m.opts.Floor*float32(n+1), lim.minLogProb)
	walk := func(generic bool) searchState {
		st := searchState{keyBest: minLogProb, m: sk, sc: sc, wm: m, wsc: wsc, floor: lowest, beam: m.opts.WideBeam, k: m.opts.WideMaxCandidates, generic: generic, budget: lim.budget, poor: lim.minLogProb}
		st.start()
		return st
	}
	mayEdit := lowest <= m.opts.EditLogProb && lim.generic
	st := walk(false)
	if mayEdit {
		st.poor = poorReading
	}
	st.findBest()
	if (st.hits == 0 || st.best < poorReading) && mayEdit {
		sc.rest(sk, m.opts.EditLogProb, &segBest, true)
		st = walk(true)
		st.findBest()
	}
	if lim.k > 0 {
		st.k = min(st.k, lim.k)
	}
	st.fill()
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
	f = slices.DeleteFunc(f, func(c found) bool {
		return c.lp < best-beam || c.lp+m.prior[c.word] < st.keyBest-m.opts.PriorBeam
	})
	sort.Slice(f, func(i, j int) bool {
		return f[i].lp+m.prior[f[i].word] > f[j].lp+m.prior[f[j].word]
	})
	out := make([]diacritics.Candidate, 0, min(len(f), k))
	for _, c := range f[:min(len(f), k)] {
		out = append(out, diacritics.Candidate{Text: m.words[c.word].text, LogProb: c.lp})
	}
	sortCandidates(out)
	return out
}

// index stamps in sc the rules of m whose observed side occurs in the
// token s (offs: the byte offset of each rune, and len(s)) and lays out
// their entries, each rule's contiguously: a first pass counts them, a
// second fills them in. Unless segBest is nil it also fills, for each
// segment of the token, the best rule of one, two and three gold runes
// producing it, or floor if it is better.
func (m *ruleSet) index(sc *tokenIndex, s string, offs []int, segBest *segBests, floor float32) {
	n := len(offs) - 1
	sc.gen++
	if sc.gen == 0 {
		clear(sc.stamp)
		sc.gen = 1
	}
	sc.active = sc.active[:0]
	if segBest != nil {
		for j := range segBest {
			for l := range segBest[j] {
				segBest[j][l] = [maxSeg]float32{floor, floor, floor}
			}
		}
	}
	// rules[j-1][l-1]: the rules producing obs[j-l:j], looked up once
	var rules [maxTokenRunes][maxSeg][]alphaLP
	for j := 1; j <= n; j++ {
		for l := 1; l <= maxSeg && l <= j; l++ {
			rules[j-1][l-1] = m.byBeta[s[offs[j-l]:offs[j]]]
			for _, a := range rules[j-1][l-1] {
				if segBest != nil {
					sb := &segBest[j-1][l-1][m.alphaLen[a.id]-1]
					*sb = max(*sb, a.lp)
				}
				if sc.stamp[a.id] != sc.gen {
					sc.stamp[a.id] = sc.gen
					sc.count[a.id] = 0
					sc.best[a.id] = a.lp
					sc.active = append(sc.active, a.id)
				}
				sc.best[a.id] = max(sc.best[a.id], a.lp)
				sc.count[a.id]++
			}
		}
	}
	total := int32(0)
	for _, id := range sc.active {
		sc.first[id] = total
		total += sc.count[id]
		sc.count[id] = 0
	}
	sc.ents = slices.Grow(sc.ents[:0], int(total))[:total]
	for j := 1; j <= n; j++ {
		for l := 1; l <= maxSeg && l <= j; l++ {
			for _, a := range rules[j-1][l-1] {
				sc.ents[sc.first[a.id]+sc.count[a.id]] = entry{j: int32(j), l: int32(l), lp: a.lp}
				sc.count[a.id]++
			}
		}
	}
}

// searchState is one walk of the skeleton trie.
type searchState struct {
	beam float32        // words more than beam below the best are dropped
	k    int            // at most k words are kept
	m    *skeletonSpace // whose trie is walked
	sc   *scratch       // the walk's scratch
	wm   *Model         // the words' model, which scores the words
	wsc  *wordScratch   // the token indexed for wm

	best float32
	// keyBest is the best score by channel and prior of the list's words
	keyBest float32
	floor   float32 // current bound: the lowest score asked for, raised to the beam below the best word
	hits    int
	// generic says whether edits no rule covers are tried (see search)
	generic bool
	budget  int // nodes the walk may still expand
	// poor, when above minLogProb, ends the first phase as soon as the
	// best word is sure to score below it
	poor    float32
	filling bool // second phase: the list is being filled (see fill)
}

// minLogProb stands for log10 0.
const minLogProb = -1e30

// An open node is a trie node reached by the search, with its column kept
// in the scratch's arena.
type open struct {
	node   int32
	parent int32   // index in opened of the parent, -1 for the root
	raw    float32 // best value of the column
	top    float32 // bound on the words read through the column: its values plus what the rest of the token costs at least
	bnd    float32 // bound on the words below: top, or the bound of those read through a rule spanning the node
	key    float32 // priority: bnd in the first phase, bnd plus the best prior below in the second
	col    int32   // offset of the column in arena
}

// segBests holds, for each segment of the token, the best rule producing
// it from one, two and three gold runes.
type segBests [maxTokenRunes][maxSeg][maxSeg]float32

// maxRest bounds the runes below a trie node: the longest word.
const maxRest = maxTokenRunes

// rest fills sc.hs: hs[lo][hi][j] is the best score with which a word's
// remaining lo to hi runes can be read as obs[j:], using for each piece
// the best rule of its length whatever its letters, a letter read as
// itself, or (when generic) an edit. A node's column value at j plus
// hs[lo][hi][j], for the range of the lengths of the words below it,
// bounds those words through j.
func (sc *scratch) rest(m *skeletonSpace, edit float32, segBest *segBests, generic bool) {
	n := len(sc.obs)
	var h [maxRest + 1][maxTokenRunes + 1]float32 // h[L][j]: exactly L runes
	for L := 0; L <= maxRest; L++ {
		for j := n; j >= 0; j-- {
			v := float32(minLogProb)
			if L == 0 && j == n {
				v = 0
			}
			if generic && j < n {
				v = max(v, edit+h[L][j+1]) // an inserted rune
			}
			for a := 1; a <= maxSeg && a <= L; a++ {
				if d := m.delBest[a-1]; d > minLogProb {
					v = max(v, d+h[L-a][j]) // a runes read as nothing
				}
				for l := 1; l <= maxSeg && j+l <= n; l++ {
					if sb := segBest[j+l-1][l-1][a-1]; sb > minLogProb {
						v = max(v, sb+h[L-a][j+l])
					}
				}
			}
			if L > 0 {
				if j < n && isVietLetter(sc.obs[j]) {
					v = max(v, -0.05+h[L-1][j+1])
				}
				if generic {
					v = max(v, edit+h[L-1][j]) // a rune dropped
					if j < n {
						v = max(v, edit+h[L-1][j+1]) // a rune misread
					}
				}
			}
			h[L][j] = v
		}
	}
	for lo := 0; lo <= maxRest; lo++ {
		for j := 0; j <= n; j++ {
			v := float32(minLogProb)
			for hi := lo; hi <= maxRest; hi++ {
				v = max(v, h[hi][j])
				sc.hs[lo][hi][j] = v
			}
		}
	}
}

// start opens the root.
func (st *searchState) start() {
	sc := st.sc
	n := len(sc.obs)
	w := n + 1
	sc.found, sc.heap, sc.pending = sc.found[:0], sc.heap[:0], sc.pending[:0]
	sc.opened, sc.pq = sc.opened[:0], sc.pq[:0]
	sc.arena = slices.Grow(sc.arena[:0], w)[:w]
	root := sc.arena[:w]
	root[0] = 0
	for j := 1; j <= n; j++ {
		root[j] = root[j-1] + st.wm.opts.EditLogProb
	}
	sc.opened = append(sc.opened, open{node: 0, parent: -1})
	sc.push(0)
}

// findBest is the first phase of the walk: best first on the bound, until
// no open node can hold a word better than the best found, which is then
// the best word of all. The beam and list size follow from it.
func (st *searchState) findBest() {
	sc := st.sc
	for len(sc.pq) > 0 && st.budget > 0 {
		i := sc.pq[0].i
		e := sc.opened[i]
		if e.bnd < st.floor {
			sc.pq = sc.pq[:0] // nothing left can make the list
			return
		}
		if st.hits > 0 && e.bnd < st.best {
			return
		}
		if st.poor > minLogProb && e.bnd < st.poor && (st.hits == 0 || st.best < st.poor) {
			return // the rules read the token poorly: the caller goes generic
		}
		sc.pop()
		st.budget--
		st.expand(i)
	}
}

// fill is the second phase: with the beam known, the open nodes are
// expanded best first on their bound plus the best prior below them, so
// that the list of the k best words by channel score and prior fills
// early, and the walk stops when no open node can improve it.
func (st *searchState) fill() {
	sc := st.sc
	st.filling = true
	// the words found so far that are within the beam make the list
	sc.found = slices.DeleteFunc(sc.found, func(f found) bool { return f.lp < st.floor })
	for _, f := range sc.found {
		st.list(f.word, f.lp)
	}
	st.addPending()
	q := sc.pq[:0]
	for _, it := range sc.pq {
		o := &sc.opened[it.i]
		if o.bnd >= st.floor {
			o.key = o.bnd + st.m.trie.nodes[o.node].maxPrior
			q = append(q, qitem{o.key, it.i})
		}
	}
	sc.pq = q
	for j := len(q)/2 - 1; j >= 0; j-- {
		sc.down(j)
	}
	for len(sc.pq) > 0 && st.budget > 0 {
		i := sc.pop()
		e := sc.opened[i]
		if e.key < st.cut() {
			return
		}
		if e.bnd < st.floor {
			continue
		}
		st.budget--
		st.expand(i)
	}
}

// expand computes the columns of the children of opened node i, records
// their words and opens those worth it.
func (st *searchState) expand(i int32) {
	m, sc := st.m, st.sc
	n := len(sc.obs)
	w := n + 1
	var anc [3][]float32
	var raws, tops [3]float32
	e := sc.opened[i]
	// the columns of e and its two nearest ancestors
	for k, a := 0, i; k < 3; k++ {
		if a < 0 {
			anc[k] = nil
			continue
		}
		o := &sc.opened[a]
		anc[k], raws[k], tops[k] = sc.arena[o.col:o.col+int32(w)], o.raw, o.top
		a = o.parent
	}
	nd := &m.trie.nodes[e.node]
	for c := nd.first; c < nd.first+nd.n; c++ {
		sc.visits++
		ch := &m.trie.nodes[c]
		thr := st.floor
		if cut := st.cut(); st.filling && cut > minLogProb {
			if e.bnd+ch.maxPrior < cut {
				break // nor can those after it, whose words are rarer
			}
			thr = max(thr, cut-ch.maxPrior)
		}
		// The child's column bounds the words read through it (top), sp
		// those read through a rule spanning it; reaches is a cheap test
		// before the column.
		off := len(sc.arena)
		sc.arena = slices.Grow(sc.arena, w)[:off+w]
		C := sc.arena[off : off+w]
		var raw, top float32
		computed := st.reaches(ch, thr, &raws, &tops, &anc)
		if computed {
			raw, top = st.column(ch, &anc, C)
		}
		sp, spDone := float32(0), false
		if !computed || top < thr {
			if sp, spDone = st.span(ch, thr, &raws, &tops, &anc), true; sp < thr || st.spanExact(ch, &anc) < thr {
				sc.arena = sc.arena[:off]
				continue
			}
			if !computed {
				raw, top = st.column(ch, &anc, C)
			}
		}
		if !spDone {
			sp = st.span(ch, max(thr, top), &raws, &tops, &anc)
		}
		// spans below thr matter neither way: the column's bound is above
		// them, or the child is dropped
		bnd := top
		if sp > top && sp >= thr {
			bnd = max(top, st.spanExact(ch, &anc))
		}
		if bnd < st.floor || (st.filling && bnd+ch.maxPrior < st.cut()) {
			// below the beam, or no word below can enter the full list
			sc.arena = sc.arena[:off]
			continue
		}
		if ch.word >= 0 && C[n] >= st.floor {
			st.addFamily(ch.word, C[n])
		}
		if ch.n == 0 {
			sc.arena = sc.arena[:off]
			continue
		}
		key := bnd
		if st.filling {
			key += ch.maxPrior
		}
		sc.opened = append(sc.opened, open{node: c, parent: i, raw: raw, top: top, bnd: bnd, key: key, col: int32(off)})
		sc.push(int32(len(sc.opened) - 1))
	}
}

// A qitem is an opened node in the priority queue, with its key.
type qitem struct {
	key float32
	i   int32
}

// push adds opened node i to the priority queue (a max-heap on key).
func (sc *scratch) push(i int32) {
	it := qitem{sc.opened[i].key, i}
	q := append(sc.pq, it)
	j := len(q) - 1
	for j > 0 {
		p := (j - 1) / 2
		if q[p].key >= it.key {
			break
		}
		q[j] = q[p]
		j = p
	}
	q[j] = it
	sc.pq = q
}

// pop removes and returns the opened node with the best key.
func (sc *scratch) pop() int32 {
	q := sc.pq
	i := q[0].i
	last := len(q) - 1
	q[0] = q[last]
	sc.pq = q[:last]
	sc.down(0)
	return i
}

// down restores the heap order of the priority queue below position j.
func (sc *scratch) down(j int) {
	q := sc.pq
	if j >= len(q) {
		return
	}
	it := q[j]
	for {
		l := 2*j + 1
		if l >= len(q) {
			break
		}
		if r := l + 1; r < len(q) && q[r].key > q[l].key {
			l = r
		}
		if q[l].key <= it.key {
			break
		}
		q[j] = q[l]
		j = l
	}
	q[j] = it
}

// column computes into C the column of the trie node ch from the columns
// anc of its parent, grandparent and great-grandparent (nil above the
// root), and returns its best value and its bound: the best of value plus
// sc.hs (see rest).
func (st *searchState) column(ch *trieNode, anc *[3][]float32, C []float32) (raw, top float32) {
	sc := st.sc
	w := len(sc.obs) + 1
	st.m.extend(&sc.tokenIndex, ch.r, sc.inObs(ch.r), &ch.alpha, anc, C, st.generic, st.wm.opts.EditLogProb)
	C = C[:w]
	h := sc.hs[ch.lo][ch.hi][:w]
	raw, top = C[0], C[0]+h[0]
	for j := 1; j < w; j++ {
		raw = max(raw, C[j])
		top = max(top, C[j]+h[j])
	}
	return raw, top
}

// extend is the step of the Brill–Moore programme over the token indexed
// in ix: it computes into C the column of a gold rune r, whose suffixes of
// one to three runes ending with it have the rule ids alpha (-1: none),
// from the columns anc of the one, two and three gold runes before it (nil
// before the start). C[j] is the best score of reading the gold runes up
// to r as obs[:j]. occurs false says the token has no r (a shortcut);
// generic allows the edits no rule covers, at log prob edit each.
func (rs *ruleSet) extend(ix *tokenIndex, r rune, occurs bool, alpha *[3]int32, anc *[3][]float32, C []float32, generic bool, edit float32) {
	w := len(ix.obs) + 1
	C = C[:w]
	P := anc[0][:w]
	if generic {
		C[0] = P[0] + edit
		for j := 1; j < w; j++ {
			C[j] = max(P[j], P[j-1]) + edit // r dropped, or misread
		}
	} else {
		for j := range C {
			C[j] = minLogProb
		}
	}
	if occurs {
		for j, o := range ix.obs {
			if o == r {
				C[j+1] = max(C[j+1], P[j]-0.05) // r read as itself
			}
		}
	}
	for k := 1; k <= 3; k++ {
		id := alpha[k-1]
		A := anc[k-1]
		if id < 0 || A == nil {
			continue
		}
		A = A[:w]
		if dl := rs.delLP[id]; dl > minLogProb {
			for j := range C {
				C[j] = max(C[j], A[j]+dl)
			}
		}
		if ix.stamp[id] != ix.gen {
			continue
		}
		for _, en := range ix.entries(id) {
			if v := A[en.j-en.l] + en.lp; v > C[en.j] {
				C[en.j] = v
			}
		}
	}
	if generic {
		for j := 1; j < w; j++ {
			C[j] = max(C[j], C[j-1]+edit) // a rune inserted
		}
	}
}

// reaches reports whether the column of child ch may reach thr: whether
// an upper bound on its bound (top), from the best raw values raws and the
// bounds tops of the columns anc of its ancestors, is at least thr. It is
// a cheap test before computing the column.
func (st *searchState) reaches(ch *trieNode, thr float32, raws, tops *[3]float32, anc *[3][]float32) bool {
	sc := st.sc
	switch {
	case sc.inObs(ch.r):
		if min(tops[0], raws[0]-0.05) >= thr {
			return true
		}
	case st.generic:
		if min(tops[0], raws[0]+st.wm.opts.EditLogProb) >= thr {
			return true
		}
	}
	for k := 1; k <= 3; k++ {
		id := ch.alpha[k-1]
		if id < 0 || anc[k-1] == nil {
			continue
		}
		if min(tops[k-1], raws[k-1]+st.m.delLP[id]) >= thr {
			return true
		}
		if sc.stamp[id] == sc.gen && min(tops[k-1], raws[k-1]+sc.best[id]) >= thr {
			return true
		}
	}
	return false
}

// sortSpans orders the rules spanning each node of the trie, those from
// the parent and those from the grandparent, by their best log prob
// whatever the token, so that span can stop early.
func (m *skeletonSpace) sortSpans() {
	best := slices.Clone(m.delLP)
	for _, as := range m.byBeta {
		for _, a := range as {
			best[a.id] = max(best[a.id], a.lp)
		}
	}
	byBest := func(x, y spanRule) int { return cmp.Compare(best[y.id], best[x.id]) }
	t := &m.trie
	for i := range t.nodes {
		nd := &t.nodes[i]
		p := t.spans[nd.span : nd.span+int32(nd.nP)]
		g := t.spans[nd.span+int32(nd.nP) : nd.span+int32(nd.nP)+int32(nd.nG)]
		slices.SortStableFunc(p, byBest)
		slices.SortStableFunc(g, byBest)
	}
}

// span returns a bound on the words below child ch read through a rule
// that spans it, from the columns anc of its parent and grandparent, their
// best raw values raws and their bounds tops. It returns as soon as the
// bound reaches stop.
func (st *searchState) span(ch *trieNode, stop float32, raws, tops *[3]float32, anc *[3][]float32) float32 {
	sc, m := st.sc, st.m
	b := float32(minLogProb)

	rs := m.trie.spans[ch.span : ch.span+int32(ch.nP)+int32(ch.nG)]
	for k, r := range rs {
		id := r.id
		a := 0
		if k >= int(ch.nP) {
			a = 1
			if anc[1] == nil {
				break
			}
		}
		lp := m.delLP[id]
		if sc.stamp[id] == sc.gen {
			lp = max(lp, sc.best[id])
		}
		if lp > minLogProb {
			if b = max(b, min(tops[a], raws[a]+lp)); b >= stop {
				return b // enough for the caller
			}
		}
	}
	return b
}

// spanExact is span computed from the columns: the best value of each
// rule spanning ch applied to its ancestor's column, plus what the rest of
// the token costs at least below the node where the rule ends.
func (st *searchState) spanExact(ch *trieNode, anc *[3][]float32) float32 {
	sc, m := st.sc, st.m
	b := float32(minLogProb)
	rs := m.trie.spans[ch.span : ch.span+int32(ch.nP)+int32(ch.nG)]
	for k, r := range rs {
		A := anc[0]
		if k >= int(ch.nP) {
			A = anc[1]
			if A == nil {
				break
			}
		}
		H := sc.hs[r.lo][r.hi][:len(A)]
		if dl := m.delLP[r.id]; dl > minLogProb {
			for j, v := range A {
				b = max(b, v+dl+H[j])
			}
		}
		if sc.stamp[r.id] != sc.gen {
			continue
		}
		for _, en := range sc.entries(r.id) {
			b = max(b, A[en.j-en.l]+en.lp+H[en.j])
		}
	}
	return b
}

// add records a word. In the first phase it raises the bound to the beam
// below the best word; in the second it puts the word on the list of the
// k best by channel score and prior, whose worst bounds the rest.
func (st *searchState) add(w int32, lp float32) {
	st.sc.found = append(st.sc.found, found{w, lp})
	if st.filling {
		st.list(w, lp)
		return
	}
	if st.hits == 0 || lp > st.best {
		st.best = lp
	}
	st.hits++
	if st.best >= -1 && !st.generic {
		// a token some word reads well: the narrow beam and list
		st.beam, st.k = st.wm.opts.Beam, st.wm.opts.MaxCandidates
	}
	st.floor = max(st.floor, st.best-st.beam)
}

// cut is the score by channel and prior that a word must beat to enter
// the list: the list's worst when it is full, and PriorBeam below its best.
func (st *searchState) cut() float32 {
	c := st.keyBest - st.wm.opts.PriorBeam
	if len(st.sc.heap) == st.k {
		c = max(c, st.sc.heap[0])
	}
	return c
}

// list puts a word on the min-heap of the k best scores by channel and
// prior, and keeps the best of those scores.
func (st *searchState) list(w int32, lp float32) {
	h := st.sc.heap
	k := st.k
	lp += st.wm.prior[w]
	st.keyBest = max(st.keyBest, lp)
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
