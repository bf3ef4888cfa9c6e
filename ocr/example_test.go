package ocr_test

import (
	"context"
	"fmt"
	"log"

	"github.com/vnarchive/vnrestore/ocr"
)

// The engine is created once and shared; here it reads the rendered header
// of a directive, whose two columns come out one after the other. (The
// example runs only where Tesseract's Vietnamese data is installed.)
func Example() {
	eng, err := ocr.NewEngine(ocr.Options{Language: "vie", Jobs: 2})
	if err != nil {
		log.Fatal(err) // e.g. ocr.ErrNoLanguage: install tesseract-ocr-vie
	}
	defer eng.Close()
	doc, err := eng.RecognizeFile(context.Background(), "../testdata/ocr/header.png")
	if err != nil {
		log.Fatal(err)
	}
	for _, b := range doc.Pages[0].Blocks {
		for _, l := range b.Lines {
			fmt.Println(l.Text())
		}
		fmt.Println("--")
	}
	// Output:
	// ĐẢNG BỘ TỈNH BẮC NINH
	// HUYỆN ỦY TIÊN DU
	// Số 12-CT/HU
	// --
	// ĐẢNG CỘNG SẢN VIỆT NAM
	// Tiên Du, ngày 5 tháng 3 năm 2020
	// --
	// CHỈ THỊ
	// về tăng cường công tác xây dựng Đảng trong tình hình mới
	// --
}

// The correction `vnrestore ocr` applies, over the embedded language model,
// is created once and given to the engine, which calls it from every
// worker; each word keeps what Tesseract read next to the corrected text.
// (No output is checked: the example needs Tesseract's Vietnamese data.)
func ExampleNewLexiconCorrector() {
	c, err := ocr.NewLexiconCorrector(nil) // nil: the embedded language model
	if err != nil {
		log.Fatal(err)
	}
	eng, err := ocr.NewEngine(ocr.Options{Corrector: c})
	if err != nil {
		log.Fatal(err)
	}
	defer eng.Close()
	doc, err := eng.RecognizeFile(context.Background(), "scan.png")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(doc.Text())
	for _, p := range doc.Pages {
		for _, b := range p.Blocks {
			for _, l := range b.Lines {
				for _, w := range l.Words {
					if w.Changed {
						fmt.Printf("%q → %q\n", w.Raw, w.Text)
					}
				}
			}
		}
	}
}
