package errmodel

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
)

// The model file is gzip-compressed UTF-8 text, one record per line, fields
// separated by tabs, strings Go-quoted:
//
//	vnrestore-channel	1
//	name	"legacy"
//	stats	lines pairs merges splits boundaries skipped exact
//	case	numPatterns×numCases counts, row by row
//	alpha	"ủ"	total
//	rule	"ủ"	"ti"	count
//	end	number-of-rule-records
//
// The trailing end record guards against truncated files.
const (
	fileMagic   = "vnrestore-channel"
	fileVersion = 1
)

// WriteTo writes p in the model file format.
func (p *Params) WriteTo(w io.Writer) (int64, error) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	bw := bufio.NewWriter(zw)
	fmt.Fprintf(bw, "%s\t%d\n", fileMagic, fileVersion)
	fmt.Fprintf(bw, "name\t%q\n", p.Name)
	s := p.Stats
	fmt.Fprintf(bw, "stats\t%d\t%d\t%d\t%d\t%d\t%d\t%d\n", s.Lines, s.Pairs, s.Merges, s.Splits, s.Boundaries, s.Skipped, s.Exact)
	bw.WriteString("case")
	for _, row := range p.Cases {
		for _, c := range row {
			fmt.Fprintf(bw, "\t%g", c)
		}
	}
	bw.WriteString("\n")
	alphas := make([]string, 0, len(p.AlphaTotal))
	for a := range p.AlphaTotal {
		alphas = append(alphas, a)
	}
	sort.Strings(alphas)
	for _, a := range alphas {
		fmt.Fprintf(bw, "alpha\t%q\t%g\n", a, p.AlphaTotal[a])
	}
	for _, r := range p.Rules {
		fmt.Fprintf(bw, "rule\t%q\t%q\t%g\n", r.Alpha, r.Beta, r.Count)
	}
	fmt.Fprintf(bw, "end\t%d\n", len(p.Rules))
	if err := bw.Flush(); err != nil {
		return 0, err
	}
	if err := zw.Close(); err != nil {
		return 0, err
	}
	return buf.WriteTo(w)
}

// ErrFormat is wrapped by every error ReadParams returns for a file that is
// not a valid model file.
var ErrFormat = errors.New("not a valid channel model file")

// ReadParams reads a model file written by Params.WriteTo.
func ReadParams(r io.Reader) (*Params, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	p := &Params{AlphaTotal: make(map[string]float64)}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: line %d: %s", ErrFormat, line, fmt.Sprintf(format, args...))
	}
	ended := false
	for sc.Scan() {
		line++
		f := strings.Split(sc.Text(), "\t")
		if line == 1 {
			if len(f) != 2 || f[0] != fileMagic {
				return nil, bad("missing %q header", fileMagic)
			}
			if f[1] != strconv.Itoa(fileVersion) {
				return nil, bad("unsupported version %q (want %d)", f[1], fileVersion)
			}
			continue
		}
		if ended {
			return nil, bad("data after the end record")
		}
		switch f[0] {
		case "name":
			if len(f) != 2 {
				return nil, bad("name: want 1 field")
			}
			if p.Name, err = strconv.Unquote(f[1]); err != nil {
				return nil, bad("name: %v", err)
			}
		case "stats":
			if len(f) != 8 {
				return nil, bad("stats: want 7 fields, have %d", len(f)-1)
			}
			dst := []*int{&p.Stats.Lines, &p.Stats.Pairs, &p.Stats.Merges, &p.Stats.Splits, &p.Stats.Boundaries, &p.Stats.Skipped, &p.Stats.Exact}
			for i, d := range dst {
				if *d, err = strconv.Atoi(f[i+1]); err != nil || *d < 0 {
					return nil, bad("stats: bad count %q", f[i+1])
				}
			}
		case "case":
			if len(f) != 1+numPatterns*numCases {
				return nil, bad("case: want %d fields, have %d", numPatterns*numCases, len(f)-1)
			}
			for i := range numPatterns * numCases {
				c, err := parseCount(f[i+1])
				if err != nil {
					return nil, bad("case: %v", err)
				}
				p.Cases[i/numCases][i%numCases] = c
			}
		case "alpha":
			if len(f) != 3 {
				return nil, bad("alpha: want 2 fields")
			}
			a, err := strconv.Unquote(f[1])
			if err != nil || a == "" {
				return nil, bad("alpha: bad segment %s", f[1])
			}
			if p.AlphaTotal[a], err = parseCount(f[2]); err != nil {
				return nil, bad("alpha: %v", err)
			}
		case "rule":
			if len(f) != 4 {
				return nil, bad("rule: want 3 fields")
			}
			a, err1 := strconv.Unquote(f[1])
			b, err2 := strconv.Unquote(f[2])
			c, err3 := parseCount(f[3])
			if err1 != nil || err2 != nil || err3 != nil || a == "" {
				return nil, bad("rule: bad record")
			}
			if c > p.AlphaTotal[a] {
				return nil, bad("rule %q -> %q: count %g exceeds the total %g of its segment", a, b, c, p.AlphaTotal[a])
			}
			p.Rules = append(p.Rules, Rule{Alpha: a, Beta: b, Count: c})
		case "end":
			if len(f) != 2 || f[1] != strconv.Itoa(len(p.Rules)) {
				return nil, bad("end record does not match the %d rules read", len(p.Rules))
			}
			ended = true
		default:
			return nil, bad("unknown record %q", f[0])
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	if !ended {
		return nil, fmt.Errorf("%w: truncated (no end record)", ErrFormat)
	}
	if len(p.Rules) == 0 {
		return nil, fmt.Errorf("%w: no rules", ErrFormat)
	}
	return p, nil
}

// parseCount parses a non-negative finite count.
func parseCount(s string) (float64, error) {
	c, err := strconv.ParseFloat(s, 64)
	if err != nil || c < 0 || math.IsInf(c, 0) || math.IsNaN(c) {
		return 0, fmt.Errorf("bad count %q", s)
	}
	return c, nil
}
