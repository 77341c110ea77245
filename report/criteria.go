package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
	"countyscore/scoring"
)

// SetSummary is one line of `criteria list`.
type SetSummary struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Source string `json:"source"`
	Kind   string `json:"kind"`
	Items  int    `json:"items"`
}

// CriteriaList renders the built-in sets.
func CriteriaList(w io.Writer, sets []*criteria.Set, o Options) error {
	var rows []SetSummary
	for _, s := range sets {
		rows = append(rows, SetSummary{ID: s.ID, Title: s.TitleIn(o.Lang), Source: s.Source, Kind: s.Kind, Items: s.ItemCount()})
	}
	switch o.Format {
	case "json":
		return writeDoc(w, struct {
			Sets []SetSummary `json:"sets"`
		}{nonNil(rows)})
	case "csv":
		c := newCSVWriter(w)
		c.row("id", "title", "source", "kind", "items")
		for _, r := range rows {
			c.row(r.ID, r.Title, r.Source, r.Kind, strconv.Itoa(r.Items))
		}
		return c.flush()
	}
	p := &printer{w: w, md: o.Format == "markdown"}
	tb := newTable(t(o.Lang, "col.id"), t(o.Lang, "col.title"), t(o.Lang, "col.source"), t(o.Lang, "col.kind"), t(o.Lang, "col.items"))
	tb.right[4] = true
	for _, r := range rows {
		tb.add(r.ID, r.Title, r.Source, t(o.Lang, "kind."+r.Kind), strconv.Itoa(r.Items))
	}
	p.table(tb)
	return p.err
}

// CriteriaShow renders every rule of a set with its source.
func CriteriaShow(w io.Writer, s *criteria.Set, o Options) error {
	p := &printer{w: w, md: o.Format == "markdown"}
	lang := o.Lang
	p.heading(1, sourceLine(s, lang))
	p.line("%s", s.Document)
	for _, n := range notesIn(s, lang) {
		p.line("- %s", n)
	}
	p.blank()
	if s.IsScored() {
		showScored(p, s, lang)
	} else {
		showQuotas(p, s, lang)
	}
	p.heading(2, t(lang, "show.rulings"))
	for _, r := range s.Rulings {
		p.line("%d. %s", r.ID, r.TextIn(lang))
	}
	p.blank()
	return p.err
}

func notesIn(s *criteria.Set, lang string) []string {
	if lang == "en" && len(s.NotesEn) > 0 {
		return s.NotesEn
	}
	return s.Notes
}

func showScored(p *printer, s *criteria.Set, lang string) {
	p.heading(2, t(lang, "show.lines"))
	p.line("< %s: %s", s.Lines[0].Points, criteria.Pick(lang, s.BelowLabel, s.BelowLabelEn))
	for _, l := range s.Lines {
		p.line("≥ %s: %s（%s）", l.Points, l.LabelIn(lang), l.Source)
	}
	p.blank()
	p.heading(2, t(lang, "show.prereq"))
	pt := newTable(t(lang, "col.id"), t(lang, "col.name"), t(lang, "col.text"), t(lang, "col.source"))
	pt.wrap[2], pt.wrap[3] = 60, 24
	for _, pr := range s.Prerequisites {
		pt.add(pr.ID, pr.NameIn(lang), pr.Text, pr.Source)
	}
	p.table(pt)
	p.blank()
	if len(s.Schedule) > 0 {
		p.heading(2, t(lang, "show.schedule"))
		for _, m := range s.Schedule {
			p.line("%s：%s（%s）", strings.Join(m.Subjects, "、"), m.TextIn(lang), m.Source)
		}
		p.blank()
	}
	for _, cat := range s.Categories {
		title := fmt.Sprintf("%s %s（%s / %s）", cat.ID, cat.NameIn(lang), num(cat.MaxPoints), cat.StatedPoints)
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
			tb.add(ind.ID, ind.NameIn(lang), indicatorType(ind, lang), ind.Requirement, ind.Points.String(), how, ind.Source)
		}
		p.table(tb)
		p.blank()
	}
	p.line("%s", t(lang, "stated.note"))
	p.blank()
}

