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
		target, actual, gap := numP(q.Target), valueOrMissing(q.Actual, lang), gapText(q, lang)
		if row.Check {
			target, actual, gap = t(lang, "check.target"), checkText(q, lang), shortfallsText(s, q.Shortfalls, lang)
		}
		if q.Status == scoring.StatusNA {
			actual = t(lang, "value.na")
		}
		tb.add(q.ID, quotaName(row, q, lang), target, actual, gap,
			m.UnitIn(lang), numP(q.Done), quotaStatus(q, lang), basisText(s, row, q, r.Subject, lang))
	}
	p.table(tb)
	writeTiers(p, s, r.Tiers, lang)
	p.blank()
}

// gapText is the gap of a number row; a ceiling's says 超出 (over it) or
// 余量 (room left under it).
func gapText(q scoring.Quota, lang string) string {
	switch {
	case q.Gap == nil:
		return ""
	case q.Op == string(criteria.LE) && q.Gap.V.IsPos():
		return t(lang, "ceiling.over") + num(q.Gap.V)
	case q.Headroom != nil:
		return t(lang, "ceiling.room") + num(q.Headroom.V)
	}
	return num(q.Gap.V)
}

// checkText is the answer of a yes/no row: 是, 否, or missing.
func checkText(q scoring.Quota, lang string) string {
	switch q.Check {
	case scoring.CheckDone:
		return t(lang, "check.yes")
	case scoring.CheckNotDone:
		return t(lang, "check.no")
	}
	return t(lang, "value.missing")
}

// shortfallsText lists what a conditions row lacks, each in its unit.
func shortfallsText(s *criteria.Set, list []scoring.Shortfall, lang string) string {
	parts := make([]string, 0, len(list))
	for _, sf := range list {
		parts = append(parts, shortfallText(s, sf, lang))
	}
	return strings.Join(parts, t(lang, "list.sep"))
}

// shortfallText says one unmet or missing condition: M1 3 < 5 (差 2 户).
func shortfallText(s *criteria.Set, sf scoring.Shortfall, lang string) string {
	m, _ := s.Measure(sf.Measure)
	want := fmt.Sprintf("%s %s %s", sf.Measure, sf.Op, scalarWord(sf.Target, lang))
	switch {
	case sf.Actual == nil:
		return want + t(lang, "short.absent")
	case sf.Short != nil:
		return fmt.Sprintf(t(lang, "short.by"), want, scalarWord(*sf.Actual, lang), num(sf.Short.V), m.UnitIn(lang))
	}
	return fmt.Sprintf(t(lang, "short.is"), want, scalarWord(*sf.Actual, lang))
}

func scalarWord(v scoring.Scalar, lang string) string {
	if !v.IsBool {
		return num(v.Num)
	}
	if v.Bool {
		return t(lang, "check.yes")
	}
	return t(lang, "check.no")
}

// writeTiers shows each tier of the subject under its table.
func writeTiers(p *printer, s *criteria.Set, tiers []scoring.TierResult, lang string) {
	for _, tr := range tiers {
		var tier criteria.Tier
		for _, x := range s.Tiers {
			if x.ID == tr.ID {
				tier = x
			}
		}
		m, _ := s.Measure(tr.Measure)
		switch tr.Status {
		case scoring.TierMissing:
			p.line(t(lang, "tier.missing"), tier.NameIn(lang), tr.Measure)
		case scoring.TierBelow:
			p.line(t(lang, "tier.below"), tier.NameIn(lang), criteria.Pick(lang, tier.BelowLabel, tier.BelowLabelEn), numP(tr.Value), m.UnitIn(lang))
		default:
			label := tr.Label
			for _, b := range tier.Bands {
				if b.Label == tr.Label {
					label = criteria.Pick(lang, b.Label, b.LabelEn)
				}
			}
			p.line(t(lang, "tier.in"), tier.NameIn(lang), label, numP(tr.Value), m.UnitIn(lang), numP(tr.From))
		}
	}
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
	if q.Status == scoring.StatusNA {
		return naReasonText(q.Reason, q.ReasonEn, lang)
	}
	word := ""
	switch {
	case !q.Known():
		word = t(lang, "status.missing")
	case q.Check == scoring.CheckDone:
		word = t(lang, "status.done")
	case q.Check == scoring.CheckNotDone:
		word = t(lang, "status.notdone")
	case q.Met:
		word = t(lang, "status.met")
	default:
		word = t(lang, "verdict.not-met")
	}
	switch q.Strength {
	case "aspirational":
		word += t(lang, "strength.aspirational")
	case "mark":
		word += t(lang, "strength.mark")
	}
	return word
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
			case !q.Known():
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
