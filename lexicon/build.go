package lexicon

import (
	"bufio"
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"os"
	"path/filepath"
	"slices"
)

// BuildOptions controls how Build makes a model.
type BuildOptions struct {
	// Order is the n-gram order, 2 to MaxOrder; 0 means DefaultOrder.
	Order int
	// Domain are the files of in-domain text (administrative and legal
	// documents), one paragraph per line.
	Domain []string
	// General are the files of general text (Wikipedia). With both Domain
	// and General, a model is built from each and the two are interpolated
	// twice, into the domain variant and the general variant of the model
	// file (see Model.Variants), each weight tuned on a held-out slice of
	// its kind of text; with only one kind a single model is built.
	General []string
	// Prune gives, per order (index order-1), the largest adjusted count of
	// the n-grams dropped from the general model (and from a single model);
	// orders 1 is never pruned. Nil means DefaultPrune.
	Prune []uint32
	// DomainPrune is Prune for the domain model; nil means no pruning.
	DomainPrune []uint32
	// MinCount is the count below which a word that is not a Vietnamese
	// syllable is left out of the vocabulary (read as <unk>); 0 means
	// DefaultMinCount. Syllables, class tokens and punctuation are always
	// kept.
	MinCount int
	// Lambda, when in (0, 1), fixes the weight of the domain model instead
	// of tuning it.
	Lambda float64
	// TuneEvery holds out every TuneEvery-th block of tuneBlock lines of the
	// domain text to tune the weight; 0 means 10. Whole blocks, like the
	// development split, so that the tuning text is not interleaved with
	// the lines the domain model learns from.
	TuneEvery int
	// GeneralLambda, when in (0, 1), fixes the weight of the domain model
	// in the general variant instead of tuning it (see Model.Variants).
	GeneralLambda float64
	// GeneralTuneEvery holds out every GeneralTuneEvery-th block of the
	// general text to tune the general variant's weight; 0 means 100.
	GeneralTuneEvery int
	// OneVariant builds the domain variant alone, as models of format
	// version 1 were: a smaller file that serves administrative text.
	OneVariant bool
	// Logf, if set, receives one line per build stage.
	Logf func(format string, args ...any)
	// Progress, if set, is called while the corpus is read with the bytes
	// read so far and the total.
	Progress func(done, total int64)
}

// tuneBlock is the number of consecutive lines held out together for tuning.
const tuneBlock = 25

// Defaults of BuildOptions.
const (
	DefaultOrder    = 3
	MaxOrder        = 4 // the packed keys of a 4-gram leave 16 bits a word
	DefaultMinCount = 3
)

// DefaultPrune drops the trigrams and 4-grams seen once from the general
// model.
var DefaultPrune = []uint32{0, 0, 1, 1}

// BuilderVersion names the builder in the provenance of every model; it
// changes when the same inputs would give a different model.
const BuilderVersion = "vnrestore-lexicon-build/2"

