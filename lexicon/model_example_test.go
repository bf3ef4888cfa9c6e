package lexicon_test

import (
	"fmt"
	"log"

	"github.com/vnarchive/vnrestore/lexicon"
)

// Score two spellings of the same skeleton after "ủy ban nhân dân": the
// model prefers the word the training text uses there.
func ExampleModel_LogProb() {
	m, err := lexicon.Default()
	if err != nil {
		log.Fatal(err)
	}
	ctx := []lexicon.WordID{m.ID("<s>"), m.ID("ủy"), m.ID("ban")}
	good := m.LogProb(ctx, m.ID("nhân"))
	bad := m.LogProb(ctx, m.ID("nhẫn"))
	fmt.Println(good > bad)
	// Output: true
}

// Open a model from bytes, as the embedded default is opened; a file that
// is not a model gives an error, never a panic.
func ExampleOpen() {
	_, err := lexicon.Open([]byte("not a model"))
	fmt.Println(err)
	// Output: not a valid vnrestore lexicon model: wrong magic bytes
}
