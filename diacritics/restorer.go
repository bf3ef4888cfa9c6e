package diacritics

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/vnarchive/vnrestore/lexicon"
)

// A Restorer restores and corrects Vietnamese text with an n-gram model. It
// is safe for concurrent use: create one and share it.
type Restorer struct {
	model *lexicon.Model
	opts  options

	// fitLLR is, per word, its evidence for domain text (nil: the variant
	// is fixed); a text starts from the mean evidence fitPrior and reads as
	// domain text while the mean stays at or above fitSplit (see
	// WithVariant and setVariantChoice).
	fitLLR             []float32
	fitPrior, fitSplit float32

	bos, eos lexicon.WordID

	// readings maps an ASCII skeleton to the syllables of the model's
	// vocabulary that have it, most frequent first.
	readings map[string][]reading

	scratch sync.Pool // *decoder
}

// A reading is one syllable a word may be read as.
type reading struct {
	id     lexicon.WordID
	key    string           // canonical lower-case syllable, old tone placement
	syl    lexicon.Syllable // key taken apart, to compose other cases and styles
	caseLP [3]float32       // weighted log10 P(case | key) for lower, title and upper case
}

// Mode says what kind of damage the input has.
type Mode uint8

// The modes of restoration.
const (
	// Auto decides per line: plain unaccented text is restored, legacy OCR
	// text is repaired, accented text is corrected as OCR output when an OCR
	// channel is set and passed through otherwise. Whether unaccented text
	// is legacy OCR is judged on the line together with the lines before it
	// in the same String, Copy or RestoreLines call.
	Auto Mode = iota
	// Plain restores diacritics of text typed without them; only words
	// without any mark change, and only their marks.
	Plain
	// Legacy repairs the output of OCR engines without Vietnamese, whose
	// marked letters became other letters and digits ("s6" = "số", "chirc" = "chức").
	Legacy
	// OCR corrects the tone and mark slips of Tesseract's Vietnamese model
	// ("khân" = "khẩn"), trusting words in proportion to their confidence.
	OCR
)

var modeNames = [...]string{"auto", "plain", "legacy", "ocr", "none"}

// String returns the mode's name as the command line spells it.
func (m Mode) String() string {
	if int(m) < len(modeNames) {
		return modeNames[m]
	}
	return fmt.Sprintf("Mode(%d)", m)
}

// ParseMode returns the mode named s ("auto", "plain", "legacy", "ocr").
func ParseMode(s string) (Mode, error) {
	for i, n := range modeNames[:passThrough] {
		if s == n {
			return Mode(i), nil
		}
	}
	return 0, fmt.Errorf("unknown mode %q (want auto, plain, legacy or ocr)", s)
}

// An Option configures a Restorer.
type Option func(*options)

type options struct {
	mode          Mode
	beam          int
	style         lexicon.ToneStyle
	legacy        Channel
	ocr           Channel
	channelWeight float32
	maxLine       int
	order         int
	threshold     float32
	cases         *lexicon.CaseModel
	caseWeight    float32
	caseSet       bool
	variant       int
}

// WithMode sets the mode (default Auto).
func WithMode(m Mode) Option { return func(o *options) { o.mode = m } }

// WithBeam sets how many hypotheses the decoder keeps at each word
// (default 16). Larger is slower and rarely better; see the package
// benchmarks.
func WithBeam(n int) Option { return func(o *options) { o.beam = n } }

// WithToneStyle sets where restored words carry the tone mark in oa, oe and
// uy (default lexicon.OldStyle, "hòa", the most frequent in the corpus).
// Words the input already marked are never changed.
func WithToneStyle(s lexicon.ToneStyle) Option { return func(o *options) { o.style = s } }

// WithLegacyChannel sets the error model of legacy OCR used in Legacy mode
// (and by Auto for lines that look like legacy OCR).
func WithLegacyChannel(c Channel) Option { return func(o *options) { o.legacy = c } }

// WithOCRChannel sets the error model of Tesseract's Vietnamese output used
// in OCR mode (and by Auto for accented lines).
func WithOCRChannel(c Channel) Option { return func(o *options) { o.ocr = c } }

// WithThreshold drops, at each word, the hypotheses whose log10 score is
// more than t below the best one's (default 3: a hypothesis 1,000 times
// less probable than the best is not followed). Together with the beam it
// bounds the work per word; 0 turns it off.
func WithThreshold(t float32) Option { return func(o *options) { o.threshold = t } }

