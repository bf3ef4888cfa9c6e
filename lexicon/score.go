package lexicon

import "math"

// Perplexity accumulates the log probability of text under a model.
type Perplexity struct {
	Sentences int     // sentences (lines) scored
	Tokens    int     // predicted tokens, </s> included, OOVs included
	OOV       int     // tokens outside the vocabulary (not in LogProb10)
	LogProb10 float64 // sum of log10 probabilities of the in-vocabulary tokens
}

// Add adds the counts of q to p.
func (p *Perplexity) Add(q Perplexity) {
	p.Sentences += q.Sentences
	p.Tokens += q.Tokens
	p.OOV += q.OOV
	p.LogProb10 += q.LogProb10
}

// PPL returns the perplexity over the in-vocabulary tokens.
func (p Perplexity) PPL() float64 {
	n := p.Tokens - p.OOV
	if n == 0 {
		return math.NaN()
	}
	return math.Pow(10, -p.LogProb10/float64(n))
}

// SentencePerplexity scores one line of text as a sentence: its tokens'
// vocabulary keys after <s>, then </s>.
func (m *Model) SentencePerplexity(line string) Perplexity {
	keys := lineKeys(line)
	p := Perplexity{Sentences: 1}
	ctx := make([]WordID, 0, len(keys)+2)
	ctx = append(ctx, idBOS)
	score := func(w WordID) {
		p.Tokens++
		if w == Unknown {
			p.OOV++
		} else {
			p.LogProb10 += float64(m.LogProb(ctx, w))
		}
		ctx = append(ctx, w)
	}
	for _, k := range keys {
		score(m.ID(k))
	}
	score(idEOS)
	return p
}
