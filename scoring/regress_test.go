package scoring_test

import (
	"fmt"
	"strings"
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

// TestScoredAnyAll: an indicator's requirement of nested any/all earns
// its points when a branch holds, even with another branch's value
// missing; with no branch met and one missing it is missing.
func TestScoredAnyAll(t *testing.T) {
	src := strings.Replace(strings.Replace(fmt.Sprintf(zeroPointSet, "false"), `when = ["M1 = true"]`,
		`when = [{ any = ["M1 = true", { all = ["M2 >= 5", "M3 = true"] }] }]`, 1),
		"[[indicator]]", "[[measure]]\nid = \"M2\"\nkind = \"count\"\nlabel = \"m2\"\n\n[[measure]]\nid = \"M3\"\nkind = \"bool\"\nlabel = \"m3\"\n\n[[indicator]]", 1)
	s, problems := criteria.Parse("anyall.toml", []byte(src))
	if problems.Has(criteria.Error) {
		t.Fatal(problems)
	}
	tests := []struct {
		name   string
		cells  map[string]string
		status string
		shorts int
	}{
		{"first branch", map[string]string{"M1": "true"}, scoring.StatusMet, 0},
		{"second branch, first missing", map[string]string{"M2": "5", "M3": "true"}, scoring.StatusMet, 0},
		{"none met", map[string]string{"M1": "false", "M2": "4", "M3": "true"}, scoring.StatusUnmet, 2},
		{"none met, one missing", map[string]string{"M1": "false", "M3": "true"}, scoring.StatusMissing, 2},
		{"all of a branch unmet decides it", map[string]string{"M1": "false", "M2": "1", "M3": "false"}, scoring.StatusUnmet, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := scoring.Score(s, record(t, s, "汾阳市", tc.cells))
			if err != nil {
				t.Fatal(err)
			}
			ind := r.Indicators[0]
			if ind.Status != tc.status || len(ind.Shortfalls) != tc.shorts {
				t.Errorf("status %s with %d shortfalls, want %s with %d: %+v", ind.Status, len(ind.Shortfalls), tc.status, tc.shorts, ind.Shortfalls)
			}
		})
	}
	if _, err := scoring.NewPlanner(s); err != nil {
		t.Errorf("plan refuses any/all conditions: %v", err)
	}
}
