package lexicon

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// A Syllable is one Vietnamese syllable taken apart: its onset (initial
// consonant cluster), its rime (medial, nucleus and coda, with the letter
// marks of â ă ê ô ơ ư but without the tone) and its tone.
//
// Onset and Rime are lower case; Case records how the syllable was written.
type Syllable struct {
	Onset string // "", "b", "ch", "đ", "gi", "ngh", "qu", ... and loan clusters such as "kr", "hm"
	Rime  string // "a", "oa", "uyên", "ương", ...: vowels and coda, no tone mark
	Tone  Tone
	Case  Case
}

// Tone is one of the six Vietnamese tones.
type Tone uint8

// The six tones, in the order of the traditional VNI/Telex numbering.
const (
	Level Tone = iota // ngang: no mark
	Grave             // huyền: à
	Acute             // sắc: á
	Hook              // hỏi: ả
	Tilde             // ngã: ã
	Dot               // nặng: ạ
	numTones
)

// Case says how a word is capitalised.
type Case uint8

// The capitalisations a syllable can have. A syllable with a change of case
// inside it ("biểuQuốc", "dOng") is not well formed; see ParseSyllable.
const (
	Lower Case = iota // "đảng"
	Title             // "Đảng"
	Upper             // "ĐẢNG"
)

