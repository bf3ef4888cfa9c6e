package ocr

import "strings"

func splitPlus(lang string) []string { return strings.Split(lang, "+") }

func cutSuffix(s, suffix string) (string, bool) { return strings.CutSuffix(s, suffix) }

// hasDigit reports whether s holds an ASCII digit, the digits of the
// lexicon's numbers and codes (lexicon.Number, lexicon.Code).
func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }
