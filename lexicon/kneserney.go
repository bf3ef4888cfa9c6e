package lexicon

import (
	"fmt"
	"math"
	"slices"
)

// Reserved word IDs of every model.
const (
	idUnk = 0 // <unk>: every word outside the vocabulary
	idBOS = 1 // <s>: start of a sentence (context only, never predicted)
	idEOS = 2 // </s>: end of a sentence
)

// logZero is the log10 probability given to <s>, which is never predicted
// (the ARPA convention).
const logZero = -99

// countSet holds the n-grams of one order as packed keys (oldest word in the
// high bits, bitsPerWord bits a word) in increasing order, with their
// (adjusted) counts.
type countSet struct {
	keys   []uint64
	counts []uint32
}

// countNgrams counts the n-grams of a token stream (sentences, each ended by
// idEOS) up to order, and turns the counts of the lower orders into
// Kneser-Ney adjusted counts: the number of distinct words seen to the left
// of the n-gram, except for n-grams starting with <s>, which keep their raw
// count (nothing can precede <s>). The result is indexed by order-1.
func countNgrams(stream []uint32, order int, bits uint) []countSet {
	// Emit, at every position, the longest n-gram ending there: a full
	// order-gram, or a shorter one that starts with <s>.
	emitted := make([][]uint64, order+1)
	window := make([]uint32, 0, order)
	window = append(window, idBOS)
	for _, w := range stream {
		if len(window) == order {
			copy(window, window[1:])
			window = window[:order-1]
		}
		window = append(window, w)
		var key uint64
		for _, id := range window {
			key = key<<bits | uint64(id)
		}
		emitted[len(window)] = append(emitted[len(window)], key)
		if w == idEOS {
			window = append(window[:0], idBOS)
		}
	}
	sets := make([]countSet, order)
	sets[order-1] = runLength(emitted[order])
	emitted[order] = nil
	for k := order - 1; k >= 1; k-- {
		higher := sets[k].keys
		mask := uint64(1)<<(bits*uint(k)) - 1
		suffixes := make([]uint64, len(higher))
		for i, key := range higher {
			suffixes[i] = key & mask
		}
		cont := runLength(suffixes)
		raw := runLength(emitted[k])
		emitted[k] = nil
		sets[k-1] = mergeSets(cont, raw)
	}
	return sets
}

// runLength sorts keys and collapses equal keys into (key, count) pairs,
// reusing the storage of keys.
func runLength(keys []uint64) countSet {
	slices.Sort(keys)
	var counts []uint32
	out := keys[:0]
	for i := 0; i < len(keys); {
		j := i + 1
		for j < len(keys) && keys[j] == keys[i] {
			j++
		}
		out = append(out, keys[i])
		counts = append(counts, uint32(min(j-i, math.MaxUint32)))
		i = j
	}
	return countSet{keys: slices.Clip(out), counts: counts}
}

// mergeSets merges two sorted sets with disjoint keys.
func mergeSets(a, b countSet) countSet {
	if len(b.keys) == 0 {
		return a
	}
	if len(a.keys) == 0 {
		return b
	}
	out := countSet{keys: make([]uint64, 0, len(a.keys)+len(b.keys)), counts: make([]uint32, 0, len(a.keys)+len(b.keys))}
	i, j := 0, 0
	for i < len(a.keys) || j < len(b.keys) {
		if j == len(b.keys) || i < len(a.keys) && a.keys[i] < b.keys[j] {
			out.keys = append(out.keys, a.keys[i])
			out.counts = append(out.counts, a.counts[i])
			i++
		} else {
			out.keys = append(out.keys, b.keys[j])
			out.counts = append(out.counts, b.counts[j])
			j++
		}
	}
	return out
}

// discounts are the modified Kneser-Ney discounts of one order for counts
// 1, 2 and 3 or more (Chen & Goodman 1998).
type discounts [3]float64

// of returns the discount of an n-gram with count c > 0.
func (d discounts) of(c uint32) float64 {
	return d[min(c, 3)-1]
}

