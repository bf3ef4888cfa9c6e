package lexicon

// Hash returns a hash of the state, for decoders that keep states in hash
// tables. Equal states have equal hashes.
func (s State) Hash() uint64 {
	h := uint64(s.n) * 0x9e3779b97f4a7c15
	for _, w := range s.words[:s.n] {
		h = mix64(h ^ uint64(w))
	}
	return h
}
