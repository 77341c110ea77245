package criteria_test

import (
	"strings"
	"testing"

	"countyscore/criteria"
)

// ratioFile is a scored set of one "ratio" indicator: line 23 names the
// rule, line 25 holds its rounding and line 32 its condition.
const ratioFile = `id = "r"
kind = "scored"
title = "R"
source = "doc"
subjects = "any"
max_points = 10
below_verdict = "low"

[[category]]
id = "C1"
name = "c"
source = "doc"

[[measure]]
id = "M1"
kind = "num"
label = "m1"

[[indicator]]
id = "I1"
category = "C1"
name = "i"
rule = "ratio"
points = 10
round_down = "0.1"
source = "doc"
requirement = "r"
scoring = "s"

[[indicator.require]]
text = "M1 at least 45"
when = ["M1 >= 45"]
`

// TestRatioCheck: each mistake in a ratio indicator is an error at its
// file and line, a misspelt key with the nearest valid one.
func TestRatioCheck(t *testing.T) {
	tests := []struct {
		name, old, new string
		line           int
		want           string
	}{
		{"valid", "", "", 0, ""},
		{"half up instead", `round_down = "0.1"`, `round_half_up = "0.01"`, 0, ""},
		{"no rounding", `round_down = "0.1"`, ``, 23, "needs its rounding stated"},
		{"both roundings", `round_down = "0.1"`, "round_down = \"0.1\"\nround_half_up = \"0.1\"", 26, "round_down or round_half_up, not both"},
		{"zero rounding", `round_down = "0.1"`, `round_down = 0`, 25, "needs a positive round_down"},
		{"misspelt", `round_down = "0.1"`, `round_dwn = "0.1"`, 25, `did you mean "round_down"`},
		{"a ceiling", `"M1 >= 45"`, `"M1 <= 45"`, 32, "≥ a positive number"},
		{"a zero line", `"M1 >= 45"`, `"M1 >= 0"`, 32, "≥ a positive number"},
		{"any/all", `["M1 >= 45"]`, `[{ any = ["M1 >= 45", "M1 >= 50"] }]`, 32, "any/all are for"},
		{"rounding on another rule", `rule = "ratio"`, `rule = "all"`, 25, "rule all takes no round_down"},
		{"a baseline", `rule = "ratio"`, "rule = \"ratio\"\nbaseline = true", 0, "cannot be scored by ratio"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(ratioFile, tc.old) {
				t.Fatalf("the test file has no %q", tc.old)
			}
			file := strings.Replace(ratioFile, tc.old, tc.new, 1)
			_, problems := criteria.Parse("r.toml", []byte(file))
			var errs []criteria.Problem
			for _, p := range problems {
				if p.Severity == criteria.Error {
					errs = append(errs, p)
				}
			}
			if tc.want == "" {
				if len(errs) > 0 {
					t.Fatalf("unexpected errors %v", errs)
				}
				return
			}
			for _, p := range errs {
				if strings.Contains(p.Message, tc.want) {
					if p.File != "r.toml" || tc.line != 0 && p.Line != tc.line {
						t.Errorf("%q at %s:%d, want r.toml:%d", p.Message, p.File, p.Line, tc.line)
					}
					return
				}
			}
			t.Errorf("errors %v, want one saying %q", errs, tc.want)
		})
	}
}