// estimateDiscounts computes the discounts from the count-of-counts n1..n4:
// Y = n1/(n1+2 n2), D_i = i - (i+1) Y n_{i+1}/n_i. Corpora too small for
// the estimate (a zero count-of-count, or a discount outside [0, i]) fall
// back to clamped values so that every probability stays positive.
func estimateDiscounts(counts []uint32) discounts {
	var n [5]float64
	for _, c := range counts {
		if c >= 1 && c <= 4 {
			n[c]++
		}
	}
	d := discounts{0.5, 1, 1.5}
	if n[1] == 0 || n[2] == 0 {
		return d
	}
	y := n[1] / (n[1] + 2*n[2])
	for i := 1; i <= 3; i++ {
		if n[i] == 0 {
			continue
		}
		v := float64(i) - float64(i+1)*y*n[i+1]/n[i]
		d[i-1] = min(max(v, 0.05*float64(i)), 0.95*float64(i))
	}
	return d
}

// backoffModel is an n-gram model in ARPA form held in memory while it is
// built: for every stored n-gram its log10 probability and, for n-grams
// below the top order, the log10 backoff weight of the n-gram as a context.
type backoffModel struct {
	order     int
	bits      uint
	vocabSize int
	sets      []ngramSet // index order-1; the unigram set is dense (key = word ID)
	discounts []discounts
}

// ngramSet is one order of a backoffModel.
type ngramSet struct {
	keys   []uint64
	counts []uint32 // adjusted counts, kept for pruning; nil after mixing
	logp   []float32
	logbo  []float32
	index  keyIndex
}

// find returns the position of key in s.
func (s *ngramSet) find(key uint64) (int, bool) { return s.index.find(s.keys, key) }

// estimateKneserNey turns counts into an interpolated modified Kneser-Ney
// model: p(w|h) = (a(hw) - D(a(hw)))/a(h.) + gamma(h) p(w|h'), with the
// unigrams interpolated with the uniform distribution over the vocabulary
// (without <s>). In ARPA form the stored probability of hw is that
// interpolated value and the backoff weight of h is gamma(h).
func estimateKneserNey(sets []countSet, bits uint, vocabSize int) *backoffModel {
	order := len(sets)
	m := &backoffModel{order: order, bits: bits, vocabSize: vocabSize, sets: make([]ngramSet, order), discounts: make([]discounts, order)}
	// Unigrams: dense over the vocabulary.
	uni := &m.sets[0]
	uni.keys = make([]uint64, vocabSize)
	uni.counts = make([]uint32, vocabSize)
	for i := range uni.keys {
		uni.keys[i] = uint64(i)
	}
	for i, k := range sets[0].keys {
		uni.counts[k] = sets[0].counts[i]
	}
	uni.counts[idBOS] = 0
	d := estimateDiscounts(sets[0].counts)
	m.discounts[0] = d
	var total, mass float64
	for _, c := range uni.counts {
		if c > 0 {
			total += float64(c)
			mass += d.of(c)
		}
	}
	uniform := 1 / float64(vocabSize-1)
	gamma := 1.0
	if total > 0 {
		gamma = mass / total
	}
	uni.logp = make([]float32, vocabSize)
	uni.logbo = make([]float32, vocabSize)
	for w, c := range uni.counts {
		p := gamma * uniform
		if c > 0 {
			p += (float64(c) - d.of(c)) / total
		}
		uni.logp[w] = float32(math.Log10(p))
	}
	uni.logp[idBOS] = logZero
	for k := 2; k <= order; k++ {
		cs := sets[k-1]
		d := estimateDiscounts(cs.counts)
		m.discounts[k-1] = d
		set := &m.sets[k-1]
		set.keys, set.counts = cs.keys, cs.counts
		set.logp = make([]float32, len(cs.keys))
		if k < order {
			set.logbo = make([]float32, len(cs.keys))
		}
		lower := &m.sets[k-2]
		lowerMask := uint64(1)<<(bits*uint(k-1)) - 1
		forEachContext(set.keys, bits, func(ctx uint64, lo, hi int) {
			var total, mass float64
			for i := lo; i < hi; i++ {
				c := set.counts[i]
				total += float64(c)
				mass += d.of(c)
			}
			gamma := mass / total
			for i := lo; i < hi; i++ {
				c := set.counts[i]
				p := (float64(c) - d.of(c)) / total
				if j, ok := lower.find(set.keys[i] & lowerMask); ok {
					p += gamma * math.Pow(10, float64(lower.logp[j]))
				}
				set.logp[i] = float32(math.Log10(p))
			}
			if j, ok := lower.find(ctx); ok {
				lower.logbo[j] = float32(math.Log10(gamma))
			}
		})
		set.index = newKeyIndex(set.keys)
	}
	return m
}

