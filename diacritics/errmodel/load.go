package errmodel

import (
	"bytes"
	"embed"
	"fmt"
	"os"
	"sync"
)

// The embedded models, trained by `make channels` on shared/synth/train
// without its held-out pages: legacy.chan from the English-model OCR
// (ocr_eng) of all levels, legacy-heavy.chan from that of the heavily
// degraded pages only (better on such scans, worse on clean ones), ocr.chan
// from the Vietnamese-model OCR (ocr_vie).
//
//go:embed model/*.chan
var embedded embed.FS

// Embedded returns the parameters of the embedded model name ("legacy",
// "legacy-heavy" or "ocr").
func Embedded(name string) (*Params, error) {
	data, err := embedded.ReadFile("model/" + name + ".chan")
	if err != nil {
		return nil, fmt.Errorf("errmodel: no embedded model %q", name)
	}
	p, err := ReadParams(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("errmodel: embedded model %q: %w", name, err)
	}
	return p, nil
}

// ReadFile reads the model file at path.
func ReadFile(path string) (*Params, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	p, err := ReadParams(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return p, nil
}

// Load returns the model from the file path or, when path is empty, the
// embedded model name, compiled with opts.
func Load(name, path string, opts Options) (*Model, error) {
	var p *Params
	var err error
	if path == "" {
		p, err = Embedded(name)
	} else {
		p, err = ReadFile(path)
	}
	if err != nil {
		return nil, err
	}
	return New(p, opts), nil
}

var (
	defaults   sync.Map // name → *Model
	defaultsMu sync.Mutex
)

// Legacy returns the shared channel of legacy OCR engines without
// Vietnamese support (marks turned into junk letters: "clang", "s6",
// "th6ng"), built from the embedded model on first use.
func Legacy() (*Model, error) { return shared("legacy") }

// OCR returns the shared channel of Tesseract's Vietnamese model (tone and
// mark slips: "khân" for "khẩn"), built from the embedded model on first
// use. Use its CandidatesConf with Tesseract's word confidence.
func OCR() (*Model, error) { return shared("ocr") }

func shared(name string) (*Model, error) {
	if m, ok := defaults.Load(name); ok {
		return m.(*Model), nil
	}
	defaultsMu.Lock()
	defer defaultsMu.Unlock()
	if m, ok := defaults.Load(name); ok {
		return m.(*Model), nil
	}
	m, err := Load(name, "", Options{})
	if err != nil {
		return nil, err
	}
	defaults.Store(name, m)
	return m, nil
}
