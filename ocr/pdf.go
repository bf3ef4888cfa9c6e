package ocr

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// PDF pages are read with poppler's command-line tools (poppler-utils):
// pdfinfo for the page count and sizes, pdfimages to take out a scanned
// page's image at its own resolution, and pdftoppm to rasterise any other
// page. They are the reference PDF renderer on Linux; no Go library renders
// arbitrary PDF pages as faithfully.

// rasterDPI is the resolution at which pages that are not one scanned image
// are rendered.
const rasterDPI = 300

// ErrNoPoppler reports that a PDF was given but poppler's tools are not
// installed.
var ErrNoPoppler = errors.New("reading PDF needs poppler's pdfinfo, pdfimages and pdftoppm (package poppler-utils)")

// pdfFile describes the pages of a PDF and how each will be read.
type pdfFile struct {
	path  string
	pages []pdfPage
}

type pdfPage struct {
	wPt, hPt float64 // page size in points
	rot      int
	image    *pdfImage // the page's only image, nil if none or several
}

type pdfImage struct {
	width, height int
	xppi, yppi    float64
}

// openPDF reads the page list of a PDF, refusing it when it has more than
// maxPages pages (0: no limit).
func openPDF(ctx context.Context, path string, maxPages int) (*pdfFile, error) {
	for _, tool := range []string{"pdfinfo", "pdfimages", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			return nil, ErrNoPoppler
		}
	}
	out, err := runTool(ctx, "pdfinfo", path)
	if err != nil {
		return nil, err
	}
	n := -1
	for _, line := range strings.Split(out, "\n") {
		if v, ok := strings.CutPrefix(line, "Pages:"); ok {
			n, _ = strconv.Atoi(strings.TrimSpace(v))
		}
	}
	if n < 0 {
		return nil, fmt.Errorf("%w: pdf: pdfinfo gives no page count", ErrCorrupt)
	}
	if n == 0 {
		return nil, fmt.Errorf("%w: pdf has no page", ErrCorrupt)
	}
	if maxPages > 0 && n > maxPages {
		return nil, fmt.Errorf("%w: %d pages, limit %d", ErrTooManyPages, n, maxPages)
	}
	f := &pdfFile{path: path, pages: make([]pdfPage, n)}
	if err := f.readSizes(ctx); err != nil {
		return nil, err
	}
	if err := f.readImages(ctx); err != nil {
		return nil, err
	}
	return f, nil
}

// readSizes parses "Page    N size: W x H pts" and "Page    N rot:  R".
func (f *pdfFile) readSizes(ctx context.Context) error {
	out, err := runTool(ctx, "pdfinfo", "-f", "1", "-l", strconv.Itoa(len(f.pages)), f.path)
	if err != nil {
		return err
	}
	for _, line := range strings.Split(out, "\n") {
		fs := strings.Fields(line)
		if len(fs) < 4 || fs[0] != "Page" {
			continue
		}
		i, err := strconv.Atoi(fs[1])
		if err != nil || i < 1 || i > len(f.pages) {
			continue
		}
		p := &f.pages[i-1]
		switch fs[2] {
		case "size:":
			if len(fs) >= 6 {
				p.wPt, _ = strconv.ParseFloat(fs[3], 64)
				p.hPt, _ = strconv.ParseFloat(fs[5], 64)
			}
		case "rot:":
			p.rot, _ = strconv.Atoi(fs[3])
		}
	}
	return nil
}

// readImages parses pdfimages -list and keeps, for each page, its image if
// it is the page's only image and covers most of the page: such a page is a
// scan, read at the image's own resolution.
func (f *pdfFile) readImages(ctx context.Context) error {
	out, err := runTool(ctx, "pdfimages", "-list", f.path)
	if err != nil {
		return err
	}
	count := make([]int, len(f.pages))
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		// page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
		if len(fs) < 14 || fs[2] != "image" {
			continue
		}
		i, err := strconv.Atoi(fs[0])
		if err != nil || i < 1 || i > len(f.pages) {
			continue
		}
		count[i-1]++
		w, _ := strconv.Atoi(fs[3])
		h, _ := strconv.Atoi(fs[4])
		xppi, _ := strconv.ParseFloat(fs[12], 64)
		yppi, _ := strconv.ParseFloat(fs[13], 64)
		f.pages[i-1].image = &pdfImage{width: w, height: h, xppi: xppi, yppi: yppi}
	}
	for i := range f.pages {
		p := &f.pages[i]
		if count[i] != 1 || p.rot%360 != 0 || !p.image.covers(p.wPt, p.hPt) {
			p.image = nil
		}
	}
	return nil
}

// covers reports whether the image, at its resolution, spans at least 80%
// of each side of a page of w×h points.
func (im *pdfImage) covers(w, h float64) bool {
	if im.xppi <= 0 || im.yppi <= 0 || w <= 0 || h <= 0 {
		return false
	}
	iw, ih := float64(im.width)/im.xppi*72, float64(im.height)/im.yppi*72
	return iw >= 0.8*w && ih >= 0.8*h
}

// page extracts or renders page i (0-based), checking its pixel size first.
func (f *pdfFile) page(ctx context.Context, i int, lim limits) (pageImage, error) {
	p := f.pages[i]
	dir, err := os.MkdirTemp("", "vnrestore-pdf-")
	if err != nil {
		return pageImage{}, err
	}
	defer os.RemoveAll(dir)
	num := strconv.Itoa(i + 1)
	prefix := filepath.Join(dir, "p")
	var dpi float64
	if p.image != nil {
		if err := lim.checkSize(p.image.width, p.image.height); err != nil {
			return pageImage{}, fmt.Errorf("page %d: %w", i+1, err)
		}
		if _, err := runTool(ctx, "pdfimages", "-f", num, "-l", num, "-png", f.path, prefix); err != nil {
			return pageImage{}, err
		}
		dpi = p.image.xppi
	} else {
		w, h := int(p.wPt/72*rasterDPI+0.5), int(p.hPt/72*rasterDPI+0.5)
		if err := lim.checkSize(w, h); err != nil {
			return pageImage{}, fmt.Errorf("page %d at %d dpi: %w", i+1, rasterDPI, err)
		}
		if _, err := runTool(ctx, "pdftoppm", "-f", num, "-l", num, "-r", strconv.Itoa(rasterDPI),
			"-gray", "-png", "-singlefile", f.path, prefix); err != nil {
			return pageImage{}, err
		}
		dpi = rasterDPI
	}
	names, _ := filepath.Glob(prefix + "*.png")
	if len(names) != 1 {
		return pageImage{}, fmt.Errorf("%w: pdf page %d: poppler produced %d images", ErrCorrupt, i+1, len(names))
	}
	data, err := os.ReadFile(names[0])
	if err != nil {
		return pageImage{}, err
	}
	pi, err := decodeRaster(data, FormatPNG, lim)
	if err != nil {
		return pageImage{}, fmt.Errorf("page %d: %w", i+1, err)
	}
	pi.dpi = dpi // poppler's PNGs may claim 72 dpi
	return pi, nil
}

// runTool runs a poppler tool and returns its standard output; a failure
// becomes ErrCorrupt with the tool's first error line.
func runTool(ctx context.Context, name string, args ...string) (string, error) {
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		msg := strings.TrimSpace(stderr.String())
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i]
		}
		if msg == "" {
			msg = err.Error()
		}
		return "", fmt.Errorf("%w: pdf: %s: %s", ErrCorrupt, name, msg)
	}
	return stdout.String(), nil
}
