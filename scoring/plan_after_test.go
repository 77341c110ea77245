package scoring_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
	"countyscore/internal/benchgen"
	"countyscore/scoring"
)

// randomCells gives each measure of s a value from near (yes/no at
// random), and leaves one in every few missing.
func randomCells(s *criteria.Set, rng *rand.Rand, near map[string][]string) map[string]string {
	cells := map[string]string{}
	for _, m := range s.Measures {
		switch {
		case rng.IntN(8) == 0:
			continue // missing
		case m.Kind == criteria.Bool:
			cells[m.ID] = []string{"true", "true", "false"}[rng.IntN(3)]
		default:
			vs := near[m.ID]
			cells[m.ID] = vs[rng.IntN(len(vs))]
		}
	}
	return cells
}

// TestPlanAfterMatchesRescore: the points and verdict a plan gives after
// its actions, which the planner derives from the indicators it changes,
// are those of scoring the changed record in full, to the digit (and
// those before, derived from the indicators' results, the record's own), on
// thousands of generated subjects (reachable or not, gates failing or
// missing, with and without costs); and a plan is reachable exactly when
// that score clears every gate and reaches its line.
func TestPlanAfterMatchesRescore(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 2026))
	type subject struct {
		rec   *inputs.Record
		line  *exact.Decimal // nil: the next line
		costs *inputs.Costs
	}
	type setCase struct {
		name string
		set  *criteria.Set
		subs []subject
	}
	var cases []setCase
	garden := mustLoad(t, "garden-county")
	gc := setCase{name: "garden county, generated", set: garden}
	for i, rec := range records(t, garden, benchgen.Options{Rows: 1500, Seed: 16}) {
		sub := subject{rec: rec}
		switch i % 4 {
		case 1:
			l := exact.MustParse([]string{"60", "70", "80", "90", "100", "97.5"}[rng.IntN(6)])
			sub.line = &l
		case 2:
			l := exact.MustParse("80")
			sub.line, sub.costs = &l, randomCosts(t, garden, rng)
		}
		gc.subs = append(gc.subs, sub)
	}
	cases = append(cases, gc)
	smallNear := map[string][]string{
		"a1": {"3", "4.9", "5", "7"}, "b3": {"0", "1", "2"}, "b4": {"5", "10", "12.5", "30"},
		"c1": {"0", "3", "7.5", "9.9", "10"}, "c2": {"4", "5.5", "9", "12"}, "d": {"1", "2.5", "2.55", "3"},
		"e": {"0", "2", "3"}, "x": {"10", "50", "100"},
	}
	for _, impossible := range []bool{false, true} {
		s := small(t, impossible)
		sc := setCase{name: fmt.Sprintf("small set, impossible %t", impossible), set: s}
		for n := range 400 {
			sub := subject{rec: record(t, s, fmt.Sprintf("small%03d", n), randomCells(s, rng, smallNear))}
			if n%3 > 0 {
				l := exact.MustParse([]string{"6", "8.5", "11", "9.5", "3", "0"}[rng.IntN(6)])
				sub.line = &l
			}
			if n%2 == 1 {
				sub.costs = randomCosts(t, s, rng)
			}
			sc.subs = append(sc.subs, sub)
		}
		cases = append(cases, sc)
	}
	cs := compoundSet(t)
	cc := setCase{name: "compound set", set: cs}
	compoundNear := map[string][]string{
		"r1": {"0", "3", "4.5", "6", "8"}, "r2": {"0", "1", "3", "4"}, "n1": {"5", "12.5", "19.9", "25", "30"},
		"h1": {"1", "2.4", "3.7", "5"}, "y1": {"1", "5"}, "y3": {"0", "1", "2"}, "k2": {"0", "0.5", "2", "3"}, "w2": {"3", "6", "9"}, "nw": {"0", "2"},
	}
	for n := range 600 {
		sub := subject{rec: record(t, cs, fmt.Sprintf("c%03d", n), randomCells(cs, rng, compoundNear))}
		if n%3 > 0 {
			l := exact.MustParse([]string{"6", "9", "12", "10.5", "3"}[rng.IntN(5)])
			sub.line = &l
		}
		if n%2 == 1 {
			sub.costs = randomCosts(t, cs, rng)
		}
		cc.subs = append(cc.subs, sub)
	}
	cases = append(cases, cc)

	unreachable := 0
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := planner(t, tc.set)
			changed := 0
			for _, sub := range tc.subs {
				var plan *scoring.Plan
				var err error
				if sub.line != nil {
					plan, err = p.Plan(sub.rec, *sub.line, sub.costs)
				} else {
					plan, err = p.PlanNext(sub.rec, sub.costs)
				}
				if err != nil {
					t.Fatalf("%s: %v", sub.rec.Subject, err)
				}
				own, err := scoring.Score(tc.set, sub.rec)
				if err != nil {
					t.Fatal(err)
				}
				if got, want := plan.PointsBefore.V.String()+" "+plan.VerdictBefore, own.Points.V.String()+" "+own.Verdict; got != want {
					t.Errorf("%s: plan starts from %s, scoring the record %s", sub.rec.Subject, got, want)
				}
				replay := *sub.rec
				replay.Values = append([]inputs.Value(nil), sub.rec.Values...)
				for _, a := range plan.Actions {
					idx, _ := tc.set.MeasureIndex(a.Measure)
					replay.Values[idx] = inputs.Value{Given: true, Bool: a.To.Bool, Num: a.To.Num}
				}
				r, err := scoring.Score(tc.set, &replay)
				if err != nil {
					t.Fatal(err)
				}
				if got, want := plan.PointsAfter.V.String()+" "+plan.VerdictAfter, r.Points.V.String()+" "+r.Verdict; got != want {
					t.Errorf("%s: plan says %s after its actions, scoring the changed record %s", sub.rec.Subject, got, want)
				}
				line := plan.Line.V
				reached := r.Points.V.Cmp(line) >= 0
				switch r.Verdict {
				case scoring.Vetoed, scoring.PrerequisitesUnmet, scoring.BaselineUnmet, scoring.Incomplete:
					reached = false
				}
				if plan.Reachable != reached {
					t.Errorf("%s: reachable %t, the changed record's score %s %s at line %s", sub.rec.Subject, plan.Reachable, r.Points, r.Verdict, plan.Line)
				}
				if len(plan.Actions) > 0 {
					changed++
				}
				if !plan.Reachable {
					unreachable++
				}
			}
			if changed < len(tc.subs)/3 {
				t.Errorf("%d of %d plans change something: the subjects test too little", changed, len(tc.subs))
			}
			t.Logf("%d subjects, %d plans with actions", len(tc.subs), changed)
		})
	}
	if unreachable < 20 {
		t.Errorf("%d plans do not reach their line: the subjects test too little of them", unreachable)
	}
}

