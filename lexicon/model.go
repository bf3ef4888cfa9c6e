package lexicon

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"os"
	"unsafe"

	"github.com/edsrzf/mmap-go"
)

// Model is an n-gram language model over vocabulary keys (see VocabKey),
// queried in place from the bytes of a model file: opening it allocates
// nothing per n-gram. Probabilities are log10 and back off as in an ARPA
// model. A Model is safe for concurrent use.
type Model struct {
	data      []byte
	info      Info
	order     int
	vocab     vocabView
	uni       []byte // per word, per variant (float32 prob, float32 backoff)
	uniStride uint64 // bytes per word in uni
	uniAt     uint64 // offset of this variant's pair in a word's bytes
	tables    [MaxOrder + 1]table
	views     []*Model     // one per variant, in the file's order
	unmap     func() error // of a memory-mapped file; set on views[0] only
}

// WordID identifies a word of a model's vocabulary; 0 is the unknown word.
type WordID uint32

// Unknown is the WordID of every word outside the vocabulary.
const Unknown WordID = idUnk

// vocabView is the vocabulary of a model file.
type vocabView struct {
	offs, blob, index []byte
	n                 uint32
	mask              uint64
	maxProbe          int
}

// table is the n-gram table of one order >= 2.
type table struct {
	slots    []byte
	nslots   uint64
	slotSize uint64
	probAt   uint64 // offset of the variant's prob code in a slot; its backoff code follows
	maxProbe int
	prob     [numCodes]float32
	backoff  [numCodes]float32
}

// ErrFormat is wrapped by every error about a file that is not a valid
// model.
var ErrFormat = errors.New("not a valid vnrestore lexicon model")

func formatErr(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrFormat}, args...)...)
}

