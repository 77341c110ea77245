package scoring_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
	"countyscore/scoring"
)

// compoundSet is a scored set of the rules a plan weighs by value or by
// branch: a ratio of two conditions (a number and a count), unequal
// bands (with a veto requirement either of two values clears), a ratio
// rounded half up, an all-or-nothing rule of nested
// any/all, a checklist whose two requirements share a measure through
// their branches, and a veto requirement that any of two values clears.
func compoundSet(t testing.TB) *criteria.Set {
	t.Helper()
	var b strings.Builder
	b.WriteString(`id = "compound"
kind = "scored"
title = "S"
source = "doc"
subjects = "any"
max_points = 12
below_verdict = "low"

[[line]]
points = 6
verdict = "six"
label = "6"
source = "doc"

[[line]]
points = 9
verdict = "nine"
label = "9"
source = "doc"

[[category]]
id = "C1"
name = "c"
source = "doc"
`)
	for _, m := range []string{"r1 num", "r2 count", "n1 pct", "h1 num", "y1 num", "y2 bool", "y3 count", "k1 bool", "k2 num", "k3 bool", "w1 bool", "w2 num", "nv bool", "nw num"} {
		id, kind, _ := strings.Cut(m, " ")
		fmt.Fprintf(&b, "\n[[measure]]\nid = %q\nkind = %q\nlabel = %q\n", id, kind, id)
	}
	ind := func(id, rule, points, extra string, reqs ...string) {
		fmt.Fprintf(&b, "\n[[indicator]]\nid = %q\ncategory = \"C1\"\nname = %q\nrule = %q\npoints = %s\nsource = \"doc\"\nrequirement = \"r\"\nscoring = \"s\"\n%s\n", id, id, rule, points, extra)
		for _, r := range reqs {
			veto := strings.HasPrefix(r, "!")
			r = strings.TrimPrefix(r, "!")
			fmt.Fprintf(&b, "  [[indicator.require]]\n  label = \"-\"\n  text = \"t\"\n  when = %s\n  veto = %t\n", r, veto)
		}
	}
	ind("R", "ratio", "2", `round_down = "0.5"`, `["r1 >= 8", "r2 >= 4"]`)
	ind("N", "bands", "3", `bands = [{ from = 30, points = 3 }, { from = 20, points = 2 }, { from = "12.5", points = 1 }]`, `["n1 >= 30"]`, `![{ any = ["nv = true", "nw >= 2"] }]`)
	ind("H", "ratio", "1", `round_half_up = "0.5"`, `["h1 >= 5"]`)
	ind("Y", "all", "2", "", `[{ any = ["y1 >= 5", { all = ["y2 = true", "y3 >= 2"] }] }]`)
	ind("K", "checklist", "2", "deduct = 1", `[{ any = ["k1 = true", "k2 >= 3"] }]`, `[{ all = ["k2 >= 1", "k3 = true"] }]`)
	ind("W", "all", "2", "", `[{ any = ["w1 = true", "w2 <= 5"] }]`, `![{ any = ["w1 = true", "w2 <= 8"] }]`)
	s, problems := criteria.Parse("compound.toml", []byte(b.String()))
	if problems.Has(criteria.Error) {
		t.Fatalf("compound set: %v", problems)
	}
	return s
}

var compoundFull = map[string]string{"r1": "8", "r2": "4", "n1": "30", "h1": "5", "y1": "5", "y2": "true", "y3": "2",
	"k1": "true", "k2": "3", "k3": "true", "w1": "true", "w2": "5", "nv": "true", "nw": "2"}

