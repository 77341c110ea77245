package report

import (
	"fmt"
	"github.com/xuri/excelize/v2"
	"strings"

	"countyscore/exact"
	"countyscore/internal/messages"
	"countyscore/pipeline"
	"countyscore/scoring"
)

// directionTone colours a movement of a diff: toward what the condition
// requires is good, away from it poor, a value withdrawn unknown.
func directionTone(dir string) tone {
	switch dir {
	case scoring.MoveReached, scoring.MoveToward, scoring.MoveHeld, scoring.MoveGiven:
		return toneGood
	case scoring.MoveLost, scoring.MoveAway:
		return tonePoor
	case scoring.MoveWithdrawn:
		return toneUnknown
	case scoring.MoveMixed:
		return toneFair
	}
	return toneUnknown
}

// directionIDs lists the movements a diff can show, for conditional formats.
var directionIDs = []string{scoring.MoveReached, scoring.MoveLost, scoring.MoveToward, scoring.MoveAway, scoring.MoveHeld,
	scoring.MoveGiven, scoring.MoveWithdrawn, scoring.MoveMixed, scoring.MoveUnchanged}

func directionColour(col int) colour {
	return colour{col: col, idCol: col + 1, ids: directionIDs, toneOf: directionTone}
}

// xscalar is a value of a measure as a cell: a number as a numeric cell,
// yes/no in the language, missing as the word for missing.
func xscalar(v *scoring.Scalar, lang string) any {
	switch {
	case v == nil:
		return t(lang, "value.missing")
	case v.IsBool:
		return t(lang, boolKey(v.Bool))
	}
	return xnum(v.Num)
}

// xint is a count as a numeric cell; nil is a blank cell.
func xint(n *int) any {
	if n == nil {
		return nil
	}
	return *n
}

