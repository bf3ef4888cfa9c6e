package diacritics

import (
	"cmp"
	"math"
	"slices"

	"github.com/vnarchive/vnrestore/lexicon"
)

// maxAlternatives is how many readings a TokenResult lists at most.
const maxAlternatives = 5

// appendDetails appends the TokenResults of the decoded line to dst.
//
// The confidence of a decided word is its local posterior: every reading
// of the word is scored in the context of the chosen path (the model words
// around it, and the ones after it whose context it changes), and the
// scores are normalised. It is cheap, and a margin close to 1 means no
// single change at that word would make the line more probable.
func (d *decoder) appendDetails(dst []TokenResult) []TokenResult {
	path, at := d.pathWords()
	next := 0
	for i := range d.units {
		u := &d.units[i]
		c := d.chosen[i]
		for ; next < int(u.tok); next++ {
			dst = append(dst, d.plainToken(next))
		}
		if c < 0 {
			// Joined into the previous unit's reading.
			for ; next < int(u.tok+u.ntok); next++ {
				dst = append(dst, TokenResult{Kind: d.toks[next].Kind, Input: d.toks[next].Text, Confidence: 1, Mode: d.lineMode})
			}
			continue
		}
		o := &d.options[u.first+c]
		if !u.decide {
			for ; next < int(u.tok+u.ntok); next++ {
				dst = append(dst, d.plainToken(next))
			}
			continue
		}
		input := d.toks[u.tok].Text
		for k := u.tok + 1; k < u.tok+u.ntok; k++ {
			input += d.toks[k].Text
		}
		out := input
		if o.key != "" {
			out = d.surface(u, o)
		}
		tr := TokenResult{Kind: d.toks[u.tok].Kind, Input: input, Output: out, Changed: out != input, Mode: d.lineMode}
		tr.Confidence, tr.Alts = d.alternatives(i, path, at[i])
		dst = append(dst, tr)
		next = int(u.tok + u.ntok)
	}
	for ; next < len(d.toks); next++ {
		dst = append(dst, d.plainToken(next))
	}
	return dst
}

func (d *decoder) plainToken(k int) TokenResult {
	t := d.toks[k]
	return TokenResult{Kind: t.Kind, Input: t.Text, Output: t.Text, Confidence: 1, Mode: d.lineMode}
}

// pathWords returns the model words of the chosen path, <s> first and </s>
// last, and for each unit the index in it of the unit's first word.
func (d *decoder) pathWords() ([]lexicon.WordID, []int) {
	path := []lexicon.WordID{d.r.bos}
	at := make([]int, len(d.units))
	for i := range d.units {
		at[i] = len(path)
		c := d.chosen[i]
		if c < 0 {
			continue
		}
		o := &d.options[d.units[i].first+c]
		path = append(path, o.ids[:o.n]...)
	}
	return append(path, d.r.eos), at
}

// alternatives scores every single-word option of unit i in place of the
// chosen one, holding the rest of the path, and returns the chosen option's
// share and the ranked list.
func (d *decoder) alternatives(i int, path []lexicon.WordID, pos int) (float64, []Alternative) {
	u := &d.units[i]
	chosen := &d.options[u.first+d.chosen[i]]
	order := d.r.model.Order()
	type scored struct {
		text  string
		score float64
	}
	var list []scored
	seen := map[string]bool{}
	work := make([]lexicon.WordID, len(path))
	for k := u.first; k < u.first+u.nopt; k++ {
		o := &d.options[k]
		if o.span != chosen.span || o.n != chosen.n {
			continue // a reading of another shape: not comparable in place
		}
		text := d.surface(u, o)
		if o.key == "" {
			text = d.toks[u.tok].Text
		}
		if seen[text] {
			continue
		}
		seen[text] = true
		copy(work, path)
		copy(work[pos:], o.ids[:o.n])
		sc := float64(o.channel)
		end := min(len(work), pos+int(o.n)+order-1)
		for p := pos; p < end; p++ {
			lo := max(0, p-order+1)
			sc += float64(d.lm.LogProb(work[lo:p], work[p]))
		}
		list = append(list, scored{text, sc})
	}
	slices.SortFunc(list, func(a, b scored) int { return cmp.Compare(b.score, a.score) })
	if len(list) == 0 {
		return 1, nil
	}
	var sum float64
	for _, s := range list {
		sum += math.Pow(10, s.score-list[0].score)
	}
	chosenText := d.toks[u.tok].Text
	if chosen.key != "" {
		chosenText = d.surface(u, chosen)
	}
	conf := 0.0
	alts := make([]Alternative, 0, min(len(list), maxAlternatives))
	for j, s := range list {
		p := math.Pow(10, s.score-list[0].score) / sum
		if s.text == chosenText {
			conf = p
		}
		if j < maxAlternatives {
			alts = append(alts, Alternative{Text: s.text, Score: p})
		}
	}
	return conf, alts
}
