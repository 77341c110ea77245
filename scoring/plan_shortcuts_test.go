package scoring_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
	"countyscore/internal/benchgen"
	"countyscore/scoring"
)

// TestPlanShortcutsChangeNothing: a planner that keeps each indicator's
// options per values of its measures, and chooses among them with packed
// numbers (choosePacked), plans every subject exactly as one that weighs
// them afresh and chooses with its table of cells: the same actions,
// points, costs and verdicts, field for field. The subjects repeat values often (generated garden
// counties, few values per measure in the small and compound sets), so
// most indicators are answered from the memory; subjects come with one
// price list or another, which the memory must not carry over to
// subjects planned with another.
func TestPlanShortcutsChangeNothing(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 2026))
	garden := mustLoad(t, "garden-county")
	gardenCosts := randomCosts(t, garden, rng)
	smallNear := map[string][]string{
		"a1": {"3", "4.9", "5", "7"}, "b3": {"0", "1", "2"}, "b4": {"5", "10", "12.5", "30"},
		"c1": {"0", "3", "7.5", "9.9", "10", "7.50"}, "c2": {"4", "5.5", "9", "12"}, "d": {"1", "2.5", "0.25", "2.55", "3"},
		"e": {"0", "2", "3"}, "x": {"10", "50", "100"},
	}
	smallSet := small(t, true)
	smallCosts := []*inputs.Costs{nil, randomCosts(t, smallSet, rng), randomCosts(t, smallSet, rng)}
	compoundNear := map[string][]string{
		"r1": {"0", "3", "4.5", "6", "8"}, "r2": {"0", "1", "3", "4"}, "n1": {"5", "12.5", "19.9", "25", "30"},
		"h1": {"1", "2.4", "3.7", "5"}, "y1": {"1", "5"}, "y3": {"0", "1", "2"}, "k2": {"0", "0.5", "2", "3"}, "w2": {"3", "6", "9"}, "nw": {"0", "2"},
	}
	tests := []struct {
		name  string
		set   *criteria.Set
		recs  func(s *criteria.Set) []*inputs.Record
		lines []string
		costs func(n int, s *criteria.Set) *inputs.Costs
	}{
		{name: "garden county, one price list", set: garden,
			recs:  func(s *criteria.Set) []*inputs.Record { return records(t, s, benchgen.Options{Rows: 3000, Seed: 18}) },
			lines: []string{"", "80", "100", "60"},
			costs: func(n int, _ *criteria.Set) *inputs.Costs {
				if n%3 == 0 {
					return gardenCosts
				}
				return nil
			}},
		{name: "small set, price lists in turn", set: smallSet,
			recs: func(s *criteria.Set) []*inputs.Record {
				var recs []*inputs.Record
				for n := range 800 {
					recs = append(recs, record(t, s, fmt.Sprintf("s%03d", n), randomCells(s, rng, smallNear)))
				}
				return recs
			},
			lines: []string{"", "6", "8.5", "11"},
			costs: func(n int, _ *criteria.Set) *inputs.Costs { return smallCosts[(n/50)%len(smallCosts)] }},
		{name: "compound set", set: compoundSet(t),
			recs: func(s *criteria.Set) []*inputs.Record {
				var recs []*inputs.Record
				for n := range 800 {
					recs = append(recs, record(t, s, fmt.Sprintf("c%03d", n), randomCells(s, rng, compoundNear)))
				}
				return recs
			},
			lines: []string{"", "6", "9", "12", "10.5"},
			costs: func(int, *criteria.Set) *inputs.Costs { return nil }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			memo := planner(t, tt.set)
			fresh, err := scoring.NewPlainPlanner(tt.set)
			if err != nil {
				t.Fatal(err)
			}
			withActions := 0
			for n, rec := range tt.recs(tt.set) {
				costs := tt.costs(n, tt.set)
				line := tt.lines[n%len(tt.lines)]
				plan := func(p *scoring.Planner) *scoring.Plan {
					var pl *scoring.Plan
					var err error
					if line == "" {
						pl, err = p.PlanNext(rec, costs)
					} else {
						pl, err = p.Plan(rec, exact.MustParse(line), costs)
					}
					if err != nil {
						t.Fatalf("%s: %v", rec.Subject, err)
					}
					return pl
				}
				got, want := plan(memo), plan(fresh)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s line %q: with the shortcuts\n%+v\nwithout\n%+v", rec.Subject, line, *got, *want)
				}
				if len(got.Actions) > 0 {
					withActions++
				}
			}
			if withActions < 100 {
				t.Errorf("only %d plans with actions: the subjects test too little", withActions)
			}
		})
	}
}
