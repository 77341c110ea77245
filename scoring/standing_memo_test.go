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

// nearThresholds gives each number measure of s values at, around and a
// few steps short of each threshold it is compared with, and 0, of those
// an input can give.
func nearThresholds(s *criteria.Set) map[string][]string {
	near := map[string][]string{}
	for _, ind := range s.Indicators {
		step := exact.One
		if ind.Kind != nil && ind.Kind.Steps {
			step = ind.Step.V
		}
		for _, r := range ind.Require {
			for _, c := range r.Conditions {
				if c.IsBool {
					continue
				}
				add := func(d exact.Decimal, err error) {
					if err == nil && !d.IsNeg() {
						near[c.Measure] = append(near[c.Measure], exact.String(d))
					}
				}
				add(c.Value, nil)
				add(exact.Add(c.Value, exact.MustParse("0.5")))
				for k := int64(1); k <= 4; k++ {
					d, err := exact.Mul(step, exact.Int(k))
					if err == nil {
						add(exact.Sub(c.Value, d))
						add(exact.Add(c.Value, d))
					}
				}
			}
		}
	}
	for _, m := range s.Measures {
		var ok []string
		for _, v := range append(near[m.ID], "0") {
			if _, _, err := inputs.ParseCell(v, m); err == nil {
				ok = append(ok, v) // a percent above 100 or a fraction of a count is no input
			}
		}
		near[m.ID] = ok
	}
	return near
}

// TestStandingMemoChangesNothing: a standing Scorer that keeps each
// indicator's scoring per class of values scores every subject exactly
// as one that scores each afresh, field for field: generated garden
// counties, and subjects of every scored built-in set and of the small and
// compound sets and a weighted set with items that may not apply, with values at, around and steps short of their
// thresholds, one in every few missing.
func TestStandingMemoChangesNothing(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 2026))
	type setCase struct {
		name string
		set  *criteria.Set
		recs []*inputs.Record
	}
	garden := mustLoad(t, "garden-county")
	cases := []setCase{{name: "garden county, generated", set: garden, recs: records(t, garden, benchgen.Options{Rows: 2000, Seed: 19})}}
	sets := []*criteria.Set{small(t, true), small(t, false), compoundSet(t), mustLoad(t, "../testdata/na/na.toml")}
	for _, id := range criteria.BuiltinIDs() {
		if s := mustLoad(t, id); s.IsScored() {
			sets = append(sets, s)
		}
	}
	for _, s := range sets {
		near := nearThresholds(s)
		c := setCase{name: s.ID, set: s}
		for n := range 1500 {
			c.recs = append(c.recs, record(t, s, fmt.Sprintf("s%04d", n), randomCells(s, rng, near)))
		}
		cases = append(cases, c)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			memo, plain := scoring.NewScorer(c.set, scoring.StandingOnly()), scoring.NewPlainStandingScorer(c.set)
			for _, rec := range c.recs {
				got, gotErr := memo.Score(rec)
				want, wantErr := plain.Score(rec)
				if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
					t.Fatalf("%s: error %v, afresh %v", rec.Subject, gotErr, wantErr)
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s: with the memory\n%+v\nafresh\n%+v", rec.Subject, *got, *want)
				}
			}
		})
	}
}
