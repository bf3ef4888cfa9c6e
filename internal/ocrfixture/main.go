// Command ocrfixture makes the small images in testdata/ocr that the ocr
// package tests read:
//
//   - sample-scan.png: the first lines of synthetic page train-0005 (medium
//     degradation, 300 dpi), cropped from ../shared/synth/train, with its
//     gold text in sample-scan.gold.txt;
//   - header.png: a rendered two-column header of a Vietnamese directive
//     (DejaVu Serif), 200 dpi, with its text in reading order in
//     header.gold.txt.
//
// Run it from the repository root: go run ./internal/ocrfixture
package main

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"hash/crc32"
	"image"
	"image/draw"
	"image/png"
	"log"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

func main() {
	synth := flag.String("synth", "../shared/synth/train", "synthetic set directory")
	fontDir := flag.String("fonts", "/usr/share/fonts/truetype/dejavu", "directory of DejaVuSerif*.ttf")
	out := flag.String("out", "testdata/ocr", "output directory")
	flag.Parse()
	if err := sample(*synth, *out); err != nil {
		log.Fatal(err)
	}
	if err := header(*fontDir, *out); err != nil {
		log.Fatal(err)
	}
}

// sample crops the first six lines of train-0005.
func sample(synth, out string) error {
	const page, nLines = "train-0005", 6
	var m struct {
		Lines []struct {
			Box  [4]int `json:"bbox_300dpi_before_degradation"`
			Gold string `json:"gold"`
		} `json:"lines"`
	}
	data, err := os.ReadFile(filepath.Join(synth, "manifests", page+".json"))
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return err
	}
	f, err := os.Open(filepath.Join(synth, "images", page+".png"))
	if err != nil {
		return err
	}
	defer f.Close()
	img, err := png.Decode(bufio.NewReader(f))
	if err != nil {
		return err
	}
	x0, x1 := img.Bounds().Max.X, 0
	var gold []string
	for _, l := range m.Lines[:nLines] {
		x0, x1 = min(x0, l.Box[0]), max(x1, l.Box[2])
		gold = append(gold, l.Gold)
	}
	r := image.Rect(x0-40, m.Lines[0].Box[1]-50, x1+40, m.Lines[nLines-1].Box[3]+12)
	g := image.NewGray(image.Rect(0, 0, r.Dx(), r.Dy()))
	draw.Draw(g, g.Rect, img, r.Min, draw.Src)
	if err := writePNG(filepath.Join(out, "sample-scan.png"), g, 300); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "sample-scan.gold.txt"), []byte(strings.Join(gold, "\n")+"\n"), 0o644)
}

// header renders a directive's two-column header and title at 200 dpi.
func header(fontDir, out string) error {
	bold, err := loadFace(filepath.Join(fontDir, "DejaVuSerif-Bold.ttf"), 12, 200)
	if err != nil {
		return err
	}
	regular, err := loadFace(filepath.Join(fontDir, "DejaVuSerif.ttf"), 12, 200)
	if err != nil {
		return err
	}
	const w, h = 1654, 640 // A4 width at 200 dpi
	g := image.NewGray(image.Rect(0, 0, w, h))
	draw.Draw(g, g.Rect, image.White, image.Point{}, draw.Src)
	type text struct {
		s      string
		face   font.Face
		center int // x of the centre; 0: left margin
		y      int // baseline
	}
	left, right := 380, 1130
	texts := []text{
		{"ĐẢNG BỘ TỈNH BẮC NINH", regular, left, 110},
		{"ĐẢNG CỘNG SẢN VIỆT NAM", bold, right, 110},
		{"HUYỆN ỦY TIÊN DU", bold, left, 165},
		{"Số 12-CT/HU", regular, left, 250},
		{"Tiên Du, ngày 5 tháng 3 năm 2020", regular, right, 250},
		{"CHỈ THỊ", bold, w / 2, 400},
		{"về tăng cường công tác xây dựng Đảng trong tình hình mới", bold, w / 2, 460},
	}
	for _, t := range texts {
		d := &font.Drawer{Dst: g, Src: image.Black, Face: t.face}
		x := t.center - d.MeasureString(t.s).Round()/2
		d.Dot = fixed.P(x, t.y)
		d.DrawString(t.s)
	}
	gold := "ĐẢNG BỘ TỈNH BẮC NINH\nHUYỆN ỦY TIÊN DU\nSố 12-CT/HU\n" +
		"ĐẢNG CỘNG SẢN VIỆT NAM\nTiên Du, ngày 5 tháng 3 năm 2020\n" +
		"CHỈ THỊ\nvề tăng cường công tác xây dựng Đảng trong tình hình mới\n"
	if err := writePNG(filepath.Join(out, "header.png"), g, 200); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "header.gold.txt"), []byte(gold), 0o644)
}

func loadFace(path string, pt, dpi float64) (font.Face, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f, err := opentype.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return opentype.NewFace(f, &opentype.FaceOptions{Size: pt, DPI: dpi, Hinting: font.HintingFull})
}

// writePNG encodes g as PNG with a pHYs chunk giving its resolution.
func writePNG(path string, g *image.Gray, dpi float64) error {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, g); err != nil {
		return err
	}
	data := buf.Bytes()
	// Insert pHYs after IHDR (8-byte signature + 25-byte IHDR chunk).
	var phys bytes.Buffer
	body := make([]byte, 13)
	ppm := uint32(dpi/0.0254 + 0.5)
	binary.BigEndian.PutUint32(body, ppm)
	binary.BigEndian.PutUint32(body[4:], ppm)
	body[8] = 1 // metre
	binary.Write(&phys, binary.BigEndian, uint32(9))
	phys.WriteString("pHYs")
	phys.Write(body[:9])
	binary.Write(&phys, binary.BigEndian, crc32.ChecksumIEEE(append([]byte("pHYs"), body[:9]...)))
	out := append(append(append([]byte{}, data[:33]...), phys.Bytes()...), data[33:]...)
	return os.WriteFile(path, out, 0o644)
}
