package report

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/internal/messages"
	"countyscore/pipeline"
	"countyscore/scoring"
)

// cell is one cell of a cellTable: its text, its tone (none when empty)
// and whether it holds a figure (right-aligned).
type cell struct {
	Text string
	Tone tone
	Num  bool
	Bold bool
}

// cellTable is a table whose cells are coloured one by one (the compare
// grid, a diff's movements), with an optional heading, facts above and
// notes below.
type cellTable struct {
	ID    string // an anchor for the section, from the view, never from input
	Title string
	Tone  tone // of the heading
	Facts [][2]string
	Bar   *planBar
	Head  []string
	Rows  [][]cell
	Notes []string
	Class string // "grid" for the compare grid
}

func txt(s string) cell { return cell{Text: s} }

func fig(s string) cell { return cell{Text: s, Num: true} }

// planBar is the small chart of one subject's plan: points before (solid,
// in the tone of the verdict before), the gain to the points after (light,
// in the tone of the verdict after), and the line aimed at. Coordinates
// are for drawing only.
type planBar struct {
	Width, Before, After, Line int
	BeforeTone, AfterTone      tone
	Text, LineText             string
}

const planBarWidth = 360

// newPlanBar scales points on 0 … max onto the bar; nil for a plan
// without points (a target plan).
func newPlanBar(max exact.Decimal, pl *scoring.Plan, s *criteria.Set) *planBar {
	if pl.PointsBefore == nil || pl.PointsAfter == nil || !max.IsPos() {
		return nil
	}
	m, _ := strconv.ParseFloat(num(max), 64)
	x := func(d exact.Decimal) int { // drawing only: a pixel, not a comparison
		f, _ := strconv.ParseFloat(num(d), 64)
		return min(max0(int(f/m*planBarWidth+0.5)), planBarWidth)
	}
	b := &planBar{Width: planBarWidth, Before: x(pl.PointsBefore.V), BeforeTone: verdictTone(s, pl.VerdictBefore),
		AfterTone: verdictTone(s, pl.VerdictAfter), Text: numP(pl.PointsBefore) + " → " + numP(pl.PointsAfter)}
	b.After = max0(x(pl.PointsAfter.V) - b.Before)
	if pl.Line != nil {
		b.Line, b.LineText = x(pl.Line.V), numP(pl.Line)
	}
	return b
}

// cellTables writes a report of cell tables.
func (r htmlRenderer) cellTables(w io.Writer, p page, views []cellTable) error {
	if err := htmlTemplates().ExecuteTemplate(w, "open", p); err != nil {
		return err
	}
	for _, v := range views {
		if err := htmlTemplates().ExecuteTemplate(w, "cells", v); err != nil {
			return err
		}
	}
	return r.closePage(w, p)
}

// closePage writes the run's closing (the subjects not submitted, the
// rows refused, the warnings) and ends the page. It is called once the
// document is rendered, when the closing is known.
func (r htmlRenderer) closePage(w io.Writer, p page) error {
	if c := r.closed.Closing(); c != nil {
		if v, ok := r.closingView(c); ok {
			if err := htmlTemplates().ExecuteTemplate(w, "cells", v); err != nil {
				return err
			}
		}
	}
	return htmlTemplates().ExecuteTemplate(w, "close", p)
}

