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

// bandsFile is ratioFile scored by a bands table: line 25 holds the table
// and line 32 the condition.
var bandsFile = strings.Replace(strings.Replace(ratioFile, `rule = "ratio"`, `rule = "bands"`, 1),
	`round_down = "0.1"`, `bands = [{ from = 45, points = 10 }, { from = 40, points = 8 }, { from = 30, points = 5 }]`, 1)

// TestBandsCheck: each mistake in a bands table is an error at its file and
// line, a misspelt key with the nearest valid one.
func TestBandsCheck(t *testing.T) {
	tests := []struct {
		name, old, new string
		line           int
		want           string
	}{
		{"valid", "", "", 0, ""},
		{"no table", `bands = [{ from = 45, points = 10 }, { from = 40, points = 8 }, { from = 30, points = 5 }]`, ``, 23, "needs bands"},
		{"edges rise", `{ from = 30, points = 5 }`, `{ from = 41, points = 5 }`, 25, "band edges must fall: 41 after 40"},
		{"points rise", `{ from = 30, points = 5 }`, `{ from = 30, points = 9 }`, 25, "a lower band cannot be worth more: 9 after 8"},
		{"top not the full points", `{ from = 45, points = 10 }`, `{ from = 45, points = 9 }`, 25, "the first band is worth 9, not the full 10 points"},
		{"a band without points", `{ from = 30, points = 5 }`, `{ from = 30 }`, 25, "band 3 needs from and points"},
		{"misspelt band key", `{ from = 30, points = 5 }`, `{ from = 30, point = 5 }`, 25, `did you mean "points"`},
		{"line not the top edge", `"M1 >= 45"`, `"M1 >= 50"`, 32, "the top band starts at 45"},
		{"a table on another rule", `rule = "bands"`, `rule = "all"`, 25, "rule all takes no bands"},
		{"a float edge", `{ from = 30, points = 5 }`, `{ from = 30.5, points = 5 }`, 25, "0.5"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(bandsFile, tc.old) {
				t.Fatalf("the test file has no %q", tc.old)
			}
			file := strings.Replace(bandsFile, tc.old, tc.new, 1)
			_, problems := criteria.Parse("b.toml", []byte(file))
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
					if p.File != "b.toml" || p.Line != tc.line {
						t.Errorf("%q at %s:%d, want b.toml:%d", p.Message, p.File, p.Line, tc.line)
					}
					return
				}
			}
			t.Errorf("errors %v, want one saying %q", errs, tc.want)
		})
	}
}