// Build reads the corpus files named in opts and returns the model as the
// bytes of a model file (see Open). The same inputs and options always give
// the same bytes.
func Build(opts BuildOptions) ([]byte, error) {
	mb, info, err := buildModel(opts)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := writeModel(&buf, mb, info); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// corpusText is a corpus read into word IDs.
type corpusText struct {
	domain, tune, general, generalTune []uint32 // sentences, each ended by idEOS
}

func (o *BuildOptions) logf(format string, args ...any) {
	if o.Logf != nil {
		o.Logf(format, args...)
	}
}

// buildModel does the work of Build up to the in-memory model.
func buildModel(opts BuildOptions) (*builtModel, Info, error) {
	if opts.Order == 0 {
		opts.Order = DefaultOrder
	}
	if opts.Order < 2 || opts.Order > MaxOrder {
		return nil, Info{}, fmt.Errorf("lexicon: order %d out of range 2..%d", opts.Order, MaxOrder)
	}
	if opts.Prune == nil {
		opts.Prune = DefaultPrune
	}
	if opts.MinCount == 0 {
		opts.MinCount = DefaultMinCount
	}
	if opts.TuneEvery == 0 {
		opts.TuneEvery = 10
	}
	if opts.GeneralTuneEvery == 0 {
		opts.GeneralTuneEvery = 100
	}
	if len(opts.Domain)+len(opts.General) == 0 {
		return nil, Info{}, errors.New("lexicon: no input files")
	}
	info := Info{
		FormatVersion: formatVersion,
		Builder:       BuilderVersion,
		Order:         opts.Order,
		MinCount:      opts.MinCount,
		Prune:         slices.Clone(opts.Prune[:min(len(opts.Prune), opts.Order)]),
	}
	if opts.DomainPrune != nil {
		info.DomainPrune = slices.Clone(opts.DomainPrune[:min(len(opts.DomainPrune), opts.Order)])
	}
	r := newReader(&opts)
	var text corpusText
	var total int64
	for _, f := range append(slices.Clone(opts.Domain), opts.General...) {
		st, err := os.Stat(f)
		if err != nil {
			return nil, Info{}, fmt.Errorf("lexicon: %w", err)
		}
		total += st.Size()
	}
	r.total = total
	for _, f := range opts.Domain {
		c, err := r.readFile(f, "domain", &text.domain, &text.tune, opts.TuneEvery)
		if err != nil {
			return nil, Info{}, err
		}
		info.Corpora = append(info.Corpora, c)
	}
	// The general text holds out a tuning slice only for a general variant.
	var generalTune *[]uint32
	if len(opts.Domain) > 0 && !opts.OneVariant {
		generalTune = &text.generalTune
	}
	for _, f := range opts.General {
		c, err := r.readFile(f, "general", &text.general, generalTune, opts.GeneralTuneEvery)
		if err != nil {
			return nil, Info{}, err
		}
		info.Corpora = append(info.Corpora, c)
	}
	info.ToneStyle = r.tone

	vocab, remap := r.vocabulary(opts.MinCount, opts.Order)
	for _, s := range [][]uint32{text.domain, text.tune, text.general, text.generalTune} {
		for i, id := range s {
			s[i] = remap[id]
		}
	}
	bitsPerWord := uint(bits.Len(uint(len(vocab) - 1)))
	opts.logf("vocabulary: %d words (%d bits a word)", len(vocab), bitsPerWord)

	build := func(name string, stream []uint32, prune []uint32) *backoffModel {
		opts.logf("%s model: counting %d tokens", name, len(stream))
		counts := countNgrams(stream, opts.Order, bitsPerWord)
		m := estimateKneserNey(counts, bitsPerWord, len(vocab))
		opts.logf("%s model: %v n-grams before pruning", name, m.counts())
		m.prune(prune)
		opts.logf("%s model: %v n-grams after pruning", name, m.counts())
		return m
	}

	// weight returns the domain weight of the kind variant: fixed when it
	// is in (0, 1), else the one tuneLambda finds on the held-out text tune
	// for the models the tuning runs on, or fallback without such text.
	weight := func(kind string, fixed float64, tune []uint32, fallback float64, models func() (dom, gen *backoffModel)) (float64, *Tuning) {
		if fixed > 0 && fixed < 1 {
			return fixed, nil
		}
		if len(tune) == 0 {
			opts.logf("%s text too short to hold out a tuning slice: %s variant's domain weight %.2f", kind, kind, fallback)
			return fallback, nil
		}
		dom, gen := models()
		l, t := tuneLambda(dom, gen, tune, vocab)
		opts.logf("%s variant's domain weight %.2f: %.2f%% of %d ambiguous held-out %s syllables best among their skeleton's candidates, perplexity %.2f (domain only %.2f, general only %.2f; weight %.2f would minimise it: %.2f, %.2f%% best)",
			kind, l, 100*t.Accuracy, t.Ambiguous, kind, t.MixPPL, t.DomainPPL, t.GeneralPPL, t.PPLLambda, t.PPLLambdaPPL, 100*t.PPLLambdaAccuracy)
		return l, &t
	}

	var final *backoffModel
	var alt []*backoffModel
	switch {
	case len(text.domain)+len(text.tune) > 0 && len(text.general)+len(text.generalTune) > 0:
		gen := build("general", append(text.general, text.generalTune...), opts.Prune)
		lambda, tuning := weight("domain", opts.Lambda, text.tune, 0.5, func() (*backoffModel, *backoffModel) {
			return build("domain (tuning)", text.domain, opts.DomainPrune), gen
		})
		info.Lambda, info.Tuning = lambda, tuning
		dom := build("domain", append(text.domain, text.tune...), opts.DomainPrune)
		info.Variants = []Variant{{Name: "domain", DomainWeight: lambda}}
		if !opts.OneVariant {
			glambda, gtuning := weight("general", opts.GeneralLambda, text.generalTune, lambda, func() (*backoffModel, *backoffModel) {
				return dom, build("general (tuning)", text.general, opts.Prune)
			})
			info.GeneralTuning = gtuning
			info.Variants = append(info.Variants, Variant{Name: "general", DomainWeight: glambda})
		}
		// One mix for every variant: the same n-grams, each variant's weights.
		lambdas := make([]float64, len(info.Variants))
		for i, v := range info.Variants {
			lambdas[i] = v.DomainWeight
		}
		opts.logf("mixing %d variants", len(lambdas))
		mixed, err := mix(dom, gen, lambdas...)
		if err != nil {
			return nil, Info{}, err
		}
		final, alt = mixed[0], mixed[1:]
		if len(alt) > 0 {
			g := alt[0]
			info.VariantMeans = []float64{meanUnigramRatio(final, g, text.tune), meanUnigramRatio(final, g, text.generalTune)}
			opts.logf("log10 P(word) domain over general variant: %.4f a word of domain text, %.4f of general text", info.VariantMeans[0], info.VariantMeans[1])
		}
	case len(text.general)+len(text.generalTune) > 0:
		final = build("general", append(text.general, text.generalTune...), opts.Prune)
	default:
		final = build("domain", append(text.domain, text.tune...), opts.DomainPrune)
	}
	info.Counts = final.counts()
	return &builtModel{backoffModel: final, alt: alt, vocab: vocab}, info, nil
}

// meanUnigramRatio returns the mean over the known words of stream of
// log10 Pa(w) - log10 Pb(w), by the unigram probabilities of a and b.
func meanUnigramRatio(a, b *backoffModel, stream []uint32) float64 {
	var sum float64
	n := 0
	for _, w := range stream {
		if w == idUnk || w == idEOS || w == idBOS {
			continue
		}
		sum += float64(a.sets[0].logp[w] - b.sets[0].logp[w])
		n++
	}
	return sum / float64(max(n, 1))
}

// builtModel is a finished in-memory model with its vocabulary.
type builtModel struct {
	*backoffModel                 // the first variant
	alt           []*backoffModel // the other variants: the same n-grams, other probabilities
	vocab         []string        // indexed by word ID
}

// variants returns the backoff models of the variants, in order.
func (m *builtModel) variants() []*backoffModel {
	return append([]*backoffModel{m.backoffModel}, m.alt...)
}

// counts returns the number of n-grams of each order.
func (m *backoffModel) counts() []uint64 {
	c := make([]uint64, m.order)
	for i := range m.sets {
		c[i] = uint64(len(m.sets[i].keys))
	}
	return c
}

// tuneLambda chooses the weight of the domain model on the held-out tuning
// tokens. The criterion is the task's: the log-likelihood of each
// syllable against the other syllables with the same skeleton (the
// choices diacritic restoration makes), scoring each candidate by the
// mixed model's probabilities of the Order tokens from it on, the rest of
// the sentence as written. Perplexity alone favours the domain model far more
// (about 0.93 on the corpus, against a broad optimum of 0.3-0.65 for
// restoration accuracy on the dev split), because it rewards predicting
// the repetitive domain phrasing rather than telling spellings apart. The
// perplexities are still reported, with the weight that would minimise
// them.
func tuneLambda(dom, gen *backoffModel, tune []uint32, vocab []string) (float64, Tuning) {
	ids := make(map[string]uint32, len(vocab))
	for i, w := range vocab {
		ids[w] = uint32(i)
	}
	var pd, pg []float64 // per predicted in-vocabulary token
	forEachPrediction(tune, dom.order, func(ctx []uint32, w uint32) {
		if w == idUnk {
			return
		}
		pd = append(pd, math.Pow(10, dom.logProb(ctx, w)))
		pg = append(pg, math.Pow(10, gen.logProb(ctx, w)))
	})
	// For every syllable with other candidates, and every candidate c, the
	// probabilities of the order tokens from it on with c in its place:
	// what a decoder compares when it picks c.
	span := dom.order
	var cd, cg []float64    // span values per candidate
	var starts, golds []int // per ambiguous syllable: first candidate, gold candidate
	sent := []uint32{idBOS}
	for _, w := range tune {
		sent = append(sent, w)
		if w != idEOS {
			continue
		}
		for i := 1; i < len(sent)-1; i++ {
			w := sent[i]
			if w == idUnk || !isSyllableKey(vocab[w]) {
				continue
			}
			start, gold := len(cd), -1
			for _, c := range Candidates(Skeleton(vocab[w])) {
				id, ok := ids[c]
				if !ok {
					continue
				}
				if id == w {
					gold = len(cd)
				}
				sent[i] = id
				for k := range span {
					if i+k >= len(sent) {
						cd = append(cd, 1)
						cg = append(cg, 1)
						continue
					}
					ctx := sent[max(0, i+k-(dom.order-1)) : i+k]
					cd = append(cd, math.Pow(10, dom.logProb(ctx, sent[i+k])))
					cg = append(cg, math.Pow(10, gen.logProb(ctx, sent[i+k])))
				}
			}
			sent[i] = w
			if gold < 0 || len(cd)-start < 2*span {
				cd, cg = cd[:start], cg[:start]
				continue
			}
			starts = append(starts, start)
			golds = append(golds, gold)
		}
		sent = append(sent[:0], idBOS)
	}
	starts = append(starts, len(cd))
	// score returns the mean log10 likelihood of the gold candidates and the
	// share of ambiguous syllables whose gold candidate is the most probable.
	score := func(l float64) (float64, float64) {
		var ll float64
		right := 0
		prob := func(c int) float64 {
			p := 1.0
			for k := c; k < c+span; k++ {
				p *= l*cd[k] + (1-l)*cg[k]
			}
			return p
		}
		for t, g := range golds {
			var sum, best float64
			for c := starts[t]; c < starts[t+1]; c += span {
				p := prob(c)
				sum += p
				best = max(best, p)
			}
			pgold := prob(g)
			ll += math.Log10(pgold / sum)
			if pgold == best {
				right++
			}
		}
		n := max(len(golds), 1)
		return ll / float64(n), float64(right) / float64(n)
	}
	ppl := func(l float64) float64 {
		var lp float64
		for i := range pd {
			lp += math.Log10(l*pd[i] + (1-l)*pg[i])
		}
		return math.Pow(10, -lp/float64(max(len(pd), 1)))
	}
	lambda, bestLL := 0.5, math.Inf(-1)
	pplLambda, bestPPL := 0.5, math.Inf(1)
	for step := 1; step < 100; step++ {
		l := float64(step) / 100
		if ll, _ := score(l); ll > bestLL {
			lambda, bestLL = l, ll
		}
		if p := ppl(l); p < bestPPL {
			pplLambda, bestPPL = l, p
		}
	}
	_, acc := score(lambda)
	_, accPPL := score(pplLambda)
	return lambda, Tuning{
		Tokens:            len(pd),
		MixPPL:            ppl(lambda),
		DomainPPL:         ppl(1),
		GeneralPPL:        ppl(0),
		PPLLambda:         pplLambda,
		PPLLambdaPPL:      bestPPL,
		Ambiguous:         len(golds),
		Accuracy:          acc,
		PPLLambdaAccuracy: accPPL,
	}
}

// forEachPrediction calls f for every predicted token of a stream with its
// context (starting with <s>).
func forEachPrediction(stream []uint32, order int, f func(ctx []uint32, w uint32)) {
	ctx := []uint32{idBOS}
	for _, w := range stream {
		f(ctx, w)
		if w == idEOS {
			ctx = append(ctx[:0], idBOS)
			continue
		}
		if len(ctx) == order-1 {
			copy(ctx, ctx[1:])
			ctx = ctx[:order-2]
		}
		ctx = append(ctx, w)
	}
}

// corpusReader reads corpus files into provisional word IDs.
type corpusReader struct {
	opts        *BuildOptions
	ids         map[string]uint32
	words       []string
	counts      []int64
	toks        []Token
	tone        ToneCounts
	done, total int64
}

func newReader(opts *BuildOptions) *corpusReader {
	r := &corpusReader{opts: opts, ids: make(map[string]uint32)}
	for _, w := range []string{"<unk>", "<s>", "</s>"} {
		r.intern(w)
	}
	return r
}

func (r *corpusReader) intern(key string) uint32 {
	id, ok := r.ids[key]
	if !ok {
		id = uint32(len(r.words))
		r.ids[key] = id
		r.words = append(r.words, key)
		r.counts = append(r.counts, 0)
	}
	r.counts[id]++
	return id
}

// readFile appends the sentences of the file to dst, or every every-th line
// to tune when tune is not nil.
func (r *corpusReader) readFile(path, role string, dst, tune *[]uint32, every int) (Corpus, error) {
	f, err := os.Open(path)
	if err != nil {
		return Corpus{}, fmt.Errorf("lexicon: %w", err)
	}
	defer f.Close()
	c := Corpus{Name: filepath.Base(path), Role: role}
	h := sha256.New()
	br := bufio.NewReaderSize(io.TeeReader(f, h), 1<<20)
	lineNo := 0
	for {
		line, err := br.ReadString('\n')
		if len(line) > 0 {
			lineNo++
			c.Bytes += int64(len(line))
			r.done += int64(len(line))
			if r.opts.Progress != nil && lineNo%1024 == 0 {
				r.opts.Progress(r.done, r.total)
			}
			r.toks = AppendTokens(r.toks[:0], trimNewline(line))
			out := dst
			if tune != nil && every > 0 && (lineNo-1)/tuneBlock%every == every-1 {
				out = tune
			}
			n := len(*out)
			for _, t := range r.toks {
				k := VocabKey(t)
				if k == "" {
					continue
				}
				if t.Kind == Word {
					r.tone.count(t.Text)
				}
				*out = append(*out, r.intern(k))
			}
			if len(*out) > n {
				c.Lines++
				c.Tokens += int64(len(*out) - n)
				*out = append(*out, idEOS)
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return c, fmt.Errorf("lexicon: %s: %w", path, err)
		}
	}
	c.SHA256 = hex.EncodeToString(h.Sum(nil))
	if r.opts.Progress != nil {
		r.opts.Progress(r.done, r.total)
	}
	r.opts.logf("%s: %d lines, %d tokens", c.Name, c.Lines, c.Tokens)
	return c, nil
}

func trimNewline(s string) string {
	for len(s) > 0 && (s[len(s)-1] == '\n' || s[len(s)-1] == '\r') {
		s = s[:len(s)-1]
	}
	return s
}

// vocabulary fixes the final word IDs: the reserved words first, then the
// kept words by decreasing count (ties by key), so the result does not
// depend on map order. It returns the words and the map from provisional
// to final IDs (dropped words map to <unk>).
func (r *corpusReader) vocabulary(minCount, order int) ([]string, []uint32) {
	var kept []uint32
	for id := uint32(idEOS + 1); id < uint32(len(r.words)); id++ {
		if r.counts[id] >= int64(minCount) || isSyllableKey(r.words[id]) || isClassOrPunct(r.words[id]) {
			kept = append(kept, id)
		}
	}
	slices.SortFunc(kept, func(a, b uint32) int {
		if c := cmp.Compare(r.counts[b], r.counts[a]); c != 0 {
			return c
		}
		return cmp.Compare(r.words[a], r.words[b])
	})
	// The packed keys hold order words: cap the vocabulary to fit, keeping
	// the most frequent words, and say so.
	maxWords := 1 << (64 / order)
	if len(kept)+3 > maxWords {
		r.opts.logf("vocabulary of %d words cut to the %d most frequent: %d-gram keys hold %d bits a word (raise --min-count to choose what goes)",
			len(kept)+3, maxWords, order, 64/order)
		kept = kept[:maxWords-3]
	}
	vocab := []string{"<unk>", "<s>", "</s>"}
	remap := make([]uint32, len(r.words))
	for i := range 3 {
		remap[i] = uint32(i)
	}
	for _, id := range kept {
		remap[id] = uint32(len(vocab))
		vocab = append(vocab, r.words[id])
	}
	return vocab, remap
}
