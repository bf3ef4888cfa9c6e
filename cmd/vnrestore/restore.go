package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/vnarchive/vnrestore/diacritics"
	"github.com/vnarchive/vnrestore/lexicon"
	"github.com/vnarchive/vnrestore/vnenc"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

var restoreFlags struct {
	mode    string
	output  string
	format  string
	beam    int
	thresh  float32
	order   int
	style   string
	variant string
}

var restoreCmd = &cobra.Command{
	Use:   "restore [FILE...]",
	Short: "Restore diacritics and repair legacy OCR text",
	Long: `restore puts back the diacritics of Vietnamese text and repairs OCR output.

Modes: plain (text typed without diacritics), legacy (OCR by engines without
Vietnamese: "s6" = "số", "chirc" = "chức"), ocr (Tesseract-Vietnamese slips: "khân" =
"khẩn"), auto (the default: decides per line; accented lines are corrected as
OCR output; a file in a legacy encoding such as TCVN3 or VNI is converted to
Unicode first, and its accented lines are then kept as typed). Only words change: numbers, codes, dates, punctuation, white
space and line ends come out as they went in, and there are as many lines out
as in. Invalid UTF-8 is passed through byte for byte.

With no FILE, reads standard input and writes standard output. With -o and
one input, writes that file; with -o and several inputs, -o names a directory
that receives each output under the input's name. Outputs are written
atomically; a failed input is reported and the others are still processed.`,
	RunE: runRestore,
}

func init() {
	f := restoreCmd.Flags()
	f.StringVar(&restoreFlags.mode, "mode", "auto", "auto, plain, legacy or ocr")
	f.StringVarP(&restoreFlags.output, "output", "o", "", "output file (one input) or directory (several inputs)")
	f.StringVar(&restoreFlags.format, "format", "txt", "txt, or json for per-token details")
	f.IntVar(&restoreFlags.beam, "beam", 16, "hypotheses kept per word")
	f.Float32Var(&restoreFlags.thresh, "threshold", 3, "drop hypotheses more than this many log10 units below the best (0: off)")
	f.IntVar(&restoreFlags.order, "order", 0, "1: pick each word's most frequent reading, ignoring context (the baseline); 0: the model's full order")
	f.StringVar(&restoreFlags.style, "tone-style", "old", "tone placement in oa, oe, uy: old (hòa) or new (hoà)")
	f.StringVar(&restoreFlags.variant, "variant", "auto", "language model variant: auto (follows the text), domain (administrative, legal) or general")
	rootCmd.AddCommand(restoreCmd)
}

func runRestore(cmd *cobra.Command, args []string) error {
	mode, err := diacritics.ParseMode(restoreFlags.mode)
	if err != nil {
		return usageError{err}
	}
	if restoreFlags.format != "txt" && restoreFlags.format != "json" {
		return usageError{fmt.Errorf("--format %q: want txt or json", restoreFlags.format)}
	}
	style := lexicon.OldStyle
	switch restoreFlags.style {
	case "old":
	case "new":
		style = lexicon.NewStyle
	default:
		return usageError{fmt.Errorf("--tone-style %q: want old or new", restoreFlags.style)}
	}
	variant := diacritics.AutoVariant
	switch restoreFlags.variant {
	case "auto":
	case "domain":
		variant = diacritics.DomainVariant
	case "general":
		variant = diacritics.GeneralVariant
	default:
		return usageError{fmt.Errorf("--variant %q: want auto, domain or general", restoreFlags.variant)}
	}
	model, err := loadModel()
	if err != nil {
		return err
	}
	opts := []diacritics.Option{diacritics.WithMode(mode), diacritics.WithBeam(restoreFlags.beam), diacritics.WithOrder(restoreFlags.order), diacritics.WithThreshold(restoreFlags.thresh), diacritics.WithToneStyle(style), diacritics.WithVariant(variant)}
	chans, err := channelOptions(mode)
	if err != nil {
		return err
	}
	opts = append(opts, chans...)
	r, err := diacritics.New(model, opts...)
	if err != nil {
		return usageError{err}
	}
	// A file converted from a legacy encoding was typed, not OCR'd: its
	// accented lines are left as they are rather than corrected as OCR.
	// Only auto mode converts (see unicodeInput).
	typed := r
	if mode == diacritics.Auto {
		if typed, err = r.WithoutOCRChannel(); err != nil {
			return err
		}
	}
	process := func(dst io.Writer, src io.Reader) error {
		src, converted, err := unicodeInput(cmd, src, mode)
		if err != nil {
			return err
		}
		r := r
		if converted {
			r = typed
		}
		if restoreFlags.format == "json" {
			return restoreJSON(r, dst, src)
		}
		_, err = r.Copy(dst, src)
		return err
	}
	return runBatch(cmd, args, restoreFlags.output, process)
}

// unicodeInput returns src as NFC Unicode. In auto mode a file in a legacy
// encoding (TCVN3, VNI, VISCII, CP1258, VIQR) or its mojibake is detected
// from its first 64 KiB and converted (converted is then true), and the
// conversion is reported on stderr; binary data is refused. Bytes that are
// not valid UTF-8 in a Unicode text pass through as they are.
func unicodeInput(cmd *cobra.Command, src io.Reader, mode diacritics.Mode) (_ io.Reader, converted bool, _ error) {
	if mode != diacritics.Auto {
		return norm.NFC.Reader(src), false, nil
	}
	br := bufio.NewReaderSize(src, 64<<10)
	head, err := br.Peek(64 << 10)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, false, err
	}
	if vnenc.IsBinary(head) {
		return nil, false, vnenc.ErrBinary
	}
	det := vnenc.Detect(head)
	if !det.Converts() {
		return norm.NFC.Reader(br), false, nil
	}
	if !global.quiet {
		fmt.Fprintf(cmd.ErrOrStderr(), "vnrestore: input decoded from %s\n", det)
	}
	return transform.NewReader(br, det.NewDecoder()), true, nil
}

// restoreJSON writes one JSON object per input line with the details of
// every token.
func restoreJSON(r *diacritics.Restorer, dst io.Writer, src io.Reader) error {
	enc := json.NewEncoder(dst)
	enc.SetEscapeHTML(false)
	return r.RestoreLines(src, func(res diacritics.Result) error {
		type token struct {
			Kind         string                   `json:"kind"`
			Input        string                   `json:"input"`
			Output       string                   `json:"output"`
			Changed      bool                     `json:"changed,omitempty"`
			Confidence   float64                  `json:"confidence"`
			Alternatives []diacritics.Alternative `json:"alternatives,omitempty"`
		}
		out := struct {
			Text   string  `json:"text"`
			Mode   string  `json:"mode"`
			Tokens []token `json:"tokens"`
		}{Text: res.Text, Mode: diacritics.Auto.String()}
		for _, t := range res.Tokens {
			if t.Kind == lexicon.Space || t.Kind == lexicon.Newline {
				continue
			}
			out.Mode = t.Mode.String()
			out.Tokens = append(out.Tokens, token{t.Kind.String(), t.Input, t.Output, t.Changed, t.Confidence, t.Alts})
		}
		return enc.Encode(out)
	})
}

// loadModel opens the model named by --lexicon, or the embedded default.
func loadModel() (*lexicon.Model, error) {
	if global.lexicon == "" {
		return lexicon.Default()
	}
	m, err := lexicon.OpenFile(global.lexicon)
	if err != nil {
		return nil, fmt.Errorf("--lexicon %s: %w", global.lexicon, err)
	}
	return m, nil
}
