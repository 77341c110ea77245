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
		target, actual, gap := numP(g.Target), numP(g.Actual), numP(g.Gap)
		if g.Check != "" {
			target, actual = t(lang, "check.target"), t(lang, "check.no")
		}
		name := row.NameIn(lang)
		if !row.Decides() {
			name += t(lang, "strength."+row.Strength)
		}
		tb.add(strconv.Itoa(i+1), g.Subject, g.ID, name, target, actual, gap,
			s.QuotaUnit(g.Row, lang), numP(g.Done))
	}
	p.table(tb)
	var unknown []string
	for _, g := range doc.Unknown {
		unknown = append(unknown, g.Subject+" "+g.ID)
	}
	writeUnknown(p, unknown, lang)
	writeNAGaps(p, s, doc.NotApplicable, lang)
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
		if len(r.NotApplicable) > 0 {
			facts = append(facts, rollupNAText(r, lang))
		}
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

// writeScoredGaps is the fix list: what blocks a verdict first, then the
// points lost, most first; then the missing values, gating first, with
// the points at stake.
func writeScoredGaps(p *printer, doc *pipeline.ScoredGaps, lang string) {
	s := doc.Set
	p.heading(1, fmt.Sprintf(t(lang, "gaps.scored.title"), sourceLine(s, lang)))
	p.illustrative(doc.Illustrative, lang)
	if doc.Len() == 0 && doc.UnknownLen() == 0 {
		p.line("%s", t(lang, "gaps.scored.none"))
	}
	if doc.Len() > 0 {
		tb := newTable("#", t(lang, "col.subject"), t(lang, "col.id"), t(lang, "col.indicator"), t(lang, "col.why"),
			t(lang, "col.lost"), t(lang, "col.points"), t(lang, "col.status"), t(lang, "col.short"))
		tb.right[0], tb.right[5], tb.right[6] = true, true, true
		tb.wrap[3], tb.wrap[8] = 24, 36
		for i := range doc.Len() {
			l := doc.LostAt(i)
			ind, isInd := s.Indicator(l.ID)
			short := ""
			if isInd {
				short = shortText(s, &ind, scoring.Indicator{Shortfalls: l.Shortfalls}, lang)
			}
			tb.add(strconv.Itoa(i+1), l.Subject, l.ID, itemLabel(s, l.ID, lang), t(lang, "reason."+l.Reason), num(l.Lost.V),
				num(l.Points.V)+"/"+num(l.MaxPoints.V), t(lang, "status."+l.Status), short)
		}
		p.table(tb)
		p.blank()
	}
	if doc.UnknownLen() > 0 {
		p.line("%s", t(lang, "gaps.scored.missing"))
		tb := newTable("#", t(lang, "col.subject"), t(lang, "col.id"), t(lang, "col.indicator"), t(lang, "col.why"),
			t(lang, "col.stake"), t(lang, "col.fill"))
		tb.right[0], tb.right[5] = true, true
		tb.wrap[3], tb.wrap[6] = 24, 36
		for i := range doc.UnknownLen() {
			l := doc.UnknownAt(i)
			var fill []string
			for _, sf := range l.Shortfalls {
				if sf.Actual == nil {
					fill = append(fill, sf.Measure)
				}
			}
			if len(fill) == 0 {
				fill = []string{l.ID}
			}
			tb.add(strconv.Itoa(i+1), l.Subject, l.ID, itemLabel(s, l.ID, lang), t(lang, "reason."+l.Reason), num(l.AtStake.V),
				joinList(lang, fill))
		}
		p.table(tb)
		p.blank()
	}
	writeNAGaps(p, s, doc.NotApplicable, lang)
}

// itemLabel names an indicator or a prerequisite.
func itemLabel(s *criteria.Set, id, lang string) string {
	if ind, ok := s.Indicator(id); ok {
		return ind.NameIn(lang)
	}
	for _, pr := range s.Prerequisites {
		if pr.ID == id {
			return pr.NameIn(lang)
		}
	}
	return ""
}
