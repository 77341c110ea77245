package report

import (
	"fmt"
	"strings"

	"countyscore/criteria"
	"countyscore/pipeline"
	"countyscore/scoring"
)

// naStateText is an item's state on one side of a diff: 达标, 未达标 or
// 不适用 (a quota line OLD does not have: —).
func naStateText(state, lang string) string {
	switch state {
	case pipeline.StateMet:
		return t(lang, "status.met")
	case pipeline.StateNotMet:
		return t(lang, "status.unmet")
	case scoring.StatusNA:
		return t(lang, "status.not-applicable")
	}
	return "—"
}

// diffNALines are a subject's items that do not apply on a side of a
// diff, one a line: the state before and after and the reason.
func diffNALines(sd pipeline.SubjectDiff, lang string) []string {
	var out []string
	for _, c := range sd.NotApplicable {
		out = append(out, fmt.Sprintf("%s%s %s → %s%s", t(lang, "na.prefix"), c.ID, naStateText(c.Old, lang), naStateText(c.New, lang),
			criteria.Pick(lang, "（"+c.Reason+"）", " ("+c.ReasonEn+")")))
	}
	return out
}

// trendSide is one side of a trend's change: the figure, 不适用 where
// the item does not apply.
func trendSide(n *scoring.Number, na bool, lang string) string {
	if na {
		return t(lang, "value.na")
	}
	return valueOrMissing(n, lang)
}

// trendNALines are the items that do not apply in each year of a
// subject's trend, with the reason, one line per year that has any.
func trendNALines(st pipeline.SubjectTrend, lang string) []string {
	var out []string
	for _, y := range st.Years {
		for _, n := range y.NotApplicable {
			out = append(out, strings.TrimSpace(fmt.Sprintf("%s %s%s%s%s", yearText(y.Year), t(lang, "na.prefix"), n.ID,
				criteria.Pick(lang, "：", ": "), criteria.Pick(lang, n.Reason, n.ReasonEn))))
		}
	}
	return out
}

// naMoved reports whether an item of sd went to or from 不适用.
func naMoved(sd pipeline.SubjectDiff) bool {
	for _, c := range sd.NotApplicable {
		if c.Old != c.New {
			return true
		}
	}
	return false
}

// rollupNAText is the note under a roll-up table of a row some subjects
// do not apply to: they enter none of its sums.
func rollupNAText(r scoring.RollupRow, lang string) string {
	return fmt.Sprintf("%s %s%s%s", r.ID, t(lang, "na.prefix"), strings.Join(r.NotApplicable, criteria.Pick(lang, "、", ", ")),
		criteria.Pick(lang, "（不计入合计）", " (in none of the sums)"))
}
