package main

import (
	"bufio"
	"errors"
	"io"
	"os"
	"path/filepath"
)

// streamLines copies r to w line by line through fn, which must keep the
// line end it is given (LF, CRLF, or none at the end of the input).
func streamLines(r io.Reader, w io.Writer, fn func(string) string) error {
	br := bufio.NewReaderSize(r, 1<<16)
	bw := bufio.NewWriterSize(w, 1<<16)
	for {
		line, err := br.ReadString('\n')
		if len(line) > 0 {
			// fn keeps line ends: it sees the line with its "\n" or "\r\n".
			if _, werr := bw.WriteString(fn(line)); werr != nil {
				return werr
			}
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
	}
	return bw.Flush()
}

// writeFileAtomic writes data to path through a temporary file in the same
// directory and a rename, so that path never holds a partial file.
func writeFileAtomic(path string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 1<<16)
	if err = write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	// CreateTemp makes the file private; an output is an ordinary file.
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
