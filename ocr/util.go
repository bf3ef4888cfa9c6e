package ocr

import "strings"

func splitPlus(lang string) []string { return strings.Split(lang, "+") }

func cutSuffix(s, suffix string) (string, bool) { return strings.CutSuffix(s, suffix) }
