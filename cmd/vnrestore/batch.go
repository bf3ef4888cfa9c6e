package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/vnarchive/vnrestore/internal/atomicfile"
)

// runBatch runs process over the inputs: standard input to standard output
// when there are none, else each file to its output (see restore's help).
// A failing input is reported on stderr and the batch goes on; the error
// returned then says how many failed.
func runBatch(cmd *cobra.Command, args []string, output string, process func(io.Writer, io.Reader) error) error {
	if len(args) == 0 || (len(args) == 1 && args[0] == "-") {
		if output == "" {
			return process(cmd.OutOrStdout(), cmd.InOrStdin())
		}
		return atomicfile.Write(output, func(w io.Writer) error { return process(w, cmd.InOrStdin()) })
	}
	failed := 0
	for _, in := range args {
		err := processFile(cmd, in, outputPath(in, output, len(args)), process)
		if err != nil {
			failed++
			fmt.Fprintf(cmd.ErrOrStderr(), "vnrestore: %s: %v\n", in, err)
		}
	}
	if failed > 0 {
		return batchError{failed: failed, total: len(args)}
	}
	return nil
}

// outputPath returns where the output of input goes: "" for standard
// output, the -o file for a single input, or DIR/<base name> for several.
func outputPath(input, output string, inputs int) string {
	switch {
	case output == "":
		return ""
	case inputs == 1:
		if st, err := os.Stat(output); err == nil && st.IsDir() {
			return filepath.Join(output, filepath.Base(input))
		}
		return output
	}
	return filepath.Join(output, filepath.Base(input))
}

// processFile runs process over the file input, to output (written
// atomically) or, when output is "", to standard output. Its errors name
// the problem; the caller names the file.
func processFile(cmd *cobra.Command, input, output string, process func(io.Writer, io.Reader) error) error {
	f, err := os.Open(input)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return pe.Err
		}
		return err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return errors.New("is a directory")
	}
	if output == "" {
		return process(cmd.OutOrStdout(), f)
	}
	return atomicfile.Write(output, func(w io.Writer) error { return process(w, f) })
}

// batchError reports that some inputs of a batch failed; the details were
// already printed.
type batchError struct{ failed, total int }

func (e batchError) Error() string {
	return fmt.Sprintf("%d of %d inputs failed", e.failed, e.total)
}