func (r htmlRenderer) closingView(c *pipeline.Closing) (cellTable, bool) {
	lang := r.lang
	refused := c.RefusedList()
	if len(c.Absent) == 0 && len(refused) == 0 && len(c.Warnings) == 0 {
		return cellTable{}, false
	}
	v := cellTable{ID: "closing", Title: t(lang, "closing.title")}
	if len(c.Absent) > 0 {
		key := "absent"
		if c.Refused != nil {
			key = "absent.refused"
		}
		v.Facts = append(v.Facts, [2]string{"", fmt.Sprintf(t(lang, key), len(c.Absent), joinList(lang, c.Absent))})
	}
	if len(refused) > 0 {
		v.Facts = append(v.Facts, [2]string{"", fmt.Sprintf(t(lang, "refused.title"), c.Refused.Rows)})
		v.Head = []string{t(lang, "col.file"), t(lang, "col.line"), t(lang, "col.field"), t(lang, "col.message")}
		for _, e := range refused {
			line := ""
			if e.Line > 0 {
				line = strconv.Itoa(e.Line)
			}
			v.Rows = append(v.Rows, []cell{txt(e.File), fig(line), txt(e.Field), {Text: messages.Translate(lang, e.Msg), Tone: toneBad}})
		}
		if c.Refused.Omitted > 0 {
			v.Notes = append(v.Notes, fmt.Sprintf(t(lang, "refused.more"), c.Refused.Omitted))
		}
	}
	if len(c.Warnings) > 0 {
		v.Notes = append(v.Notes, fmt.Sprintf(t(lang, "warnings"), len(c.Warnings)))
		for _, w := range c.Warnings {
			v.Notes = append(v.Notes, "- "+messages.Translate(lang, w))
		}
	}
	return v, true
}

// planRun writes a summary table of every plan, then each subject's plan:
// where it stands and where the changes bring it, a bar from the points
// before to the points after with the line marked, and the changes.
func (r htmlRenderer) planRun(w io.Writer, run *pipeline.PlanRun) error {
	s, lang := run.Set, r.lang
	scored := s.IsScored()
	sum := cellTable{ID: "plans", Title: t(lang, "html.plan.sum"), Head: []string{"#", t(lang, "col.subject")}}
	if scored {
		sum.Head = append(sum.Head, t(lang, "col.points"), t(lang, "col.target.line"))
	}
	sum.Head = append(sum.Head, t(lang, "col.reachable"), t(lang, "col.changes"))
	if run.Costs != nil {
		sum.Head = append(sum.Head, t(lang, "col.cost"))
	}
	if scored {
		sum.Head = append(sum.Head, t(lang, "col.after"))
	}
	sum.Head = append(sum.Head, t(lang, "col.verdict.after"))
	var views []cellTable
	illustrative := false
	err := run.Each(func(pl *scoring.Plan) error {
		illustrative = illustrative || pl.Illustrative
		row := []cell{fig(strconv.Itoa(len(sum.Rows) + 1)), txt(pl.Subject)}
		if scored {
			row = append(row, fig(numP(pl.PointsBefore)), fig(numP(pl.Line)))
		}
		reach := cell{Text: yesNo(pl.Reachable, lang), Tone: toneGood}
		if !pl.Reachable {
			reach.Tone = tonePoor
		}
		row = append(row, reach, fig(strconv.Itoa(pl.Changes)))
		if run.Costs != nil {
			row = append(row, fig(numP(pl.Cost)))
		}
		if scored {
			row = append(row, fig(numP(pl.PointsAfter)))
		}
		row = append(row, cell{Text: verdictLabel(s, pl.VerdictAfter, lang), Tone: verdictTone(s, pl.VerdictAfter)})
		sum.Rows = append(sum.Rows, row)
		views = append(views, r.planView(s, pl))
		return nil
	})
	if err != nil {
		return err
	}
	p := r.page(s, illustrative, fmt.Sprintf(t(lang, "plan.summary"), s.TitleIn(lang), len(views)), true, false)
	return r.cellTables(w, p, append([]cellTable{sum}, views...))
}

