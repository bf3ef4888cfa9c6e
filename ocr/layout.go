package ocr

import (
	"fmt"
	"image"
	"math"
	"strings"
	"unicode"

	"github.com/otiai10/gosseract/v2"
	"golang.org/x/text/unicode/norm"
)

// buildBlocks groups Tesseract's words into blocks and lines, maps their
// boxes back to the original page by dividing by scale, and splits blocks
// whose lines run across two side-by-side columns, see splitColumns.
func buildBlocks(words []gosseract.BoundingBox, scale float64) []*Block {
	out := []*Block{} // a blank page has no block, and JSON says []
	for _, lines := range groupLines(words, scale, image.Point{}) {
		out = append(out, splitColumns(newBlock(lines))...)
	}
	return out
}

// groupLines groups Tesseract's words into lines, one list of lines per
// Tesseract block. Word boxes are moved by off (where the image Tesseract
// read lies in the prepared page) and divided by scale.
func groupLines(words []gosseract.BoundingBox, scale float64, off image.Point) [][]*Line {
	type lineKey struct{ block, par, line int }
	var (
		blocks   [][]*Line
		lastKey  = lineKey{-1, -1, -1}
		curBlock = -1
		line     *Line
	)
	for _, w := range words {
		text := norm.NFC.String(strings.TrimSpace(w.Word))
		if text == "" {
			continue
		}
		if w.BlockNum != curBlock {
			blocks = append(blocks, nil)
			curBlock = w.BlockNum
		}
		if k := (lineKey{w.BlockNum, w.ParNum, w.LineNum}); k != lastKey {
			line = &Line{}
			blocks[len(blocks)-1] = append(blocks[len(blocks)-1], line)
			lastKey = k
		}
		line.Words = append(line.Words, &Word{
			Box:        boxOf(unscale(w.Box.Add(off), scale)),
			Confidence: math.Round(w.Confidence*100) / 100,
			Raw:        text,
			Text:       text,
		})
	}
	for _, lines := range blocks {
		for _, l := range lines {
			*l = *newLine(l.Words)
		}
	}
	return blocks
}

func unscale(r image.Rectangle, scale float64) image.Rectangle {
	if scale == 1 {
		return r
	}
	f := func(v int) int { return int(math.Round(float64(v) / scale)) }
	return image.Rect(f(r.Min.X), f(r.Min.Y), f(r.Max.X), f(r.Max.Y))
}

// splitColumns cuts a block where its lines run in two side-by-side
// columns and returns the parts in reading order: the lines above, the left
// column, the right column, the lines below.
//
// Tesseract reads the page as one block of lines (page segmentation mode 6,
// which recognises faded scans better than its automatic layout analysis),
// so the two-column header of a Vietnamese directive ("ĐẢNG BỘ TỈNH ..." on
// the left, "ĐẢNG CỘNG SẢN VIỆT NAM" on the right) comes back as lines that
// join both columns across a wide gap, or as lines of one column
// interleaved with lines of the other. findColumns finds such regions.
func splitColumns(b *Block) []*Block {
	var out []*Block
	lines := b.Lines
	for len(lines) > 0 {
		first, last, g0, g1 := findColumns(lines)
		if first < 0 {
			out = append(out, newBlock(lines))
			break
		}
		if first > 0 {
			out = append(out, newBlock(lines[:first]))
		}
		mid := (g0 + g1) / 2
		var left, right []*Line
		for _, l := range lines[first : last+1] {
			var lw, rw []*Word
			for _, w := range l.Words {
				if (w.Box.X0+w.Box.X1)/2 < mid {
					lw = append(lw, w)
				} else {
					rw = append(rw, w)
				}
			}
			if len(lw) > 0 {
				left = append(left, newLine(lw))
			}
			if len(rw) > 0 {
				right = append(right, newLine(rw))
			}
		}
		// Where to read each column again on its own: Tesseract cuts
		// lines of one column through the marks of the other when their
		// baselines differ.
		h := lineHeight(lines[first])
		top, bottom := lines[first].Box.Y0-h, lines[last].Box.Y1+h
		if first > 0 {
			top = max(top, (lines[first-1].Box.Y1+lines[first].Box.Y0)/2)
		}
		if last+1 < len(lines) {
			bottom = min(bottom, (lines[last].Box.Y1+lines[last+1].Box.Y0)/2)
		}
		lb, rb := newBlock(left), newBlock(right)
		lb.reread = image.Rect(b.Box.X0-h, top, mid, bottom)
		rb.reread = image.Rect(mid, top, b.Box.X1+h, bottom)
		out = append(out, lb, rb)
		lines = lines[last+1:]
	}
	return out
}

