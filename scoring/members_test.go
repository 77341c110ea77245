package scoring_test

import (
	"testing"

	"countyscore/criteria"
	"countyscore/inputs"
	"countyscore/scoring"
)

// membersSet sums KM over the county-level units and the declared
// 吕梁市区 (members); only 孝义市 owes a target of its own.
const membersSet = `id = "members"
kind = "quota"
title = "M"
source = "doc"
subjects = "targets"
city = "吕梁市"

[[subject]]
name = "吕梁市区"
level = "city-area"
parent = "吕梁市"
source = "doc"

[[measure]]
id = "KM"
kind = "num"
unit = "km"
label = "km"

[[quota]]
id = "KM"
measure = "KM"
name = "km"
source = "doc"
city_target = "38.1"
city_source = "doc"
rollup = "sum"
members = ["county", "city-area"]

  [quota.targets]
  "孝义市" = 5
`

// TestSumMembers: a member that owes no target still adds up to the city's
// figure, and the figure is known only once every member has reported.
func TestSumMembers(t *testing.T) {
	s, problems := criteria.Parse("members.toml", []byte(membersSet))
	if problems.Has(criteria.Error) {
		t.Fatalf("the set does not load: %v", problems)
	}
	counties := criteria.Subjects().InLevels([]string{"county"})
	tests := []struct {
		name      string
		skip      string // a member that does not report
		area      string // 吕梁市区's KM
		actual    string // the city's sum, "" while unknown
		met       bool
		reported  int
		expecting int
	}{
		{"every member reports, short", "", "2", "38", false, 14, 14},
		{"every member reports, met", "", "2.1", "38.1", true, 14, 14},
		{"the member that owes nothing is missing", "吕梁市区", "", "", false, 13, 14},
		{"a county is missing", "柳林县", "2.1", "", false, 13, 14},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var recs []*inputs.Record
			for _, c := range counties { // 3 km each but 孝义市: 12 × 3 = 36
				if c == tc.skip {
					continue
				}
				km := "3"
				if c == "孝义市" {
					km = "0" // 12 × 3 = 36 from the others
				}
				recs = append(recs, record(t, s, c, map[string]string{"KM": km}))
			}
			if tc.skip != "吕梁市区" {
				area := record(t, s, "吕梁市区", map[string]string{"KM": tc.area})
				area.Level = "city-area"
				recs = append(recs, area)
			}
			recs = append(recs, record(t, s, "吕梁市", nil))
			rs, err := scoring.EvaluateQuotas(s, recs, &inputs.Warnings{})
			if err != nil {
				t.Fatal(err)
			}
			var city *scoring.Quota
			for _, r := range rs {
				if r.Subject == "吕梁市" {
					city = &r.Quotas[0]
				}
			}
			if city == nil || city.Derived == nil {
				t.Fatalf("no city-wide line: %+v", rs)
			}
			got := ""
			if city.Actual != nil {
				got = city.Actual.String()
			}
			if got != tc.actual || city.Met != tc.met || city.Derived.Reported != tc.reported || city.Derived.Members != tc.expecting {
				t.Errorf("city sum %q met %v (%d of %d reported), want %q %v (%d of %d)", got, city.Met, city.Derived.Reported, city.Derived.Members, tc.actual, tc.met, tc.reported, tc.expecting)
			}
			rows := scoring.Rollup(s, recs, rs)
			if len(rows) != 1 || rows[0].Expected != tc.expecting {
				t.Errorf("roll-up expects %+v, want %d members", rows, tc.expecting)
			}
		})
	}
}
