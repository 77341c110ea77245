package scoring_test

import (
	"strings"
	"testing"

	"countyscore/criteria"
	"countyscore/scoring"
)

// ratioSet is a scored set of one indicator of rule rule, worth 10 points
// against M1 ≥ 45, with its figures in extra (a ratio's rounding, a bands
// table).
func ratioSet(t *testing.T, rule, extra string) *criteria.Set {
	t.Helper()
	src := `id = "ratio"
kind = "scored"
title = "ratio"
source = "test"
subjects = "any"
max_points = 10
below_verdict = "low"

[[category]]
id = "C1"
name = "c"
source = "test"

[[measure]]
id = "M1"
kind = "num"
label = "m1"

[[indicator]]
id = "I1"
category = "C1"
name = "i"
rule = "` + rule + `"
points = 10
` + extra + `
source = "test"
requirement = "r"
scoring = "s"

[[indicator.require]]
text = "M1 at least 45"
when = ["M1 >= 45"]
`
	s, problems := criteria.Parse("ratio.toml", []byte(src))
	if problems.Has(criteria.Error) {
		t.Fatalf("the ratio set does not compile:\n%v", problems)
	}
	return s
}

// TestRatioPoints: the points follow value ÷ line exactly, capped at the
// full points, rounded exactly as the file states; missing is never met.
func TestRatioPoints(t *testing.T) {
	tests := []struct {
		name, round, m1, points, status string
	}{
		{"down, a quotient that never ends", `round_down = "0.1"`, "37", "8.2", "partial"}, // 8.222…
		{"half up to 0.01", `round_half_up = "0.01"`, "37", "8.22", "partial"},             // 8.222…
		{"half up at the half", `round_half_up = "0.1"`, "40.5", "9", "partial"},           // 8.999… → 9.0
		{"half up exactly at .x5", `round_half_up = "0.1"`, "42.75", "9.5", "partial"},     // 9.5 exactly
		{"down to whole points", `round_down = "1"`, "44.99", "9", "partial"},              // 9.997…
		{"half up never above full", `round_half_up = "1"`, "44.99", "10", "partial"},      // 9.997… → 10, capped
		{"at the line", `round_down = "0.1"`, "45", "10", "met"},
		{"above the line is capped", `round_down = "0.1"`, "90", "10", "met"},
		{"zero", `round_down = "0.1"`, "0", "0", "unmet"},
		{"missing is never met", `round_down = "0.1"`, "", "0", "missing"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := ratioSet(t, "ratio", tc.round)
			vals := map[string]string{}
			if tc.m1 != "" {
				vals["M1"] = tc.m1
			}
			r, err := scoring.Score(s, record(t, s, "汾阳市", vals))
			if err != nil {
				t.Fatal(err)
			}
			got := r.Indicators[0]
			if got.Points.String() != tc.points || got.Status != tc.status {
				t.Errorf("M1 = %q: %s %s, want %s %s", tc.m1, got.Points, got.Status, tc.points, tc.status)
			}
			if d := s.Indicators[0].Kind.Describe(&s.Indicators[0], "zh"); !strings.Contains(d, "入到") {
				t.Errorf("the description %q does not say how it rounds", d)
			}
		})
	}
}
