package ocr

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"math"
	"strings"

	"golang.org/x/image/tiff"
)

// Format is the kind of an input file, detected from its content.
type Format string

// The input formats the Engine reads.
const (
	FormatPNG  Format = "png"
	FormatJPEG Format = "jpeg"
	FormatTIFF Format = "tiff"
	FormatPDF  Format = "pdf"
)

// Errors for inputs the Engine refuses. They are wrapped with the file name
// and details; test for them with errors.Is.
var (
	ErrEmpty         = errors.New("empty file")
	ErrUnknownFormat = errors.New("not a PNG, JPEG, TIFF or PDF file")
	ErrCorrupt       = errors.New("truncated or corrupt image")
	ErrTooLarge      = errors.New("image over the pixel limit")
	ErrTooManyPages  = errors.New("document over the page limit")
)

// Sniff returns the format of a file from its first bytes (at least 8 are
// needed), whatever its name says.
func Sniff(head []byte) (Format, error) {
	switch {
	case len(head) == 0:
		return "", ErrEmpty
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return FormatPNG, nil
	case bytes.HasPrefix(head, []byte{0xff, 0xd8, 0xff}):
		return FormatJPEG, nil
	case bytes.HasPrefix(head, []byte("II*\x00")), bytes.HasPrefix(head, []byte("MM\x00*")):
		return FormatTIFF, nil
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return FormatPDF, nil
	}
	return "", ErrUnknownFormat
}

// pageImage is one decoded page before preprocessing.
type pageImage struct {
	img    image.Image
	dpi    float64 // 0 if the file does not say
	orient int     // EXIF/TIFF orientation, 1-8; 0 or 1: upright
}

// limits bound what an input may cost before it is decoded.
type limits struct {
	maxPixels int64 // 0: no limit
	maxPages  int   // 0: no limit
}

func (l limits) checkSize(w, h int) error {
	if w <= 0 || h <= 0 {
		return fmt.Errorf("%w: %d×%d pixels", ErrCorrupt, w, h)
	}
	if l.maxPixels > 0 && int64(w)*int64(h) > l.maxPixels {
		return fmt.Errorf("%w: %d×%d = %.1f megapixels, limit %.1f", ErrTooLarge, w, h,
			float64(w)*float64(h)/1e6, float64(l.maxPixels)/1e6)
	}
	return nil
}

// decodeRaster decodes a PNG or JPEG held in data, refusing it from its
// header alone when it is over the pixel limit.
func decodeRaster(data []byte, f Format, lim limits) (pageImage, error) {
	var (
		cfg image.Config
		err error
	)
	switch f {
	case FormatPNG:
		cfg, err = png.DecodeConfig(bytes.NewReader(data))
	case FormatJPEG:
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(data))
	default:
		return pageImage{}, fmt.Errorf("decodeRaster: format %s", f)
	}
	if err != nil {
		return pageImage{}, corrupt(f, err)
	}
	if err := lim.checkSize(cfg.Width, cfg.Height); err != nil {
		return pageImage{}, err
	}
	var img image.Image
	if f == FormatPNG {
		img, err = png.Decode(bytes.NewReader(data))
	} else {
		img, err = jpeg.Decode(bytes.NewReader(data))
	}
	if err != nil {
		return pageImage{}, corrupt(f, err)
	}
	if f == FormatPNG {
		return pageImage{img: img, dpi: pngDPI(data)}, nil
	}
	return pageImage{img: img, dpi: jpegDPI(data), orient: jpegOrientation(data)}, nil
}

func corrupt(f Format, err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return fmt.Errorf("%w: %s data ends early", ErrCorrupt, f)
	}
	msg := strings.TrimPrefix(err.Error(), string(f)+": ")
	return fmt.Errorf("%w: %s: %s", ErrCorrupt, f, msg)
}

// pngDPI returns the resolution in a PNG's pHYs chunk, 0 if there is none or
// its unit is not the metre.
func pngDPI(data []byte) float64 {
	p := data[8:]
	for len(p) >= 12 {
		n := binary.BigEndian.Uint32(p)
		typ := string(p[4:8])
		if uint64(n) > uint64(len(p)-12) {
			return 0
		}
		switch typ {
		case "pHYs":
			if n < 9 || p[8+8] != 1 {
				return 0
			}
			ppmX := binary.BigEndian.Uint32(p[8:])
			return math.Round(float64(ppmX)*0.0254*10) / 10
		case "IDAT", "IEND":
			return 0 // pHYs must come before the image data
		}
		p = p[12+n:]
	}
	return 0
}

// jpegDPI returns the density in a JPEG's JFIF APP0 segment, 0 if there is
// none or it gives only an aspect ratio.
func jpegDPI(data []byte) float64 {
	seg := jpegSegment(data, func(marker byte, seg []byte) bool {
		return marker == 0xe0 && len(seg) >= 12 && string(seg[:5]) == "JFIF\x00"
	})
	if seg == nil {
		return 0
	}
	x := float64(binary.BigEndian.Uint16(seg[8:]))
	switch seg[7] { // the unit
	case 1:
		return x
	case 2:
		return math.Round(x*2.54*10) / 10
	}
	return 0
}

// jpegSegment returns the body of the first header segment of a JPEG for
// which match is true, nil if there is none before the image data.
func jpegSegment(data []byte, match func(marker byte, seg []byte) bool) []byte {
	p := data[2:]
	for len(p) >= 4 && p[0] == 0xff {
		marker := p[1]
		n := int(binary.BigEndian.Uint16(p[2:]))
		if n < 2 || n+2 > len(p) || marker == 0xda { // start of scan: no more headers
			return nil
		}
		if seg := p[4 : 2+n]; match(marker, seg) {
			return seg
		}
		p = p[2+n:]
	}
	return nil
}

