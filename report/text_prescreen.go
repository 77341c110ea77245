package report

import (
	"fmt"
	"strings"

	"countyscore/criteria"
	"countyscore/internal/messages"
	"countyscore/pipeline"
)

// writePrescreen is the closing summary of a scored run of several
// subjects: a count of each verdict in the standard's order, one table
// of the subjects group after group with the items that decide each
// verdict and each subject's application schedule, and who is due to
// apply this year.
func writePrescreen(p *printer, s *criteria.Set, ps *pipeline.Prescreen, lang string) {
	rows := ps.Rows()
	total, unlisted := 0, 0
	for _, g := range ps.Groups {
		total, unlisted = total+g.Count, unlisted+g.Unlisted
	}
	p.heading(1, fmt.Sprintf(t(lang, "summary.title"), s.TitleIn(lang), total))
	illustrative := false
	for _, r := range rows {
		illustrative = illustrative || r.Illustrative
	}
	p.illustrative(illustrative, lang)
	var counts []string
	for _, g := range ps.Groups {
		counts = append(counts, fmt.Sprintf("%s %d", shortLabel(verdictLabel(s, g.Verdict, lang)), g.Count))
	}
	p.line("%s%s", t(lang, "summary.counts"), strings.Join(counts, t(lang, "summary.sep")))
	schedule := len(s.Schedule) > 0
	head := []string{"#", t(lang, "col.subject"), t(lang, "col.points"), t(lang, "col.band"), t(lang, "col.verdict"),
		t(lang, "col.deciding"), t(lang, "col.missing")}
	if schedule {
		head = append(head, t(lang, "col.schedule"))
	}
	tb := newTable(head...)
	tb.wrap[4], tb.wrap[5] = 40, 24
	if schedule {
		tb.wrap[7] = 40
	}
	tb.right[0], tb.right[2], tb.right[6] = true, true, true
	for i, r := range rows {
		band := num(r.Points.V)
		if r.PointsOptimistic.V.Cmp(r.Points.V) != 0 {
			band = num(r.Points.V) + "~" + num(r.PointsOptimistic.V)
		}
		row := []string{fmt.Sprint(i + 1), r.Subject, num(r.Points.V), band, verdictLabel(s, r.Verdict, lang),
			joinList(lang, r.Deciding), fmt.Sprint(r.Missing)}
		if schedule {
			row = append(row, scheduleText(ps, r.Subject, lang))
		}
		tb.add(row...)
	}
	p.table(tb)
	if unlisted > 0 {
		p.line(t(lang, "summary.unlisted"), unlisted, pipeline.MaxPrescreenRows)
	}
	if schedule && ps.Year != 0 {
		p.line("%s", dueLine(ps, lang))
	}
	p.blank()
}

// shortLabel is a verdict label up to its first explanation: "可验收" of
// "可验收（≥80 分，…）", "incomplete" of "incomplete: a value …".
func shortLabel(label string) string {
	cut := len(label)
	for _, sep := range []string{"（", "：", "，", " (", ": ", ", "} {
		if i := strings.Index(label, sep); i > 0 && i < cut {
			cut = i
		}
	}
	return label[:cut]
}

// scheduleText is one subject's schedule entries: the years it applies
// in, with the days when this is one of them, or the entry's own words
// when it sets no application year.
func scheduleText(ps *pipeline.Prescreen, subject, lang string) string {
	var parts []string
	for _, m := range ps.Schedule {
		if m.Subject != subject {
			continue
		}
		if len(m.ApplyYears) == 0 {
			parts = append(parts, criteria.Pick(lang, m.Text, m.TextEn))
			continue
		}
		years := make([]string, len(m.ApplyYears))
		for i, y := range m.ApplyYears {
			years[i] = fmt.Sprint(y)
		}
		text := fmt.Sprintf(t(lang, "schedule.apply"), joinList(lang, years))
		if m.Due {
			text += fmt.Sprintf(t(lang, "schedule.due"), dayText(m.ApplyBy, lang), dayText(m.ForwardBy, lang))
		}
		parts = append(parts, text)
	}
	if len(parts) == 0 {
		return t(lang, "none")
	}
	return strings.Join(parts, criteria.Pick(lang, "；", "; "))
}

// dueLine says who is due to apply in the year of --as-of, and by when.
func dueLine(ps *pipeline.Prescreen, lang string) string {
	due := ps.Due()
	if len(due) == 0 {
		return fmt.Sprintf(t(lang, "schedule.none.due"), ps.Year)
	}
	var names []string
	for _, d := range due {
		names = append(names, d.Subject)
	}
	return fmt.Sprintf(t(lang, "schedule.due.line"), ps.Year, joinList(lang, names),
		dayText(due[0].ApplyBy, lang), dayText(due[0].ForwardBy, lang))
}

// dayText writes a schedule day "05-30" as 5 月 30 日 or 30 May.
func dayText(md, lang string) string {
	m, d, ok := criteria.MonthDay(md)
	if !ok {
		return "—"
	}
	if lang == "en" {
		return fmt.Sprintf("%d %s", d, monthsEn[m-1])
	}
	return fmt.Sprintf("%d 月 %d 日", m, d)
}

var monthsEn = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// writeClosing writes what a run reports after its results: the expected
// subjects it did not see, the rows it refused, and its warnings,
// counted.
func writeClosing(p *printer, c *pipeline.Closing, lang string) {
	if c == nil {
		return
	}
	if len(c.Absent) > 0 {
		key := "absent"
		if c.Refused != nil { // a refused row's subject is among them
			key = "absent.refused"
		}
		p.line(t(lang, key), len(c.Absent), joinList(lang, c.Absent))
		p.blank()
	}
	if refused := c.RefusedList(); len(refused) > 0 {
		p.heading(1, fmt.Sprintf(t(lang, "refused.title"), c.Refused.Rows))
		tb := newTable(t(lang, "col.file"), t(lang, "col.line"), t(lang, "col.field"), t(lang, "col.message"))
		tb.right[1] = true
		tb.wrap[3] = 60
		for _, e := range refused {
			line := ""
			if e.Line > 0 {
				line = fmt.Sprint(e.Line)
			}
			tb.add(e.File, line, e.Field, messages.Translate(lang, e.Msg))
		}
		p.table(tb)
		if c.Refused.Omitted > 0 {
			p.line(t(lang, "refused.more"), c.Refused.Omitted)
		}
		p.blank()
	}
	if len(c.Warnings) > 0 {
		p.line(t(lang, "warnings"), len(c.Warnings))
		for _, w := range c.Warnings {
			p.line("- %s", messages.Translate(lang, w))
		}
		p.blank()
	}
}
