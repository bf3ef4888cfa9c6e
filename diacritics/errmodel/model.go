package errmodel

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/vnarchive/vnrestore/diacritics"
	"github.com/vnarchive/vnrestore/lexicon"
)

// A Model is a compiled error model over a syllable inventory: for an
// observed token it proposes the syllables the engine may have misread, each
// with log10 P(token | syllable). It implements diacritics.Channel and is
// safe for concurrent use.
//
// P(token | syllable) is Brill and Moore's: the best partition of the
// syllable into segments of one to three runes, each rewritten by a learned
// rule α → β with probability P(β | α), with a small fixed probability for
// single-rune edits no rule covers. Candidates are found by a best-first
// search with that dynamic programme over a trie of the inventory's
// skeletons, the words without their marks (see Options for its bounds),
// and are cached per token.
type Model struct {
	name string
	opts Options
	ruleSet
	caseBest [numPatterns]Case
	words    []compiledWord // the inventory's words, sorted, compiled for score
	prior    []float32      // word → log10 prior
	skel     *skeletonSpace // what the search walks
	exact    float32        // share of tokens the engine read exactly in training
	mergeLP  float32        // log10 P(engine dropped the space between two words)
	splitLP  float32        // log10 P(engine cut a word in two)
	cache    *cache
	scratch  sync.Pool // of wordScratches (see score)
}

// A ruleSet holds a channel's rules α → β over some gold alphabet (the
// words' letters, or their skeletons'), indexed for reading a token.
type ruleSet struct {
	alphaID  map[string]int32
	byBeta   map[string][]alphaLP // observed segment β → rules α → β
	delLP    []float32            // α id → log10 P("" | α), or -Inf
	alphaLen []int8               // α id → runes of α
	delBest  [maxSeg]float32      // best log10 P("" | α) for α of 1, 2, 3 runes
}

// An alphaLP is a rule α → β seen from β's side.
type alphaLP struct {
	id int32
	lp float32
}

// Options tune candidate generation. The zero value of a field means its
// default.
type Options struct {
	// Inventory lists the syllables the channel may propose, lower-case
	// NFC. Default: the syllables the embedded language model knows
	// (Inventory). A decoder running another model should pass
	// KnownTo(itsModel, lexicon.Inventory()): no candidate slot then goes
	// to a syllable the decoder would drop, and a smaller trie is faster.
	Inventory []string
	// Prior gives log10 of the prior probability of a word of the
	// inventory. Of the words within the beam, the channel keeps the
	// MaxCandidates best by channel score plus prior (the scores it returns
	// are the channel's alone). Default: the unigram probability of the
	// embedded language model; a decoder running another model should pass
	// its own.
	Prior func(word string) float32
	// Known, when set, keeps only the syllables of the inventory for which
	// it returns true.
	Known func(syllable string) bool
	// Beam drops candidates whose score is more than Beam (log10) below the
	// best candidate's. Default 4.
	Beam float32
	// Floor is the lowest score a candidate may have, per observed rune;
	// the bound is Floor·(runes+1), but not below MinLogProb. Default -1.6.
	Floor float32
	// MinLogProb is the lowest score a candidate may have. Default -8.
	MinLogProb float32
	// MaxCandidates caps the single-syllable candidates returned per
	// token, and separately the two-syllable ones. Default 16.
	MaxCandidates int
	// PriorBeam drops candidates whose channel score plus prior is more
	// than PriorBeam (log10) below the best candidate's by that measure: a
	// decoder's context rarely raises a word that far above its prior,
	// so such a candidate is rarely chosen. Default 3.5.
	PriorBeam float32
	// WideBeam and WideMaxCandidates replace Beam and MaxCandidates for a
	// token that no syllable reads well (none scores above -1), as the
	// garbled words of badly degraded pages: the right reading is then
	// rarely among the first few. Defaults 6 and 16 (the decoder weighs at
	// most 16 readings of a token, chosen by the same score: a longer list
	// costs search time and changes nothing).
	WideBeam          float32
	WideMaxCandidates int
	// MaxExpansions bounds the work per token: the search stops after
	// expanding this many trie nodes, the most promising first, and
	// returns what it found. Default 2000.
	MaxExpansions int
	// EditLogProb is log10 of the probability of a single-rune edit that no
	// learned rule covers; such edits are tried only for a token that the
	// rules read poorly (no word above -2). Default -3.
	EditLogProb float32
	// CacheSize is the number of tokens whose candidates are cached.
	// Default 1<<16; negative disables the cache.
	CacheSize int
}

