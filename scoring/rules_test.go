package scoring_test

import (
	"fmt"
	"strings"
	"testing"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/scoring"
)

// kindSet is a scored set of one indicator of rule kind k: 10 points for
// ① M1 ≥ 50 and ② M2 ≥ 50, with the figures k takes.
func kindSet(t *testing.T, k *criteria.RuleKind, figures map[string]string) *criteria.Set {
	t.Helper()
	var extra strings.Builder
	for _, f := range k.Figures {
		if f == "round" { // the pair round_down / round_half_up
			fmt.Fprintf(&extra, "round_down = %s\n", figures[f])
			continue
		}
		fmt.Fprintf(&extra, "%s = %s\n", f, figures[f])
	}
	src := fmt.Sprintf(`id = "kind-%[1]s"
kind = "scored"
title = "one %[1]s indicator"
source = "test"
subjects = "any"
max_points = 10
below_verdict = "low"

[[line]]
points = 6
verdict = "pass"
label = "pass"
source = "test"

[[category]]
id = "C1"
name = "c"
source = "test"

[[measure]]
id = "M1"
kind = "num"
label = "m1"

[[measure]]
id = "M2"
kind = "num"
label = "m2"

[[indicator]]
id = "I1"
category = "C1"
name = "i"
rule = "%[1]s"
points = 10
%[2]ssource = "test"
requirement = "r"
scoring = "s"

[[indicator.require]]
label = "①"
text = "M1 at least 50"
when = ["M1 >= 50"]

[[indicator.require]]
label = "②"
text = "M2 at least 50"
when = ["M2 >= 50"]
`, k.Name, extra.String())
	s, problems := criteria.Parse("kind-"+k.Name+".toml", []byte(src))
	if problems.Has(criteria.Error) {
		t.Fatalf("the %s test set does not compile:\n%v", k.Name, problems)
	}
	return s
}

// TestEveryRuleKind walks each registered kind through a criteria file,
// a met, a partly met and an unmet subject, and explain. A kind added to
// the registry without a row here fails, so none goes untested.
func TestEveryRuleKind(t *testing.T) {
	type want struct{ points, optimistic, status string }
	tests := map[string]struct{ met, partial, unmet want }{
		// partial: M1 = 45, 5 short (one started step, no whole step); unmet: both 0.
		"all":       {want{"10", "10", "met"}, want{"0", "0", "unmet"}, want{"0", "0", "unmet"}},
		"bonus":     {want{"10", "10", "bonus"}, want{"0", "0", "unmet"}, want{"0", "0", "unmet"}},
		"checklist": {want{"10", "10", "met"}, want{"4", "4", "partial"}, want{"0", "0", "unmet"}},
		"linear":    {want{"10", "10", "met"}, want{"4", "10", "partial"}, want{"0", "0", "unmet"}},
		// ratio: 10 × 45 ÷ 50 = 9 (the weaker of M1 and M2).
		"ratio": {want{"10", "10", "met"}, want{"9", "9", "partial"}, want{"0", "0", "unmet"}},
		// bands: 45 reaches the band from 40, worth 6.
		"bands": {want{"10", "10", "met"}, want{"6", "6", "partial"}, want{"0", "0", "unmet"}},
	}
	kinds := criteria.RuleKinds()
	if len(kinds) != len(tests) {
		t.Errorf("%d kinds registered, %d tested: give every kind a row", len(kinds), len(tests))
	}
	for _, k := range kinds {
		t.Run(k.Name, func(t *testing.T) {
			tc, ok := tests[k.Name]
			if !ok {
				t.Fatalf("rule kind %s has no expected points here", k.Name)
			}
			s := kindSet(t, k, map[string]string{"deduct": "6", "step": "10", "round": `"0.1"`, "bands": `[{ from = 50, points = 10 }, { from = 40, points = 6 }, { from = 5, points = 1 }]`})
			ind := &s.Indicators[0]
			if ind.Kind != k {
				t.Fatalf("compiled kind %v, want %s", ind.Kind, k.Name)
			}
			for _, lang := range []string{"zh", "en"} {
				if d := k.Describe(ind, lang); d == "" || strings.Contains(d, "%!") {
					t.Errorf("%s description %q", lang, d)
				}
			}
			for _, c := range []struct {
				name   string
				m1, m2 string
				want   want
			}{{"met", "50", "60", tc.met}, {"partial", "45", "60", tc.partial}, {"unmet", "0", "0", tc.unmet}} {
				rec := record(t, s, "汾阳市", map[string]string{"M1": c.m1, "M2": c.m2})
				r, err := scoring.Score(s, rec)
				if err != nil {
					t.Fatalf("%s: %v", c.name, err)
				}
				res := r.Indicators[0]
				got := want{res.Points.String(), res.PointsOptimistic.String(), res.Status}
				if got != c.want {
					t.Errorf("%s: got %+v, want %+v", c.name, got, c.want)
				}
				ex, trace, err := scoring.Explain(s, ind, rec)
				if err != nil {
					t.Fatalf("%s: explain: %v", c.name, err)
				}
				if ex.Points != res.Points || ex.Status != res.Status || len(trace.Requirements) != 2 {
					t.Errorf("%s: explain gives %s %s with %d requirements, score %s %s", c.name, ex.Points, ex.Status, len(trace.Requirements), res.Points, res.Status)
				}
				first := trace.Requirements[0].Conditions[0]
				counted := first.Started.IsPos()
				if c.name == "partial" && counted != k.Steps {
					t.Errorf("partial: steps counted %v, but the kind's Steps is %v", counted, k.Steps)
				}
			}
		})
	}
}

// TestStepsPastEveryPointCostNothingMore: a step of 0.000001 and a
// shortfall of nearly 10¹² makes 10¹⁸ steps; 12 points each would need 20
// digits. The deduction is capped at what takes every point, so the
// arithmetic cannot overflow, and explain still shows the true count.
func TestStepsPastEveryPointCostNothingMore(t *testing.T) {
	k, _ := criteria.LookupRuleKind("linear")
	s := kindSet(t, k, map[string]string{"deduct": "12", "step": `"0.000001"`})
	rec := record(t, s, "汾阳市", map[string]string{"M1": "0", "M2": "999999999999.999999"})
	s.Indicators[0].Require[0].Conditions[0].Value = exact.MustParse("999999999999")
	r, err := scoring.Score(s, rec)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Indicators[0].Points.String(); got != "0" {
		t.Errorf("points %s, want 0", got)
	}
	_, trace, err := scoring.Explain(s, &s.Indicators[0], rec)
	if err != nil {
		t.Fatal(err)
	}
	if got := exact.String(trace.Requirements[0].Conditions[0].Started); got != "999999999999000000" {
		t.Errorf("explain shows %s started steps, want the true count 999999999999000000", got)
	}
}
