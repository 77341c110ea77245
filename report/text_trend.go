package report

import (
	"fmt"
	"slices"
	"strings"

	"countyscore/pipeline"
)

func writeTrend(p *printer, d *pipeline.Trend, lang string) {
	s := d.Set
	p.heading(1, fmt.Sprintf(t(lang, "trend.title"), sourceLine(s, lang)))
	p.illustrative(d.Illustrative, lang)
	p.blank()
	for _, st := range d.Subjects {
		p.heading(2, st.Subject)
		figure := t(lang, "col.points")
		if !s.IsScored() {
			figure = t(lang, "compare.met")
		}
		tb := newTable(t(lang, "col.year"), figure, t(lang, "col.verdict"), t(lang, "col.changed"))
		tb.right[1] = true
		tb.wrap[2], tb.wrap[3] = 24, 40
		for _, y := range st.Years {
			fig := numP(y.Points)
			if y.Met != nil {
				fig = fmt.Sprintf("%d/%d", *y.Met, *y.Quotas)
			}
			var changed []string
			for _, c := range y.Changed {
				changed = append(changed, fmt.Sprintf("%s %s→%s", c.ID, trendSide(c.Old, c.OldNA, lang), trendSide(c.New, c.NewNA, lang)))
			}
			tb.add(yearText(y.Year), fig, verdictLabel(s, y.Verdict, lang), strings.Join(changed, listSep(lang)))
		}
		p.table(tb)
		p.blank()
		if notes := trendNALines(st, lang); len(notes) > 0 {
			for _, l := range notes {
				p.line("%s", l)
			}
			p.blank()
		}
		if len(st.Progress) > 0 {
			p.line(t(lang, "trend.progress"), d.Deadline)
			p.blank()
			writeProgress(p, d, st.Progress, lang)
		}
		if len(st.Yearly) > 0 {
			p.line("%s", t(lang, "trend.yearly"))
			p.blank()
			writeProgress(p, d, st.Yearly, lang)
		}
	}
}

// listSep is the separator of a list in a table cell.
func listSep(lang string) string {
	if lang == "en" {
		return ", "
	}
	return "、"
}

// writeProgress lays quota lines out year by year: one row per quota, one
// column per year, each cell actual/target and the share done.
func writeProgress(p *printer, d *pipeline.Trend, lines []pipeline.QuotaProgress, lang string) {
	s := d.Set
	years := progressYears(lines)
	head := []string{t(lang, "col.id"), t(lang, "col.quota"), t(lang, "col.unit"), t(lang, "trend.due")}
	for _, y := range years {
		head = append(head, yearText(y))
	}
	tb := newTable(head...)
	tb.wrap[1] = 16
	for _, l := range lines {
		q, _ := s.Quota(l.ID)
		row := []string{l.ID, q.NameIn(lang), s.QuotaUnit(l.ID, lang), l.Due}
		for _, y := range years {
			cell := ""
			for _, pt := range l.Points {
				if pt.Year != y {
					continue
				}
				cell = fmt.Sprintf("%s/%s", valueOrMissing(pt.Actual, lang), numP(pt.Target))
				switch {
				case pt.NA:
					cell = t(lang, "value.na")
				case pt.Met:
					cell += " " + t(lang, "status.met")
				case pt.Done != nil:
					cell += " " + numP(pt.Done) + "%"
				}
			}
			row = append(row, cell)
		}
		tb.add(row...)
	}
	p.table(tb)
	p.blank()
}

// progressYears are the years any of lines has a point for, in order: the
// columns of a progress table.
func progressYears(lines []pipeline.QuotaProgress) []int {
	var years []int
	for _, l := range lines {
		for _, pt := range l.Points {
			if !slices.Contains(years, pt.Year) {
				years = append(years, pt.Year)
			}
		}
	}
	slices.Sort(years)
	return years
}
