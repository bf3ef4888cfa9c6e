package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
	"github.com/vnarchive/vnrestore/internal/atomicfile"
	"github.com/vnarchive/vnrestore/lexicon"
)

var lexiconCasesOut string

var lexiconCasesCmd = &cobra.Command{
	Use:   "cases -o FILE INPUT...",
	Short: "Count how each syllable is capitalised (the case model)",
	Long: `cases counts, over training text, how often each syllable is written in
lower case, capitalised and in capitals away from the start of a sentence,
and writes the case model that restoration uses to tell names from words
(Nam/năm, Phật/phát). make lexicon builds it beside the n-gram model.`,
	Args: cobra.MinimumNArgs(1),
	RunE: func(cmd *cobra.Command, args []string) error {
		if lexiconCasesOut == "" {
			return usageError{fmt.Errorf("cases needs -o FILE")}
		}
		c := lexicon.NewCaseCounter()
		for _, in := range args {
			f, err := os.Open(in)
			if err != nil {
				return err
			}
			err = c.AddText(f)
			f.Close()
			if err != nil {
				return fmt.Errorf("%s: %w", in, err)
			}
		}
		return atomicfile.Write(lexiconCasesOut, func(w io.Writer) error {
			_, err := c.WriteTo(w)
			return err
		})
	},
}

func init() {
	lexiconCasesCmd.Flags().StringVarP(&lexiconCasesOut, "output", "o", "", "case model file to write")
	lexiconCmd.AddCommand(lexiconCasesCmd)
}
