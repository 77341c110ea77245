package report

import (
	"fmt"
	"strings"

	"countyscore/criteria"
	"countyscore/pipeline"
	"countyscore/scoring"
)

// writeExplain writes an item's rule, source and rulings and, with a
// subject, how its result came about.
func writeExplain(p *printer, d *pipeline.Explain, lang string) {
	if d.Indicator != nil {
		explainIndicator(p, d.Set, d.Indicator, d.Subject, lang)
		return
	}
	explainQuota(p, d.Set, d.Quota, d.Subject, lang)
}

// explainIndicator writes an indicator's rule and a subject's trace.
func explainIndicator(p *printer, s *criteria.Set, ind *criteria.Indicator, sub *pipeline.ExplainSubject, lang string) {
	cat, _ := s.Category(ind.Category)
	p.heading(1, fmt.Sprintf("%s %s · %s %s", ind.ID, ind.NameIn(lang), cat.ID, cat.NameIn(lang)))
	typ := indicatorType(s, ind, lang)
	if ind.PrintedType == "" && s.TypeColumn != "" {
		typ += fmt.Sprintf(t(lang, "explain.unprinted"), s.TypeColumn)
	}
	p.line("%s%s", t(lang, "col.type")+"：", typ)
	p.line("%s%s", t(lang, "explain.rule"), ruleText(ind, lang))
	p.line("%s%s", t(lang, "explain.source"), ind.Source)
	p.line("%s%s", t(lang, "explain.requirement"), ind.Requirement)
	p.line("%s%s", t(lang, "explain.scoring"), ind.Scoring)
	if ind.Baseline {
		p.line(t(lang, "explain.baseline"), verdictLabel(s, scoring.BaselineUnmet, lang))
	}
	if ind.HasVeto() {
		p.line(t(lang, "explain.veto"), verdictLabel(s, scoring.Vetoed, lang))
	}
	if n := ind.NoteIn(lang); n != "" {
		p.line("%s%s", t(lang, "explain.note"), n)
	}
	p.blank()
	tb := newTable("#", t(lang, "col.requirement"), t(lang, "col.id"), t(lang, "col.text"))
	tb.wrap[3] = 60
	for _, req := range ind.Require {
		var conds []string
		for _, c := range req.Conditions {
			conds = append(conds, c.String())
		}
		text := criteria.Pick(lang, req.Text, req.TextEn)
		if req.Veto {
			text += t(lang, "veto.mark")
		}
		tb.add(req.Label, strings.Join(conds, "\n"), requirementMeasures(req), text)
	}
	p.table(tb)
	p.blank()
	explainRulings(p, s, ind.Rulings, lang)
	if sub == nil {
		return
	}
	res := sub.Result
	p.heading(2, fmt.Sprintf(t(lang, "explain.input"), sub.Name, sub.File))
	p.illustrative(sub.Illustrative, lang)
	for _, rt := range sub.Trace.Requirements {
		for _, ct := range rt.Conditions {
			state := t(lang, "explain.cond.met")
			switch {
			case !ct.Given:
				state = t(lang, "explain.cond.miss")
			case !ct.Holds:
				state = t(lang, "explain.cond.unmet")
			}
			given := t(lang, "value.missing")
			if ct.Given {
				given = scalarText(s, ct.Condition.Measure, ct.Actual, lang)
			}
			line := fmt.Sprintf("%s %s: %s = %s → %s", rt.Requirement.Label, ct.Condition.String(), ct.Condition.Measure, given, state)
			if ct.Given && !ct.Holds && !ct.Condition.IsBool && ind.Kind.Steps && !rt.Requirement.Veto {
				line += "；" + fmt.Sprintf(t(lang, "explain.steps"), num(ct.Short), ind.Step, num(ct.Started), num(ct.Whole))
			}
			p.line("%s", line)
		}
	}
	p.line(t(lang, "explain.result"), num(res.Points.V), num(res.PointsOptimistic.V), num(res.MaxPoints.V), t(lang, "status."+res.Status))
	if res.Status == scoring.StatusNA {
		p.line("%s", naReasonText(res.Reason, res.ReasonEn, lang))
	}
	p.blank()
}

// requirementMeasures lists the measures of a requirement, one a line.
func requirementMeasures(req criteria.Requirement) string {
	var ids []string
	for _, c := range req.Conditions {
		ids = append(ids, c.Measure)
	}
	return strings.Join(ids, "\n")
}

// explainRulings writes the rulings an item relies on.
func explainRulings(p *printer, s *criteria.Set, ids []int, lang string) {
	if len(ids) == 0 {
		return
	}
	p.heading(2, t(lang, "show.rulings"))
	for _, id := range ids {
		if r, ok := s.Ruling(id); ok {
			p.line("%d. %s", r.ID, r.TextIn(lang))
		}
	}
	p.blank()
}

// explainQuota writes a quota row's rule and a subject's lines of it.
func explainQuota(p *printer, s *criteria.Set, q *criteria.Quota, sub *pipeline.ExplainSubject, lang string) {
	m := s.QuotaMeasure(q)
	p.heading(1, fmt.Sprintf("%s %s（%s）", q.ID, q.NameIn(lang), m.UnitIn(lang)))
	p.line("%s%s", t(lang, "explain.source"), q.Source)
	p.line("%s%s", t(lang, "col.due")+"：", q.Due)
	p.line("%s%s", t(lang, "explain.quota.for"), strings.ReplaceAll(targetsText(s, q, lang), "\n", "；"))
	if q.CityTarget.Given {
		p.line("%s%s %s %s（%s）", t(lang, "col.citytarget")+"：", criteria.Op(q.Cmp).Symbol(), q.CityTarget, m.UnitIn(lang), q.CitySource)
	}
	if n := q.NoteIn(lang); n != "" {
		p.line("%s%s", t(lang, "explain.note"), n)
	}
	p.blank()
	explainRulings(p, s, q.Rulings, lang)
	if sub == nil {
		return
	}
	p.heading(2, fmt.Sprintf(t(lang, "explain.quota.input"), sub.Name, sub.File))
	p.illustrative(sub.Illustrative, lang)
	tb := newTable(t(lang, "col.id"), t(lang, "col.target"), t(lang, "col.actual"), t(lang, "col.gap"), t(lang, "col.status"), t(lang, "col.basis"))
	tb.wrap[5] = 50
	for _, line := range sub.Lines {
		tb.add(line.ID, numP(line.Target), valueOrMissing(line.Actual, lang), numP(line.Gap), quotaStatus(line, lang), basisText(s, *q, line, sub.Name, lang))
	}
	p.table(tb)
	p.blank()
}

// Template writes a blank input file for s: TOML with every measure, its
// unit and requirement as comments, or the CSV header.
