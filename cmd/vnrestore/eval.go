package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/vnarchive/vnrestore/internal/evaluate"
	"github.com/vnarchive/vnrestore/lexicon"
)

var evalFlags struct {
	ref, hyp string
	json     bool
}

var evalCmd = &cobra.Command{
	Use:   "eval --ref GOLD [--hyp HYP]",
	Short: "Score restored or OCR'd text against a reference",
	Long: `eval prints syllable accuracy, WER and CER of a hypothesis against a reference,
also diacritic-blind. Lines are paired in order when both files have as many;
otherwise the texts are aligned as a whole. The hypothesis is read from
standard input when --hyp is not given:

    vnrestore strip < gold.txt | vnrestore restore | vnrestore eval --ref gold.txt`,
	Args: cobra.NoArgs,
	RunE: func(cmd *cobra.Command, _ []string) error {
		if evalFlags.ref == "" {
			return usageError{fmt.Errorf("eval needs --ref FILE")}
		}
		ref, err := os.ReadFile(evalFlags.ref)
		if err != nil {
			return err
		}
		var hyp []byte
		if evalFlags.hyp == "" || evalFlags.hyp == "-" {
			hyp, err = io.ReadAll(cmd.InOrStdin())
		} else {
			hyp, err = os.ReadFile(evalFlags.hyp)
		}
		if err != nil {
			return err
		}
		s, err := evaluate.Texts(string(ref), string(hyp))
		if err != nil {
			return fmt.Errorf("%s: %w", evalFlags.ref, err)
		}
		out := cmd.OutOrStdout()
		if evalFlags.json {
			enc := json.NewEncoder(out)
			enc.SetIndent("", "  ")
			return enc.Encode(map[string]any{
				"lines": s.Lines, "syllables": s.Syllables, "syllable_accuracy": s.SyllableAccuracy(),
				"words": s.Words, "wer": s.WER(), "cer": s.CER(),
				"wer_diacritic_blind": s.BlindWER(), "cer_diacritic_blind": s.BlindCER(),
			})
		}
		fmt.Fprintf(out, "lines              %d\n", s.Lines)
		fmt.Fprintf(out, "syllable accuracy  %.2f%%  (%d of %d word tokens)\n", 100*s.SyllableAccuracy(), s.SyllablesCorrect, s.Syllables)
		fmt.Fprintf(out, "WER                %.4f  (diacritic-blind %.4f, %d reference words)\n", s.WER(), s.BlindWER(), s.Words)
		fmt.Fprintf(out, "CER                %.4f  (diacritic-blind %.4f, %d reference characters)\n", s.CER(), s.BlindCER(), s.Chars)
		return nil
	},
}

var stripCmd = &cobra.Command{
	Use:   "strip [FILE...]",
	Short: "Remove Vietnamese diacritics (to make test inputs)",
	Long: `strip writes its input with every tone and letter mark removed and đ written d;
nothing else changes. Inputs and outputs work as for restore.`,
	RunE: func(cmd *cobra.Command, args []string) error {
		return runBatch(cmd, args, stripOutput, func(w io.Writer, r io.Reader) error {
			return streamLines(r, w, lexicon.StripMarks)
		})
	},
}

var stripOutput string

func init() {
	evalCmd.Flags().StringVar(&evalFlags.ref, "ref", "", "reference (gold) text file")
	evalCmd.Flags().StringVar(&evalFlags.hyp, "hyp", "", "hypothesis text file (default: standard input)")
	evalCmd.Flags().BoolVar(&evalFlags.json, "json", false, "print the figures as JSON")
	stripCmd.Flags().StringVarP(&stripOutput, "output", "o", "", "output file (one input) or directory (several inputs)")
	rootCmd.AddCommand(evalCmd, stripCmd)
}
