package diacritics

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnarchive/vnrestore/lexicon"
)

// With AutoVariant, encyclopaedic text moves the decoder to the general
// variant and administrative text keeps it on (or brings it back to) the
// domain variant; the evidence starts afresh with every call.
func TestAutoVariantFollowsText(t *testing.T) {
	r := newPlain(t)
	require.Len(t, r.model.Variants(), 2, "the default model has a domain and a general variant")
	general := strippedLines(t, "../testdata/lexicon/ngram/general.txt", 40)
	domain := strippedLines(t, "../testdata/lexicon/ngram/domain.txt", 40)

	d := r.getDecoder()
	defer r.scratch.Put(d)
	assert.Same(t, r.model.Variant(DomainVariant), d.pickVariant(), "a call starts with the domain variant")
	for _, line := range general {
		d.decodeLine(line)
	}
	assert.Same(t, r.model.Variant(GeneralVariant), d.pickVariant(), "after 40 lines of Wikipedia text")
	for _, line := range domain {
		d.decodeLine(line)
	}
	assert.Same(t, r.model.Variant(DomainVariant), d.pickVariant(), "after 40 lines of administrative text")
	d.startDocument()
	assert.Same(t, r.model.Variant(DomainVariant), d.pickVariant(), "a new call starts over")

	// A fixed variant is never left.
	g := newPlain(t, WithVariant(GeneralVariant))
	dg := g.getDecoder()
	defer g.scratch.Put(dg)
	for _, line := range domain {
		dg.decodeLine(line)
	}
	assert.Same(t, g.model.Variant(GeneralVariant), dg.pickVariant())
}

// The variant changes what is restored, and on encyclopaedic text auto
// mostly agrees with the general variant.
func TestVariantsRestoreDifferently(t *testing.T) {
	in := strings.Join(strippedLines(t, "../testdata/lexicon/ngram/general.txt", 250), "\n")
	dom := strings.Split(newPlain(t, WithVariant(DomainVariant)).String(in), "\n")
	gen := strings.Split(newPlain(t, WithVariant(GeneralVariant)).String(in), "\n")
	auto := strings.Split(newPlain(t).String(in), "\n")
	offDom, offGen := 0, 0
	for i := range auto {
		if auto[i] != dom[i] {
			offDom++
		}
		if auto[i] != gen[i] {
			offGen++
		}
	}
	t.Logf("auto differs from the domain variant on %d lines, from the general variant on %d", offDom, offGen)
	assert.Greater(t, offDom, 10)
	assert.Less(t, offGen, offDom/3)
}

func TestWithVariantOutOfRange(t *testing.T) {
	m, err := lexicon.Default()
	require.NoError(t, err)
	_, err = New(m, WithVariant(2))
	assert.ErrorContains(t, err, "it holds 2")
	_, err = New(m, WithVariant(-2))
	assert.Error(t, err)
}

// strippedLines returns the first n lines of a file without diacritics.
func strippedLines(t *testing.T, path string, n int) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	lines = lines[:min(n, len(lines))]
	for i, l := range lines {
		lines[i] = lexicon.StripMarks(l)
	}
	return lines
}

// RestoreLines reads its lines as one text, as Copy and String do: the
// same output, line by line, with the details of every token.
func TestRestoreLinesIsOneText(t *testing.T) {
	r := newPlain(t)
	in := strings.Join(strippedLines(t, "../testdata/lexicon/ngram/general.txt", 120), "\r\n") + "\n"
	var copied strings.Builder
	_, err := r.Copy(&copied, strings.NewReader(in))
	require.NoError(t, err)
	require.Equal(t, r.String(in), copied.String())
	var joined strings.Builder
	lines := 0
	err = r.RestoreLines(strings.NewReader(in), func(res Result) error {
		lines++
		var fromTokens strings.Builder
		for _, tok := range res.Tokens {
			fromTokens.WriteString(tok.Output)
		}
		joined.WriteString(fromTokens.String())
		assert.True(t, strings.HasPrefix(fromTokens.String(), res.Text), "line %d: tokens spell the text", lines)
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, 120, lines)
	assert.Equal(t, copied.String(), joined.String())
}

// A short header of common words does not turn a directive over to the
// general variant: the evidence starts from what domain text looks like.
func TestAutoVariantKeepsDomainThroughAHeader(t *testing.T) {
	in := "DANG CONG SAN VIET NAM\nKE HOACH\nThuc hien Huong dan so 108-HD/BTGTW ngay 12/3/2021 cua Ban Tuyen giao Trung uong ve xay dung Dang va he thong chinh tri trong sach, vung manh.\n"
	out := strings.Split(newPlain(t).String(in), "\n")
	assert.Equal(t, "Thực hiện Hướng dẫn số 108-HD/BTGTW ngày 12/3/2021 của Ban Tuyên giáo Trung ương về xây dựng Đảng và hệ thống chính trị trong sạch, vững mạnh.", out[2])
}

// Every call starts a sentence, whatever the call before it left in the
// pooled decoder: Copy and RestoreLines once kept it (a legacy or OCR
// line that went on a sentence was then decoded without <s>).
func TestCallsStartASentence(t *testing.T) {
	r := newPlain(t)
	// one decoder whatever the pool does (under -race it drops items at
	// random), so that each call gets the one the last call left
	d0 := newDecoder(r)
	r.scratch.New = func() any { return d0 }
	for range 3 {
		d := r.getDecoder()
		require.Same(t, d0, d)
		assert.True(t, d.sentenceStart)
		d.decodeLine("ve cong tac tuyen truyen") // no sentence end
		assert.False(t, d.sentenceStart)
		r.scratch.Put(d)
	}
}
