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
	img image.Image
	dpi float64 // 0 if the file does not say
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
	var dpi float64
	if f == FormatPNG {
		dpi = pngDPI(data)
	} else {
		dpi = jpegDPI(data)
	}
	return pageImage{img: img, dpi: dpi}, nil
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
	p := data[2:]
	for len(p) >= 4 && p[0] == 0xff {
		marker := p[1]
		n := int(binary.BigEndian.Uint16(p[2:]))
		if n < 2 || n+2 > len(p) {
			return 0
		}
		seg := p[4 : 2+n]
		if marker == 0xe0 && len(seg) >= 12 && string(seg[:5]) == "JFIF\x00" {
			unit := seg[7]
			x := float64(binary.BigEndian.Uint16(seg[8:]))
			switch unit {
			case 1:
				return x
			case 2:
				return math.Round(x*2.54*10) / 10
			}
			return 0
		}
		if marker == 0xda { // start of scan: no more headers
			return 0
		}
		p = p[2+n:]
	}
	return 0
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
	return pageImage{img: img, dpi: t.dpi(i)}, nil
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
	n := uint64(t.order.Uint16(t.data[off:]))
	var res float64
	unit := uint16(2) // inch, the TIFF default
	for k := uint64(0); k < n; k++ {
		e := t.data[off+2+12*k:]
		tag, typ := t.order.Uint16(e), t.order.Uint16(e[2:])
		switch {
		case tag == 282 && typ == 5: // XResolution, RATIONAL
			vo := uint64(t.order.Uint32(e[8:]))
			if vo+8 <= uint64(len(t.data)) {
				num, den := t.order.Uint32(t.data[vo:]), t.order.Uint32(t.data[vo+4:])
				if den != 0 {
					res = float64(num) / float64(den)
				}
			}
		case tag == 296 && typ == 3: // ResolutionUnit, SHORT
			unit = t.order.Uint16(e[8:])
		}
	}
	switch unit {
	case 2:
		return res
	case 3:
		return math.Round(res*2.54*10) / 10
	}
	return 0
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
