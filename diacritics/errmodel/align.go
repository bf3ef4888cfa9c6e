package errmodel

import (
	"strings"
	"unicode/utf8"
)

// A TokenPair is one step of a token alignment between a gold line and its
// OCR line: Gold and Obs hold one or two tokens each (either may be empty
// when a token was dropped or inserted).
type TokenPair struct {
	Gold []string // gold tokens, edge punctuation removed, original case
	Obs  []string // observed tokens, edge punctuation removed, original case
}

// lineTokens splits a line on white space, strips edge punctuation and drops
// tokens that were punctuation only.
func lineTokens(line string) []string {
	var out []string
	for _, f := range strings.Fields(line) {
		if t := trimToken(f); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// AlignTokens aligns the words of a gold line with those of its OCR line by
// a monotone dynamic programme over the moves 1:1, 2:1 (two gold words read
// as one token), 1:2 (one word read as two tokens), and skips on either
// side. Words are compared by the edit distance of their skeletons.
func AlignTokens(gold, obs string) []TokenPair {
	g, o := lineTokens(gold), lineTokens(obs)
	gs := make([]string, len(g))
	for i, w := range g {
		gs[i] = skeleton(w)
	}
	os := make([]string, len(o))
	for i, w := range o {
		os[i] = strings.ToLower(w)
	}
	const (
		skipCost  = 1.0
		splitCost = 0.35 // extra cost of a 2:1 or 1:2 move over a 1:1 move
	)
	n, m := len(g), len(o)
	inf := 1e18
	cost := make([][]float64, n+1)
	move := make([][]uint8, n+1)
	for i := range cost {
		cost[i] = make([]float64, m+1)
		move[i] = make([]uint8, m+1)
		for j := range cost[i] {
			cost[i][j] = inf
		}
	}
	cost[0][0] = 0
	// moves: 1 = 1:1, 2 = skip gold, 3 = skip obs, 4 = 2:1, 5 = 1:2
	for i := 0; i <= n; i++ {
		for j := 0; j <= m; j++ {
			c := cost[i][j]
			if c == inf {
				continue
			}
			relax := func(ni, nj int, add float64, mv uint8) {
				if c+add < cost[ni][nj] {
					cost[ni][nj] = c + add
					move[ni][nj] = mv
				}
			}
			if i < n && j < m {
				relax(i+1, j+1, normDist(gs[i], os[j]), 1)
			}
			if i < n {
				relax(i+1, j, skipCost, 2)
			}
			if j < m {
				relax(i, j+1, skipCost, 3)
			}
			if i+1 < n && j < m {
				relax(i+2, j+1, normDist(gs[i]+gs[i+1], os[j])+splitCost, 4)
			}
			if i < n && j+1 < m {
				relax(i+1, j+2, normDist(gs[i], os[j]+os[j+1])+splitCost, 5)
			}
		}
	}
	var out []TokenPair
	for i, j := n, m; i > 0 || j > 0; {
		switch move[i][j] {
		case 1:
			out = append(out, TokenPair{Gold: g[i-1 : i], Obs: o[j-1 : j]})
			i, j = i-1, j-1
		case 2:
			out = append(out, TokenPair{Gold: g[i-1 : i]})
			i--
		case 3:
			out = append(out, TokenPair{Obs: o[j-1 : j]})
			j--
		case 4:
			out = append(out, TokenPair{Gold: g[i-2 : i], Obs: o[j-1 : j]})
			i, j = i-2, j-1
		case 5:
			out = append(out, TokenPair{Gold: g[i-1 : i], Obs: o[j-2 : j]})
			i, j = i-1, j-2
		default:
			panic("errmodel: broken token alignment") // unreachable: every cell on the path was relaxed
		}
	}
	for l, r := 0, len(out)-1; l < r; l, r = l+1, r-1 {
		out[l], out[r] = out[r], out[l]
	}
	return out
}

// normDist is the Levenshtein distance of a and b divided by the longer length.
func normDist(a, b string) float64 {
	ra, rb := []rune(a), []rune(b)
	l := max(len(ra), len(rb))
	if l == 0 {
		return 0
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			d := prev[j-1]
			if ra[i-1] != rb[j-1] {
				d++
			}
			cur[j] = min(d, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return float64(prev[len(rb)]) / float64(l)
}

// An edit is one step of a character alignment: a gold rune (0 for an
// insertion) produced the observed rune (0 for a deletion).
type edit struct{ g, o rune }

// alignChars aligns the lower-case gold string with the lower-case observed
// string by a weighted Levenshtein distance in which losing a mark
// (ố -> o) is cheap, and returns the edits in order.
func alignChars(gold, obs string) []edit {
	return alignCharsBy(gold, obs, heuristicCost)
}

// heuristicCost is the alignment cost before anything is learned: subCost
// for a substitution, 1 for an insertion or a deletion.
func heuristicCost(g, o rune) float32 {
	if g == 0 || o == 0 {
		return 1
	}
	return subCost(g, o)
}

// alignCharsBy aligns gold with obs at the least total cost, where cost(g,
// o) prices reading gold rune g as observed rune o, cost(g, 0) deleting g
// and cost(0, o) inserting o.
func alignCharsBy(gold, obs string, cost func(g, o rune) float32) []edit {
	g, o := []rune(gold), []rune(obs)
	n, m := len(g), len(o)
	c := make([]float32, (n+1)*(m+1))
	w := m + 1
	for j := 1; j <= m; j++ {
		c[j] = c[j-1] + cost(0, o[j-1])
	}
	for i := 1; i <= n; i++ {
		c[i*w] = c[(i-1)*w] + cost(g[i-1], 0)
		for j := 1; j <= m; j++ {
			c[i*w+j] = min(c[(i-1)*w+j-1]+cost(g[i-1], o[j-1]), c[(i-1)*w+j]+cost(g[i-1], 0), c[i*w+j-1]+cost(0, o[j-1]))
		}
	}
	var out []edit
	for i, j := n, m; i > 0 || j > 0; {
		switch {
		case i > 0 && j > 0 && c[i*w+j] == c[(i-1)*w+j-1]+cost(g[i-1], o[j-1]):
			out = append(out, edit{g[i-1], o[j-1]})
			i, j = i-1, j-1
		case i > 0 && c[i*w+j] == c[(i-1)*w+j]+cost(g[i-1], 0):
			out = append(out, edit{g[i-1], 0})
			i--
		default:
			out = append(out, edit{0, o[j-1]})
			j--
		}
	}
	for l, r := 0, len(out)-1; l < r; l, r = l+1, r-1 {
		out[l], out[r] = out[r], out[l]
	}
	return out
}

// subCost is the alignment cost of reading gold rune g as observed rune o.
func subCost(g, o rune) float32 {
	switch {
	case g == o:
		return 0
	case base(g) == base(o):
		return 0.3
	case g == ' ' || o == ' ':
		return 2 // a space only aligns with a space
	case o < utf8.RuneSelf && !isVietLetter(o):
		return 0.8 // marked letters often come out as digits or symbols
	}
	return 0.9
}