func rulingsText(ids []int, lang string) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.Itoa(id)
	}
	if lang == "en" {
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
		m := quotaMeasure(s, *q)
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
		if q.Target.Given {
			parts = append(parts, fmt.Sprintf("%s: %s %s", levels, op, q.Target))
		}
	}
	if q.RowTotal.Given && len(q.Targets) == 0 && len(q.AppliesTo) == 0 {
		parts = append(parts, criteria.Pick(lang, "未分配到县；表中合计 ", "not assigned to counties; table total ")+q.RowTotal.String())
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
	names := map[string][2]string{"county": {"各县（市、区）", "every county-level unit"}, "zone": {"各经开区", "every development zone"}, "city": {"全市", "the city"}}
	var out []string
	for _, l := range levels {
		out = append(out, criteria.Pick(lang, names[l][0], names[l][1]))
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
func Explain(w io.Writer, s *criteria.Set, id string, rec *inputs.Record, o Options) error {
	p := &printer{w: w, md: o.Format == "markdown"}
	lang := o.Lang
	if ind, ok := s.Indicator(id); ok {
		explainIndicator(p, s, &ind, rec, lang)
	} else if q, ok := s.Quota(id); ok {
		if err := explainQuota(p, s, &q, rec, lang); err != nil {
			return err
		}
	} else {
		return fmt.Errorf("no indicator or quota %q in %s", id, s.ID)
	}
	return p.err
}

// ExplainIDs lists what explain takes, for "did you mean".
func ExplainIDs(s *criteria.Set) []string {
	var ids []string
	for _, ind := range s.Indicators {
		ids = append(ids, ind.ID)
	}
	for _, q := range s.Quotas {
		ids = append(ids, q.ID)
	}
	return ids
}

func explainIndicator(p *printer, s *criteria.Set, ind *criteria.Indicator, rec *inputs.Record, lang string) {
	cat, _ := s.Category(ind.Category)
	p.heading(1, fmt.Sprintf("%s %s · %s %s", ind.ID, ind.NameIn(lang), cat.ID, cat.NameIn(lang)))
	typ := indicatorType(ind, lang)
	if ind.PrintedType == "" {
		typ += t(lang, "explain.unprinted")
	}
	p.line("%s%s", t(lang, "col.type")+"：", typ)
	p.line("%s%s", t(lang, "explain.rule"), ruleText(ind, lang))
	p.line("%s%s", t(lang, "explain.source"), ind.Source)
	p.line("%s%s", t(lang, "explain.requirement"), ind.Requirement)
	p.line("%s%s", t(lang, "explain.scoring"), ind.Scoring)
	if ind.Baseline {
		p.line("%s", t(lang, "explain.baseline"))
	}
	if ind.HasVeto() {
		p.line("%s", t(lang, "explain.veto"))
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
	if rec == nil {
		return
	}
	res, trace, err := scoring.Explain(s, ind, rec)
	if err != nil {
		p.err = err
		return
	}
	p.heading(2, fmt.Sprintf(t(lang, "explain.input"), rec.Subject, rec.File))
	p.illustrative(rec.Illustrative, lang)
	for _, rt := range trace.Requirements {
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
	p.blank()
}

func requirementMeasures(req criteria.Requirement) string {
	var ids []string
	for _, c := range req.Conditions {
		ids = append(ids, c.Measure)
	}
	return strings.Join(ids, "\n")
}

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

func explainQuota(p *printer, s *criteria.Set, q *criteria.Quota, rec *inputs.Record, lang string) error {
	m := quotaMeasure(s, *q)
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
	if rec == nil {
		return p.err
	}
	results, err := scoring.EvaluateQuotas(s, []*inputs.Record{rec}, &inputs.Warnings{})
	if err != nil {
		return err
	}
	p.heading(2, fmt.Sprintf(t(lang, "explain.quota.input"), rec.Subject, rec.File))
	p.illustrative(rec.Illustrative, lang)
	tb := newTable(t(lang, "col.id"), t(lang, "col.target"), t(lang, "col.actual"), t(lang, "col.gap"), t(lang, "col.status"), t(lang, "col.basis"))
	tb.wrap[5] = 50
	for _, line := range results[0].Quotas {
		if line.Row != q.ID {
			continue
		}
		tb.add(line.ID, numP(line.Target), valueOrMissing(line.Actual, lang), numP(line.Gap), quotaStatus(line, lang), basisText(s, *q, line, rec.Subject, lang))
	}
	p.table(tb)
	p.blank()
	return p.err
}

// Template writes a blank input file for s: TOML with every measure, its
// unit and requirement as comments, or the CSV header.
func Template(w io.Writer, s *criteria.Set, format, lang string) error {
	if format == "csv" {
		c := newCSVWriter(w)
		head := []string{"subject", "population", "year"}
		head = append(head, s.MeasureIDs()...)
		c.row(head...)
		return c.flush()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# countyscore %s — %s\n", criteria.Pick(lang, "输入文件", "input file"), sourceLine(s, lang))
	fmt.Fprintf(&b, "# %s\n", criteria.Pick(lang,
		"每项填一个值：是/否（或 true/false）、数字，百分数写 0—100（40 表示 40%）。留空 \"\" 表示未测量，未测量从不计为达标。",
		"One value each: true/false (or 是/否), a number; percents 0–100 (40 means 40 %). Leave \"\" for not measured; not measured is never met."))
	fmt.Fprintf(&b, "# %s\n\n", criteria.Pick(lang, "评分：countyscore score --criteria "+s.ID+" 本文件.toml", "Score it: countyscore score --criteria "+s.ID+" this-file.toml"))
	b.WriteString(criteria.Pick(lang, "subject = \"\"        # 县名、简称或行政区划代码，如 汾阳市 / 汾阳 / 141182\n",
		"subject = \"\"        # name, short name or division code: 汾阳市 / 汾阳 / 141182\n"))
	b.WriteString(criteria.Pick(lang, "population = \"\"     # 常住人口（人），按人口计算的目标需要\n", "population = \"\"     # resident population, for per-person targets\n"))
	b.WriteString(criteria.Pick(lang, "year = \"\"           # 数据所属年份，如 2024\n", "year = \"\"           # the year the values describe, e.g. 2024\n"))
	fmt.Fprintf(&b, "\n[%s]\n", s.ID)
	uses := measureUses(s, lang)
	for _, m := range s.Measures {
		kind := map[string]string{criteria.Bool: criteria.Pick(lang, "是/否", "yes/no"), criteria.Pct: "%", criteria.Num: m.UnitIn(lang), criteria.Count: criteria.Pick(lang, "整数", "whole number")}[m.Kind]
		if m.Kind == criteria.Count && m.UnitIn(lang) != "" {
			kind += " " + m.UnitIn(lang)
		}
		fmt.Fprintf(&b, "\n# %s（%s）", m.LabelIn(lang), strings.TrimSpace(kind))
		if u := uses[m.ID]; u != "" {
			fmt.Fprintf(&b, "\n#   %s", u)
		}
		fmt.Fprintf(&b, "\n%s = \"\"\n", m.ID)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// measureUses says, per measure, which rule asks for it and how much.
func measureUses(s *criteria.Set, lang string) map[string]string {
	uses := map[string]string{}
	for i := range s.Indicators {
		ind := &s.Indicators[i]
		for _, req := range ind.Require {
			for _, c := range req.Conditions {
				uses[c.Measure] = fmt.Sprintf("%s %s %s：%s", ind.ID, ind.NameIn(lang), req.Label, criteria.Pick(lang, req.Text, req.TextEn))
			}
		}
	}
	for _, pr := range s.Prerequisites {
		uses[pr.ID] = pr.Text
	}
	for i := range s.Quotas {
		q := &s.Quotas[i]
		parts := []string{}
		if tt := targetsText(s, q, lang); tt != "" {
			parts = append(parts, strings.ReplaceAll(tt, "\n", "；"))
		}
		if q.CityTarget.Given {
			parts = append(parts, fmt.Sprintf("%s %s %s", criteria.Pick(lang, "全市", "city"), criteria.Op(q.Cmp).Symbol(), q.CityTarget))
		}
		text := fmt.Sprintf("%s %s：%s", q.ID, q.NameIn(lang), strings.Join(parts, "；"))
		if q.Yearly {
			for _, m := range s.Measures {
				if m.Stem == q.Measure {
					uses[m.ID] = text
				}
			}
		} else {
			uses[q.Measure] = text
		}
		if q.Base != "" {
			uses[q.Base] = fmt.Sprintf("%s %s: %s", q.ID, q.NameIn(lang), criteria.Pick(lang, "定增幅的基数", "the base that sets the growth owed"))
		}
	}
	return uses
}
