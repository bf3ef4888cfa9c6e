package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/vnarchive/vnrestore/internal/atomicfile"
	"github.com/vnarchive/vnrestore/vnenc"
	"golang.org/x/text/encoding"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

var convertFlags struct {
	from    string
	to      string
	out     string
	perLine bool
}

var convertCmd = &cobra.Command{
	Use:   "convert [--from auto|tcvn3|tcvn3caps|vni|viscii|cp1258|viqr] [-o OUT] [FILE...]",
	Short: "Convert legacy Vietnamese encodings (TCVN3, VNI, VISCII, CP1258, VIQR) and mojibake to Unicode",
	Long: `convert writes its input as Unicode (UTF-8, NFC).

With --from auto (the default) it detects the encoding of each input: one of
the legacy encodings, their mojibake (legacy bytes shown through Windows-1252
or Latin-1 and saved as UTF-8, such as "§¶ng Céng s¶n" or "Ñaûng Coäng"), or
Unicode already, which passes unchanged. The verdict and its confidence go
to standard error. --per-line detects every line on its own, for files that
mix encodings.

A known source can be given as mojibake too: --from tcvn3+mojibake.
--to ENC writes a legacy encoding (or its +mojibake) instead of Unicode, to
make test inputs; a character ENC lacks is an error.
tcvn3caps reads TCVN3 set in the capital .VnTimeH fonts, which store
capitals with lower-case codes: it upper-cases every letter.

Without FILE it reads standard input and writes standard output. -o names
the output file; with several inputs (or when OUT is a directory) each
input is written to OUT/<input path>. Files are written atomically. A file
that cannot be read or is not text is reported and skipped; the command
then exits with status 1.`,
	RunE: runConvert,
}

func init() {
	convertCmd.Flags().StringVar(&convertFlags.from, "from", "auto", "source encoding: auto, tcvn3, tcvn3caps, vni, viscii, cp1258 or viqr; add +mojibake for its Windows-1252 mojibake (tcvn3+mojibake)")
	convertCmd.Flags().StringVarP(&convertFlags.out, "output", "o", "", "output file, or directory for several inputs (default: standard output)")
	convertCmd.Flags().BoolVar(&convertFlags.perLine, "per-line", false, "detect the encoding of each line on its own")
	convertCmd.Flags().StringVar(&convertFlags.to, "to", "", "write this legacy encoding instead of Unicode (to make test inputs); a character it lacks is an error")
	rootCmd.AddCommand(convertCmd)
}

// lookupForm returns the encoding a --from or --to value names: an
// encoding, or with "+mojibake" its bytes shown through Windows-1252.
func lookupForm(name string) (encoding.Encoding, error) {
	name, mojibake := strings.CutSuffix(name, "+mojibake")
	e, err := vnenc.Lookup(name)
	switch {
	case err != nil:
		return nil, err
	case mojibake:
		return vnenc.Mojibake(e), nil
	}
	return e, nil
}

func runConvert(cmd *cobra.Command, args []string) error {
	var to, from encoding.Encoding
	var err error
	if convertFlags.to != "" {
		if to, err = lookupForm(convertFlags.to); err != nil {
			return usageError{err}
		}
	}
	if convertFlags.from != "auto" {
		if from, err = lookupForm(convertFlags.from); err != nil {
			return usageError{err}
		}
	}
	if len(args) == 0 {
		args = []string{"-"}
	}
	toDir := false
	if convertFlags.out != "" {
		st, err := os.Stat(convertFlags.out)
		toDir = len(args) > 1 || err == nil && st.IsDir() || strings.HasSuffix(convertFlags.out, string(os.PathSeparator))
		if toDir && err == nil && !st.IsDir() {
			return usageError{fmt.Errorf("-o %s: not a directory, and there are %d inputs", convertFlags.out, len(args))}
		}
	}
	stderr := cmd.ErrOrStderr()
	var failed []string
	for _, name := range args {
		if err := convertOne(cmd, name, from, to, toDir); err != nil {
			fmt.Fprintf(stderr, "vnrestore: %v\n", err)
			failed = append(failed, name)
		}
	}
	if len(failed) > 0 {
		if len(args) > 1 {
			fmt.Fprintf(stderr, "vnrestore: failed: %s\n", strings.Join(failed, ", "))
		}
		return batchError{failed: len(failed), total: len(args)}
	}
	return nil
}

// convertOne converts one input and writes it where the flags say. Errors
// name the input.
func convertOne(cmd *cobra.Command, name string, from, to encoding.Encoding, toDir bool) error {
	display := name
	var data []byte
	var err error
	if name == "-" {
		display = "<stdin>"
		data, err = io.ReadAll(cmd.InOrStdin())
	} else {
		data, err = os.ReadFile(name)
	}
	if err != nil {
		return err // os errors name the file already
	}
	out, verdict, err := convertBytes(data, from, convertFlags.perLine)
	if err != nil {
		return fmt.Errorf("%s: %w", display, err)
	}
	if to != nil {
		if out, err = to.NewEncoder().Bytes(out); err != nil {
			return fmt.Errorf("%s: encoding as %s: %w", display, convertFlags.to, err)
		}
	}
	if !global.quiet {
		fmt.Fprintf(cmd.ErrOrStderr(), "%s: %s\n", display, verdict)
	}
	write := func(w io.Writer) error { _, err := w.Write(out); return err }
	switch {
	case convertFlags.out == "":
		err = write(cmd.OutOrStdout())
	case toDir:
		if name == "-" {
			return fmt.Errorf("<stdin>: cannot mirror standard input into a directory; use a file name")
		}
		err = atomicfile.Write(filepath.Join(convertFlags.out, mirrorPath(name)), write)
	default:
		err = atomicfile.Write(convertFlags.out, write)
	}
	if err != nil {
		return fmt.Errorf("%s: writing the output: %w", display, err)
	}
	return nil
}

// convertBytes converts data from the given encoding, or detects it when
// from is nil, and describes what it did.
func convertBytes(data []byte, from encoding.Encoding, perLine bool) ([]byte, string, error) {
	if vnenc.IsBinary(data) {
		return nil, "", vnenc.ErrBinary
	}
	if from != nil {
		out, _, err := transform.Bytes(from.NewDecoder(), data)
		if err == nil && !norm.NFC.IsNormal(out) {
			out = norm.NFC.Bytes(out) // VIQR passes other characters through as they are
		}
		return out, convertFlags.from + " (given)", err
	}
	if !perLine {
		out, d, err := vnenc.DecodeAuto(data)
		return out, d.String(), err
	}
	out, ds, err := vnenc.DecodeAutoLines(data)
	if err != nil {
		return nil, "", err
	}
	counts := map[string]int{}
	for _, d := range ds {
		counts[d.Name()]++
	}
	var parts []string
	for name, n := range counts {
		parts = append(parts, fmt.Sprintf("%s %d", name, n))
	}
	sort.Strings(parts)
	return out, "lines: " + strings.Join(parts, ", "), nil
}
