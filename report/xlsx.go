package report

import (
	"fmt"
	"io"
	"runtime/debug"
	"slices"
	"strings"

	"countyscore/criteria"
	"countyscore/pipeline"
	"countyscore/scoring"
)

// xlsxKinds are the documents the xlsx format renders: the template to
// fill in, and the results of score, gaps, plan, compare, diff and trend.
// The criteria and explain views are for reading on screen or as CSV, and
// are refused.
var xlsxKinds = []string{pipeline.KindTemplate, pipeline.KindScoredRun, pipeline.KindQuotaRun,
	pipeline.KindScoredGaps, pipeline.KindQuotaGaps, pipeline.KindPlan, pipeline.KindCompare, pipeline.KindDiff, pipeline.KindTrend}

// xlsxRenderer writes Excel workbooks: numbers as numeric cells, verdicts
// and statuses in the chosen language beside their stable IDs, coloured by
// conditional formatting, one sheet per view, and a first sheet with the
// title, the illustrative-data banner where it applies and a legend.
type xlsxRenderer struct{ lang string }

func (r xlsxRenderer) Render(w io.Writer, doc pipeline.Document) error {
	doc, closed := pipeline.Unwrap(doc)
	if t, ok := doc.(*pipeline.Template); ok {
		return TemplateXLSX(w, t.Set, r.lang)
	}
	// excelize allocates per cell: with the collector relaxed for
	// streaming (score sets GOGC 400), garbage alone would grow the heap
	// to several times what is live. Collect as usual while writing.
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	b, err := newXBook(r.lang)
	if err != nil {
		return err
	}
	defer b.f.Close()
	switch d := doc.(type) {
	case *pipeline.ScoredRun:
		err = r.scoredRun(b, d)
	case *pipeline.QuotaRun:
		err = r.quotaRun(b, d)
	case *pipeline.ScoredGaps:
		err = r.scoredGaps(b, d)
	case *pipeline.QuotaGaps:
		err = r.quotaGaps(b, d)
	case *pipeline.PlanRun:
		err = r.planRun(b, d)
	case *pipeline.Compare:
		d.Materialize()
		err = r.compare(b, d)
	case *pipeline.Diff:
		d.Materialize()
		err = r.diff(b, d)
	case *pipeline.Trend:
		err = r.trend(b, d)
	default:
		return unsupported("xlsx", doc)
	}
	if err != nil {
		return err
	}
	if err := r.closing(b, closed.Closing()); err != nil { // the closing is known once the rows are read
		return err
	}
	return b.finish(w)
}

// verdictColour and statusColour colour a label column by the ID column
// to its right.
func verdictColour(s *criteria.Set, col int) colour {
	return colour{col: col, idCol: col + 1, ids: verdictIDs(s), toneOf: func(v string) tone { return verdictTone(s, v) }}
}

func statusColour(col int) colour {
	return colour{col: col, idCol: col + 1, ids: statusIDs, toneOf: statusTone}
}

// legend lists what each colour means, for the about sheet: the
// verdicts' colours, the statuses', or both.
func legend(s *criteria.Set, lang string, withVerdicts, withStatus bool) []aboutLine {
	lines := []aboutLine{{cells: []any{t(lang, "xlsx.legend")}}}
	if withVerdicts {
		for _, v := range verdictIDs(s) {
			lines = append(lines, aboutLine{cells: []any{verdictLabel(s, v, lang), v}, tone: verdictTone(s, v)})
		}
	}
	if withStatus {
		for _, st := range statusesOf(s) {
			lines = append(lines, aboutLine{cells: []any{t(lang, "status."+st), st}, tone: statusTone(st)})
		}
	}
	return lines
}