// TitleCase returns s with its first rune in upper case ("đảng" → "Đảng").
// An invalid first byte becomes U+FFFD; the rest of s is kept as it is.
func TitleCase(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// ToneStyle says where the tone mark goes in the open rimes oa, oe and uy,
// the only place where two spellings are in use.
type ToneStyle uint8

// The two tone placement styles. Both are read; Compose writes the one asked for.
const (
	OldStyle ToneStyle = iota // hòa, hòe, thủy: the mark on the first vowel (most frequent in the corpus)
	NewStyle                  // hoà, hoè, thuỷ: the mark on the main vowel
)

// ParseSyllable takes word apart. It accepts NFC, NFD or mixed input, the
// tone mark on any vowel of the rime (both "hoà" and "hòa"), lower case,
// title case and upper case. ok is false when word is not exactly one
// well-formed Vietnamese syllable: glued words ("Vănhóa"), two tone marks,
// an impossible rime, a stop coda with a tone other than sắc or nặng, or a
// change of case inside the word.
func ParseSyllable(word string) (s Syllable, ok bool) {
	var buf [maxSyllableLetters]letter
	letters, ok := splitLetters(word, buf[:0])
	if !ok {
		return Syllable{}, false
	}
	return parseLetters(letters)
}

// IsSyllable reports whether word is one well-formed Vietnamese syllable in
// any case, normalisation or tone placement.
func IsSyllable(word string) bool {
	_, ok := ParseSyllable(word)
	return ok
}

// Key returns the canonical form of a syllable: lower case, NFC, old-style
// tone placement. Two spellings of the same syllable ("Hoà", "hòa",
// NFD "hòa") have the same key. Key returns "" when word is not a syllable.
func Key(word string) string {
	s, ok := ParseSyllable(word)
	if !ok {
		return ""
	}
	s.Case = Lower
	return s.Compose(OldStyle)
}

// StyleOf reports which tone placement style word is written in. ok is
// false when the word is not a syllable whose spelling depends on the style
// (only open oa, oe and uy with a tone mark do).
func StyleOf(word string) (style ToneStyle, ok bool) {
	var buf [maxSyllableLetters]letter
	letters, ok := splitLetters(word, buf[:0])
	if !ok {
		return 0, false
	}
	s, ok := parseLetters(letters)
	if !ok || s.Tone == Level || !styleDependent(s.Rime) {
		return 0, false
	}
	// The tone mark sits on the last letter for the new style.
	if letters[len(letters)-1].tone != Level {
		return NewStyle, true
	}
	return OldStyle, true
}

// Compose writes the syllable back as NFC text in its Case, with the tone
// mark placed in the given style.
func (s Syllable) Compose(style ToneStyle) string {
	var b strings.Builder
	b.Grow(len(s.Onset) + len(s.Rime) + 4)
	pos := tonePosition(s.Onset, s.Rime, style) // index in runes of the rime
	i := 0
	first := true
	write := func(r rune) {
		if s.Case == Upper || (s.Case == Title && first) {
			r = unicode.ToUpper(r)
		}
		first = false
		b.WriteRune(r)
	}
	for _, r := range s.Onset {
		write(r)
	}
	for _, r := range s.Rime {
		if i == pos {
			r = withTone(r, s.Tone)
		}
		write(r)
		i++
	}
	return b.String()
}

// String returns the syllable composed in the old (most frequent) style.
func (s Syllable) String() string { return s.Compose(OldStyle) }

// Skeleton returns the ASCII skeleton of word: lower case, with every tone
// and letter mark removed and đ written d ("Đảng" → "dang"). Characters that
// are not Vietnamese letters are kept, lower-cased.
func Skeleton(word string) string {
	ascii := true
	for i := 0; i < len(word); i++ {
		if c := word[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			ascii = false
			break
		}
	}
	if ascii {
		return word
	}
	var b strings.Builder
	b.Grow(len(word))
	for _, r := range word {
		if unicode.Is(unicode.Mn, r) {
			continue // a combining mark of NFD input
		}
		if l, ok := letterOf(r); ok {
			b.WriteByte(skeletonByte[l.base])
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// HasMarks reports whether word carries any Vietnamese tone or letter mark
// (including đ).
func HasMarks(word string) bool {
	for _, r := range word {
		if r < utf8.RuneSelf {
			continue
		}
		if unicode.Is(unicode.Mn, r) {
			return true
		}
		if l, ok := letterOf(r); ok && (l.tone != Level || baseRunes[l.base] >= utf8.RuneSelf) {
			return true
		}
	}
	return false
}

// maxSyllableLetters is the longest syllable in letters ("nghiêng", "khuyếch").
const maxSyllableLetters = 7

// A letter is one Vietnamese letter: an index into baseRunes (the letter
// with its letter mark, lower case), its tone and whether it was upper case.
type letter struct {
	base  uint8
	tone  Tone
	upper bool
}

// splitLetters decodes word into letters, folding NFD combining tone marks
// into the letter before them. ok is false if word holds anything but
// Vietnamese letters or is longer than a syllable can be.
func splitLetters(word string, dst []letter) ([]letter, bool) {
	if word == "" {
		return nil, false
	}
	if !isNFCQuick(word) {
		word = norm.NFC.String(word)
	}
	for _, r := range word {
		if t, isTone := combiningTone(r); isTone {
			// A tone mark norm could not compose (e.g. on a consonant).
			if len(dst) == 0 || dst[len(dst)-1].tone != Level || !isVowel(dst[len(dst)-1].base) {
				return nil, false
			}
			dst[len(dst)-1].tone = t
			continue
		}
		l, ok := letterOf(r)
		if !ok || len(dst) == maxSyllableLetters {
			return nil, false
		}
		dst = append(dst, l)
	}
	return dst, true
}

// isNFCQuick reports whether s is certainly NFC without allocating.
func isNFCQuick(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return norm.NFC.IsNormalString(s)
		}
	}
	return true
}

// parseLetters checks the letters of one word against the rules of
// Vietnamese spelling and takes them apart.
func parseLetters(letters []letter) (Syllable, bool) {
	var s Syllable
	if len(letters) == 0 {
		return s, false
	}
	// Case: all lower, capitalised, or all upper (a single letter counts as title).
	upperCount := 0
	for _, l := range letters {
		if l.upper {
			upperCount++
		}
	}
	switch {
	case upperCount == 0:
		s.Case = Lower
	case upperCount == 1 && letters[0].upper:
		s.Case = Title
	case upperCount == len(letters):
		s.Case = Upper
	default:
		return s, false
	}
	// Tone: at most one mark, on a vowel.
	var text [maxSyllableLetters * 3]byte
	n := 0
	for _, l := range letters {
		if l.tone != Level {
			if s.Tone != Level {
				return s, false
			}
			s.Tone = l.tone
		}
		n += utf8.EncodeRune(text[n:], baseRunes[l.base])
	}
	onset, rime, ok := splitOnset(string(text[:n]))
	if !ok {
		return s, false
	}
	if s.Tone != Level && s.Tone != Acute && s.Tone != Dot && hasStopCoda(rime) {
		return s, false
	}
	s.Onset, s.Rime = onset, rime
	return s, true
}

// splitOnset finds the onset of a toneless lower-case syllable such that the
// rest is a valid rime, preferring the longest onset.
func splitOnset(w string) (onset, rime string, ok bool) {
	for _, o := range onsetsLongestFirst {
		if !strings.HasPrefix(w, o) {
			continue
		}
		r := w[len(o):]
		switch o {
		case "qu":
			if quRimes[r] {
				return o, r, true
			}
		case "gi":
			// gi is the onset only when a vowel follows ("gia", "giữ");
			// "gì", "gìn" are g + i. "giêng" is gi + iêng with one i written.
			if r != "" && (rimes[r] || (strings.HasPrefix(r, "ê") && rimes["iê"+r[len("ê"):]])) && !strings.HasPrefix(r, "i") {
				return o, r, true
			}
		default:
			if rimes[r] {
				return o, r, true
			}
		}
	}
	return "", "", false
}

// hasStopCoda reports whether the rime ends in c, ch, p, t or k.
func hasStopCoda(rime string) bool {
	if rime == "" {
		return false
	}
	switch rime[len(rime)-1] {
	case 'c', 'p', 't', 'k':
		return true
	case 'h':
		return strings.HasSuffix(rime, "ch")
	}
	return false
}

// styleDependent reports whether the tone position of rime depends on the
// ToneStyle.
func styleDependent(rime string) bool {
	return rime == "oa" || rime == "oe" || rime == "uy"
}

// tonePosition returns the index, in runes of the rime, of the vowel that
// carries the tone mark.
func tonePosition(onset, rime string, style ToneStyle) int {
	var vowels [4]int // rune indexes of the leading vowels
	var marked = -1   // the last vowel with a letter mark
	nv, i := 0, 0
	for _, r := range rime {
		l, _ := letterOf(r)
		if !isVowel(l.base) {
			break
		}
		if nv < len(vowels) {
			vowels[nv] = i
			nv++
		}
		if hasLetterMark(l.base) {
			marked = i
		}
		i++
	}
	coda := i < utf8.RuneCountInString(rime)
	switch {
	case nv == 0:
		return -1
	case marked >= 0:
		return marked
	case coda:
		return vowels[nv-1]
	case styleDependent(rime):
		if style == NewStyle {
			return vowels[1]
		}
		return vowels[0]
	case nv == 3:
		return vowels[1]
	default:
		return vowels[0]
	}
}
