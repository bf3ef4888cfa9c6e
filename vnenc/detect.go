package vnenc

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/vnarchive/vnrestore/lexicon"
)

// Detection is Detect's verdict on a text: how it is encoded and how sure
// Detect is.
type Detection struct {
	// Encoding is the legacy encoding of the text; nil means the text is
	// Unicode (UTF-8) already.
	Encoding *Encoding
	// Mojibake reports that the bytes were read as Windows-1252 or
	// Latin-1 and saved again as UTF-8. With a nil Encoding it means
	// UTF-8 read that way ("Viá»‡t").
	Mojibake bool
	// Mixed reports that DecodeAuto found the text to mix encodings (some
	// lines legacy or mojibake, others Unicode) and decoded it line by
	// line, as DecodeAutoLines does; Encoding and Mojibake are then unset.
	Mixed bool
	// Confidence is between 0 and 1: the share of the decoded words with
	// non-ASCII letters that are Vietnamese syllables, lowered when the
	// runner-up scored close. Text with nothing to convert (clean
	// Unicode, plain ASCII) has confidence 1.
	Confidence float64
}

// Name names the detected form: "utf-8", "tcvn3", "vni", "viscii",
// "cp1258", "viqr", one of them followed by "+mojibake", or "mixed".
func (d Detection) Name() string {
	if d.Mixed {
		return "mixed"
	}
	name := "utf-8"
	if d.Encoding != nil {
		name = d.Encoding.Name()
	}
	if d.Mojibake {
		name += "+mojibake"
	}
	return name
}

// String returns the name and the confidence, e.g. "tcvn3 (0.98)".
func (d Detection) String() string {
	return fmt.Sprintf("%s (%.2f)", d.Name(), d.Confidence)
}

// Converts reports whether decoding changes the text, that is whether it
// was found in a legacy encoding or as mojibake.
func (d Detection) Converts() bool { return d.Encoding != nil || d.Mojibake || d.Mixed }

// NewDecoder returns a decoder from the detected form to UTF-8 (NFC). For
// text that is Unicode already it only normalizes to NFC, which leaves
// clean NFC text byte for byte as it is, and replaces invalid UTF-8 with
// U+FFFD. For a Mixed text it detects and decodes line by line.
func (d Detection) NewDecoder() *encoding.Decoder {
	// Invalid UTF-8 (a legacy byte past what Detect read) becomes U+FFFD.
	var t transform.Transformer = transform.Chain(xunicode.UTF8.NewDecoder(), norm.NFC)
	switch {
	case d.Mixed:
		t = lineDecoder{}
	case d.Encoding != nil && d.Mojibake:
		t = transform.Chain(unmojibaker{}, d.Encoding.newDecoder())
	case d.Encoding != nil:
		t = d.Encoding.newDecoder()
	case d.Mojibake:
		t = transform.Chain(unmojibaker{}, norm.NFC)
	}
	return &encoding.Decoder{Transformer: t}
}

// ErrBinary is returned by DecodeAuto for data that is not text: it has NUL
// bytes or many control characters.
var ErrBinary = errors.New("vnenc: not text: NUL or control bytes (binary data, or UTF-16)")

// DecodeAuto detects how b is encoded and returns it as UTF-8 in NFC, with
// the detection. Text already in clean NFC Unicode comes back unchanged.
func DecodeAuto(b []byte) ([]byte, Detection, error) {
	if IsBinary(b) {
		return nil, Detection{}, ErrBinary
	}
	d, id := detect(b)
	multiline := bytes.IndexByte(bytes.TrimRight(b, "\r\n"), '\n') >= 0
	if multiline && !d.Converts() && d.Confidence < 1 && !lostMarks(b, id) {
		// Some words read badly as they are, yet no reading of the
		// whole text does better: perhaps some lines are legacy.
		if out, ds, err := DecodeAutoLines(b); err == nil && anyConverts(ds) {
			return out, mixed(ds), nil
		}
	}
	out, _, err := transform.Bytes(d.NewDecoder(), b)
	if errors.Is(err, ErrNotMojibake) && multiline {
		// Mojibake in part of the text only: take it line by line.
		var ds []Detection
		if out, ds, err = DecodeAutoLines(b); err == nil {
			return out, mixed(ds), nil
		}
	}
	if err != nil {
		return nil, d, fmt.Errorf("vnenc: decoding as %s: %w", d.Name(), err)
	}
	if d.Encoding == VIQR && !norm.NFC.IsNormal(out) {
		out = norm.NFC.Bytes(out)
	}
	return out, d, nil
}

