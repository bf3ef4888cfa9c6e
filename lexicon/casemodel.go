package lexicon

import (
	"bufio"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// A CaseModel knows how each syllable is written away from the start of a
// sentence: how often in lower case, capitalised and in capitals. The n-gram
// model sees words in lower case only, so it cannot tell "Nam" (Việt Nam,
// Hà Nam) from "Năm" mid-sentence, or "Phật" (Buddha, a name) from "phát";
// the case a word was typed in can.
type CaseModel struct {
	lp map[string][numCaseClasses]float32
}

// numCaseClasses is the number of Case values a CaseModel counts.
const numCaseClasses = 3

// caseModelMagic is the first line of a case model file.
const caseModelMagic = "vnrestore-case 1"

// caseSmoothing is the weight of the overall case distribution in each
// syllable's estimate: a syllable seen a few times is pulled towards it.
const caseSmoothing = 2.0

//go:embed model/default.case
var defaultCaseData string

var defaultCase = sync.OnceValues(func() (*CaseModel, error) {
	return ReadCaseModel(strings.NewReader(defaultCaseData))
})

// DefaultCaseModel returns the case model built from the same training
// text as the default n-gram model.
func DefaultCaseModel() (*CaseModel, error) { return defaultCase() }

// LogProb returns log10 P(c | key) for a syllable key (see Key) written in
// case c away from the start of a sentence; 0 for a syllable the model has
// not seen.
func (m *CaseModel) LogProb(key string, c Case) float32 {
	v, ok := m.lp[key]
	if !ok || int(c) >= numCaseClasses {
		return 0
	}
	return v[c]
}

// Len returns the number of syllables the model knows.
func (m *CaseModel) Len() int { return len(m.lp) }

// A CaseCounter counts, over text, the case of every syllable away from the
// start of a sentence. Its output is what ReadCaseModel reads.
type CaseCounter struct {
	counts map[string]*[numCaseClasses]int64
	toks   []Token
}

// NewCaseCounter returns an empty CaseCounter.
func NewCaseCounter() *CaseCounter {
	return &CaseCounter{counts: map[string]*[numCaseClasses]int64{}}
}

// AddLine counts the syllables of one line (a paragraph). A capital after
// the start of the line or after . ! ? : says nothing and is not counted;
// neither is a lone capital letter.
func (c *CaseCounter) AddLine(line string) {
	c.toks = AppendTokens(c.toks[:0], line)
	start := true
	for _, t := range c.toks {
		switch t.Kind {
		case Space, Newline:
			continue
		case Word:
			if s, ok := ParseSyllable(t.Text); ok && !(start && s.Case == Title) && !(s.Case != Lower && len(t.Text) == 1) {
				cs := s.Case
				s.Case = Lower
				key := s.Compose(OldStyle)
				n := c.counts[key]
				if n == nil {
					n = new([numCaseClasses]int64)
					c.counts[key] = n
				}
				n[cs]++
			}
			start = false
		case Punct:
			start = IsSentenceEnd(t.Text)
		default:
			start = false
		}
	}
}

// AddText counts every line of r.
func (c *CaseCounter) AddText(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<26)
	for sc.Scan() {
		c.AddLine(sc.Text())
	}
	return sc.Err()
}

// WriteTo writes the counts in the case model format: a header line, then
// one line per syllable, sorted: key, lower, capitalised, capitals.
func (c *CaseCounter) WriteTo(w io.Writer) (int64, error) {
	keys := make([]string, 0, len(c.counts))
	for k := range c.counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	bw := bufio.NewWriter(w)
	var n int64
	k, err := fmt.Fprintln(bw, caseModelMagic)
	n += int64(k)
	for _, key := range keys {
		if err != nil {
			return n, err
		}
		v := c.counts[key]
		k, err = fmt.Fprintf(bw, "%s\t%d\t%d\t%d\n", key, v[0], v[1], v[2])
		n += int64(k)
	}
	if err != nil {
		return n, err
	}
	return n, bw.Flush()
}

// IsSentenceEnd reports whether punctuation p ends a sentence, so that a
// capital after it says nothing about the word.
func IsSentenceEnd(p string) bool {
	switch p {
	case ".", "!", "?", ":", "...", "…":
		return true
	}
	return false
}

// ErrCaseModel is wrapped by every error about a file that is not a case
// model.
var ErrCaseModel = errors.New("not a vnrestore case model")

// ReadCaseModel reads a case model written by CaseCounter.WriteTo.
func ReadCaseModel(r io.Reader) (*CaseModel, error) {
	sc := bufio.NewScanner(r)
	if !sc.Scan() || sc.Text() != caseModelMagic {
		if err := sc.Err(); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("%w: missing %q header", ErrCaseModel, caseModelMagic)
	}
	type row struct {
		key string
		n   [numCaseClasses]float64
	}
	var rows []row
	var total [numCaseClasses]float64
	for line := 2; sc.Scan(); line++ {
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 1+numCaseClasses || Key(f[0]) != f[0] {
			return nil, fmt.Errorf("%w: line %d: want a syllable key and %d counts", ErrCaseModel, line, numCaseClasses)
		}
		rw := row{key: f[0]}
		for i := range rw.n {
			v, err := strconv.ParseInt(f[1+i], 10, 64)
			if err != nil || v < 0 {
				return nil, fmt.Errorf("%w: line %d: bad count %q", ErrCaseModel, line, f[1+i])
			}
			rw.n[i] = float64(v)
			total[i] += float64(v)
		}
		rows = append(rows, rw)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	all := total[0] + total[1] + total[2]
	if all == 0 {
		return nil, fmt.Errorf("%w: no counts", ErrCaseModel)
	}
	m := &CaseModel{lp: make(map[string][numCaseClasses]float32, len(rows))}
	for _, rw := range rows {
		n := rw.n[0] + rw.n[1] + rw.n[2]
		var v [numCaseClasses]float32
		for i := range v {
			v[i] = float32(math.Log10((rw.n[i] + caseSmoothing*total[i]/all) / (n + caseSmoothing)))
		}
		m.lp[rw.key] = v
	}
	return m, nil
}