// WithCaseModel sets the case model whose evidence plain mode weighs, with
// weight w against the language model: a word capitalised in mid-sentence
// is likelier a name ("Nam", "Phật") than a common word ("năm", "phát").
// The default is lexicon.DefaultCaseModel with weight 0.7 (on the
// development split: wiki 96.68% → 96.93%, admin+legal 99.44% → 99.46%;
// weight 1 gave 96.90% and 99.39%). WithCaseModel(nil, 0) turns it off.
func WithCaseModel(m *lexicon.CaseModel, w float32) Option {
	return func(o *options) { o.cases, o.caseWeight, o.caseSet = m, w, true }
}

// WithChannelWeight scales the channel's log-probabilities against the
// language model's (default 1).
func WithChannelWeight(w float32) Option { return func(o *options) { o.channelWeight = w } }

// WithOrder(1) makes the decoder pick every word's most frequent reading
// regardless of context (and of case, unless WithCaseModel says otherwise):
// the baseline that shows what context adds. Any other value uses the
// model's full order.
func WithOrder(n int) Option { return func(o *options) { o.order = n } }

// defaultCaseWeight is the weight of the default case model (see
// WithCaseModel).
const defaultCaseWeight = 0.7

// ErrLineTooLong is returned by the streaming methods for a line longer
// than the limit set with WithMaxLine.
var ErrLineTooLong = errors.New("line too long")

// WithMaxLine sets the longest line, in bytes, the streaming methods accept
// (default 16 MiB). Restoration works line by line, so memory grows with
// the longest line, not with the input.
func WithMaxLine(n int) Option { return func(o *options) { o.maxLine = n } }

// New returns a Restorer over model.
func New(model *lexicon.Model, opts ...Option) (*Restorer, error) {
	if model == nil {
		return nil, errors.New("diacritics: nil model")
	}
	o := options{beam: 16, channelWeight: 1, maxLine: 16 << 20, threshold: 3, variant: AutoVariant}
	for _, f := range opts {
		f(&o)
	}
	if o.beam < 1 {
		return nil, fmt.Errorf("diacritics: beam %d: must be at least 1", o.beam)
	}
	if !o.caseSet && o.order != 1 { // the unigram baseline is the most frequent reading, nothing else
		cm, err := lexicon.DefaultCaseModel()
		if err != nil {
			return nil, fmt.Errorf("diacritics: %w", err)
		}
		o.cases, o.caseWeight = cm, defaultCaseWeight
	}
	if o.order <= 0 || o.order > model.Order() {
		o.order = model.Order()
	}
	if o.mode > OCR {
		return nil, fmt.Errorf("diacritics: unknown mode %d", o.mode)
	}
	if o.mode == Legacy && o.legacy == nil {
		return nil, errors.New("diacritics: legacy mode needs a legacy channel (WithLegacyChannel)")
	}
	if o.mode == OCR && o.ocr == nil {
		return nil, errOCRChannel
	}
	if o.variant != AutoVariant && model.Variant(o.variant) == nil {
		return nil, fmt.Errorf("diacritics: the language model has no variant %d (it holds %d)", o.variant, model.NumVariants())
	}
	r := &Restorer{model: model, opts: o, bos: model.ID("<s>"), eos: model.ID("</s>")}
	r.readings = readingsOf(model)
	r.setVariantChoice()
	if o.cases != nil {
		for _, rs := range r.readings {
			for i := range rs {
				for c := lexicon.Lower; c <= lexicon.Upper; c++ {
					rs[i].caseLP[c] = o.caseWeight * o.cases.LogProb(rs[i].key, c)
				}
			}
		}
	}
	r.scratch.New = func() any { return newDecoder(r) }
	return r, nil
}

// errOCRChannel is the error of OCR mode without an OCR channel.
var errOCRChannel = errors.New("diacritics: OCR mode needs an OCR channel (WithOCRChannel)")

// WithoutOCRChannel returns r without its OCR channel, for text that was
// typed rather than OCR'd (a file converted from a legacy encoding, say):
// in Auto mode its accented lines then pass unchanged. It shares r's
// set-up, so it costs next to nothing. OCR mode cannot do without the
// channel: it returns an error then.
func (r *Restorer) WithoutOCRChannel() (*Restorer, error) {
	if r.opts.mode == OCR {
		return nil, errOCRChannel
	}
	t := &Restorer{model: r.model, opts: r.opts, fitLLR: r.fitLLR, fitPrior: r.fitPrior, fitSplit: r.fitSplit, bos: r.bos, eos: r.eos, readings: r.readings}
	t.opts.ocr = nil
	t.scratch.New = func() any { return newDecoder(t) }
	return t, nil
}

