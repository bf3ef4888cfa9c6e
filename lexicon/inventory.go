package lexicon

import (
	"sort"
	"strings"
	"sync"
)

// Candidates returns every well-formed lower-case syllable, in canonical
// (Key) form, whose ASCII skeleton is skeleton: Candidates("dang") holds
// "dang", "đang", "đảng", "dạng", ... The list comes from the spelling
// rules, not from a corpus, so it also holds syllables no text has used.
// The returned slice is shared: do not modify it.
func Candidates(skeleton string) []string {
	inv := inventory()
	return inv.bySkeleton[skeleton]
}

// Inventory returns every well-formed lower-case syllable in canonical form,
// sorted. The returned slice is shared: do not modify it.
func Inventory() []string {
	return inventory().all
}

type syllableInventory struct {
	all        []string
	bySkeleton map[string][]string
}

var (
	inventoryOnce sync.Once
	inventoryData *syllableInventory
)

func inventory() *syllableInventory {
	inventoryOnce.Do(func() {
		inventoryData = buildInventory()
	})
	return inventoryData
}

// buildInventory generates every onset × rime × tone allowed by the rules.
func buildInventory() *syllableInventory {
	inv := &syllableInventory{bySkeleton: map[string][]string{}}
	add := func(onset, rime string) {
		for t := Level; t < numTones; t++ {
			if hasStopCoda(rime) && t != Acute && t != Dot {
				continue
			}
			w := Syllable{Onset: onset, Rime: rime, Tone: t}.Compose(OldStyle)
			inv.all = append(inv.all, w)
		}
	}
	rimeNames := sortedKeys(rimes)
	for _, o := range onsetsLongestFirst {
		switch o {
		case "qu":
			for _, r := range sortedKeys(quRimes) {
				add(o, r)
			}
		case "gi":
			for _, r := range rimeNames {
				if strings.HasPrefix(r, "iê") {
					add(o, r[len("i"):])
				} else if !strings.HasPrefix(r, "i") {
					add(o, r)
				}
			}
		default:
			for _, r := range rimeNames {
				add(o, r)
			}
		}
	}
	sort.Strings(inv.all)
	// Keep only what the parser accepts back as itself, once.
	uniq := inv.all[:0]
	for i, w := range inv.all {
		if i > 0 && w == inv.all[i-1] {
			continue
		}
		if Key(w) != w {
			continue
		}
		uniq = append(uniq, w)
		sk := Skeleton(w)
		inv.bySkeleton[sk] = append(inv.bySkeleton[sk], w)
	}
	inv.all = uniq
	return inv
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