// gatesSet is a scored set whose gates a plan may be unable to clear:
// with hardVeto, a veto requirement on a percent above 100 (failing once
// the value is given, missing while it is not); with hardBaseline, a
// baseline indicator that asks the same.
func gatesSet(t testing.TB, hardVeto, hardBaseline bool) *criteria.Set {
	t.Helper()
	base, veto := "b1 >= 50", "!v2 >= 60"
	if hardBaseline {
		base = "b1 > 100"
	}
	if hardVeto {
		veto = "!v2 > 100"
	}
	text := `id = "gates"
kind = "scored"
title = "G"
source = "doc"
subjects = "any"
max_points = 6
below_verdict = "low"

[[line]]
points = 3
verdict = "three"
label = "3"
source = "doc"

[[prerequisite]]
id = "P1"
name = "p"
text = "p"
source = "doc"

[[category]]
id = "C1"
name = "c"
source = "doc"

[[category]]
id = "C2"
name = "d"
source = "doc"
`
	for _, m := range []string{"a num", "v1 num", "v2 pct", "b1 pct", "b2 bool", "w1 bool", "w2 count"} {
		id, kind, _ := strings.Cut(m, " ")
		text += fmt.Sprintf("\n[[measure]]\nid = %q\nkind = %q\nlabel = %q\n", id, kind, id)
	}
	ind := func(id, cat, rule, points string, baseline bool, reqs ...string) {
		text += fmt.Sprintf("\n[[indicator]]\nid = %q\ncategory = %q\nname = %q\nrule = %q\npoints = %s\nsource = \"doc\"\nrequirement = \"r\"\nscoring = \"s\"\nbaseline = %t\n", id, cat, id, rule, points, baseline)
		for _, r := range reqs {
			veto := strings.HasPrefix(r, "!")
			text += fmt.Sprintf("  [[indicator.require]]\n  label = \"-\"\n  text = \"t\"\n  when = [%q]\n  veto = %t\n", strings.TrimPrefix(r, "!"), veto)
		}
	}
	ind("A", "C1", "all", "2", false, "a >= 5")
	ind("V", "C1", "all", "2", false, "v1 >= 3", veto)
	ind("B", "C2", "all", "1", true, base, "b2 = true")
	ind("W", "C2", "checklist", "1", false, "w1 = true", "w2 >= 2")
	text = strings.Replace(text, "rule = \"checklist\"\n", "rule = \"checklist\"\ndeduct = \"0.5\"\n", 1)
	s, problems := criteria.Parse("gates.toml", []byte(text))
	if problems.Has(criteria.Error) {
		t.Fatalf("gates set: %v", problems)
	}
	return s
}