// gutterEms is the narrowest gutter between two columns, in line heights.
// Word spaces are about a third of a line height; justified lines rarely
// stretch them past one.
const gutterEms = 3

// findColumns returns the first two-column region of lines: the index of
// its first and last line and the gutter's extent [g0, g1); first is -1 if
// there is none.
//
// A gutter is a vertical strip at least gutterEms line heights wide between
// the words of two columns. The columns must be side by side in at least
// two rows: a row is a line with words on both sides of the strip, or two
// lines next to each other, one wholly left and one wholly right of it,
// that overlap vertically (a header whose columns are not on the same
// baselines). A header has two rows or more, while a speck read as a
// letter far right of a line of body text (common on noisy scans) makes
// one. Lines above and below the rows that touch no part of the gutter
// belong to the region too ("HUYỆN ỦY" under "ĐẢNG BỘ TỈNH"); a centred
// title under the header touches it and does not.
func findColumns(lines []*Line) (first, last, g0, g1 int) {
	if len(lines) < 2 {
		return -1, -1, 0, 0
	}
	x0, x1 := lines[0].Box.X0, lines[0].Box.X1
	hs := make([]int, len(lines))
	for i, l := range lines {
		x0, x1 = min(x0, l.Box.X0), max(x1, l.Box.X1)
		hs[i] = lineHeight(l)
	}
	lineH := median(hs)
	minGap := gutterEms * lineH
	spans := make([][][2]int, len(lines))
	for i, l := range lines {
		spans[i] = clearSpans(l, x0, x1, minGap)
	}
	for i := range lines {
		for _, g := range spans[i] {
			// The run of lines that keep the middle of the strip clear.
			j := i + 1
			for ; j < len(lines); j++ {
				ng, ok := narrow(g, spans[j], minGap)
				if !ok {
					break
				}
				g = ng
			}
			a, b, ok := rows(lines[i:j], g, lineH)
			if !ok {
				continue
			}
			// The gutter is what the rows leave between the columns.
			core := lines[i+a : i+b+1]
			g0, g1 = x0, x1
			for _, l := range core {
				for _, w := range l.Words {
					if w.Box.X1 <= g[0] {
						g0 = max(g0, w.Box.X1)
					} else if w.Box.X0 >= g[1] {
						g1 = min(g1, w.Box.X0)
					}
				}
			}
			first, last = i+a, i+b
			for first > 0 && !touches(lines[first-1], g0, g1) {
				first--
			}
			for last < len(lines)-1 && !touches(lines[last+1], g0, g1) {
				last++
			}
			return first, last, g0, g1
		}
	}
	return -1, -1, 0, 0
}

// rows finds the rows of two columns split by the strip g in lines (lineH
// high), none of which touches its middle, and returns the index of the first and last
// line taking part in one; ok is false if there are fewer than two rows.
func rows(lines []*Line, g [2]int, lineH int) (first, last int, ok bool) {
	side := make([]int, len(lines)) // bit 1: a word left of g, bit 2: right
	for k, l := range lines {
		if hasWord(l.Words, lineH, func(w *Word) bool { return w.Box.X1 <= g[0] }) {
			side[k] |= 1
		}
		if hasWord(l.Words, lineH, func(w *Word) bool { return w.Box.X0 >= g[1] }) {
			side[k] |= 2
		}
	}
	n := 0
	first, last = -1, -1
	mark := func(a, b int) {
		n++
		if first < 0 {
			first = a
		}
		last = b
	}
	for k := 0; k < len(lines); k++ {
		switch {
		case side[k] == 3:
			mark(k, k)
		case k+1 < len(lines) && side[k]|side[k+1] == 3 && side[k] != side[k+1] &&
			lines[k].Box.Y1 > lines[k+1].Box.Y0:
			mark(k, k+1)
			k++
		}
	}
	return first, last, n >= 2
}

