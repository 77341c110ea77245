package report

import (
	"fmt"
	"strconv"

	"countyscore/criteria"
	"countyscore/pipeline"
	"countyscore/scoring"
)

// writeQuotaGaps lists the shortfalls, least done first, what cannot be
// judged, and the city-wide roll-up.
func writeQuotaGaps(p *printer, doc *pipeline.QuotaGaps, lang string) {
	s := doc.Set
	p.heading(1, fmt.Sprintf(t(lang, "gaps.title"), sourceLine(s, lang)))
	p.illustrative(doc.Illustrative, lang)
	if len(doc.Gaps) == 0 {
		p.line("%s", t(lang, "gaps.none"))
	}
	tb := newTable("#", t(lang, "col.subject"), t(lang, "col.id"), t(lang, "col.quota"), t(lang, "col.target"),
		t(lang, "col.actual"), t(lang, "col.gap"), t(lang, "col.unit"), t(lang, "col.done"))
	for _, i := range []int{0, 4, 5, 6, 8} {
		tb.right[i] = true
	}
	tb.wrap[3] = 24
	for i, g := range doc.Gaps {
		row, _ := s.Quota(g.Row)
		tb.add(strconv.Itoa(i+1), g.Subject, g.ID, row.NameIn(lang), numP(g.Target), numP(g.Actual), numP(g.Gap),
			s.QuotaUnit(g.Row, lang), numP(g.Done))
	}
	p.table(tb)
	var unknown []string
	for _, g := range doc.Unknown {
		unknown = append(unknown, g.Subject+" "+g.ID)
	}
	writeUnknown(p, unknown, lang)
	writeRollup(p, s, doc.Rollup, lang)
}

// writeUnknown lists what a missing value leaves undecided.
func writeUnknown(p *printer, items []string, lang string) {
	if len(items) > 0 {
		p.blank()
		p.line("%s%s", t(lang, "gaps.unknown"), joinList(lang, items))
	}
	p.blank()
}

// writeRollup shows each quota row city-wide, then the facts about the
// plan: rows whose subjects' targets add up to less than the city's.
func writeRollup(p *printer, s *criteria.Set, rows []scoring.RollupRow, lang string) {
	p.heading(1, fmt.Sprintf(t(lang, "rollup.title"), s.TitleIn(lang)))
	tb := newTable(t(lang, "col.id"), t(lang, "col.quota"), t(lang, "col.unit"), t(lang, "col.reported"), t(lang, "col.unmet"),
		t(lang, "col.targetsum"), t(lang, "col.actualsum"), t(lang, "col.gapsum"), t(lang, "col.plantotal"),
		t(lang, "col.citytarget"), t(lang, "col.cityactual"), t(lang, "col.citygap"), t(lang, "col.planshort"))
	for i := 3; i <= 12; i++ {
		tb.right[i] = true
	}
	tb.wrap[1], tb.wrap[8] = 20, 16
	var facts []string
	for _, r := range rows {
		q, _ := s.Quota(r.Row)
		unit := s.QuotaMeasure(&q).UnitIn(lang)
		plan := numP(r.PlanTotal)
		if r.PlanTotalUnassigned {
			plan += t(lang, "rollup.unassigned")
		}
		name := q.NameIn(lang)
		if r.Year > 0 {
			name = fmt.Sprintf("%s %d", name, r.Year)
		}
		reported := ""
		if r.Expected > 0 {
			reported = fmt.Sprintf("%d/%d", r.Reported, r.Expected)
		}
		tb.add(r.ID, name, unit, reported, strconv.Itoa(r.Unmet), numP(r.TargetSum), numP(r.ActualSum),
			numP(r.GapSum), plan, numP(r.CityTarget), numP(r.CityActual), numP(r.CityGap), numP(r.PlanShortfall))
		if r.PlanShortfall != nil {
			what := t(lang, "rollup.assigned")
			if r.PlanTotalUnassigned {
				what = t(lang, "rollup.table")
			}
			facts = append(facts, fmt.Sprintf(t(lang, "rollup.fact"), r.ID, q.NameIn(lang), what, numP(r.PlanTotal), unit,
				numP(r.CityTarget), unit, numP(r.PlanShortfall), unit))
		}
	}
	p.table(tb)
	p.line("%s", t(lang, "rollup.note"))
	for _, f := range facts {
		p.line("%s", f)
	}
	p.blank()
}

// writeScoredGaps lists the points every subject loses, most first.
func writeScoredGaps(p *printer, doc *pipeline.ScoredGaps, lang string) {
	s := doc.Set
	p.heading(1, fmt.Sprintf(t(lang, "gaps.scored.title"), sourceLine(s, lang)))
	p.illustrative(doc.Illustrative, lang)
	if doc.Len() == 0 {
		p.line("%s", t(lang, "gaps.scored.none"))
	}
	tb := newTable("#", t(lang, "col.subject"), t(lang, "col.id"), t(lang, "col.indicator"), t(lang, "col.lost"),
		t(lang, "col.points"), t(lang, "col.status"), t(lang, "col.short"))
	tb.right[0], tb.right[4], tb.right[5] = true, true, true
	tb.wrap[3], tb.wrap[7] = 24, 36
	for i := range doc.Len() {
		l := doc.LostAt(i)
		ind, _ := s.Indicator(l.ID)
		tb.add(strconv.Itoa(i+1), l.Subject, l.ID, ind.NameIn(lang), num(l.Lost.V),
			num(l.Points.V)+"/"+num(l.MaxPoints.V), t(lang, "status."+l.Status),
			shortText(s, &ind, scoring.Indicator{Shortfalls: l.Shortfalls}, lang))
	}
	p.table(tb)
	var unknown []string
	for i := range doc.UnknownLen() {
		l := doc.UnknownAt(i)
		unknown = append(unknown, l.Subject+" "+l.ID)
	}
	writeUnknown(p, unknown, lang)
}
