// Package atomicfile writes files that never show partial contents: the
// data goes to a temporary file in the same directory, which is synced and
// then renamed over the destination.
package atomicfile

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
)

// A File is an output being written to a temporary file beside its path.
// Commit puts it in place; Abort, safe to defer, drops it unless committed.
type File struct {
	tmp  *os.File
	w    *bufio.Writer
	path string
	done bool
}

// Create starts the output to path, creating its directory if needed.
func Create(path string) (*File, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return nil, err
	}
	return &File{tmp: tmp, w: bufio.NewWriterSize(tmp, 1<<16), path: path}, nil
}

// Write writes p to the output (buffered).
func (f *File) Write(p []byte) (int, error) { return f.w.Write(p) }

// Commit flushes the output, syncs it to disk, so that a crash leaves the
// old file or the whole new one, and renames it to its path as an ordinary
// file (mode 0644). After an error the output is dropped.
func (f *File) Commit() (err error) {
	defer func() {
		if err != nil {
			f.Abort()
		}
	}()
	if err = f.w.Flush(); err != nil {
		return err
	}
	if err = f.tmp.Sync(); err != nil {
		return err
	}
	if err = f.tmp.Close(); err != nil {
		return err
	}
	// CreateTemp makes the file private; an output is an ordinary file.
	if err = os.Chmod(f.tmp.Name(), 0o644); err != nil {
		return err
	}
	if err = os.Rename(f.tmp.Name(), f.path); err != nil {
		return err
	}
	f.done = true
	return nil
}

// Abort drops the output unless it was committed.
func (f *File) Abort() {
	if !f.done {
		f.done = true
		f.tmp.Close()
		os.Remove(f.tmp.Name())
	}
}

// Write writes path with write, atomically: path never holds a partial
// file, and keeps its old contents when write or the commit fails.
func Write(path string, write func(io.Writer) error) error {
	f, err := Create(path)
	if err != nil {
		return err
	}
	defer f.Abort()
	if err := write(f); err != nil {
		return err
	}
	return f.Commit()
}