// lostMarks reports whether text reads as Vietnamese that lost its marks:
// at least one in ten of its ASCII words is one Vietnamese nearly always
// marks ("duoc", "cua"), as in text typed without marks or OCR'd by an
// engine without Vietnamese. Its few Latin-1 letters ("déi") are OCR slips,
// not lines in a legacy encoding.
// t is the tally of b's sample as Detect made it, nil if it made none.
func lostMarks(b []byte, t *tally) bool {
	if t == nil {
		id := scorer{}.score(sample(b))
		t = &id
	}
	return t.ascii >= 20 && 10*t.stripped >= t.ascii
}

func anyConverts(ds []Detection) bool {
	for _, d := range ds {
		if d.Converts() {
			return true
		}
	}
	return false
}

// mixed sums up the detections of the lines of a text: Mixed, with the
// lowest confidence of a converted line.
func mixed(ds []Detection) Detection {
	d := Detection{Mixed: true, Confidence: 1}
	for _, l := range ds {
		if l.Converts() {
			d.Confidence = min(d.Confidence, l.Confidence)
		}
	}
	return d
}

// lineDecoder is the Transformer that detects and decodes line by line.
type lineDecoder struct{ transform.NopResetter }

// maxLine is the longest line lineDecoder waits for; a longer one is cut
// after a space. Its decoding (3 bytes a byte at most) must fit the 4 KiB
// buffers of transform.Reader.
const maxLine = 1 << 10

func (lineDecoder) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		rest := src[nSrc:]
		n := bytes.IndexByte(rest, '\n') + 1
		switch {
		case n > 0:
		case atEOF:
			n = len(rest)
		case len(rest) < maxLine:
			return nDst, nSrc, transform.ErrShortSrc
		default:
			n = bytes.LastIndexByte(rest[:maxLine], ' ') + 1
			if n == 0 {
				n = maxLine
			}
		}
		line := rest[:n]
		out, _, err := transform.Bytes(Detect(line).NewDecoder(), line)
		if err != nil {
			return nDst, nSrc, err
		}
		if !norm.NFC.IsNormal(out) {
			out = norm.NFC.Bytes(out)
		}
		if len(dst)-nDst < len(out) {
			return nDst, nSrc, transform.ErrShortDst
		}
		nDst += copy(dst[nDst:], out)
		nSrc += n
	}
	return nDst, nSrc, nil
}

// DecodeAutoLines is DecodeAuto for text that mixes encodings: it detects
// and decodes every line on its own, keeping line ends as they are, and
// returns the detection of each line.
func DecodeAutoLines(b []byte) ([]byte, []Detection, error) {
	if IsBinary(b) {
		return nil, nil, ErrBinary
	}
	out := make([]byte, 0, len(b)+len(b)/4)
	var ds []Detection
	for n := 1; len(b) > 0; n++ {
		line := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line = b[:i+1]
		}
		b = b[len(line):]
		d := Detect(line)
		conv, _, err := transform.Bytes(d.NewDecoder(), line)
		if err != nil {
			return nil, ds, fmt.Errorf("vnenc: line %d: decoding as %s: %w", n, d.Name(), err)
		}
		if d.Encoding == VIQR && !norm.NFC.IsNormal(conv) {
			conv = norm.NFC.Bytes(conv)
		}
		out = append(out, conv...)
		ds = append(ds, d)
	}
	return out, ds, nil
}

// detectSample bounds how much of a text Detect reads.
const detectSample = 64 << 10

