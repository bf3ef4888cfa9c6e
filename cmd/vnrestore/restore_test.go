package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnarchive/vnrestore/lexicon"
)

// runWithInput runs the command line with stdin and returns the exit code
// and stdout; flags are reset afterwards.
func runWithInput(t *testing.T, stdin string, args ...string) (int, string) {
	t.Helper()
	rootCmd.SetIn(strings.NewReader(stdin))
	defer rootCmd.SetIn(nil)
	defer resetFlags(restoreCmd)
	return runCaptured(t, args...)
}

func TestRestoreStdin(t *testing.T) {
	code, out := runWithInput(t, "xay dung Dang\r\n\nKe hoach 121-KH/BTGTU\n", "restore", "--mode", "plain")
	require.Equal(t, exitOK, code)
	assert.Equal(t, "xây dựng Đảng\r\n\nKế hoạch 121-KH/BTGTU\n", out)
}

func TestRestoreAutoRoutesEachLine(t *testing.T) {
	in := "xay dung Dang va chinh quyen\n" +
		"Đề nghị các đơn vị khân trương triên khai\n" +
		"tam chinh tri cua cac cap, to chirc dang, can b0, s6 luong\n"
	code, out := runWithInput(t, in, "restore")
	require.Equal(t, exitOK, code)
	lines := strings.Split(out, "\n")
	assert.Equal(t, "xây dựng Đảng và chính quyền", lines[0])
	assert.Equal(t, "Đề nghị các đơn vị khẩn trương triển khai", lines[1])
	assert.Contains(t, lines[2], "tổ chức")
	assert.Contains(t, lines[2], "cán bộ")
	assert.Contains(t, lines[2], "số lượng")
}

func TestRestoreJSON(t *testing.T) {
	code, out := runWithInput(t, "xay dung Dang\n", "restore", "--mode", "plain", "--format", "json")
	require.Equal(t, exitOK, code)
	var line struct {
		Text   string `json:"text"`
		Tokens []struct {
			Input, Output string
			Changed       bool
			Confidence    float64
			Alternatives  []struct{ Text string }
		} `json:"tokens"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &line))
	assert.Equal(t, "xây dựng Đảng", line.Text)
	require.Len(t, line.Tokens, 3)
	assert.Equal(t, "Dang", line.Tokens[2].Input)
	assert.Equal(t, "Đảng", line.Tokens[2].Output)
	assert.True(t, line.Tokens[2].Changed)
	assert.NotEmpty(t, line.Tokens[2].Alternatives)
}

// A batch writes every good input, reports the bad ones, exits 1, and
// leaves no partial output.
func TestRestoreBatch(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "a.txt")
	require.NoError(t, os.WriteFile(good, []byte("xay dung Dang\n"), 0o644))
	sub := filepath.Join(dir, "sub")
	require.NoError(t, os.Mkdir(sub, 0o755))
	out := filepath.Join(dir, "out")
	code, _ := runWithInput(t, "", "restore", "--mode", "plain", "-o", out, good, filepath.Join(dir, "missing.txt"), sub)
	assert.Equal(t, exitFailed, code)
	got, err := os.ReadFile(filepath.Join(out, "a.txt"))
	require.NoError(t, err)
	assert.Equal(t, "xây dựng Đảng\n", string(got))
	entries, _ := os.ReadDir(out)
	assert.Len(t, entries, 1, "no output for the bad inputs, no temporary files")
}

func TestRestoreUsageErrors(t *testing.T) {
	code, _ := runWithInput(t, "", "restore", "--mode", "fancy")
	assert.Equal(t, exitUsage, code)
	code, _ = runWithInput(t, "", "restore", "--format", "xml")
	assert.Equal(t, exitUsage, code)
	code, _ = runWithInput(t, "", "restore", "--no-such-flag")
	assert.Equal(t, exitUsage, code)
}

func TestStripAndEval(t *testing.T) {
	code, out := runWithInput(t, "Đảng Cộng sản Việt Nam, 121-KH/BTGTU\n", "strip")
	require.Equal(t, exitOK, code)
	assert.Equal(t, "Dang Cong san Viet Nam, 121-KH/BTGTU\n", out)

	dir := t.TempDir()
	ref := filepath.Join(dir, "gold.txt")
	require.NoError(t, os.WriteFile(ref, []byte("xây dựng Đảng\n"), 0o644))
	code, out = runWithInput(t, "xây dựng Dang\n", "eval", "--ref", ref)
	require.Equal(t, exitOK, code)
	assert.Contains(t, out, "syllable accuracy  66.67%")
	assert.Contains(t, out, "WER                0.3333")
}

// In auto mode a file in a legacy encoding goes straight to clean Unicode.
func TestRestoreAutoDecodesLegacyEncodings(t *testing.T) {
	want, err := os.ReadFile("../../testdata/encodings/unicode.txt")
	require.NoError(t, err)
	for _, f := range []string{"tcvn3.txt", "vni.txt", "viscii.txt", "cp1258.txt", "mojibake-tcvn3.txt", "mojibake-vni.txt"} {
		code, out := runWithInput(t, "", "-q", "restore", "../../testdata/encodings/"+f)
		require.Equal(t, exitOK, code, f)
		// A converted file was typed, not OCR'd: nothing else changes.
		assert.Equal(t, string(want), out, f)
	}
}

// jsonModes returns how many lines of restore --format json output each
// mode decoded.
func jsonModes(t *testing.T, out string) map[string]int {
	t.Helper()
	modes := map[string]int{}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var line struct{ Mode string }
		require.NoError(t, json.Unmarshal([]byte(l), &line))
		modes[line.Mode]++
	}
	return modes
}

// Auto mode judges a line with the lines before it: a page of legacy OCR
// goes to the legacy repair even where a line has few garbled words, and
// its Latin-1 letters ("thuée") are garbling, not accents; the foreign
// names of an encyclopaedic text do not make it legacy OCR.
func TestRestoreAutoReadsLinesInContext(t *testing.T) {
	legacy, err := os.ReadFile("../../testdata/encodings/legacy-ocr.txt")
	require.NoError(t, err)
	code, out := runWithInput(t, string(legacy), "restore", "--format", "json")
	require.Equal(t, exitOK, code)
	modes := jsonModes(t, out)
	t.Logf("legacy OCR page: %v", modes)
	assert.GreaterOrEqual(t, modes["legacy"], 36, "of 40 lines")
	assert.Zero(t, modes["ocr"])

	wiki, err := os.ReadFile("../../testdata/lexicon/ngram/general.txt")
	require.NoError(t, err)
	lines := strings.Split(string(wiki), "\n")[:60]
	code, out = runWithInput(t, lexicon.StripMarks(strings.Join(lines, "\n")), "restore", "--format", "json")
	require.Equal(t, exitOK, code)
	modes = jsonModes(t, out)
	t.Logf("Wikipedia text, unaccented: %v", modes)
	assert.GreaterOrEqual(t, modes["plain"], 54, "of 60 lines")
}
