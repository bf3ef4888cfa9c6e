package diacritics

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/vnarchive/vnrestore/lexicon"
)

// A decoder holds the working memory of one line's decoding; Restorer keeps
// a pool of them so that decoding allocates little.
//
// The line becomes a sequence of units (its tokens less white space). A unit
// the decoder does not decide has one option; a word to restore has one per
// reading. Options may emit two model words (a glued pair the channel split)
// or span two units (a pair the channel joined). A beam search over model
// states (the last two words) picks the best path: the exact Viterbi
// recursion, with the states at each unit cut to the beam.
type decoder struct {
	r   *Restorer
	lm  *lexicon.Model // the model variant scoring the current line
	fit decayedMean    // the evidence that the text is domain text (see WithVariant)
	// garbled is the share of garbled words among the words of the
	// unaccented lines decoded so far in Auto mode (see classify)
	garbled  decayedMean
	toks     []lexicon.Token
	units    []unit
	options  []option
	lineMode Mode

	hist    []histEntry
	buckets [3][]state // states at boundaries i, i+1, i+2 (a ring)
	seen    recombiner
	chosen  []int32 // per unit: the chosen option, or -1 when an earlier option spanned it

	lowerBuf []byte

	// sentenceStart: the line starts a sentence (the first line, or the
	// previous one ended with . ! ? or :); sentenceEnd: the line ends one.
	// A line that breaks a sentence in two (a wrapped line of a scan) is
	// decoded without the sentence boundaries that would bias its first and
	// last words.
	sentenceStart, sentenceEnd bool
	firstLP                    []float32 // per option of the unit: its model score from the best hypothesis
	pieces                     []piece
	cands                      []Candidate
	ranked                     []rankedReading
	confs                      []float32 // the OCR engine's confidence in each white-space chunk of the line, if known
}

// A unit is one non-space token of the line, or a chunk of tokens that the
// legacy mode reads as one observed word.
type unit struct {
	tok, ntok   int32 // the tokens it covers
	first, nopt int32 // its options in decoder.options
	decide      bool  // the decoder chooses among options (else the only option is the input)
	cs          lexicon.Case
}

// An option is one way to read a unit.
type option struct {
	ids     [2]lexicon.WordID // the model words it emits
	n       uint8             // how many of ids
	span    uint8             // units it covers (1, or 2 for a joined pair)
	key     string            // lower-case output text; "" keeps the input as it is
	rd      *reading          // the plain reading the option is, if it is one (its syllable parsed)
	channel float32           // weighted log10 P(observed | option)
}

type state struct {
	lm    lexicon.State // what the model remembers of the path
	score float32
	hist  int32 // the path's last entry in decoder.hist
}

type histEntry struct {
	prev      int32
	unit, opt int32
}

func newDecoder(r *Restorer) *decoder {
	return &decoder{r: r}
}

// decodeLine decodes the next line of a text (without its line end) in the
// Restorer's mode; the line after it starts a sentence if this one ends one.
func (d *decoder) decodeLine(line string) {
	d.decodeLineMode(line, d.r.opts.mode)
	d.updateFit()
	d.sentenceStart = d.sentenceEnd
}

// decodeLineMode decodes one line in mode (Auto: as classify decides).
func (d *decoder) decodeLineMode(line string, mode Mode) {
	d.toks = lexicon.AppendTokens(d.toks[:0], line)
	d.sentenceEnd = endsSentence(d.toks)
	d.units = d.units[:0]
	d.options = d.options[:0]
	d.lineMode = mode
	if d.lineMode == Auto {
		d.lineMode = d.classify(d.toks)
	}
	d.lm = d.pickVariant()
	switch d.lineMode {
	case Legacy:
		d.unitsLegacy()
	case OCR:
		d.unitsOCR()
	case Plain:
		d.unitsPlain()
	default:
		d.unitsFixed()
	}
	d.search()
}

// score returns log10 P(w | state) and the state after w. With
// WithOrder(1) it is the unigram probability and the state never changes.
func (d *decoder) score(st lexicon.State, w lexicon.WordID) (float32, lexicon.State) {
	if d.r.opts.order == 1 {
		return d.lm.Unigram(w), st
	}
	return d.lm.Score(st, w)
}