// TestPlanCompoundOptions plans one shortfall of each construct: the
// partial options of ratio and bands (with a cost per unit, each level;
// without, the full points), and the branches of any/all.
func TestPlanCompoundOptions(t *testing.T) {
	s := compoundSet(t)
	p := planner(t, s)
	perUnit := costsCSV(t, s, "measure,per_action,per_unit\n*,1,\nr1,,1\nr2,,1\nn1,,1\nh1,,1\n")
	dearK1 := costsCSV(t, s, "measure,per_action,per_unit\n*,1,\nk1,5,\ny1,5,\nw1,9,\n")
	w2Unit := costsCSV(t, s, "measure,per_action,per_unit\n*,1,\nw1,9,\nw2,,1\n")
	tests := []struct {
		name    string
		changes []string
		line    string
		costs   *inputs.Costs
		want    []string
		points  string
	}{
		{"ratio, to the line without costs", []string{"r1", "5"}, "12", nil, []string{"r1 5→8 +1 points"}, "12"},
		{"ratio, one rounding unit with a cost per unit", []string{"r1", "5"}, "11.5", perUnit, []string{"r1 5→6 +0.5 points ¥1"}, "11.5"},
		{"ratio, two conditions, the weaker decides", []string{"r1", "4", "r2", "2"}, "11.5", perUnit, []string{"r1 4→6 +0 points ¥2", "r2 2→3 +0.5 points ¥1"}, "11.5"},
		{"ratio, a missing value is filled to the level", []string{"r2", "-"}, "11", perUnit, []string{"r2 missing→2 +1 points ¥2"}, "11"},
		{"ratio rounded half up: the least value that rounds up", []string{"h1", "1"}, "11.5", perUnit, []string{"h1 1→1.3 +0.5 points ¥0.3"}, "11.5"},
		{"bands, one band up with a cost per unit", []string{"n1", "13"}, "11", perUnit, []string{"n1 13→20 +1 points ¥7"}, "11"},
		{"bands, the top band without costs", []string{"n1", "13"}, "11", nil, []string{"n1 13→30 +2 points"}, "12"},
		{"any: the cheaper branch", []string{"y1", "1", "y2", "false"}, "12", dearK1, []string{"y2 false→true +2 points ¥1"}, "12"},
		{"any: one change beats two", []string{"y1", "1", "y2", "false", "y3", "0"}, "12", nil, []string{"y1 1→5 +2 points"}, "12"},
		{"checklist of shared measures: one change meets both", []string{"k1", "false", "k2", "0"}, "12", dearK1, []string{"k2 0→3 +2 points ¥1"}, "12"},
		{"veto of any: the cheaper branch clears it", []string{"w1", "false", "w2", "9"}, "10", w2Unit, []string{"w2 9→8 +0 veto ¥1"}, "10"},
		{"veto of any: the same change for the points too, on a tie", []string{"w1", "false", "w2", "9"}, "10", dearK1, []string{"w2 9→5 +2 veto ¥1"}, "12"},
		{"veto and points by one change", []string{"w1", "false", "w2", "9"}, "12", w2Unit, []string{"w2 9→5 +2 veto ¥4"}, "12"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := record(t, s, "测试县", with(compoundFull, tc.changes...))
			plan, err := p.Plan(rec, exact.MustParse(tc.line), tc.costs)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, a := range plan.Actions {
				got = append(got, actionText(a))
			}
			if strings.Join(got, "; ") != strings.Join(tc.want, "; ") {
				t.Errorf("actions\n got %q\nwant %q", got, tc.want)
			}
			if plan.PointsAfter.String() != tc.points || !plan.Reachable {
				t.Errorf("after: %s reachable %t; want %s", plan.PointsAfter, plan.Reachable, tc.points)
			}
		})
	}
}

// TestPlanRefusesTooManyBranches: a requirement whose any/all expands to
// more ways than the planner weighs is refused by name, not planned
// approximately.
func TestPlanRefusesTooManyBranches(t *testing.T) {
	var b strings.Builder
	b.WriteString("id = \"wide\"\nkind = \"scored\"\ntitle = \"S\"\nsource = \"doc\"\nsubjects = \"any\"\nmax_points = 1\nbelow_verdict = \"low\"\n\n[[line]]\npoints = 1\nverdict = \"one\"\nlabel = \"1\"\nsource = \"doc\"\n\n[[category]]\nid = \"C1\"\nname = \"c\"\nsource = \"doc\"\n")
	var alls []string
	for i := range 7 {
		fmt.Fprintf(&b, "\n[[measure]]\nid = \"a%d\"\nkind = \"bool\"\nlabel = \"a\"\n\n[[measure]]\nid = \"b%d\"\nkind = \"bool\"\nlabel = \"b\"\n", i, i)
		alls = append(alls, fmt.Sprintf(`{ any = ["a%d = true", "b%d = true"] }`, i, i))
	}
	fmt.Fprintf(&b, "\n[[indicator]]\nid = \"WIDE\"\ncategory = \"C1\"\nname = \"w\"\nrule = \"all\"\npoints = 1\nsource = \"doc\"\nrequirement = \"r\"\nscoring = \"s\"\n\n  [[indicator.require]]\n  label = \"-\"\n  text = \"t\"\n  when = [%s]\n", strings.Join(alls, ", "))
	s, problems := criteria.Parse("wide.toml", []byte(b.String()))
	if problems.Has(criteria.Error) {
		t.Fatal(problems)
	}
	_, err := scoring.NewPlanner(s)
	if err == nil || !strings.Contains(err.Error(), "WIDE") {
		t.Errorf("err %v, want a refusal naming WIDE", err)
	}
}

