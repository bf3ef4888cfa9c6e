package ocr

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"testing"
)

// pngHeader returns the start of a PNG whose header claims w×h pixels,
// without any pixel data.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr, w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 0 // 8-bit grey
	binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	b.WriteString("IHDR")
	b.Write(ihdr)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte("IHDR"), ihdr...)))
	return b.Bytes()
}

// loadGray decodes a PNG fixture as grey.
func loadGray(t testing.TB, path string) *image.Gray {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return toGray(img)
}

// jpegWithJFIF encodes g as JPEG with a JFIF segment giving dpi.
func jpegWithJFIF(t testing.TB, g *image.Gray, dpi uint16) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, g, &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	app0 := []byte{0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 1, 0, 0, 0, 0, 0, 0}
	binary.BigEndian.PutUint16(app0[12:], dpi)
	binary.BigEndian.PutUint16(app0[14:], dpi)
	data := b.Bytes()
	return append(append(append([]byte{}, data[:2]...), app0...), data[2:]...)
}

// multiPageTIFF writes uncompressed 8-bit grey pages into one little-endian
// TIFF, each page with its resolution in dots per inch.
func multiPageTIFF(pages []*image.Gray, dpi uint32) []byte {
	le := binary.LittleEndian
	var b bytes.Buffer
	b.WriteString("II*\x00")
	b.Write([]byte{0, 0, 0, 0}) // first IFD offset, patched below
	prevNext := 4               // where the previous "next IFD" pointer is
	for _, g := range pages {
		w, h := g.Rect.Dx(), g.Rect.Dy()
		dataOff := b.Len()
		for y := 0; y < h; y++ {
			b.Write(g.Pix[y*g.Stride : y*g.Stride+w])
		}
		if b.Len()%2 == 1 {
			b.WriteByte(0)
		}
		resOff := b.Len()
		binary.Write(&b, le, [2]uint32{dpi, 1})
		ifd := b.Len()
		out := b.Bytes()
		le.PutUint32(out[prevNext:], uint32(ifd))
		type entry struct {
			tag, typ uint16
			count    uint32
			value    uint32
		}
		entries := []entry{
			{256, 4, 1, uint32(w)}, {257, 4, 1, uint32(h)}, {258, 3, 1, 8}, {259, 3, 1, 1},
			{262, 3, 1, 1}, {273, 4, 1, uint32(dataOff)}, {277, 3, 1, 1}, {278, 4, 1, uint32(h)},
			{279, 4, 1, uint32(w * h)}, {282, 5, 1, uint32(resOff)}, {283, 5, 1, uint32(resOff)}, {296, 3, 1, 2},
		}
		binary.Write(&b, le, uint16(len(entries)))
		for _, e := range entries {
			binary.Write(&b, le, e)
		}
		prevNext = b.Len()
		binary.Write(&b, le, uint32(0))
	}
	return b.Bytes()
}

// jpegPDF writes a one-page PDF whose page is the JPEG img (w×h pixels)
// shown at dpi: the shape of a scanned page.
func jpegPDF(img []byte, w, h int, dpi float64) []byte {
	pw, ph := float64(w)/dpi*72, float64(h)/dpi*72
	content := fmt.Sprintf("q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q", pw, ph)
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>", pw, ph),
		fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n%s\nendstream", w, h, len(img), img),
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}
