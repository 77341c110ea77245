package scoring_test

import (
	"io"
	"strings"
	"testing"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
	"countyscore/scoring"
)

// naScored is a scored set of 100 points with a line at 70: I1 (40, a
// baseline on M1 ≥ 50, typed 不适用 allowed), I2 (30, a veto on M2), I3
// (30, any of M3 ≥ 5 or M4, M4 allowing 不适用), a prerequisite P1; I2
// and P1 do not apply to zones. POLICY and EXTRA are replaced per test.
const naScored = `id = "nas"
kind = "scored"
title = "t"
source = "s"
subjects = "any"
max_points = 100
below_verdict = "low"
na_policy = "POLICY"
round_down = "0.1"
EXTRA

[[line]]
points = 70
verdict = "pass"
label = "pass"
source = "s"

[[prerequisite]]
id = "P1"
name = "p"
text = "p"
source = "s"

[[category]]
id = "A"
name = "a"
source = "s"
WA

[[category]]
id = "B"
name = "b"
source = "s"
WB

[[measure]]
id = "M1"
kind = "pct"
label = "m1"
not_applicable = "no such service here"

[[measure]]
id = "M2"
kind = "bool"
label = "m2"

[[measure]]
id = "M3"
kind = "count"
label = "m3"

[[measure]]
id = "M4"
kind = "bool"
label = "m4"
not_applicable = "no plant here"

[[indicator]]
id = "I1"
category = "A"
name = "i1"
rule = "all"
points = 40
baseline = true
source = "s"
requirement = "r"
scoring = "s"
  [[indicator.require]]
  text = "t"
  when = ["M1 >= 50"]

[[indicator]]
id = "I2"
category = "A"
name = "i2"
rule = "all"
points = 30
source = "s"
requirement = "r"
scoring = "s"
  [[indicator.require]]
  text = "t"
  veto = true
  when = ["M2 = true"]
  [[indicator.require]]
  text = "t"
  when = ["M2 = true"]

[[indicator]]
id = "I3"
category = "B"
name = "i3"
rule = "all"
points = 30
source = "s"
requirement = "r"
scoring = "s"
  [[indicator.require]]
  text = "t"
  when = [{ any = ["M3 >= 5", "M4 = true"] }]

[[not_applicable]]
levels = ["zone"]
items = ["I2", "P1"]
reason = "zones have none"
reason_en = "zones have none (en)"
`

func naSet(t *testing.T, policy, extra, wa, wb string) *criteria.Set {
	t.Helper()
	src := strings.NewReplacer("POLICY", policy, "EXTRA", extra, "WA", wa, "WB", wb).Replace(naScored)
	s, problems := criteria.Parse("nas.toml", []byte(src))
	if problems.Has(criteria.Error) {
		t.Fatalf("the set does not compile:\n%v", problems)
	}
	return s
}