// touches reports whether a word of l reaches into [g0, g1).
func touches(l *Line, g0, g1 int) bool {
	for _, w := range l.Words {
		if w.Box.X0 < g1 && w.Box.X1 > g0 {
			return true
		}
	}
	return false
}

// clearSpans returns the strips of [x0, x1) at least minGap wide that no
// word of l touches.
func clearSpans(l *Line, x0, x1, minGap int) [][2]int {
	var out [][2]int
	at := x0
	for _, w := range l.Words {
		if w.Box.X0-at >= minGap {
			out = append(out, [2]int{at, w.Box.X0})
		}
		at = max(at, w.Box.X1)
	}
	if x1-at >= minGap {
		out = append(out, [2]int{at, x1})
	}
	return out
}

// narrow returns the overlap of g with the span of spans that holds the
// middle of g, if that overlap is at least minGap wide: a line may shorten
// the gutter but not move it.
func narrow(g [2]int, spans [][2]int, minGap int) ([2]int, bool) {
	mid := (g[0] + g[1]) / 2
	for _, s := range spans {
		if s[0] <= mid && mid < s[1] {
			o := [2]int{max(g[0], s[0]), min(g[1], s[1])}
			return o, o[1]-o[0] >= minGap
		}
	}
	return g, false
}

// A word counts as text of a column if it has two letters or more, is at
// least half as high as the page's lines and Tesseract is fairly sure of it:
// specks and edge noise read as letters ("tà", "mm") are small or doubtful.
const minColumnWordConf = 50

// hasWord reports whether some word that satisfies where counts as text of a
// column on a page whose lines are lineH high.
func hasWord(ws []*Word, lineH int, where func(*Word) bool) bool {
	for _, w := range ws {
		if !where(w) || w.Confidence < minColumnWordConf || 2*(w.Box.Y1-w.Box.Y0) < lineH {
			continue
		}
		n := 0
		for _, r := range w.Raw {
			if unicode.IsLetter(r) {
				n++
			}
		}
		if n >= 2 {
			return true
		}
	}
	return false
}

// lineHeight is the median height of the words of l.
func lineHeight(l *Line) int {
	hs := make([]int, len(l.Words))
	for i, w := range l.Words {
		hs[i] = w.Box.Y1 - w.Box.Y0
	}
	return median(hs)
}

func newLine(words []*Word) *Line {
	l := &Line{Words: words}
	var r image.Rectangle
	for _, w := range words {
		r = r.Union(w.Box.Rect())
	}
	l.Box = boxOf(r)
	return l
}

func newBlock(lines []*Line) *Block {
	b := &Block{Lines: lines}
	var r image.Rectangle
	for _, l := range lines {
		r = r.Union(l.Box.Rect())
	}
	b.Box = boxOf(r)
	return b
}

// correctPage runs every line of the page through c and records the
// corrected text of each word.
func correctPage(p *Page, c Corrector) error {
	for _, b := range p.Blocks {
		for _, l := range b.Lines {
			in := make([]WordInput, len(l.Words))
			for i, w := range l.Words {
				in[i] = WordInput{Text: w.Raw, Confidence: w.Confidence}
			}
			out, err := c.CorrectLine(in)
			if err != nil {
				return fmt.Errorf("correcting %q: %w", l.text(true), err)
			}
			if len(out) != len(in) {
				return fmt.Errorf("corrector returned %d words for %d", len(out), len(in))
			}
			for i, w := range l.Words {
				w.Text = out[i]
				w.Changed = w.Text != w.Raw
			}
		}
	}
	return nil
}