// search runs the beam search over the units and sets d.chosen.
func (d *decoder) search() {
	n := len(d.units)
	d.chosen = slices.Grow(d.chosen[:0], n)[:n]
	for i := range d.chosen {
		d.chosen[i] = -1
	}
	if n == 0 {
		return
	}
	// Fast path: a line where nothing is to decide.
	decide := false
	for i := range d.units {
		if d.units[i].decide {
			decide = true
			break
		}
	}
	if !decide {
		for i := range d.units {
			d.chosen[i] = 0
		}
		return
	}
	d.hist = d.hist[:0]
	for k := range d.buckets {
		d.buckets[k] = d.buckets[k][:0]
		d.seen.clear(k)
	}
	start := d.lm.BeginSentence()
	if !d.sentenceStart && d.wrapped() {
		start = lexicon.State{} // the line goes on a sentence: no context known
	}
	d.buckets[0] = append(d.buckets[0], state{lm: start, hist: -1})
	beam := d.r.opts.beam
	for i := 0; i < n; i++ {
		cur := d.prune(d.buckets[i%3], beam)
		u := &d.units[i]
		d.firstLP = slices.Grow(d.firstLP[:0], int(u.nopt))[:u.nopt]
		bestNext := float32(math.Inf(-1))
		for si, s := range cur {
			for k := u.first; k < u.first+u.nopt; k++ {
				o := &d.options[k]
				if i+int(o.span) > n {
					continue
				}
				if si > 0 && o.span == 1 && d.r.opts.threshold > 0 && s.score+o.channel+d.firstLP[k-u.first]+lookAhead < bestNext-d.r.opts.threshold {
					continue
				}
				sc := s.score + o.channel
				lm := s.lm
				for j := uint8(0); j < o.n; j++ {
					lp, next := d.score(lm, o.ids[j])
					sc += lp
					lm = next
				}
				if si == 0 {
					d.firstLP[k-u.first] = sc - s.score - o.channel
				}
				if o.span == 1 {
					bestNext = max(bestNext, sc)
				}
				d.hist = append(d.hist, histEntry{prev: s.hist, unit: int32(i), opt: k})
				d.push((i+int(o.span))%3, state{lm: lm, score: sc, hist: int32(len(d.hist) - 1)})
			}
		}
		d.buckets[i%3] = cur[:0]
		d.seen.clear(i % 3)
	}
	final := d.buckets[n%3]
	best, bestScore := -1, float32(math.Inf(-1))
	for j, s := range final {
		sc := s.score
		if d.sentenceEnd || !d.wrapped() {
			lp, _ := d.score(s.lm, d.r.eos)
			sc += lp
		}
		if sc > bestScore {
			best, bestScore = j, sc
		}
	}
	for h := final[best].hist; h >= 0; h = d.hist[h].prev {
		e := d.hist[h]
		d.chosen[e.unit] = e.opt - d.units[e.unit].first
	}
}

// push adds s to bucket k, keeping only the best state for each model
// state (hypothesis recombination).
func (d *decoder) push(k int, s state) {
	b := d.buckets[k]
	key := s.lm
	if j, ok := d.seen.get(k, key); ok {
		if s.score > b[j].score {
			b[j] = s
		}
		return
	}
	d.seen.put(k, key, int32(len(b)))
	d.buckets[k] = append(b, s)
}

// prune drops the states below the threshold and keeps the beam best,
// best first.
func (d *decoder) prune(states []state, beam int) []state {
	if t := d.r.opts.threshold; t > 0 && len(states) > 1 {
		best := states[0].score
		for _, s := range states[1:] {
			best = max(best, s.score)
		}
		kept := states[:0]
		for _, s := range states {
			if s.score >= best-t {
				kept = append(kept, s)
			}
		}
		states = kept
	}
	slices.SortFunc(states, func(a, b state) int { return cmp.Compare(b.score, a.score) })
	return states[:min(beam, len(states))]
}

// A recombiner finds the state with a given model state in a bucket. It is
// an open-addressing table per bucket, emptied in O(1) by a generation stamp.
type recombiner struct {
	tabs [3]recombineTable
}

type recombineTable struct {
	keys  []lexicon.State
	vals  []int32
	stamp []uint32
	gen   uint32
	n     int
}

func (r *recombiner) get(k int, key lexicon.State) (int32, bool) {
	t := &r.tabs[k]
	if t.keys == nil {
		return 0, false
	}
	mask := uint64(len(t.keys) - 1)
	for i := key.Hash() & mask; ; i = (i + 1) & mask {
		if t.stamp[i] != t.gen {
			return 0, false
		}
		if t.keys[i] == key {
			return t.vals[i], true
		}
	}
}

func (r *recombiner) put(k int, key lexicon.State, val int32) {
	t := &r.tabs[k]
	if t.keys == nil || 2*(t.n+1) > len(t.keys) {
		t.grow()
	}
	mask := uint64(len(t.keys) - 1)
	i := key.Hash() & mask
	for t.stamp[i] == t.gen {
		i = (i + 1) & mask
	}
	t.keys[i], t.vals[i], t.stamp[i] = key, val, t.gen
	t.n++
}