// naRecord reads one subject's cells through the CSV reader, so 不适用 is
// parsed as a user would type it.
func naRecord(t *testing.T, s *criteria.Set, subject, cells string) *inputs.Record {
	t.Helper()
	var w inputs.Warnings
	csv, err := inputs.NewCSV("t.csv", strings.NewReader("subject,P1,M1,M2,M3,M4\n"+subject+","+cells+"\n"), s, &w)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := csv.Next()
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// TestNotApplicableScored: rule by rule, what a not-applicable item does
// to a scored subject under each policy.
func TestNotApplicableScored(t *testing.T) {
	tests := []struct {
		name, policy, subject, cells string
		points, max, raw, verdict    string
		na                           []string
		status                       map[string]string // indicator → status
		reason                       string            // of the first N/A indicator
		source                       string
	}{
		{name: "everything applies: the score is the sum", policy: "rescale", subject: "文水县", cells: "是,60,是,5,",
			points: "100", max: "", raw: "", verdict: "pass", status: map[string]string{"I1": "met", "I2": "met", "I3": "met"}},
		{name: "declared by level: a veto that does not apply does not gate; rescale", policy: "rescale", subject: "吕梁经开区", cells: ",60,否,5,",
			points: "100", max: "70", raw: "70", verdict: "pass", na: []string{"P1", "I2"},
			status: map[string]string{"I1": "met", "I2": scoring.StatusNA, "I3": "met"}, reason: "zones have none", source: criteria.NAFromCriteria},
		{name: "rescale rounds down as stated: 40 of 70 is 57.14… → 57.1", policy: "rescale", subject: "吕梁经开区", cells: ",60,,0,否",
			points: "57.1", max: "70", raw: "40", verdict: "low", na: []string{"P1", "I2"},
			status: map[string]string{"I1": "met", "I2": scoring.StatusNA, "I3": "unmet"}},
		{name: "typed 不适用 on a baseline: it does not gate, and the reason is the criteria's", policy: "rescale", subject: "文水县", cells: "是,不适用,是,0,n/a",
			points: "100", max: "30", raw: "30", verdict: "pass", na: []string{"I1", "I3"},
			status: map[string]string{"I1": scoring.StatusNA, "I2": "met", "I3": scoring.StatusNA}, reason: "no such service here", source: criteria.NAFromInput},
		{name: "a leaf of an any on a measure typed 不适用 makes the whole item not applicable, even with the other branch met", policy: "rescale", subject: "文水县", cells: "是,60,是,9,N/A",
			points: "100", max: "70", raw: "70", verdict: "pass", na: []string{"I3"},
			status: map[string]string{"I3": scoring.StatusNA}, reason: "no plant here", source: criteria.NAFromInput},
		{name: "subtract: 40 of 70 falls short of 70 scaled to 49", policy: "subtract", subject: "吕梁经开区", cells: ",60,,0,否",
			points: "40", max: "70", raw: "", verdict: "low", na: []string{"P1", "I2"}},
		{name: "subtract keeps the points and compares the scaled line", policy: "subtract", subject: "吕梁经开区", cells: ",60,,9,",
			points: "70", max: "70", raw: "", verdict: "pass", na: []string{"P1", "I2"}},
		{name: "missing is never not applicable", policy: "rescale", subject: "文水县", cells: "是,,是,5,",
			points: "60", max: "", raw: "", verdict: "incomplete", status: map[string]string{"I1": "missing"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := naSet(t, tc.policy, "", "", "")
			r, err := scoring.Score(s, naRecord(t, s, tc.subject, tc.cells))
			if err != nil {
				t.Fatal(err)
			}
			if got := r.Points.String(); got != tc.points {
				t.Errorf("points %s, want %s", got, tc.points)
			}
			if got := str(r.ApplicableMax); tc.max != "" && got != tc.max || tc.max == "" && r.ApplicableMax != nil {
				t.Errorf("applicable max %s, want %q", got, tc.max)
			}
			if got := str(r.RawPoints); tc.raw != "" && got != tc.raw || tc.raw == "" && r.RawPoints != nil {
				t.Errorf("raw points %s, want %q", got, tc.raw)
			}
			if r.Verdict != tc.verdict {
				t.Errorf("verdict %s, want %s", r.Verdict, tc.verdict)
			}
			if strings.Join(r.NotApplicable, ",") != strings.Join(tc.na, ",") {
				t.Errorf("not applicable %v, want %v", r.NotApplicable, tc.na)
			}
			for _, ind := range r.Indicators {
				if want, ok := tc.status[ind.ID]; ok && ind.Status != want {
					t.Errorf("%s is %s, want %s", ind.ID, ind.Status, want)
				}
				if ind.Status == scoring.StatusNA && tc.reason != "" {
					if ind.Reason != tc.reason || ind.NASource != tc.source {
						t.Errorf("%s: reason %q from %q, want %q from %q", ind.ID, ind.Reason, ind.NASource, tc.reason, tc.source)
					}
					tc.reason = ""
				}
				if ind.Status == scoring.StatusNA && len(r.GatingMissing)+len(r.BaselineFailures)+len(r.VetoFailures) > 0 {
					t.Errorf("an item that does not apply gates: %+v", r)
				}
			}
		})
	}
}

// TestSubtractScaledLine: under subtract, a line is compared exactly with
// the line scaled to the applicable maximum, and the next line shows it
// rounded up to the set's unit beside the stated one.
func TestSubtractScaledLine(t *testing.T) {
	// I2 does not apply to a zone (30 of 100): 70 scales to 49 exactly.
	s := naSet(t, "subtract", "", "", "")
	r, err := scoring.Score(s, naRecord(t, s, "吕梁经开区", ",60,,0,否"))
	if err != nil {
		t.Fatal(err)
	}
	if r.NextLine == nil || r.NextLine.Points.String() != "49" || str(r.NextLine.Stated) != "70" || r.NextLine.Short.String() != "9" {
		t.Fatalf("next line %+v, want 49 (stated 70), 9 short", r.NextLine)
	}
	// With I1 typed 不适用 too, 70 of 100 do not apply: 70 scales to 21.
	s = naSet(t, "subtract", "", "", "")
	if r, err = scoring.Score(s, naRecord(t, s, "吕梁经开区", ",不适用,,0,否")); err != nil {
		t.Fatal(err)
	}
	if r.Verdict != "low" || str(r.ApplicableMax) != "30" || r.NextLine == nil || r.NextLine.Points.String() != "21" {
		t.Fatalf("%s, max %s, next line %+v: want low, 30, 21", r.Verdict, str(r.ApplicableMax), r.NextLine)
	}
}

// TestCategoryWeights: Σ weight × category points ÷ category maximum ×
// max, one quotient rounded once; with an item not applicable, its
// category's applicable maximum stands in its maximum.
func TestCategoryWeights(t *testing.T) {
	tests := []struct {
		name, policy, subject, cells, points, raw, max string
	}{
		// A = I1 40 + I2 30 (70), B = I3 30. Weights 0.3 / 0.7.
		{"all met", "rescale", "文水县", "是,60,是,5,", "100", "100", ""},
		{"A only: 0.3 × 70/70 × 100", "rescale", "文水县", "是,60,是,0,否", "30", "70", ""},
		{"I1 only: 0.3 × 40/70 × 100 = 17.142… → 17.1", "rescale", "文水县", "是,60,否,0,否", "17.1", "40", ""},
		{"rescale: I3 not applicable, B drops out: 0.3 × 40/70 ÷ 0.3", "rescale", "文水县", "是,60,否,0,n/a", "57.1", "40", "30"},
		{"subtract: I3 not applicable, the score stands", "subtract", "文水县", "是,60,否,0,n/a", "17.1", "40", "30"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := naSet(t, tc.policy, "", `weight = "0.3"`, `weight = "0.7"`)
			r, err := scoring.Score(s, naRecord(t, s, tc.subject, tc.cells))
			if err != nil {
				t.Fatal(err)
			}
			if r.Points.String() != tc.points || str(r.RawPoints) != tc.raw {
				t.Errorf("points %s (raw %s), want %s (raw %s)", r.Points, str(r.RawPoints), tc.points, tc.raw)
			}
			if got := str(r.ApplicableMax); tc.max != "" && got != tc.max {
				t.Errorf("applicable max %s, want %s", got, tc.max)
			}
			if r.Categories[0].Weight == nil || r.Categories[0].Weight.String() != "0.3" {
				t.Errorf("category A's weight is %v, want 0.3", r.Categories[0].Weight)
			}
		})
	}
}

