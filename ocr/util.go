package ocr

import (
	"cmp"
	"slices"
	"strings"
)

func splitPlus(lang string) []string { return strings.Split(lang, "+") }

func cutSuffix(s, suffix string) (string, bool) { return strings.CutSuffix(s, suffix) }

// hasDigit reports whether s holds an ASCII digit, the digits of the
// lexicon's numbers and codes (lexicon.Number, lexicon.Code).
func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }

// median sorts xs and returns its middle value (the upper one of an even
// count), or zero for none.
func median[T cmp.Ordered](xs []T) T {
	var zero T
	if len(xs) == 0 {
		return zero
	}
	slices.Sort(xs)
	return xs[len(xs)/2]
}
