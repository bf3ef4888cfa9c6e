package vnenc

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
)

// The fixtures in testdata/encodings are one Vietnamese text (unicode.txt)
// in every encoding. tcvn3.txt, viscii.txt and cp1258.txt were made with
// glibc's iconv, mojibake-tcvn3.txt by reading tcvn3.txt as Windows-1252
// (Python, undefined bytes as Latin-1), so they do not come from this
// package; vni.txt, viqr.txt and mojibake-vni.txt come from its encoders.
var fixtures = []struct {
	file     string
	enc      encoding.Encoding
	detected string
}{
	{"tcvn3.txt", TCVN3, "tcvn3"},
	{"vni.txt", VNI, "vni"},
	{"viscii.txt", VISCII, "viscii"},
	{"cp1258.txt", CP1258, "cp1258"},
	{"viqr.txt", VIQR, "viqr"},
	{"mojibake-tcvn3.txt", Mojibake(TCVN3), "tcvn3+mojibake"},
	{"mojibake-vni.txt", Mojibake(VNI), "vni+mojibake"},
	{"unicode.txt", encoding.Nop, "utf-8"},
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "encodings", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestFixtures(t *testing.T) {
	want := string(readFixture(t, "unicode.txt"))
	wantLines := strings.Split(want, "\n")
	for _, f := range fixtures {
		t.Run(f.file, func(t *testing.T) {
			in := readFixture(t, f.file)
			got, err := f.enc.NewDecoder().Bytes(in)
			if err != nil || string(got) != want {
				t.Errorf("decoding as %s:\n%s\nerr %v", f.detected, got, err)
			}
			auto, d, err := DecodeAuto(in)
			if err != nil || d.Name() != f.detected || string(auto) != want {
				t.Errorf("DecodeAuto: detected %v, err %v, text:\n%s", d, err, auto)
			}
			if d.Confidence < 0.9 {
				t.Errorf("confidence %.2f < 0.9", d.Confidence)
			}
			for i, line := range strings.Split(string(in), "\n") {
				got, d, err := DecodeAuto([]byte(line))
				if err != nil || string(got) != wantLines[i] {
					t.Errorf("line %d detected as %v: %q, want %q", i+1, d, got, wantLines[i])
				}
			}
		})
	}
}

func TestNewReader(t *testing.T) {
	want := readFixture(t, "unicode.txt")
	big := bytes.Repeat(readFixture(t, "tcvn3.txt"), 200) // more than the 64 KiB sample
	r, d, err := NewReader(bytes.NewReader(big))
	if err != nil || d.Name() != "tcvn3" {
		t.Fatalf("NewReader: %v, %v", d, err)
	}
	got, err := io.ReadAll(r)
	if err != nil || !bytes.Equal(got, bytes.Repeat(want, 200)) {
		t.Errorf("NewReader text differs (%v)", err)
	}
	if _, _, err := NewReader(strings.NewReader("a\x00b")); err != ErrBinary {
		t.Errorf("binary input: err %v, want ErrBinary", err)
	}
}
