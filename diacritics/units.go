package diacritics

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vnarchive/vnrestore/lexicon"
)

// This file turns a line's tokens into the units the decoder works on, one
// function per mode.

// keepJunkLogProb is the channel score of keeping, as it is, an observed
// word that is neither a syllable nor a word of the model's vocabulary:
// after an engine without Vietnamese, that is nearly always a garbled
// syllable ("Ahist", "s6", "truy&I"), kept only when no reading the channel
// offers fits the context at all. Chosen on the held-out pages (so those
// figures flatter it a little): against -4, heavy-level WER 0.2791 ->
// 0.2692, medium 0.0794 -> 0.0745, clean 0.0192 -> 0.0200, legacy mode on
// plain text 99.35% -> 99.32%.
const keepJunkLogProb = -8

// keepKnownLogProb is the channel score of keeping an observed word that is
// no syllable but a word of the model's vocabulary (seen at least three
// times in training: foreign words such as "of", "Date", "Total"). Against
// -4 it took clean-level legacy WER from 0.0232 to 0.0192 and legacy mode on
// plain text from 99.26% to 99.35%, leaving the heavy level as it was.
const keepKnownLogProb = -2

// unitsFixed makes every token a unit that keeps its input.
func (d *decoder) unitsFixed() {
	for i, t := range d.toks {
		if t.Kind != lexicon.Space && t.Kind != lexicon.Newline {
			d.addFixed(i, 1)
		}
	}
}

// unitsPlain makes a decision of every word written without marks whose
// skeleton has readings, and keeps everything else.
// The case a word was typed in counts as evidence (see WithCaseModel),
// except for a capital at the start of a sentence, which says nothing.
func (d *decoder) unitsPlain() {
	start := true
	for i, t := range d.toks {
		switch t.Kind {
		case lexicon.Space, lexicon.Newline:
			continue
		case lexicon.Word:
			if cs, ok := plainCase(t.Text); ok {
				if rs := d.r.readings[string(d.lower(t.Text))]; len(rs) > 0 {
					d.addReadings(i, cs, rs)
					if !(start && cs == lexicon.Title) && len(t.Text) > 1 {
						d.addCaseEvidence(cs, rs)
					}
					start = false
					continue
				}
			}
		}
		start = t.Kind == lexicon.Punct && lexicon.IsSentenceEnd(t.Text)
		d.addFixed(i, 1)
	}
}

// addCaseEvidence scores the readings rs of the last unit by how often
// each is written in case cs (see WithCaseModel).
func (d *decoder) addCaseEvidence(cs lexicon.Case, rs []reading) {
	u := d.units[len(d.units)-1]
	for j := range rs {
		d.options[int(u.first)+j].channel += rs[j].caseLP[cs]
	}
}

// lower returns the ASCII word w in lower case, in the decoder's buffer.
func (d *decoder) lower(w string) []byte {
	d.lowerBuf = append(d.lowerBuf[:0], w...)
	for i, c := range d.lowerBuf {
		if 'A' <= c && c <= 'Z' {
			d.lowerBuf[i] = c + 'a' - 'A'
		}
	}
	return d.lowerBuf
}

// plainCase reports the case of an unmarked ASCII word, and false for
// anything plain mode must not touch: marked words, non-ASCII letters, and
// mixed case such as "iPhone".
func plainCase(w string) (lexicon.Case, bool) {
	upper := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case 'a' <= c && c <= 'z':
		case 'A' <= c && c <= 'Z':
			upper++
		default:
			return 0, false
		}
	}
	switch {
	case upper == 0:
		return lexicon.Lower, true
	case upper == 1 && w[0] <= 'Z':
		return lexicon.Title, true
	case upper == len(w):
		return lexicon.Upper, true
	}
	return 0, false
}

// unitsLegacy cuts the line into white-space separated chunks. Punctuation
// at either end of a chunk is kept; the rest, when it holds a letter and is
// short enough to be a garbled word ("clang", "s6", "truy&I"), is one
// observed word for the legacy channel. Long codes, numbers and dates keep
// their input.
func (d *decoder) unitsLegacy() {
	d.unitsChannel(d.r.opts.legacy, true)
}

// unitsOCR makes every word of an OCR'd line a decision between the word
// as read and the readings the OCR channel offers.
func (d *decoder) unitsOCR() {
	d.unitsChannel(d.r.opts.ocr, false)
}

