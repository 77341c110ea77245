package pipeline

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"countyscore/criteria"
	"countyscore/inputs"
	"countyscore/scoring"
	"countyscore/tomlpos"
)

// Entry names one column of a comparison or one row of a trend: a subject
// in one year. Year is 0 for values that give no year.
type Entry struct {
	Subject      string `json:"subject"`
	Year         int    `json:"year,omitempty"`
	Illustrative bool   `json:"illustrative"`
}

// Label is how a table heads the entry: the subject, and its year when
// known.
func (e Entry) Label() string {
	if e.Year == 0 {
		return e.Subject
	}
	return fmt.Sprintf("%s %d", e.Subject, e.Year)
}

// readYears reads every record of a run that may hold several years: a
// subject may appear once per year, and a year outside the plan's years
// (a set with years) is bad input, named with its file, line and field.
func readYears(s *criteria.Set, files []string, warns *inputs.Warnings) ([]*inputs.Record, error) {
	var recs []*inputs.Record
	err := eachYear(s, files, warns, config{}, func(rec *inputs.Record) error {
		recs = append(recs, rec)
		return nil
	})
	return recs, err
}

// eachYear hands fn every record of a run over years, as readYears
// checks them. Reading runs a batch ahead in a goroutine of its own, as
// score's does, unless c asks for it inline. Once a year is found outside
// the plan fn sees no more records; the files are read to the end for
// every problem, returned together.
func eachYear(s *criteria.Set, files []string, warns *inputs.Warnings, c config, fn func(*inputs.Record) error) error {
	src := open(s, files, warns, c)
	src.ByYear = true
	var bad []*inputs.Error
	err := eachRecord(src, func(rec *inputs.Record) error {
		if e := checkYear(s, rec); e != nil {
			bad = append(bad, e)
		}
		if len(bad) > 0 {
			return nil
		}
		return fn(rec)
	})
	if err == nil && len(bad) == 0 {
		return nil
	}
	return withYearErrors(err, bad, files)
}

// checkYear refuses a record whose year lies outside s's years.
func checkYear(s *criteria.Set, rec *inputs.Record) *inputs.Error {
	if !outsideYears(s, rec) {
		return nil
	}
	first, last := s.Years[0], s.Years[len(s.Years)-1]
	return &inputs.Error{File: rec.File, Line: yearLine(rec), Field: "year",
		Msg: fmt.Sprintf("%d is outside the years %d–%d of %s", rec.Year, first, last, s.ID)}
}

// yearLine is the line of a record's year: its row in a CSV, the line of
// the year key in a TOML file (read again only for this message).
func yearLine(rec *inputs.Record) int {
	if rec.Line > 0 || !strings.EqualFold(strings.TrimSpace(rec.File[max(0, len(rec.File)-5):]), ".toml") {
		return rec.Line
	}
	data, err := os.ReadFile(rec.File)
	if err != nil {
		return 0
	}
	return tomlpos.Parse(string(data)).Line("year")
}

// withYearErrors adds the year problems to the reader's own, in file and
// line order, as one *inputs.Errors.
func withYearErrors(err error, bad []*inputs.Error, files []string) error {
	all := &inputs.Errors{}
	var many *inputs.Errors
	var one *inputs.Error
	switch {
	case err == nil:
	case errors.As(err, &many):
		all.List, all.Omitted, all.Rows = slices.Clone(many.List), many.Omitted, many.Rows
	case errors.As(err, &one):
		all.List, all.Rows = []*inputs.Error{one}, 1
	default:
		return err
	}
	if len(bad) == 0 {
		return err
	}
	all.List = append(all.List, bad...)
	all.Rows += len(bad)
	order := func(f string) int { return slices.Index(files, f) }
	slices.SortStableFunc(all.List, func(a, b *inputs.Error) int {
		return cmp.Or(cmp.Compare(order(a.File), order(b.File)), cmp.Compare(a.Line, b.Line))
	})
	return all
}

// yearGroups splits records by year, earliest first, keeping input order
// inside a year: a quota set's city-wide sums are formed within one year.
func yearGroups(recs []*inputs.Record) [][]*inputs.Record {
	var years []int
	by := map[int][]*inputs.Record{}
	for _, r := range recs {
		if _, ok := by[r.Year]; !ok {
			years = append(years, r.Year)
		}
		by[r.Year] = append(by[r.Year], r)
	}
	slices.Sort(years)
	out := make([][]*inputs.Record, len(years))
	for i, y := range years {
		out[i] = by[y]
	}
	return out
}

// quotaYear is one year of a quota run: its results and roll-up.
type quotaYear struct {
	Year    int
	Results []*scoring.Quotas
	Recs    []*inputs.Record
	Rollup  []scoring.RollupRow
}

// evaluateQuotaYears evaluates each year of a quota run on its own.
func evaluateQuotaYears(s *criteria.Set, recs []*inputs.Record, warns *inputs.Warnings) ([]quotaYear, error) {
	var out []quotaYear
	for _, g := range yearGroups(recs) {
		results, err := scoring.EvaluateQuotas(s, g, warns)
		if err != nil {
			return nil, err
		}
		out = append(out, quotaYear{Year: g[0].Year, Results: results, Recs: g, Rollup: scoring.Rollup(s, g, results)})
	}
	return out, nil
}

// SubjectFilter picks and orders the subjects a view shows, by the names
// given (name, short name or division code); nil shows every subject in
// input order.
type SubjectFilter []string

// apply orders entries by the filter: the subjects named, in the order
// named, each with all its years, earliest first. A name that matches no
// subject of the run is bad input.
func (f SubjectFilter) apply(entries []Entry) ([]int, error) {
	idx := make([]int, 0, len(entries))
	if len(f) == 0 {
		for i := range entries {
			idx = append(idx, i)
		}
		return idx, nil
	}
	var names []string
	for _, e := range entries {
		if !slices.Contains(names, e.Subject) {
			names = append(names, e.Subject)
		}
	}
	for _, raw := range f {
		want := inputs.NormalizeName(raw)
		if subj, ok := criteria.Subjects().Resolve(want); ok {
			want = subj.Name
		}
		if !slices.Contains(names, want) {
			msg := fmt.Sprintf("no subject %q in the input", raw)
			if near, ok := criteria.Nearest(want, names); ok {
				msg += fmt.Sprintf("; did you mean %q?", near)
			}
			return nil, &inputs.Error{File: "--subjects", Msg: msg}
		}
		var mine []int
		for i, e := range entries {
			if e.Subject == want && !slices.Contains(idx, i) {
				mine = append(mine, i)
			}
		}
		slices.SortStableFunc(mine, func(a, b int) int { return cmp.Compare(entries[a].Year, entries[b].Year) })
		idx = append(idx, mine...)
	}
	return idx, nil
}
