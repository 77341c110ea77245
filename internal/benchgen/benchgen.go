// Package benchgen writes large, realistic, deterministic wide CSV inputs
// for benchmarks and the end-to-end runs of `make bench`.
//
// The values follow the criteria set's own thresholds: each row is a
// subject of some "quality" that decides how far above or below each
// threshold its values fall and how likely its yes/no items are met, so a
// sheet holds every verdict, partial points, shortfalls and missing cells,
// the way a real province-wide export would. Output depends only on the
// criteria set, the row count and the seed: the same bytes every run, on
// every platform (integer arithmetic and a SplitMix64 generator, no floats
// and no math/rand stream whose algorithm could change).
package benchgen

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"countyscore/criteria"
	"countyscore/exact"
)

// Options shape a generated sheet.
type Options struct {
	Rows int   // data rows under the header
	Seed int64 // same seed, same bytes
	// Subjects names the rows in turn; when nil every row gets a made-up
	// unique name 县0000001, 县0000002, … (a standard that applies to any
	// county accepts them, and none is close enough to a known subject to
	// draw a typo warning). When given, Rows is capped at len(Subjects).
	Subjects []string
	// Year, when not 0, is the year of every row; otherwise a plan year of
	// the set (or 2022–2024 for a set without plan years).
	Year int
}

// WriteGardenCSV writes rows subjects of the garden-county standard.
func WriteGardenCSV(w io.Writer, rows int, seed int64) error {
	s, err := criteria.Load("garden-county")
	if err != nil {
		return err
	}
	return Write(w, s, Options{Rows: rows, Seed: seed})
}

// SubjectName is the made-up name of row i (from 1).
func SubjectName(i int) string { return fmt.Sprintf("县%07d", i) }

// rng is SplitMix64: tiny, fast, and fixed forever.
type rng struct{ s uint64 }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn returns a value in [0, n).
func (r *rng) intn(n int64) int64 { return int64(r.next() % uint64(n)) }

// permille is a value in [0, 1000).
func (r *rng) permille() int64 { return r.intn(1000) }

// target is what a measure's values gather around: the threshold of the
// first condition that names it, in the measure's own fixed-point units
// (tenths for percents, hundredths for numbers, whole counts).
type target struct {
	given bool
	value int64 // scaled by the measure's unit
	upper bool  // a "≤" or "<" threshold: lower is better
	want  bool  // for a yes/no condition, the value that meets it
	// critical: the measure decides a veto or baseline item, which a
	// county that applies mostly meets; the others spread the points.
	critical bool
}

// scale is the fixed-point denominator of a kind's generated values.
func scale(kind string) int64 {
	switch kind {
	case criteria.Pct:
		return 10
	case criteria.Num:
		return 100
	}
	return 1
}

func targets(s *criteria.Set) []target {
	ts := make([]target, len(s.Measures))
	for i := range ts {
		ts[i].want = true
	}
	for _, ind := range s.Indicators {
		for _, req := range ind.Require {
			for _, c := range req.Conditions {
				t := &ts[c.MeasureIdx]
				t.critical = t.critical || ind.Baseline || req.Veto
				if t.given {
					continue
				}
				t.given = true
				if c.IsBool {
					t.want = c.Bool
					continue
				}
				m := s.Measures[c.MeasureIdx]
				f, err := strconv.ParseFloat(exact.String(c.Value), 64)
				if err != nil {
					continue
				}
				// Rounded once, on a value with at most six decimals: the
				// same integer on every platform.
				t.value = int64(f*float64(scale(m.Kind)) + 0.5)
				t.upper = c.Op == criteria.LE || c.Op == criteria.LT
			}
		}
	}
	return ts
}

