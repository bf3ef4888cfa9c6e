package ocr

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"testing"
)

// TestMain leaves out the examples, whose output needs Tesseract's
// Vietnamese data, when the data is missing; the tests skip themselves.
func TestMain(m *testing.M) {
	flag.Parse()
	if err := checkLanguage(Options{Language: "vie"}); errors.Is(err, ErrNoLanguage) {
		if f := flag.Lookup("test.run"); f != nil && f.Value.String() == "" {
			fmt.Fprintln(os.Stderr, "ocr: no Vietnamese traineddata; examples skipped:", err)
			flag.Set("test.run", "^Test")
		}
	}
	os.Exit(m.Run())
}
