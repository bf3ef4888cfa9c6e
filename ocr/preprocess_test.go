package ocr

import (
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
	grey := darken(page(221, 187), 3, 8)
	if got := grey.Pix[3]; got != 255 {
		t.Errorf("paper 221 became %d, want 255", got)
	}
	if got := grey.Pix[2]; got != 255 {
		t.Errorf("white pixel became %d, want 255", got)
	}
	if got := grey.Pix[1]; got != 0 {
		t.Errorf("black ink became %d, want 0", got)
	}
	// 187 against a white point of 213: 255·(187/213)³ = 172.
	if got := grey.Pix[0]; got != 173 && got != 172 {
		t.Errorf("faint stroke 187 became %d, want 172", got)
	}
	white := page(255, 187)
	if got := darken(white, 3, 8); got != white {
		t.Errorf("a page on white paper was changed")
	}
}