// Write writes opts.Rows rows of set s: header subject,population,year and
// every measure ID in the set's order.
func Write(w io.Writer, s *criteria.Set, opts Options) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	ids := s.MeasureIDs()
	bw.WriteString("subject,population,year")
	for _, id := range ids {
		bw.WriteByte(',')
		bw.WriteString(id)
	}
	bw.WriteByte('\n')

	ts := targets(s)
	prereq := make([]bool, len(s.Measures))
	for _, p := range s.Prerequisites {
		prereq[p.Measure] = true
	}
	rows := opts.Rows
	if opts.Subjects != nil && rows > len(opts.Subjects) {
		rows = len(opts.Subjects)
	}
	r := &rng{s: uint64(opts.Seed)}
	var buf []byte
	for i := 1; i <= rows; i++ {
		buf = buf[:0]
		if opts.Subjects != nil {
			buf = append(buf, opts.Subjects[i-1]...)
		} else {
			buf = append(buf, "县"...)
			buf = appendPadded(buf, int64(i), 7)
		}
		// Two qualities 0–999 decide how well this subject does: one on
		// the veto, baseline and prerequisite items, one on the rest.
		// Three in four rows are complete; the rest leave about one cell
		// in twelve blank.
		qc, qg := r.permille(), r.permille()
		gaps := r.intn(4) == 0
		buf = append(buf, ',')
		if r.intn(50) != 0 { // population: 40,000–800,000
			buf = strconv.AppendInt(buf, 40000+r.intn(760001), 10)
		}
		buf = append(buf, ',')
		switch {
		case opts.Year != 0:
			buf = strconv.AppendInt(buf, int64(opts.Year), 10)
		case len(s.Years) > 0:
			buf = strconv.AppendInt(buf, int64(s.Years[r.intn(int64(len(s.Years)))]), 10)
		default:
			buf = strconv.AppendInt(buf, 2022+r.intn(3), 10)
		}
		for j, m := range s.Measures {
			buf = append(buf, ',')
			roll := r.permille()
			if gaps && roll < 80 {
				continue // not measured
			}
			q := qg
			if ts[j].critical || prereq[j] {
				q = qc
			}
			buf = appendValue(buf, r, m, ts[j], prereq[j], q)
		}
		buf = append(buf, '\n')
		if _, err := bw.Write(buf); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// appendValue writes one measured value of a subject of quality q.
func appendValue(buf []byte, r *rng, m criteria.Measure, t target, prereq bool, q int64) []byte {
	if m.Kind == criteria.Bool {
		// Met with probability 50 % (worst subject) to 100 % (best);
		// veto and baseline items 88 % to 100 %, prerequisites 95 % to 100 %.
		p := 500 + 500*q/1000
		switch {
		case prereq:
			p = 950 + 50*q/1000
		case t.critical:
			p = 880 + 120*q/1000
		}
		met := r.permille() < p
		if met == t.want {
			return append(buf, "true"...)
		}
		return append(buf, "false"...)
	}
	sc := scale(m.Kind)
	var v int64
	if t.given && t.value > 0 {
		// 70 %–115 % of the threshold by quality (veto and baseline
		// items 88 %–118 %), ±6 % noise: the best meet it, the worst fall
		// short by a few steps.
		f := 700 + 450*q/1000 + r.intn(121) - 60
		if t.critical {
			f = 880 + 300*q/1000 + r.intn(121) - 60
		}
		if t.upper {
			f = 2000 - f
		}
		v = (t.value*f + 500) / 1000
	} else {
		// No threshold to follow: a spread of plausible values.
		switch m.Kind {
		case criteria.Pct:
			v = r.intn(1001)
		case criteria.Count:
			v = r.intn(61)
		default:
			v = r.intn(5001)
		}
	}
	if m.Kind == criteria.Pct {
		v = min(v, 1000)
		if v > 0 && v < 10 {
			v = 10 // under 1 % would read as a fraction typed for a percent
		}
	}
	v = max(v, 0)
	return appendFixed(buf, v, sc)
}

// appendFixed writes v/sc as a short decimal: 38.9, 40, 1.25.
func appendFixed(buf []byte, v, sc int64) []byte {
	buf = strconv.AppendInt(buf, v/sc, 10)
	frac := v % sc
	if frac == 0 {
		return buf
	}
	digits := len(strconv.FormatInt(sc, 10)) - 1
	f := strconv.AppendInt(nil, frac, 10)
	buf = append(buf, '.')
	for k := len(f); k < digits; k++ {
		buf = append(buf, '0')
	}
	return append(buf, strings.TrimRight(string(f), "0")...)
}

func appendPadded(buf []byte, v int64, width int) []byte {
	s := strconv.FormatInt(v, 10)
	for k := len(s); k < width; k++ {
		buf = append(buf, '0')
	}
	return append(buf, s...)
}