// Detect finds how b is encoded. It reads up to 64 KiB (the first 32 KiB and
// lines with non-ASCII bytes from the rest), scores every
// way to decode it by how many of its words become Vietnamese syllables
// (lexicon.IsSyllable) and returns the best. It never proposes to convert
// text whose words already read well as it is: clean Unicode Vietnamese,
// English, or Vietnamese typed without marks (plain ASCII is read as VIQR
// only when its marks sit inside words and make Vietnamese syllables).
func Detect(b []byte) Detection {
	d, _ := detect(b)
	return d
}

// detect is Detect, with the tally of the words of b's sample as they are
// when b is Unicode (nil otherwise).
func detect(b []byte) (Detection, *tally) {
	valid := utf8.Valid(b) || utf8.Valid(trimPartialRune(b)) || mostlyUTF8(b)
	b = sample(b)
	if !valid {
		// Not Unicode: one of the legacy encodings, if one reads as
		// Vietnamese at all; otherwise text with stray bytes, left alone.
		if d := top(legacyCandidates(scorer{}, b, false)); d.Confidence >= minLegacyConfidence {
			return d, nil
		}
		return Detection{}, nil
	}
	sc := scorer{}
	id := sc.score(b)
	// VIQR is ASCII: text with Vietnamese letters in Unicode is not VIQR
	// (its "O+" is a blood group), but other non-ASCII words may be there.
	if escapes := viqrEscapes(b); id.good == 0 && (escapes || viqrEvidence(b) >= 2) {
		text, _ := VIQR.NewDecoder().Bytes(b)
		v := sc.score(text)
		// VIQR must make new syllables (or undo escapes) and spoil at
		// most half as many words: foreign names ("André") may read
		// badly either way.
		gain, loss := v.good-id.good, v.bad+v.junk-id.bad-id.junk
		if gain > 0 && 2*loss <= gain || escapes && gain >= 0 && loss <= 0 {
			return Detection{Encoding: VIQR, Confidence: v.share()}, &id
		}
	}
	if id.bad == 0 && id.junk == 0 {
		return Detection{Confidence: 1}, &id
	}
	// Legacy bytes are hardly ever valid UTF-8 (two high bytes in a row
	// that make a sequence: VISCII "ườ" does), so valid UTF-8 is read as
	// legacy only when its runes are few and Latin-1 could not show them.
	var cands []candidate
	if rawLegacyPlausible(b) {
		cands = legacyCandidates(sc, b, false)
	}
	if raw, ok := unmojibake(b); ok {
		cands = append(cands, legacyCandidates(sc, raw, true)...)
		if utf8.Valid(raw) && !bytes.Equal(raw, b) {
			cands = append(cands, candidate{Detection{Mojibake: true}, sc.score(raw)})
		}
	}
	return best(cands, id), &id
}

// rawLegacyPlausible reports whether valid UTF-8 text b could be legacy
// bytes. Two legacy letters in a row can make a UTF-8 sequence — VISCII
// "Đấ" (0xD0 0xA4) reads as Cyrillic "Ф", "ườ" as N'Ko — which then sits
// inside a Latin word ("Фt"), as no real Cyrillic or Greek letter does:
// every non-ASCII rune must be below U+0800, and one must touch an ASCII
// letter.
func rawLegacyPlausible(b []byte) bool {
	touches := false
	prev := ' '
	for _, r := range string(b) {
		if r >= utf8.RuneSelf {
			if r > 0x7FF {
				return false
			}
			touches = touches || prev < utf8.RuneSelf && isASCIILetter(byte(prev))
		} else {
			touches = touches || prev >= utf8.RuneSelf && isASCIILetter(byte(r))
		}
		prev = r
	}
	return touches
}

// candidate is one way to decode a text, with its score.
type candidate struct {
	det Detection
	t   tally
}

// legacyCandidates decodes b in each single-byte or multi-byte legacy
// encoding (not VIQR, which is ASCII).
func legacyCandidates(sc scorer, b []byte, mojibake bool) []candidate {
	var cands []candidate
	for _, e := range []*Encoding{TCVN3, VNI, VISCII, CP1258} {
		text, _, _ := transform.Bytes(e.newDecoder(), b)
		t := sc.score(text)
		if e == VNI {
			t.bad += vniOrphans(b)
		}
		cands = append(cands, candidate{Detection{Encoding: e, Mojibake: mojibake}, t})
	}
	return cands
}

