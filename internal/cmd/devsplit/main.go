// Command devsplit divides the corpus files into their training and
// development parts according to data/devsplit.tsv.
//
//	go run ./internal/cmd/devsplit -split data/devsplit.tsv -src ../shared/corpus/train -out build/corpus
//
// writes OUT/train/NAME and OUT/dev/NAME for every NAME.txt in SRC. Output
// files are written atomically (temp file + rename).
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/vnarchive/vnrestore/internal/atomicfile"
	"github.com/vnarchive/vnrestore/internal/devsplit"
)

func main() {
	splitPath := flag.String("split", "data/devsplit.tsv", "development split description")
	src := flag.String("src", "../shared/corpus/train", "directory of corpus *.txt files")
	out := flag.String("out", "build/corpus", "output directory (train/ and dev/ are created in it)")
	flag.Parse()
	if err := run(*splitPath, *src, *out); err != nil {
		fmt.Fprintln(os.Stderr, "devsplit:", err)
		os.Exit(1)
	}
}

func run(splitPath, src, out string) error {
	split, err := devsplit.ParseFile(splitPath)
	if err != nil {
		return err
	}
	if st, err := os.Stat(src); err != nil || !st.IsDir() {
		return fmt.Errorf("corpus directory %s is missing: the shared corpus (../shared/corpus/train) is needed", src)
	}
	files, err := filepath.Glob(filepath.Join(src, "*.txt"))
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("no *.txt files in %s", src)
	}
	sort.Strings(files)
	for _, f := range split.Files() {
		if _, err := os.Stat(filepath.Join(src, f)); err != nil {
			return fmt.Errorf("%s names %s, which is not in %s", splitPath, f, src)
		}
	}
	for _, d := range []string{"train", "dev"} {
		if err := os.MkdirAll(filepath.Join(out, d), 0o755); err != nil {
			return err
		}
	}
	for _, f := range files {
		name := filepath.Base(f)
		c, err := divideFile(split, f, filepath.Join(out, "train", name), filepath.Join(out, "dev", name))
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "%s: %d train lines, %d dev lines\n", name, c.Train, c.Dev)
	}
	return nil
}

func divideFile(split *devsplit.Split, src, trainPath, devPath string) (devsplit.Counts, error) {
	in, err := os.Open(src)
	if err != nil {
		return devsplit.Counts{}, err
	}
	defer in.Close()
	train, err := atomicfile.Create(trainPath)
	if err != nil {
		return devsplit.Counts{}, err
	}
	defer train.Abort()
	dev, err := atomicfile.Create(devPath)
	if err != nil {
		return devsplit.Counts{}, err
	}
	defer dev.Abort()
	c, err := split.Divide(filepath.Base(src), in, train, dev)
	if err != nil {
		return c, err
	}
	return c, errors.Join(train.Commit(), dev.Commit())
}
