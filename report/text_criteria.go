package report

import (
	"fmt"
	"strconv"
	"strings"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/pipeline"
)

// writeCriteriaList lists the built-in sets.
func writeCriteriaList(p *printer, d *pipeline.CriteriaList, lang string) {
	tb := newTable(t(lang, "col.id"), t(lang, "col.title"), t(lang, "col.source"), t(lang, "col.kind"), t(lang, "col.items"))
	tb.right[4] = true
	for _, s := range d.Sets {
		tb.add(s.ID, s.TitleIn(lang), s.Source, t(lang, "kind."+s.Kind), strconv.Itoa(s.ItemCount()))
	}
	p.table(tb)
}

// writeCriteriaShow writes every rule of a set with its source.
func writeCriteriaShow(p *printer, s *criteria.Set, lang string) {
	p.heading(1, sourceLine(s, lang))
	if s.Document != "" {
		p.line("%s", s.Document)
	}
	for _, n := range notesIn(s, lang) {
		p.line("- %s", n)
	}
	p.blank()
	if s.IsScored() {
		showScored(p, s, lang)
	} else {
		showQuotas(p, s, lang)
	}
	showNA(p, s, lang)
	if len(s.Rulings) > 0 {
		p.heading(2, t(lang, "show.rulings"))
		for _, r := range s.Rulings {
			p.line("%d. %s", r.ID, r.TextIn(lang))
		}
		p.blank()
	}
}

func notesIn(s *criteria.Set, lang string) []string {
	if lang == "en" && len(s.NotesEn) > 0 {
		return s.NotesEn
	}
	return s.Notes
}

func showScored(p *printer, s *criteria.Set, lang string) {
	p.heading(2, t(lang, "show.lines"))
	if len(s.Lines) > 0 { // a scored set may have no line: every total is below_verdict
		p.line("< %s: %s", s.Lines[0].Points, criteria.Pick(lang, s.BelowLabel, s.BelowLabelEn))
	}
	for _, l := range s.Lines {
		p.line("≥ %s: %s（%s）", l.Points, l.LabelIn(lang), l.Source)
	}
	p.blank()
	if len(s.Prerequisites) > 0 {
		p.heading(2, t(lang, "show.prereq"))
		pt := newTable(t(lang, "col.id"), t(lang, "col.name"), t(lang, "col.text"), t(lang, "col.source"))
		pt.wrap[2], pt.wrap[3] = 60, 24
		for _, pr := range s.Prerequisites {
			pt.add(pr.ID, pr.NameIn(lang), pr.Text, pr.Source)
		}
		p.table(pt)
		p.blank()
	}
	if len(s.Schedule) > 0 {
		p.heading(2, t(lang, "show.schedule"))
		for _, m := range s.Schedule {
			p.line("%s：%s（%s）", strings.Join(m.Subjects, "、"), m.TextIn(lang), m.Source)
		}
		p.blank()
	}
	for _, cat := range s.Categories {
		title := fmt.Sprintf("%s %s（%s）", cat.ID, cat.NameIn(lang), num(cat.MaxPoints))
		if cat.StatedPoints.Given {
			title = fmt.Sprintf("%s %s（%s / %s）", cat.ID, cat.NameIn(lang), num(cat.MaxPoints), cat.StatedPoints)
		}
		p.heading(2, title)
		tb := newTable(t(lang, "col.id"), t(lang, "col.indicator"), t(lang, "col.type"), t(lang, "col.text"),
			t(lang, "col.max"), t(lang, "col.how"), t(lang, "col.source"))
		tb.wrap[1], tb.wrap[3], tb.wrap[5], tb.wrap[6] = 18, 44, 30, 24
		tb.right[4] = true
		for i := range s.Indicators {
			ind := &s.Indicators[i]
			if ind.Category != cat.ID {
				continue
			}
			how := ind.Scoring + "\n" + ruleText(ind, lang)
			if len(ind.Rulings) > 0 {
				how += "\n" + rulingsText(ind.Rulings, lang)
			}
			if n := ind.NoteIn(lang); n != "" {
				how += "\n" + n
			}
			tb.add(ind.ID, ind.NameIn(lang), indicatorType(s, ind, lang), ind.Requirement, ind.Points.String(), how, ind.Source)
		}
		p.table(tb)
		p.blank()
	}
	if note := statedNote(s, lang); note != "" {
		p.line("%s", note)
		p.blank()
	}
}

func rulingsText(ids []int, lang string) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.Itoa(id)
	}
	if lang == "en" {
		if len(ids) == 1 {
			return "ruling " + parts[0]
		}
		return "rulings " + strings.Join(parts, ", ")
	}
	return "裁定 " + strings.Join(parts, "、")
}

// ruleText describes an indicator's rule kind with its figures.
func ruleText(ind *criteria.Indicator, lang string) string {
	return ind.Kind.Describe(ind, lang)
}

