package report

import (
	"strconv"

	"countyscore/pipeline"
	"countyscore/scoring"
)

// writePlanCSV writes one row per action; a subject with nothing to
// change has one row with no measure. A plan run writes some nine rows
// per subject, each repeating the subject's cells before and after the
// action's: those are made safe and laid out once per plan (planRowParts)
// and copied into each row, not formatted again.
func writePlanCSV(c *csvWriter, run *pipeline.PlanRun) error {
	c.row("subject", "illustrative", "line", "reachable", "points_before", "verdict_before", "measure", "indicator",
		"from", "to", "points_gained", "amount", "due", "reason", "cost", "points_after", "verdict_after", "assumed")
	var parts planRowParts
	return run.EachTransient(func(p *scoring.Plan) error { return writePlanRows(c, &parts, p) })
}

// writePlanRows writes the rows of one plan, laying its shared cells out
// in parts.
func writePlanRows(c *csvWriter, parts *planRowParts, p *scoring.Plan) error {
	parts.lay(c, p)
	if len(p.Actions) == 0 {
		c.begin()
		c.line = append(c.line, parts.lead...)
		c.line = append(c.line, ",,,,,,,,,"...) // nine empty action cells
		c.line = append(c.line, parts.tail...)
		c.cells = 18
		return c.end()
	}
	for i := range p.Actions {
		a := &p.Actions[i]
		c.begin()
		c.line = append(c.line, parts.lead...)
		c.cells = 6
		c.cell(a.Measure)
		c.cell(a.Indicator)
		if a.From != nil {
			planScalarCell(c, *a.From)
		} else {
			c.cell("")
		}
		planScalarCell(c, a.To)
		c.num(a.PointsGained.V)
		planNumCell(c, a.Amount)
		if a.Year > 0 {
			c.sep()
			c.line = strconv.AppendInt(c.line, int64(a.Year), 10)
		} else {
			c.cell(a.Due)
		}
		c.cell(a.Reason)
		planNumCell(c, a.Cost)
		c.line = append(c.line, parts.tail...)
		if err := c.end(); err != nil {
			return err
		}
	}
	return nil
}

// planRowParts are a plan's cells shared by all its rows: lead, the six
// cells before the action's, and tail, a comma and the three after them.
type planRowParts struct {
	lead, tail []byte
}

// lay builds the parts of p with c's cell writers, in c's row buffer, and
// keeps copies; c's row is left empty.
func (r *planRowParts) lay(c *csvWriter, p *scoring.Plan) {
	c.begin()
	c.cell(p.Subject)
	c.cell(strconv.FormatBool(p.Illustrative))
	planNumCell(c, p.Line)
	c.cell(strconv.FormatBool(p.Reachable))
	planNumCell(c, p.PointsBefore)
	c.cell(p.VerdictBefore)
	r.lead = append(r.lead[:0], c.line...)
	c.begin()
	c.cells = 1 // so that the first cell starts with its comma
	planNumCell(c, p.PointsAfter)
	c.cell(p.VerdictAfter)
	c.joined(p.Assumed)
	r.tail = append(r.tail[:0], c.line...)
	c.begin()
}

// planNumCell adds n as numP writes it, made safe.
func planNumCell(c *csvWriter, n *scoring.Number) {
	if n == nil {
		c.cell("")
		return
	}
	c.num(n.V)
}

// planScalarCell adds v as scalarCSV writes it, made safe.
func planScalarCell(c *csvWriter, v scoring.Scalar) {
	if v.IsBool {
		c.cell(strconv.FormatBool(v.Bool))
		return
	}
	c.num(v.Num)
}