func (o *Options) setDefaults() {
	if o.Inventory == nil {
		o.Inventory = Inventory()
	}
	if o.Prior == nil {
		o.Prior = defaultPrior()
	}
	if o.Beam == 0 {
		o.Beam = 4
	}
	if o.Floor == 0 {
		o.Floor = -1.6
	}
	if o.MinLogProb == 0 {
		o.MinLogProb = -8
	}
	if o.MaxCandidates == 0 {
		o.MaxCandidates = 16
	}
	if o.PriorBeam == 0 {
		o.PriorBeam = 3.5
	}
	if o.WideBeam == 0 {
		o.WideBeam = 6
	}
	if o.WideMaxCandidates == 0 {
		o.WideMaxCandidates = 16
	}
	if o.MaxExpansions == 0 {
		o.MaxExpansions = 2000
	}
	if o.EditLogProb == 0 {
		o.EditLogProb = -3
	}
	if o.CacheSize == 0 {
		o.CacheSize = 1 << 16
	}
}

// New compiles the parameters p over the syllable inventory of opts
// (duplicates and non-words in it are ignored).
func New(p *Params, opts Options) *Model {
	opts.setDefaults()
	m := &Model{name: p.Name, opts: opts, ruleSet: ruleSet{alphaID: make(map[string]int32), byBeta: make(map[string][]alphaLP)}}
	for _, r := range p.Rules {
		if _, ok := m.alphaID[r.Alpha]; !ok {
			m.alphaID[r.Alpha] = int32(len(m.alphaID))
		}
	}
	m.delLP = make([]float32, len(m.alphaID))
	for i := range m.delLP {
		m.delLP[i] = float32(math.Inf(-1))
	}
	m.alphaLen = make([]int8, len(m.alphaID))
	for a, id := range m.alphaID {
		m.alphaLen[id] = int8(utf8.RuneCountInString(a))
	}
	mergeLP := float32(math.Inf(-1))
	if s := p.Stats; s.Boundaries > 0 {
		mergeLP = float32(math.Log10((float64(s.Merges) + 0.5) / (float64(s.Boundaries) + 1)))
	}
	m.mergeLP = mergeLP
	m.splitLP = float32(math.Inf(-1))
	if s := p.Stats; s.Pairs > 0 {
		m.splitLP = float32(math.Log10((float64(s.Splits) + 0.5) / (float64(s.Pairs+s.Splits) + 1)))
	}
	for _, r := range p.Rules {
		id := m.alphaID[r.Alpha]
		lp := float32(math.Log10(r.Count / (p.AlphaTotal[r.Alpha] + 1)))
		if r.Alpha == " " && r.Beta == "" {
			lp = mergeLP
		}
		if r.Beta == "" {
			m.delLP[id] = lp
			continue
		}
		m.byBeta[r.Beta] = append(m.byBeta[r.Beta], alphaLP{id, lp})
	}
	m.addMarkSlips(p)
	for i := range m.delBest {
		m.delBest[i] = minLogProb
	}
	for a, id := range m.alphaID {
		if l := m.alphaLen[id]; isWordLike(a) && m.delLP[id] > m.delBest[l-1] {
			m.delBest[l-1] = m.delLP[id]
		}
	}
	for pat := range numPatterns {
		best := Lower
		for c := range Case(numCases) {
			if p.Cases[pat][c] > p.Cases[pat][best] {
				best = c
			}
		}
		m.caseBest[pat] = best
	}
	m.caseBest[patternOf("A")] = Upper // a lone capital is ambiguous; keep it
	if p.Stats.Pairs > 0 {
		m.exact = float32(p.Stats.Exact) / float32(p.Stats.Pairs)
	}
	inv := opts.Inventory
	if opts.Known != nil {
		inv = make([]string, 0, len(opts.Inventory))
		for _, w := range opts.Inventory {
			if opts.Known(w) {
				inv = append(inv, w)
			}
		}
	}
	m.words = m.compileWords(wordList(inv))
	m.prior = make([]float32, len(m.words))
	if opts.Prior != nil {
		for i, w := range m.words {
			m.prior[i] = opts.Prior(w.text)
		}
	}
	m.skel = newSkeleton(m)
	m.cache = newCache(opts.CacheSize)
	m.scratch.New = func() any { return &wordScratch{tokenIndex: newTokenIndex(len(m.alphaID)), dpWord: -1} }
	return m
}

