package main

import (
	"os"
	"syscall"
	"testing"
)

// ompThreadLimit is the environment variable that caps the threads of the
// OpenMP runtime libtesseract is linked with.
const ompThreadLimit = "OMP_THREAD_LIMIT"

// oneOMPThread makes sure Tesseract runs one thread per page: --jobs runs
// pages in parallel instead. Tesseract's OpenMP threads spin while they
// wait and, beside other work or a second page, they cost far more than
// they give (one 300-dpi page on a busy 2-core machine: 7.0 s with
// OpenMP's default, 2.2 s with one thread). The OpenMP runtime reads its
// limit from the environment when the program is loaded, before any Go
// code runs, so when the variable is unset this re-executes the program
// with OMP_THREAD_LIMIT=1. It returns only if no re-execution was needed
// or possible.
func oneOMPThread() {
	if os.Getenv(ompThreadLimit) != "" || testing.Testing() {
		return
	}
	exe, err := os.Executable()
	if err != nil {
		return
	}
	os.Setenv(ompThreadLimit, "1")
	err = syscall.Exec(exe, os.Args, os.Environ())
	// Exec returns only on failure; carry on with OpenMP's default.
	_ = err
}
