package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vnarchive/vnrestore/diacritics/errmodel"
)

func TestLexiconChannelTrains(t *testing.T) {
	dir := t.TempDir()
	sample := filepath.Join("..", "..", "testdata", "channel", "synth-sample.tsv")
	exclude := filepath.Join(dir, "pages.txt")
	if err := os.WriteFile(exclude, []byte("# held out\ntrain-0013\theavy\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args []string
		name string
	}{
		{[]string{"--exclude-pages", exclude, "--weight", "heavy=3"}, "legacy"},
		{[]string{"--name", "ocr", "--ocr-col", "6"}, "ocr"},
		{[]string{"--name", "legacy-heavy", "--level", "heavy"}, "legacy-heavy"},
	} {
		resetFlags(channelCmd)
		out := filepath.Join(dir, tt.name+".chan")
		args := append([]string{"lexicon", "channel", "-o", out}, tt.args...)
		code, _, errs := runCLI(t, "", append(args, sample)...)
		if code != exitOK || !strings.Contains(errs, "word pairs") {
			t.Fatalf("%v: exit %d, stderr %q", args, code, errs)
		}
		p, err := errmodel.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if p.Name != tt.name || len(p.Rules) < 500 {
			t.Errorf("%v: model %q with %d rules", args, p.Name, len(p.Rules))
		}
	}
}

func TestLexiconChannelErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.tsv")
	if err := os.WriteFile(bad, []byte("page_id\tline_no\tlevel\tfont\tgold\tocr_vie\tocr_eng\n"+"p1\t1\tclean\tf\tđảng\tdang\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "m.chan")
	// the error itself, which run prints to the process's standard error
	execute := func(args []string) (int, string) {
		code, _, _ := runCLI(t, "", args...)
		resetFlags(channelCmd)
		rootCmd.SetArgs(args)
		rootCmd.SetOut(io.Discard)
		rootCmd.SetErr(io.Discard)
		defer rootCmd.SetOut(nil)
		defer rootCmd.SetErr(nil)
		if err := rootCmd.Execute(); err != nil {
			return code, err.Error()
		}
		return code, ""
	}
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"lexicon", "channel", bad}, exitUsage, "needs -o"},
		{[]string{"lexicon", "channel", "-o", out, "--gold-col", "0", bad}, exitUsage, "1-based"},
		{[]string{"lexicon", "channel", "-o", out, "--weight", "heavy", bad}, exitUsage, "LEVEL=N"},
		{[]string{"lexicon", "channel", "-o", out, bad}, exitFailed, "bad.tsv:2: 6 fields, need at least 7"},
		{[]string{"lexicon", "channel", "-o", out, filepath.Join(dir, "missing.tsv")}, exitFailed, "missing.tsv"},
	}
	for _, tt := range tests {
		resetFlags(channelCmd)
		code, errs := execute(tt.args)
		if code != tt.code || !strings.Contains(errs, tt.msg) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d mentioning %q", tt.args, code, errs, tt.code, tt.msg)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%v: wrote %s despite the error", tt.args, out)
		}
	}
}
