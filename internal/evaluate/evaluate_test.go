package evaluate

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLine(t *testing.T) {
	tests := []struct {
		name, ref, hyp           string
		syl, correct             int
		words, wordErr, blindErr int
		chars, charErr           int
	}{
		{"identical", "Xây dựng Đảng, 121-KH/BTGTU", "Xây dựng Đảng, 121-KH/BTGTU", 3, 3, 6, 0, 0, 26, 0},
		{"marks only", "xây dựng Đảng", "xay dung Dang", 3, 0, 3, 3, 0, 13, 4},
		{"one word wrong", "tổ chức đảng", "tổ chức clang", 3, 2, 3, 1, 1, 12, 3},
		{"word dropped", "cán bộ đảng viên", "cán bộ viên", 4, 3, 4, 1, 1, 16, 5},
		{"case counts", "Đảng", "đảng", 1, 0, 1, 1, 1, 4, 1},
		{"punctuation ignored by WER", "a, b.", "a b", 2, 2, 2, 0, 0, 3, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Line(tt.ref, tt.hyp)
			assert.Equal(t, tt.syl, s.Syllables, "syllables")
			assert.Equal(t, tt.correct, s.SyllablesCorrect, "correct")
			assert.Equal(t, tt.words, s.Words, "words")
			assert.Equal(t, tt.wordErr, s.WordErrors, "word errors")
			assert.Equal(t, tt.blindErr, s.BlindWordErrors, "blind word errors")
			assert.Equal(t, tt.chars, s.Chars, "chars")
			assert.Equal(t, tt.charErr, s.CharErrors, "char errors")
		})
	}
}

func TestTexts(t *testing.T) {
	s, err := Texts("xây dựng\nĐảng\n", "xây dung\nĐảng\n")
	require.NoError(t, err)
	assert.Equal(t, 2, s.Lines)
	assert.InDelta(t, 2.0/3, s.SyllableAccuracy(), 1e-9)
	assert.InDelta(t, 1.0/3, s.WER(), 1e-9)
	assert.Zero(t, s.BlindWER())

	// Different line counts: aligned as a whole.
	s, err = Texts("a b\nc\n", "a b c\n")
	require.NoError(t, err)
	assert.Equal(t, 3, s.SyllablesCorrect)
	assert.Zero(t, s.WordErrors)
}