// vniOrphans counts the VNI mark bytes that follow no letter they fit. VNI
// text has none (a VNI keyboard writes every mark after its vowel), so they
// are evidence against VNI.
func vniOrphans(b []byte) int {
	n := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		if vni.isBase[c] && i+1 < len(b) && vni.isMark[b[i+1]] && vni.withMark(vni.baseOf[c], vni.mark[b[i+1]]) != 0 {
			i++
			continue
		}
		if vni.isMark[c] {
			n++
		}
	}
	return n
}

// best returns the candidate with the highest net score if it beats the
// text read as it is (id) clearly, or a Detection that converts nothing.
func best(cands []candidate, id tally) Detection {
	top := -1
	for i, c := range cands {
		if top < 0 || c.t.beats(cands[top].t) {
			top = i
		}
	}
	if top < 0 {
		return Detection{Confidence: id.share()}
	}
	c := cands[top]
	// The reading must beat the text as it is by two words and read
	// mostly as Vietnamese; or, with names in it ("São Tomé và Príncipe"),
	// beat it by far and have more good words than bad. And it must read
	// as Vietnamese typed with its marks, as decoded mojibake does: its
	// marked syllables must outnumber four to one its ASCII words that
	// Vietnamese would have marked ("duoc", "cua"), if it has more than
	// one. The output of OCR engines without Vietnamese has a few Latin-1
	// letters ("déi", "hé") that read as mojibake of syllables ("đội",
	// "hộ") among many such words: it is left for the legacy OCR repair.
	margin, bad := c.t.net()-id.net(), c.t.bad+c.t.junk
	if margin < 2 || c.t.good == 0 || 3*bad > c.t.good && (margin < 6 || bad >= c.t.good) ||
		c.t.stripped > 1 && c.t.good < 4*c.t.stripped {
		return Detection{Confidence: id.share()}
	}
	d := c.det
	d.Confidence = c.t.share() * min(1, lead(cands, top, id)/4)
	return d
}

// lead returns by how much cands[top] beats the best of the other
// candidates and of floor: the difference of their net scores, or, when
// they tie, of the log10 probabilities of their words ("Tăng" in TCVN3
// against "Tồng" in VISCII), capped at 4.
func lead(cands []candidate, top int, floor tally) float64 {
	second := floor
	for i, o := range cands {
		if i != top && o.t.beats(second) {
			second = o.t
		}
	}
	t := cands[top].t
	if gap := t.net() - second.net(); gap != 0 {
		return float64(gap)
	}
	return min(4, max(0, t.logp-second.logp))
}

// top returns the candidate with the highest net score; the first wins a
// tie.
func top(cands []candidate) Detection {
	i := 0
	for j, c := range cands {
		if c.t.beats(cands[i].t) {
			i = j
		}
	}
	d := cands[i].det
	d.Confidence = cands[i].t.share() * min(1, lead(cands, i, tally{good: -1 << 30})/4)
	return d
}

// scorer tallies texts, remembering its verdict on each word: the readings
// of one text share most of their words.
type scorer map[string]verdict

// verdict is what a word counts for.
type verdict struct {
	kind int8 // neutralWord, goodWord or badWord
	logp float64
}

const (
	neutralWord = iota
	goodWord
	badWord
	strippedWord // an ASCII word far likelier written with marks
)

// judgeASCII gives the verdict on a word of ASCII letters: strippedWord if
// a marked syllable with its letters is at least ten times as frequent as
// the word itself (as "được" is to "duoc"), else neutralWord.
func judgeASCII(w string) verdict {
	if wordLogProb == nil || len(w) < 2 {
		return verdict{kind: neutralWord}
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return verdict{kind: neutralWord}
		}
	}
	plain, ok := wordLogProb(w)
	if !ok {
		return verdict{kind: neutralWord}
	}
	for _, c := range lexicon.Candidates(w) { // in Key form already
		if c == w {
			continue
		}
		if lp, ok := wordLogProb(c); ok && lp >= plain+1 {
			return verdict{kind: strippedWord}
		}
	}
	return verdict{kind: neutralWord}
}