// TestPlanNotApplicable: the plan never changes an item that does not
// apply, and aims at the line as the policy compares it.
func TestPlanNotApplicable(t *testing.T) {
	for _, tc := range []struct {
		name, policy, cells string
		after               string
	}{
		// I3 does not apply: the max is 70; 70 → 49 raw (subtract) or 70 ×
		// 70 ÷ 100 = 49 (rescale). I1 alone (40) is short; I2 (30) gets it.
		{"rescale", "rescale", "是,60,否,0,n/a", "100"},
		{"subtract", "subtract", "是,60,否,0,n/a", "70"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.NewReplacer("POLICY", tc.policy, "EXTRA", "", "WA", "", "WB", "",
				`when = [{ any = ["M3 >= 5", "M4 = true"] }]`, `when = ["M4 = true"]`).Replace(naScored)
			s, problems := criteria.Parse("nas.toml", []byte(src))
			if problems.Has(criteria.Error) {
				t.Fatal(problems)
			}
			p := planner(t, s)
			plan, err := p.Plan(naRecord(t, s, "文水县", tc.cells), exact.Int(70), nil)
			if err != nil {
				t.Fatal(err)
			}
			if !plan.Reachable || plan.PointsAfter.String() != tc.after {
				t.Fatalf("reachable %t, points after %s; want reachable, %s", plan.Reachable, plan.PointsAfter, tc.after)
			}
			for _, a := range plan.Actions {
				if a.Indicator == "I3" {
					t.Errorf("the plan changes %s of I3, which does not apply", a.Measure)
				}
			}
		})
	}
	s := naSet(t, "rescale", "", `weight = "0.3"`, `weight = "0.7"`)
	if _, err := scoring.NewPlanner(s); err == nil || !strings.Contains(err.Error(), "weights") {
		t.Errorf("a weighted set is planned: %v", err)
	}
}

