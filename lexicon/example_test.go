package lexicon_test

import (
	"fmt"

	"github.com/vnarchive/vnrestore/lexicon"
)

func ExampleParseSyllable() {
	s, ok := lexicon.ParseSyllable("Thuỷ")
	fmt.Println(ok, s.Onset, s.Rime, s.Tone == lexicon.Hook)
	fmt.Println(s.Compose(lexicon.OldStyle), s.Compose(lexicon.NewStyle))
	_, ok = lexicon.ParseSyllable("Vănhóa")
	fmt.Println(ok)
	// Output:
	// true th uy true
	// Thủy Thuỷ
	// false
}

func ExampleSkeleton() {
	fmt.Println(lexicon.Skeleton("Đảng"), lexicon.Key("Hoà"), lexicon.Candidates("quoc"))
	// Output: dang hòa [quốc quộc]
}

func ExampleTokenize() {
	for _, t := range lexicon.Tokenize("Kế hoạch số 121-KH/BTGTU, ngày 5/3/2021") {
		fmt.Printf("%s:%q ", t.Kind, t.Text)
	}
	fmt.Println()
	// Output: word:"Kế" space:" " word:"hoạch" space:" " word:"số" space:" " code:"121-KH/BTGTU" punct:"," space:" " word:"ngày" space:" " date:"5/3/2021"
}
