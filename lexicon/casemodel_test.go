package lexicon

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCaseCounterRoundTrip(t *testing.T) {
	c := NewCaseCounter()
	for _, line := range []string{
		"Nam định ở miền Nam, năm 2020 tỉnh Hà Nam.",
		"Năm nay ĐẢNG bộ tỉnh. Nam bộ", // sentence starts say nothing
	} {
		c.AddLine(line)
	}
	var buf bytes.Buffer
	_, err := c.WriteTo(&buf)
	require.NoError(t, err)
	assert.Contains(t, buf.String(), "nam\t0\t2\t0\n", "mid-sentence Nam twice; the two at sentence starts are not counted")
	assert.Contains(t, buf.String(), "năm\t1\t0\t0\n")
	assert.Contains(t, buf.String(), "đảng\t0\t0\t1\n")

	m, err := ReadCaseModel(&buf)
	require.NoError(t, err)
	assert.Greater(t, m.LogProb("nam", Title), m.LogProb("năm", Title))
	assert.Greater(t, m.LogProb("năm", Lower), m.LogProb("nam", Lower))
	assert.Zero(t, m.LogProb("unseen", Lower))
}

func TestReadCaseModelErrors(t *testing.T) {
	for name, in := range map[string]string{
		"empty":      "",
		"foreign":    "hello\n",
		"bad count":  caseModelMagic + "\nnam\t1\tx\t0\n",
		"not a key":  caseModelMagic + "\nNam\t1\t1\t0\n",
		"few fields": caseModelMagic + "\nnam\t1\n",
		"no counts":  caseModelMagic + "\n",
	} {
		_, err := ReadCaseModel(strings.NewReader(in))
		assert.ErrorIs(t, err, ErrCaseModel, name)
	}
}

func TestDefaultCaseModel(t *testing.T) {
	m, err := DefaultCaseModel()
	require.NoError(t, err)
	assert.Greater(t, m.Len(), 5000)
	assert.Greater(t, m.LogProb("phật", Title), m.LogProb("phát", Title))
}