// addMarkSlips smooths the single-letter rules: a vowel read as another
// vowel of the same skeleton letter (ẩ as â, ố as ó) that the training data
// never showed gets the engine's overall rate of such slips, shared among
// the letter's variants. Without it a rare slip ("khân" for "khẩn") could
// only be reached by an edit no rule covers.
func (m *Model) addMarkSlips(p *Params) {
	var slips, total float64
	seen := make(map[[2]rune]bool)
	for _, r := range p.Rules {
		a, b := []rune(r.Alpha), []rune(r.Beta)
		if len(a) != 1 || len(b) != 1 || !isVowelLetter(a[0]) {
			continue
		}
		seen[[2]rune{a[0], b[0]}] = true
		if base(a[0]) == base(b[0]) && a[0] != b[0] {
			slips += r.Count
		}
	}
	for a, c := range p.AlphaTotal {
		if ra := []rune(a); len(ra) == 1 && isVowelLetter(ra[0]) {
			total += c
		}
	}
	if slips == 0 || total == 0 {
		return
	}
	for a := range baseOf {
		id, ok := m.alphaID[string(a)]
		if !ok || !isVowelLetter(a) {
			continue
		}
		var variants []rune
		for b := range baseOf {
			if b != a && base(b) == base(a) && !seen[[2]rune{a, b}] {
				variants = append(variants, b)
			}
		}
		if len(variants) == 0 {
			continue
		}
		lp := float32(math.Log10(slips / total / float64(len(variants)+1)))
		for _, b := range variants {
			m.byBeta[string(b)] = append(m.byBeta[string(b)], alphaLP{id, lp})
		}
	}
}

// Name returns the name the model was trained under, e.g. "legacy".
func (m *Model) Name() string { return m.name }

// Candidates appends to dst the syllables the observed token may stand for,
// best first, with log10 P(token | syllable). Tokens longer than 10 runes,
// or with more than half non-letters (numbers, dates, codes) get none.
func (m *Model) Candidates(token string, dst []diacritics.Candidate) []diacritics.Candidate {
	key := strings.ToLower(token)
	if c, ok := m.cache.get(key); ok {
		return append(dst, c...)
	}
	c := m.addPairs(key, m.single(key))
	m.cache.put(key, c)
	return append(dst, c...)
}

// single returns the single-syllable readings of the lower-case token s,
// cached apart from the full readings.
func (m *Model) single(s string) []diacritics.Candidate {
	key := "\x00" + s
	if c, ok := m.cache.get(key); ok {
		return c
	}
	c := m.search(s)
	m.cache.put(key, c)
	return c
}

// perHalf is how many readings of each half of a glued token make pairs:
// the perHalf best by channel score and prior.
const perHalf = 4

// half returns the readings of a piece of a token that may hold two
// syllables, from a search kept short: a pair is only worth it when both
// halves read well, by the learned rules alone.
func (m *Model) half(s string) []diacritics.Candidate {
	const (
		halfLogProb = -4
		halfBudget  = 300
	)
	key := "\x02" + s
	if c, ok := m.cache.get(key); ok {
		return c
	}
	c := m.searchLimited(s, limits{minLogProb: halfLogProb, budget: halfBudget, k: perHalf})
	m.cache.put(key, c)
	return c
}

// addPairs adds to the candidates c of the lower-case token s the readings
// of s as two syllables glued together ("doivi" for "đối với"), when s is
// long enough and no single syllable reads it even fairly (none scores
// -3 or better: between -3 and -1, the pairs never changed a word the
// decoder chose on the synthetic pages, held out or not). A pair is scored as
// its halves' readings times the probability that the engine dropped the
// space between two words; at most MaxCandidates pairs are added.
func (m *Model) addPairs(s string, c []diacritics.Candidate) []diacritics.Candidate {
	const weak = -3 // a single reading at least this good rules out pairs
	if m.mergeLP < -1e30 || strings.ContainsRune(s, ' ') || (len(c) > 0 && c[0].LogProb >= weak) {
		return c
	}
	rs := []rune(s)
	if len(rs) < 5 {
		return c
	}
	floor := m.opts.MinLogProb
	if len(c) > 0 {
		floor = max(floor, c[0].LogProb-m.opts.Beam)
	}
	var pairs []diacritics.Candidate
	for cut := 2; cut <= len(rs)-2; cut++ {
		right := m.half(string(rs[cut:]))
		if len(right) == 0 {
			continue // no pair at this cut: the left half is not needed
		}
		left := m.half(string(rs[:cut]))
		for _, a := range left {
			for _, b := range right {
				if lp := a.LogProb + b.LogProb + m.mergeLP; lp >= floor {
					pairs = append(pairs, diacritics.Candidate{Text: a.Text + " " + b.Text, LogProb: lp})
				}
			}
		}
	}
	if len(pairs) == 0 {
		return c
	}
	sortCandidates(pairs)
	if len(c) == 0 {
		floor = pairs[0].LogProb - m.opts.Beam
	}
	for i, p := range pairs {
		if i == m.opts.MaxCandidates || p.LogProb < floor {
			break
		}
		c = append(c, p)
	}
	sortCandidates(c)
	return slices.Clip(c)
}