// forEachContext calls f for every run of keys sharing a context (all words
// but the last), given as the packed context and the run's bounds.
func forEachContext(keys []uint64, bits uint, f func(ctx uint64, lo, hi int)) {
	for lo := 0; lo < len(keys); {
		ctx := keys[lo] >> bits
		hi := lo + 1
		for hi < len(keys) && keys[hi]>>bits == ctx {
			hi++
		}
		f(ctx, lo, hi)
		lo = hi
	}
}

// logProb returns log10 p(w | context) by backing off: the probability of
// the longest stored n-gram ending in w plus the backoff weights of the
// longer contexts that were not matched.
func (m *backoffModel) logProb(context []uint32, w uint32) float64 {
	n := min(len(context), m.order-1)
	ctx := context[len(context)-n:]
	lp := float64(m.sets[0].logp[w])
	matched := 0
	key := uint64(w)
	for j := 1; j <= n; j++ {
		key |= uint64(ctx[n-j]) << (m.bits * uint(j))
		i, ok := m.sets[j].find(key)
		if !ok {
			break
		}
		lp = float64(m.sets[j].logp[i])
		matched = j
	}
	var ck uint64
	for j := 1; j <= n; j++ {
		ck |= uint64(ctx[n-j]) << (m.bits * uint(j-1))
		if j <= matched {
			continue
		}
		i, ok := m.sets[j-1].find(ck)
		if !ok {
			break
		}
		lp += float64(m.sets[j-1].logbo[i])
	}
	return lp
}

// prune drops the n-grams of order k >= 2 whose adjusted count is at most
// thresholds[k-1], except those that are a prefix or suffix of a kept
// (k+1)-gram (every stored n-gram's context and suffix must stay
// queryable), then recomputes the backoff weights so that each context's
// distribution still sums to one.
func (m *backoffModel) prune(thresholds []uint32) {
	any := false
	for k := 2; k <= m.order && k <= len(thresholds); k++ {
		any = any || thresholds[k-1] > 0
	}
	if !any {
		return
	}
	var needed []uint64 // sorted keys of order k that a kept (k+1)-gram needs
	for k := m.order; k >= 2; k-- {
		set := &m.sets[k-1]
		var thr uint32
		if k <= len(thresholds) {
			thr = thresholds[k-1]
		}
		keep := 0
		for i, key := range set.keys {
			if set.counts[i] > thr || containsSorted(needed, key) {
				set.keys[keep] = key
				set.counts[keep] = set.counts[i]
				set.logp[keep] = set.logp[i]
				if set.logbo != nil {
					set.logbo[keep] = set.logbo[i]
				}
				keep++
			}
		}
		set.keys = slices.Clip(set.keys[:keep])
		set.counts = slices.Clip(set.counts[:keep])
		set.logp = slices.Clip(set.logp[:keep])
		if set.logbo != nil {
			set.logbo = slices.Clip(set.logbo[:keep])
		}
		set.index = newKeyIndex(set.keys)
		mask := uint64(1)<<(m.bits*uint(k-1)) - 1
		needed = needed[:0]
		for _, key := range set.keys {
			needed = append(needed, key>>m.bits, key&mask)
		}
		slices.Sort(needed)
		needed = slices.Compact(needed)
	}
	m.renormalize()
}

// containsSorted reports whether the sorted slice s holds key.
func containsSorted(s []uint64, key uint64) bool {
	_, ok := slices.BinarySearch(s, key)
	return ok
}

// renormalize recomputes every backoff weight from the stored probabilities:
// bo(h) = (1 - sum p(w|h)) / (1 - sum p(w|h')), the sums running over the
// words w stored after h. With nothing pruned this gives back gamma(h) of
// interpolated Kneser-Ney; after pruning or mixing it keeps every
// distribution normalised.
func (m *backoffModel) renormalize() {
	for k := 1; k < m.order; k++ {
		clear(m.sets[k-1].logbo)
	}
	for k := 2; k <= m.order; k++ {
		set := &m.sets[k-1]
		lower := &m.sets[k-2]
		lowerMask := uint64(1)<<(m.bits*uint(k-1)) - 1
		forEachContext(set.keys, m.bits, func(ctx uint64, lo, hi int) {
			num, den := 1.0, 1.0
			for i := lo; i < hi; i++ {
				num -= math.Pow(10, float64(set.logp[i]))
				if j, ok := lower.find(set.keys[i] & lowerMask); ok {
					den -= math.Pow(10, float64(lower.logp[j]))
				}
			}
			const tiny = 1e-12
			bo := math.Log10(max(num, tiny) / max(den, tiny))
			if j, ok := lower.find(ctx); ok {
				lower.logbo[j] = float32(bo)
			}
		})
	}
}

