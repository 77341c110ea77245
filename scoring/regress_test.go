package scoring_test

import (
	"fmt"
	"testing"

	"countyscore/criteria"
	"countyscore/scoring"
)

// zeroPointSet is a scored standard of one `all` indicator worth 0 points,
// the way a recognition condition with no points is written; baseline
// makes it a condition the verdict depends on.
const zeroPointSet = `id = "zero"
kind = "scored"
title = "zero-point conditions"
source = "test"
subjects = "any"
max_points = 0
below_verdict = "low"

[[line]]
points = 0
verdict = "qualified"
label = "qualified"
source = "test"

[[category]]
id = "C1"
name = "c"
source = "test"

[[measure]]
id = "M1"
kind = "bool"
label = "m1"

[[indicator]]
id = "I1"
category = "C1"
name = "i"
rule = "all"
points = 0
baseline = %s
source = "test"
requirement = "r"
scoring = "s"

  [[indicator.require]]
  label = "-"
  text = "M1"
  when = ["M1 = true"]
`

// TestZeroPointAllThatFailsIsNotMet is the regression test of wrong result
// (a) of issue 12: an `all` indicator worth 0 points whose requirement
// fails reported 达标 (met), and as a baseline item it blocked nothing.
func TestZeroPointAllThatFailsIsNotMet(t *testing.T) {
	tests := []struct {
		name, baseline, m1 string
		status, verdict    string
	}{
		{"fails, not baseline", "false", "false", scoring.StatusUnmet, "qualified"},
		{"fails, baseline", "true", "false", scoring.StatusUnmet, scoring.BaselineUnmet},
		{"holds, baseline", "true", "true", scoring.StatusMet, "qualified"},
		{"missing, baseline", "true", "", scoring.StatusMissing, scoring.Incomplete},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, problems := criteria.Parse("zero.toml", []byte(fmt.Sprintf(zeroPointSet, tc.baseline)))
			if problems.Has(criteria.Error) {
				t.Fatal(problems)
			}
			cells := map[string]string{}
			if tc.m1 != "" {
				cells["M1"] = tc.m1
			}
			r, err := scoring.Score(s, record(t, s, "汾阳市", cells))
			if err != nil {
				t.Fatal(err)
			}
			if got := r.Indicators[0].Status; got != tc.status {
				t.Errorf("status %s, want %s", got, tc.status)
			}
			if r.Verdict != tc.verdict {
				t.Errorf("verdict %s, want %s", r.Verdict, tc.verdict)
			}
		})
	}
}
