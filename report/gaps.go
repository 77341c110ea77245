package report

import (
	"fmt"
	"io"
	"sort"
	"strconv"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/scoring"
)

// Gap is one quota a subject falls short of, or cannot be judged on.
type Gap struct {
	Subject string          `json:"subject"`
	ID      string          `json:"id"`
	Row     string          `json:"row"`
	Target  *scoring.Number `json:"target"`
	Actual  *scoring.Number `json:"actual"`
	Gap     *scoring.Number `json:"gap"`
	Done    *scoring.Number `json:"done_pct"`
	Unit    string          `json:"unit"`
	Scope   string          `json:"scope"`
}

// QuotaGapsDoc is the JSON document of gaps over a quota set.
type QuotaGapsDoc struct {
	Criteria CriteriaRef         `json:"criteria"`
	Gaps     []Gap               `json:"gaps"`    // shortfalls, least done first
	Unknown  []Gap               `json:"unknown"` // quotas a missing value leaves undecided
	Rollup   []scoring.RollupRow `json:"rollup"`
}

// Lost is one indicator that does not earn its full points.
type Lost struct {
	Subject    string              `json:"subject"`
	ID         string              `json:"id"`
	Points     scoring.Number      `json:"points"`
	MaxPoints  scoring.Number      `json:"max_points"`
	Lost       scoring.Number      `json:"lost"`
	Status     string              `json:"status"`
	Shortfalls []scoring.Shortfall `json:"shortfalls"`
}

// ScoredGapsDoc is the JSON document of gaps over a scored standard.
type ScoredGapsDoc struct {
	Criteria CriteriaRef `json:"criteria"`
	Lost     []Lost      `json:"lost"`    // points lost, most first
	Unknown  []Lost      `json:"unknown"` // indicators scored 0 for a missing value
}

// QuotaGaps renders the shortfalls of a quota run across subjects, least
// done first, and the city-wide roll-up.
func QuotaGaps(w io.Writer, s *criteria.Set, results []*scoring.Quotas, rollup []scoring.RollupRow, o Options) error {
	doc := QuotaGapsDoc{Criteria: ref(s), Gaps: []Gap{}, Unknown: []Gap{}, Rollup: nonNil(rollup)}
	for _, r := range results {
		for _, q := range r.Quotas {
			g := Gap{Subject: r.Subject, ID: q.ID, Row: q.Row, Target: q.Target, Actual: q.Actual, Gap: q.Gap,
				Done: q.Done, Unit: quotaUnit(s, q.Row, "zh"), Scope: q.Scope}
			switch {
			case q.Gap == nil:
				doc.Unknown = append(doc.Unknown, g)
			case !q.Met:
				doc.Gaps = append(doc.Gaps, g)
			}
		}
	}
	sort.SliceStable(doc.Gaps, func(i, j int) bool { return lessDone(doc.Gaps[i], doc.Gaps[j]) })
	switch o.Format {
	case "json":
		return writeDoc(w, doc)
	case "csv":
		c := newCSVWriter(w)
		c.row("subject", "id", "row", "scope", "target", "actual", "gap", "done_pct", "unit")
		for _, g := range append(append([]Gap{}, doc.Gaps...), doc.Unknown...) {
			c.row(g.Subject, g.ID, g.Row, g.Scope, numP(g.Target), numP(g.Actual), numP(g.Gap), numP(g.Done), g.Unit)
		}
		return c.flush()
	case "table", "markdown":
		p := &printer{w: w, md: o.Format == "markdown"}
		writeQuotaGaps(p, s, results, doc, o.Lang)
		return p.err
	}
	return CheckFormat(o.Format)
}

// lessDone orders shortfalls by the share still owed, exactly: gap ÷ target
// compared by cross-multiplication, never in floating point; then by the
// gap, subject and ID.
func lessDone(a, b Gap) bool {
	if a.Target.V.IsPos() && b.Target.V.IsPos() {
		l, err1 := exact.Mul(a.Gap.V, b.Target.V)
		r, err2 := exact.Mul(b.Gap.V, a.Target.V)
		if err1 == nil && err2 == nil {
			if c := l.Cmp(r); c != 0 {
				return c > 0
			}
		}
	}
	if c := a.Gap.V.Cmp(b.Gap.V); c != 0 {
		return c > 0
	}
	if a.Subject != b.Subject {
		return a.Subject < b.Subject
	}
	return a.ID < b.ID
}