func (r htmlRenderer) planView(s *criteria.Set, pl *scoring.Plan) cellTable {
	lang := r.lang
	scored := s.IsScored()
	v := cellTable{Tone: verdictTone(s, pl.VerdictAfter)}
	fact := func(k, val string) { v.Facts = append(v.Facts, [2]string{k, val}) }
	if scored {
		v.Title = fmt.Sprintf(t(lang, "plan.title"), pl.Subject, verdictLabel(s, pl.LineVerdict, lang), numP(pl.Line))
		fact("", fmt.Sprintf(t(lang, "plan.now"), numP(pl.PointsBefore), verdictLabel(s, pl.VerdictBefore, lang)))
		switch {
		case len(pl.Actions) == 0 && pl.Reachable:
			fact("", t(lang, "plan.nothing"))
		case !pl.Reachable:
			fact("", fmt.Sprintf(t(lang, "plan.unreachable"), numP(pl.Line), numP(pl.BestPoints)))
		}
		after := fmt.Sprintf(t(lang, "plan.after"), numP(pl.PointsAfter), verdictLabel(s, pl.VerdictAfter, lang), pl.Changes)
		if pl.Cost != nil {
			after += fmt.Sprintf(t(lang, "plan.cost"), numP(pl.Cost))
		}
		fact("", after)
		v.Bar = newPlanBar(s.MaxPoints.V, pl, s)
		if v.Bar != nil {
			v.Notes = append(v.Notes, t(lang, "html.plan.bar"))
		}
	} else {
		v.Title = fmt.Sprintf(t(lang, "plan.quota.title"), pl.Subject, s.TitleIn(lang))
		if len(pl.Actions) == 0 && len(pl.Unknown) == 0 {
			fact("", t(lang, "plan.quota.none"))
		}
		if len(pl.Unknown) > 0 {
			fact(t(lang, "plan.quota.unknown"), joinList(lang, pl.Unknown))
		}
	}
	if pl.Illustrative {
		fact("", t(lang, "illustrative"))
	}
	if len(pl.Assumed) > 0 {
		fact(t(lang, "assumed"), joinList(lang, pl.Assumed))
	}
	if len(pl.Actions) == 0 {
		return v
	}
	v.Head = []string{"#", t(lang, "col.measure"), t(lang, "col.indicator"), t(lang, "col.now"), t(lang, "col.to")}
	if scored {
		v.Head = append(v.Head, t(lang, "col.gain"))
	} else {
		v.Head = append(v.Head, t(lang, "col.gap"), t(lang, "col.due"))
	}
	v.Head = append(v.Head, t(lang, "col.why"))
	if pl.Cost != nil {
		v.Head = append(v.Head, t(lang, "col.cost"))
	}
	for i, a := range pl.Actions {
		from := t(lang, "value.missing")
		if a.From != nil {
			from = scalarText(s, a.Measure, *a.From, lang)
		}
		row := []cell{fig(strconv.Itoa(i + 1)), txt(a.Measure), txt(itemName(s, a.Indicator, lang)), fig(from), fig(scalarText(s, a.Measure, a.To, lang))}
		if scored {
			row = append(row, cell{Text: "+" + num(a.PointsGained.V), Num: true, Tone: toneGood})
		} else {
			due := a.Due
			if y := strconv.Itoa(a.Year); a.Year > 0 && !strings.Contains(due, y) {
				due = strings.TrimSpace(y + " " + due)
			}
			row = append(row, fig(numP(a.Amount)), txt(due))
		}
		reason := cell{Text: t(lang, "reason."+a.Reason)}
		switch a.Reason {
		case scoring.ReasonVeto, scoring.ReasonBaseline, scoring.ReasonPrerequisite:
			reason.Tone = toneBad
		case scoring.ReasonMissing:
			reason.Tone = toneUnknown
		}
		row = append(row, reason)
		if pl.Cost != nil {
			row = append(row, fig(numP(a.Cost)))
		}
		v.Rows = append(v.Rows, row)
	}
	return v
}

