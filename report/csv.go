package report

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"countyscore/criteria"
	"countyscore/scoring"
)

// safeCell keeps a spreadsheet from reading a cell as a formula: a subject
// name or note typed by a user may start with = + - @ (or a tab or carriage
// return, which some spreadsheets skip before looking), and would run when
// the CSV is opened. A leading apostrophe makes it text.
func safeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// csvWriter writes rows with every cell made safe.
type csvWriter struct {
	w *csv.Writer
}

func newCSVWriter(w io.Writer) *csvWriter { return &csvWriter{w: csv.NewWriter(w)} }

func (c *csvWriter) row(cells ...string) error {
	for i := range cells {
		cells[i] = safeCell(cells[i])
	}
	return c.w.Write(cells)
}

func (c *csvWriter) flush() error {
	c.w.Flush()
	return c.w.Error()
}

// scoredCSV writes one row per subject: the pre-screen list a spreadsheet
// can sort, with every category and indicator's points.
type scoredCSV struct {
	c   *csvWriter
	set *criteria.Set
	row []string
}

func newScoredCSV(w io.Writer, s *criteria.Set) (*scoredCSV, error) {
	c := &scoredCSV{c: newCSVWriter(w), set: s}
	head := []string{"subject", "illustrative", "points", "points_optimistic", "max_points", "verdict",
		"next_line", "next_line_short", "veto_failures", "baseline_failures", "prerequisites_unmet", "missing", "missing_points"}
	for _, cat := range s.Categories {
		head = append(head, cat.ID)
	}
	for _, ind := range s.Indicators {
		head = append(head, ind.ID)
	}
	return c, c.c.row(head...)
}

func (c *scoredCSV) Write(r *scoring.Scored) error {
	row := c.row[:0]
	next, short := "", ""
	if r.NextLine != nil {
		next, short = num(r.NextLine.Points.V), num(r.NextLine.Short.V)
	}
	row = append(row, r.Subject, strconv.FormatBool(r.Illustrative), num(r.Points.V), num(r.PointsOptimistic.V),
		num(r.MaxPoints.V), r.Verdict, next, short, strings.Join(r.VetoFailures, " "), strings.Join(r.BaselineFailures, " "),
		strings.Join(r.PrerequisitesUnmet, " "), strings.Join(r.Missing, " "), num(r.MissingPoints.V))
	for _, cat := range r.Categories {
		row = append(row, num(cat.Points.V))
	}
	for _, ind := range r.Indicators {
		row = append(row, num(ind.Points.V))
	}
	c.row = row
	return c.c.row(row...)
}

func (c *scoredCSV) Close() error { return c.c.flush() }

// writeQuotaCSV writes one row per subject and quota.
func writeQuotaCSV(w io.Writer, s *criteria.Set, results []*scoring.Quotas) error {
	c := newCSVWriter(w)
	if err := c.row("subject", "illustrative", "id", "row", "year", "scope", "target", "actual", "gap", "met", "done_pct", "unit"); err != nil {
		return err
	}
	for _, r := range results {
		for _, q := range r.Quotas {
			if err := c.row(r.Subject, strconv.FormatBool(r.Illustrative), q.ID, q.Row, yearText(q.Year), q.Scope,
				numP(q.Target), numP(q.Actual), numP(q.Gap), strconv.FormatBool(q.Met), numP(q.Done), quotaUnit(s, q.Row, "zh")); err != nil {
				return err
			}
		}
	}
	return c.flush()
}

func yearText(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}

// quotaUnit is the unit of a quota row's measure.
func quotaUnit(s *criteria.Set, row, lang string) string {
	q, ok := s.Quota(row)
	if !ok {
		return ""
	}
	m := quotaMeasure(s, q)
	return m.UnitIn(lang)
}

// quotaMeasure returns the measure a quota row compares (the first year of
// a yearly row).
func quotaMeasure(s *criteria.Set, q criteria.Quota) criteria.Measure {
	if q.MeasureIdx >= 0 {
		return s.Measures[q.MeasureIdx]
	}
	for _, m := range s.Measures {
		if m.Stem == q.Measure {
			return m
		}
	}
	return criteria.Measure{}
}
