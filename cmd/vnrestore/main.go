// Command vnrestore turns Vietnamese paper archives into faithful Unicode text:
// it restores lost diacritics, repairs legacy OCR output, OCRs scans and
// converts pre-Unicode encodings.
//
// Every subcommand lives in a file of its own in this directory and adds
// itself to the root command from an init function.
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"
)

// Exit codes shared by every subcommand.
const (
	exitOK     = 0 // everything worked
	exitFailed = 1 // some inputs failed; the others were processed
	exitUsage  = 2 // the command line was wrong
)

// globalFlags are the flags every subcommand understands.
type globalFlags struct {
	lexicon string // path of a model file; empty means the embedded default
	quiet   bool
}

var global globalFlags

var rootCmd = &cobra.Command{
	Use:   "vnrestore",
	Short: "Restore Vietnamese text: diacritics, legacy OCR, scans and legacy encodings",
	Long: `vnrestore turns Vietnamese paper archives into faithful Unicode text.

It restores diacritics in text typed without them, repairs legacy OCR output
whose marks became junk letters, OCRs scans with Tesseract and corrects the
result, and converts pre-Unicode encodings (TCVN3, VNI, VISCII, VIQR).`,
	SilenceUsage:  true,
	SilenceErrors: true,
}

func init() {
	rootCmd.PersistentFlags().StringVar(&global.lexicon, "lexicon", "", "language model file (default: the embedded model)")
	rootCmd.PersistentFlags().BoolVarP(&global.quiet, "quiet", "q", false, "no progress bar or summary on stderr")
}

// usageError marks an error caused by the command line rather than the input.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func main() {
	os.Exit(run(os.Args[1:]))
}

// run executes the command line args and returns the process exit code.
func run(args []string) int {
	rootCmd.SetArgs(args)
	rootCmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	err := rootCmd.Execute()
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(os.Stderr, "vnrestore:", err)
	var ue usageError
	var be batchError
	switch {
	case errors.As(err, &be):
		return exitFailed
	case errors.As(err, &ue), isCobraUsage(err):
		return exitUsage
	default:
		return exitFailed
	}
}
