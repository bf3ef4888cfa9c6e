package lexicon

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"slices"
	"sort"
)

// A model file is little-endian and laid out as
//
//	magic      8 bytes  "\x89VNLM\r\n\x1a"
//	version    uint32   formatVersion (1 or 2)
//	headerLen  uint32
//	header     headerLen bytes of JSON: the Info of the model
//	padding    to a multiple of 8
//	nsections  uint32, then 4 bytes of padding
//	sections   nsections × (offset uint64, length uint64), from the file start
//	section data
//	crc        uint32   CRC-32C (Castagnoli) of every byte before it
//
// A file holds V variants (version 1: one; version 2: len(Info.Variants)),
// the same n-grams with different probabilities. The sections are, in
// order:
//
//	0 vocabulary offsets: (V+1) uint32, word i is blob[off[i]:off[i+1]]
//	1 vocabulary blob: the words' UTF-8 bytes
//	2 vocabulary index: a power-of-two number of uint32 slots, ID+1 or 0 if
//	  empty, at fnv1a(word) & mask with linear probing
//	3 unigrams: per word, per variant (float32 log10 prob, float32 log10 backoff)
//	then for each order k = 2..Order two sections:
//	  codebooks: per variant, 256 float32 log10 probs, then (k < Order) 256
//	  float32 backoffs
//	  table: open-addressing slots of (uint32 fingerprint, then per variant
//	  uint8 prob code [, uint8 backoff code if k < Order]); fingerprint 0
//	  marks an empty slot. An n-gram w1..wk hashes to ngramHash (the last
//	  word first, see hashStart and hashExtend); its home slot is
//	  slotOf(hash, nslots) and its fingerprint fingerprintOf(hash). Probing
//	  is linear and wraps. A variant's codes sit next to the fingerprint, so
//	  that a lookup touches one cache line whatever the variant.
const (
	magic         = "\x89VNLM\r\n\x1a"
	formatVersion = 2
	numCodes      = 256
)

// Info describes a model: its shape and its provenance. Open reads it from
// the header of the model file.
type Info struct {
	FormatVersion int       `json:"format_version"`
	Builder       string    `json:"builder"`
	Order         int       `json:"order"`
	Counts        []uint64  `json:"counts"` // n-grams per order, index order-1
	VocabSize     int       `json:"vocab_size"`
	MinCount      int       `json:"min_count"`
	Prune         []uint32  `json:"prune"`                  // per order: largest count dropped from the general model
	DomainPrune   []uint32  `json:"domain_prune,omitempty"` // the same for the domain model
	Lambda        float64   `json:"lambda,omitempty"`       // weight of the domain model in the mix of the first variant
	Tuning        *Tuning   `json:"tuning,omitempty"`
	Variants      []Variant `json:"variants,omitempty"` // version 2; version 1 files hold one variant

	// GeneralTuning reports how the general variant's weight was chosen
	// on a held-out slice of the general text.
	GeneralTuning *Tuning `json:"general_tuning,omitempty"`
	// VariantMeans are the means, per word of the domain and of the general
	// tuning text, of log10 P(word) under the first variant less under the
	// second: what each kind of text looks like to a reader that weighs
	// the two (see diacritics.WithVariant).
	VariantMeans []float64  `json:"variant_means,omitempty"`
	Quantization string     `json:"quantization"`
	ToneStyle    ToneCounts `json:"tone_style"`
	Corpora      []Corpus   `json:"corpora"`
	Layout       []Layout   `json:"layout"` // per order >= 2: table geometry

	// FileSize is the size of the model file in bytes (not stored in the header).
	FileSize int64 `json:"-"`
}

