package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image/jpeg"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vnarchive/vnrestore/ocr"
)

// skipWithoutTesseract skips the test when Tesseract's Vietnamese data is
// missing.
func skipWithoutTesseract(t *testing.T) {
	t.Helper()
	e, err := ocr.NewEngine(ocr.Options{Jobs: 1})
	if errors.Is(err, ocr.ErrNoLanguage) {
		t.Skipf("tesseract Vietnamese data missing: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	e.Close()
}

// runOCRCommand runs `vnrestore args...` and returns its exit code, standard
// output and standard error, resetting the ocr flags afterwards.
func runOCRCommand(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	rootCmd.SetOut(&stdout)
	rootCmd.SetErr(&stderr)
	defer func() {
		rootCmd.SetOut(nil)
		rootCmd.SetErr(nil)
		resetFlags(ocrCmd)
	}()
	code := run(args)
	return code, stdout.String(), stderr.String()
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, to, data)
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// hugePNG is a PNG header claiming 30000×30000 grey pixels and no data.
func hugePNG() []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr, 30000)
	binary.BigEndian.PutUint32(ihdr[4:], 30000)
	ihdr[8] = 8
	binary.Write(&b, binary.BigEndian, uint32(13))
	b.WriteString("IHDR")
	b.Write(ihdr)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte("IHDR"), ihdr...)))
	return b.Bytes()
}

// truncatedJPEG is the header fixture as a JPEG cut after 3000 bytes.
func truncatedJPEG(t *testing.T) []byte {
	f, err := os.Open("../../testdata/ocr/header.png")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()[:3000]
}

func TestOCRBatchWithBadInputs(t *testing.T) {
	skipWithoutTesseract(t)
	in := filepath.Join(t.TempDir(), "scans")
	copyFile(t, "../../testdata/ocr/sample-scan.png", filepath.Join(in, "good", "sample-scan.png"))
	copyFile(t, "../../testdata/ocr/header.png", filepath.Join(in, "good", "header.png"))
	bad := map[string][]byte{
		"empty.png": {},
		"cut.jpg":   truncatedJPEG(t),
		"notes.png": []byte("Biên bản họp chi bộ, không phải ảnh.\n"),
		"huge.png":  hugePNG(),
	}
	for name, data := range bad {
		writeFile(t, filepath.Join(in, name), data)
	}
	out := t.TempDir()

	code, stdout, stderr := runOCRCommand(t, "ocr", "--jobs", "2", "-o", out, in)
	if code != exitFailed {
		t.Fatalf("exit code %d, want %d; stderr:\n%s", code, exitFailed, stderr)
	}
	if stdout != "" {
		t.Errorf("stdout not empty with -o: %q", stdout)
	}
	// Only the good inputs have outputs, and no temporary file is left.
	var outputs []string
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			outputs = append(outputs, p)
		}
		return nil
	})
	mirror := filepath.Join(out, mirrorPath(in))
	want := []string{filepath.Join(mirror, "good", "header.png.txt"), filepath.Join(mirror, "good", "sample-scan.png.txt")}
	if strings.Join(outputs, "\n") != strings.Join(want, "\n") {
		t.Errorf("outputs:\n%s\nwant:\n%s", strings.Join(outputs, "\n"), strings.Join(want, "\n"))
	}
	text, _ := os.ReadFile(want[1])
	if !strings.Contains(string(text), "khóa tuyển sinh đầu tiên K44") {
		t.Errorf("sample-scan output:\n%s", text)
	}
	// Each bad input is listed with its problem, one line each.
	reasons := map[string]string{
		"empty.png": "empty file",
		"cut.jpg":   "truncated or corrupt image",
		"notes.png": "not a PNG, JPEG, TIFF or PDF file",
		"huge.png":  "image over the pixel limit",
	}
	for name, reason := range reasons {
		line := ""
		for _, l := range strings.Split(stderr, "\n") {
			if strings.Contains(l, filepath.Join(in, name)+":") {
				line = l
			}
		}
		if !strings.Contains(line, reason) {
			t.Errorf("%s: want a line with %q in stderr:\n%s", name, reason, stderr)
		}
	}
	if !strings.Contains(stderr, "2 done (2 pages), 0 up to date, 4 failed") {
		t.Errorf("summary missing:\n%s", stderr)
	}

	// Run again: the good outputs are up to date and left alone.
	st, err := os.Stat(want[0])
	if err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runOCRCommand(t, "ocr", "-o", out, in)
	if code != exitFailed || !strings.Contains(stderr, "0 done (0 pages), 2 up to date, 4 failed") {
		t.Errorf("second run: exit %d, stderr:\n%s", code, stderr)
	}
	if st2, _ := os.Stat(want[0]); !st2.ModTime().Equal(st.ModTime()) {
		t.Errorf("up-to-date output rewritten")
	}
	// --force redoes them.
	time.Sleep(10 * time.Millisecond)
	code, _, stderr = runOCRCommand(t, "ocr", "--force", "--format", "json", "-o", out, filepath.Join(in, "good"))
	if code != exitOK || !strings.Contains(stderr, "2 done (2 pages), 0 up to date, 0 failed") {
		t.Errorf("forced json run: exit %d, stderr:\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(mirror, "good", "header.png.json")); err != nil {
		t.Error(err)
	}
}

func TestOCROneInputToStdout(t *testing.T) {
	skipWithoutTesseract(t)
	code, stdout, stderr := runOCRCommand(t, "ocr", "--no-correct", "../../testdata/ocr/header.png")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want, _ := os.ReadFile("../../testdata/ocr/header.gold.txt")
	// Blocks are separated by an empty line.
	got := strings.ReplaceAll(stdout, "\n\n", "\n")
	if got != string(want) {
		t.Errorf("stdout:\n%s\nwant:\n%s", stdout, want)
	}
}

func TestOCRUsage(t *testing.T) {
	tests := [][]string{
		{"ocr"},
		{"ocr", "--format", "xml", "a.png"},
		{"ocr", "--mode", "fast", "a.png"},
		{"ocr", "--jobs", "0", "a.png"},
		{"ocr", "../../testdata/ocr/header.png", "../../testdata/ocr/sample-scan.png"}, // several inputs need -o
	}
	for _, args := range tests {
		if code, _, _ := runOCRCommand(t, args...); code != exitUsage {
			t.Errorf("vnrestore %s: exit %d, want %d", strings.Join(args, " "), code, exitUsage)
		}
	}
}