func writeQuotaGaps(p *printer, s *criteria.Set, results []*scoring.Quotas, doc QuotaGapsDoc, lang string) {
	p.heading(1, fmt.Sprintf(t(lang, "gaps.title"), sourceLine(s, lang)))
	p.illustrative(anyIllustrative(results), lang)
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
			quotaUnit(s, g.Row, lang), numP(g.Done))
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

func anyIllustrative(results []*scoring.Quotas) bool {
	for _, r := range results {
		if r.Illustrative {
			return true
		}
	}
	return false
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
		unit := quotaMeasure(s, q).UnitIn(lang)
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

// ScoredGaps renders the points every subject loses, most first.
func ScoredGaps(w io.Writer, s *criteria.Set, results []*scoring.Scored, o Options) error {
	doc := ScoredGapsDoc{Criteria: ref(s), Lost: []Lost{}, Unknown: []Lost{}}
	for _, r := range results {
		for _, ind := range r.Indicators {
			lost, _ := exact.Sub(ind.MaxPoints.V, ind.Points.V)
			l := Lost{Subject: r.Subject, ID: ind.ID, Points: ind.Points, MaxPoints: ind.MaxPoints, Lost: scoring.N(lost),
				Status: ind.Status, Shortfalls: ind.Shortfalls}
			switch {
			case ind.Status == scoring.StatusMissing:
				doc.Unknown = append(doc.Unknown, l)
			case lost.IsPos() || ind.Status == scoring.StatusVetoed:
				doc.Lost = append(doc.Lost, l)
			}
		}
	}
	sort.SliceStable(doc.Lost, func(i, j int) bool {
		if c := doc.Lost[i].Lost.V.Cmp(doc.Lost[j].Lost.V); c != 0 {
			return c > 0
		}
		return doc.Lost[i].Subject < doc.Lost[j].Subject
	})
	switch o.Format {
	case "json":
		return writeDoc(w, doc)
	case "csv":
		c := newCSVWriter(w)
		c.row("subject", "id", "points", "max_points", "lost", "status")
		for _, l := range append(append([]Lost{}, doc.Lost...), doc.Unknown...) {
			c.row(l.Subject, l.ID, num(l.Points.V), num(l.MaxPoints.V), num(l.Lost.V), l.Status)
		}
		return c.flush()
	case "table", "markdown":
		p := &printer{w: w, md: o.Format == "markdown"}
		lang := o.Lang
		p.heading(1, fmt.Sprintf(t(lang, "gaps.scored.title"), sourceLine(s, lang)))
		illustrative := false
		for _, r := range results {
			illustrative = illustrative || r.Illustrative
		}
		p.illustrative(illustrative, lang)
		if len(doc.Lost) == 0 {
			p.line("%s", t(lang, "gaps.scored.none"))
		}
		tb := newTable("#", t(lang, "col.subject"), t(lang, "col.id"), t(lang, "col.indicator"), t(lang, "col.lost"),
			t(lang, "col.points"), t(lang, "col.status"), t(lang, "col.short"))
		tb.right[0], tb.right[4], tb.right[5] = true, true, true
		tb.wrap[3], tb.wrap[7] = 24, 36
		for i, l := range doc.Lost {
			ind, _ := s.Indicator(l.ID)
			tb.add(strconv.Itoa(i+1), l.Subject, l.ID, ind.NameIn(lang), num(l.Lost.V),
				num(l.Points.V)+"/"+num(l.MaxPoints.V), t(lang, "status."+l.Status),
				shortText(s, &ind, scoring.Indicator{Shortfalls: l.Shortfalls}, lang))
		}
		p.table(tb)
		var unknown []string
		for _, l := range doc.Unknown {
			unknown = append(unknown, l.Subject+" "+l.ID)
		}
		writeUnknown(p, unknown, lang)
		return p.err
	}
	return CheckFormat(o.Format)
}
