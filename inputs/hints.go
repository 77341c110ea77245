package inputs

import (
	"strings"

	"countyscore/criteria"
	"countyscore/exact"
)

// suspectOneFrom is the requirement from which a percent typed as 1 is more
// likely a whole (100 %) written as a fraction than one percent: a county
// asked for at least 80 % that reports 1 % has almost surely typed 1.0 for
// all of it. Below it, 1 % is a plausible value and says nothing.
var suspectOneFrom = exact.Int(80)

// highPercents marks, per measure of set, a percent that some requirement
// asks to reach at least suspectOneFrom (G08 >= 80, G29.1 > 80).
func highPercents(set *criteria.Set) []bool {
	high := make([]bool, len(set.Measures))
	for _, ind := range set.Indicators {
		for _, req := range ind.Require {
			for _, c := range req.Conditions {
				if c.IsBool || c.MeasureIdx < 0 || c.MeasureIdx >= len(high) || set.Measures[c.MeasureIdx].Kind != criteria.Pct {
					continue
				}
				if (c.Op == criteria.GE || c.Op == criteria.GT) && c.Value.Cmp(suspectOneFrom) >= 0 {
					high[c.MeasureIdx] = true
				}
			}
		}
	}
	return high
}

// oneHint reports whether raw, read as v, is a percent typed as exactly 1
// (1, 1.0, "１") with no % sign: 100 % written as a fraction, or 1 %.
func oneHint(raw string, v Value) bool {
	return v.Given && !strings.Contains(Normalize(raw), "%") && v.Num.Cmp(exact.One) == 0
}