// Open returns the model stored in data, which must stay unmodified while
// the model is used. It checks the magic bytes, version, checksum and every
// offset, so a truncated, corrupt or foreign file gives an error (wrapping
// ErrFormat), never a panic.
func Open(data []byte) (*Model, error) {
	if len(data) < 8 || string(data[:8]) != magic {
		return nil, formatErr("wrong magic bytes")
	}
	if len(data) < 16+4 {
		return nil, formatErr("truncated header")
	}
	version := binary.LittleEndian.Uint32(data[8:])
	if version < 1 || version > formatVersion {
		return nil, formatErr("format version %d, this program reads versions 1 to %d", version, formatVersion)
	}
	body := data[:len(data)-4]
	if got, want := crc32.Checksum(body, castagnoli), binary.LittleEndian.Uint32(data[len(data)-4:]); got != want {
		return nil, formatErr("checksum mismatch (file truncated or corrupt)")
	}
	hlen := uint64(binary.LittleEndian.Uint32(data[12:]))
	if 16+hlen > uint64(len(body)) {
		return nil, formatErr("header length %d beyond the end of the file", hlen)
	}
	m := &Model{data: data}
	if err := json.Unmarshal(body[16:16+hlen], &m.info); err != nil {
		return nil, formatErr("header: %v", err)
	}
	m.info.FileSize = int64(len(data))
	m.order = m.info.Order
	if m.order < 2 || m.order > MaxOrder {
		return nil, formatErr("order %d out of range", m.order)
	}
	if len(m.info.Layout) != m.order-1 || len(m.info.Counts) != m.order {
		return nil, formatErr("header does not describe %d orders", m.order)
	}
	nv := 1
	switch {
	case version == 1:
		m.info.Variants = nil
	case len(m.info.Variants) > maxVariants:
		return nil, formatErr("%d variants", len(m.info.Variants))
	case len(m.info.Variants) > 0:
		nv = len(m.info.Variants)
	}
	pos := (16 + hlen + 7) &^ 7
	if pos+8 > uint64(len(body)) {
		return nil, formatErr("truncated section table")
	}
	nsec := uint64(binary.LittleEndian.Uint32(body[pos:]))
	if want := uint64(numSections(m.order)); nsec != want {
		return nil, formatErr("%d sections, want %d", nsec, want)
	}
	pos += 8
	if pos+16*nsec > uint64(len(body)) {
		return nil, formatErr("truncated section table")
	}
	secs := make([][]byte, nsec)
	for i := range secs {
		off := binary.LittleEndian.Uint64(body[pos+16*uint64(i):])
		n := binary.LittleEndian.Uint64(body[pos+16*uint64(i)+8:])
		if off > uint64(len(body)) || n > uint64(len(body))-off {
			return nil, formatErr("section %d out of range", i)
		}
		secs[i] = body[off : off+n : off+n]
	}
	if err := m.vocab.init(secs[secVocabOffsets], secs[secVocabBlob], secs[secVocabIndex], m.info.VocabSize); err != nil {
		return nil, err
	}
	m.uniStride = 8 * uint64(nv)
	if uni := secs[secUnigrams]; uint64(len(uni)) != m.uniStride*uint64(m.vocab.n) {
		return nil, formatErr("unigram section has %d bytes, want %d", len(uni), m.uniStride*uint64(m.vocab.n))
	}
	if m.vocab.n < 3 {
		return nil, formatErr("vocabulary of %d words", m.vocab.n)
	}
	m.uni = secs[secUnigrams]
	// One view of the file per variant, m the first: the same tables, its
	// own codes in their slots and its own codebooks.
	m.views = make([]*Model, nv)
	for v := range nv {
		view := m
		if v > 0 {
			view = new(Model)
			*view = *m
		}
		view.uniAt = 8 * uint64(v)
		m.views[v] = view
	}
	for k := 2; k <= m.order; k++ {
		lay := tableLayoutOf(k, m.order, nv)
		bookSec, slotSec := tableSections(k)
		book, slots := secs[bookSec], secs[slotSec]
		if uint64(len(book)) != lay.bookSize() {
			return nil, formatErr("order %d codebook has %d bytes", k, len(book))
		}
		l := m.info.Layout[k-2]
		if l.Slots == 0 || l.Slots >= 1<<32 || uint64(len(slots)) != l.Slots*lay.slotSize() {
			return nil, formatErr("order %d table has %d bytes for %d slots", k, len(slots), l.Slots)
		}
		if l.MaxProbe < 0 || uint64(l.MaxProbe) > l.Slots {
			return nil, formatErr("order %d probe length %d", k, l.MaxProbe)
		}
		for v, view := range m.views {
			t := &view.tables[k]
			t.slots, t.nslots, t.slotSize, t.maxProbe = slots, l.Slots, lay.slotSize(), l.MaxProbe
			t.probAt = lay.probAt(v)
			b := book[lay.bookAt(v):]
			for i := range numCodes {
				t.prob[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
				if lay.backoff {
					t.backoff[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*(numCodes+i):]))
				}
			}
		}
	}
	return m, nil
}

// maxVariants bounds the variants a model file may declare.
const maxVariants = 16

// init checks and sets up the vocabulary sections.
func (v *vocabView) init(offs, blob, index []byte, size int) error {
	if size <= 0 || uint64(len(offs)) != 4*(uint64(size)+1) {
		return formatErr("vocabulary offsets do not match %d words", size)
	}
	prev := uint32(0)
	if binary.LittleEndian.Uint32(offs) != 0 {
		return formatErr("vocabulary offsets do not start at 0")
	}
	for i := 1; i <= size; i++ {
		o := binary.LittleEndian.Uint32(offs[4*i:])
		if o < prev || uint64(o) > uint64(len(blob)) {
			return formatErr("vocabulary offset %d out of range", i)
		}
		prev = o
	}
	n := uint64(len(index) / 4)
	if n == 0 || n&(n-1) != 0 || uint64(len(index))%4 != 0 || n < uint64(size) {
		return formatErr("vocabulary index of %d bytes", len(index))
	}
	v.offs, v.blob, v.index = offs, blob, index
	v.n, v.mask, v.maxProbe = uint32(size), n-1, int(n)
	return nil
}

