package vnenc

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/text/transform"
)

// benchText is about 1 MB of Vietnamese administrative text: the fixture
// repeated.
func benchText(b *testing.B) []byte {
	u, err := os.ReadFile(filepath.Join("..", "testdata", "encodings", "unicode.txt"))
	if err != nil {
		b.Fatal(err)
	}
	return bytes.Repeat(u, 1<<20/len(u))
}

// BenchmarkDecode measures decoding with a known source encoding; MB/s are
// of legacy input.
func BenchmarkDecode(b *testing.B) {
	text := benchText(b)
	for _, e := range All {
		in, err := e.NewEncoder().Bytes(text)
		if err != nil {
			b.Fatal(err)
		}
		dst := make([]byte, 2*len(text))
		b.Run(e.Name(), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			dec := e.NewDecoder()
			for b.Loop() {
				if _, _, err := dec.Transform(dst, in, true); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEncode measures encoding UTF-8 into each encoding; MB/s are of
// UTF-8 input.
func BenchmarkEncode(b *testing.B) {
	text := benchText(b)
	dst := make([]byte, 2*len(text))
	for _, e := range All {
		b.Run(e.Name(), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			enc := e.NewEncoder()
			for b.Loop() {
				if _, _, err := enc.Transform(dst, text, true); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDecodeReader measures decoding through transform.NewReader, the
// way the command line streams files.
func BenchmarkDecodeReader(b *testing.B) {
	text := benchText(b)
	for _, e := range []*Encoding{TCVN3, VNI} {
		in, _ := e.NewEncoder().Bytes(text)
		b.Run(e.Name(), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			var out bytes.Buffer
			for b.Loop() {
				out.Reset()
				if _, err := out.ReadFrom(transform.NewReader(bytes.NewReader(in), e.NewDecoder())); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDecodeAuto measures detection plus decoding of 1 MB of TCVN3.
func BenchmarkDecodeAuto(b *testing.B) {
	in, _ := TCVN3.NewEncoder().Bytes(benchText(b))
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		if _, _, err := DecodeAuto(in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeAutoClean measures DecodeAuto on 1 MB of clean Unicode
// that has some words no syllable (so it is checked line by line too).
func BenchmarkDecodeAutoClean(b *testing.B) {
	in := append(benchText(b), "Zürich café NĐ-CP\n"...)
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		if _, _, err := DecodeAuto(in); err != nil {
			b.Fatal(err)
		}
	}
}
