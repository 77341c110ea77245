package criteria_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"countyscore/criteria"
)

// constructsSet uses every construct of issue 12 that a quota set has: a
// declared subject, an attribute and a threshold chosen by it, a yes/no
// row of nested any/all conditions, owed_by, strength and a tier.
const constructsSet = `id = "c"
kind = "quota"
title = "C"
source = "doc 3"
subjects = "any"
any_level = "town"
city = "吕梁市"

[[subject]]
name = "甲镇"
short = "甲"
level = "town"
parent = "汾阳市"
source = "doc 3 一"

[[attribute]]
id = "industry"
label = "field"
levels = ["town"]
values = ["制造业", "特优农业"]
aliases = { "工业" = "制造业" }
source = "doc 3 二"

[[threshold]]
id = "line"
by = "industry"
unit = "亿元"
values = { "制造业" = 10, "特优农业" = 1 }
source = "doc 3 二"

[[measure]]
id = "OUT"
kind = "num"
unit = "亿元"
label = "output"

[[measure]]
id = "RELAX"
kind = "bool"
label = "relaxed"

[[measure]]
id = "DONE"
kind = "bool"
label = "done"

[[quota]]
id = "Q1"
name = "scale"
source = "row 1"
applies_to = ["town"]
when = [{ any = ["OUT >= $line", { all = ["RELAX = true", "OUT >= 0.5"] }] }]

[[quota]]
id = "Q2"
measure = "DONE"
name = "done"
source = "row 2"
strength = "aspirational"
owed_by = ["甲镇"]

[[tier]]
id = "TIER"
measure = "OUT"
name = "tier"
levels = ["town"]
source = "row 3"
bands = [{ from = 10, label = "10" }, { from = 1, label = "1" }]
below_label = "none"
`

// TestBadConstructs: each construct's mistakes are explained with the
// file, the line and, for a misspelt name, the nearest valid one.
func TestBadConstructs(t *testing.T) {
	tests := []struct {
		name, old, new string
		line           int
		want           string
	}{
		{"valid", "", "", 0, ""},
		{"unknown key in a when table", `{ any = ["OUT`, `{ anyof = ["OUT`, 52, `unknown key "anyof" in a when table; did you mean "any"?`},
		{"two keys in a when table", `{ all = ["RELAX = true", "OUT >= 0.5"] }`, `{ all = ["RELAX = true"], any = ["OUT >= 0.5"] }`, 52, "exactly one key, any or all"},
		{"empty any", `{ all = ["RELAX = true", "OUT >= 0.5"] }`, `{ all = [] }`, 52, "an empty any/all list"},
		{"nested too deep", `"OUT >= 0.5"`, `{ all = [{ all = [{ all = [{ all = ["OUT >= 0.5"] }] }] }] }`, 52, "nested deeper than 4"},
		{"unknown threshold", "$line", "$lines", 52, `unknown threshold "lines"; did you mean "line"?`},
		{"unknown measure in a branch", `"RELAX = true"`, `"RELAXX = true"`, 52, `unknown measure "RELAXX"; did you mean "RELAX"?`},
		{"threshold in another unit", `unit = "亿元"
label = "output"`, `unit = "万元"
label = "output"`, 52, `threshold line is in "亿元" but OUT is in "万元"`},
		{"threshold by an unknown attribute", `by = "industry"`, `by = "industy"`, 26, `unknown attribute "industy"; did you mean "industry"?`},
		{"threshold for an unknown value", `"特优农业" = 1 }`, `"特优农" = 1 }`, 28, `unknown value of industry "特优农"; did you mean "特优农业"?`},
		{"threshold missing a value without a reason", `, "特优农业" = 1 }`, ` }`, 28, "gives no figure for industry = 特优农业"},
		{"alias to an unknown value", `"工业" = "制造业"`, `"工业" = "制造"`, 21, `unknown value "制造"; did you mean "制造业"?`},
		{"declared subject of an unknown level", `level = "town"
parent`, `level = "towm"
parent`, 12, `unknown subject level "towm"; did you mean "town"?`},
		{"declared subject's parent not canonical", `parent = "汾阳市"`, `parent = "汾杨市"`, 13, `did you mean "汾阳市"?`},
		{"declared subject takes a built-in name", `short = "甲"`, `short = "汾阳"`, 0, `"汾阳" names both 汾阳市 and 甲镇`},
		{"unknown any_level", `any_level = "town"`, `any_level = "twn"`, 6, `unknown subject level "twn"; did you mean "town"?`},
		{"yes/no row with a target", `owed_by = ["甲镇"]`, `owed_by = ["甲镇"]
target = 1`, 61, "is yes/no (done or not): it takes no target"},
		{"owed_by a short name", `owed_by = ["甲镇"]`, `owed_by = ["甲"]`, 60, `write the canonical name "甲镇"`},
		{"unknown strength", `strength = "aspirational"`, `strength = "aspiration"`, 59, `unknown strength "aspiration"; did you mean "aspirational"?`},
		{"measure and when together", `id = "Q1"
name`, `id = "Q1"
measure = "OUT"
name`, 53, "a when row is its own yes/no measure"},
		{"tier bands that rise", `{ from = 10, label = "10" }, { from = 1, label = "1" }`, `{ from = 1, label = "1" }, { from = 10, label = "10" }`, 68, "band edges must fall"},
		{"tier on an unknown measure", `measure = "OUT"
name = "tier"`, `measure = "OUTT"
name = "tier"`, 64, `unknown measure "OUTT"; did you mean "OUT"?`},
		{"tier with a repeated label", `label = "1" }`, `label = "10" }`, 68, "label is empty or used twice"},
		{"signed bool", `id = "DONE"
kind = "bool"`, `id = "DONE"
kind = "bool"
signed = true`, 45, "only a num or pct may be signed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(constructsSet, tc.old) {
				t.Fatalf("the test set has no %q", tc.old)
			}
			file := strings.Replace(constructsSet, tc.old, tc.new, 1)
			_, problems := criteria.Parse("c.toml", []byte(file))
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
					if p.File != "c.toml" || p.Line != tc.line {
						t.Errorf("%q at %s:%d, want c.toml:%d", p.Message, p.File, p.Line, tc.line)
					}
					return
				}
			}
			t.Errorf("errors %v, want one saying %q", errs, tc.want)
		})
	}
}

