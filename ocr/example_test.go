package ocr_test

import (
	"context"
	"fmt"
	"log"

	"github.com/vnarchive/vnrestore/ocr"
)

// The engine is created once and shared; here it reads the rendered header
// of a directive, whose two columns come out one after the other. (The
// example has no checked output because it needs Tesseract's Vietnamese
// data; TestTwoColumnHeaderReadingOrder checks the same text.)
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
}