// planRun writes a summary row per subject and a row per action.
func (r xlsxRenderer) planRun(b *xbook, run *pipeline.PlanRun) error {
	s, lang := run.Set, r.lang
	scored := s.IsScored()
	head := []string{t(lang, "col.subject"), t(lang, "col.illus")}
	widths := []float64{16, 8}
	if scored {
		head = append(head, t(lang, "col.line.pts"), t(lang, "col.line.verd"), t(lang, "col.before"), t(lang, "col.verd.bef"),
			t(lang, "col.verd.bef.i"), t(lang, "col.after"), t(lang, "col.verdict.after"), t(lang, "col.verd.aft.i"),
			t(lang, "col.reachable"), t(lang, "col.best"))
		widths = append(widths, 9, 30, 9, 30, 16, 9, 30, 16, 8, 10)
	} else {
		head = append(head, t(lang, "col.verdict"), t(lang, "col.verdict.id"))
		widths = append(widths, 30, 16)
	}
	head = append(head, t(lang, "col.changes"), t(lang, "col.cost"), t(lang, "col.assumed"), t(lang, "col.unknown"))
	widths = append(widths, 8, 10, 20, 20)
	var colours []colour
	if scored {
		colours = []colour{verdictColour(s, 6), verdictColour(s, 9)}
	} else {
		colours = []colour{verdictColour(s, 3)}
	}
	sum, err := b.stream(t(lang, "xlsx.summary"), head, widths, colours...)
	if err != nil {
		return err
	}
	ahead := []string{t(lang, "col.subject"), "#", t(lang, "col.measure"), t(lang, "col.id"), t(lang, "col.ind.name"),
		t(lang, "col.now"), t(lang, "col.to"), t(lang, "col.unit")}
	awidths := []float64{16, 5, 16, 10, 30, 10, 10, 8}
	if scored {
		ahead, awidths = append(ahead, t(lang, "col.line.pts"), t(lang, "col.gain")), append(awidths, 9, 8)
	} else {
		ahead, awidths = append(ahead, t(lang, "col.amount"), t(lang, "col.due")), append(awidths, 10, 20)
	}
	ahead, awidths = append(ahead, t(lang, "col.why"), t(lang, "col.reason.id"), t(lang, "col.cost")), append(awidths, 8, 12, 10)
	acts, err := b.stream(t(lang, "xlsx.actions"), ahead, awidths)
	if err != nil {
		return err
	}
	illustrative := false
	err = run.Each(func(pl *scoring.Plan) error {
		illustrative = illustrative || pl.Illustrative
		row := []any{pl.Subject, t(lang, boolKey(pl.Illustrative))}
		if scored {
			row = append(row, xnumP(pl.Line), verdictLabel(s, pl.LineVerdict, lang), xnumP(pl.PointsBefore),
				verdictLabel(s, pl.VerdictBefore, lang), pl.VerdictBefore, xnumP(pl.PointsAfter),
				verdictLabel(s, pl.VerdictAfter, lang), pl.VerdictAfter, t(lang, boolKey(pl.Reachable)), xnumP(pl.BestPoints))
		} else {
			row = append(row, verdictLabel(s, pl.VerdictBefore, lang), pl.VerdictBefore)
		}
		row = append(row, pl.Changes, xnumP(pl.Cost), strings.Join(pl.Assumed, " "), strings.Join(pl.Unknown, " "))
		if err := sum.add(row...); err != nil {
			return err
		}
		for i, a := range pl.Actions {
			name := a.Indicator
			if n := itemName(s, a.Indicator, lang); n != a.Indicator {
				name = strings.TrimPrefix(n, a.Indicator+" ")
			}
			var from any = t(lang, "value.missing")
			if a.From != nil {
				from = xscalar(a.From, lang)
			}
			row := []any{pl.Subject, i + 1, a.Measure, a.Indicator, name, from, xscalar(&a.To, lang), unitOf(s, a.Measure, lang)}
			if scored {
				row = append(row, xnumP(pl.Line), xnum(a.PointsGained.V))
			} else {
				due := a.Due
				if a.Year > 0 && !strings.Contains(due, fmt.Sprint(a.Year)) {
					due = strings.TrimSpace(fmt.Sprintf("%d %s", a.Year, due))
				}
				row = append(row, xnumP(a.Amount), due)
			}
			row = append(row, t(lang, "reason."+a.Reason), a.Reason, xnumP(a.Cost))
			if err := acts.add(row...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return b.writeAbout(sourceLine(s, lang), illustrative, legend(s, lang, true, false))
}

// compare writes the grid: a row per indicator, category and total (or
// quota), a numeric cell per subject, the row's best and worst subjects
// named in two columns that the conditional formats read, and the foot
// rows (band, verdict, rank).
func (r xlsxRenderer) compare(b *xbook, d *pipeline.Compare) error {
	s, lang := d.Set, r.lang
	scored := s.IsScored()
	head := []string{t(lang, "col.kind.row"), t(lang, "col.id"), t(lang, "col.name")}
	if scored {
		head = append(head, t(lang, "col.max"))
	} else {
		head = append(head, t(lang, "col.unit"))
	}
	head = append(head, t(lang, "col.mark.best"), t(lang, "col.mark.worst"))
	widths := []float64{10, 10, 30, 8, 16, 16}
	first := len(head) + 1 // the first subject column
	for _, c := range d.Columns {
		head, widths = append(head, c.Label()), append(widths, 12)
	}
	for _, y := range d.RollupYears {
		head, widths = append(head, strings.TrimSpace(t(lang, "compare.city")+" "+yearText(y))), append(widths, 12)
	}
	name := t(lang, "xlsx.compare")
	if len(d.Columns) > 0 && len(d.Rows) > 0 {
		// the conditional formats go on before the sheet streams
		if _, err := b.f.NewSheet(name); err != nil {
			return err
		}
		if err := b.markExtremes(name, first, first+len(d.Columns)-1, len(d.Rows), 5, 6); err != nil {
			return err
		}
	}
	x, err := b.stream(name, head, widths)
	if err != nil {
		return err
	}
	labels := func(idx []int) string {
		out := make([]string, len(idx))
		for i, j := range idx {
			out[i] = d.Columns[j].Label()
		}
		return strings.Join(out, "|")
	}
	for _, row := range d.Rows {
		var cells []any
		if scored {
			cells = []any{row.Kind, row.ID, compareRowName(s, row, lang), xnumP(row.MaxPoints), labels(row.Best), labels(row.Worst)}
			for j, pt := range row.Points {
				if _, na := row.IsNA(j); na {
					cells = append(cells, naCellText(lang))
					continue
				}
				cells = append(cells, xnum(pt.V))
			}
		} else {
			q, _ := s.Quota(rowOf(s, row.ID))
			name := q.NameIn(lang)
			if y := yearOfID(row.ID, q.ID); y != "" {
				name += " " + y
			}
			cells = []any{row.Kind, row.ID, name, s.QuotaUnit(q.ID, lang), labels(row.Best), labels(row.Worst)}
			for _, c := range append(append([]pipeline.QuotaCell{}, row.Quotas...), row.City...) {
				cells = append(cells, xquotaCell(c, lang))
			}
		}
		if err := x.add(cells...); err != nil {
			return err
		}
	}
	foot := func(label string, cell func(c pipeline.CompareColumn) any) error {
		cells := []any{"", "", label, nil, nil, nil}
		for _, c := range d.Columns {
			cells = append(cells, cell(c))
		}
		return x.add(cells...)
	}
	var feet []struct {
		label string
		cell  func(c pipeline.CompareColumn) any
	}
	add := func(label string, cell func(c pipeline.CompareColumn) any) {
		feet = append(feet, struct {
			label string
			cell  func(c pipeline.CompareColumn) any
		}{label, cell})
	}
	if scored {
		add(t(lang, "col.optimistic"), func(c pipeline.CompareColumn) any { return xnumP(c.PointsOptimistic) })
	} else {
		add(t(lang, "compare.met"), func(c pipeline.CompareColumn) any { return xint(c.Met) })
		add(t(lang, "col.quotas"), func(c pipeline.CompareColumn) any { return xint(c.Quotas) })
		add(t(lang, "compare.mean"), func(c pipeline.CompareColumn) any { return xnumP(c.MeanDone) })
	}
	add(t(lang, "col.verdict"), func(c pipeline.CompareColumn) any { return verdictLabel(s, c.Verdict, lang) })
	add(t(lang, "col.verdict.id"), func(c pipeline.CompareColumn) any { return c.Verdict })
	add(t(lang, "compare.rank"), func(c pipeline.CompareColumn) any { return c.Rank })
	for _, f := range feet {
		if err := foot(f.label, f.cell); err != nil {
			return err
		}
	}
	if d.View.Values {
		if err := r.compareValues(b, d, head[:4], widths[:4]); err != nil {
			return err
		}
	}
	lines := []aboutLine{{cells: []any{t(lang, "xlsx.legend")}},
		{cells: []any{t(lang, "col.mark.best")}, tone: toneGood}, {cells: []any{t(lang, "col.mark.worst")}, tone: tonePoor}}
	for _, n := range compareNANotes(d, lang) {
		lines = append(lines, aboutLine{cells: []any{n}})
	}
	return b.writeAbout(sourceLine(s, lang), d.Illustrative, lines)
}

// compareValues writes, with --values, a second sheet of the same grid
// whose cells are the values behind each cell of the first: the measures
// an indicator reads, or a quota's target and actual. The first sheet
// keeps the points, as numbers the conditional formats can colour.
func (r xlsxRenderer) compareValues(b *xbook, d *pipeline.Compare, fixed []string, fixedWidths []float64) error {
	s, lang := d.Set, r.lang
	head := append([]string{}, fixed...)
	widths := append([]float64{}, fixedWidths...)
	for _, c := range d.Columns {
		head, widths = append(head, c.Label()), append(widths, 24)
	}
	if !s.IsScored() {
		for _, y := range d.RollupYears {
			head, widths = append(head, strings.TrimSpace(t(lang, "compare.city")+" "+yearText(y))), append(widths, 16)
		}
	}
	x, err := b.stream(t(lang, "xlsx.compare.values"), head, widths)
	if err != nil {
		return err
	}
	// a cell lists one measure a line: Excel shows the lines only when the
	// cell wraps
	wrap, err := b.f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	text := func(s string) any {
		if s == "" {
			return nil
		}
		return excelize.Cell{StyleID: wrap, Value: s}
	}
	for _, row := range d.Rows {
		var cells []any
		if s.IsScored() {
			if row.Kind != pipeline.RowIndicator || row.Values == nil {
				continue // subtotals and the total have no values of their own
			}
			ind, _ := s.Indicator(row.ID)
			cells = []any{row.Kind, row.ID, ind.NameIn(lang), xnumP(row.MaxPoints)}
			for j := range d.Columns {
				cells = append(cells, text(valuesText(s, row.Values[j], lang)))
			}
		} else {
			q, _ := s.Quota(rowOf(s, row.ID))
			name := q.NameIn(lang)
			if y := yearOfID(row.ID, q.ID); y != "" {
				name += " " + y
			}
			cells = []any{row.Kind, row.ID, name, s.QuotaUnit(q.ID, lang)}
			for _, c := range append(append([]pipeline.QuotaCell{}, row.Quotas...), row.City...) {
				cells = append(cells, text(quotaCellText(c, true, lang)))
			}
		}
		if err := x.add(cells...); err != nil {
			return err
		}
	}
	return nil
}

// xquotaCell is a subject's cell of a quota row: the share done as a
// number where known, else a word (missing, met, not met); blank where the
// subject owes nothing.
func xquotaCell(c pipeline.QuotaCell, lang string) any {
	switch {
	case !c.Owed:
		return nil
	case c.NA:
		return naCellText(lang)
	case c.Actual == nil:
		return t(lang, "value.missing")
	case c.Done != nil:
		return xnum(c.Done.V)
	}
	return quotaStatus(scoring.Quota{Gap: c.Gap, Met: c.Met}, lang)
}

// diff writes a row per subject (before and after) and a sheet of every
// value that moved, coloured by its direction.
func (r xlsxRenderer) diff(b *xbook, d *pipeline.Diff) error {
	s, lang := d.Set, r.lang
	scored := s.IsScored()
	head := []string{t(lang, "col.subject"), t(lang, "col.illus"), t(lang, "col.old.year"), t(lang, "col.new.year")}
	if scored {
		head = append(head, t(lang, "col.old.pts"), t(lang, "col.new.pts"), t(lang, "col.delta"))
	} else {
		head = append(head, t(lang, "col.old.met"), t(lang, "col.new.met"), t(lang, "col.quotas"))
	}
	head = append(head, t(lang, "col.old.verd"), t(lang, "col.old.verd.i"), t(lang, "col.new.verd"), t(lang, "col.new.verd.i"),
		t(lang, "col.old.rank"), t(lang, "col.new.rank"), t(lang, "col.regressed"), t(lang, "col.newly.met"), t(lang, "col.newly.fail"))
	sum, err := b.stream(t(lang, "xlsx.diff"), head, []float64{16, 8, 8, 8, 9, 9, 9, 30, 16, 30, 16, 8, 8, 8, 24, 24},
		verdictColour(s, 8), verdictColour(s, 10))
	if err != nil {
		return err
	}
	moves, err := b.stream(t(lang, "xlsx.moves"),
		[]string{t(lang, "col.subject"), t(lang, "col.item"), t(lang, "col.measure"), t(lang, "col.condition"), t(lang, "col.old.value"),
			t(lang, "col.new.value"), t(lang, "col.unit"), t(lang, "col.direction"), t(lang, "col.dir.id"), t(lang, "col.holds"), t(lang, "col.togo")},
		[]float64{16, 10, 16, 20, 10, 10, 8, 14, 12, 8, 10}, directionColour(8))
	if err != nil {
		return err
	}
	for _, sd := range d.Subjects {
		row := []any{sd.Subject, t(lang, boolKey(sd.Illustrative)), xyear(sd.OldYear), xyear(sd.NewYear)}
		if scored {
			var delta any
			if sd.OldPoints != nil && sd.NewPoints != nil {
				if d, err := exact.Sub(sd.NewPoints.V, sd.OldPoints.V); err == nil {
					delta = xnum(d)
				}
			}
			row = append(row, xnumP(sd.OldPoints), xnumP(sd.NewPoints), delta)
		} else {
			row = append(row, xint(sd.OldMet), xint(sd.NewMet), xint(sd.NewQuotas))
		}
		row = append(row, verdictLabel(s, sd.OldVerdict, lang), sd.OldVerdict, verdictLabel(s, sd.NewVerdict, lang), sd.NewVerdict,
			sd.OldRank, sd.NewRank, t(lang, boolKey(sd.Regressed)), strings.Join(sd.NewlyMet, " "), strings.Join(sd.NewlyFailed, " "))
		if err := sum.add(row...); err != nil {
			return err
		}
		for _, m := range sd.Changes {
			if err := moves.add(sd.Subject, m.Item, m.Measure, condSymbols(m.Condition), xscalar(m.Old, lang), xscalar(m.New, lang),
				unitOf(s, m.Measure, lang), t(lang, "move."+m.Direction), m.Direction, t(lang, boolKey(m.Holds)), xnumP(m.ToGo)); err != nil {
				return err
			}
		}
	}
	lines := []aboutLine{}
	if len(d.OnlyOld) > 0 || len(d.OnlyNew) > 0 {
		lines = append(lines, aboutLine{cells: []any{t(lang, "xlsx.only.old"), strings.Join(entryLabels(d.OnlyOld), " ")}},
			aboutLine{cells: []any{t(lang, "xlsx.only.new"), strings.Join(entryLabels(d.OnlyNew), " ")}}, aboutLine{})
	}
	for _, sd := range d.Subjects {
		for _, l := range diffNALines(sd, lang) {
			lines = append(lines, aboutLine{cells: []any{sd.Subject, l}})
		}
	}
	lines = append(lines, legend(s, lang, true, false)...)
	for _, dir := range directionIDs {
		lines = append(lines, aboutLine{cells: []any{t(lang, "move."+dir), dir}, tone: directionTone(dir)})
	}
	return b.writeAbout(sourceLine(s, lang), d.Illustrative, lines)
}

// xyear is a year as a numeric cell, blank when unknown.
func xyear(y int) any {
	if y == 0 {
		return nil
	}
	return y
}

// trend writes a row per subject and year, and a row per quota line and
// year of a target plan's progress.
func (r xlsxRenderer) trend(b *xbook, d *pipeline.Trend) error {
	s, lang := d.Set, r.lang
	x, err := b.stream(t(lang, "xlsx.trend"),
		[]string{t(lang, "col.subject"), t(lang, "col.year"), t(lang, "col.illus"), t(lang, "col.points"), t(lang, "compare.met"),
			t(lang, "col.quotas"), t(lang, "col.verdict"), t(lang, "col.verdict.id"), t(lang, "col.changed")},
		[]float64{16, 8, 8, 9, 8, 8, 30, 16, 40}, verdictColour(s, 7))
	if err != nil {
		return err
	}
	var prog *xsheet
	if !s.IsScored() {
		if prog, err = b.stream(t(lang, "xlsx.progress"),
			[]string{t(lang, "col.subject"), t(lang, "col.id"), t(lang, "col.quota"), t(lang, "col.unit"), t(lang, "trend.due"),
				t(lang, "col.year"), t(lang, "col.target"), t(lang, "col.actual"), t(lang, "col.gap"), t(lang, "col.donepct"), t(lang, "col.met")},
			[]float64{16, 10, 30, 8, 16, 8, 10, 10, 10, 10, 8}); err != nil {
			return err
		}
	}
	for _, st := range d.Subjects {
		for _, y := range st.Years {
			var changed []string
			for _, c := range y.Changed {
				changed = append(changed, fmt.Sprintf("%s %s→%s", c.ID, trendSide(c.Old, c.OldNA, lang), trendSide(c.New, c.NewNA, lang)))
			}
			if err := x.add(st.Subject, xyear(y.Year), t(lang, boolKey(y.Illustrative)), xnumP(y.Points), xint(y.Met), xint(y.Quotas),
				verdictLabel(s, y.Verdict, lang), y.Verdict, strings.Join(changed, listSep(lang))); err != nil {
				return err
			}
		}
		if prog == nil {
			continue
		}
		for _, l := range append(append([]pipeline.QuotaProgress{}, st.Progress...), st.Yearly...) {
			q, _ := s.Quota(l.ID)
			for _, pt := range l.Points {
				if err := prog.add(st.Subject, l.ID, q.NameIn(lang), s.QuotaUnit(l.ID, lang), l.Due, xyear(pt.Year), xnumP(pt.Target),
					xnumP(pt.Actual), xnumP(pt.Gap), xnumP(pt.Done), t(lang, boolKey(pt.Met))); err != nil {
					return err
				}
			}
		}
	}
	var lines []aboutLine
	for _, st := range d.Subjects {
		for _, l := range trendNALines(st, lang) {
			lines = append(lines, aboutLine{cells: []any{st.Subject, l}})
		}
	}
	return b.writeAbout(sourceLine(s, lang), d.Illustrative, append(lines, legend(s, lang, true, false)...))
}

// closing adds a sheet of the subjects the run did not read and the rows
// it refused, when there are any.
func (r xlsxRenderer) closing(b *xbook, c *pipeline.Closing) error {
	lang := r.lang
	refused := c.RefusedList()
	if c == nil || len(c.Absent) == 0 && len(refused) == 0 && len(c.Warnings) == 0 {
		return nil
	}
	x, err := b.stream(t(lang, "xlsx.closing"),
		[]string{t(lang, "col.kind.row"), t(lang, "col.subject"), t(lang, "col.file"), t(lang, "col.line"), t(lang, "col.field"), t(lang, "col.message")},
		[]float64{10, 16, 30, 8, 16, 60})
	if err != nil {
		return err
	}
	for _, a := range c.Absent {
		if err := x.add(t(lang, "closing.absent"), a); err != nil {
			return err
		}
	}
	for _, e := range refused {
		if err := x.add(t(lang, "closing.refuse"), nil, e.File, xyear(e.Line), e.Field, messages.Translate(lang, e.Msg)); err != nil {
			return err
		}
	}
	if c.Refused != nil && c.Refused.Omitted > 0 {
		if err := x.add(t(lang, "closing.refuse"), nil, nil, nil, nil, fmt.Sprintf(t(lang, "closing.more"), c.Refused.Omitted)); err != nil {
			return err
		}
	}
	for _, w := range c.Warnings {
		if err := x.add(t(lang, "closing.warn"), nil, nil, nil, nil, messages.Translate(lang, w)); err != nil {
			return err
		}
	}
	return nil
}
