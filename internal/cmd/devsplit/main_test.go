package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	out := filepath.Join(dir, "out")
	os.Mkdir(src, 0o755)
	os.WriteFile(filepath.Join(src, "a.txt"), []byte("1\n2\n3\n4\n5"), 0o644)
	os.WriteFile(filepath.Join(src, "b.txt"), []byte("x\ny\n"), 0o644)
	split := filepath.Join(dir, "split.tsv")
	os.WriteFile(split, []byte("# file first last period note\na.txt\t2\t3\t0\tblock\n"), 0o644)

	if err := run(split, src, out); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		"train/a.txt": "1\n4\n5\n",
		"dev/a.txt":   "2\n3\n",
		"train/b.txt": "x\ny\n",
		"dev/b.txt":   "",
	} {
		got, err := os.ReadFile(filepath.Join(out, path))
		if err != nil || string(got) != want {
			t.Errorf("%s = %q (%v), want %q", path, got, err, want)
		}
	}

	if err := run(split, filepath.Join(dir, "missing"), out); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("missing corpus directory: error %v", err)
	}
	os.WriteFile(split, []byte("c.txt\t1\t1\t0\n"), 0o644)
	if err := run(split, src, out); err == nil || !strings.Contains(err.Error(), "c.txt") {
		t.Errorf("split naming an absent file: error %v", err)
	}
}