// clear empties the table of bucket k.
func (r *recombiner) clear(k int) {
	t := &r.tabs[k]
	t.gen++
	t.n = 0
	if t.gen == 0 { // wrapped: stamps of old generations could match
		clear(t.stamp)
		t.gen = 1
	}
}

func (t *recombineTable) grow() {
	old := *t
	size := 256
	if old.keys != nil {
		size = 2 * len(old.keys)
	}
	t.keys = make([]lexicon.State, size)
	t.vals = make([]int32, size)
	t.stamp = make([]uint32, size)
	t.gen = 1
	t.n = 0
	mask := uint64(size - 1)
	for i := range old.keys {
		if old.stamp[i] != old.gen {
			continue
		}
		j := old.keys[i].Hash() & mask
		for t.stamp[j] == t.gen {
			j = (j + 1) & mask
		}
		t.keys[j], t.vals[j], t.stamp[j] = old.keys[i], old.vals[i], t.gen
		t.n++
	}
}

// writeLine writes the decoded line: every token as it was, but the words
// whose chosen reading differs.
func (d *decoder) writeLine(b *strings.Builder) {
	next := 0 // next token to write
	for i := range d.units {
		u := &d.units[i]
		c := d.chosen[i]
		if c < 0 {
			continue // spanned by the option of an earlier unit
		}
		o := &d.options[u.first+c]
		for ; next < int(u.tok); next++ {
			b.WriteString(d.toks[next].Text)
		}
		if o.key == "" {
			continue // keep the input tokens; written below
		}
		b.WriteString(d.surface(u, o))
		// Skip the tokens this option replaced, including a joined unit's.
		last := i + int(o.span) - 1
		next = int(d.units[last].tok + d.units[last].ntok)
	}
	for ; next < len(d.toks); next++ {
		b.WriteString(d.toks[next].Text)
	}
}

// surface returns the text of option o for unit u, in the unit's case and
// the configured tone style.
func (d *decoder) surface(u *unit, o *option) string {
	if u.cs == lexicon.Lower && d.r.opts.style == lexicon.OldStyle {
		return o.key
	}
	var syl lexicon.Syllable
	if o.rd != nil {
		syl = o.rd.syl
	} else {
		syl, _ = lexicon.ParseSyllable(o.key) // fails for two syllables
	}
	if syl.Rime == "" {
		// Two syllables: case the first letter or all.
		switch u.cs {
		case lexicon.Upper:
			return strings.ToUpper(o.key)
		case lexicon.Title:
			return lexicon.TitleCase(o.key)
		}
		return o.key
	}
	syl.Case = u.cs
	return syl.Compose(d.r.opts.style)
}

// lookAhead is the margin, in log10, of the decoder's look-ahead pruning.
// At each word the best hypothesis is expanded with every reading first;
// a worse hypothesis then skips a reading that, scored in the best one's
// context, would end more than threshold + lookAhead below the best new
// score. A reading's probability depends on its context, so this is a
// heuristic, but a safe one. On the development split, against no
// look-ahead: margin 2 cut decoding time by 29% and changed 9 of 257,883
// Wikipedia words; margin 1.5 cuts it by 38% (plain restoration 283 K ->
// 312 K syllables/s on one core) for 47 words (96.93% -> 96.91%), and
// leaves admin+legal at 99.46%.
const lookAhead = 1.5

// wrapped reports whether the line comes from a page whose lines wrap
// sentences: OCR output, old or new. Plain text has a paragraph per line.
// On the held-out pages, decoding a line that does not end a sentence
// without the sentence boundary took heavy-level legacy WER from 0.2692 to
// 0.2649 and medium OCR from 0.0201 to 0.0196; for plain text, whose lines
// are paragraphs, headings and table cells, the boundaries help.
func (d *decoder) wrapped() bool {
	return d.lineMode == Legacy || d.lineMode == OCR
}

// endsSentence reports whether the last token that is not white space is
// sentence-final punctuation, or there is none.
func endsSentence(toks []lexicon.Token) bool {
	for i := len(toks) - 1; i >= 0; i-- {
		switch toks[i].Kind {
		case lexicon.Space, lexicon.Newline:
			continue
		case lexicon.Punct:
			return lexicon.IsSentenceEnd(toks[i].Text) || toks[i].Text == ";" || toks[i].Text == ")"
		}
		return false
	}
	return true
}
