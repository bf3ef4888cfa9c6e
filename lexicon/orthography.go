package lexicon

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// This file holds the tables of Vietnamese spelling: the letters, the
// onsets and the rimes. Everything else in the orthography is computed from
// them.

// baseRunes are the Vietnamese letters without tone, lower case. Their index
// is a letter's base. The first 12 are the vowels.
var baseRunes = [...]rune{
	'a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y',
	'b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'q', 'r', 's', 't', 'v', 'x',
	// Letters of loanwords and minority-language names (f, j, w, z) are
	// letters but make no Vietnamese syllable; they are listed so that
	// Skeleton and HasMarks treat them as letters.
	'f', 'j', 'w', 'z',
}

const numVowels = 12

// skeletonByte is the ASCII letter of each base.
var skeletonByte [len(baseRunes)]byte

// letterMarkOf and toneMarks: the combining marks of the tones, in Tone order.
var toneMarks = [numTones]rune{0, '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'}

// letterTable maps every lower- and upper-case Vietnamese letter, with or
// without a tone mark, to its letter.
var letterTable = map[rune]letter{}

// toned[base][tone] is the lower-case NFC rune of a vowel with a tone.
var toned [numVowels][numTones]rune

func init() {
	for i, r := range baseRunes {
		skeletonByte[i] = byte(norm.NFD.String(string(r))[0])
		if r == 'đ' {
			skeletonByte[i] = 'd'
		}
		for t := Level; t < numTones; t++ {
			if t != Level && i >= numVowels {
				break
			}
			c := r
			if t != Level {
				c = []rune(norm.NFC.String(string(r) + string(toneMarks[t])))[0]
				toned[i][t] = c
			} else if i < numVowels {
				toned[i][t] = r
			}
			letterTable[c] = letter{base: uint8(i), tone: t}
			letterTable[unicode.ToUpper(c)] = letter{base: uint8(i), tone: t, upper: true}
		}
	}
	// U+00D0 (Ð, Icelandic eth) is what many legacy conversions produce for Đ.
	letterTable['\u00D0'] = letterTable['Đ']
	onsetsLongestFirst = append(onsetsLongestFirst, onsetList...)
	// Longest first, so that "ngh" is tried before "ng" and "n".
	for i := 1; i < len(onsetsLongestFirst); i++ {
		for j := i; j > 0 && len(onsetsLongestFirst[j]) > len(onsetsLongestFirst[j-1]); j-- {
			onsetsLongestFirst[j], onsetsLongestFirst[j-1] = onsetsLongestFirst[j-1], onsetsLongestFirst[j]
		}
	}
	onsetsLongestFirst = append(onsetsLongestFirst, "")
	for _, r := range strings.Fields(rimeList) {
		rimes[r] = true
	}
	for _, r := range strings.Fields(quRimeList) {
		quRimes[r] = true
	}
}

// letterOf returns the letter r is, or false if r is not a Vietnamese letter.
func letterOf(r rune) (letter, bool) {
	if 'a' <= r && r <= 'z' {
		return asciiLetters[r-'a'], true
	}
	l, ok := letterTable[r]
	return l, ok
}

// asciiLetters is the fast path of letterOf for a–z.
var asciiLetters = func() (t [26]letter) {
	for i, r := range baseRunes {
		if r < 0x80 {
			t[r-'a'] = letter{base: uint8(i)}
		}
	}
	return t
}()

// combiningTone reports whether r is a combining tone mark, and which.
func combiningTone(r rune) (Tone, bool) {
	switch r {
	case '\u0300', '\u0340':
		return Grave, true
	case '\u0301', '\u0341':
		return Acute, true
	case '\u0309':
		return Hook, true
	case '\u0303':
		return Tilde, true
	case '\u0323':
		return Dot, true
	}
	return Level, false
}

// isVowel reports whether the base is one of the 12 vowel letters.
func isVowel(base uint8) bool { return base < numVowels }

// hasLetterMark reports whether the vowel base is ă â ê ô ơ or ư.
func hasLetterMark(base uint8) bool {
	switch baseRunes[base] {
	case 'ă', 'â', 'ê', 'ô', 'ơ', 'ư':
		return true
	}
	return false
}

// withTone returns the lower-case vowel r with tone t.
func withTone(r rune, t Tone) rune {
	l, ok := letterOf(r)
	if !ok || !isVowel(l.base) {
		return r
	}
	return toned[l.base][t]
}

// onsetList holds the onsets: the 27 of standard spelling and the clusters
// of minority-language names and loanwords (Krông, Hmông, Xtiêng, Phnôm).
var onsetList = strings.Fields(`
	b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x
	kr dr đr bl br gl pl pr cr hm hr mn xt sr kp phn`)

var onsetsLongestFirst []string

// rimeList holds every rime: without medial, with medial o, with medial u.
// The coda k appears only in names from minority languages (Đắk Lắk).
const rimeList = `
	a ac ach ai am an ang anh ao ap at au ay
	ăc ăm ăn ăng ăp ăt
	âc âm ân âng âp ât âu ây
	e ec em en eng eo ep et
	ê êch êm ên ênh êp êt êu
	i ia ich im in inh ip it iu
	iêc iêm iên iêng iêp iêt iêu
	y yêm yên yêng yêt yêu
	o oc oi om on ong op ot oong ooc
	ô ôc ôi ôm ôn ông ôp ôt
	ơ ơi ơm ơn ơp ơt
	u uc ui um un ung up ut ua
	uôc uôi uôm uôn uông uôt
	ư ưa ưc ưi ưm ưn ưng ưt ưu
	ươc ươi ươm ươn ương ươp ươt ươu
	ak ăk âk ek êk ok ôk uk
	oa oac oach oai oam oan oang oanh oao oap oat oay
	oăc oăm oăn oăng oăt
	oe oem oen oeo oet
	uân uâng uât uây
	uê uêch uênh
	uơ
	uy uya uych uyn uynh uyp uyt uyu uyên uyêt uyêch`

// quRimeList holds the rimes after the onset qu, whose u is the medial.
const quRimeList = `
	a ac ach ai am an ang anh ao ap at au ay
	ăc ăm ăn ăng ăp ăt
	âc âm ân âng âp ât âu ây
	e ec em en eng eo ep et
	ê êch êm ên ênh êp êt êu
	i
	y ych ynh yt yp yu yên yêt
	ơ ơi ơm ơn ơp ơt
	ôc ôi ôn`

var rimes = map[string]bool{}

var quRimes = map[string]bool{}