// mix interpolates two models over the same vocabulary statically into one
// backoff model per weight (as SRILM's -mix-lm does): the n-grams are the
// union of both, each with p = lambda p_a + (1-lambda) p_b where p_a and
// p_b are the full backoff probabilities of the two models, and the
// backoff weights are recomputed so that every distribution sums to one.
// The models share one key slice and index per order, and p_a and p_b are
// computed once for all the weights.
func mix(a, b *backoffModel, lambdas ...float64) ([]*backoffModel, error) {
	if a.order != b.order || a.bits != b.bits || a.vocabSize != b.vocabSize {
		return nil, fmt.Errorf("lexicon: cannot mix models of different shapes")
	}
	out := make([]*backoffModel, len(lambdas))
	for v := range out {
		out[v] = &backoffModel{order: a.order, bits: a.bits, vocabSize: a.vocabSize, sets: make([]ngramSet, a.order)}
	}
	ctx := make([]uint32, 0, a.order)
	wordMask := uint64(1)<<a.bits - 1
	for k := 1; k <= a.order; k++ {
		keys := unionSorted(a.sets[k-1].keys, b.sets[k-1].keys)
		var index keyIndex
		if k > 1 {
			index = newKeyIndex(keys)
		}
		for _, m := range out {
			set := &m.sets[k-1]
			set.keys, set.index = keys, index
			set.logp = make([]float32, len(keys))
			if k < a.order {
				set.logbo = make([]float32, len(keys))
			}
		}
		for i, key := range keys {
			ctx = ctx[:0]
			for j := k - 1; j >= 1; j-- {
				ctx = append(ctx, uint32(key>>(a.bits*uint(j))&wordMask))
			}
			w := uint32(key & wordMask)
			if k == 1 && w == idBOS {
				for _, m := range out {
					m.sets[k-1].logp[i] = logZero
				}
				continue
			}
			pa, pb := math.Pow(10, a.logProb(ctx, w)), math.Pow(10, b.logProb(ctx, w))
			for v, m := range out {
				m.sets[k-1].logp[i] = float32(math.Log10(lambdas[v]*pa + (1-lambdas[v])*pb))
			}
		}
	}
	for _, m := range out {
		m.renormalize()
	}
	return out, nil
}

// unionSorted returns the sorted union of two sorted key slices.
func unionSorted(a, b []uint64) []uint64 {
	out := make([]uint64, 0, max(len(a), len(b)))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || i < len(a) && a[i] < b[j]:
			out = append(out, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return slices.Clip(out)
}

// keyIndex is an open-addressing hash index from packed n-gram keys to their
// position in a key slice. The zero keyIndex treats keys as dense positions
// (used for unigrams, whose key is the word ID).
type keyIndex struct {
	slots []int32 // position+1, 0 = empty
	mask  uint64
}

func newKeyIndex(keys []uint64) keyIndex {
	size := uint64(16)
	for size < uint64(len(keys))*2 {
		size *= 2
	}
	ix := keyIndex{slots: make([]int32, size), mask: size - 1}
	for i, key := range keys {
		h := mix64(key) & ix.mask
		for ix.slots[h] != 0 {
			h = (h + 1) & ix.mask
		}
		ix.slots[h] = int32(i + 1)
	}
	return ix
}

func (ix *keyIndex) find(keys []uint64, key uint64) (int, bool) {
	if ix.slots == nil {
		return int(key), key < uint64(len(keys))
	}
	h := mix64(key) & ix.mask
	for {
		s := ix.slots[h]
		if s == 0 {
			return 0, false
		}
		if keys[s-1] == key {
			return int(s - 1), true
		}
		h = (h + 1) & ix.mask
	}
}

// mix64 is the splitmix64 finaliser, a fast well-mixing 64-bit hash.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}
