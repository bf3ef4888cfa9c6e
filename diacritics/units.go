package diacritics

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vnarchive/vnrestore/lexicon"
)

// This file turns a line's tokens into the units the decoder works on, one
// function per mode.

// keepJunkLogProb is the channel score of keeping, as it is, an observed
// word that is no Vietnamese syllable: the decoder does so only when no
// reading the channel offers fits the context better.
const keepJunkLogProb = -4

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
func (d *decoder) unitsPlain() {
	for i, t := range d.toks {
		switch t.Kind {
		case lexicon.Space, lexicon.Newline:
			continue
		case lexicon.Word:
			if cs, ok := plainCase(t.Text); ok {
				if rs := d.r.readings[string(d.lower(t.Text))]; len(rs) > 0 {
					d.addReadings(i, cs, rs)
					continue
				}
			}
		}
		d.addFixed(i, 1)
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
	toks := d.toks
	for i := 0; i < len(toks); {
		if k := toks[i].Kind; k == lexicon.Space || k == lexicon.Newline {
			i++
			continue
		}
		// The chunk toks[i:j].
		j := i
		for j < len(toks) && toks[j].Kind != lexicon.Space && toks[j].Kind != lexicon.Newline {
			j++
		}
		lo, hi := i, j
		for lo < hi && isEdgePunct(toks[lo]) {
			d.addFixed(lo, 1)
			lo++
		}
		for hi > lo && isEdgePunct(toks[hi-1]) {
			hi--
		}
		if lo < hi {
			if junk {
				d.addObserved(lo, hi, ch)
			} else {
				for k := lo; k < hi; k++ {
					if toks[k].Kind == lexicon.Word {
						d.addObserved(k, k+1, ch)
					} else {
						d.addFixed(k, 1)
					}
				}
			}
		}
		for k := hi; k < j; k++ {
			d.addFixed(k, 1)
		}
		i = j
	}
}

// isEdgePunct reports whether t is punctuation that stays as it is at the
// edge of a chunk. '&' is not: legacy engines read marks as '&'.
func isEdgePunct(t lexicon.Token) bool {
	return t.Kind == lexicon.Punct && t.Text != "&" && t.Text != "'"
}

// addObserved adds the tokens toks[lo:hi] as one observed word: a decision
// among the channel's readings and the word as it is, when it looks like a
// garbled word; as fixed units otherwise.
func (d *decoder) addObserved(lo, hi int, ch Channel) {
	var text string
	if hi == lo+1 {
		text = d.toks[lo].Text
	} else {
		var b strings.Builder
		for k := lo; k < hi; k++ {
			b.WriteString(d.toks[k].Text)
		}
		text = b.String()
	}
	if !looksLikeWord(text) {
		for k := lo; k < hi; k++ {
			d.addFixed(k, 1)
		}
		return
	}
	u := unit{tok: int32(lo), ntok: int32(hi - lo), first: int32(len(d.options)), decide: true, cs: observedCase(text)}
	// The word as it is: a syllable keeps its own model word; anything
	// else is kept only as a last resort.
	keep := option{span: 1, n: 1}
	if key := lexicon.Key(text); key != "" {
		keep.ids[0] = d.r.model.ID(key)
	} else {
		keep.ids[0] = d.r.model.ID(lexicon.VocabKey(lexicon.Token{Kind: d.toks[lo].Kind, Text: text}))
		keep.channel = keepJunkLogProb * d.r.opts.channelWeight
	}
	d.options = append(d.options, keep)
	var cands [64]Candidate
	for _, c := range ch.Candidates(text, cands[:0]) {
		d.addCandidate(c)
	}
	u.nopt = int32(len(d.options)) - u.first
	d.units = append(d.units, u)
}

// addCandidate adds the channel's reading c as an option of the unit being
// built, if the model knows its words.
func (d *decoder) addCandidate(c Candidate) {
	o := option{span: 1, key: c.Text, channel: c.LogProb * d.r.opts.channelWeight}
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
	} else {
		o.syl, _ = lexicon.ParseSyllable(first)
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
	for _, r := range rs {
		d.options = append(d.options, option{ids: [2]lexicon.WordID{r.id}, n: 1, span: 1, key: r.key, syl: r.syl})
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
func (r *Restorer) classify(toks []lexicon.Token) Mode {
	words, marked, junk := 0, 0, 0
	for _, t := range toks {
		switch t.Kind {
		case lexicon.Word:
			words++
			if lexicon.HasMarks(t.Text) {
				marked++
				continue
			}
			if _, ok := plainCase(t.Text); ok && len(lexicon.Candidates(strings.ToLower(t.Text))) == 0 && strings.ToUpper(t.Text) != t.Text {
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
	case r.opts.legacy != nil && 20*junk >= words:
		return Legacy
	}
	return Plain
}

// passThrough is the line mode of a line that is kept as it is.
const passThrough Mode = OCR + 1
