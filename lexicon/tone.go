package lexicon

// ToneCounts counts, over the training text, the syllables whose spelling
// depends on the tone placement style (open oa, oe, uy with a tone mark):
// old style "hòa", "thủy" against new style "hoà", "thuỷ".
type ToneCounts struct {
	Old int64 `json:"old"` // syllables written in the old style
	New int64 `json:"new"` // syllables written in the new style
}

// Preferred returns the style the training text uses more often (OldStyle
// on a tie).
func (t ToneCounts) Preferred() ToneStyle {
	if t.New > t.Old {
		return NewStyle
	}
	return OldStyle
}

// count adds the style of one word token, if its spelling has one.
func (t *ToneCounts) count(word string) {
	if s, ok := StyleOf(word); ok {
		if s == NewStyle {
			t.New++
		} else {
			t.Old++
		}
	}
}
