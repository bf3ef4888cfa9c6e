package ocr

import (
	"encoding/binary"
	"image"
)

// An image's orientation says how the stored pixels must be turned to be
// seen upright, as the EXIF and TIFF Orientation tag (274) gives it: 1 upright, 2 mirrored, 3
// upside down, 4 flipped, 5 transposed, 6 turned a quarter clockwise to
// read, 7 transversed, 8 turned a quarter anticlockwise to read. Phone and
// some scanner images are stored sideways with this tag set.

// orient returns g turned upright according to orientation o (1-8); other
// values leave it as it is.
func orient(g *image.Gray, o int) *image.Gray {
	if o < 2 || o > 8 {
		return g
	}
	w, h := g.Rect.Dx(), g.Rect.Dy()
	ow, oh := w, h
	if o >= 5 {
		ow, oh = h, w
	}
	out := image.NewGray(image.Rect(0, 0, ow, oh))
	for y := 0; y < oh; y++ {
		for x := 0; x < ow; x++ {
			var sx, sy int
			switch o {
			case 2:
				sx, sy = w-1-x, y
			case 3:
				sx, sy = w-1-x, h-1-y
			case 4:
				sx, sy = x, h-1-y
			case 5:
				sx, sy = y, x
			case 6:
				sx, sy = y, h-1-x
			case 7:
				sx, sy = w-1-y, h-1-x
			case 8:
				sx, sy = w-1-y, x
			}
			out.Pix[y*out.Stride+x] = g.Pix[sy*g.Stride+sx]
		}
	}
	return out
}

// jpegOrientation returns the Orientation tag of a JPEG's EXIF segment, 1
// if there is none.
func jpegOrientation(data []byte) int {
	seg := jpegSegment(data, func(marker byte, seg []byte) bool {
		return marker == 0xe1 && len(seg) > 14 && string(seg[:6]) == "Exif\x00\x00"
	})
	if seg == nil {
		return 1
	}
	return exifOrientation(seg[6:])
}

// exifOrientation reads tag 274 from the first directory of the TIFF
// structure t (the body of an EXIF segment).
func exifOrientation(t []byte) int {
	var order binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		order = binary.LittleEndian
	case "MM":
		order = binary.BigEndian
	default:
		return 1
	}
	if e := ifdEntry(t, order, uint64(order.Uint32(t[4:])), 274, 3); e != nil {
		return int(order.Uint16(e[8:]))
	}
	return 1
}