// tiffFile is a TIFF held in memory, with the offsets of its pages.
type tiffFile struct {
	data  []byte
	order binary.ByteOrder
	ifds  []uint32 // offset of each page's image file directory
}

// parseTIFF walks the chain of image file directories of a TIFF, one per
// page, without decoding any image. It stops with ErrTooManyPages past
// maxPages pages (0: no limit).
func parseTIFF(data []byte, maxPages int) (*tiffFile, error) {
	if len(data) < 8 {
		return nil, fmt.Errorf("%w: tiff header ends early", ErrCorrupt)
	}
	t := &tiffFile{data: data, order: binary.LittleEndian}
	if data[0] == 'M' {
		t.order = binary.BigEndian
	}
	off := t.order.Uint32(data[4:])
	seen := map[uint32]bool{}
	for off != 0 {
		if seen[off] {
			return nil, fmt.Errorf("%w: tiff directories loop", ErrCorrupt)
		}
		seen[off] = true
		if uint64(off)+2 > uint64(len(data)) {
			return nil, fmt.Errorf("%w: tiff data ends early", ErrCorrupt)
		}
		n := uint64(t.order.Uint16(data[off:]))
		end := uint64(off) + 2 + 12*n
		if end+4 > uint64(len(data)) {
			return nil, fmt.Errorf("%w: tiff data ends early", ErrCorrupt)
		}
		t.ifds = append(t.ifds, off)
		if maxPages > 0 && len(t.ifds) > maxPages {
			return nil, fmt.Errorf("%w: more than %d pages", ErrTooManyPages, maxPages)
		}
		off = t.order.Uint32(data[end:])
	}
	if len(t.ifds) == 0 {
		return nil, fmt.Errorf("%w: tiff has no page", ErrCorrupt)
	}
	return t, nil
}

// page decodes page i (0-based), checking its size against the limit first.
func (t *tiffFile) page(i int, lim limits) (pageImage, error) {
	r := t.pageReader(i)
	cfg, err := tiff.DecodeConfig(io.NewSectionReader(r, 0, int64(len(t.data))))
	if err != nil {
		return pageImage{}, corrupt(FormatTIFF, err)
	}
	if err := lim.checkSize(cfg.Width, cfg.Height); err != nil {
		return pageImage{}, err
	}
	img, err := tiff.Decode(io.NewSectionReader(r, 0, int64(len(t.data))))
	if err != nil {
		return pageImage{}, corrupt(FormatTIFF, err)
	}
	return pageImage{img: img, dpi: t.dpi(i), orient: t.orientation(i)}, nil
}

// pageReader presents the file as if page i were its first page: the
// decoder in x/image/tiff reads only the first directory.
func (t *tiffFile) pageReader(i int) io.ReaderAt {
	var hdr [8]byte
	copy(hdr[:], t.data[:8])
	t.order.PutUint32(hdr[4:], t.ifds[i])
	return &overlay{data: t.data, head: hdr}
}

// dpi returns the horizontal resolution of page i from its XResolution and
// ResolutionUnit tags, 0 if absent.
func (t *tiffFile) dpi(i int) float64 {
	off := uint64(t.ifds[i])
	var res float64
	if e := ifdEntry(t.data, t.order, off, 282, 5); e != nil { // XResolution, RATIONAL
		vo := uint64(t.order.Uint32(e[8:]))
		if vo+8 <= uint64(len(t.data)) {
			num, den := t.order.Uint32(t.data[vo:]), t.order.Uint32(t.data[vo+4:])
			if den != 0 {
				res = float64(num) / float64(den)
			}
		}
	}
	unit := uint16(2)                                          // inch, the TIFF default
	if e := ifdEntry(t.data, t.order, off, 296, 3); e != nil { // ResolutionUnit, SHORT
		unit = t.order.Uint16(e[8:])
	}
	switch unit {
	case 2:
		return res
	case 3:
		return math.Round(res*2.54*10) / 10
	}
	return 0
}

// orientation returns the Orientation tag of page i, 1 if absent.
func (t *tiffFile) orientation(i int) int {
	if e := ifdEntry(t.data, t.order, uint64(t.ifds[i]), 274, 3); e != nil {
		return int(t.order.Uint16(e[8:]))
	}
	return 1
}

// ifdEntry returns the 12 bytes of the first entry of tag and type typ in
// the TIFF image file directory at offset off of data, nil if there is
// none or the directory runs past the data.
func ifdEntry(data []byte, order binary.ByteOrder, off uint64, tag, typ uint16) []byte {
	if off+2 > uint64(len(data)) {
		return nil
	}
	n := uint64(order.Uint16(data[off:]))
	for k := uint64(0); k < n; k++ {
		e := off + 2 + 12*k
		if e+12 > uint64(len(data)) {
			return nil
		}
		if order.Uint16(data[e:]) == tag && order.Uint16(data[e+2:]) == typ {
			return data[e : e+12]
		}
	}
	return nil
}

// overlay is a byte slice read through io.ReaderAt with its first bytes
// replaced by head.
type overlay struct {
	data []byte
	head [8]byte
}

func (o *overlay) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errors.New("negative offset")
	}
	if off >= int64(len(o.data)) {
		return 0, io.EOF
	}
	n := copy(p, o.data[off:])
	if off < int64(len(o.head)) {
		copy(p, o.head[off:])
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}
