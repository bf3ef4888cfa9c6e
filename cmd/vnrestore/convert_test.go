package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCLI runs the command line with the given standard input and returns
// the exit code and what went to standard output and standard error.
func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	convertFlags.from, convertFlags.to, convertFlags.out, convertFlags.perLine = "auto", "", "", false
	global.quiet = false
	var out, errb bytes.Buffer
	rootCmd.SetIn(strings.NewReader(stdin))
	rootCmd.SetOut(&out)
	rootCmd.SetErr(&errb)
	defer func() {
		rootCmd.SetIn(nil)
		rootCmd.SetOut(nil)
		rootCmd.SetErr(nil)
	}()
	code = run(args)
	return code, out.String(), errb.String()
}

func fixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "encodings", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestConvertStdin(t *testing.T) {
	want := fixture(t, "unicode.txt")
	tests := []struct {
		args     []string
		in       string
		detected string
	}{
		{[]string{"convert"}, fixture(t, "tcvn3.txt"), "<stdin>: tcvn3 ("},
		{[]string{"convert"}, fixture(t, "mojibake-vni.txt"), "<stdin>: vni+mojibake ("},
		{[]string{"convert", "--from", "viscii"}, fixture(t, "viscii.txt"), "<stdin>: viscii (given)"},
		{[]string{"convert", "--from", "viqr", "-"}, fixture(t, "viqr.txt"), "<stdin>: viqr (given)"},
		{[]string{"convert"}, want, "<stdin>: utf-8 (1.00)"},
		{[]string{"convert", "--from", "tcvn3+mojibake"}, fixture(t, "mojibake-tcvn3.txt"), "<stdin>: tcvn3+mojibake (given)"},
	}
	for _, tt := range tests {
		code, out, errs := runCLI(t, tt.in, tt.args...)
		if code != exitOK || out != want || !strings.Contains(errs, tt.detected) {
			t.Errorf("%v: exit %d, stderr %q, output:\n%s", tt.args, code, errs, out)
		}
	}
}

func TestConvertPerLine(t *testing.T) {
	in := "\xa7i\xd2u 1. Ph\xb9m vi\nÑieàu 2. Ñoái töôïng\nĐiều 3. Giải thích\nArticle 4. Scope\n"
	want := "Điều 1. Phạm vi\nĐiều 2. Đối tượng\nĐiều 3. Giải thích\nArticle 4. Scope\n"
	code, out, errs := runCLI(t, in, "convert", "--per-line")
	if code != exitOK || out != want {
		t.Errorf("exit %d, stderr %q, output %q", code, errs, out)
	}
	if !strings.Contains(errs, "tcvn3 1") || !strings.Contains(errs, "vni+mojibake 1") || !strings.Contains(errs, "utf-8 2") {
		t.Errorf("per-line report %q", errs)
	}
}

func TestConvertBatch(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.MkdirAll(filepath.Join(in, "sub"), 0o755)
	files := map[string]string{
		"a.txt":     fixture(t, "tcvn3.txt"),
		"sub/b.txt": fixture(t, "mojibake-tcvn3.txt"),
		"c.txt":     "Plain English stays as it is.\n",
		"bad.bin":   "\x00\x01binary\x00",
	}
	for name, body := range files {
		os.WriteFile(filepath.Join(in, name), []byte(body), 0o644)
	}
	want := map[string]string{
		"in/a.txt": fixture(t, "unicode.txt"), "in/sub/b.txt": fixture(t, "unicode.txt"), "in/c.txt": files["c.txt"],
	}
	out := filepath.Join(dir, "out")
	t.Chdir(dir)
	code, stdout, errs := runCLI(t, "", "convert", "-o", "out",
		"in/a.txt", "in/sub/b.txt", "in/missing.txt", "in/bad.bin", "in/c.txt")
	if code != exitFailed {
		t.Errorf("exit %d, want %d", code, exitFailed)
	}
	if stdout != "" {
		t.Errorf("stdout %q", stdout)
	}
	for _, s := range []string{"in/a.txt: tcvn3 (", "in/sub/b.txt: tcvn3+mojibake (", "in/c.txt: utf-8 (1.00)",
		"in/missing.txt", "in/bad.bin: vnenc: not text", "failed: in/missing.txt, in/bad.bin"} {
		if !strings.Contains(errs, s) {
			t.Errorf("stderr lacks %q:\n%s", s, errs)
		}
	}
	for name, body := range want {
		got, err := os.ReadFile(filepath.Join(out, name))
		if err != nil || string(got) != body {
			t.Errorf("%s: %v\n%s", name, err, got)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "in", "bad.bin")); err == nil {
		t.Error("output written for a binary input")
	}
	left, _ := filepath.Glob(filepath.Join(out, "in", ".*tmp*"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestConvertOutputFile(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "v.txt")
	os.WriteFile(src, []byte(fixture(t, "vni.txt")), 0o644)
	dst := filepath.Join(dir, "u.txt")
	code, _, errs := runCLI(t, "", "-q", "convert", "-o", dst, src)
	if code != exitOK || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	got, _ := os.ReadFile(dst)
	if string(got) != fixture(t, "unicode.txt") {
		t.Errorf("output:\n%s", got)
	}
}

func TestConvertUsage(t *testing.T) {
	code, _, _ := runCLI(t, "", "convert", "--from", "latin9")
	if code != exitUsage {
		t.Errorf("unknown encoding: exit %d, want %d", code, exitUsage)
	}
}

func TestMirrorPath(t *testing.T) {
	for in, want := range map[string]string{
		"a/b.txt": "a/b.txt", "/abs/c.txt": "abs/c.txt", "../../up/d.txt": "up/d.txt", "./e.txt": "e.txt",
	} {
		if got := filepath.ToSlash(mirrorPath(in)); got != want {
			t.Errorf("mirrorPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestConvertTo(t *testing.T) {
	for _, tt := range []struct{ to, file string }{
		{"vni", "vni.txt"}, {"viqr", "viqr.txt"}, {"vni+mojibake", "mojibake-vni.txt"}, {"cp1258", "cp1258.txt"},
	} {
		code, out, errs := runCLI(t, fixture(t, "unicode.txt"), "convert", "--to", tt.to)
		if code != exitOK || out != fixture(t, tt.file) {
			t.Errorf("--to %s: exit %d, stderr %q, output:\n%s", tt.to, code, errs, out)
		}
	}
	code, _, errs := runCLI(t, "“quoted”", "convert", "--to", "tcvn3")
	if code != exitFailed || !strings.Contains(errs, "cannot represent") {
		t.Errorf("unrepresentable: exit %d, stderr %q", code, errs)
	}
}
