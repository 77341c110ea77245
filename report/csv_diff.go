package report

import (
	"strconv"

	"countyscore/pipeline"
	"countyscore/scoring"
)

// diffCSVColumns are the columns of a diff in CSV; a set in which an item
// may not apply adds "reason".
var diffCSVColumns = []string{"side", "subject", "old_year", "new_year", "old_points", "new_points", "old_met", "new_met", "old_verdict", "new_verdict",
	"old_rank", "new_rank", "regressed", "newly_met", "newly_failed", "item", "measure", "condition", "old", "new", "direction", "to_go"}

// writeDiffCSV writes one row per changed value of each subject (a
// subject with no change gets one row), then the subjects on one side only.
// A subject's first cells are formatted once, straight into the row's
// bytes, and copied to the head of each of its rows: 100,000 subjects
// make some 280,000 rows, and no cell of them is made a string first.
// Each subject is written as EachSubject hands it on, and nothing of it
// kept.
func writeDiffCSV(c *csvWriter, d *pipeline.Diff) error {
	cols := append([]string{}, diffCSVColumns...)
	hasNA := d.Set.HasNA()
	if hasNA {
		cols = append(cols, "reason")
	}
	c.row(cols...)
	var head []byte
	var headCells int
	err := d.EachSubject(func(s *pipeline.SubjectDiff) error {
		c.begin()
		c.cell("both")
		c.cell(s.Subject)
		c.year(s.OldYear)
		c.year(s.NewYear)
		c.numP(s.OldPoints)
		c.numP(s.NewPoints)
		c.intP(s.OldMet)
		c.intP(s.NewMet)
		c.cell(s.OldVerdict)
		c.cell(s.NewVerdict)
		c.int(s.OldRank)
		c.int(s.NewRank)
		c.cell(strconv.FormatBool(s.Regressed))
		c.joined(s.NewlyMet)
		c.joined(s.NewlyFailed)
		head, headCells = append(head[:0], c.line...), c.cells
		again := func() { c.line, c.cells = append(c.line[:0], head...), headCells }
		if len(s.Changes) == 0 && len(s.NotApplicable) == 0 {
			c.blanks(len(cols) - headCells)
			c.end()
		}
		for j := range s.Changes {
			m := &s.Changes[j]
			again()
			c.cell(m.Item)
			c.cell(m.Measure)
			c.cell(m.Condition)
			c.scalarP(m.Old)
			c.scalarP(m.New)
			c.cell(m.Direction)
			c.numP(m.ToGo)
			c.blanks(len(cols) - c.cells) // reason
			c.end()
		}
		for _, n := range s.NotApplicable {
			again()
			c.cell(n.ID)
			c.blanks(2)
			c.cell(n.Old)
			c.cell(n.New)
			c.cell(scoring.StatusNA)
			c.blanks(1)
			if hasNA {
				c.cell(n.Reason)
			}
			c.end()
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, e := range d.OnlyOld {
		c.begin()
		c.cell("old-only")
		c.cell(e.Subject)
		c.year(e.Year)
		c.blanks(len(cols) - c.cells)
		c.end()
	}
	for _, e := range d.OnlyNew {
		c.begin()
		c.cell("new-only")
		c.cell(e.Subject)
		c.blanks(1)
		c.year(e.Year)
		c.blanks(len(cols) - c.cells)
		c.end()
	}
	return nil
}

// blanks adds n empty cells.
func (c *csvWriter) blanks(n int) {
	for range n {
		c.sep()
	}
}

// int adds v as strconv.Itoa writes it, made safe.
func (c *csvWriter) int(v int) {
	if v < 0 {
		c.cell(strconv.Itoa(v)) // made safe as a leading "-" asks
		return
	}
	c.sep()
	c.line = strconv.AppendInt(c.line, int64(v), 10)
}

// intP adds *v, or nothing for nil.
func (c *csvWriter) intP(v *int) {
	if v == nil {
		c.cell("")
		return
	}
	c.int(*v)
}

// year adds a year as yearText writes it: nothing for none.
func (c *csvWriter) year(y int) {
	if y == 0 {
		c.cell("")
		return
	}
	c.int(y)
}

// numP adds n as numP writes it.
func (c *csvWriter) numP(n *scoring.Number) {
	if n == nil {
		c.cell("")
		return
	}
	c.num(n.V)
}

// scalarP adds v as scalarCSV writes it, or nothing for nil.
func (c *csvWriter) scalarP(v *scoring.Scalar) {
	switch {
	case v == nil:
		c.cell("")
	case v.IsBool:
		c.cell(strconv.FormatBool(v.Bool))
	default:
		c.num(v.Num)
	}
}