// compare writes the grid, each subject's cell coloured as the status
// grid is: the row's best good, its worst poor; then the foot rows.
func (r htmlRenderer) compare(w io.Writer, d *pipeline.Compare) error {
	s, lang := d.Set, r.lang
	p := r.page(s, d.Illustrative, fmt.Sprintf(t(lang, "compare.title"), sourceLine(s, lang)), false, false)
	p.Legend = []legendItem{{t(lang, "col.mark.best"), toneGood}, {t(lang, "col.mark.worst"), tonePoor}}
	v := cellTable{ID: "compare", Class: "grid cmp"}
	if len(d.Columns) == 0 {
		v.Notes = []string{t(lang, "none")}
		return r.cellTables(w, p, []cellTable{v})
	}
	scored := s.IsScored()
	if scored {
		v.Head = []string{t(lang, "col.id"), t(lang, "col.name"), t(lang, "col.max")}
	} else {
		v.Head = []string{t(lang, "col.id"), t(lang, "col.quota"), t(lang, "col.unit")}
	}
	for _, c := range d.Columns {
		v.Head = append(v.Head, c.Label())
	}
	for _, y := range d.RollupYears {
		v.Head = append(v.Head, strings.TrimSpace(t(lang, "compare.city")+" "+yearText(y)))
	}
	marked := func(text string, row pipeline.CompareRow, j int) cell {
		c := fig(text)
		switch {
		case slices.Contains(row.Best, j):
			c.Tone = toneGood
		case slices.Contains(row.Worst, j):
			c.Tone = tonePoor
		}
		return c
	}
	for _, row := range d.Rows {
		var cells []cell
		if scored {
			id, name := row.ID, compareRowName(s, row, lang)
			if row.Kind == pipeline.RowTotal {
				id = ""
			}
			bold := row.Kind != pipeline.RowIndicator
			cells = []cell{{Text: id, Bold: bold}, {Text: name, Bold: bold}, fig(numP(row.MaxPoints))}
			for j := range row.Points {
				c := marked(scoredCellText(s, row, j, lang), row, j)
				c.Bold = bold
				cells = append(cells, c)
			}
		} else {
			q, _ := s.Quota(rowOf(s, row.ID))
			name := q.NameIn(lang)
			if y := yearOfID(row.ID, q.ID); y != "" {
				name += " " + y
			}
			cells = []cell{txt(row.ID), txt(name), txt(s.QuotaUnit(q.ID, lang))}
			for j, c := range row.Quotas {
				cells = append(cells, marked(quotaCellText(c, d.View.Values, lang), row, j))
			}
			for _, c := range row.City {
				cells = append(cells, fig(quotaCellText(c, d.View.Values, lang)))
			}
		}
		v.Rows = append(v.Rows, cells)
	}
	foot := func(label string, f func(c pipeline.CompareColumn) cell) {
		cells := []cell{txt(""), {Text: label, Bold: true}, txt("")}
		for _, c := range d.Columns {
			cells = append(cells, f(c))
		}
		for range d.RollupYears {
			cells = append(cells, txt(""))
		}
		v.Rows = append(v.Rows, cells)
	}
	if scored {
		foot(t(lang, "compare.band"), func(c pipeline.CompareColumn) cell {
			band := numP(c.Points)
			if c.PointsOptimistic != nil && c.Points != nil && c.PointsOptimistic.V.Cmp(c.Points.V) != 0 {
				band += "~" + numP(c.PointsOptimistic)
			}
			return fig(band)
		})
	} else {
		foot(t(lang, "compare.met"), func(c pipeline.CompareColumn) cell {
			if c.Met == nil {
				return fig("")
			}
			return fig(fmt.Sprintf("%d/%d", *c.Met, *c.Quotas))
		})
		foot(t(lang, "compare.mean"), func(c pipeline.CompareColumn) cell { return fig(numP(c.MeanDone)) })
	}
	foot(t(lang, "col.verdict"), func(c pipeline.CompareColumn) cell {
		return cell{Text: verdictLabel(s, c.Verdict, lang), Tone: verdictTone(s, c.Verdict)}
	})
	foot(t(lang, "compare.rank"), func(c pipeline.CompareColumn) cell { return fig(strconv.Itoa(c.Rank)) })
	v.Notes = compareNANotes(d, lang)
	return r.cellTables(w, p, []cellTable{v})
}

// diffArrow marks a change of points, quotas met or rank: up, down or
// level.
func diffArrow(cmp int) string {
	switch {
	case cmp > 0:
		return "↑"
	case cmp < 0:
		return "↓"
	}
	return "→"
}

