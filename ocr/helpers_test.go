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
	"strings"
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
// TIFF, each page with its resolution in dots per inch and, if orientation
// is not 0, that Orientation tag.
func multiPageTIFF(pages []*image.Gray, dpi uint32, orientation ...uint16) []byte {
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
		if len(orientation) > 0 {
			entries = append(entries[:6], append([]entry{{274, 3, 1, uint32(orientation[0])}}, entries[6:]...)...)
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
	return buildPDF([]pdfTestPage{{
		w: pw, h: ph,
		content:   fmt.Sprintf("q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q", pw, ph),
		resources: "<< /XObject << /Im0 %IMG% >> >>",
		image: fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n%s\nendstream",
			w, h, len(img), img),
	}})
}

// textPDF writes a PDF of n pages of vector text in Helvetica: pages that
// are not scans and must be rendered.
func textPDF(n int, text string) []byte {
	pages := make([]pdfTestPage, n)
	for i := range pages {
		pages[i] = pdfTestPage{
			w: 595, h: 300,
			content:   fmt.Sprintf("BT /F1 28 Tf 60 150 Td (%s) Tj ET", text),
			resources: "<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>",
		}
	}
	return buildPDF(pages)
}

type pdfTestPage struct {
	w, h      float64
	content   string
	resources string // %IMG% stands for the reference to image
	image     string // an image XObject, or ""
}

// buildPDF writes the pages as a PDF with a correct cross-reference table.
func buildPDF(pages []pdfTestPage) []byte {
	var objs []string
	add := func(o string) int { objs = append(objs, o); return len(objs) }
	add("<< /Type /Catalog /Pages 2 0 R >>")
	add("") // the page tree, filled in below
	var kids []string
	for _, p := range pages {
		res := p.resources
		if p.image != "" {
			res = strings.ReplaceAll(res, "%IMG%", fmt.Sprintf("%d 0 R", add(p.image)))
		}
		c := add(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(p.content), p.content))
		pg := add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources %s /Contents %d 0 R >>", p.w, p.h, res, c))
		kids = append(kids, fmt.Sprintf("%d 0 R", pg))
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages))
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
