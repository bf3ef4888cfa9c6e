package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strings"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"github.com/vnarchive/vnrestore/internal/atomicfile"
	"github.com/vnarchive/vnrestore/lexicon"
	"golang.org/x/term"
)

var lexiconCmd = &cobra.Command{
	Use:   "lexicon",
	Short: "Build, describe and evaluate n-gram language models",
}

var lexiconBuildFlags struct {
	output   string
	order    int
	domain   []string
	general  []string
	minCount int
	prune    []uint
	lambda   float64
	glambda  float64
	one      bool
}

var lexiconBuildCmd = &cobra.Command{
	Use:   "build -o FILE [--order N] [--domain FILE]... [--general FILE]... [INPUT...]",
	Short: "Build a model from text files (one paragraph per line)",
	Long: `Build an interpolated modified Kneser-Ney n-gram model.

With --domain and --general files (plain INPUT files count as general text),
a domain model and a general model are built and interpolated into one,
with the domain weight chosen by perplexity on a held-out slice of the
domain text. With only one kind of text a single model is built.`,
	RunE: runLexiconBuild,
}

var lexiconInfoCmd = &cobra.Command{
	Use:   "info [FILE]",
	Short: "Describe a model (default: the --lexicon model or the embedded one)",
	Args:  cobra.MaximumNArgs(1),
	RunE:  runLexiconInfo,
}

var lexiconPPLCmd = &cobra.Command{
	Use:   "ppl [--lexicon FILE] TEXTFILE...",
	Short: "Print the perplexity and OOV rate of a model on text files",
	Args:  cobra.MinimumNArgs(1),
	RunE:  runLexiconPPL,
}

func init() {
	f := lexiconBuildCmd.Flags()
	f.StringVarP(&lexiconBuildFlags.output, "output", "o", "", "model file to write (required)")
	f.IntVar(&lexiconBuildFlags.order, "order", lexicon.DefaultOrder, "n-gram order (2 to 4)")
	f.StringArrayVar(&lexiconBuildFlags.domain, "domain", nil, "in-domain text file (repeatable)")
	f.StringArrayVar(&lexiconBuildFlags.general, "general", nil, "general text file (repeatable)")
	f.IntVar(&lexiconBuildFlags.minCount, "min-count", lexicon.DefaultMinCount, "keep non-syllable words seen at least this often")
	f.UintSliceVar(&lexiconBuildFlags.prune, "prune", nil, "per order, largest count of the general n-grams dropped (default 0,0,1,1,...)")
	f.Float64Var(&lexiconBuildFlags.lambda, "lambda", 0, "fixed domain weight in (0,1) instead of tuning it")
	f.Float64Var(&lexiconBuildFlags.glambda, "general-lambda", 0, "fixed domain weight of the general variant in (0,1) instead of tuning it")
	f.BoolVar(&lexiconBuildFlags.one, "one-variant", false, "build the domain variant alone (a smaller file for administrative text)")
	lexiconBuildCmd.MarkFlagRequired("output")
	lexiconCmd.AddCommand(lexiconBuildCmd, lexiconInfoCmd, lexiconPPLCmd)
	rootCmd.AddCommand(lexiconCmd)
}

func runLexiconBuild(cmd *cobra.Command, args []string) error {
	fl := lexiconBuildFlags
	if len(fl.domain)+len(fl.general)+len(args) == 0 {
		return usageError{errors.New("lexicon build: no input files")}
	}
	opts := lexicon.BuildOptions{
		Order:    fl.order,
		Domain:   fl.domain,
		General:  append(append([]string(nil), fl.general...), args...),
		MinCount: fl.minCount,
		Lambda:   fl.lambda,

		GeneralLambda: fl.glambda,
		OneVariant:    fl.one,
	}
	if fl.order < 2 || fl.order > lexicon.MaxOrder {
		return usageError{fmt.Errorf("--order %d: want 2 to %d", fl.order, lexicon.MaxOrder)}
	}
	for _, p := range fl.prune {
		opts.Prune = append(opts.Prune, uint32(p))
	}
	interactive := !global.quiet && term.IsTerminal(int(os.Stderr.Fd()))
	var bar *progressbar.ProgressBar
	if interactive {
		bar = progressbar.NewOptions64(-1,
			progressbar.OptionSetWriter(os.Stderr),
			progressbar.OptionSetDescription("reading"),
			progressbar.OptionShowBytes(true),
			progressbar.OptionClearOnFinish())
		opts.Progress = func(done, total int64) {
			bar.ChangeMax64(total)
			bar.Set64(done)
		}
	}
	if !global.quiet {
		opts.Logf = func(format string, a ...any) {
			if bar != nil {
				bar.Clear()
			}
			fmt.Fprintf(os.Stderr, "lexicon build: "+format+"\n", a...)
		}
	}
	data, err := lexicon.Build(opts)
	if bar != nil {
		bar.Finish()
	}
	if err != nil {
		return err
	}
	if err := atomicfile.Write(fl.output, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}); err != nil {
		return err
	}
	// A model is data to share, not a secret: readable by all like any
	// other build output.
	if err := os.Chmod(fl.output, 0o644); err != nil {
		return err
	}
	if !global.quiet {
		fmt.Fprintf(os.Stderr, "lexicon build: wrote %s (%d bytes)\n", fl.output, len(data))
	}
	return nil
}

// openLexicon opens the model named by path, by --lexicon, or the embedded
// default, in that order of preference.
func openLexicon(path string) (*lexicon.Model, error) {
	if path == "" {
		path = global.lexicon
	}
	if path == "" {
		return lexicon.Default()
	}
	return lexicon.OpenFile(path)
}

