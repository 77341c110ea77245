package report

import (
	"fmt"
	"strconv"
	"strings"

	"countyscore/criteria"
	"countyscore/pipeline"
	"countyscore/scoring"
)

// The items gaps lists after the shortfalls, under 不适用（不计入）: one
// row each with the criteria's reason, in every format; nothing at all
// when no item is not applicable, so other sets' reports keep their shape.

// naItemName names an indicator, prerequisite or quota row.
func naItemName(s *criteria.Set, id, lang string) string {
	if name := itemLabel(s, id, lang); name != "" {
		return name
	}
	if q, ok := s.Quota(id); ok {
		return q.NameIn(lang)
	}
	for _, q := range s.Quotas { // a yearly row's line (F12.2024)
		if len(id) > len(q.ID) && id[:len(q.ID)+1] == q.ID+"." {
			return q.NameIn(lang)
		}
	}
	return ""
}

func writeNAGaps(p *printer, s *criteria.Set, list []pipeline.NAItem, lang string) {
	if len(list) == 0 {
		return
	}
	p.line("%s", t(lang, "gaps.na"))
	tb := newTable("#", t(lang, "col.subject"), t(lang, "col.id"), t(lang, "col.indicator"), t(lang, "col.status"))
	tb.right[0] = true
	tb.wrap[3], tb.wrap[4] = 24, 40
	for i, n := range list {
		tb.add(strconv.Itoa(i+1), n.Subject, n.ID, naItemName(s, n.ID, lang), naReasonText(n.Reason, n.ReasonEn, lang))
	}
	p.table(tb)
	p.blank()
}

// writeNACSV appends one row per item: its subject and ID, then
// not-applicable and the reason where the table's other rows have their
// figures.
func writeNACSV(c *csvWriter, list []pipeline.NAItem, lang string) {
	if len(list) == 0 {
		return
	}
	c.row("#not_applicable", "subject", "id", "na_source", "reason")
	for _, n := range list {
		c.row("#not_applicable", n.Subject, n.ID, n.Source, criteria.Pick(lang, n.Reason, n.ReasonEn))
	}
}

func naView(s *criteria.Set, list []pipeline.NAItem, lang string) []tableView {
	if len(list) == 0 {
		return nil
	}
	tv := tableView{Title: t(lang, "gaps.na"), Head: []string{"#", t(lang, "col.subject"), t(lang, "col.id"), t(lang, "col.indicator"), t(lang, "col.status")}}
	for i, n := range list {
		tv.Rows = append(tv.Rows, tableRow{Tone: toneUnknown, Cells: []string{strconv.Itoa(i + 1), n.Subject, n.ID,
			naItemName(s, n.ID, lang), naReasonText(n.Reason, n.ReasonEn, lang)}})
	}
	return []tableView{tv}
}

func naSheet(b *xbook, s *criteria.Set, list []pipeline.NAItem, lang string) error {
	if len(list) == 0 {
		return nil
	}
	x, err := b.stream(t(lang, "xlsx.na"), []string{t(lang, "col.subject"), t(lang, "col.id"), t(lang, "col.indicator"), t(lang, "col.status")},
		[]float64{16, 10, 30, 50})
	if err != nil {
		return err
	}
	for _, n := range list {
		if err := x.add(n.Subject, n.ID, naItemName(s, n.ID, lang), naReasonText(n.Reason, n.ReasonEn, lang)); err != nil {
			return err
		}
	}
	return nil
}

// naXLSXHead names the summary sheet's columns for a set that weighs its
// categories or has items that may not apply: the indicators' sum, the
// applicable maximum, the policy and the items that do not apply.
func naXLSXHead(s *criteria.Set, lang string) []string {
	if !s.HasNA() && !s.Weighted() {
		return nil
	}
	return []string{t(lang, "col.raw"), t(lang, "col.applicable"), t(lang, "col.policy"), t(lang, "xlsx.na")}
}

func naXLSXWidths(head []string) []float64 {
	if len(head) == 0 {
		return nil
	}
	return []float64{10, 10, 30, 40}
}

// naXLSXCells are a subject's cells of naXLSXHead's columns.
func naXLSXCells(s *criteria.Set, r *scoring.Scored, lang string) []any {
	if !s.HasNA() && !s.Weighted() {
		return nil
	}
	var raw, app any
	if r.RawPoints != nil {
		raw = xnum(r.RawPoints.V)
	}
	if r.ApplicableMax != nil {
		app = xnum(r.ApplicableMax.V)
	}
	policy := ""
	switch r.NAPolicy {
	case criteria.NARescale:
		policy = fmt.Sprintf(t(lang, "na.rescale"), s.RoundingText(lang))
	case criteria.NASubtract:
		policy = fmt.Sprintf(t(lang, "na.subtract"), s.RoundingText(lang))
	}
	var na []string
	for _, ind := range r.Indicators {
		if ind.Status == scoring.StatusNA {
			na = append(na, ind.ID+" "+naReasonText(ind.Reason, ind.ReasonEn, lang))
		}
	}
	return []any{raw, app, policy, strings.Join(na, t(lang, "list.sep"))}
}