func showQuotas(p *printer, s *criteria.Set, lang string) {
	if s.City != "" {
		p.line(t(lang, "show.city"), s.City, s.Source)
	}
	if len(s.Years) > 0 {
		years := make([]string, len(s.Years))
		for i, y := range s.Years {
			years[i] = strconv.Itoa(y)
		}
		p.line(t(lang, "show.years"), strings.Join(years, "、"))
	}
	p.blank()
	p.heading(2, t(lang, "show.quotas"))
	tb := newTable(t(lang, "col.id"), t(lang, "col.quota"), t(lang, "col.unit"), t(lang, "col.subjects"),
		t(lang, "col.citytarget"), t(lang, "col.due"), t(lang, "col.source"))
	tb.wrap[1], tb.wrap[3], tb.wrap[4], tb.wrap[6] = 16, 40, 30, 30
	for i := range s.Quotas {
		q := &s.Quotas[i]
		m := s.QuotaMeasure(q)
		city := ""
		if q.CityTarget.Given {
			city = fmt.Sprintf("%s %s %s\n%s", criteria.Op(q.Cmp).Symbol(), q.CityTarget, m.UnitIn(lang), q.CitySource)
		}
		targets := targetsText(s, q, lang)
		if n := q.NoteIn(lang); n != "" {
			targets += "\n" + n
		}
		if len(q.Rulings) > 0 {
			targets += "\n" + rulingsText(q.Rulings, lang)
		}
		tb.add(q.ID, q.NameIn(lang), m.UnitIn(lang), targets, city, q.Due, q.Source)
	}
	p.table(tb)
	p.blank()
}

// targetsText describes who owes what under a quota row.
func targetsText(s *criteria.Set, q *criteria.Quota, lang string) string {
	op := criteria.Op(q.Cmp).Symbol()
	var parts []string
	if q.Check {
		who := levelNames(q.AppliesTo, lang)
		if len(q.OwedBy) > 0 {
			who = strings.TrimPrefix(strings.Join([]string{who, strings.Join(q.OwedBy, "、")}, "、"), "、")
		}
		what := q.Measure + " = " + t(lang, "check.yes")
		if q.Tree != nil {
			what = q.Tree.String(q.Conditions)
		}
		return fmt.Sprintf("%s: %s", who, what)
	}
	if len(q.OwedBy) > 0 && q.Target.Given {
		parts = append(parts, fmt.Sprintf("%s: %s %s", strings.Join(q.OwedBy, "、"), op, q.Target))
	}
	if len(q.Targets) > 0 {
		var items []string
		for _, name := range orderedSubjects(q.Targets) {
			items = append(items, fmt.Sprintf("%s %s", name, q.Targets[name]))
		}
		parts = append(parts, op+" "+strings.Join(items, "、"))
	}
	levels := levelNames(q.AppliesTo, lang)
	switch q.Derive {
	case criteria.DeriveGrowthBand:
		var bands []string
		prev := exact.Zero
		for _, b := range q.Bands {
			pct, _ := exact.Mul(b.Growth.V, exact.Hundred)
			bands = append(bands, fmt.Sprintf("%s → +%s%%", bandText(q.Bands, bandProbe(b, prev)), num(pct)))
			if b.Upto.Given {
				prev = b.Upto.V
			}
		}
		parts = append(parts, fmt.Sprintf("%s: %s × (1 + %s)；%s", levels, s.Measures[q.BaseIdx].ID, criteria.Pick(lang, "增幅", "growth"), strings.Join(bands, "；")))
	case criteria.DerivePerPopulation:
		parts = append(parts, fmt.Sprintf("%s: %s ⌈%s × %s ÷ %s⌉", levels, op, q.Rate, criteria.Pick(lang, "常住人口", "population"), q.Per))
	default:
		if q.Target.Given && len(q.AppliesTo) > 0 { // owed_by alone is said above
			parts = append(parts, fmt.Sprintf("%s: %s %s", levels, op, q.Target))
		}
	}
	if q.RowTotal.Given && len(q.Targets) == 0 && len(q.AppliesTo) == 0 {
		parts = append(parts, t(lang, "assigned.none")+q.RowTotal.String())
	}
	return strings.Join(parts, "\n")
}

// bandProbe is a base value that falls in band b, for naming the band.
func bandProbe(b criteria.Band, prev exact.Decimal) exact.Decimal {
	if b.Upto.Given {
		return b.Upto.V
	}
	p, _ := exact.Add(prev, exact.One)
	return p
}

func levelNames(levels []string, lang string) string {
	reg := criteria.Subjects()
	var out []string
	for _, l := range levels {
		out = append(out, reg.LevelName(l, lang))
	}
	return strings.Join(out, criteria.Pick(lang, "、", ", "))
}

// orderedSubjects returns target subjects in registry order.
func orderedSubjects[V any](m map[string]V) []string {
	var out []string
	for _, subj := range criteria.Subjects().Subjects {
		if _, ok := m[subj.Name]; ok {
			out = append(out, subj.Name)
		}
	}
	return out
}

// Explain renders one indicator's or quota's rule, its source and rulings,
// and with rec how that subject's result came about.
