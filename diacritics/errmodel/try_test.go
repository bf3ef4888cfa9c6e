package errmodel

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestTry(t *testing.T) {
	p, _ := Embedded("legacy")
	for _, beam := range []float32{2, 3, 4} {
		data, _ := os.ReadFile("/tmp/chtry/inv2.txt")
		known := map[string]bool{}
		for _, w := range strings.Fields(string(data)) {
			known[w] = true
		}
		m := New(p, Options{CacheSize: -1, Beam: beam, Known: func(s string) bool { return known[s] }})
		for _, q := range []string{"thong", "cua", "nguoi", "s6", "dugc", "chitc", "viec"} {
			sc := m.scratch.Get().(*scratch)
			sc.visits = 0
			m.scratch.Put(sc)
			c := m.search(q)
			sc = m.scratch.Get().(*scratch)
			fmt.Println(beam, q, sc.visits, len(c), c[0].LogProb)
			m.scratch.Put(sc)
		}
	}
	fmt.Println(len(New(p, Options{}).trie.nodes))
}