// naQuotas is a quota set whose Q1 does not apply to 离石区 (it is
// counted in 吕梁市区), whose Q2 measure may be typed 不适用, and whose
// city-wide sum of Q1 counts the county-level units it applies to.
const naQuotas = `id = "naq"
kind = "quota"
title = "t"
source = "s"
subjects = "any"
city = "吕梁市"

[[measure]]
id = "W"
kind = "count"
label = "w"

[[measure]]
id = "S"
kind = "bool"
label = "s"
not_applicable = "no section here"

[[quota]]
id = "Q1"
measure = "W"
name = "w"
source = "s"
op = "<="
target = 0
applies_to = ["county"]
rollup = "sum"
city_target = 0
city_source = "s"
  [[quota.not_applicable]]
  subjects = ["离石区"]
  reason = "counted in the city area"

[[quota]]
id = "Q2"
measure = "S"
name = "s"
source = "s"
applies_to = ["county"]
`

// TestNotApplicableQuotas: a row that does not apply is shown with its
// reason, never decides the verdict, and leaves the city's sum complete
// without the subject.
func TestNotApplicableQuotas(t *testing.T) {
	s, problems := criteria.Parse("naq.toml", []byte(naQuotas))
	if problems.Has(criteria.Error) {
		t.Fatal(problems)
	}
	var b strings.Builder
	b.WriteString("subject,W,S\n")
	reg := s.Registry()
	for _, name := range reg.InLevels([]string{"county"}) {
		switch name {
		case "离石区":
			b.WriteString(name + ",5,是\n") // declared not applicable: its 5 is not summed
		case "兴县":
			b.WriteString(name + ",0,不适用\n")
		default:
			b.WriteString(name + ",0,是\n")
		}
	}
	b.WriteString("吕梁市,,\n")
	var w inputs.Warnings
	csv, err := inputs.NewCSV("q.csv", strings.NewReader(b.String()), s, &w)
	if err != nil {
		t.Fatal(err)
	}
	var recs []*inputs.Record
	for {
		rec, err := csv.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, rec)
	}
	res := evaluate(t, s, recs...)
	for _, r := range res {
		switch r.Subject {
		case "离石区":
			q := quota(t, r, "Q1")
			if q.Status != scoring.StatusNA || q.Reason != "counted in the city area" || q.NASource != criteria.NAFromCriteria || q.Met {
				t.Errorf("离石区 Q1: %+v", q)
			}
			if r.Verdict != scoring.Met {
				t.Errorf("离石区 is %s: a row that does not apply decides nothing", r.Verdict)
			}
		case "兴县":
			q := quota(t, r, "Q2")
			if q.Status != scoring.StatusNA || q.Reason != "no section here" || q.NASource != criteria.NAFromInput {
				t.Errorf("兴县 Q2: %+v", q)
			}
			if r.Verdict != scoring.Met || len(r.Missing) > 0 {
				t.Errorf("兴县 is %s, missing %v: 不适用 is neither unmet nor missing", r.Verdict, r.Missing)
			}
		case "吕梁市":
			q := quota(t, r, "Q1")
			if q.Actual == nil || q.Actual.String() != "0" || !q.Met || q.Derived.Members != 12 || q.Derived.Reported != 12 {
				t.Errorf("the city's Q1 sum: %+v %+v; want 0 of 12 members, met", q, q.Derived)
			}
		}
	}
	for _, row := range scoring.Rollup(s, recs, res) {
		if row.ID == "Q1" && (row.Expected != 12 || row.CityActual == nil || row.CityActual.String() != "0") {
			t.Errorf("roll-up of Q1: expected %d, city actual %s; want 12, 0", row.Expected, str(row.CityActual))
		}
	}
}
