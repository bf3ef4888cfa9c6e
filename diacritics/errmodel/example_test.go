package errmodel_test

import (
	"fmt"

	"github.com/vnarchive/vnrestore/diacritics/errmodel"
)

// A legacy OCR engine without Vietnamese support read "tổ chức" as
// "T6 chitc"; the legacy channel proposes the syllables it may stand for.
func ExampleModel_Candidates() {
	ch, err := errmodel.Legacy()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, tok := range []string{"T6", "chitc"} {
		c := ch.Candidates(tok, nil)
		fmt.Printf("%s: %s %s %s ... (%d readings)\n", tok, c[0].Text, c[1].Text, c[2].Text, len(c))
	}
	// Output:
	// T6: tổ tố tó ... (16 readings)
	// chitc: chức chúc chữa ... (4 readings)
}