func (r xlsxRenderer) scoredRun(b *xbook, run *pipeline.ScoredRun) error {
	s, lang := run.Set, r.lang
	head := []string{t(lang, "col.subject"), t(lang, "col.illus"), t(lang, "col.points"), t(lang, "col.optimistic"), t(lang, "col.max"),
		t(lang, "col.verdict"), t(lang, "col.verdict.id"), t(lang, "col.nextline"), t(lang, "col.nextshort")}
	widths := []float64{16, 8, 9, 9, 9, 36, 18, 30, 10}
	if hasVeto(s) {
		head, widths = append(head, t(lang, "col.veto")), append(widths, 14)
	}
	head, widths = append(head, t(lang, "col.baseline")), append(widths, 14)
	if len(s.Prerequisites) > 0 {
		head, widths = append(head, t(lang, "col.prereq")), append(widths, 14)
	}
	head, widths = append(head, t(lang, "col.missinglist"), t(lang, "col.missingpts")), append(widths, 24, 10)
	for i := range s.Categories {
		head, widths = append(head, s.Categories[i].ID+" "+s.Categories[i].NameIn(lang)), append(widths, 12)
	}
	naHead := naXLSXHead(s, lang)
	head, widths = append(head, naHead...), append(widths, naXLSXWidths(naHead)...)
	sum, err := b.stream(t(lang, "xlsx.summary"), head, widths, verdictColour(s, 6))
	if err != nil {
		return err
	}
	ind, err := b.stream(t(lang, "xlsx.indicators"),
		[]string{t(lang, "col.subject"), t(lang, "col.id"), t(lang, "col.indicator"), t(lang, "col.type"), t(lang, "col.given"),
			t(lang, "col.requirement"), t(lang, "col.points"), t(lang, "col.optimistic"), t(lang, "col.max"),
			t(lang, "col.status"), t(lang, "col.status.id"), t(lang, "col.short")},
		[]float64{16, 8, 30, 8, 20, 40, 8, 8, 8, 10, 10, 36}, statusColour(10))
	if err != nil {
		return err
	}
	counts := map[string]int{}
	illustrative, n := false, 0
	err = run.Each(func(res *scoring.Scored) error {
		n++
		counts[res.Verdict]++
		illustrative = illustrative || res.Illustrative
		next, short := any(nil), any(nil)
		if res.NextLine != nil {
			next, short = verdictLabel(s, res.NextLine.Verdict, lang), xnum(res.NextLine.Short.V)
		}
		row := []any{res.Subject, t(lang, boolKey(res.Illustrative)), xnum(res.Points.V), xnum(res.PointsOptimistic.V), xnum(res.MaxPoints.V),
			verdictLabel(s, res.Verdict, lang), res.Verdict, next, short}
		if hasVeto(s) {
			row = append(row, strings.Join(res.VetoFailures, " "))
		}
		row = append(row, strings.Join(res.BaselineFailures, " "))
		if len(s.Prerequisites) > 0 {
			row = append(row, strings.Join(res.PrerequisitesUnmet, " "))
		}
		row = append(row, strings.Join(res.Missing, " "), xnum(res.MissingPoints.V))
		for _, c := range res.Categories {
			row = append(row, xnum(c.Points.V))
		}
		row = append(row, naXLSXCells(s, res, lang)...)
		if err := sum.add(row...); err != nil {
			return err
		}
		for i := range s.Indicators {
			def, x := &s.Indicators[i], res.Indicators[i]
			if err := ind.add(res.Subject, def.ID, def.NameIn(lang), indicatorType(s, def, lang), givenText(s, def, res, lang),
				requirementText(s, def, lang), xnum(x.Points.V), xnum(x.PointsOptimistic.V), xnum(x.MaxPoints.V),
				t(lang, "status."+x.Status), x.Status, shortText(s, def, x, lang)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	lines := []aboutLine{{cells: []any{t(lang, "xlsx.counts"), n}}}
	for _, v := range verdictIDs(s) {
		if counts[v] > 0 {
			lines = append(lines, aboutLine{cells: []any{verdictLabel(s, v, lang), counts[v]}, tone: verdictTone(s, v)})
		}
	}
	lines = append(append(lines, aboutLine{}), legend(s, lang, true, true)...)
	return b.writeAbout(sourceLine(s, lang), illustrative, lines)
}

func boolKey(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// quotaRun writes a summary row per subject, a row per subject and quota,
// and the city roll-up.
func (r xlsxRenderer) quotaRun(b *xbook, run *pipeline.QuotaRun) error {
	s, lang := run.Set, r.lang
	sum, err := b.stream(t(lang, "xlsx.summary"),
		[]string{t(lang, "col.subject"), t(lang, "col.illus"), t(lang, "col.verdict"), t(lang, "col.verdict.id"),
			t(lang, "col.metcount"), t(lang, "col.unmetcount"), t(lang, "col.missing"), t(lang, "col.missinglist")},
		[]float64{16, 8, 36, 14, 8, 8, 8, 30}, verdictColour(s, 3))
	if err != nil {
		return err
	}
	qs, err := r.quotaSheet(b, t(lang, "xlsx.quotas"), s)
	if err != nil {
		return err
	}
	for _, res := range run.Results {
		met, unmet, missing := 0, 0, 0
		for _, q := range res.Quotas {
			switch quotaStatusID(q) {
			case scoring.StatusMet:
				met++
			case scoring.StatusUnmet:
				unmet++
			case scoring.StatusNA:
			default:
				missing++
			}
			if err := quotaRow(qs, s, res.Subject, q, lang); err != nil {
				return err
			}
		}
		if err := sum.add(res.Subject, t(lang, boolKey(res.Illustrative)), verdictLabel(s, res.Verdict, lang), res.Verdict,
			met, unmet, missing, strings.Join(res.Missing, " ")); err != nil {
			return err
		}
	}
	if err := r.rollupSheet(b, s, run.Rollup); err != nil {
		return err
	}
	return b.writeAbout(sourceLine(s, lang), run.Illustrative(), legend(s, lang, true, true))
}

// quotaSheet starts a sheet of quota rows, with a data bar on done %.
func (r xlsxRenderer) quotaSheet(b *xbook, name string, s *criteria.Set) (*xsheet, error) {
	lang := r.lang
	x, err := b.stream(name,
		[]string{t(lang, "col.subject"), t(lang, "col.id"), t(lang, "col.quota"), t(lang, "col.scope"), t(lang, "col.target"),
			t(lang, "col.actual"), t(lang, "col.gap"), t(lang, "col.unit"), t(lang, "col.donepct"), t(lang, "col.status"), t(lang, "col.status.id")},
		[]float64{16, 14, 30, 10, 10, 10, 10, 10, 10, 10, 10}, statusColour(10))
	if err != nil {
		return nil, err
	}
	return x, nil
}

func quotaRow(x *xsheet, s *criteria.Set, subject string, q scoring.Quota, lang string) error {
	row, _ := s.Quota(q.Row)
	return x.add(subject, q.ID, quotaName(row, q, lang), q.Scope, xnumP(q.Target), xnumP(q.Actual), xnumP(q.Gap),
		s.QuotaMeasure(&row).UnitIn(lang), xnumP(q.Done), quotaStatus(q, lang), quotaStatusID(q))
}

// rollupSheet writes the city-wide roll-up.
func (r xlsxRenderer) rollupSheet(b *xbook, s *criteria.Set, rows []scoring.RollupRow) error {
	lang := r.lang
	head := []string{t(lang, "col.id"), t(lang, "col.quota"), t(lang, "col.unit"), t(lang, "col.reported"), t(lang, "col.unmet"),
		t(lang, "col.targetsum"), t(lang, "col.actualsum"), t(lang, "col.gapsum"), t(lang, "col.plantotal"),
		t(lang, "col.citytarget"), t(lang, "col.cityactual"), t(lang, "col.citygap"), t(lang, "col.planshort")}
	widths := []float64{14, 30, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10}
	// The subjects a row does not apply to get a column of their own, only
	// where some row has one: they enter none of its sums.
	na := slices.ContainsFunc(rows, func(rr scoring.RollupRow) bool { return len(rr.NotApplicable) > 0 })
	if na {
		head, widths = append(head, t(lang, "col.rollup.na")), append(widths, 24)
	}
	x, err := b.stream(t(lang, "xlsx.city"), head, widths)
	if err != nil {
		return err
	}
	for _, rr := range rows {
		q, _ := s.Quota(rr.Row)
		name := q.NameIn(lang)
		if rr.Year > 0 {
			name = fmt.Sprintf("%s %d", name, rr.Year)
		}
		reported := any(nil)
		if rr.Expected > 0 {
			reported = fmt.Sprintf("%d/%d", rr.Reported, rr.Expected)
		}
		cells := []any{rr.ID, name, s.QuotaMeasure(&q).UnitIn(lang), reported, rr.Unmet, xnumP(rr.TargetSum), xnumP(rr.ActualSum),
			xnumP(rr.GapSum), xnumP(rr.PlanTotal), xnumP(rr.CityTarget), xnumP(rr.CityActual), xnumP(rr.CityGap), xnumP(rr.PlanShortfall)}
		if na && len(rr.NotApplicable) > 0 {
			cells = append(cells, strings.Join(rr.NotApplicable, criteria.Pick(lang, "、", ", ")))
		}
		if err := x.add(cells...); err != nil {
			return err
		}
	}
	return nil
}

func (r xlsxRenderer) scoredGaps(b *xbook, d *pipeline.ScoredGaps) error {
	s, lang := d.Set, r.lang
	x, err := b.stream(t(lang, "xlsx.gaps"),
		[]string{t(lang, "col.subject"), t(lang, "col.id"), t(lang, "col.indicator"), t(lang, "col.points"), t(lang, "col.max"),
			t(lang, "col.lost"), t(lang, "col.status"), t(lang, "col.status.id"), t(lang, "col.short")},
		[]float64{16, 8, 30, 8, 8, 8, 10, 10, 40}, statusColour(7))
	if err != nil {
		return err
	}
	for _, l := range d.All() {
		ind, _ := s.Indicator(l.ID)
		name, short := ind.NameIn(lang), shortText(s, &ind, scoring.Indicator{Shortfalls: l.Shortfalls}, lang)
		if err := x.add(l.Subject, l.ID, name, xnum(l.Points.V), xnum(l.MaxPoints.V), xnum(l.Lost.V),
			t(lang, "status."+l.Status), l.Status, short); err != nil {
			return err
		}
	}
	if err := naSheet(b, s, d.NotApplicable, lang); err != nil {
		return err
	}
	return b.writeAbout(sourceLine(s, lang), d.Illustrative, legend(s, lang, false, true))
}

func (r xlsxRenderer) quotaGaps(b *xbook, d *pipeline.QuotaGaps) error {
	s, lang := d.Set, r.lang
	x, err := r.quotaSheet(b, t(lang, "xlsx.gaps"), s)
	if err != nil {
		return err
	}
	for _, g := range append(slices.Clone(d.Gaps), d.Unknown...) {
		q := scoring.Quota{ID: g.ID, Row: g.Row, Target: g.Target, Actual: g.Actual, Gap: g.Gap, Done: g.Done, Scope: g.Scope}
		if err := quotaRow(x, s, g.Subject, q, lang); err != nil {
			return err
		}
	}
	if err := naSheet(b, s, d.NotApplicable, lang); err != nil {
		return err
	}
	if err := r.rollupSheet(b, s, d.Rollup); err != nil {
		return err
	}
	return b.writeAbout(sourceLine(s, lang), d.Illustrative, legend(s, lang, false, true))
}
