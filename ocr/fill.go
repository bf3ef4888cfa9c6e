package ocr

import (
	"cmp"
	"container/heap"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vnarchive/vnrestore/lexicon"
)

// A filler rereads the doubtful words of a corrected line: for each word
// Tesseract read with little confidence, it picks among the most frequent
// syllables the one that best fits the words around it and looks most like
// the letters Tesseract read. The decoder weighs only the OCR channel's
// readings of a word, at most 16, and on faded scans the right word is
// often not among them: "tiphiei›" is "nghiệp", "nạitút" is "nước".
//
// Its settings were chosen on the 12 heavy and 8 medium synthetic training
// pages listed in data/ocr-tune.txt, with an OCR channel trained without
// them; the table "Tuning the correction" in ocr/README.md gives the
// figures.
type filler struct {
	model *lexicon.Model
	vocab []fillWord // the fillVocab most frequent syllables of the model
}

// The filler's settings, chosen on the training pages.
const (
	// fillMaxConf: words read with this confidence or more are kept. The
	// gain grew up to 60-80 (heavy WER 0.1594 at 60, 0.1589 at 70, 0.1582
	// at 80) and medium pages got worse at 90.
	fillMaxConf = 70
	// fillMaxLetters: longer words are no syllable gone wrong but foreign
	// words ("qualification") or names.
	fillMaxLetters = 8
	// fillVocab: the syllables considered (1,000: heavy WER 0.1619, 3,000:
	// 0.1570).
	fillVocab = 3000
	// fillShortlist: how many syllables, ranked by likeness and frequency,
	// are weighed in context.
	fillShortlist = 512
	// fillRight: how many of the shortlist, ranked with the words before,
	// are weighed with the words after.
	fillRight = 128
	// likeWeight weighs likeness (minus the edit distance of the skeletons
	// over the longer's length, 0 to -1) against the language model's log10
	// probabilities (3: 0.1565, 4: 0.1558, 5: 0.1560).
	likeWeight = 4
	// markCost is what a letter read with other marks ("ạ" for "ư") adds
	// to the distance (0: 0.1567, 0.2: 0.1545, 0.4: 0.1543).
	markCost = 0.4
)

type fillWord struct {
	k   int // index in filler.vocab
	id  lexicon.WordID
	uni float32 // log10 P(word)
	key string
	// skel is the word without marks, letters the word's letters (the same
	// length).
	skel, letters []rune
}

// newFiller indexes the most frequent syllables of model.
func newFiller(model *lexicon.Model) *filler {
	// Rank every syllable of the vocabulary, then build skeletons and
	// letters only for the fillVocab kept.
	type cand struct {
		id  lexicon.WordID
		uni float32
		key string
	}
	var cands []cand
	for id := range model.VocabSize() {
		w := model.Word(lexicon.WordID(id))
		if w == "" || !lexicon.IsSyllable(w) {
			continue
		}
		cands = append(cands, cand{lexicon.WordID(id), model.Unigram(lexicon.WordID(id)), w})
	}
	slices.SortFunc(cands, func(a, b cand) int {
		return cmp.Or(cmp.Compare(b.uni, a.uni), cmp.Compare(a.key, b.key))
	})
	cands = cands[:min(len(cands), fillVocab)]
	f := &filler{model: model, vocab: make([]fillWord, len(cands))}
	for k, c := range cands {
		f.vocab[k] = fillWord{k: k, id: c.id, uni: c.uni, key: c.key, skel: []rune(lexicon.Skeleton(c.key)), letters: []rune(c.key)}
	}
	return f
}

// fill rereads the doubtful words of out, the corrected words of a line;
// raw are the words as Tesseract read them, with its confidences.
func (f *filler) fill(out []string, raw []WordInput) {
	if !slices.ContainsFunc(raw, func(w WordInput) bool { return w.Confidence < fillMaxConf }) {
		return // no word is doubtful (see doubtful)
	}
	ids := make([]lexicon.WordID, len(out))
	for i, w := range out {
		ids[i] = f.wordID(w)
	}
	for i := range out {
		core, ok := f.doubtful(out[i], ids[i], raw[i].Confidence)
		if !ok {
			continue
		}
		seen := core
		if c := trimCore(raw[i].Text); c != "" {
			seen = c
		}
		best := f.best(seen, ids, i)
		if best == nil || best.id == ids[i] {
			continue
		}
		rep := best.key
		if r, _ := utf8.DecodeRuneInString(core); unicode.IsUpper(r) {
			rep = lexicon.TitleCase(rep)
		}
		out[i] = strings.Replace(out[i], core, rep, 1)
		ids[i] = best.id
	}
}