// judge gives the verdict on a word with non-ASCII characters.
func judge(w string) verdict {
	switch {
	case strings.IndexFunc(w, unicode.IsLetter) < 0 || isLoneCapital(w):
		// Symbols only ("£100", "€"), or one capital: neutral.
		// Windows-1252 punctuation reads as TCVN3 and VISCII
		// capitals ("—" is "Ộ"), which would make words of dashes.
		return verdict{kind: neutralWord}
	case isGoodWord(w):
		v := verdict{kind: goodWord}
		if wordLogProb != nil {
			if lp, ok := wordLogProb(lexicon.Key(w)); ok {
				v.logp = lp
			}
		}
		return v
	}
	return verdict{kind: badWord}
}

// tally counts the words of a text by kind.
type tally struct {
	good  int // words with non-ASCII letters that are Vietnamese syllables
	bad   int // words with non-ASCII letters that are not
	ascii int // words of ASCII only, which every decoding leaves alone
	// stripped counts the ASCII words that Vietnamese nearly always writes
	// with marks ("duoc", "cua"): the sign of text that lost them.
	stripped int
	junk     int // control characters and U+FFFD
	// logp is the summed log-probability of the good words under the
	// unigram model (0 without one); it breaks ties between decodings
	// whose words are all syllables ("Tăng" in VISCII is "Tồng" in TCVN3).
	logp float64
}

func (t tally) net() int { return t.good - t.bad - 2*t.junk }

// beats reports whether t scores higher than u: more net good words, or as
// many and more probable ones.
func (t tally) beats(u tally) bool {
	if t.net() != u.net() {
		return t.net() > u.net()
	}
	return t.logp > u.logp
}

// wordLogProb returns the unigram log-probability of a syllable's key, or
// false when no model is at hand. It is set when the lexicon's default
// model is available.
var wordLogProb func(key string) (float64, bool)

// share is the share of good words among the non-ASCII ones, 1 if none.
func (t tally) share() float64 {
	n := t.good + t.bad + t.junk
	if n == 0 {
		return 1
	}
	return float64(t.good) / float64(n)
}

// score splits text into words and tallies them. A word is a run of
// characters other than spaces, ASCII punctuation and digits, and common
// typographic punctuation; so mojibake like "§¶ng" stays one (bad) word.
func (sc scorer) score(text []byte) tally {
	var t tally
	start, nonASCII := -1, false
	flush := func(end int) {
		if start < 0 {
			return
		}
		v, ok := sc[string(text[start:end])] // no allocation for a word seen before
		if !ok {
			w := string(text[start:end])
			if nonASCII {
				v = judge(w)
			} else {
				v = judgeASCII(w)
			}
			sc[w] = v
		}
		if !nonASCII {
			t.ascii++
			if v.kind == strippedWord {
				t.stripped++
			}
		} else {
			switch v.kind {
			case neutralWord:
				t.ascii++
			case goodWord:
				t.good++
				t.logp += v.logp
			default:
				t.bad++
			}
		}
		start, nonASCII = -1, false
	}
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(text[i:])
		}
		switch {
		case r == utf8.RuneError || r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0x7F && r < 0xA0:
			t.junk++
			flush(i)
		case isSeparator(r) && !((r == '«' || r == '»') && start >= 0 && wordContinues(text[i+size:])):
			flush(i)
		default:
			if start < 0 {
				start = i
			}
			if r >= utf8.RuneSelf {
				nonASCII = true
			}
		}
		i += size
	}
	flush(len(text))
	return t
}

// isLoneCapital reports whether w is one upper-case letter.
func isLoneCapital(w string) bool {
	r, size := utf8.DecodeRuneInString(w)
	return size == len(w) && unicode.IsUpper(r)
}