func (d *decoder) unitsChannel(ch Channel, junk bool) {
	// First the pieces of the line: fixed tokens and observed words.
	d.pieces = d.pieces[:0]
	toks := d.toks
	chunk := -1
	for i := 0; i < len(toks); {
		if k := toks[i].Kind; k == lexicon.Space || k == lexicon.Newline {
			i++
			continue
		}
		// The chunk toks[i:j].
		chunk++
		conf := float32(-1)
		if chunk < len(d.confs) {
			conf = d.confs[chunk]
		}
		j := i
		for j < len(toks) && toks[j].Kind != lexicon.Space && toks[j].Kind != lexicon.Newline {
			j++
		}
		lo, hi := i, j
		for lo < hi && isEdgePunct(toks[lo]) {
			d.pieces = append(d.pieces, piece{lo, lo + 1, false, conf})
			lo++
		}
		for hi > lo && isEdgePunct(toks[hi-1]) {
			hi--
		}
		switch {
		case lo == hi:
		case junk && looksLikeWord(d.text(lo, hi)):
			d.pieces = append(d.pieces, piece{lo, hi, true, conf})
		case junk:
			// Not one garbled word ("phan/bai", "nghin)dong"): its words
			// one by one.
			for k := lo; k < hi; k++ {
				d.pieces = append(d.pieces, piece{k, k + 1, toks[k].Kind == lexicon.Word, conf})
			}
		default:
			for k := lo; k < hi; k++ {
				// A lone letter is a list marker ("c)") or a speck read
				// as a letter: no reading of it is more likely right.
				observed := toks[k].Kind == lexicon.Word && utf8.RuneCountInString(toks[k].Text) > 1
				d.pieces = append(d.pieces, piece{k, k + 1, observed, conf})
			}
		}
		for k := hi; k < j; k++ {
			d.pieces = append(d.pieces, piece{k, k + 1, false, conf})
		}
		i = j
	}
	joiner, _ := ch.(Joiner)
	for p, pc := range d.pieces {
		if !pc.observed {
			d.addFixed(pc.lo, pc.hi-pc.lo)
			continue
		}
		var next *piece
		if junk && joiner != nil && p+1 < len(d.pieces) {
			// A word the engine cut in two: "tr uong", "N thong".
			if n := &d.pieces[p+1]; n.observed && n.lo == pc.hi+1 && toks[pc.hi].Text == " " && d.mayJoin(pc, *n) {
				next = n
			}
		}
		d.addObserved(pc, next, ch, joiner)
	}
}

// mayJoin reports whether two observed words may be one word the engine
// cut in two: not when both read as words already, nor when either is a
// lone capital (an initial, the X of "Khoa X").
func (d *decoder) mayJoin(a, b piece) bool {
	ta, tb := d.text(a.lo, a.hi), d.text(b.lo, b.hi)
	for _, t := range [...]string{ta, tb} {
		if len(t) == 1 && 'A' <= t[0] && t[0] <= 'Z' {
			return false
		}
	}
	return !(d.hasReadings(ta) && d.hasReadings(tb))
}

// hasReadings reports whether plain mode could restore the word.
func (d *decoder) hasReadings(w string) bool {
	if _, ok := plainCase(w); !ok {
		return false
	}
	return len(d.r.readings[string(d.lower(w))]) > 0
}

// A piece is the tokens toks[lo:hi] of a line that a channel mode treats
// as one: an observed word, or a token kept as it is.
type piece struct {
	lo, hi   int
	observed bool
	conf     float32 // the engine's confidence in the chunk, 0–1, or -1
}

// text returns the text of toks[lo:hi].
func (d *decoder) text(lo, hi int) string {
	if hi == lo+1 {
		return d.toks[lo].Text
	}
	var b strings.Builder
	for k := lo; k < hi; k++ {
		b.WriteString(d.toks[k].Text)
	}
	return b.String()
}

// isEdgePunct reports whether t is punctuation that stays as it is at the
// edge of a chunk. '&' is not: legacy engines read marks as '&'.
func isEdgePunct(t lexicon.Token) bool {
	return t.Kind == lexicon.Punct && t.Text != "&" && t.Text != "'"
}

