package scoring_test

import (
	"strings"
	"testing"

	"countyscore/criteria"
	"countyscore/inputs"
	"countyscore/scoring"
)

// townSet is a quota set with the constructs of issue 12: a threshold
// chosen by an attribute inside a nested any/all, a yes/no row, an
// aspirational row, a ceiling, a signed measure and a tier.
const townSet = `id = "towns"
kind = "quota"
title = "T"
source = "doc"
subjects = "any"
any_level = "town"
city = "吕梁市"

[[subject]]
name = "甲镇"
level = "town"
parent = "汾阳市"
source = "doc"

[[attribute]]
id = "industry"
label = "field"
values = ["制造业", "特优农业", "其他"]
aliases = { "工业" = "制造业" }
refuse = { "农牧业" = "write 特优农业 or 其他" }
source = "doc"

[[threshold]]
id = "line"
by = "industry"
unit = "亿元"
values = { "制造业" = 10, "特优农业" = 1 }
missing_reason = "no line in the text"
source = "doc"

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

[[measure]]
id = "DUST"
kind = "num"
label = "dust"

[[measure]]
id = "CUT"
kind = "pct"
signed = true
label = "reduction (a rise is negative)"

[[quota]]
id = "Q1"
name = "scale"
source = "row"
applies_to = ["town"]
when = [{ any = ["OUT >= $line", { all = ["RELAX = true", "OUT >= 0.5"] }] }]

[[quota]]
id = "Q2"
measure = "DONE"
name = "done"
source = "row"
strength = "aspirational"
owed_by = ["甲镇"]

[[quota]]
id = "Q3"
measure = "DUST"
name = "dust ceiling"
op = "<="
target = 7
source = "row"
owed_by = ["甲镇"]

[[quota]]
id = "Q4"
measure = "CUT"
name = "cut"
target = 10
source = "row"
owed_by = ["甲镇"]

[[tier]]
id = "TIER"
measure = "OUT"
name = "tier"
levels = ["town"]
source = "row"
bands = [{ from = 100, label = "100" }, { from = 20, label = "20" }, { from = 1, label = "1" }]
below_label = "none"
`

func townRecord(t *testing.T, s *criteria.Set, subject string, cells map[string]string) *inputs.Record {
	t.Helper()
	var b strings.Builder
	b.WriteString("subject")
	var ids []string
	for id := range cells {
		ids = append(ids, id)
	}
	for _, id := range ids {
		b.WriteString("," + id)
	}
	b.WriteString("\n" + subject)
	for _, id := range ids {
		b.WriteString("," + cells[id])
	}
	b.WriteString("\n")
	var w inputs.Warnings
	csv, err := inputs.NewCSV("t.csv", strings.NewReader(b.String()), s, &w)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := csv.Next()
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

func townLine(t *testing.T, r *scoring.Quotas, id string) scoring.Quota {
	t.Helper()
	for _, q := range r.Quotas {
		if q.ID == id {
			return q
		}
	}
	t.Fatalf("%s owes no %s: %+v", r.Subject, id, r.Quotas)
	return scoring.Quota{}
}

// TestAnyAllWithThresholds: three-valued any/all over a threshold chosen
// by the subject's attribute. Missing is never met; any with one branch
// met is met whatever the others lack; with none met and one missing it is
// missing.
func TestAnyAllWithThresholds(t *testing.T) {
	s, problems := criteria.Parse("towns.toml", []byte(townSet))
	if problems.Has(criteria.Error) {
		t.Fatal(problems)
	}
	tests := []struct {
		name    string
		cells   map[string]string
		check   string // "" when undecided
		missing string
	}{
		{"manufacturing at its line", map[string]string{"industry": "制造业", "OUT": "10"}, scoring.CheckDone, ""},
		{"manufacturing just under, relaxed missing", map[string]string{"industry": "制造业", "OUT": "9.99"}, "", "RELAX"},
		{"manufacturing under, relaxed and over the floor", map[string]string{"industry": "工业", "OUT": "0.5", "RELAX": "是"}, scoring.CheckDone, ""},
		{"farming at 1", map[string]string{"industry": "特优农业", "OUT": "1"}, scoring.CheckDone, ""},
		{"farming under, not relaxed", map[string]string{"industry": "特优农业", "OUT": "0.8", "RELAX": "否"}, scoring.CheckNotDone, ""},
		{"met branch beats a missing attribute", map[string]string{"OUT": "0.6", "RELAX": "true"}, scoring.CheckDone, ""},
		{"attribute missing, other branch unmet", map[string]string{"OUT": "12", "RELAX": "false"}, "", "industry"},
		{"a value with no line is missing, never met", map[string]string{"industry": "其他", "OUT": "1000", "RELAX": "false"}, "", "industry"},
		{"output missing", map[string]string{"industry": "制造业", "RELAX": "true"}, "", "OUT"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rs, err := scoring.EvaluateQuotas(s, []*inputs.Record{townRecord(t, s, "乙镇", tc.cells)}, &inputs.Warnings{})
			if err != nil {
				t.Fatal(err)
			}
			q := townLine(t, rs[0], "Q1")
			if q.Check != tc.check {
				t.Errorf("check %q, want %q (shortfalls %+v)", q.Check, tc.check, q.Shortfalls)
			}
			if tc.missing != "" && !strings.Contains(strings.Join(rs[0].Missing, ","), tc.missing) {
				t.Errorf("missing %v, want %s listed", rs[0].Missing, tc.missing)
			}
			if tc.check == "" && rs[0].Verdict != scoring.Incomplete {
				t.Errorf("verdict %s, want incomplete", rs[0].Verdict)
			}
		})
	}
}