// diff writes a table of every subject before and after, then each
// subject's movements, coloured toward (good) or away (poor).
func (r htmlRenderer) diff(w io.Writer, d *pipeline.Diff) error {
	s, lang := d.Set, r.lang
	scored := s.IsScored()
	p := r.page(s, d.Illustrative, fmt.Sprintf(t(lang, "diff.title"), sourceLine(s, lang)), true, false)
	sum := cellTable{ID: "diff", Head: []string{t(lang, "col.subject"), t(lang, "col.old.year"), t(lang, "col.new.year")}}
	if scored {
		sum.Head = append(sum.Head, t(lang, "col.old.pts"), t(lang, "col.new.pts"))
	} else {
		sum.Head = append(sum.Head, t(lang, "col.old.met"), t(lang, "col.new.met"))
	}
	sum.Head = append(sum.Head, t(lang, "col.old.verd"), t(lang, "col.new.verd"), t(lang, "col.old.rank"), t(lang, "col.new.rank"),
		t(lang, "col.newly.met"), t(lang, "col.newly.fail"))
	views := []cellTable{}
	for _, sd := range d.Subjects {
		var oldFig, newFig string
		cmp := 0
		if scored {
			oldFig, newFig = numP(sd.OldPoints), numP(sd.NewPoints)
			if sd.OldPoints != nil && sd.NewPoints != nil {
				cmp = sd.NewPoints.V.Cmp(sd.OldPoints.V)
			}
		} else if sd.OldMet != nil && sd.NewMet != nil {
			oldFig, newFig = fmt.Sprintf("%d/%d", *sd.OldMet, *sd.OldQuotas), fmt.Sprintf("%d/%d", *sd.NewMet, *sd.NewQuotas)
			cmp = *sd.NewMet - *sd.OldMet
		}
		change := cell{Text: diffArrow(cmp) + " " + newFig, Num: true}
		switch {
		case cmp > 0:
			change.Tone = toneGood
		case cmp < 0:
			change.Tone = tonePoor
		}
		rank := cell{Text: diffArrow(sd.OldRank-sd.NewRank) + " " + strconv.Itoa(sd.NewRank), Num: true}
		switch {
		case sd.NewRank < sd.OldRank:
			rank.Tone = toneGood
		case sd.NewRank > sd.OldRank:
			rank.Tone = tonePoor
		}
		subject := txt(sd.Subject)
		if sd.Regressed {
			subject.Tone = toneBad
		}
		sum.Rows = append(sum.Rows, []cell{subject, fig(yearText(sd.OldYear)), fig(yearText(sd.NewYear)), fig(oldFig), change,
			{Text: verdictLabel(s, sd.OldVerdict, lang), Tone: verdictTone(s, sd.OldVerdict)},
			{Text: verdictLabel(s, sd.NewVerdict, lang), Tone: verdictTone(s, sd.NewVerdict)},
			fig(strconv.Itoa(sd.OldRank)), rank, txt(joinList(lang, sd.NewlyMet)), txt(joinList(lang, sd.NewlyFailed))})
		v := cellTable{Title: fmt.Sprintf("%s %s → %s", sd.Subject, yearText(sd.OldYear), yearText(sd.NewYear))}
		if sd.Regressed {
			v.Tone = toneBad
			v.Facts = append(v.Facts, [2]string{"", t(lang, "diff.regressed")})
		}
		v.Notes = diffNALines(sd, lang)
		if len(sd.Changes) == 0 {
			if !naMoved(sd) {
				v.Notes = append(v.Notes, t(lang, "diff.no.change"))
			}
		} else {
			v.Head = []string{t(lang, "col.item"), t(lang, "col.measure"), t(lang, "col.condition"), t(lang, "col.change"),
				t(lang, "col.direction"), t(lang, "col.togo")}
			for _, m := range sd.Changes {
				v.Rows = append(v.Rows, []cell{txt(m.Item), txt(m.Measure), txt(condSymbols(m.Condition)), fig(moveText(s, m, lang)),
					{Text: t(lang, "move."+m.Direction), Tone: directionTone(m.Direction)}, fig(numP(m.ToGo))})
			}
		}
		views = append(views, v)
	}
	if len(d.OnlyOld) > 0 || len(d.OnlyNew) > 0 {
		sum.Notes = append(sum.Notes, t(lang, "diff.only.old")+joinList(lang, entryLabels(d.OnlyOld)),
			t(lang, "diff.only.new")+joinList(lang, entryLabels(d.OnlyNew)))
	}
	for _, dir := range directionIDs {
		p.Legend = append(p.Legend, legendItem{t(lang, "move."+dir), directionTone(dir)})
	}
	return r.cellTables(w, p, append([]cellTable{sum}, views...))
}