// doubtful returns the letters of the corrected word w, read with
// confidence conf, when the filler should reread it: a word of 2 to
// fillMaxLetters letters, read with less than fillMaxConf, without digits
// (numbers, codes), not in upper case (acronyms), and a syllable or no
// word the model knows (a foreign word, a name). id is w's model word, as
// wordID returns it.
func (f *filler) doubtful(w string, id lexicon.WordID, conf float64) (string, bool) {
	if conf >= fillMaxConf {
		return "", false
	}
	core := trimCore(w)
	if core == "" || hasDigit(core) {
		return "", false
	}
	letters, upper := 0, 0
	for _, r := range core {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	if letters < 2 || letters > fillMaxLetters || upper == letters {
		return "", false
	}
	if !lexicon.IsSyllable(core) && id != lexicon.Unknown {
		return "", false
	}
	return core, true
}

// best returns the syllable that best replaces the word at position i of
// ids, read by Tesseract as seen, or nil.
func (f *filler) best(seen string, ids []lexicon.WordID, i int) *fillWord {
	lower := strings.ToLower(seen)
	obs := []rune(lexicon.Skeleton(lower))
	letters := []rune(lower)
	if len(letters) != len(obs) {
		letters = obs
	}
	// The context is the known words directly before i, at most two: an
	// unknown word cuts it, as on the right, rather than letting the word
	// before it pass for i's neighbour.
	n := 0
	for n < 2 && i-n-1 >= 0 && ids[i-n-1] != lexicon.Unknown {
		n++
	}
	ctx := ids[i-n : i]
	r1, r2 := lexicon.Unknown, lexicon.Unknown
	if i+1 < len(ids) {
		r1 = ids[i+1]
	}
	if i+2 < len(ids) {
		r2 = ids[i+2]
	}
	// First likeness and frequency shortlist the syllables; then the words
	// around weigh the shortlist. The shortlist is a min-heap on score; the
	// vocabulary runs from the most frequent syllable down, so once a
	// syllable's frequency alone (likeness is at most 0) cannot enter the
	// full shortlist, no later one can.
	dist := make([]float32, len(obs)+1)
	top := make(scoredHeap, 0, fillShortlist)
	for k := range f.vocab {
		v := &f.vocab[k]
		full := len(top) == fillShortlist
		if full && v.uni <= top[0].score {
			break
		}
		if full {
			// The distance is at least the difference of the lengths.
			d := len(obs) - len(v.skel)
			if v.uni-likeWeight*float32(max(d, -d))/float32(max(len(obs), len(v.skel))) <= top[0].score {
				continue
			}
		}
		like := likeWeight * -editDistance(obs, v.skel, letters, v.letters, dist) / float32(max(len(obs), len(v.skel)))
		sc := like + v.uni
		switch {
		case !full:
			heap.Push(&top, scored{k, sc, like})
		case sc > top[0].score:
			top[0] = scored{k, sc, like}
			heap.Fix(&top, 0)
		}
	}
	// The words before, for the whole shortlist; the words after, for the
	// best fillRight of it.
	for j := range top {
		top[j].score = top[j].like + f.model.LogProb(ctx, f.vocab[top[j].k].id)
	}
	if r1 != lexicon.Unknown && len(top) > fillRight {
		slices.SortFunc(top, func(a, b scored) int { return cmp.Compare(b.score, a.score) })
		top = top[:fillRight]
	}
	var best *fillWord
	bestScore := float32(-1e30)
	for _, t := range top {
		v := &f.vocab[t.k]
		sc := t.score
		if r1 != lexicon.Unknown {
			sc += f.model.LogProb([]lexicon.WordID{v.id}, r1)
			if r2 != lexicon.Unknown {
				sc += f.model.LogProb([]lexicon.WordID{v.id, r1}, r2)
			}
		}
		if sc > bestScore || sc == bestScore && (best == nil || t.k < best.k) {
			best, bestScore = v, sc
		}
	}
	return best
}

type scored struct {
	k           int // index in filler.vocab
	score, like float32
}

// scoredHeap is a min-heap of scored syllables (container/heap).
type scoredHeap []scored

func (h scoredHeap) Len() int           { return len(h) }
func (h scoredHeap) Less(i, j int) bool { return h[i].score < h[j].score }
func (h scoredHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *scoredHeap) Push(x any)        { *h = append(*h, x.(scored)) }
func (h *scoredHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// wordID returns the model word of an output word, Unknown when it has
// none.
func (f *filler) wordID(w string) lexicon.WordID {
	core := trimCore(w)
	if core == "" {
		return lexicon.Unknown
	}
	return f.model.ID(lexicon.VocabKey(lexicon.Token{Kind: lexicon.Word, Text: core}))
}

// trimCore returns w without the punctuation around it.
func trimCore(w string) string {
	return strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// editDistance is the Levenshtein distance of the skeletons a and b, where
// a letter kept with other marks (af and bf are the letters of a and b)
// costs markCost; dist is scratch of len(a)+1. diacritics/errmodel has the
// same idea in align.go: normDist (Levenshtein over the longer length, as
// best divides this distance) and subCost (0.3 for a letter with other
// marks). They stay apart: this one runs on the filler's hot path over
// prepared skeletons, theirs are internal to the error model's alignment.
func editDistance(a, b, af, bf []rune, dist []float32) float32 {
	for i := range dist {
		dist[i] = float32(i)
	}
	for j := 1; j <= len(b); j++ {
		prev := dist[0]
		dist[0] = float32(j)
		for i := 1; i <= len(a); i++ {
			cur := dist[i]
			c := prev
			if a[i-1] != b[j-1] {
				c++
			} else if af[i-1] != bf[j-1] {
				c += markCost
			}
			dist[i] = min(c, dist[i]+1, dist[i-1]+1)
			prev = cur
		}
	}
	return dist[len(a)]
}