// Tuning reports how the domain weight was chosen on the held-out slice of
// the domain training text (see BuildOptions.TuneEvery).
type Tuning struct {
	Tokens     int     `json:"tokens"`      // in-vocabulary tokens predicted
	MixPPL     float64 `json:"mix_ppl"`     // perplexity of the mix with the chosen weight
	DomainPPL  float64 `json:"domain_ppl"`  // perplexity of the domain model alone
	GeneralPPL float64 `json:"general_ppl"` // perplexity of the general model alone

	// PPLLambda is the weight that would minimise the perplexity, and
	// PPLLambdaPPL that perplexity.
	PPLLambda    float64 `json:"ppl_lambda"`
	PPLLambdaPPL float64 `json:"ppl_lambda_ppl"`

	// Ambiguous is the number of syllables whose skeleton has other
	// in-vocabulary candidates; Accuracy the share of them that the mix
	// with the chosen weight ranks first among those candidates given the
	// true history, PPLLambdaAccuracy the same with PPLLambda.
	Ambiguous         int     `json:"ambiguous"`
	Accuracy          float64 `json:"accuracy"`
	PPLLambdaAccuracy float64 `json:"ppl_lambda_accuracy"`
}

// DomainSplit returns the midpoint of VariantMeans: a text whose mean
// log10 P(word) under the first variant less under the second stays above
// it reads as domain text. ok is false when the file records no means.
func (in Info) DomainSplit() (split float64, ok bool) {
	if len(in.VariantMeans) != 2 {
		return 0, false
	}
	return (in.VariantMeans[0] + in.VariantMeans[1]) / 2, true
}

// A Variant is one interpolation of the domain and the general model that
// a model file holds. The domain variant serves administrative and legal
// text, the general variant other text (encyclopaedic, literary).
type Variant struct {
	Name         string  `json:"name"`          // "domain" or "general"
	DomainWeight float64 `json:"domain_weight"` // weight of the domain model in the mix
}

// Corpus is the provenance of one training file.
type Corpus struct {
	Name   string `json:"name"`
	Role   string `json:"role"` // "domain" or "general"
	Bytes  int64  `json:"bytes"`
	Lines  int64  `json:"lines"`
	Tokens int64  `json:"tokens"`
	SHA256 string `json:"sha256"`
}

// Layout is the geometry of the table of one order.
type Layout struct {
	Slots    uint64 `json:"slots"`
	MaxProbe int    `json:"max_probe"` // longest probe sequence of a stored n-gram
}

// The sections of a model file, in order; the codebooks and the table of
// each order k >= 2 follow the unigrams (see tableSections).
const (
	secVocabOffsets = iota
	secVocabBlob
	secVocabIndex
	secUnigrams
	secTables
)

// numSections returns how many sections a model file of the order holds.
func numSections(order int) int { return secTables + 2*(order-1) }

// tableSections returns the sections of the codebooks and of the table of
// order k.
func tableSections(k int) (book, slots int) {
	return secTables + 2*(k-2), secTables + 2*(k-2) + 1
}

// tableLayout is where the codes of each variant sit in the table of one
// order and in its codebook section. The writer and the reader both place
// them by it.
type tableLayout struct {
	backoff bool   // below the top order: a backoff code follows each prob code
	codes   uint64 // codes a variant has in a slot: 1, or 2 with a backoff
	nv      uint64 // variants
}

// tableLayoutOf returns the layout of the order-k table of a model of the
// order with nv variants.
func tableLayoutOf(k, order, nv int) tableLayout {
	l := tableLayout{backoff: k < order, codes: 1, nv: uint64(nv)}
	if l.backoff {
		l.codes = 2
	}
	return l
}

// slotSize returns the bytes of a slot: the uint32 fingerprint, then the
// codes of each variant.
func (l tableLayout) slotSize() uint64 { return 4 + l.codes*l.nv }

// probAt returns the offset in a slot of variant v's prob code; its backoff
// code, if any, is the next byte.
func (l tableLayout) probAt(v int) uint64 { return 4 + l.codes*uint64(v) }

// bookAt returns the offset in the codebook section of variant v's
// codebooks: numCodes float32 probs, then numCodes float32 backoffs if any.
func (l tableLayout) bookAt(v int) uint64 { return 4 * numCodes * l.codes * uint64(v) }

// bookSize returns the bytes of the codebook section.
func (l tableLayout) bookSize() uint64 { return l.bookAt(int(l.nv)) }

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Hashing of n-grams, shared by the writer and the reader.

