package report

import (
	"fmt"
	"strings"

	"countyscore/criteria"
	"countyscore/pipeline"
	"countyscore/scoring"
)

func writeDiff(p *printer, d *pipeline.Diff, lang string) {
	s := d.Set
	p.heading(1, fmt.Sprintf(t(lang, "diff.title"), sourceLine(s, lang)))
	p.illustrative(d.Illustrative, lang)
	p.blank()
	for _, sd := range d.Subjects {
		p.heading(2, fmt.Sprintf("%s %s → %s", sd.Subject, yearText(sd.OldYear), yearText(sd.NewYear)))
		var figures string
		if sd.OldPoints != nil {
			figures = fmt.Sprintf(t(lang, "diff.points"), numP(sd.OldPoints), numP(sd.NewPoints))
		} else {
			figures = fmt.Sprintf(t(lang, "diff.met"), fmt.Sprintf("%d/%d", *sd.OldMet, *sd.OldQuotas), fmt.Sprintf("%d/%d", *sd.NewMet, *sd.NewQuotas))
		}
		p.line("%s%s%s", figures, criteria.Pick(lang, "，", ", "), fmt.Sprintf(t(lang, "diff.rank"), sd.OldRank, sd.NewRank))
		p.line(t(lang, "diff.verdict"), verdictLabel(s, sd.OldVerdict, lang), verdictLabel(s, sd.NewVerdict, lang))
		if sd.Regressed {
			p.line("%s", t(lang, "diff.regressed"))
		}
		p.line("%s%s", t(lang, "diff.newly.met"), joinList(lang, sd.NewlyMet))
		p.line("%s%s", t(lang, "diff.newly.failed"), joinList(lang, sd.NewlyFailed))
		for _, l := range diffNALines(sd, lang) {
			p.line("%s", l)
		}
		p.blank()
		if len(sd.Changes) == 0 {
			if naMoved(sd) {
				continue // the change is to or from 不适用, listed above
			}
			p.line("%s", t(lang, "diff.no.change"))
			p.blank()
			continue
		}
		tb := newTable(t(lang, "col.item"), t(lang, "col.measure"), t(lang, "col.condition"), t(lang, "col.change"),
			t(lang, "col.direction"), t(lang, "col.togo"))
		tb.right[5] = true
		for _, m := range sd.Changes {
			tb.add(m.Item, m.Measure, condSymbols(m.Condition), moveText(s, m, lang), t(lang, "move."+m.Direction), numP(m.ToGo))
		}
		p.table(tb)
		p.blank()
	}
	if len(d.OnlyOld) > 0 || len(d.OnlyNew) > 0 {
		p.line("%s%s", t(lang, "diff.only.old"), joinList(lang, entryLabels(d.OnlyOld)))
		p.line("%s%s", t(lang, "diff.only.new"), joinList(lang, entryLabels(d.OnlyNew)))
	}
}

// condSymbols writes a condition as people read it: G17 ≥ 65.
func condSymbols(c string) string {
	return strings.NewReplacer(">=", "≥", "<=", "≤").Replace(c)
}

// moveText is "60 → 62 %": the value before and after, in the measure's
// unit.
func moveText(s *criteria.Set, m scoring.Movement, lang string) string {
	side := func(v *scoring.Scalar) string {
		if v == nil {
			return t(lang, "value.missing")
		}
		return scalarText(s, m.Measure, *v, lang)
	}
	text := side(m.Old) + " → " + side(m.New)
	if u := unitOf(s, m.Measure, lang); u != "" && u != "%" {
		text += " " + u
	}
	return text
}

// unitOf is the unit of a measure, or of a quota line's measure.
func unitOf(s *criteria.Set, id, lang string) string {
	if m, ok := s.Measure(id); ok {
		if m.Kind == criteria.Bool {
			return ""
		}
		return m.UnitIn(lang)
	}
	return s.QuotaUnit(rowOf(s, id), lang)
}

func entryLabels(es []pipeline.Entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Label()
	}
	return out
}
