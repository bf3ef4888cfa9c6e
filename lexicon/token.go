package lexicon

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A Token is one piece of text as Tokenize cut it. Concatenating the Text of
// the tokens of a string gives back the string byte for byte.
type Token struct {
	Kind TokenKind
	Text string
}

// TokenKind classifies a token.
type TokenKind uint8

// The kinds of token. Only Word tokens are ever changed by restoration.
const (
	Word    TokenKind = iota // a run of letters: "Đảng", "xay", "UBND", "Facebook"
	Number                   // digits with inner separators: "2020", "1.000.000", "3,5"
	Code                     // a document code or other letters-and-digits token: "121-KH/BTGTU", "QH14", "COVID-19"
	Date                     // a date or time: "12/3/2020", "2020-03-12", "8:30"
	URL                      // a web address or e-mail address
	Punct                    // one punctuation character, or a run of the same ("...")
	Space                    // spaces and tabs
	Newline                  // "\n", "\r\n" or "\r"
	Other                    // symbols, and bytes that are not valid UTF-8
)

var kindNames = [...]string{"word", "number", "code", "date", "url", "punct", "space", "newline", "other"}

// String returns the kind's lower-case name.
func (k TokenKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "invalid"
}

// Tokenize cuts s into tokens. It never fails: bytes that are not valid
// UTF-8 become Other tokens, so the concatenation of the tokens is always s.
func Tokenize(s string) []Token {
	return AppendTokens(nil, s)
}

// AppendTokens appends the tokens of s to dst and returns the extended
// slice; it lets a caller reuse one slice for many lines.
func AppendTokens(dst []Token, s string) []Token {
	for i := 0; i < len(s); {
		kind, n := nextToken(s[i:])
		dst = append(dst, Token{Kind: kind, Text: s[i : i+n]})
		i += n
	}
	return dst
}

// VocabKey returns the key under which the n-gram model knows the token:
// the canonical syllable (Key) for a Vietnamese syllable, the lower-cased
// text for any other word, a class name for numbers, codes, dates and
// addresses, the character itself for punctuation, and "" for white space
// and line breaks, which the model does not see.
func VocabKey(t Token) string {
	switch t.Kind {
	case Word:
		if k := Key(t.Text); k != "" {
			return k
		}
		return strings.ToLower(t.Text)
	case Number:
		return "<num>"
	case Code:
		return "<code>"
	case Date:
		return "<date>"
	case URL:
		return "<url>"
	case Punct:
		return t.Text
	case Space, Newline:
		return ""
	}
	return "<other>"
}

// nextToken returns the kind and byte length of the token at the start of s.
func nextToken(s string) (TokenKind, int) {
	c := s[0]
	switch {
	case c == ' ' || c == '\t':
		n := 1
		for n < len(s) && (s[n] == ' ' || s[n] == '\t') {
			n++
		}
		return Space, n
	case c == '\n':
		return Newline, 1
	case c == '\r':
		if len(s) > 1 && s[1] == '\n' {
			return Newline, 2
		}
		return Newline, 1
	}
	if c < utf8.RuneSelf && (c|0x20 >= 'a' && c|0x20 <= 'z' || isDigit(rune(c))) {
		if n := urlLength(s); n > 0 {
			return URL, n
		}
	}
	r, size := utf8.DecodeRuneInString(s)
	switch {
	case r == utf8.RuneError && size <= 1:
		return Other, 1
	case isWordRune(r) || isDigit(r):
		return chunk(s)
	case unicode.IsPunct(r):
		n := size
		for n < len(s) && strings.HasPrefix(s[n:], string(r)) {
			n += size
		}
		return Punct, n
	case unicode.IsSpace(r):
		// Other white space (no-break space, ideographic space...).
		return Space, size
	}
	return Other, size
}

