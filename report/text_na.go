package report

import (
	"countyscore/exact"
	"fmt"
	"strings"

	"countyscore/criteria"
	"countyscore/scoring"
)

// naReasonText is what a report shows of an item that does not apply:
// 不适用 and the criteria's reason, in every format.
func naReasonText(reason, reasonEn, lang string) string {
	return t(lang, "na.prefix") + criteria.Pick(lang, reason, reasonEn)
}

// policyLines say how a scored subject's score was formed when the set
// weighs its categories or an item does not apply to it: the applicable
// maximum and the policy, the sum of the indicators' points, the weights.
// Each line is one fact; the table and HTML renderers print them as such.
func policyLines(s *criteria.Set, r *scoring.Scored, lang string) []string {
	var out []string
	if r.ApplicableMax != nil {
		how := fmt.Sprintf(t(lang, "na.subtract"), s.RoundingText(lang))
		if r.NAPolicy == criteria.NARescale {
			how = fmt.Sprintf(t(lang, "na.rescale"), s.RoundingText(lang))
		}
		out = append(out, fmt.Sprintf(t(lang, "na.max"), num(r.ApplicableMax.V), num(r.MaxPoints.V),
			joinList(lang, r.NotApplicable), how))
	}
	if r.RawPoints != nil {
		out = append(out, fmt.Sprintf(t(lang, "na.raw"), num(r.RawPoints.V)))
	}
	if s.Weighted() {
		var ws []string
		for _, c := range s.Categories {
			ws = append(ws, c.ID+" "+c.Weight.String())
		}
		out = append(out, fmt.Sprintf(t(lang, "weights.line"), strings.Join(ws, t(lang, "list.sep")), s.RoundingText(lang)))
	}
	return out
}

// nextLinePoints is the points of the next line as a report states it:
// the stated line, and the line scaled to the applicable maximum under
// na_policy "subtract".
func nextLinePoints(n *scoring.NextLine, lang string) string {
	if n.Stated == nil {
		return num(n.Points.V)
	}
	return fmt.Sprintf(t(lang, "na.scaled.line"), num(n.Stated.V), num(n.Points.V))
}

// indicatorPoints is an indicator's points cell: earned of full, or, for
// an item that does not apply, that its points do not count.
func indicatorPoints(x scoring.Indicator, lang string) string {
	if x.Status == scoring.StatusNA {
		return fmt.Sprintf(t(lang, "na.points"), num(x.MaxPoints.V))
	}
	if x.PointsOptimistic.V.Cmp(x.Points.V) != 0 {
		return fmt.Sprintf(t(lang, "points.opt"), num(x.Points.V), num(x.PointsOptimistic.V), num(x.MaxPoints.V))
	}
	return num(x.Points.V) + "/" + num(x.MaxPoints.V)
}

// categoryExtra are the weight and applicable-maximum cells of a category
// row, for the columns a set that uses them shows.
func categoryExtra(s *criteria.Set, c scoring.Category) []string {
	return extraCells(s, numP(c.Weight), c.MaxPoints.V, c.ApplicableMax)
}

// categoryExtraHead names the columns of categoryExtra.
func categoryExtraHead(s *criteria.Set, lang string) []string {
	var out []string
	if s.Weighted() {
		out = append(out, t(lang, "col.weight"))
	}
	if s.HasNA() {
		out = append(out, t(lang, "col.applicable"))
	}
	return out
}

// totalExtra are the total row's cells of categoryExtra's columns.
func totalExtra(s *criteria.Set, r *scoring.Scored) []string {
	return extraCells(s, "1", r.MaxPoints.V, r.ApplicableMax)
}

// extraCells are the weight cell (weighted sets) and the applicable
// maximum (sets with not-applicable items: max unless less applies).
func extraCells(s *criteria.Set, weight string, maxPts exact.Decimal, applicable *scoring.Number) []string {
	var out []string
	if s.Weighted() {
		out = append(out, weight)
	}
	if s.HasNA() {
		if applicable != nil {
			maxPts = applicable.V
		}
		out = append(out, num(maxPts))
	}
	return out
}

// showNA writes what criteria show says of a set's not-applicable items,
// its maximum policy and its weights: who each declaration excuses and
// why, the measures the input may mark 不适用, the policy and rounding.
// Nothing for a set that uses none of them.
func showNA(p *printer, s *criteria.Set, lang string) {
	var lines []string
	if s.Weighted() {
		var ws []string
		for _, c := range s.Categories {
			ws = append(ws, c.ID+" "+c.Weight.String())
		}
		lines = append(lines, fmt.Sprintf(t(lang, "weights.line"), strings.Join(ws, t(lang, "list.sep")), s.RoundingText(lang)))
	}
	if s.NAPolicy != "" {
		how := fmt.Sprintf(t(lang, "na.subtract"), s.RoundingText(lang))
		if s.NAPolicy == criteria.NARescale {
			how = fmt.Sprintf(t(lang, "na.rescale"), s.RoundingText(lang))
		}
		lines = append(lines, t(lang, "show.na.policy")+how)
	}
	decl := func(items []string, n *criteria.NotApplicable) {
		var who []string
		if len(n.Levels) > 0 {
			who = append(who, levelNames(n.Levels, lang))
		}
		who = append(who, n.Subjects...)
		sep := criteria.Pick(lang, "、", ", ")
		lines = append(lines, fmt.Sprintf(t(lang, "show.na.decl"), strings.Join(items, sep), strings.Join(who, sep), n.ReasonIn(lang)))
	}
	for i := range s.NotApplicable {
		decl(s.NotApplicable[i].Items, &s.NotApplicable[i])
	}
	for i := range s.Indicators {
		for j := range s.Indicators[i].NotApplicable {
			decl([]string{s.Indicators[i].ID}, &s.Indicators[i].NotApplicable[j])
		}
	}
	for i := range s.Quotas {
		for j := range s.Quotas[i].NotApplicable {
			decl([]string{s.Quotas[i].ID}, &s.Quotas[i].NotApplicable[j])
		}
	}
	for _, m := range s.Measures {
		if m.NotApplicable != "" {
			lines = append(lines, fmt.Sprintf(t(lang, "show.na.input"), m.ID, m.NAReason(lang)))
		}
	}
	if len(lines) == 0 {
		return
	}
	p.heading(2, t(lang, "show.na"))
	for _, l := range lines {
		p.line("- %s", l)
	}
	p.blank()
}
