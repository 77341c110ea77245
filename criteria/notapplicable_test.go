package criteria_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"countyscore/criteria"
)

// TestBadNotApplicable: each mistake in not-applicable items, the maximum
// policy and category weights is explained with the file, the line and,
// for a misspelt name, the nearest valid one. The set is the worked
// example of docs/criteria-schema.md.
func TestBadNotApplicable(t *testing.T) {
	data, err := os.ReadFile("../testdata/na/na.toml")
	if err != nil {
		t.Fatal(err)
	}
	set := string(data)
	tests := []struct {
		name, old, new string
		line           int
		want           string
	}{
		{"valid", "", "", 0, ""},
		{"unknown item", `items = ["I4"]`, `items = ["I44"]`, 141, `unknown item "I44"; did you mean "I4"?`},
		{"unknown level", `levels = ["zone"]`, `levels = ["zones"]`, 140, `unknown subject level "zones"; did you mean "zone"?`},
		{"subject not canonical", `levels = ["zone"]`, `subjects = ["孝义"]`, 140, `write the canonical name "孝义市"`},
		{"no reason", `reason = "经开区污水由所在县处理"`, `reason = ""`, 139, "a 不适用 needs a reason shown"},
		{"nobody", `levels = ["zone"]`, ``, 139, "say whom it does not apply to"},
		{"no items at the top level", `items = ["I4"]`, ``, 139, "a set-level not_applicable names its items"},
		{"items inside a row", `  [[indicator.require]]
  label = "—"
  text = "污水处理设施正常运行"`, `  [[indicator.not_applicable]]
  levels = ["zone"]
  items = ["I4"]
  reason = "r"
  [[indicator.require]]
  label = "—"
  text = "污水处理设施正常运行"`, 136, "items belongs to a set-level [[not_applicable]]"},
		{"no policy", `na_policy = "rescale"
round_half_up = "0.1"`, `round_half_up = "0.1"`, 138, `needs na_policy = "rescale" or "subtract"`},
		{"unknown policy", `na_policy = "rescale"`, `na_policy = "rescal"`, 16, `unknown na_policy "rescal"; did you mean "rescale"?`},
		{"misspelt key", `na_policy = "rescale"`, `na_polcy = "rescale"`, 16, `unknown key "na_polcy"; did you mean "na_policy"?`},
		{"misspelt reason key", `reason_en = "a zone's sewage is treated by its county"`, `reason_eng = "x"`, 143, `unknown key "not_applicable.reason_eng"; did you mean "reason_en"?`},
		{"no rounding", `round_half_up = "0.1"`, ``, 37, "need the score's rounding stated"},
		{"two roundings", `round_half_up = "0.1"`, `round_half_up = "0.1"
round_down = "0.1"`, 17, "rounds one way"},
		{"weights not summing to 1", `weight = "0.3"`, `weight = "0.2"`, 37, "the category weights add up to 0.9, not exactly 1"},
		{"a weight missing", `weight = "0.3"`, ``, 40, "category B has no weight"},
		{"a weight above 1", `weight = "0.3"`, `weight = "1.3"`, 44, "weight 1.3: want a share above 0 and at most 1"},
		{"a float weight", `weight = "0.3"`, `weight = 0.3`, 44, `write the decimal 0.3 as a string`},
		{"misspelt weight", `weight = "0.3"`, `wieght = "0.3"`, 44, `unknown key "category.wieght"; did you mean "weight"?`},
		{"not_applicable_en alone", `not_applicable = "本地无考核断面"
`, ``, 66, "not_applicable_en without not_applicable"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(set, tc.old) {
				t.Fatalf("the test set has no %q", tc.old)
			}
			file := strings.Replace(set, tc.old, tc.new, 1)
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

// TestNotApplicableInQuotaSets: a quota set has no maximum, so no policy;
// a subject owing a row by name and declared not applicable to it is a
// warning that says which wins.
func TestNotApplicableInQuotaSets(t *testing.T) {
	base := constructsSet + `
[[quota]]
id = "Q3"
measure = "OUT"
name = "q3"
source = "row 4"
target = 1
owed_by = ["甲镇"]
  [[quota.not_applicable]]
  subjects = ["甲镇"]
  reason = "not here"
`
	_, problems := criteria.Parse("c.toml", []byte(base))
	if problems.Has(criteria.Error) {
		t.Fatalf("errors: %v", problems)
	}
	found := false
	for _, p := range problems {
		if p.Severity == criteria.Warning && strings.Contains(p.Message, "甲镇 owes it by name and is declared not applicable; not applicable wins") {
			found = true
			if p.Line != 79 {
				t.Errorf("warning at line %d, want 79", p.Line)
			}
		}
	}
	if !found {
		t.Errorf("no warning that not applicable wins: %v", problems)
	}
	_, problems = criteria.Parse("c.toml", []byte(strings.Replace(base, `city = "吕梁市"`, `city = "吕梁市"
na_policy = "rescale"`, 1)))
	if !strings.Contains(fmt.Sprint(problems), "a quota set has none") {
		t.Errorf("a quota set takes na_policy: %v", problems)
	}
}