// OpenFile memory-maps the model file at path and opens it (see Open). The
// strings returned by Word stay valid until Close.
func OpenFile(path string) (*Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() == 0 {
		return nil, fmt.Errorf("%s: %w: empty file", path, ErrFormat)
	}
	mm, err := mmap.Map(f, mmap.RDONLY, 0)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	m, err := Open(mm)
	if err != nil {
		mm.Unmap()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	m.unmap = mm.Unmap // m is views[0]
	return m, nil
}

// Close releases the memory map of a model opened with OpenFile; the model
// must not be used afterwards. It does nothing for other models.
func (m *Model) Close() error {
	if len(m.views) == 0 || m.views[0].unmap == nil {
		return nil
	}
	first := m.views[0]
	err := first.unmap()
	first.unmap = nil
	return err
}

// Variants returns the variants the model file's header names: one
// interpolation of its domain and general text each (see
// BuildOptions.General), the domain variant first. A model built with
// OneVariant names its one variant; a model built from one kind of text, or
// a file of format version 1, names none and returns nil. Either way such a
// model holds one variant: NumVariants counts them.
func (m *Model) Variants() []Variant { return m.info.Variants }

// NumVariants returns how many variants the model file holds, at least
// one: Variant(i) is not nil for i from 0 to NumVariants()-1.
func (m *Model) NumVariants() int { return len(m.views) }

// Variant returns the model that scores with variant i of the file: the
// same vocabulary, n-grams and States, other probabilities. Variant(0) of
// a model as opened is the model itself; an i out of range gives nil. The
// views share the file: closing one closes them all.
func (m *Model) Variant(i int) *Model {
	if i < 0 || i >= len(m.views) {
		return nil
	}
	return m.views[i]
}

// Order returns the n-gram order of the model.
func (m *Model) Order() int { return m.order }

// Info returns the description and provenance of the model.
func (m *Model) Info() Info { return m.info }

// VocabSize returns the number of words of the vocabulary, reserved words
// included; IDs run from 0 to VocabSize()-1.
func (m *Model) VocabSize() int { return int(m.vocab.n) }

// ID returns the ID of a vocabulary key, or Unknown (0). It does not
// allocate.
func (m *Model) ID(key string) WordID {
	v := &m.vocab
	h := fnv1a(key) & v.mask
	for range v.maxProbe {
		s := binary.LittleEndian.Uint32(v.index[4*h:])
		if s == 0 || s > v.n {
			return Unknown
		}
		if m.word(s-1) == key {
			return WordID(s - 1)
		}
		h = (h + 1) & v.mask
	}
	return Unknown
}

// Word returns the vocabulary key of id, or "" if id is out of range. The
// string shares the model's memory.
func (m *Model) Word(id WordID) string {
	if uint32(id) >= m.vocab.n {
		return ""
	}
	return m.word(uint32(id))
}

func (m *Model) word(id uint32) string {
	lo := binary.LittleEndian.Uint32(m.vocab.offs[4*id:])
	hi := binary.LittleEndian.Uint32(m.vocab.offs[4*id+4:])
	if hi <= lo {
		return ""
	}
	return unsafe.String(&m.vocab.blob[lo], hi-lo)
}

// Unigram returns log10 P(w); an out-of-range ID counts as unknown.
func (m *Model) Unigram(w WordID) float32 {
	if uint32(w) >= m.vocab.n {
		w = Unknown
	}
	return math.Float32frombits(binary.LittleEndian.Uint32(m.uni[m.uniStride*uint64(w)+m.uniAt:]))
}

func (m *Model) unigramBackoff(w WordID) float32 {
	if uint32(w) >= m.vocab.n {
		return 0
	}
	return math.Float32frombits(binary.LittleEndian.Uint32(m.uni[m.uniStride*uint64(w)+m.uniAt+4:]))
}

// LogProb returns log10 P(w | context), using the last Order()-1 words of
// context (oldest first). Start a sentence's context with ID("<s>"). It
// does not allocate.
func (m *Model) LogProb(context []WordID, w WordID) float32 {
	lp, _ := m.score(context, w)
	return lp
}

// score returns log10 P(w | context) and the length of the longest context
// suffix matched together with w (the stored n-gram used has matched+1
// words).
func (m *Model) score(context []WordID, w WordID) (float32, int) {
	n := min(len(context), m.order-1)
	ctx := context[len(context)-n:]
	var lp float32
	matched := 0
	h := hashStart(w)
	for j := 1; j <= n; j++ {
		h = hashExtend(h, ctx[n-j])
		t := &m.tables[j+1]
		slot, ok := t.find(h)
		if !ok {
			break
		}
		lp = t.prob[slot[t.probAt]]
		matched = j
	}
	if matched == 0 {
		lp = m.Unigram(w) // read only when needed: one cache miss less
	}
	if matched == n {
		return lp, matched
	}
	// Back off: add the weights of the contexts longer than the match.
	var hc uint64
	for j := 1; j <= n; j++ {
		if j == 1 {
			hc = hashStart(ctx[n-1])
		} else {
			hc = hashExtend(hc, ctx[n-j])
		}
		if j <= matched {
			continue
		}
		if j == 1 {
			lp += m.unigramBackoff(ctx[n-1])
			continue
		}
		t := &m.tables[j]
		slot, ok := t.find(hc)
		if !ok {
			break
		}
		lp += t.backoff[slot[t.probAt+1]]
	}
	return lp, matched
}

// stateWords is how many words a State has room for. An order-4 model
// needs three; five is measured faster: with five, plain restoration ran
// about 5% faster (go test ./diacritics -bench RestorePlain -cpu 1, four
// interleaved pairs of runs: 288-312 K against 267-285 K syllables/s).
const stateWords = 5

// State is the part of a history that can still change the model's
// predictions: at most Order()-1 recent words, fewer when a longer history
// is not a stored context (as in KenLM), with the backoff weights of those
// contexts so that Score needs no lookups for them. Two histories with
// equal States score every continuation alike, so a decoder can merge
// them; State is comparable and can be a map key. The zero State is the
// empty context (unigram probabilities).
type State struct {
	words   [stateWords]WordID  // oldest first
	backoff [stateWords]float32 // backoff[i]: log10 backoff of the last i+1 words
	n       uint8
}

// Len returns the number of words the state remembers.
func (s State) Len() int { return int(s.n) }

// BeginSentence returns the state at the start of a sentence (after <s>).
func (m *Model) BeginSentence() State {
	return State{words: [stateWords]WordID{idBOS}, backoff: [stateWords]float32{m.unigramBackoff(idBOS)}, n: 1}
}

// Score returns log10 P(w | s) and the state after w; it gives the same
// probability as LogProb with the whole history. It does not allocate.
func (m *Model) Score(s State, w WordID) (float32, State) {
	n := min(int(s.n), m.order-1, len(s.words))
	var next State
	// next.backoff[j] is the backoff of the (j+1)-gram ending in w, read
	// from the slots the match loop finds.
	next.backoff[0] = m.unigramBackoff(w)
	var lp float32
	matched := 0
	h := hashStart(w)
	for j := 1; j <= n; j++ {
		h = hashExtend(h, s.words[n-j])
		t := &m.tables[j+1]
		slot, ok := t.find(h)
		if !ok {
			break
		}
		lp = t.prob[slot[t.probAt]]
		if j+1 < m.order {
			next.backoff[j] = t.backoff[slot[t.probAt+1]]
		}
		matched = j
	}
	if matched == 0 {
		lp = m.Unigram(w)
	}
	for j := matched; j < n; j++ {
		lp += s.backoff[j]
	}
	// The next context is the matched suffix plus w, when that is short
	// enough to be a context: longer histories back off the same way.
	keep := min(matched, m.order-2)
	copy(next.words[:keep], s.words[n-keep:n])
	next.words[keep] = w
	next.n = uint8(keep + 1)
	clear(next.backoff[keep+1:])
	return lp, next
}

// find returns the slot of the n-gram with hash h.
func (t *table) find(h uint64) ([]byte, bool) {
	s := slotOf(h, t.nslots)
	fp := fingerprintOf(h)
	for range t.maxProbe {
		p := t.slots[s*t.slotSize : s*t.slotSize+t.slotSize]
		got := binary.LittleEndian.Uint32(p)
		if got == fp {
			return p, true
		}
		if got == 0 {
			return nil, false
		}
		s++
		if s == t.nslots {
			s = 0
		}
	}
	return nil, false
}
