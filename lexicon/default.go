package lexicon

import (
	_ "embed"
	"sync"
)

// defaultModel is the model built by `make lexicon` from the training part
// of the corpus (see data/devsplit.tsv).
//
//go:embed model/default.vnlm
var defaultModel []byte

var defaultOnce = sync.OnceValues(func() (*Model, error) { return Open(defaultModel) })

// Default returns the embedded default model, opened once and shared.
func Default() (*Model, error) { return defaultOnce() }