// chunk reads a run of letters and digits joined by single inner
// connectors (- / . , : _) and decides what it is. A chunk of letters only,
// such as "Mác-Lênin" or "tế-xã", is not kept whole: only its first word is
// returned, so that the connector becomes punctuation.
func chunk(s string) (TokenKind, int) {
	var (
		end          int // end of the chunk
		firstWordEnd = -1
		digits       int
		letters      int
		upperParts   = true // every letter part is upper case
		connectors   int
		slash        bool
		dots, colons int
		commas       int
		dashes       int
	)
	partUpper, partHasLetter := true, false
	endPart := func() {
		if partHasLetter && !partUpper {
			upperParts = false
		}
		partUpper, partHasLetter = true, false
	}
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isWordRune(r):
			letters++
			if unicode.IsLetter(r) {
				partHasLetter = true
				if !unicode.IsUpper(r) {
					partUpper = false
				}
			}
			i += size
			end = i
			continue
		case isDigit(r):
			digits++
			i += size
			end = i
			continue
		}
		if firstWordEnd < 0 {
			firstWordEnd = i
		}
		// A connector counts only between two alphanumerics.
		if !strings.ContainsRune("-/.,:_", r) || i+size >= len(s) {
			break
		}
		next, _ := utf8.DecodeRuneInString(s[i+size:])
		if !isWordRune(next) && !isDigit(next) {
			break
		}
		endPart()
		connectors++
		switch r {
		case '/':
			slash = true
		case '.':
			dots++
		case ':':
			colons++
		case ',':
			commas++
		case '-':
			dashes++
		}
		i += size
	}
	endPart()
	if firstWordEnd < 0 {
		firstWordEnd = end
	}
	text := s[:end]
	switch {
	case digits == 0 && letters > 0:
		// Letters only. Codes such as "NĐ-CP", "KH/BTGTU", "TP.HCM" are
		// upper-case parts joined by connectors; anything else is words.
		if connectors > 0 && upperParts && commas == 0 && colons == 0 {
			return Code, end
		}
		return Word, wordLength(s[:firstWordEnd])
	case letters == 0:
		if isDate(text) {
			return Date, end
		}
		if slash || colons > 0 || (dashes > 0 && dots+commas == 0 && dashes > 1) {
			return Code, end
		}
		if dashes > 0 {
			// "2019-2020": two numbers and a dash.
			return Number, strings.IndexByte(text, '-')
		}
		return Number, end
	}
	return Code, end
}

// wordLength returns the length of the run of word runes at the start of s.
func wordLength(s string) int {
	for i, r := range s {
		if !isWordRune(r) {
			return i
		}
	}
	return len(s)
}

// isWordRune reports whether r belongs in a word: a letter or a combining
// mark (NFD input).
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z')
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

// isDate reports whether a chunk of digits and connectors is a date or a
// time: d/m/yyyy, d-m-yyyy, d.m.yyyy, yyyy-mm-dd, hh:mm.
func isDate(s string) bool {
	var parts [4]int // digit counts of the parts
	n, sep := 0, byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if '0' <= c && c <= '9' {
			parts[n]++
			continue
		}
		if sep == 0 {
			sep = c
		} else if c != sep {
			return false
		}
		n++
		if n == len(parts) {
			return false
		}
	}
	n++
	switch {
	case sep == ':' && (n == 2 || n == 3):
		return parts[0] <= 2 && parts[1] == 2
	case (sep == '/' || sep == '-' || sep == '.') && n == 3:
		if parts[0] == 4 {
			return parts[1] <= 2 && parts[2] <= 2 && sep == '-'
		}
		return parts[0] <= 2 && parts[1] <= 2 && (parts[2] == 4 || parts[2] == 2)
	}
	return false
}

// urlLength returns the length of a web or e-mail address at the start of
// s, or 0.
func urlLength(s string) int {
	if !hasWebPrefix(s) {
		// An e-mail address: a local part of ASCII letters, digits and
		// ._-+, an @, and a domain with a dot.
		at := 0
		for at < len(s) && isEmailByte(s[at]) {
			at++
		}
		if at == 0 || at == len(s) || s[at] != '@' {
			return 0
		}
		n := at + 1
		for n < len(s) && isEmailByte(s[n]) {
			n++
		}
		for n > at+1 && s[n-1] == '.' {
			n--
		}
		if !strings.Contains(s[at+1:n], ".") {
			return 0
		}
		return n
	}
	n := 0
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		if r == utf8.RuneError && size <= 1 || unicode.IsSpace(r) || strings.ContainsRune("<>\"()[]{}", r) {
			break
		}
		n += size
	}
	// Trailing sentence punctuation is not part of the address.
	for n > 0 && strings.ContainsRune(".,;:!?", rune(s[n-1])) {
		n--
	}
	return n
}

func hasWebPrefix(s string) bool {
	for _, p := range [...]string{"http://", "https://", "www."} {
		if len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) {
			return true
		}
	}
	return false
}

func isEmailByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == '-' || c == '+'
}
