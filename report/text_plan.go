package report

import (
	"fmt"
	"strconv"
	"strings"

	"countyscore/criteria"
	"countyscore/pipeline"
	"countyscore/scoring"
)

// planRow is what the closing summary keeps of each plan.
type planRow struct {
	subject, line, before, after, verdict, cost string
	reachable                                   bool
	changes                                     int
}

// writePlanRun writes each subject's plan as it streams by, then, for
// several subjects, a summary.
func writePlanRun(p *printer, run *pipeline.PlanRun, lang string) error {
	var rows []planRow
	illustrative := false
	err := run.Each(func(pl *scoring.Plan) error {
		illustrative = illustrative || pl.Illustrative
		rows = append(rows, planRow{subject: pl.Subject, line: numP(pl.Line), before: numP(pl.PointsBefore),
			after: numP(pl.PointsAfter), verdict: verdictLabel(run.Set, pl.VerdictAfter, lang), cost: numP(pl.Cost),
			reachable: pl.Reachable, changes: pl.Changes})
		if run.Set.IsScored() {
			writeScoredPlan(p, run.Set, pl, lang)
		} else {
			writeQuotaPlan(p, run.Set, pl, lang)
		}
		return p.err
	})
	if err != nil {
		return err
	}
	if len(rows) > 1 {
		p.heading(1, fmt.Sprintf(t(lang, "plan.summary"), run.Set.TitleIn(lang), len(rows)))
		p.illustrative(illustrative, lang)
		head := []string{"#", t(lang, "col.subject")}
		if run.Set.IsScored() {
			head = append(head, t(lang, "col.points"), t(lang, "col.target.line"))
		}
		head = append(head, t(lang, "col.reachable"), t(lang, "col.changes"))
		if run.Costs != nil {
			head = append(head, t(lang, "col.cost"))
		}
		if run.Set.IsScored() {
			head = append(head, t(lang, "col.after"))
		}
		head = append(head, t(lang, "col.verdict.after"))
		tb := newTable(head...)
		tb.right[0] = true
		for i, r := range rows {
			row := []string{strconv.Itoa(i + 1), r.subject}
			if run.Set.IsScored() {
				row = append(row, r.before, r.line)
			}
			row = append(row, yesNo(r.reachable, lang), strconv.Itoa(r.changes))
			if run.Costs != nil {
				row = append(row, r.cost)
			}
			if run.Set.IsScored() {
				row = append(row, r.after)
			}
			tb.add(append(row, r.verdict)...)
		}
		p.table(tb)
		p.blank()
	}
	return p.err
}

func yesNo(b bool, lang string) string {
	if b {
		return t(lang, "yes")
	}
	return t(lang, "no")
}

// writeScoredPlan writes one subject's route to its line: where it stands,
// each change with its reason, and where the changes bring it.
func writeScoredPlan(p *printer, s *criteria.Set, pl *scoring.Plan, lang string) {
	p.heading(1, fmt.Sprintf(t(lang, "plan.title"), pl.Subject, verdictLabel(s, pl.LineVerdict, lang), numP(pl.Line)))
	p.illustrative(pl.Illustrative, lang)
	writeAssumed(p, pl.Assumed, lang)
	p.line(t(lang, "plan.now"), numP(pl.PointsBefore), verdictLabel(s, pl.VerdictBefore, lang))
	switch {
	case len(pl.Actions) == 0 && pl.Reachable:
		p.line("%s", t(lang, "plan.nothing"))
	case !pl.Reachable:
		p.line(t(lang, "plan.unreachable"), numP(pl.Line), numP(pl.BestPoints))
	}
	if len(pl.Actions) > 0 {
		p.blank()
		writeActions(p, s, pl, lang, true)
	}
	after := fmt.Sprintf(t(lang, "plan.after"), numP(pl.PointsAfter), verdictLabel(s, pl.VerdictAfter, lang), pl.Changes)
	if pl.Cost != nil {
		after += fmt.Sprintf(t(lang, "plan.cost"), numP(pl.Cost))
	}
	p.line("%s", after)
	p.blank()
}

// writeQuotaPlan writes what one subject still owes under a target plan.
func writeQuotaPlan(p *printer, s *criteria.Set, pl *scoring.Plan, lang string) {
	p.heading(1, fmt.Sprintf(t(lang, "plan.quota.title"), pl.Subject, s.TitleIn(lang)))
	p.illustrative(pl.Illustrative, lang)
	writeAssumed(p, pl.Assumed, lang)
	if len(pl.Actions) == 0 && len(pl.Unknown) == 0 {
		p.line("%s", t(lang, "plan.quota.none"))
	}
	if len(pl.Unknown) > 0 {
		p.line("%s%s", t(lang, "plan.quota.unknown"), joinList(lang, pl.Unknown))
	}
	if len(pl.Actions) > 0 {
		p.blank()
		writeActions(p, s, pl, lang, false)
	}
	p.blank()
}

// writeActions lists a plan's changes.
func writeActions(p *printer, s *criteria.Set, pl *scoring.Plan, lang string, scored bool) {
	head := []string{"#", t(lang, "col.measure"), t(lang, "col.indicator"), t(lang, "col.now"), t(lang, "col.to")}
	if scored {
		head = append(head, t(lang, "col.gain"))
	} else {
		head = append(head, t(lang, "col.gap"), t(lang, "col.due"))
	}
	head = append(head, t(lang, "col.why"))
	if pl.Cost != nil {
		head = append(head, t(lang, "col.cost"))
	}
	tb := newTable(head...)
	tb.right[0] = true
	tb.wrap[2] = 24
	for i, a := range pl.Actions {
		from := t(lang, "value.missing")
		if a.From != nil {
			from = scalarText(s, a.Measure, *a.From, lang)
		}
		row := []string{strconv.Itoa(i + 1), a.Measure, itemName(s, a.Indicator, lang), from, scalarText(s, a.Measure, a.To, lang)}
		if scored {
			row = append(row, "+"+num(a.PointsGained.V))
		} else {
			due := a.Due
			if y := strconv.Itoa(a.Year); a.Year > 0 && !strings.Contains(due, y) {
				due = strings.TrimSpace(y + " " + due) // a yearly target: its year, then the row's words
			}
			row = append(row, numP(a.Amount), due)
		}
		row = append(row, t(lang, "reason."+a.Reason))
		if pl.Cost != nil {
			row = append(row, numP(a.Cost))
		}
		tb.add(row...)
	}
	p.table(tb)
}

// itemName names the indicator, prerequisite or quota an action serves.
func itemName(s *criteria.Set, id, lang string) string {
	if ind, ok := s.Indicator(id); ok {
		return id + " " + ind.NameIn(lang)
	}
	for _, pr := range s.Prerequisites {
		if pr.ID == id {
			return id + " " + pr.NameIn(lang)
		}
	}
	for _, q := range s.Quotas {
		if q.ID == id {
			return id + " " + q.NameIn(lang)
		}
	}
	if m, ok := s.Measure(id); ok {
		if q, ok := s.Quota(m.Stem); ok {
			return id + " " + q.NameIn(lang)
		}
	}
	return id
}

// writeAssumed says which values are what-if values, not the subject's.
func writeAssumed(p *printer, assumed []string, lang string) {
	if len(assumed) > 0 {
		p.line("%s%s", t(lang, "assumed"), joinList(lang, assumed))
	}
}
