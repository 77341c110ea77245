package report

import (
	"fmt"
	"strings"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/pipeline"
	"countyscore/scoring"
)

// writeQuotaRun writes every subject's quotas and, for several subjects,
// a summary.
func writeQuotaRun(p *printer, run *pipeline.QuotaRun, lang string) {
	for _, r := range run.Results {
		writeQuotaSubject(p, run.Set, r, lang)
	}
	if len(run.Results) > 1 {
		writeQuotaSummary(p, run, lang)
	}
}

func writeQuotaSubject(p *printer, s *criteria.Set, r *scoring.Quotas, lang string) {
	p.heading(1, fmt.Sprintf("%s · %s", r.Subject, sourceLine(s, lang)))
	p.illustrative(r.Illustrative, lang)
	writeAssumed(p, r.Assumed, lang)
	p.line("%s%s", t(lang, "verdict"), verdictLabel(s, r.Verdict, lang))
	p.line("%s%s", t(lang, "missing"), joinList(lang, r.Missing))
	if len(r.NotDue) > 0 {
		p.line(t(lang, "quota.not.due"), r.Year, joinList(lang, r.NotDue))
	}
	p.blank()
	tb := newTable(t(lang, "col.id"), t(lang, "col.quota"), t(lang, "col.target"), t(lang, "col.actual"), t(lang, "col.gap"),
		t(lang, "col.unit"), t(lang, "col.done"), t(lang, "col.status"), t(lang, "col.basis"))
	tb.wrap[1], tb.wrap[8] = 24, 40
	tb.right[2], tb.right[3], tb.right[4], tb.right[6] = true, true, true, true
	for _, q := range r.Quotas {
		row, _ := s.Quota(q.Row)
		m := s.QuotaMeasure(&row)
		tb.add(q.ID, quotaName(row, q, lang), numP(q.Target), valueOrMissing(q.Actual, lang), numP(q.Gap),
			m.UnitIn(lang), numP(q.Done), quotaStatus(q, lang), basisText(s, row, q, r.Subject, lang))
	}
	p.table(tb)
	p.blank()
}

func quotaName(row criteria.Quota, q scoring.Quota, lang string) string {
	name := row.NameIn(lang)
	if q.Year > 0 {
		return fmt.Sprintf("%s %d", name, q.Year)
	}
	return name
}

func valueOrMissing(n *scoring.Number, lang string) string {
	if n == nil {
		return t(lang, "value.missing")
	}
	return num(n.V)
}

func quotaStatus(q scoring.Quota, lang string) string {
	switch {
	case q.Gap == nil:
		return t(lang, "status.missing")
	case q.Met:
		return t(lang, "status.met")
	}
	return t(lang, "verdict.not-met")
}

// basisText says how a target came about: the plan's table, a uniform
// figure, a derivation from the subject's own values, or a city-wide sum.
func basisText(s *criteria.Set, row criteria.Quota, q scoring.Quota, subject, lang string) string {
	d := q.Derived
	switch {
	case q.Scope == scoring.ScopeCitySum && d != nil:
		text := fmt.Sprintf(t(lang, "basis.citysum"), d.Reported, d.Members)
		if d.TableTotal != nil {
			text += fmt.Sprintf(t(lang, "basis.tabletotal"), numP(d.TableTotal))
			switch {
			case d.TableGap != nil && d.TableGap.V.IsZero():
				text += t(lang, "basis.tablemet")
			case d.TableGap != nil:
				text += fmt.Sprintf(t(lang, "basis.tablegap"), numP(d.TableGap))
			}
		}
		return text
	case q.Scope == scoring.ScopeCity:
		return row.CitySource
	case d != nil && d.Kind == criteria.DeriveGrowthBand:
		if d.Base == nil {
			return fmt.Sprintf(t(lang, "basis.band.miss"), row.Base)
		}
		factor, _ := exact.Add(exact.One, d.Growth.V)
		pct, _ := exact.Mul(d.Growth.V, exact.Hundred)
		return fmt.Sprintf(t(lang, "basis.band"), num(d.Base.V), bandText(row.Bands, d.Base.V), num(pct),
			num(d.Base.V), num(factor), numP(q.Target))
	case d != nil && d.Kind == criteria.DerivePerPopulation:
		if d.Population == nil {
			return t(lang, "basis.pop.miss")
		}
		text := fmt.Sprintf(t(lang, "basis.pop.exact"), num(d.Rate.V), num(d.Population.V), num(d.Per.V), numP(d.Exact))
		if d.Exact != nil && q.Target != nil && d.Exact.V.Cmp(q.Target.V) != 0 {
			text += " → " + numP(q.Target)
		}
		return text
	}
	if src, ok := row.Assigned[subject]; ok {
		return fmt.Sprintf(t(lang, "basis.assigned"), src)
	}
	if _, ok := row.Targets[subject]; ok {
		return t(lang, "basis.fixed")
	}
	return t(lang, "basis.uniform")
}

// bandText names the growth band a base falls in: ≤1.8, (1.8, 2.3], >2.5.
func bandText(bands []criteria.Band, base exact.Decimal) string {
	prev := ""
	for i, b := range bands {
		if !b.Upto.Given {
			return ">" + prev
		}
		if base.Cmp(b.Upto.V) <= 0 {
			if i == 0 {
				return "≤" + b.Upto.String()
			}
			return fmt.Sprintf("(%s, %s]", prev, b.Upto)
		}
		prev = b.Upto.String()
	}
	return ">" + prev
}

func writeQuotaSummary(p *printer, run *pipeline.QuotaRun, lang string) {
	s, results := run.Set, run.Results
	p.heading(1, fmt.Sprintf(t(lang, "summary.quota.title"), s.TitleIn(lang), len(results)))
	p.illustrative(run.Illustrative(), lang)
	tb := newTable("#", t(lang, "col.subject"), t(lang, "col.verdict"), t(lang, "status.met"), t(lang, "verdict.not-met"), t(lang, "col.missing"))
	tb.right[0], tb.right[3], tb.right[5] = true, true, true
	for i, r := range results {
		met, unmet, missing := 0, []string{}, 0
		for _, q := range r.Quotas {
			switch {
			case q.Gap == nil:
				missing++
			case q.Met:
				met++
			default:
				unmet = append(unmet, q.ID)
			}
		}
		tb.add(fmt.Sprint(i+1), r.Subject, verdictLabel(s, r.Verdict, lang), fmt.Sprint(met),
			fmt.Sprintf("%d %s", len(unmet), strings.Join(unmet, " ")), fmt.Sprint(missing))
	}
	tb.wrap[4] = 40
	p.table(tb)
	p.blank()
}
