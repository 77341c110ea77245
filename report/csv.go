package report

import (
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"countyscore/criteria"
	"countyscore/pipeline"
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

// csvRenderer writes documents for spreadsheets: one header row, then one
// row per item, every cell safe to open.
type csvRenderer struct{ lang string }

func (r *csvRenderer) Render(w io.Writer, doc pipeline.Document) error {
	doc, closed := pipeline.Unwrap(doc)
	c := newCSVWriter(w)
	if err := r.render(c, doc); err != nil {
		return err
	}
	writeClosingCSV(c, closed.Closing())
	return c.flush()
}

func (r *csvRenderer) render(c *csvWriter, doc pipeline.Document) error {
	switch d := doc.(type) {
	case *pipeline.CriteriaList:
		c.row("id", "title", "source", "kind", "items")
		for _, s := range d.Sets {
			c.row(s.ID, s.TitleIn(r.lang), s.Source, s.Kind, strconv.Itoa(s.ItemCount()))
		}
	case *pipeline.CriteriaShow:
		writeSetCSV(c, d.Set, r.lang)
	case *pipeline.Template:
		c.row(append(slices.Clone(templateColumns), d.Set.MeasureIDs()...)...)
	case *pipeline.Explain:
		writeExplainCSV(c, d)
	case *pipeline.ScoredRun:
		if err := writeScoredCSV(c, d, r.lang); err != nil {
			return err
		}
	case *pipeline.QuotaRun:
		writeQuotaCSV(c, d, r.lang)
	case *pipeline.ScoredGaps:
		c.row("subject", "id", "reason", "points", "max_points", "lost", "at_stake", "status", "status_label")
		err := c.rows(d.Len()+d.UnknownLen(), func() func(c *csvWriter, i int) {
			labels := map[string]string{} // status → its words, looked up once
			return func(c *csvWriter, i int) {
				l := d.HeadAt(i)
				label, ok := labels[l.Status]
				if !ok {
					label = t(r.lang, "status."+l.Status)
					labels[l.Status] = label
				}
				c.begin()
				c.cell(l.Subject)
				c.cell(l.ID)
				c.cell(l.Reason)
				c.num(l.Points.V)
				c.num(l.MaxPoints.V)
				c.num(l.Lost.V)
				if l.AtStake != nil {
					c.num(l.AtStake.V)
				} else {
					c.cell("")
				}
				c.cell(l.Status)
				c.cell(label)
			}
		})
		if err != nil {
			return err
		}
		writeNACSV(c, d.NotApplicable, r.lang)
	case *pipeline.QuotaGaps:
		c.row("subject", "id", "row", "scope", "target", "actual", "gap", "done_pct", "unit")
		for _, g := range append(slices.Clone(d.Gaps), d.Unknown...) {
			c.row(g.Subject, g.ID, g.Row, g.Scope, numP(g.Target), numP(g.Actual), numP(g.Gap), numP(g.Done), g.Unit)
		}
		writeNACSV(c, d.NotApplicable, r.lang)
	case *pipeline.PlanRun:
		if err := writePlanCSV(c, d); err != nil {
			return err
		}
	case *pipeline.Compare:
		if err := writeCompareCSV(c, d); err != nil {
			return err
		}
	case *pipeline.Diff:
		if err := writeDiffCSV(c, d); err != nil {
			return err
		}
	case *pipeline.Trend:
		writeTrendCSV(c, d)
	default:
		return unsupported("csv", doc)
	}
	return nil
}

// writeScoredCSV writes one row per subject as it streams by: the
// pre-screen list a spreadsheet can sort, with every category and
// indicator's points. Verdicts come twice: the stable ID for programs
// (verdict) and its words in the chosen language for people
// (verdict_label).
func writeScoredCSV(c *csvWriter, run *pipeline.ScoredRun, lang string) error {
	s := run.Set
	head := []string{"subject", "illustrative", "points", "points_optimistic", "max_points", "verdict", "verdict_label",
		"next_line", "next_line_short", "veto_failures", "baseline_failures", "prerequisites_unmet", "missing", "missing_points"}
	for _, cat := range s.Categories {
		head = append(head, cat.ID)
	}
	for _, ind := range s.Indicators {
		head = append(head, ind.ID)
	}
	head = append(head, naCSVHead(s)...)
	if err := c.row(head...); err != nil {
		return err
	}
	// Scoring a subject costs more than reading it: with the reader
	// taking a core of its own, subjects are scored and their rows made on
	// a worker per core (EachWritten), and reach c in input order.
	err := run.EachWritten(c.w, runtime.GOMAXPROCS(0), func() pipeline.SubjectWriter {
		row := &csvWriter{line: make([]byte, 0, 1024)}
		labels := map[string]string{} // verdict → its words, looked up once
		return func(w io.Writer, r *scoring.Scored) error {
			scoredCSVRow(row, s, r, labels, lang)
			row.line = append(row.line, '\n')
			_, err := w.Write(row.line)
			return err
		}
	})
	if err != nil {
		return err
	}
	if ps := run.Prescreen(); ps != nil {
		writePrescreenCSV(c, ps)
	}
	return nil
}

// scoredCSVRow builds r's row of the scored CSV in c.line (begin, no end);
// labels memoises each verdict's words.
func scoredCSVRow(c *csvWriter, s *criteria.Set, r *scoring.Scored, labels map[string]string, lang string) {
	label, ok := labels[r.Verdict]
	if !ok {
		label = verdictLabel(s, r.Verdict, lang)
		labels[r.Verdict] = label
	}
	c.begin()
	c.cell(r.Subject)
	c.cell(strconv.FormatBool(r.Illustrative))
	c.num(r.Points.V)
	c.num(r.PointsOptimistic.V)
	c.num(r.MaxPoints.V)
	c.cell(r.Verdict)
	c.cell(label)
	if r.NextLine != nil {
		c.num(r.NextLine.Points.V)
		c.num(r.NextLine.Short.V)
	} else {
		c.cell("")
		c.cell("")
	}
	c.joined(r.VetoFailures)
	c.joined(r.BaselineFailures)
	c.joined(r.PrerequisitesUnmet)
	c.joined(r.Missing)
	c.num(r.MissingPoints.V)
	for _, cat := range r.Categories {
		c.num(cat.Points.V)
	}
	for _, ind := range r.Indicators {
		if ind.Status == scoring.StatusNA {
			c.cell(indicatorCSV(ind))
		} else {
			c.num(ind.Points.V)
		}
	}
	for _, cell := range naCSVCells(s, r, lang) {
		c.cell(cell)
	}
}

// writeQuotaCSV writes one row per subject and quota; status_label words
// met (and whether a value is missing) in the chosen language.
func writeQuotaCSV(c *csvWriter, run *pipeline.QuotaRun, lang string) {
	c.row("subject", "illustrative", "id", "row", "year", "scope", "target", "actual", "gap", "met", "status_label", "done_pct", "unit")
	for _, r := range run.Results {
		for _, q := range r.Quotas {
			c.row(r.Subject, strconv.FormatBool(r.Illustrative), q.ID, q.Row, yearText(q.Year), q.Scope,
				numP(q.Target), numP(q.Actual), numP(q.Gap), strconv.FormatBool(q.Met), quotaStatus(q, lang), numP(q.Done), run.Set.QuotaUnit(q.Row, "zh"))
		}
	}
}

// writeSetCSV writes one row per indicator or quota row of a set.
func writeSetCSV(c *csvWriter, s *criteria.Set, lang string) {
	if s.IsScored() {
		c.row("id", "category", "name", "rule", "points", "deduct", "step", "baseline", "veto", "conditions", "requirement", "source")
		for i := range s.Indicators {
			ind := &s.Indicators[i]
			var conds []string
			for _, req := range ind.Require {
				for _, cond := range req.Conditions {
					conds = append(conds, cond.String())
				}
			}
			c.row(ind.ID, ind.Category, ind.NameIn(lang), ind.Rule, ind.Points.String(), ind.Deduct.String(), ind.Step.String(),
				strconv.FormatBool(ind.Baseline), strconv.FormatBool(ind.HasVeto()), strings.Join(conds, "; "), ind.Requirement, ind.Source)
		}
		return
	}
	c.row("id", "measure", "name", "op", "unit", "targets", "city_target", "due", "source")
	for i := range s.Quotas {
		q := &s.Quotas[i]
		c.row(q.ID, q.Measure, q.NameIn(lang), string(q.Cmp), s.QuotaMeasure(q).UnitIn(lang),
			strings.ReplaceAll(targetsText(s, q, lang), "\n", "; "), q.CityTarget.String(), q.Due, q.Source)
	}
}

// writeExplainCSV writes the conditions a subject was scored on, or its
// lines of a quota row; without a subject, the item's own conditions.
func writeExplainCSV(c *csvWriter, d *pipeline.Explain) {
	if d.Quota != nil {
		c.row("subject", "id", "row", "year", "scope", "target", "actual", "gap", "met")
		if d.Subject == nil {
			return
		}
		for _, q := range d.Subject.Lines {
			c.row(d.Subject.Name, q.ID, q.Row, yearText(q.Year), q.Scope, numP(q.Target), numP(q.Actual), numP(q.Gap), strconv.FormatBool(q.Met))
		}
		return
	}
	c.row("subject", "indicator", "requirement", "condition", "measure", "given", "holds", "short")
	if d.Subject == nil {
		for _, req := range d.Indicator.Require {
			for _, cond := range req.Conditions {
				c.row("", d.Indicator.ID, req.Label, cond.String(), cond.Measure, "", "", "")
			}
		}
		return
	}
	for _, rt := range d.Subject.Trace.Requirements {
		for _, ct := range rt.Conditions {
			given, short := "", ""
			if ct.Given {
				given = scalarCSV(ct.Actual)
				if !ct.Holds && !ct.Condition.IsBool {
					short = num(ct.Short)
				}
			}
			c.row(d.Subject.Name, d.Indicator.ID, rt.Requirement.Label, ct.Condition.String(), ct.Condition.Measure,
				given, strconv.FormatBool(ct.Holds), short)
		}
	}
}

func scalarCSV(v scoring.Scalar) string {
	if v.IsBool {
		return strconv.FormatBool(v.Bool)
	}
	return num(v.Num)
}

func yearText(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}
