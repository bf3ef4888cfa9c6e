package ocr

import (
	"image"
	"strings"
)

// Document is the OCR result of one input file.
type Document struct {
	Source string  `json:"source"` // the path the document was read from
	Format string  `json:"format"` // the detected input format: "png", "jpeg", "tiff" or "pdf"
	Pages  []*Page `json:"pages"`
}

// Page is the OCR result of one page image.
type Page struct {
	Number int      `json:"number"` // 1-based page number within the document
	Width  int      `json:"width"`  // width of the upright page image, in pixels
	Height int      `json:"height"` // height of the upright page image, in pixels
	DPI    float64  `json:"dpi"`    // resolution of the page image; 0 if unknown
	Blocks []*Block `json:"blocks"` // text blocks in reading order
}

// Block is a run of lines read as a unit: the page's text between column
// regions, or one column of a two-column region such as a directive's
// header.
type Block struct {
	Box   Box     `json:"box"`
	Lines []*Line `json:"lines"`

	reread image.Rectangle // for a column: the area to OCR again on its own
}

// Line is one line of text within a block.
type Line struct {
	Box   Box     `json:"box"`
	Words []*Word `json:"words"`
}

// Word is one word of a line. Boxes are in the pixel coordinates of the page
// image as it was read, turned upright when its orientation tag says so,
// before any scaling.
type Word struct {
	Box        Box     `json:"box"`
	Confidence float64 `json:"confidence"` // Tesseract's word confidence, 0-100
	Raw        string  `json:"raw"`        // the text Tesseract read
	Text       string  `json:"text"`       // the text after correction
	Changed    bool    `json:"changed"`    // Text differs from Raw
}

// Box is an axis-aligned rectangle in page pixel coordinates; Min is
// inclusive and Max exclusive, as in [image.Rectangle].
type Box struct {
	X0 int `json:"x0"`
	Y0 int `json:"y0"`
	X1 int `json:"x1"`
	Y1 int `json:"y1"`
}

// Rect returns b as an image.Rectangle.
func (b Box) Rect() image.Rectangle { return image.Rect(b.X0, b.Y0, b.X1, b.Y1) }

func boxOf(r image.Rectangle) Box { return Box{r.Min.X, r.Min.Y, r.Max.X, r.Max.Y} }

// Text returns the corrected text of the document: its pages separated by
// a form feed line, see [Page.Text].
func (d *Document) Text() string { return d.text(false) }

// RawText returns the text of the document as Tesseract read it.
func (d *Document) RawText() string { return d.text(true) }

func (d *Document) text(raw bool) string {
	var sb strings.Builder
	for i, p := range d.Pages {
		if i > 0 {
			sb.WriteString("\f\n")
		}
		sb.WriteString(p.text(raw))
	}
	return sb.String()
}

// Text returns the corrected text of the page: one line of output per line
// on the page, blocks in reading order separated by an empty line.
func (p *Page) Text() string { return p.text(false) }

// RawText is like Text but gives the words as Tesseract read them.
func (p *Page) RawText() string { return p.text(true) }

func (p *Page) text(raw bool) string {
	var sb strings.Builder
	for i, b := range p.Blocks {
		if i > 0 {
			sb.WriteByte('\n')
		}
		for _, l := range b.Lines {
			sb.WriteString(l.text(raw))
			sb.WriteByte('\n')
		}
	}
	return sb.String()
}

// Text returns the corrected words of the line separated by spaces.
func (l *Line) Text() string { return l.text(false) }

func (l *Line) text(raw bool) string {
	parts := make([]string, 0, len(l.Words))
	for _, w := range l.Words {
		t := w.Text
		if raw {
			t = w.Raw
		}
		if t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, " ")
}