// addObserved adds the observed word pc as a decision among the channel's
// readings and the word as it is. When next is not nil, the readings of
// the two words joined are added too, as options that span both.
func (d *decoder) addObserved(pc piece, next *piece, ch Channel, joiner Joiner) {
	text := d.text(pc.lo, pc.hi)
	u := unit{tok: int32(pc.lo), ntok: int32(pc.hi - pc.lo), first: int32(len(d.options)), decide: true, cs: observedCase(text)}
	d.cands = d.cands[:0]
	switch cc, ok := ch.(ConfidenceChannel); {
	case utf8.RuneCountInString(text) == 1, isAcronym(text):
		// A lone letter ("X" of "Khoa X", a list marker) or an acronym
		// (GV, UBND): its plain readings only; the channel would make a
		// word of any speck.
	case ok && pc.conf >= 0:
		d.cands = cc.CandidatesConf(text, pc.conf, d.cands)
	default:
		d.cands = ch.Candidates(text, d.cands)
	}
	d.cands = d.withPlainReadings(text, d.cands)
	key := lexicon.Key(text)
	proposed := false
	for _, c := range d.cands {
		d.addCandidate(c, 1)
		proposed = proposed || c.Text == key
	}
	if !proposed {
		// The word as it is, when the channel did not propose it: a
		// syllable keeps its own model word, anything else is kept only as
		// a last resort.
		keep := option{span: 1, n: 1, channel: keepJunkLogProb * d.r.opts.channelWeight}
		if key != "" {
			keep.ids[0] = d.r.model.ID(key)
		} else {
			keep.ids[0] = d.r.model.ID(lexicon.VocabKey(lexicon.Token{Kind: d.toks[pc.lo].Kind, Text: text}))
			if keep.ids[0] != lexicon.Unknown && isLetters(text) {
				// A word the model knows ("of", "Date", "Total"): a
				// foreign word the text means, as often as not.
				keep.channel = keepKnownLogProb * d.r.opts.channelWeight
			}
		}
		d.options = append(d.options, keep)
	}
	if next != nil {
		d.cands = d.bestReadings(joiner.CandidatesJoined(text, d.text(next.lo, next.hi), d.cands[:0]))
		for _, c := range d.cands {
			if !strings.Contains(c.Text, " ") {
				d.addCandidate(c, 2)
			}
		}
	}
	u.nopt = int32(len(d.options)) - u.first
	d.units = append(d.units, u)
}

// withPlainReadings keeps the maxReadings best of the channel's readings
// and, when the observed word is one plain mode could restore, adds every
// reading plain mode would weigh, with a channel probability of 1: a word
// that only lost its marks is then restored as well as in plain mode (the
// channel tells mark variants apart worse than the context does), while the
// channel's readings with other letters still compete at their cost.
func (d *decoder) withPlainReadings(text string, cands []Candidate) []Candidate {
	cs, ok := plainCase(text)
	if !ok || cs == lexicon.Upper && len(text) == 1 {
		return d.bestReadings(cands)
	}
	sk := string(d.lower(text))
	rs := d.r.readings[sk]
	if len(rs) == 0 {
		return d.bestReadings(cands)
	}
	kept := cands[:0]
	for _, c := range cands {
		if lexicon.Skeleton(c.Text) != sk {
			kept = append(kept, c)
		}
	}
	kept = d.bestReadings(kept)
	for _, r := range rs {
		kept = append(kept, Candidate{Text: r.key})
	}
	return kept
}

// maxReadings is how many of a channel's readings of one observed word the
// decoder weighs in context.
const maxReadings = 16

// bestReadings keeps the maxReadings readings of cands that are most
// probable before context: channel score plus the model's unigram
// log-probability. A channel ranks by P(observed | reading) alone, which
// puts rare syllables that look like the token ("chạng" for "clang") ahead
// of the frequent word it stands for ("đảng").
func (d *decoder) bestReadings(cands []Candidate) []Candidate {
	if len(cands) <= maxReadings {
		return cands
	}
	d.ranked = d.ranked[:0]
	for i, c := range cands {
		prior := float32(0)
		first, second, two := strings.Cut(c.Text, " ")
		prior += d.lm.Unigram(d.r.model.ID(first))
		if two {
			prior += d.lm.Unigram(d.r.model.ID(second))
		}
		d.ranked = append(d.ranked, rankedReading{i, c.LogProb*d.r.opts.channelWeight + prior})
	}
	slices.SortFunc(d.ranked, func(a, b rankedReading) int { return cmp.Compare(b.score, a.score) })
	d.ranked = d.ranked[:maxReadings]
	slices.SortFunc(d.ranked, func(a, b rankedReading) int { return cmp.Compare(a.i, b.i) })
	for j, r := range d.ranked {
		cands[j] = cands[r.i]
	}
	return cands[:maxReadings]
}

type rankedReading struct {
	i     int
	score float32
}

// addCandidate adds the channel's reading c as an option of the unit being
// built, if the model knows its words.
func (d *decoder) addCandidate(c Candidate, span uint8) {
	o := option{span: span, key: c.Text, channel: c.LogProb * d.r.opts.channelWeight}
	first, second, two := strings.Cut(c.Text, " ")
	o.ids[0] = d.r.model.ID(first)
	if o.ids[0] == lexicon.Unknown {
		return
	}
	o.n = 1
	if two {
		o.ids[1] = d.r.model.ID(second)
		if o.ids[1] == lexicon.Unknown {
			return
		}
		o.n = 2
	}
	d.options = append(d.options, o)
}

