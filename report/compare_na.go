package report

import (
	"strings"

	"countyscore/criteria"
	"countyscore/pipeline"
)

// compareNANotes are the footnotes of a comparison's not-applicable
// cells: one line per row that has any, each reason once with the
// columns it covers, so a grid cell need only say 不适用.
func compareNANotes(d *pipeline.Compare, lang string) []string {
	var out []string
	for _, row := range d.Rows {
		if len(row.NotApplicable) == 0 {
			continue
		}
		var reasons []string
		cols := map[string][]string{}
		for _, c := range row.NotApplicable {
			r := criteria.Pick(lang, c.Reason, c.ReasonEn)
			if _, ok := cols[r]; !ok {
				reasons = append(reasons, r)
			}
			cols[r] = append(cols[r], d.Columns[c.Column].Label())
		}
		var parts []string
		for _, r := range reasons {
			parts = append(parts, strings.Join(cols[r], criteria.Pick(lang, "、", ", "))+criteria.Pick(lang, "："+r, ": "+r))
		}
		out = append(out, row.ID+" "+t(lang, "na.prefix")+strings.Join(parts, criteria.Pick(lang, "；", "; ")))
	}
	return out
}

// naCellText is the text of a comparison cell that does not apply.
func naCellText(lang string) string { return t(lang, "value.na") }
