package criteria_test

import (
	"strings"
	"testing"

	"countyscore/criteria"
)

// membersFile sums KM over counties and 吕梁市区; line 27 holds members.
const membersFile = `id = "m"
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
`

// TestMembersCheck: members are levels, of a summed row, never the city;
// each mistake at its file and line with the nearest level.
func TestMembersCheck(t *testing.T) {
	tests := []struct {
		name, old, new string
		line           int
		want           string
	}{
		{"valid", "", "", 0, ""},
		{"not summed", `rollup = "sum"`, ``, 27, `they need rollup = "sum"`},
		{"a misspelt level", `"city-area"]`, `"city-aera"]`, 27, `"city-area"`},
		{"the city", `"city-area"]`, `"city"]`, 27, "not one of them"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			file := strings.Replace(membersFile, tc.old, tc.new, 1)
			s, problems := criteria.Parse("m.toml", []byte(file))
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
				if got := len(s.SumMembers(&s.Quotas[0])); got != 14 {
					t.Errorf("%d members, want the 13 county-level units and 吕梁市区", got)
				}
				return
			}
			for _, p := range errs {
				if strings.Contains(p.Message, tc.want) {
					if p.File != "m.toml" || p.Line != tc.line {
						t.Errorf("%q at %s:%d, want m.toml:%d", p.Message, p.File, p.Line, tc.line)
					}
					return
				}
			}
			t.Errorf("errors %v, want one saying %q", errs, tc.want)
		})
	}
}
