package ocr

import (
	"image"
	"math"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/math/f64"
)

// maxSkewDeg is the largest rotation deskew looks for, in degrees.
const maxSkewDeg = 3

// deskew returns g rotated so that its text lines are horizontal, or g
// itself when it is already straight to within 0.05°.
func deskew(g *image.Gray) *image.Gray {
	deg := skewAngle(g)
	if math.Abs(deg) < 0.05 {
		return g
	}
	return rotateGray(g, -deg)
}

// skewAngle estimates the angle of the text lines in degrees (positive:
// lines rise to the left, clockwise in image coordinates) as the one whose
// projection profile of dark pixels is sharpest.
func skewAngle(g *image.Gray) float64 {
	// Sample dark pixels on a grid of about 1000 columns.
	step := max(1, g.Rect.Dx()/1000)
	var xs, ys []float64
	for y := 0; y < g.Rect.Dy(); y += step {
		row := g.Pix[y*g.Stride:]
		for x := 0; x < g.Rect.Dx(); x += step {
			if row[x] < 128 {
				xs = append(xs, float64(x))
				ys = append(ys, float64(y))
			}
		}
	}
	if len(xs) < 100 {
		return 0
	}
	h := g.Rect.Dy() + g.Rect.Dx()
	bins := make([]float64, h/step+2)
	score := func(deg float64) float64 {
		clear(bins)
		t := math.Tan(deg * math.Pi / 180)
		off := float64(g.Rect.Dx()) * math.Abs(t)
		for i := range xs {
			b := int((ys[i] - xs[i]*t + off) / float64(step))
			if b >= 0 && b < len(bins) {
				bins[b]++
			}
		}
		var s float64
		for _, v := range bins {
			s += v * v
		}
		return s
	}
	best, bestScore := 0.0, score(0)
	search := func(from, to, by float64) {
		for d := from; d <= to+1e-9; d += by {
			if s := score(d); s > bestScore {
				best, bestScore = d, s
			}
		}
	}
	search(-maxSkewDeg, maxSkewDeg, 0.2)
	c := best
	search(c-0.2, c+0.2, 0.02)
	return best
}

// rotateGray rotates g by deg degrees about its centre (positive:
// counter-clockwise as seen), keeping its size and filling with white.
func rotateGray(g *image.Gray, deg float64) *image.Gray {
	out := image.NewGray(g.Rect)
	for i := range out.Pix {
		out.Pix[i] = 255
	}
	rad := deg * math.Pi / 180
	sin, cos := math.Sin(rad), math.Cos(rad)
	cx, cy := float64(g.Rect.Dx())/2, float64(g.Rect.Dy())/2
	// Source to destination: translate to the centre, rotate, translate back.
	m := f64.Aff3{
		cos, sin, cx - cos*cx - sin*cy,
		-sin, cos, cy + sin*cx - cos*cy,
	}
	xdraw.BiLinear.Transform(out, m, g, g.Rect, xdraw.Src, nil)
	return out
}
