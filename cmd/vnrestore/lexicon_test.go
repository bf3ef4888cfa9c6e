package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCaptured runs the command line and returns its exit code and stdout.
func runCaptured(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var out bytes.Buffer
	rootCmd.SetOut(&out)
	defer rootCmd.SetOut(nil)
	defer func() { global = globalFlags{} }()
	code := run(args)
	return code, out.String()
}

func TestLexiconCommands(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "toy.vnlm")
	text := filepath.Join(dir, "dev.txt")
	os.WriteFile(text, []byte("Ủy ban nhân dân tỉnh ban hành quyết định\nmột từ lạ xyzzyq\n"), 0o644)

	code, _ := runCaptured(t, "-q", "lexicon", "build", "-o", model,
		"--domain", "../../testdata/lexicon/ngram/domain.txt", "--general", "../../testdata/lexicon/ngram/general.txt")
	if code != exitOK {
		t.Fatalf("lexicon build: exit %d", code)
	}
	if st, err := os.Stat(model); err != nil || st.Mode().Perm() != 0o644 {
		t.Fatalf("model file: %v, %v", st, err)
	}

	code, out := runCaptured(t, "lexicon", "info", model)
	for _, want := range []string{"order:        3", "3-grams:", "domain.txt", "general.txt", "sha256", "domain weight"} {
		if code != exitOK || !strings.Contains(out, want) {
			t.Errorf("lexicon info: exit %d, output lacks %q:\n%s", code, want, out)
		}
	}

	code, out = runCaptured(t, "--lexicon", model, "lexicon", "ppl", text)
	if code != exitOK || !strings.Contains(out, "2 sentences, 15 tokens, 2 OOV") || !strings.Contains(out, "perplexity") {
		t.Errorf("lexicon ppl: exit %d, output:\n%s", code, out)
	}

	code, out = runCaptured(t, "lexicon", "info")
	if code != exitOK || !strings.Contains(out, "(embedded default)") {
		t.Errorf("lexicon info of the embedded model: exit %d\n%s", code, out)
	}

	bad := filepath.Join(dir, "bad.vnlm")
	os.WriteFile(bad, []byte("not a model"), 0o644)
	if code, _ := runCaptured(t, "lexicon", "info", bad); code != exitFailed {
		t.Errorf("lexicon info on a foreign file: exit %d, want %d", code, exitFailed)
	}
	if code, _ := runCaptured(t, "--lexicon", model, "lexicon", "ppl", text, filepath.Join(dir, "missing.txt")); code != exitFailed {
		t.Errorf("lexicon ppl with a missing file: exit %d, want %d", code, exitFailed)
	}
}