// TestPlanAfterGates: where a gate cannot be cleared (a veto failing or
// missing, a baseline indicator short), the plan's points and verdict
// after its actions are still those of scoring the changed record.
func TestPlanAfterGates(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 2026))
	near := map[string][]string{"a": {"1", "5"}, "v1": {"0", "3"}, "v2": {"50", "100"}, "b1": {"10", "50", "100"}, "w2": {"0", "2"}}
	verdicts := map[string]int{}
	for _, hard := range []struct{ veto, baseline bool }{{false, false}, {true, false}, {false, true}} {
		s := gatesSet(t, hard.veto, hard.baseline)
		p := planner(t, s)
		for n := range 300 {
			cells := randomCells(s, rng, near)
			if rng.IntN(3) > 0 {
				cells["P1"] = "true"
			}
			rec := record(t, s, fmt.Sprintf("g%03d", n), cells)
			line := exact.MustParse([]string{"0", "2", "3", "4", "6"}[rng.IntN(5)])
			var costs *inputs.Costs
			if n%2 == 1 {
				costs = randomCosts(t, s, rng)
			}
			plan, err := p.Plan(rec, line, costs)
			if err != nil {
				t.Fatalf("%s: %v", rec.Subject, err)
			}
			replay := *rec
			replay.Values = append([]inputs.Value(nil), rec.Values...)
			for _, a := range plan.Actions {
				idx, _ := s.MeasureIndex(a.Measure)
				replay.Values[idx] = inputs.Value{Given: true, Bool: a.To.Bool, Num: a.To.Num}
			}
			r, err := scoring.Score(s, &replay)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := plan.PointsAfter.V.String()+" "+plan.VerdictAfter, r.Points.V.String()+" "+r.Verdict; got != want {
				t.Errorf("%s (%+v) line %s: plan says %s after its actions, scoring the changed record %s", rec.Subject, hard, line, got, want)
			}
			if len(plan.Actions) > 0 {
				verdicts[r.Verdict]++
			}
		}
	}
	for _, v := range []string{scoring.Vetoed, scoring.BaselineUnmet, scoring.Incomplete, "three", "low"} {
		if verdicts[v] == 0 {
			t.Errorf("no plan with actions ends %s (%v): the subjects test too little", v, verdicts)
		}
	}
	t.Logf("verdicts after plans with actions: %v", verdicts)
}
