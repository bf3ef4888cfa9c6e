package vnenc

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/vnarchive/vnrestore/internal/devsplit"
	"github.com/vnarchive/vnrestore/lexicon"
)

// The tests in this file score the package on the admin and legal paragraphs
// of the development split (data/devsplit.tsv). They read them from
// build/corpus/dev/ when `make split` has run, else straight from the shared
// corpus beside the repository, and skip when neither is there.

// devParagraphs returns the non-empty admin and legal dev paragraphs (the
// files named in $VNENC_DEV_FILES instead, e.g. "wiki.txt").
func devParagraphs(t testing.TB) []string {
	t.Helper()
	files := []string{"admin.txt", "legal.txt"}
	if env := os.Getenv("VNENC_DEV_FILES"); env != "" {
		files = strings.Split(env, ",")
	}
	var paras []string
	for _, name := range files {
		lines, err := readDevFile(name)
		if err != nil {
			t.Skipf("no development split: %v", err)
		}
		for _, l := range lines {
			if strings.TrimSpace(l) != "" {
				paras = append(paras, l)
			}
		}
	}
	return paras
}

func readDevFile(name string) ([]string, error) {
	if b, err := os.ReadFile(filepath.Join("..", "build", "corpus", "dev", name)); err == nil {
		return strings.Split(strings.TrimRight(string(b), "\n"), "\n"), nil
	}
	corpus := os.Getenv("VNRESTORE_CORPUS")
	if corpus == "" {
		corpus = filepath.Join("..", "..", "shared", "corpus", "train")
	}
	split, err := devsplit.ParseFile(filepath.Join("..", "data", "devsplit.tsv"))
	if err != nil {
		return nil, err
	}
	f, err := os.Open(filepath.Join(corpus, name))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for n := 1; sc.Scan(); n++ {
		if split.IsDev(name, n) {
			out = append(out, sc.Text())
		}
	}
	return out, sc.Err()
}

// typographic replaces the punctuation TCVN3 and VISCII lack with ASCII, the
// way the round-trip test falls back when a paragraph is not representable.
var typographic = strings.NewReplacer("“", "\"", "”", "\"", "‘", "'", "’", "'", "–", "-", "—", "-", "…", "...")

// representable returns p, or p with typographic punctuation made ASCII, in
// the form that e can encode, and its encoding; ok is false if neither can be.
func representable(e *Encoding, p string) (text, enc string, fallback, ok bool) {
	if enc, err := e.NewEncoder().String(p); err == nil {
		return p, enc, false, true
	}
	p = typographic.Replace(p)
	if enc, err := e.NewEncoder().String(p); err == nil {
		return p, enc, true, true
	}
	return "", "", true, false
}

// TestRoundTripDevSplit encodes every dev paragraph in every encoding and
// decodes it back: the result must be the paragraph, byte for byte (NFC).
func TestRoundTripDevSplit(t *testing.T) {
	paras := devParagraphs(t)
	for _, e := range All {
		exact, fallback, excluded, chars := 0, 0, 0, 0
		for _, p := range paras {
			text, enc, fb, ok := representable(e, p)
			if !ok {
				excluded++
				chars += len([]rune(p))
				continue
			}
			if fb {
				fallback++
				chars += countDiff(p, text)
			} else {
				exact++
			}
			got, err := e.NewDecoder().String(enc)
			if err != nil || got != norm.NFC.String(text) {
				t.Errorf("%s: round trip of %q gives %q, %v", e.Name(), text, got, err)
			}
		}
		t.Logf("%-7s %d paragraphs: %d round-trip as they are, %d after ASCII punctuation (%d characters replaced), %d excluded",
			e.Name(), len(paras), exact, fallback, chars, excluded)
	}
}

// countDiff counts the runes of p that typographic replaced.
func countDiff(p, text string) int {
	n := 0
	for _, r := range p {
		if typographic.Replace(string(r)) != string(r) {
			n++
		}
	}
	return n
}

