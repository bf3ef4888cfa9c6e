package ocr

import (
	"bytes"
	"image"
	"testing"
)

// TestDarken checks the tone curve: on grey paper the paper and what is
// lighter become white and a faint stroke gets darker; a page on white
// paper is left as it is.
func TestDarken(t *testing.T) {
	page := func(paper, stroke uint8) *image.Gray {
		g := image.NewGray(image.Rect(0, 0, 10, 10))
		for i := range g.Pix {
			g.Pix[i] = paper
		}
		g.Pix[0], g.Pix[1], g.Pix[2] = stroke, 0, 255
		return g
	}
	grey := darken(page(221, 187), 3, 8, false)
	if got := grey.Pix[3]; got != 255 {
		t.Errorf("paper 221 became %d, want 255", got)
	}
	if got := grey.Pix[2]; got != 255 {
		t.Errorf("white pixel became %d, want 255", got)
	}
	if got := grey.Pix[1]; got != 0 {
		t.Errorf("black ink became %d, want 0", got)
	}
	// 187 against a white point of 213: 255·(187/213)³ = 172.55, rounded
	// to 173.
	if got := grey.Pix[0]; got != 173 {
		t.Errorf("faint stroke 187 became %d, want 173", got)
	}
	white := page(255, 187)
	if got := darken(white, 3, 8, false); got != white {
		t.Errorf("a page on white paper was changed")
	}
}

// TestDarkenInPlace checks that the tone curve maps a private copy in place
// to the same tones, and that prepare leaves the caller's grey page alone
// but maps the copy it made to turn a page upright.
func TestDarkenInPlace(t *testing.T) {
	page := func() *image.Gray {
		g := image.NewGray(image.Rect(0, 0, 10, 10))
		for i := range g.Pix {
			g.Pix[i] = 221
		}
		g.Pix[0], g.Pix[1] = 187, 0
		return g
	}
	want := darken(page(), 3, 8, false)
	g := page()
	if got := darken(g, 3, 8, true); got != g || !bytes.Equal(got.Pix, want.Pix) {
		t.Errorf("in place: %v, want the same image with %v", got.Pix[:4], want.Pix[:4])
	}

	caller := page()
	p := DefaultPreprocess.prepare(pageImage{img: caller, dpi: 300})
	if !bytes.Equal(caller.Pix, page().Pix) {
		t.Errorf("prepare changed the caller's page")
	}
	if p.gray == caller || !bytes.Equal(p.gray.Pix, want.Pix) {
		t.Errorf("prepared %v, want a new image with %v", p.gray.Pix[:4], want.Pix[:4])
	}
	turned := DefaultPreprocess.prepare(pageImage{img: page(), dpi: 300, orient: 3})
	if turned.gray.Pix[99] != want.Pix[0] || turned.gray.Pix[98] != want.Pix[1] {
		t.Errorf("upside-down page: last pixels %v, want %v", turned.gray.Pix[98:], []byte{want.Pix[1], want.Pix[0]})
	}
}
