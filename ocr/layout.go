package ocr

import (
	"fmt"
	"image"
	"math"
	"sort"
	"strings"

	"github.com/otiai10/gosseract/v2"
	"golang.org/x/text/unicode/norm"
)

// buildBlocks groups Tesseract's words into blocks and lines, maps their
// boxes back to the original page by dividing by scale, and splits blocks
// whose lines run across two side-by-side columns, see splitColumns.
func buildBlocks(words []gosseract.BoundingBox, scale float64) []*Block {
	type lineKey struct{ block, par, line int }
	var (
		blocks   []*Block
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
			blocks = append(blocks, &Block{})
			curBlock = w.BlockNum
		}
		b := blocks[len(blocks)-1]
		if k := (lineKey{w.BlockNum, w.ParNum, w.LineNum}); k != lastKey {
			line = &Line{}
			b.Lines = append(b.Lines, line)
			lastKey = k
		}
		line.Words = append(line.Words, &Word{
			Box:        boxOf(unscale(w.Box, scale)),
			Confidence: math.Round(w.Confidence*100) / 100,
			Raw:        text,
			Text:       text,
		})
	}
	for _, b := range blocks {
		var br image.Rectangle
		for _, l := range b.Lines {
			var lr image.Rectangle
			for _, w := range l.Words {
				lr = lr.Union(w.Box.Rect())
			}
			l.Box = boxOf(lr)
			br = br.Union(lr)
		}
		b.Box = boxOf(br)
	}
	var out []*Block
	for _, b := range blocks {
		out = append(out, splitColumns(b)...)
	}
	return out
}

func unscale(r image.Rectangle, scale float64) image.Rectangle {
	if scale == 1 {
		return r
	}
	f := func(v int) int { return int(math.Round(float64(v) / scale)) }
	return image.Rect(f(r.Min.X), f(r.Min.Y), f(r.Max.X), f(r.Max.Y))
}

// splitColumns cuts a block where its lines run across two side-by-side
// columns and returns the parts in reading order: the lines above, the left
// column, the right column, the lines below.
//
// Tesseract reads the page as one block of lines (page segmentation mode 6,
// which recognises faded scans better than its automatic layout analysis),
// so the two-column header of a Vietnamese directive ("ĐẢNG BỘ TỈNH ..." on
// the left, "ĐẢNG CỘNG SẢN VIỆT NAM" on the right) comes back as lines that
// join both columns with a wide gap between them. A gap counts as a gutter
// when it is wider than gutterEms line heights; consecutive lines whose
// gutters overlap, plus the neighbouring lines that lie wholly on one side
// of it, form the two-column region.
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
		out = append(out, newBlock(left), newBlock(right))
		lines = lines[last+1:]
	}
	return out
}

// gutterEms is the narrowest gap between two words, in line heights, that
// is taken for the gutter between two columns. Word spaces are about a
// third of a line height; justified lines rarely stretch them past one.
const gutterEms = 3

// findColumns returns the first two-column region of lines: the index of
// its first and last line and the gutter's extent [g0, g1); first is -1 if
// there is none.
func findColumns(lines []*Line) (first, last, g0, g1 int) {
	first = -1
	for i, l := range lines {
		a, b, ok := widestGap(l)
		if !ok {
			continue
		}
		if first < 0 {
			first, last, g0, g1 = i, i, a, b
			continue
		}
		// A later gutter continues the region if it overlaps the
		// current one and the lines between stay on one side.
		if max(g0, a) < min(g1, b) && sidesOnly(lines[last+1:i], max(g0, a), min(g1, b)) {
			last, g0, g1 = i, max(g0, a), min(g1, b)
		}
	}
	if first < 0 {
		return -1, -1, 0, 0
	}
	for first > 0 && sidesOnly(lines[first-1:first], g0, g1) {
		first--
	}
	for last < len(lines)-1 && sidesOnly(lines[last+1:last+2], g0, g1) {
		last++
	}
	return first, last, g0, g1
}

// widestGap returns the widest gap between consecutive words of l if it
// is wide enough to be a gutter.
func widestGap(l *Line) (g0, g1 int, ok bool) {
	h := lineHeight(l)
	for i := 1; i < len(l.Words); i++ {
		a, b := l.Words[i-1].Box.X1, l.Words[i].Box.X0
		if b-a > gutterEms*h && b-a > g1-g0 {
			g0, g1, ok = a, b, true
		}
	}
	return g0, g1, ok
}

// lineHeight is the median height of the words of l.
func lineHeight(l *Line) int {
	hs := make([]int, len(l.Words))
	for i, w := range l.Words {
		hs[i] = w.Box.Y1 - w.Box.Y0
	}
	sort.Ints(hs)
	return hs[len(hs)/2]
}

// sidesOnly reports whether no word of lines reaches into [g0, g1).
func sidesOnly(lines []*Line, g0, g1 int) bool {
	for _, l := range lines {
		for _, w := range l.Words {
			if w.Box.X0 < g1 && w.Box.X1 > g0 {
				return false
			}
		}
	}
	return true
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