// TestIconvDevSplit checks that glibc's iconv decodes our TCVN3, VISCII and
// CP1258 bytes of the whole dev split to the same text as our decoders.
func TestIconvDevSplit(t *testing.T) {
	if _, err := iconv("UTF-8", "UTF-8", nil); err != nil {
		t.Skip("iconv not installed")
	}
	paras := devParagraphs(t)
	for _, tt := range []struct {
		e     *Encoding
		iconv string
	}{{TCVN3, "TCVN5712-1"}, {VISCII, "VISCII"}, {CP1258, "CP1258"}} {
		var all bytes.Buffer
		n := 0
		for _, p := range paras {
			if _, enc, _, ok := representable(tt.e, p); ok {
				all.WriteString(enc)
				all.WriteByte('\n')
				n++
			}
		}
		ours, err := tt.e.NewDecoder().Bytes(all.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		theirs, err := iconv(tt.iconv, "UTF-8", all.Bytes())
		if err != nil {
			t.Fatalf("iconv -f %s: %v", tt.iconv, err)
		}
		if !bytes.Equal(ours, norm.NFC.Bytes(theirs)) {
			ol, tl := strings.Split(string(ours), "\n"), strings.Split(string(norm.NFC.Bytes(theirs)), "\n")
			for i := range min(len(ol), len(tl)) {
				if ol[i] != tl[i] {
					t.Errorf("%s line %d: ours %q, iconv %q", tt.e.Name(), i+1, ol[i], tl[i])
					break
				}
			}
			continue
		}
		// The other way: iconv encodes the decoded text to the same bytes.
		back, err := iconv("UTF-8", tt.iconv, ours)
		if err != nil || !bytes.Equal(back, all.Bytes()) {
			t.Errorf("iconv -t %s encodes differently from us (%v)", tt.iconv, err)
		}
		t.Logf("%-7s iconv -f %s agrees on %d paragraphs (%d bytes); iconv -t agrees too", tt.e.Name(), tt.iconv, n, all.Len())
	}
}

// detectCase is one line of the detection eval: the input, the text it must
// decode to and the form it is in.
type detectCase struct {
	form     string
	in, want string
	clean    bool // clean Unicode or English: must come back unchanged
}

// detectionSet builds the mixed set: every dev paragraph as clean Unicode,
// stripped of its marks, in each encoding and as the mojibake of each byte
// encoding, plus the plain English lines of testdata/encodings/english.txt.
func detectionSet(t testing.TB) []detectCase {
	var cases []detectCase
	for _, p := range devParagraphs(t) {
		cases = append(cases, detectCase{form: "utf-8", in: p, want: p, clean: true})
		// The input of restore: Vietnamese typed without marks, plain ASCII
		// that must not be taken for VIQR.
		stripped := lexicon.StripMarks(p)
		cases = append(cases, detectCase{form: "stripped", in: stripped, want: stripped, clean: true})
		for _, e := range All {
			text, enc, _, ok := representable(e, p)
			if !ok {
				continue
			}
			cases = append(cases, detectCase{form: e.Name(), in: enc, want: text})
			if e == VIQR {
				continue
			}
			mb, err := Mojibake(e).NewEncoder().String(text)
			if err != nil {
				t.Fatalf("mojibake %s: %v", e.Name(), err)
			}
			cases = append(cases, detectCase{form: e.Name() + "+mojibake", in: mb, want: text})
		}
	}
	b, err := os.ReadFile(filepath.Join("..", "testdata", "encodings", "english.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			cases = append(cases, detectCase{form: "english", in: l, want: l, clean: true})
		}
	}
	return cases
}

// TestDetectDevSplit is the detection eval: each line of the mixed set is
// detected and decoded on its own. At least 99.5% must come out right and no
// clean line may change. Run it with -v for the figures.
func TestDetectDevSplit(t *testing.T) {
	cases := detectionSet(t)
	total, right, altered := 0, 0, 0
	type stat struct{ n, ok int }
	byForm := map[string]*stat{}
	var forms []string
	shown := 0
	for _, c := range cases {
		s := byForm[c.form]
		if s == nil {
			s = &stat{}
			byForm[c.form] = s
			forms = append(forms, c.form)
		}
		s.n++
		total++
		out, d, err := DecodeAuto([]byte(c.in))
		ok := err == nil && string(out) == c.want
		if ok {
			s.ok++
			right++
		} else if shown < 20 {
			shown++
			t.Logf("miss %s as %v: %q\n\tgot  %q", c.form, d, trim(c.in), trim(string(out)))
		}
		if c.clean && (d.Converts() || string(out) != c.in) {
			altered++
			t.Logf("ALTERED %s line as %v: %q\n\tgot  %q", c.form, d, trim(c.in), trim(string(out)))
		}
	}
	for _, f := range forms {
		s := byForm[f]
		t.Logf("%-16s %5d lines, %5d right (%.2f%%)", f, s.n, s.ok, 100*float64(s.ok)/float64(s.n))
	}
	acc := float64(right) / float64(total)
	t.Logf("all              %5d lines, %5d right (%.3f%%); clean lines altered: %d", total, right, 100*acc, altered)
	if acc < 0.995 {
		t.Errorf("detection accuracy %.3f%% < 99.5%%", 100*acc)
	}
	if altered > 0 {
		t.Errorf("%d clean lines altered", altered)
	}
}

func trim(s string) string {
	if r := []rune(s); len(r) > 100 {
		return string(r[:100]) + "…"
	}
	return s
}

// TestDetectDevSplitFiles detects the whole dev split as one file in each
// encoding and mojibake form.
func TestDetectDevSplitFiles(t *testing.T) {
	paras := devParagraphs(t)
	var text []string
	for _, p := range paras {
		text = append(text, typographic.Replace(p))
	}
	whole := strings.Join(text, "\n") + "\n"
	forms := []struct {
		name string
		enc  func(string) (string, error)
	}{{"utf-8", func(s string) (string, error) { return s, nil }}}
	for _, e := range All {
		forms = append(forms, struct {
			name string
			enc  func(string) (string, error)
		}{e.Name(), e.NewEncoder().String})
		if e != VIQR {
			forms = append(forms, struct {
				name string
				enc  func(string) (string, error)
			}{e.Name() + "+mojibake", Mojibake(e).NewEncoder().String})
		}
	}
	for _, f := range forms {
		in, err := f.enc(whole)
		if err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		out, d, err := DecodeAuto([]byte(in))
		if err != nil || d.Name() != f.name || string(out) != whole {
			t.Errorf("%s file detected as %v (%v), text equal: %v", f.name, d, err, string(out) == whole)
			continue
		}
		t.Logf("%-16s file of %d bytes: detected %v", f.name, len(in), d)
	}
}