// looksLikeWord reports whether an observed chunk may be a garbled word: it
// has a letter, is short, and is not a clean code, number or date.
func looksLikeWord(s string) bool {
	if utf8.RuneCountInString(s) > 12 || strings.ContainsAny(s, "/@") {
		return false
	}
	letters, upper, digits := 0, 0, 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		case '0' <= r && r <= '9':
			digits++
		}
	}
	if letters == 0 {
		return false
	}
	// Upper-case letters with digits are codes (QH14), not words.
	return !(digits > 0 && upper == letters && letters > 1)
}

// isAcronym reports whether s looks like an acronym rather than a garbled
// word: two to five upper-case ASCII letters that spell no syllable.
func isAcronym(s string) bool {
	if len(s) < 2 || len(s) > 5 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return len(lexicon.Candidates(strings.ToLower(s))) == 0
}

// observedCase guesses how an observed word was capitalised, forgiving the
// case noise of OCR ("dOng", "NhAt").
func observedCase(s string) lexicon.Case {
	letters, upper := 0, 0
	first := true
	firstUpper := false
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if unicode.IsUpper(r) {
			upper++
			if first {
				firstUpper = true
			}
		}
		first = false
	}
	switch {
	case letters > 1 && upper == letters:
		return lexicon.Upper
	case firstUpper:
		return lexicon.Title
	}
	return lexicon.Lower
}

// addReadings adds token i as a decision among readings rs.
func (d *decoder) addReadings(i int, cs lexicon.Case, rs []reading) {
	u := unit{tok: int32(i), ntok: 1, first: int32(len(d.options)), nopt: int32(len(rs)), decide: true, cs: cs}
	for j := range rs {
		d.options = append(d.options, option{ids: [2]lexicon.WordID{rs[j].id}, n: 1, span: 1, key: rs[j].key, rd: &rs[j]})
	}
	d.units = append(d.units, u)
}

// addFixed adds tokens i..i+n-1 as a unit that keeps its input.
func (d *decoder) addFixed(i, n int) {
	id := d.r.model.ID(lexicon.VocabKey(d.toks[i]))
	d.units = append(d.units, unit{tok: int32(i), ntok: int32(n), first: int32(len(d.options)), nopt: 1})
	d.options = append(d.options, option{ids: [2]lexicon.WordID{id}, n: 1, span: 1})
}

// classify decides how Auto treats a line: accented text is OCR output (or
// is left alone without an OCR channel), unaccented text with many words
// that are no syllable is legacy OCR, the rest is plain.
//
// A word counts as accented when it is a marked syllable (or a marked word
// the model knows, "André"), and as garbled when it is letters (or letters
// glued to digits, as in "s6", "th6ng") that make no syllable and that the
// model's vocabulary does not know: "Robert" and "Internet" are words,
// "chirc", "cila" and "thuée" are not. A line is legacy OCR when at least one in twenty of its
// words is garbled, counting with them the unaccented lines before it in
// the same call, their weight halving about every 70 words: the garbled
// words of a legacy page are spread unevenly over its lines, and the
// foreign names of an encyclopaedic text bunch in a few. On the held-out
// synthetic pages (ocr_eng) 7-21% of the words are garbled, on the
// development split 0.8% (Wikipedia) and 0.1% (administrative, legal).
func (d *decoder) classify(toks []lexicon.Token) Mode {
	r := d.r
	words, marked, junk := 0, 0, 0
	for _, t := range toks {
		switch t.Kind {
		case lexicon.Word:
			words++
			// a word that is not a syllable has its lower case as its
			// model key (see lexicon.VocabKey)
			lower := strings.ToLower(t.Text)
			if lexicon.HasMarks(t.Text) {
				switch {
				case lexicon.IsSyllable(lower) || r.model.ID(lower) != lexicon.Unknown:
					marked++
				case strings.ToUpper(t.Text) != t.Text:
					junk++ // "thuée", "khée": Latin-1 letters of an engine without Vietnamese
				}
				continue
			}
			// no candidates: not a syllable either
			if _, ok := plainCase(t.Text); ok && len(lexicon.Candidates(lower)) == 0 && strings.ToUpper(t.Text) != t.Text && r.model.ID(lower) == lexicon.Unknown {
				junk++
			}
		case lexicon.Code:
			if strings.ToUpper(t.Text) != t.Text && len(t.Text) <= 8 {
				words++
				junk++ // "s6", "th6ng": lower-case letters glued to digits
			}
		}
	}
	switch {
	case words == 0:
		return Plain
	case 10*marked >= 3*words:
		if r.opts.ocr != nil {
			return OCR
		}
		return passThrough
	}
	legacy := r.opts.legacy != nil && 20*(float32(junk)+d.garbled.sum) >= float32(words)+d.garbled.weight
	d.garbled.add(float32(junk), words)
	if legacy {
		return Legacy
	}
	return Plain
}

// passThrough is the line mode of a line that is kept as it is.
const passThrough Mode = OCR + 1
