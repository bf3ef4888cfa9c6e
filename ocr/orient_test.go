package ocr

import (
	"bytes"
	"context"
	"encoding/binary"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// exifJPEG inserts an EXIF segment with Orientation o into a JPEG.
func exifJPEG(jpg []byte, o uint16, order binary.ByteOrder) []byte {
	var t bytes.Buffer
	if order == binary.BigEndian {
		t.WriteString("MM\x00*")
	} else {
		t.WriteString("II*\x00")
	}
	binary.Write(&t, order, uint32(8))
	binary.Write(&t, order, uint16(1))
	binary.Write(&t, order, [4]uint16{274, 3, 1, 0}) // tag, SHORT, count 1 (as two uint16)
	binary.Write(&t, order, [2]uint16{o, 0})
	binary.Write(&t, order, uint32(0))
	body := append([]byte("Exif\x00\x00"), t.Bytes()...)
	seg := []byte{0xff, 0xe1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(body)+2))
	seg = append(seg, body...)
	return append(append(append([]byte{}, jpg[:2]...), seg...), jpg[2:]...)
}

func TestOrient(t *testing.T) {
	// A 3×2 image with distinct pixels.
	g := image.NewGray(image.Rect(0, 0, 3, 2))
	copy(g.Pix, []byte{1, 2, 3, 4, 5, 6})
	tests := []struct {
		o    int
		w, h int
		want []byte
	}{
		{1, 3, 2, []byte{1, 2, 3, 4, 5, 6}},
		{2, 3, 2, []byte{3, 2, 1, 6, 5, 4}},
		{3, 3, 2, []byte{6, 5, 4, 3, 2, 1}},
		{4, 3, 2, []byte{4, 5, 6, 1, 2, 3}},
		{5, 2, 3, []byte{1, 4, 2, 5, 3, 6}},
		{6, 2, 3, []byte{4, 1, 5, 2, 6, 3}}, // a quarter clockwise
		{7, 2, 3, []byte{6, 3, 5, 2, 4, 1}},
		{8, 2, 3, []byte{3, 6, 2, 5, 1, 4}}, // a quarter anticlockwise
	}
	for _, tt := range tests {
		got := orient(g, tt.o)
		if got.Rect.Dx() != tt.w || got.Rect.Dy() != tt.h || !bytes.Equal(got.Pix, tt.want) {
			t.Errorf("orient %d: %v %v, want %d×%d %v", tt.o, got.Rect, got.Pix, tt.w, tt.h, tt.want)
		}
	}
	// 6 undoes 8, 3 undoes itself.
	if got := orient(orient(g, 8), 6); !bytes.Equal(got.Pix, g.Pix) || got.Rect != g.Rect {
		t.Errorf("orient(orient(g, 8), 6) = %v", got.Pix)
	}
}

func TestJPEGOrientation(t *testing.T) {
	g := loadGray(t, "../testdata/ocr/header.png")
	jpg := jpegWithJFIF(t, g, 200)
	for _, order := range []binary.ByteOrder{binary.BigEndian, binary.LittleEndian} {
		if got := jpegOrientation(exifJPEG(jpg, 6, order)); got != 6 {
			t.Errorf("%v: orientation %d, want 6", order, got)
		}
	}
	if got := jpegOrientation(jpg); got != 1 {
		t.Errorf("no EXIF: orientation %d, want 1", got)
	}
}

func TestTIFFOrientation(t *testing.T) {
	g := image.NewGray(image.Rect(0, 0, 3, 2))
	copy(g.Pix, []byte{1, 2, 3, 4, 5, 6})
	tf, err := parseTIFF(multiPageTIFF([]*image.Gray{g}, 300, 6), 0)
	if err != nil {
		t.Fatal(err)
	}
	pi, err := tf.page(0, limits{})
	if err != nil {
		t.Fatal(err)
	}
	if pi.orient != 6 {
		t.Errorf("orientation %d, want 6", pi.orient)
	}
	p := Preprocess{}.prepare(pi)
	if p.width != 2 || p.height != 3 || !bytes.Equal(p.gray.Pix, []byte{4, 1, 5, 2, 6, 3}) {
		t.Errorf("prepared %d×%d %v, want the page turned a quarter clockwise", p.width, p.height, p.gray.Pix)
	}
}

func TestSidewaysPhotoIsReadUpright(t *testing.T) {
	e := newTestEngine(t, Options{Jobs: 1})
	upright := loadGray(t, "../testdata/ocr/header.png")
	// Stored a quarter anticlockwise, tagged "turn a quarter clockwise".
	stored := orient(upright, 8)
	path := filepath.Join(t.TempDir(), "photo.jpg")
	if err := os.WriteFile(path, exifJPEG(jpegWithJFIF(t, stored, 200), 6, binary.BigEndian), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, err := e.RecognizeFile(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	p := doc.Pages[0]
	if p.Width != upright.Rect.Dx() || p.Height != upright.Rect.Dy() {
		t.Errorf("page %d×%d, want the upright %v", p.Width, p.Height, upright.Rect.Size())
	}
	if !strings.Contains(p.Text(), "Tiên Du, ngày 5 tháng 3 năm 2020") {
		t.Errorf("text:\n%s", p.Text())
	}
}
