package main

import (
	"bufio"
	"errors"
	"io"
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