// wordContinues reports whether rest starts with a word character. A « or »
// between two word characters is taken as part of the word: TCVN3 mojibake
// puts them there ("C«ng" is "Công"); dashes between words are dashes.
func wordContinues(rest []byte) bool {
	if len(rest) == 0 {
		return false
	}
	r, _ := utf8.DecodeRune(rest)
	return r != utf8.RuneError && r >= 0x20 && !(r >= 0x7F && r < 0xA0) && !isSeparator(r)
}

// isSeparator reports whether r ends a word for scoring.
func isSeparator(r rune) bool {
	if r < utf8.RuneSelf {
		return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z')
	}
	switch r {
	case 0xA0, 0xFEFF, 0x200B, '“', '”', '‘', '’', '–', '—', '…', '•', '«', '»':
		return true
	}
	return unicode.IsSpace(r)
}

// isGoodWord reports whether w is a Vietnamese syllable spelled the way
// Vietnamese is written: one case shape (lower, title or upper: mojibake
// mixes cases, "ViÖt") and the tone mark where one of the two placement
// styles puts it (wrong decodings give "Leọ" for "Lệ"). Look-alikes such
// as Ð (eth) for Đ do not count.
func isGoodWord(w string) bool {
	s, ok := lexicon.ParseSyllable(w)
	if !ok {
		return false
	}
	if !norm.NFC.IsNormalString(w) {
		w = norm.NFC.String(w)
	}
	return w == s.Compose(lexicon.OldStyle) || w == s.Compose(lexicon.NewStyle)
}

// viqrEvidence weighs the places where b looks like VIQR inside a word: a
// vowel with a shape mark in a word of two letters or more (2), "dd" starting a word before a vowel
// (2), a vowel followed by a tone mark and two letters (2: "tha'ng") or one
// (1: English has "a.m.", "e.g."), a grave or tilde ending a word (1).
// Other marks at the end of a word ("do." ending a sentence) are no
// evidence. VIQR needs a weight of 2 at least.
func viqrEvidence(b []byte) int {
	n := 0
	for i := 0; i+1 < len(b); i++ {
		c, next, after := b[i], b[i+1], byte(0)
		if i+2 < len(b) {
			after = b[i+2]
		}
		if l, ok := viqrVowel(c); ok && next < utf8.RuneSelf {
			if sh := viqrShape[next]; sh != shapeNone && takesShape(l.base, sh) {
				// Inside a word only: "A+" and "x^2" are no VIQR.
				k := i + 2
				for k < len(b) && b[k] < utf8.RuneSelf && viqrTone[b[k]] != toneNone {
					k++
				}
				if i > 0 && isASCIILetter(b[i-1]) || k < len(b) && isASCIILetter(b[k]) {
					n += 2
				}
			} else if viqrTone[next] != toneNone && isASCIILetter(after) {
				n++
				if i+3 < len(b) && isASCIILetter(b[i+3]) {
					n++
				}
			} else if (next == '`' || next == '~') && i > 0 && isASCIILetter(b[i-1]) && !isASCIILetter(after) {
				n++ // English puts no grave or tilde after a word
			}
			continue
		}
		if (c == 'd' || c == 'D') && (next == 'd' || next == 'D') && (i == 0 || !isASCIILetter(b[i-1])) {
			if _, ok := viqrVowel(after); ok {
				n += 2
			}
		}
	}
	return n
}

// viqrEscapes reports whether b has VIQR escapes that a VIQR writer needs —
// a backslash before a mark character that follows a vowel ("Ha\."), or
// before a d that another d follows ("A\ddress") — and no backslash that is
// no escape at all. Regular expressions ("\d+") do not pass.
func viqrEscapes(b []byte) bool {
	needed := 0
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' {
			continue
		}
		if i+1 == len(b) || !viqrEscapable(b[i+1]) {
			return false
		}
		c := b[i+1]
		switch {
		case c == 'd' || c == 'D':
			if i+2 < len(b) && (b[i+2] == 'd' || b[i+2] == 'D') {
				needed++
			}
		case c != '\\' && i > 0:
			if _, ok := viqrVowel(b[i-1]); ok {
				needed++
			}
		}
		i++
	}
	return needed > 0
}

