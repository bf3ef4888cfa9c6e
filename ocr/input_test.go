package ocr

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"os"
	"testing"
)

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		head string
		want Format
		err  error
	}{
		{"png", "\x89PNG\r\n\x1a\n", FormatPNG, nil},
		{"jpeg", "\xff\xd8\xff\xe0\x00\x10JF", FormatJPEG, nil},
		{"tiff little-endian", "II*\x00\x08\x00\x00\x00", FormatTIFF, nil},
		{"tiff big-endian", "MM\x00*\x00\x00\x00\x08", FormatTIFF, nil},
		{"pdf", "%PDF-1.7\n", FormatPDF, nil},
		{"empty", "", "", ErrEmpty},
		{"text named .png", "Biên bản họp", "", ErrUnknownFormat},
		{"gif", "GIF89a", "", ErrUnknownFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Sniff([]byte(tt.head))
			if got != tt.want || !errors.Is(err, tt.err) {
				t.Errorf("Sniff(%q) = %q, %v; want %q, %v", tt.head, got, err, tt.want, tt.err)
			}
		})
	}
}

func TestDecodeRasterRefusesHugeImageFromHeader(t *testing.T) {
	// The header claims 30000×30000 pixels; no pixel data follows. Decoding
	// would need 900 MB; the limit must refuse it before that.
	data := pngHeader(30000, 30000)
	_, err := decodeRaster(data, FormatPNG, limits{maxPixels: DefaultMaxPixels})
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	// Under a higher limit the same file fails as truncated instead.
	_, err = decodeRaster(data, FormatPNG, limits{maxPixels: 1e10})
	if !errors.Is(err, ErrCorrupt) {
		t.Fatalf("err = %v, want ErrCorrupt", err)
	}
}

func TestDecodeRasterTruncated(t *testing.T) {
	g := loadGray(t, "../testdata/ocr/sample-scan.png")
	jpg := jpegWithJFIF(t, g, 300)
	pngData, err := os.ReadFile("../testdata/ocr/sample-scan.png")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		f    Format
	}{
		{"jpeg cut in half", jpg[:len(jpg)/2], FormatJPEG},
		{"jpeg header only", jpg[:40], FormatJPEG},
		{"png cut in half", pngData[:len(pngData)/2], FormatPNG},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodeRaster(tt.data, tt.f, limits{maxPixels: DefaultMaxPixels})
			if !errors.Is(err, ErrCorrupt) {
				t.Errorf("err = %v, want ErrCorrupt", err)
			}
		})
	}
}

func TestResolution(t *testing.T) {
	g := loadGray(t, "../testdata/ocr/sample-scan.png")
	pngData, err := os.ReadFile("../testdata/ocr/sample-scan.png")
	if err != nil {
		t.Fatal(err)
	}
	var plain bytes.Buffer
	if err := png.Encode(&plain, g); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		f    Format
		want float64
	}{
		{"png pHYs", pngData, FormatPNG, 300},
		{"png without pHYs", plain.Bytes(), FormatPNG, 0},
		{"jpeg JFIF", jpegWithJFIF(t, g, 112), FormatJPEG, 112},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pi, err := decodeRaster(tt.data, tt.f, limits{})
			if err != nil {
				t.Fatal(err)
			}
			if pi.dpi != tt.want {
				t.Errorf("dpi = %v, want %v", pi.dpi, tt.want)
			}
		})
	}
}

func TestMultiPageTIFF(t *testing.T) {
	a := image.NewGray(image.Rect(0, 0, 30, 20))
	b := image.NewGray(image.Rect(0, 0, 40, 10))
	for i := range b.Pix {
		b.Pix[i] = 200
	}
	data := multiPageTIFF([]*image.Gray{a, b}, 150)
	tf, err := parseTIFF(data, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(tf.ifds) != 2 {
		t.Fatalf("%d pages, want 2", len(tf.ifds))
	}
	for i, want := range []*image.Gray{a, b} {
		pi, err := tf.page(i, limits{maxPixels: DefaultMaxPixels})
		if err != nil {
			t.Fatalf("page %d: %v", i+1, err)
		}
		got := toGray(pi.img)
		if got.Rect != want.Rect || !bytes.Equal(got.Pix, want.Pix) || pi.dpi != 150 {
			t.Errorf("page %d: %v dpi %v, want %v dpi 150", i+1, got.Rect, pi.dpi, want.Rect)
		}
	}
	if _, err := parseTIFF(data, 1); !errors.Is(err, ErrTooManyPages) {
		t.Errorf("page limit 1: err = %v, want ErrTooManyPages", err)
	}
	if _, err := tf.page(0, limits{maxPixels: 100}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("pixel limit 100: err = %v, want ErrTooLarge", err)
	}
	if _, err := parseTIFF(data[:len(data)-30], 0); !errors.Is(err, ErrCorrupt) {
		t.Errorf("truncated: err = %v, want ErrCorrupt", err)
	}
}

func TestGuessDPI(t *testing.T) {
	tests := []struct {
		w, h int
		want float64
	}{
		{2480, 3508, 300}, // A4 at 300 dpi
		{926, 1310, 112},  // A4 at 112 dpi, like the heavy synthetic pages
		{3508, 2480, 300}, // landscape
		{2550, 3300, 300}, // US Letter
		{1000, 1000, 0},   // not a page
	}
	for _, tt := range tests {
		if got := guessDPI(image.Rect(0, 0, tt.w, tt.h)); got != tt.want {
			t.Errorf("guessDPI(%d×%d) = %v, want %v", tt.w, tt.h, got, tt.want)
		}
	}
}
