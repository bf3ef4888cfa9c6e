package vnenc

import (
	"bufio"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestEnglishProseUnchanged feeds DecodeAuto every line of the license texts
// on the machine and the doc comments of a few Go standard packages — tens
// of thousands of English lines with code, math and punctuation — and
// requires each to come back unchanged.
func TestEnglishProseUnchanged(t *testing.T) {
	if testing.Short() {
		t.Skip("long")
	}
	var files []string
	lic, _ := filepath.Glob("/usr/share/common-licenses/*")
	files = append(files, lic...)
	for _, pkg := range []string{"net/http", "fmt", "strings", "go/ast", "regexp/syntax"} {
		src, _ := filepath.Glob(filepath.Join(runtime.GOROOT(), "src", pkg, "*.go"))
		files = append(files, src...)
	}
	if len(files) == 0 {
		t.Skip("no English text on this machine")
	}
	n, changed := 0, 0
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if strings.HasSuffix(name, ".go") {
				if !strings.HasPrefix(line, "//") {
					continue
				}
				line = strings.TrimSpace(strings.TrimPrefix(line, "//"))
			}
			if line == "" {
				continue
			}
			n++
			out, d, err := DecodeAuto([]byte(line))
			if err != nil || d.Converts() || string(out) != line {
				changed++
				if changed <= 20 {
					t.Errorf("%s: %q became %q as %v (%v)", filepath.Base(name), line, out, d, err)
				}
			}
		}
		f.Close()
	}
	t.Logf("%d English lines, %d changed", n, changed)
}