func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// sample returns at most detectSample bytes of b: its first half cut after
// a line end (or at a rune boundary), then the lines of the rest that have
// non-ASCII bytes, so that legacy text after a long ASCII preamble is seen.
func sample(b []byte) []byte {
	if len(b) <= detectSample {
		return b
	}
	s := head(b, detectSample/2)
	rest := b[len(s):]
	out := append([]byte(nil), s...)
	for len(rest) > 0 && len(out) < detectSample {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line = rest[:i+1]
		}
		rest = rest[len(line):]
		if !isASCII(line) {
			out = append(out, head(line, detectSample-len(out))...)
		}
	}
	return out
}

// head returns the first n bytes of b at most, cut after a line end in the
// second half of them, or else at a rune boundary.
func head(b []byte, n int) []byte {
	if len(b) <= n {
		return b
	}
	s := b[:n]
	if i := bytes.LastIndexByte(s, '\n'); i > n/2 {
		return s[:i+1]
	}
	for i := 0; i < utf8.UTFMax && len(s) > 0 && !utf8.RuneStart(s[len(s)-1]); i++ {
		s = s[:len(s)-1]
	}
	return s
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// IsBinary reports whether b looks like binary data rather than text in some
// encoding: it has a NUL byte, or more than 1% of its first 64 KiB are
// control bytes that no encoding here uses for letters.
func IsBinary(b []byte) bool {
	b = sample(b)
	if bytes.IndexByte(b, 0) >= 0 {
		return true
	}
	n := 0
	for _, c := range b {
		if c < 0x20 && !textControl[c] {
			n++
		}
	}
	return n*100 > len(b)
}

// textControl marks the C0 bytes that text may hold: white space, and the
// positions TCVN3 and VISCII use for letters.
var textControl = func() (a [0x20]bool) {
	for _, c := range []byte{'\t', '\n', '\v', '\f', '\r', 0x1A} {
		a[c] = true
	}
	for c := range tcvn3Low {
		a[c] = true
	}
	for c := range visciiLow {
		a[c] = true
	}
	return a
}()

// NewReader detects the encoding of r from its first 64 KiB, as Detect
// does, and returns a reader of the whole text as UTF-8 in NFC, streaming
// the rest. It fails with ErrBinary for data that is not text.
func NewReader(r io.Reader) (io.Reader, Detection, error) {
	br := bufio.NewReaderSize(r, detectSample)
	head, err := br.Peek(detectSample)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, Detection{}, err
	}
	if IsBinary(head) {
		return nil, Detection{}, ErrBinary
	}
	d := Detect(head)
	return transform.NewReader(br, d.NewDecoder()), d, nil
}

// minLegacyConfidence is the least share of well-spelled words a legacy
// reading of invalid UTF-8 must reach to be taken: ASCII text with a stray
// high byte reads as no encoding at all.
const minLegacyConfidence = 0.5

// trimPartialRune drops an incomplete UTF-8 sequence at the end of b: a
// sample of a Unicode file cut in the middle of a character.
func trimPartialRune(b []byte) []byte {
	for i := 1; i < utf8.UTFMax && i <= len(b); i++ {
		c := b[len(b)-i]
		if c < utf8.RuneSelf {
			return b
		}
		if utf8.RuneStart(c) {
			if !utf8.FullRune(b[len(b)-i:]) {
				return b[:len(b)-i]
			}
			return b
		}
	}
	return b
}

// mostlyUTF8 reports whether b is UTF-8 with a few stray bytes: at least
// four valid multi-byte characters for each invalid byte. Legacy 8-bit text
// hardly ever forms valid multi-byte sequences, so such text is Unicode
// that was damaged, and must not be reinterpreted.
func mostlyUTF8(b []byte) bool {
	multi, bad := 0, 0
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			bad++
		} else {
			multi++
		}
		i += size
	}
	return multi >= 4 && 4*bad <= multi
}
