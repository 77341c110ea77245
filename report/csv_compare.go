package report

import (
	"fmt"
	"strconv"
	"strings"

	"countyscore/exact"
	"countyscore/pipeline"
	"countyscore/scoring"
)

// writeCompareCSV writes the comparison grid as a spreadsheet holds it: a
// row per indicator (category subtotals and total included) or quota, a
// column per subject in a year, then the foot rows (verdict, rank, …).
// A row holds a cell per subject, so each is made on a core of its own
// (rowBlocks) and they reach the output in order.
func writeCompareCSV(c *csvWriter, d *pipeline.Compare) error {
	head := []string{"kind", "id", "max_points"}
	for _, col := range d.Columns {
		head = append(head, col.Label())
	}
	for _, y := range d.RollupYears {
		head = append(head, strings.TrimSpace("city-wide "+yearText(y)))
	}
	c.row(head...)
	err := c.rowBlocks(len(d.Rows), 1, func() func(w *csvWriter, i int) {
		var texts numTexts
		var points []scoring.Number // the worker's row of points, reused
		return func(w *csvWriter, i int) {
			row := &d.Rows[i]
			w.begin()
			w.cell(row.Kind)
			w.cell(row.ID)
			w.cell(numP(row.MaxPoints))
			points = d.RowPoints(i, points[:0])
			for j, p := range points {
				if len(row.NotApplicable) > 0 {
					if _, na := row.IsNA(j); na {
						w.cell("n/a")
						continue
					}
				}
				if row.Values != nil {
					w.cell(valuesCSV(row.Values[j]))
					continue
				}
				w.cell(texts.of(p.V))
			}
			for _, q := range row.Quotas {
				w.cell(quotaCellCSV(q, d.View.Values))
			}
			for _, q := range row.City {
				w.cell(quotaCellCSV(q, d.View.Values))
			}
		}
	})
	if err != nil {
		return err
	}
	foot := func(kind string, f func(pipeline.CompareColumn) string) {
		cells := []string{kind, "", ""}
		for _, col := range d.Columns {
			cells = append(cells, f(col))
		}
		for range d.RollupYears {
			cells = append(cells, "")
		}
		c.row(cells...)
	}
	if d.Set.IsScored() {
		foot("points_optimistic", func(col pipeline.CompareColumn) string { return numP(col.PointsOptimistic) })
	} else {
		foot("met", func(col pipeline.CompareColumn) string { return fmt.Sprintf("%d/%d", *col.Met, *col.Quotas) })
		foot("mean_done_pct", func(col pipeline.CompareColumn) string { return numP(col.MeanDone) })
	}
	foot("verdict", func(col pipeline.CompareColumn) string { return col.Verdict })
	foot("rank", func(col pipeline.CompareColumn) string { return strconv.Itoa(col.Rank) })
	writeCompareNACSV(c, d, len(head))
	return nil
}

// writeCompareNACSV adds, for each row with cells that do not apply, a
// not_applicable row under the grid: the reason in that row's cells (the
// CSV's words are the criteria's Chinese ones, as elsewhere in CSV).
// Nothing is written for a comparison without such cells.
func writeCompareNACSV(c *csvWriter, d *pipeline.Compare, width int) {
	for _, row := range d.Rows {
		if len(row.NotApplicable) == 0 {
			continue
		}
		cells := make([]string, width)
		cells[0], cells[1] = "not_applicable", row.ID
		for _, n := range row.NotApplicable {
			cells[3+n.Column] = n.Reason
		}
		c.row(cells...)
	}
}

// numTexts formats the few distinct points a row of a wide comparison
// holds (0, 0.5, 1, … of one indicator) once each, not once per cell.
type numTexts struct {
	keys  [16]exact.Decimal
	texts [16]string
	n     int
}

func (t *numTexts) of(d exact.Decimal) string {
	for i := range t.n {
		if t.keys[i] == d {
			return t.texts[i]
		}
	}
	text := num(d)
	if t.n < len(t.keys) {
		t.keys[t.n], t.texts[t.n] = d, text
		t.n++
	}
	return text
}

func valuesCSV(vals []pipeline.MeasureValue) string {
	parts := make([]string, len(vals))
	for i, v := range vals {
		text := ""
		if v.Value != nil {
			text = scalarCSV(*v.Value)
		}
		parts[i] = v.Measure + "=" + text
	}
	return strings.Join(parts, "; ")
}

// quotaCellCSV is the share done, or target/actual with values; empty
// where the subject owes nothing or the share cannot be formed.
func quotaCellCSV(q pipeline.QuotaCell, values bool) string {
	if !q.Owed {
		return ""
	}
	if q.NA {
		return "n/a"
	}
	if values {
		return numP(q.Target) + "/" + numP(q.Actual)
	}
	return numP(q.Done)
}

// writeTrendCSV writes a row per subject and year, then a row per year
// of each quota line followed over the years.
func writeTrendCSV(c *csvWriter, d *pipeline.Trend) {
	cols := []string{"kind", "subject", "year", "points", "met", "quotas", "verdict", "changed", "id", "target", "actual", "gap", "done_pct", "quota_met"}
	na := d.Set.HasNA() // a set in which an item may not apply: a reason column
	if na {
		cols = append(cols, "reason")
	}
	c.row(cols...)
	row := func(cells ...string) {
		if na {
			cells = append(cells, "")
		}
		c.row(cells...)
	}
	side := func(n *scoring.Number, isNA bool) string {
		if isNA {
			return "n/a"
		}
		return numP(n)
	}
	for _, s := range d.Subjects {
		for _, y := range s.Years {
			met, quotas := "", ""
			if y.Met != nil {
				met, quotas = strconv.Itoa(*y.Met), strconv.Itoa(*y.Quotas)
			}
			var changed []string
			for _, ch := range y.Changed {
				changed = append(changed, fmt.Sprintf("%s:%s>%s", ch.ID, side(ch.Old, ch.OldNA), side(ch.New, ch.NewNA)))
			}
			row("year", s.Subject, yearText(y.Year), numP(y.Points), met, quotas, y.Verdict, strings.Join(changed, " "), "", "", "", "", "", "")
			for _, n := range y.NotApplicable {
				c.row("not_applicable", s.Subject, yearText(y.Year), "", "", "", "", "", n.ID, "", "", "", "", "", n.Reason)
			}
		}
		for _, part := range []struct {
			kind  string
			lines []pipeline.QuotaProgress
		}{{"progress", s.Progress}, {"yearly", s.Yearly}} {
			for _, l := range part.lines {
				for _, pt := range l.Points {
					row(part.kind, s.Subject, yearText(pt.Year), "", "", "", "", "", l.ID, numP(pt.Target), numP(pt.Actual), numP(pt.Gap),
						numP(pt.Done), strconv.FormatBool(pt.Met))
				}
			}
		}
	}
}