// TestNewSetsNeedNoGo loads each new built-in set from a copy outside the
// binary, by path and by ID through a criteria directory, and gets the
// same set: nothing of them lives in Go.
func TestNewSetsNeedNoGo(t *testing.T) {
	for _, id := range []string{"professional-town", "environment-2023"} {
		t.Run(id, func(t *testing.T) {
			data, err := os.ReadFile(id + ".toml")
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			path := filepath.Join(dir, id+".toml")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			builtin, err := criteria.Load(id)
			if err != nil {
				t.Fatal(err)
			}
			byPath, err := criteria.Load(path)
			if err != nil {
				t.Fatal(err)
			}
			if len(byPath.Quotas) != len(builtin.Quotas) || len(byPath.Measures) != len(builtin.Measures) || len(byPath.Tiers) != len(builtin.Tiers) {
				t.Errorf("the copy differs from the built-in set")
			}
			if problems := criteria.Check(path); problems.Has(criteria.Error) {
				t.Errorf("criteria check on the copy: %v", problems)
			}
		})
	}
}

// TestQuotaUnit: a row of one measure shows that measure's unit; a yes/no
// row of conditions compares no one measure and so has no unit (it once
// borrowed the first measure's).
func TestQuotaUnit(t *testing.T) {
	set, problems := criteria.Parse("c.toml", []byte(constructsSet))
	if problems.Has(criteria.Error) {
		t.Fatalf("the test set does not load: %v", problems)
	}
	tests := []struct {
		name, quota, want string
	}{
		{"conditions row", "Q1", ""},
		{"yes/no measure", "Q2", ""},
		{"unknown row", "NOPE", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := set.QuotaUnit(tc.quota, "zh"); got != tc.want {
				t.Errorf("QuotaUnit(%s) = %q, want %q", tc.quota, got, tc.want)
			}
		})
	}
	withUnit := strings.Replace(constructsSet, `id = "Q2"
measure = "DONE"`, `id = "Q2"
measure = "OUT"
target = 1`, 1)
	set, problems = criteria.Parse("c.toml", []byte(withUnit))
	if problems.Has(criteria.Error) {
		t.Fatalf("the test set does not load: %v", problems)
	}
	if got := set.QuotaUnit("Q2", "zh"); got != "亿元" {
		t.Errorf("QuotaUnit(Q2) on OUT = %q, want 亿元", got)
	}
}
