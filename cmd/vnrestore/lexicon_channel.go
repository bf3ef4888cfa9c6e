package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/vnarchive/vnrestore/diacritics/errmodel"
	"github.com/vnarchive/vnrestore/internal/atomicfile"
)

var channelFlags struct {
	out      string
	name     string
	goldCol  int
	ocrCol   int
	pageCol  int
	levelCol int
	levels   []string
	weights  []string
	exclude  string
	minCount float64
	refine   int
}

var channelCmd = &cobra.Command{
	Use:   "channel -o FILE [--gold-col N --ocr-col N] [--exclude-pages FILE] [--level L] TSV...",
	Short: "Train an OCR error model (channel) from aligned gold and OCR lines",
	Long: `channel learns how an OCR engine corrupts Vietnamese from a tab-separated
file of aligned lines (gold text and the engine's reading of it), and writes
the error model that restore's legacy and ocr modes decode with.

Columns are 1-based. The defaults read shared/synth/train/train.tsv's gold
and English-model (legacy) columns; --ocr-col 6 reads its Vietnamese-model
column instead. Rows whose page id (--page-col) is listed in
--exclude-pages are skipped, so held-out pages stay out of the model:

    vnrestore lexicon channel -o legacy.chan --exclude-pages data/synth-heldout.txt train.tsv
    vnrestore lexicon channel -o ocr.chan --name ocr --ocr-col 6 --exclude-pages data/synth-heldout.txt train.tsv

--weight LEVEL=N weighs the rows of a level N times as much; the embedded
legacy model weighs the heavy pages 3 times (make channels). --level keeps only
the rows of the given degradation levels (column --level-col), e.g. a
channel for badly degraded scans:

    vnrestore lexicon channel -o legacy-heavy.chan --name legacy-heavy --level heavy --exclude-pages data/synth-heldout.txt train.tsv`,
	Args: cobra.MinimumNArgs(1),
	RunE: func(cmd *cobra.Command, args []string) error {
		f := channelFlags
		if f.out == "" {
			return usageError{fmt.Errorf("channel needs -o FILE")}
		}
		if f.goldCol < 1 || f.ocrCol < 1 || f.pageCol < 0 || f.levelCol < 0 {
			return usageError{fmt.Errorf("columns are 1-based: --gold-col and --ocr-col must be at least 1")}
		}
		var exclude map[string]bool
		if f.exclude != "" {
			r, err := os.Open(f.exclude)
			if err != nil {
				return err
			}
			exclude, err = errmodel.ReadPageList(r)
			r.Close()
			if err != nil {
				return fmt.Errorf("%s: %w", f.exclude, err)
			}
		}
		cols := errmodel.TSVColumns{Page: f.pageCol - 1, Level: f.levelCol - 1, Gold: f.goldCol - 1, OCR: f.ocrCol - 1}
		sel := errmodel.Selection{ExcludePages: exclude}
		for _, w := range f.weights {
			level, n, ok := strings.Cut(w, "=")
			k, err := strconv.ParseFloat(n, 64)
			if !ok || err != nil || k < 0 || f.levelCol < 1 {
				return usageError{fmt.Errorf("--weight %q: want LEVEL=N with N a number ≥ 0, and a --level-col", w)}
			}
			if sel.Weights == nil {
				sel.Weights = make(map[string]float64)
			}
			sel.Weights[level] = k
		}
		if len(f.levels) > 0 {
			if f.levelCol < 1 {
				return usageError{fmt.Errorf("--level needs a --level-col")}
			}
			sel.Levels = make(map[string]bool)
			for _, l := range f.levels {
				sel.Levels[l] = true
			}
		}
		tr := errmodel.NewTrainer()
		rows := 0
		for _, name := range args {
			// AddTSV names the file and line in its errors
			var r io.Reader = cmd.InOrStdin()
			if name != "-" {
				f, err := os.Open(name)
				if err != nil {
					return err
				}
				defer f.Close()
				r = f
			} else {
				name = "<stdin>"
			}
			n, err := tr.AddTSV(r, name, cols, sel)
			rows += n
			if err != nil {
				return err
			}
		}
		if rows == 0 {
			return fmt.Errorf("no training rows in %v", args)
		}
		for range f.refine {
			tr.Refine()
		}
		p := tr.Params(f.name, f.minCount)
		if err := atomicfile.Write(f.out, func(w io.Writer) error {
			_, err := p.WriteTo(w)
			return err
		}); err != nil {
			return err
		}
		if !global.quiet {
			s := tr.Stats()
			fmt.Fprintf(cmd.ErrOrStderr(), "%s: %d rows, %d word pairs (%d read exactly), %d merges, %d splits, %d rules\n",
				f.out, rows, s.Pairs, s.Exact, s.Merges, s.Splits, len(p.Rules))
		}
		return nil
	},
}

// channelParent is the command channel hangs under: the "lexicon" command
// when another file of this package defined it (files initialise in name
// order, and this one sorts after lexicon.go), otherwise one made here.
var channelParent *cobra.Command

func init() {
	fl := channelCmd.Flags()
	fl.StringVarP(&channelFlags.out, "output", "o", "", "model file to write")
	fl.StringVar(&channelFlags.name, "name", "legacy", "name recorded in the model (legacy or ocr)")
	fl.IntVar(&channelFlags.goldCol, "gold-col", 5, "column of the gold text (1-based)")
	fl.IntVar(&channelFlags.ocrCol, "ocr-col", 7, "column of the OCR text (1-based)")
	fl.IntVar(&channelFlags.pageCol, "page-col", 1, "column of the page id, for --exclude-pages (0: none)")
	fl.IntVar(&channelFlags.levelCol, "level-col", 3, "column of the degradation level, for --level (0: none)")
	fl.StringSliceVar(&channelFlags.levels, "level", nil, "train only on rows of these levels (e.g. heavy)")
	fl.StringSliceVar(&channelFlags.weights, "weight", nil, "weigh the rows of a level, as LEVEL=N (e.g. heavy=3)")
	fl.StringVar(&channelFlags.exclude, "exclude-pages", "", "file listing page ids to leave out (first field of each line)")
	fl.Float64Var(&channelFlags.minCount, "min-count", 2, "drop multi-rune rules seen fewer times")
	fl.IntVar(&channelFlags.refine, "refine", 1, "realign the training pairs with the learned costs this many times (hard EM)")
	for _, c := range rootCmd.Commands() {
		if c.Name() == "lexicon" {
			channelParent = c
		}
	}
	if channelParent == nil {
		channelParent = &cobra.Command{Use: "lexicon", Short: "Build and inspect the language and error models"}
		rootCmd.AddCommand(channelParent)
	}
	channelParent.AddCommand(channelCmd)
}