func runLexiconInfo(cmd *cobra.Command, args []string) error {
	path := ""
	if len(args) == 1 {
		path = args[0]
	}
	m, err := openLexicon(path)
	if err != nil {
		return err
	}
	defer m.Close()
	name := path
	if name == "" {
		name = global.lexicon
	}
	if name == "" {
		name = "(embedded default)"
	}
	printInfo(cmd.OutOrStdout(), name, m.Info())
	return nil
}

func printInfo(w io.Writer, name string, in lexicon.Info) {
	fmt.Fprintf(w, "model:        %s\n", name)
	fmt.Fprintf(w, "format:       version %d, built by %s\n", in.FormatVersion, in.Builder)
	fmt.Fprintf(w, "size:         %d bytes (%.1f MB)\n", in.FileSize, float64(in.FileSize)/1e6)
	fmt.Fprintf(w, "order:        %d\n", in.Order)
	for k, c := range in.Counts {
		fmt.Fprintf(w, "%d-grams:      %d\n", k+1, c)
	}
	fmt.Fprintf(w, "vocabulary:   %d words (non-syllable words seen fewer than %d times dropped)\n", in.VocabSize, in.MinCount)
	fmt.Fprintf(w, "quantization: %s\n", in.Quantization)
	fmt.Fprintf(w, "pruning:      general %v", in.Prune)
	if in.DomainPrune != nil {
		fmt.Fprintf(w, ", domain %v", in.DomainPrune)
	}
	fmt.Fprintln(w, " (per order, largest count dropped)")
	if in.Lambda > 0 {
		fmt.Fprintf(w, "domain weight: %.3f", in.Lambda)
		if len(in.Variants) > 1 {
			fmt.Fprint(w, " (domain variant)")
		}
		fmt.Fprintln(w)
		if t := in.Tuning; t != nil {
			fmt.Fprintf(w, "  tuned on held-out domain text: %d of its syllables have other candidates with the same skeleton; %.2f%% ranked first\n", t.Ambiguous, 100*t.Accuracy)
			fmt.Fprintf(w, "  perplexity on %d tokens: %.2f mixed, %.2f domain only, %.2f general only (weight %.2f would give %.2f, %.2f%% ranked first)\n",
				t.Tokens, t.MixPPL, t.DomainPPL, t.GeneralPPL, t.PPLLambda, t.PPLLambdaPPL, 100*t.PPLLambdaAccuracy)
		}
	}
	for _, v := range in.Variants[min(1, len(in.Variants)):] {
		fmt.Fprintf(w, "domain weight: %.3f (%s variant)\n", v.DomainWeight, v.Name)
	}
	if len(in.Variants) > 1 {
		if t := in.GeneralTuning; t != nil {
			fmt.Fprintf(w, "  tuned on held-out general text: %d of its syllables have other candidates with the same skeleton; %.2f%% ranked first\n", t.Ambiguous, 100*t.Accuracy)
		}
		if split, ok := in.DomainSplit(); ok {
			fmt.Fprintf(w, "  log10 P(word) domain over general variant, per word: %.4f on domain text, %.4f on general text (text reads as domain text above %.4f)\n", in.VariantMeans[0], in.VariantMeans[1], split)
		}
	}
	style := "old (hòa, thủy)"
	if in.ToneStyle.Preferred() == lexicon.NewStyle {
		style = "new (hoà, thuỷ)"
	}
	fmt.Fprintf(w, "tone style:   %s most frequent: old %d, new %d syllables\n", style, in.ToneStyle.Old, in.ToneStyle.New)
	fmt.Fprintln(w, "corpora:")
	for _, c := range in.Corpora {
		fmt.Fprintf(w, "  %-10s %-8s %10d bytes %8d lines %10d tokens  sha256 %s\n", c.Name, c.Role, c.Bytes, c.Lines, c.Tokens, c.SHA256)
	}
}

func runLexiconPPL(cmd *cobra.Command, args []string) error {
	m, err := openLexicon("")
	if err != nil {
		return err
	}
	defer m.Close()
	failed := 0
	var all lexicon.Perplexity
	for _, path := range args {
		p, err := pplFile(m, path)
		if err != nil {
			fmt.Fprintln(os.Stderr, "vnrestore:", err)
			failed++
			continue
		}
		all.Add(p)
		printPPL(cmd.OutOrStdout(), path, p)
	}
	if len(args) > 1 && failed < len(args) {
		printPPL(cmd.OutOrStdout(), "total", all)
	}
	if failed > 0 {
		return batchError{failed, len(args)}
	}
	return nil
}

func pplFile(m *lexicon.Model, path string) (lexicon.Perplexity, error) {
	f, err := os.Open(path)
	if err != nil {
		return lexicon.Perplexity{}, err
	}
	defer f.Close()
	var p lexicon.Perplexity
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) != "" {
			p.Add(m.SentencePerplexity(sc.Text()))
		}
	}
	if err := sc.Err(); err != nil {
		return p, fmt.Errorf("%s: %w", path, err)
	}
	return p, nil
}

func printPPL(w io.Writer, name string, p lexicon.Perplexity) {
	fmt.Fprintf(w, "%s: %d sentences, %d tokens, %d OOV (%.2f%%), perplexity %.2f (without OOVs)\n",
		name, p.Sentences, p.Tokens, p.OOV, 100*float64(p.OOV)/math.Max(1, float64(p.Tokens)), p.PPL())
}