// CandidatesJoined appends to dst the syllables that two adjacent observed
// tokens a and b may together stand for (the engine split one word in two,
// as in "viéc &" for "việc"): the readings of a and b written together,
// times the probability that the engine cut a word, learned from the
// training data. Pairs longer than a syllable can be, whose shorter token
// is longer than three runes, whose tokens both hold a vowel, or whose
// tokens both read well as words on their own get nothing.
func (m *Model) CandidatesJoined(a, b string, dst []diacritics.Candidate) []diacritics.Candidate {
	// A decoder asks this of most pairs of neighbours: the search is kept
	// short, with a tighter bound and budget than for a single token.
	const (
		maxJoined     = 9  // runes of a and b together
		maxPiece      = 3  // runes of the shorter of a and b: a speck or a cut-off piece
		joinedLogProb = -4 // lowest score of the joined reading
		joinedBudget  = 200
	)
	na, nb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
	if m.splitLP < -1e30 || na+nb > maxJoined || min(na, nb) > maxPiece {
		return dst
	}
	if hasVowel(a) && hasVowel(b) {
		// A cut leaves a piece without a vowel: a consonant cluster (tr,
		// cl) or a speck (&, |). On the synthetic pages, joining two pieces
		// that both hold one changed 6 words of about 43,000 the decoder
		// chose, 3 for the better, and cost a twentieth of the time.
		return dst
	}
	if m.readsWell(a) && m.readsWell(b) {
		return dst // two good words: the engine did not cut one
	}
	key := "\x01" + strings.ToLower(a+b)
	c, ok := m.cache.get(key)
	if !ok {
		c = m.searchLimited(key[1:], limits{minLogProb: joinedLogProb, budget: joinedBudget, generic: true})
		m.cache.put(key, c)
	}
	for _, c := range c {
		c.LogProb += m.splitLP
		dst = append(dst, c)
	}
	return dst
}

// hasVowel reports whether s holds a vowel letter, marked or not.
func hasVowel(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return isVowelLetter(unicode.ToLower(r)) })
}

// readsWell reports whether some syllable reads token well (above -1.5).
func (m *Model) readsWell(token string) bool {
	c := m.single(strings.ToLower(token))
	return len(c) > 0 && slices.MaxFunc(c, func(x, y diacritics.Candidate) int { return cmp.Compare(x.LogProb, y.LogProb) }).LogProb > -1.5
}

// CandidatesConf is Candidates for an engine that reports its confidence
// conf (0..1) in the token, such as Tesseract's word confidence / 100. The
// reading equal to the token is scored up by log10(conf/e) and every other
// reading down by log10((1-conf)/(1-e)), where e is the share of tokens the
// engine read exactly in the training data, so a confident word stays and a
// doubtful one yields to its neighbours. conf is clamped to [0.01, 0.99].
func (m *Model) CandidatesConf(token string, conf float32, dst []diacritics.Candidate) []diacritics.Candidate {
	n := len(dst)
	dst = m.Candidates(token, dst)
	e := min(max(m.exact, 0.05), 0.95)
	conf = min(max(conf, 0.01), 0.99)
	up := float32(math.Log10(float64(conf / e)))
	down := float32(math.Log10(float64((1 - conf) / (1 - e))))
	key := strings.ToLower(token)
	for i := n; i < len(dst); i++ {
		if dst[i].Text == key {
			dst[i].LogProb += up
		} else {
			dst[i].LogProb += down
		}
	}
	return dst
}

// Case returns the most likely capitalisation of the word the engine read
// as token, learned from how it printed gold words: "dOng" is lower case
// noise, "CAp" is a title-case word whose marked vowel came out upper case.
func (m *Model) Case(token string) Case {
	return m.caseBest[patternOf(token)]
}

// ApplyCase returns the lower-case reading capitalised as c; Mixed leaves
// it unchanged.
func ApplyCase(reading string, c Case) string {
	switch c {
	case Upper:
		return strings.ToUpper(reading)
	case Title:
		return lexicon.TitleCase(reading)
	}
	return reading
}

// sortCandidates orders candidates best first, ties by text.
func sortCandidates(c []diacritics.Candidate) {
	sort.Slice(c, func(i, j int) bool {
		if c[i].LogProb != c[j].LogProb {
			return c[i].LogProb > c[j].LogProb
		}
		return c[i].Text < c[j].Text
	})
}
