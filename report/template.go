package report

import (
	"fmt"
	"io"
	"strings"

	"countyscore/criteria"
	"countyscore/pipeline"
)

// templateColumns are the subject columns every input starts with.
var templateColumns = []string{"subject", "population", "year"}

// tomlRenderer writes the one document that has a TOML form: the blank
// input file a subject fills in by hand.
type tomlRenderer struct{ lang string }

func (r tomlRenderer) Render(w io.Writer, doc pipeline.Document) error {
	d, ok := doc.(*pipeline.Template)
	if !ok {
		return unsupported("toml", doc)
	}
	_, err := io.WriteString(w, templateTOML(d, r.lang))
	return err
}

// templateField is one measure as a template presents it.
type templateField struct {
	ID, Label, Kind, Use string
}

// templateFields lists every measure of s with its kind and unit in words
// and the rule that asks for it.
func templateFields(s *criteria.Set, lang string) []templateField {
	uses := measureUses(s, lang)
	out := make([]templateField, len(s.Measures))
	for i, m := range s.Measures {
		kind := map[string]string{criteria.Bool: criteria.Pick(lang, "是/否", "yes/no"), criteria.Pct: "%", criteria.Num: m.UnitIn(lang), criteria.Count: criteria.Pick(lang, "整数", "whole number")}[m.Kind]
		if m.Attribute != nil {
			kind = strings.Join(m.Attribute.Values, " / ")
		}
		if m.Kind == criteria.Count && m.UnitIn(lang) != "" {
			kind += " " + m.UnitIn(lang)
		}
		if m.NotApplicable != "" { // the input may say 不适用, for the criteria's reason
			kind += criteria.Pick(lang, "；可填“不适用”：", "; 不适用 (n/a) if: ") + m.NAReason(lang)
		}
		out[i] = templateField{ID: m.ID, Label: m.LabelIn(lang), Kind: strings.TrimSpace(kind), Use: uses[m.ID]}
	}
	return out
}

// scoreHint is the command that scores a filled-in template: the set by
// its ID when built in, else by the path the user gave.
func scoreHint(d *pipeline.Template, lang string) string {
	ref := d.Set.ID
	if !d.Builtin {
		ref = d.Ref
	}
	return criteria.Pick(lang, "评分：countyscore score --criteria "+ref+" 本文件.toml", "Score it: countyscore score --criteria "+ref+" this-file.toml")
}

// subjectExample names one subject the set takes, by name, short name and
// code, so the comment shows what the subject line accepts.
func subjectExample(s *criteria.Set) string {
	names := s.Roster()
	reg := criteria.Subjects()
	for _, name := range names {
		if subj, ok := reg.Resolve(name); ok && subj.Code != "" {
			return fmt.Sprintf("%s / %s / %s", subj.Name, subj.Short, subj.Code)
		}
	}
	if len(names) > 0 {
		return names[0]
	}
	return ""
}

func templateTOML(d *pipeline.Template, lang string) string {
	s := d.Set
	var b strings.Builder
	fmt.Fprintf(&b, "# countyscore %s — %s\n", criteria.Pick(lang, "输入文件", "input file"), sourceLine(s, lang))
	fmt.Fprintf(&b, "# %s\n", criteria.Pick(lang,
		"每项填一个值：是/否（或 true/false）、数字，百分数写 0—100（40 表示 40%）。留空 \"\" 表示未测量，未测量从不计为达标。",
		"One value each: true/false (or 是/否), a number; percents 0–100 (40 means 40 %). Leave \"\" for not measured; not measured is never met."))
	fmt.Fprintf(&b, "# %s\n\n", scoreHint(d, lang))
	example := subjectExample(s)
	b.WriteString(criteria.Pick(lang, "subject = \"\"        # 名称、简称或代码，如 "+example+"\n",
		"subject = \"\"        # name, short name or code: "+example+"\n"))
	b.WriteString(criteria.Pick(lang, "population = \"\"     # 常住人口（人），按人口计算的目标需要\n", "population = \"\"     # resident population, for per-person targets\n"))
	b.WriteString(criteria.Pick(lang, "year = \"\"           # 数据所属年份，如 2024\n", "year = \"\"           # the year the values describe, e.g. 2024\n"))
	fmt.Fprintf(&b, "\n[%s]\n", s.ID)
	for _, f := range templateFields(s, lang) {
		fmt.Fprintf(&b, "\n# %s（%s）", f.Label, f.Kind)
		if f.Use != "" {
			fmt.Fprintf(&b, "\n#   %s", f.Use)
		}
		fmt.Fprintf(&b, "\n%s = \"\"\n", f.ID)
	}
	return b.String()
}

// writeTemplateText lists the measures to fill in as a table.
func writeTemplateText(p *printer, d *pipeline.Template, lang string) {
	p.heading(1, sourceLine(d.Set, lang))
	p.line("%s", scoreHint(d, lang))
	p.blank()
	tb := newTable(t(lang, "col.id"), t(lang, "col.name"), t(lang, "col.unit"), t(lang, "col.use"))
	tb.wrap[1], tb.wrap[3] = 30, 60
	for _, f := range templateFields(d.Set, lang) {
		tb.add(f.ID, f.Label, f.Kind, f.Use)
	}
	p.table(tb)
	p.blank()
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
		if q.Tree != nil {
			for _, c := range q.Conditions {
				uses[c.Measure] = text
			}
			continue
		}
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