// readingsOf groups by skeleton the words of the model's vocabulary that
// plain mode may restore: the syllables, the acronyms written with Đ (CTĐT,
// GDĐT), and the unmarked spelling itself when the model knows it as a word
// ("ctdt", or "mit" and "cup" from foreign text), which keeps a word as
// typed.
func readingsOf(model *lexicon.Model) map[string][]reading {
	m := make(map[string][]reading, 8192)
	for _, key := range lexicon.Inventory() {
		id := model.ID(key)
		if id == lexicon.Unknown {
			continue
		}
		sk := lexicon.Skeleton(key)
		syl, _ := lexicon.ParseSyllable(key)
		m[sk] = append(m[sk], reading{id: id, key: key, syl: syl})
	}
	for id := lexicon.WordID(1); int(id) < model.VocabSize(); id++ {
		w := model.Word(id)
		if !isLetters(w) || lexicon.IsSyllable(w) {
			continue
		}
		sk := lexicon.Skeleton(w)
		if sk == w || len(m[sk]) > 0 && lexicon.IsSyllable(m[sk][0].key) {
			continue // unmarked, or a skeleton that syllables already claim
		}
		m[sk] = append(m[sk], reading{id: id, key: w})
	}
	for sk, rs := range m {
		if id := model.ID(sk); id != lexicon.Unknown && !slices.ContainsFunc(rs, func(r reading) bool { return r.id == id }) {
			rs = append(rs, reading{id: id, key: sk})
		}
		sortReadings(model, rs)
		best := model.Unigram(rs[0].id)
		k := len(rs)
		for k > 1 && model.Unigram(rs[k-1].id) < best-rareReading {
			k--
		}
		m[sk] = rs[:k]
	}
	return m
}

// rareReading drops, from a skeleton's readings, the syllables a thousand
// times (3 in log10) rarer than its most frequent one: on the development
// split this keeps every correct reading but one in 59,000 and removes a
// fifth of the decoder's work.
const rareReading = 3

// isLetters reports whether s is a non-empty run of letters.
func isLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}

func sortReadings(model *lexicon.Model, rs []reading) {
	for i := 1; i < len(rs); i++ {
		for j := i; j > 0 && model.Unigram(rs[j].id) > model.Unigram(rs[j-1].id); j-- {
			rs[j], rs[j-1] = rs[j-1], rs[j]
		}
	}
}

// Result is the outcome of restoring a text.
type Result struct {
	Text   string        // the restored text
	Tokens []TokenResult // every token of the input, in order, white space included
}

// TokenResult tells what became of one input token.
type TokenResult struct {
	Kind       lexicon.TokenKind
	Input      string        // the token as it was
	Output     string        // the token as restored ("" when it was merged into the previous one)
	Changed    bool          // Output differs from Input
	Confidence float64       // the decoder's belief in Output, 0–1; 1 for tokens it does not decide
	Mode       Mode          // how the token's line was treated
	Alts       []Alternative // the readings considered, best first (words it decided only)
}

// An Alternative is one reading the decoder considered for a token.
type Alternative struct {
	Text  string  `json:"text"`
	Score float64 `json:"score"` // the share of belief, 0–1
}

// String restores s and returns the text alone.
func (r *Restorer) String(s string) string {
	d := r.getDecoder()
	defer r.scratch.Put(d)
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	forEachLine(s, func(line, end string) { d.restoreLine(&b, line, end) })
	return b.String()
}

// Restore restores s and returns the text with the details of every token.
func (r *Restorer) Restore(s string) Result {
	d := r.getDecoder()
	defer r.scratch.Put(d)
	var res Result
	var b strings.Builder
	forEachLine(s, func(line, end string) {
		d.restoreLine(&b, line, end)
		res.Tokens = d.appendLineEnd(d.appendDetails(res.Tokens), end)
	})
	res.Text = b.String()
	return res
}

// CorrectWords corrects the words of one OCR'd line, as an OCR engine
// returns them: each word is a white-space free chunk of text, conf[i] is
// the engine's confidence in word i from 0 to 1 (nil: unknown). It returns
// one string per word. The line is decoded in OCR mode, or in the
// Restorer's mode when that is Legacy or Plain.
func (r *Restorer) CorrectWords(words []string, conf []float32) []string {
	d := r.getDecoder()
	defer r.scratch.Put(d)
	out := make([]string, len(words))
	line := strings.Join(words, " ")
	d.confs = d.confs[:0]
	if len(conf) == len(words) {
		d.confs = append(d.confs, conf...)
	}
	mode := r.opts.mode
	if mode == Auto || mode == OCR {
		mode = OCR
		if r.opts.ocr == nil {
			mode = passThrough
		}
	}
	// A line that starts in lower case goes on the sentence of the line
	// before it, which the caller does not pass.
	d.sentenceStart = !startsLower(line)
	d.decodeLineMode(line, mode)
	d.confs = d.confs[:0]
	var b strings.Builder
	d.writeLine(&b)
	got := strings.Split(b.String(), " ")
	if len(got) != len(words) {
		copy(out, words) // a reading joined or split words: keep them as read
		return out
	}
	return got
}