// TestPlanCompoundMatchesExhaustiveSearch compares the planner with the
// exhaustive search on generated subjects of the compound set, values near
// every threshold, band edge and ratio level, with and without costs.
func TestPlanCompoundMatchesExhaustiveSearch(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 2026))
	s := compoundSet(t)
	p := planner(t, s)
	near := map[string][]string{
		"r1": {"0", "3", "4.5", "6", "8"}, "r2": {"0", "1", "3", "4"}, "n1": {"5", "12.5", "19.9", "25", "30"},
		"h1": {"1", "2.4", "3.7", "5"}, "y1": {"1", "5"}, "y3": {"0", "1", "2"}, "k2": {"0", "0.5", "2", "3"}, "w2": {"3", "6", "9"}, "nw": {"0", "2"},
	}
	compared := 0
	for n := 0; n < 700; n++ {
		cells := map[string]string{}
		for _, m := range s.Measures {
			switch {
			case rng.IntN(12) == 0:
				continue // missing
			case m.Kind == criteria.Bool:
				cells[m.ID] = []string{"true", "true", "false"}[rng.IntN(3)]
			default:
				vs := near[m.ID]
				cells[m.ID] = vs[rng.IntN(len(vs))]
			}
		}
		rec := record(t, s, fmt.Sprintf("c%03d", n), cells)
		// A line at one of the set's, or a little above the subject's own
		// points, where partial options decide.
		line := exact.MustParse([]string{"6", "9", "12", "10.5", "3"}[rng.IntN(5)])
		if rng.IntN(2) == 0 {
			sc, err := scoring.Score(s, rec)
			if err != nil {
				t.Fatal(err)
			}
			up := exact.MustParse([]string{"0.5", "1", "1.5", "2", "3"}[rng.IntN(5)])
			if line, err = exact.Add(sc.Points.V, up); err != nil {
				t.Fatal(err)
			}
			if line.Cmp(s.MaxPoints.V) > 0 {
				line = s.MaxPoints.V
			}
		}
		var costs *inputs.Costs
		if n%2 == 1 {
			costs = randomCosts(t, s, rng)
		}
		if checkAgainstSearch(t, p, s, rec, line, costs) {
			compared++
		}
	}
	if compared < 200 {
		t.Errorf("compared only %d subjects with the exhaustive search; want at least 200", compared)
	}
	t.Logf("compared %d subjects", compared)
}

// thresholdSet is a scored set whose one indicator compares with a line
// the subject's attribute chooses, inside a nested any/all.
const thresholdSet = `id = "tline"
kind = "scored"
title = "T"
source = "doc"
subjects = "any"
max_points = 2
below_verdict = "low"

[[line]]
points = 2
verdict = "two"
label = "2"
source = "doc"

[[category]]
id = "C1"
name = "c"
source = "doc"

[[attribute]]
id = "industry"
label = "field"
values = ["制造业", "特优农业", "其他"]
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

[[indicator]]
id = "T1"
category = "C1"
name = "scale"
rule = "all"
points = 2
source = "doc"
requirement = "r"
scoring = "s"

  [[indicator.require]]
  label = "-"
  text = "t"
  when = [{ any = ["OUT >= $line", { all = ["RELAX = true", "OUT >= 0.5"] }] }]
`

// TestPlanThresholds: a condition on a $threshold compares with the
// figure the subject's attribute chooses; a plan never changes the
// attribute, and with it missing, or naming a field without a figure,
// only the other branch can be met.
func TestPlanThresholds(t *testing.T) {
	s, problems := criteria.Parse("tline.toml", []byte(thresholdSet))
	if problems.Has(criteria.Error) {
		t.Fatal(problems)
	}
	p := planner(t, s)
	costs := costsCSV(t, s, "measure,per_action,per_unit\n*,1,\nOUT,,1\nRELAX,1,\n")
	tests := []struct {
		name  string
		cells map[string]string
		want  string
	}{
		{"manufacturing: 10 is far, the other branch is cheaper", map[string]string{"industry": "制造业", "OUT": "4", "RELAX": "false"}, "RELAX false→true +2 points ¥1"},
		{"agriculture: its line of 1 is near", map[string]string{"industry": "特优农业", "OUT": "0.6", "RELAX": "false"}, "OUT 0.6→1 +2 points ¥0.4"},
		{"attribute missing: only the other branch", map[string]string{"OUT": "12", "RELAX": "false"}, "RELAX false→true +2 points ¥1"},
		{"a field without a figure: only the other branch", map[string]string{"industry": "其他", "OUT": "0.2", "RELAX": "false"}, "RELAX false→true +0 points ¥1; OUT 0.2→0.5 +2 points ¥0.3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			plan, err := p.Plan(record(t, s, "甲镇", tc.cells), exact.MustParse("2"), costs)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, a := range plan.Actions {
				got = append(got, actionText(a))
			}
			if strings.Join(got, "; ") != tc.want || !plan.Reachable {
				t.Errorf("actions %q (reachable %t), want %q", got, plan.Reachable, tc.want)
			}
		})
	}
}
