package diacritics_test

import (
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/vnarchive/vnrestore/diacritics"
	"github.com/vnarchive/vnrestore/diacritics/errmodel"
	"github.com/vnarchive/vnrestore/lexicon"
)

// Restore text typed without diacritics. Codes, dates and punctuation come
// out as they went in.
func Example() {
	model, err := lexicon.Default()
	if err != nil {
		log.Fatal(err)
	}
	r, err := diacritics.New(model, diacritics.WithMode(diacritics.Plain))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(r.String("Thuc hien Huong dan so 108-HD/BTGTW cua Ban Tuyen giao"))
	// Output: Thực hiện Hướng dẫn số 108-HD/BTGTW của Ban Tuyên giáo
}

// Every token of the result says what the decoder did and how sure it was.
func ExampleRestorer_Restore() {
	model, _ := lexicon.Default()
	r, _ := diacritics.New(model, diacritics.WithMode(diacritics.Plain))
	res := r.Restore("xay dung Dang")
	for _, t := range res.Tokens {
		if t.Changed {
			fmt.Printf("%s → %s (best of %d readings)\n", t.Input, t.Output, len(t.Alts))
		}
	}
	// Output:
	// xay → xây (best of 5 readings)
	// dung → dựng (best of 5 readings)
	// Dang → Đảng (best of 5 readings)
}

// Repair the output of an OCR engine without Vietnamese with the learned
// legacy error model.
func ExampleWithLegacyChannel() {
	model, _ := lexicon.Default()
	ch, err := errmodel.Legacy()
	if err != nil {
		log.Fatal(err)
	}
	r, _ := diacritics.New(model, diacritics.WithMode(diacritics.Legacy), diacritics.WithLegacyChannel(ch))
	fmt.Println(r.String("quyet tam chinh tri cua cac cap, to chirc dang, can b0, dang vien"))
	// Output: quyết tâm chính trị của các cấp, tổ chức đảng, cán bộ, đảng viên
}

// Restore a stream in memory bounded by its longest line.
func ExampleRestorer_Copy() {
	model, _ := lexicon.Default()
	r, _ := diacritics.New(model, diacritics.WithMode(diacritics.Plain))
	if _, err := r.Copy(os.Stdout, strings.NewReader("CONG HOA XA HOI CHU NGHIA VIET NAM\nDoc lap - Tu do - Hanh phuc\n")); err != nil {
		log.Fatal(err)
	}
	// Output:
	// CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
	// Độc lập - Tự do - Hạnh phúc
}

// Restore a stream line by line with the details of each line: the lines
// are read as one text, as Copy reads them.
func ExampleRestorer_RestoreLines() {
	model, _ := lexicon.Default()
	r, _ := diacritics.New(model, diacritics.WithMode(diacritics.Plain))
	err := r.RestoreLines(strings.NewReader("Ke hoach so 121-KH/BTGTU\nve cong tac tuyen truyen\n"), func(res diacritics.Result) error {
		changed := 0
		for _, t := range res.Tokens {
			if t.Changed {
				changed++
			}
		}
		fmt.Printf("%s (%d words restored)\n", res.Text, changed)
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	// Output:
	// Kế hoạch số 121-KH/BTGTU (3 words restored)
	// về công tác tuyên truyền (5 words restored)
}