// trend writes each subject's years, and a target plan's quota lines year
// by year.
func (r htmlRenderer) trend(w io.Writer, d *pipeline.Trend) error {
	s, lang := d.Set, r.lang
	p := r.page(s, d.Illustrative, fmt.Sprintf(t(lang, "trend.title"), sourceLine(s, lang)), true, false)
	figure := t(lang, "col.points")
	if !s.IsScored() {
		figure = t(lang, "compare.met")
	}
	var views []cellTable
	for _, st := range d.Subjects {
		v := cellTable{Title: st.Subject, Head: []string{t(lang, "col.year"), figure, t(lang, "col.verdict"), t(lang, "col.changed")}}
		for _, y := range st.Years {
			f := numP(y.Points)
			if y.Met != nil {
				f = fmt.Sprintf("%d/%d", *y.Met, *y.Quotas)
			}
			var changed []string
			for _, c := range y.Changed {
				changed = append(changed, fmt.Sprintf("%s %s→%s", c.ID, trendSide(c.Old, c.OldNA, lang), trendSide(c.New, c.NewNA, lang)))
			}
			v.Rows = append(v.Rows, []cell{fig(yearText(y.Year)), fig(f), {Text: verdictLabel(s, y.Verdict, lang), Tone: verdictTone(s, y.Verdict)},
				txt(strings.Join(changed, listSep(lang)))})
		}
		v.Notes = trendNALines(st, lang)
		views = append(views, v)
		if len(st.Progress) > 0 {
			views = append(views, r.progressView(s, fmt.Sprintf(t(lang, "trend.progress"), d.Deadline), st.Progress))
		}
		if len(st.Yearly) > 0 {
			views = append(views, r.progressView(s, t(lang, "trend.yearly"), st.Yearly))
		}
	}
	return r.cellTables(w, p, views)
}

func (r htmlRenderer) progressView(s *criteria.Set, title string, lines []pipeline.QuotaProgress) cellTable {
	lang := r.lang
	years := progressYears(lines)
	v := cellTable{Title: title, Head: []string{t(lang, "col.id"), t(lang, "col.quota"), t(lang, "col.unit"), t(lang, "trend.due")}}
	for _, y := range years {
		v.Head = append(v.Head, yearText(y))
	}
	for _, l := range lines {
		q, _ := s.Quota(l.ID)
		row := []cell{txt(l.ID), txt(q.NameIn(lang)), txt(s.QuotaUnit(l.ID, lang)), txt(l.Due)}
		for _, y := range years {
			c := fig("")
			for _, pt := range l.Points {
				if pt.Year != y {
					continue
				}
				c.Text = fmt.Sprintf("%s/%s", valueOrMissing(pt.Actual, lang), numP(pt.Target))
				switch {
				case pt.NA:
					c.Text = t(lang, "value.na")
				case pt.Met:
					c.Text += " " + t(lang, "status.met")
					c.Tone = toneGood
				case pt.Actual == nil:
					c.Tone = toneUnknown
				case pt.Done != nil:
					c.Text += " " + numP(pt.Done) + "%"
					c.Tone = tonePoor
				}
			}
			row = append(row, c)
		}
		v.Rows = append(v.Rows, row)
	}
	return v
}