// Copy restores everything read from src and writes it to dst, line by
// line, in memory bounded by the longest line. It returns the number of
// bytes written. Line ends (LF, CRLF) are kept as they were.
func (r *Restorer) Copy(dst io.Writer, src io.Reader) (written int64, err error) {
	d := r.getDecoder()
	defer r.scratch.Put(d)
	bw := bufio.NewWriterSize(dst, 64<<10)
	var out strings.Builder
	err = r.eachLine(src, func(body, end string) error {
		out.Reset()
		d.restoreLine(&out, body, end)
		n, werr := bw.WriteString(out.String())
		written += int64(n)
		return werr
	})
	if err != nil {
		return written, err
	}
	return written, bw.Flush()
}

// RestoreLines restores everything read from src line by line, as Copy
// does, and calls fn with the result of each line: its text without the
// line end, and the details of its tokens, the line end last. The lines
// are one text: what the decoder learns of it from one line (a sentence
// going on, the kind of text) carries over to the next, as in Copy and
// String and unlike separate calls of Restore. An error from fn stops the
// reading and is returned.
func (r *Restorer) RestoreLines(src io.Reader, fn func(Result) error) error {
	d := r.getDecoder()
	defer r.scratch.Put(d)
	var b strings.Builder
	return r.eachLine(src, func(body, end string) error {
		d.decodeLine(body)
		b.Reset()
		d.writeLine(&b)
		return fn(Result{Text: b.String(), Tokens: d.appendLineEnd(d.appendDetails(nil), end)})
	})
}

// eachLine calls fn with every line read from src, without and with its
// line end, in memory bounded by the longest line (WithMaxLine).
func (r *Restorer) eachLine(src io.Reader, fn func(body, end string) error) error {
	br := bufio.NewReaderSize(src, 64<<10)
	var long []byte
	for {
		chunk, rerr := br.ReadSlice('\n')
		if errors.Is(rerr, bufio.ErrBufferFull) {
			long = append(long, chunk...)
			if len(long) > r.opts.maxLine {
				return fmt.Errorf("%w: more than %d bytes", ErrLineTooLong, r.opts.maxLine)
			}
			continue
		}
		line := chunk
		if long != nil {
			line = append(long, chunk...)
			long = long[:0:0]
		}
		if len(line) > 0 {
			body, end := cutLineEnd(string(line))
			if err := fn(body, end); err != nil {
				return err
			}
		}
		if rerr == io.EOF {
			return nil
		}
		if rerr != nil {
			return rerr
		}
	}
}

// appendLineEnd appends the token of the line end end, if any, to ts.
func (d *decoder) appendLineEnd(ts []TokenResult, end string) []TokenResult {
	if end == "" {
		return ts
	}
	return append(ts, TokenResult{Kind: lexicon.Newline, Input: end, Output: end, Confidence: 1, Mode: d.lineMode})
}

// restoreLine decodes the next line of a text, line, and writes it to b
// followed by its line end.
func (d *decoder) restoreLine(b *strings.Builder, line, end string) {
	d.decodeLine(line)
	d.writeLine(b)
	b.WriteString(end)
}

// getDecoder returns a pooled decoder, reset for a new text.
func (r *Restorer) getDecoder() *decoder {
	d := r.scratch.Get().(*decoder)
	d.startDocument()
	return d
}

// forEachLine calls fn for every line of s with its line end ("\n",
// "\r\n", or "" for the last line).
func forEachLine(s string, fn func(line, end string)) {
	for len(s) > 0 {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			fn(s, "")
			return
		}
		line, end := cutLineEnd(s[:i+1])
		fn(line, end)
		s = s[i+1:]
	}
}

// cutLineEnd cuts "\n" or "\r\n" off the end of a line.
func cutLineEnd(line string) (body, end string) {
	n := len(line)
	if n > 0 && line[n-1] == '\n' {
		if n > 1 && line[n-2] == '\r' {
			return line[:n-2], "\r\n"
		}
		return line[:n-1], "\n"
	}
	return line, ""
}

// startsLower reports whether the first letter of s is lower case.
func startsLower(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return unicode.IsLower(r)
		}
	}
	return false
}