func hashStart(w WordID) uint64 { return mix64(uint64(w) + 0x9e3779b97f4a7c15) }

func hashExtend(h uint64, w WordID) uint64 {
	return mix64(h ^ (uint64(w)+1)*0xc2b2ae3d27d4eb4f)
}

func slotOf(h, nslots uint64) uint64 { return (h >> 32) * nslots >> 32 }

func fingerprintOf(h uint64) uint32 {
	if fp := uint32(h); fp != 0 {
		return fp
	}
	return 1
}

// fnv1a hashes a vocabulary word.
func fnv1a(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// writeModel writes the model file of m.
func writeModel(w io.Writer, m *builtModel, info Info) error {
	info.VocabSize = len(m.vocab)
	info.Quantization = "unigrams float32; higher orders 8-bit per-order codebooks"
	var sections [][]byte

	// Vocabulary.
	offs := make([]byte, 4*(len(m.vocab)+1))
	var blob []byte
	for i, word := range m.vocab {
		blob = append(blob, word...)
		binary.LittleEndian.PutUint32(offs[4*(i+1):], uint32(len(blob)))
	}
	size := uint64(16)
	for size < 2*uint64(len(m.vocab)) {
		size *= 2
	}
	index := make([]byte, 4*size)
	for i, word := range m.vocab {
		h := fnv1a(word) & (size - 1)
		for binary.LittleEndian.Uint32(index[4*h:]) != 0 {
			h = (h + 1) & (size - 1)
		}
		binary.LittleEndian.PutUint32(index[4*h:], uint32(i+1))
	}
	sections = append(sections, offs, blob, index)

	// Unigrams.
	cols := m.variants()
	nv := len(cols)
	// Open reads as many variants as the header names, one if it names
	// none: a file that names others could not be read.
	if max(1, len(info.Variants)) != nv || nv > maxVariants {
		return fmt.Errorf("lexicon: the header names %d variants, the model has %d", len(info.Variants), nv)
	}
	uni := make([]byte, 0, 8*nv*len(m.vocab))
	for i := range m.vocab {
		for _, c := range cols {
			u := &c.sets[0]
			var bo float32
			if u.logbo != nil {
				bo = u.logbo[i]
			}
			uni = binary.LittleEndian.AppendUint32(uni, math.Float32bits(u.logp[i]))
			uni = binary.LittleEndian.AppendUint32(uni, math.Float32bits(bo))
		}
	}
	sections = append(sections, uni)

	// Higher orders.
	info.Layout = nil
	wordMask := uint64(1)<<m.bits - 1
	for k := 2; k <= m.order; k++ {
		set := &m.sets[k-1]
		lay := tableLayoutOf(k, m.order, nv)
		var book []byte
		probBooks := make([][]float32, nv)
		boBooks := make([][]float32, nv)
		for v, c := range cols {
			if len(c.sets[k-1].keys) != len(set.keys) {
				return fmt.Errorf("lexicon: variant %d has %d %d-grams, want %d", v, len(c.sets[k-1].keys), k, len(set.keys))
			}
			probBooks[v] = makeCodebook(c.sets[k-1].logp)
			book = appendFloat32s(book, probBooks[v])
			if lay.backoff {
				boBooks[v] = makeCodebook(c.sets[k-1].logbo)
				book = appendFloat32s(book, boBooks[v])
			}
		}
		slotSize := lay.slotSize()
		n := uint64(len(set.keys))
		nslots := n + n/2 + 1
		table := make([]byte, nslots*slotSize)
		maxProbe := 0
		for i, key := range set.keys {
			h := hashStart(WordID(key & wordMask))
			for j := 1; j < k; j++ {
				h = hashExtend(h, WordID(key>>(m.bits*uint(j))&wordMask))
			}
			s := slotOf(h, nslots)
			probe := 1
			for binary.LittleEndian.Uint32(table[s*slotSize:]) != 0 {
				s++
				if s == nslots {
					s = 0
				}
				probe++
			}
			maxProbe = max(maxProbe, probe)
			p := table[s*slotSize:]
			binary.LittleEndian.PutUint32(p, fingerprintOf(h))
			for v, c := range cols {
				at := lay.probAt(v)
				p[at] = encode(probBooks[v], c.sets[k-1].logp[i])
				if lay.backoff {
					p[at+1] = encode(boBooks[v], c.sets[k-1].logbo[i])
				}
			}
		}
		info.Layout = append(info.Layout, Layout{Slots: nslots, MaxProbe: maxProbe})
		sections = append(sections, book, table)
	}

	header, err := json.Marshal(info)
	if err != nil {
		return err
	}
	var head []byte
	head = append(head, magic...)
	head = binary.LittleEndian.AppendUint32(head, formatVersion)
	head = binary.LittleEndian.AppendUint32(head, uint32(len(header)))
	head = append(head, header...)
	head = pad8(head)
	head = binary.LittleEndian.AppendUint32(head, uint32(len(sections)))
	head = binary.LittleEndian.AppendUint32(head, 0)
	off := uint64(len(head) + 16*len(sections))
	for _, s := range sections {
		off = (off + 7) &^ 7
		head = binary.LittleEndian.AppendUint64(head, off)
		head = binary.LittleEndian.AppendUint64(head, uint64(len(s)))
		off += uint64(len(s))
	}
	crc := crc32.New(castagnoli)
	bw := bufio.NewWriterSize(io.MultiWriter(w, crc), 1<<20)
	written := uint64(len(head))
	if _, err := bw.Write(head); err != nil {
		return err
	}
	var zeros [8]byte
	for _, s := range sections {
		if p := (8 - written%8) % 8; p > 0 {
			bw.Write(zeros[:p])
			written += p
		}
		bw.Write(s)
		written += uint64(len(s))
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	_, err = w.Write(binary.LittleEndian.AppendUint32(nil, crc.Sum32()))
	return err
}

func pad8(b []byte) []byte {
	for len(b)%8 != 0 {
		b = append(b, 0)
	}
	return b
}

// makeCodebook returns numCodes sorted centroids for values: equal-count
// bins of the sorted values refined by Lloyd iterations (1-D k-means), so
// that the squared quantization error is small. Few distinct values get a
// code each.
func makeCodebook(values []float32) []float32 {
	book := make([]float32, numCodes)
	if len(values) == 0 {
		return book
	}
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	distinct := slices.Compact(slices.Clone(sorted))
	if len(distinct) <= numCodes {
		copy(book, distinct)
		for i := len(distinct); i < numCodes; i++ {
			book[i] = distinct[len(distinct)-1]
		}
		return book
	}
	c := make([]float64, numCodes)
	for b := range numCodes {
		lo := b * len(sorted) / numCodes
		hi := (b + 1) * len(sorted) / numCodes
		c[b] = float64(sorted[(lo+hi)/2])
	}
	sum := make([]float64, numCodes)
	n := make([]int, numCodes)
	for range 20 {
		clear(sum)
		clear(n)
		b := 0
		for _, v := range sorted {
			for b+1 < numCodes && math.Abs(float64(v)-c[b+1]) <= math.Abs(float64(v)-c[b]) {
				b++
			}
			sum[b] += float64(v)
			n[b]++
		}
		for b := range c {
			if n[b] > 0 {
				c[b] = sum[b] / float64(n[b])
			}
		}
	}
	for b := range book {
		book[b] = float32(c[b])
	}
	slices.Sort(book)
	return book
}

// encode returns the code of the centroid nearest to v.
func encode(book []float32, v float32) uint8 {
	i := sort.Search(len(book), func(i int) bool { return book[i] >= v })
	switch {
	case i == 0:
		return 0
	case i == len(book):
		return uint8(len(book) - 1)
	case v-book[i-1] <= book[i]-v:
		return uint8(i - 1)
	}
	return uint8(i)
}

// appendFloat32s appends xs to b, little-endian.
func appendFloat32s(b []byte, xs []float32) []byte {
	for _, x := range xs {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(x))
	}
	return b
}
