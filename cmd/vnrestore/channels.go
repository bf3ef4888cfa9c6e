package main

import (
	"fmt"

	"github.com/vnarchive/vnrestore/diacritics"
	"github.com/vnarchive/vnrestore/diacritics/errmodel"
)

var chanFileFlags struct {
	legacy, ocr string
	weight      float32
}

func init() {
	restoreCmd.Flags().StringVar(&chanFileFlags.legacy, "legacy-channel", "", "error model of legacy OCR (default: the embedded one; retrain with vnrestore lexicon channel)")
	restoreCmd.Flags().Float32Var(&chanFileFlags.weight, "channel-weight", 1, "weight of the error model's log-probabilities against the language model's")
	restoreCmd.Flags().StringVar(&chanFileFlags.ocr, "ocr-channel", "", "error model of Tesseract's Vietnamese output (default: the embedded one)")
}

// channelOptions returns the channel options a restorer in mode needs: the
// legacy-OCR error model for legacy and auto, the Tesseract one for ocr and
// auto.
func channelOptions(mode diacritics.Mode) ([]diacritics.Option, error) {
	opts := []diacritics.Option{diacritics.WithChannelWeight(chanFileFlags.weight)}
	if mode == diacritics.Legacy || mode == diacritics.Auto {
		ch, err := errmodel.Load("legacy", chanFileFlags.legacy, errmodel.Options{MaxCandidates: 256, Beam: 8})
		if err != nil {
			return nil, fmt.Errorf("legacy channel: %w", err)
		}
		opts = append(opts, diacritics.WithLegacyChannel(ch))
	}
	if mode == diacritics.OCR || mode == diacritics.Auto {
		ch, err := errmodel.Load("ocr", chanFileFlags.ocr, errmodel.Options{})
		if err != nil {
			return nil, fmt.Errorf("OCR channel: %w", err)
		}
		opts = append(opts, diacritics.WithOCRChannel(ch))
	}
	return opts, nil
}