// TestAttributeInput: an attribute is read from its column after
// normalisation and aliases; an ambiguous or unknown value is refused with
// the nearest one.
func TestAttributeInput(t *testing.T) {
	s, _ := criteria.Parse("towns.toml", []byte(townSet))
	tests := []struct{ name, cell, want string }{
		{"alias", "工业", ""},
		{"refused spelling", "农牧业", "write 特优农业 or 其他"},
		{"typo", "特优农", `did you mean "特优农业"?`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var w inputs.Warnings
			csv, err := inputs.NewCSV("t.csv", strings.NewReader("subject,industry\n乙镇,"+tc.cell+"\n"), s, &w)
			if err == nil {
				_, err = csv.Next()
			}
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "t.csv:2") {
				t.Errorf("error %v, want t.csv:2 saying %q", err, tc.want)
			}
		})
	}
}

// TestYesNoCeilingSignedTier: owed_by, a yes/no row that never decides
// (aspirational), a ceiling's excess and headroom, a signed measure, and a
// tier that is undecided when its value is missing (wrong result (c) of
// issue 12: a missing output got a definite tier).
func TestYesNoCeilingSignedTier(t *testing.T) {
	s, _ := criteria.Parse("towns.toml", []byte(townSet))
	tests := []struct {
		name           string
		cells          map[string]string
		verdict        string
		dustGap, dustR string
		cutGap         string
		tier, tierLbl  string
	}{
		{"all within; an aspirational row not done decides nothing", map[string]string{"DONE": "否", "DUST": "6.6", "CUT": "10", "OUT": "20"}, scoring.Met, "0", "0.4", "0", scoring.TierClassified, "20"},
		{"ceiling exceeded, a rise", map[string]string{"DONE": "是", "DUST": "8.3", "CUT": "-3.2", "OUT": "19.99"}, scoring.NotMet, "1.3", "null", "13.2", scoring.TierClassified, "1"},
		{"on the ceiling, below every band", map[string]string{"DUST": "7", "CUT": "−1.5", "OUT": "0.8"}, scoring.NotMet, "0", "0", "11.5", scoring.TierBelow, "none"},
		{"tier of a missing value is undecided", map[string]string{"DUST": "7", "CUT": "11"}, scoring.Incomplete, "0", "0", "0", scoring.TierMissing, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.cells["industry"], tc.cells["RELAX"] = "制造业", "true"
			rs, err := scoring.EvaluateQuotas(s, []*inputs.Record{townRecord(t, s, "甲镇", tc.cells)}, &inputs.Warnings{})
			if err != nil {
				t.Fatal(err)
			}
			r := rs[0]
			if r.Verdict != tc.verdict {
				t.Errorf("verdict %s, want %s (%+v)", r.Verdict, tc.verdict, r.Quotas)
			}
			dust := townLine(t, r, "Q3")
			if str(dust.Gap) != tc.dustGap || str(dust.Headroom) != tc.dustR {
				t.Errorf("dust over %s room %s, want %s and %s", str(dust.Gap), str(dust.Headroom), tc.dustGap, tc.dustR)
			}
			if cut := townLine(t, r, "Q4"); str(cut.Gap) != tc.cutGap {
				t.Errorf("cut gap %s, want %s", str(cut.Gap), tc.cutGap)
			}
			if done := townLine(t, r, "Q2"); done.Strength != "aspirational" {
				t.Errorf("Q2 strength %q", done.Strength)
			}
			if len(r.Tiers) != 1 || r.Tiers[0].Status != tc.tier || r.Tiers[0].Label != tc.tierLbl {
				t.Errorf("tiers %+v, want %s %q", r.Tiers, tc.tier, tc.tierLbl)
			}
		})
	}
}
