package scoring_test

import (
	"errors"
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

func planner(t testing.TB, s *criteria.Set) *scoring.Planner {
	t.Helper()
	p, err := scoring.NewPlanner(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func costsCSV(t testing.TB, s *criteria.Set, text string) *inputs.Costs {
	t.Helper()
	c, err := inputs.ReadCosts("costs.csv", []byte(text), s)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// actionText writes an action as "G10 35.9→38.9 +3 points", "G12 missing→75 …".
func actionText(a scoring.Action) string {
	from := "missing"
	if a.From != nil {
		from = scalarText(*a.From)
	}
	s := fmt.Sprintf("%s %s→%s +%s %s", a.Measure, from, scalarText(a.To), a.PointsGained, a.Reason)
	if a.Cost != nil {
		s += " ¥" + a.Cost.String()
	}
	return s
}

func scalarText(v scoring.Scalar) string {
	if v.IsBool {
		return fmt.Sprint(v.Bool)
	}
	return exact.String(v.Num)
}

// TestPlanRuleKinds plans one shortfall of each kind on the real standard,
// starting from a county that meets everything at its threshold.
func TestPlanRuleKinds(t *testing.T) {
	s := mustLoad(t, "garden-county")
	p := planner(t, s)
	perUnit := costsCSV(t, s, "measure,per_action,per_unit\n*,1,\nG10,,2\nG01.2,5,\n")
	tests := []struct {
		name    string
		changes []string
		line    string
		costs   *inputs.Costs
		want    []string // actions
		points  string   // after
		verdict string
		reach   bool
	}{
		{"nothing to do", nil, "80", nil, nil, "100", "acceptance-ready", true},
		{"all or nothing", []string{"G08", "70"}, "100", nil, []string{"G08 70→80 +1 points"}, "100", "acceptance-ready", true},
		{"all or nothing, line already met", []string{"G08", "70"}, "99", nil, nil, "99", "acceptance-ready", true},
		{"checklist, one of two", []string{"G01.2", "false", "G01.3", "false"}, "99", nil, []string{"G01.2 false→true +1 points"}, "99", "acceptance-ready", true},
		{"checklist, both", []string{"G01.2", "false", "G01.3", "false"}, "100", nil, []string{"G01.2 false→true +1 points", "G01.3 false→true +1 points"}, "100", "acceptance-ready", true},
		{"checklist, the cheaper requirement", []string{"G01.2", "false", "G01.3", "false"}, "99", perUnit, []string{"G01.3 false→true +1 points ¥1"}, "99", "acceptance-ready", true},
		{"checklist requirement of two conditions", []string{"G33.2", "70", "G33.2_connected", "false"}, "100", nil, []string{"G33.2 70→80 +0 points", "G33.2_connected false→true +1 points"}, "100", "acceptance-ready", true},
		{"linear, to the target", []string{"G10", "35.9"}, "100", nil, []string{"G10 35.9→38.9 +3 points"}, "100", "acceptance-ready", true},
		{"linear, one step at a time with a per-unit cost", []string{"G10", "35.9"}, "98", perUnit, []string{"G10 35.9→36.9 +1 points ¥2"}, "98", "acceptance-ready", true},
		{"linear, two conditions", []string{"G15.all", "30", "G15.provincial", "5"}, "100", nil, []string{"G15.all 30→40 +1 points", "G15.provincial 5→10 +0.5 points"}, "100", "acceptance-ready", true},
		{"bonus", []string{"G07.1", "false"}, "100", nil, []string{"G07.1 false→true +1 points"}, "100", "acceptance-ready", true},
		{"strict threshold: one unit past it", []string{"G29.1", "65"}, "100", nil, []string{"G29.1 65→80.1 +1 points"}, "100", "acceptance-ready", true},
		{"strict threshold at the input's precision", []string{"G29.1", "65.25"}, "100", nil, []string{"G29.1 65.25→80.01 +1 points"}, "100", "acceptance-ready", true},
		{"veto", []string{"G05", "false"}, "70", nil, []string{"G05 false→true +0 veto"}, "100", "acceptance-ready", true},
		{"veto value missing", []string{"G04.1", "-"}, "70", nil, []string{"G04.1 missing→true +2 missing"}, "100", "acceptance-ready", true},
		{"veto with its points requirement left", []string{"G04.1", "false", "G04.2", "false"}, "70", nil, []string{"G04.1 false→true +0 veto", "G04.2 false→true +2 baseline"}, "100", "acceptance-ready", true},
		{"baseline", []string{"G09.coverage", "30"}, "70", nil, []string{"G09.coverage 30→40 +7 baseline"}, "100", "acceptance-ready", true},
		{"baseline value missing", []string{"G12", "-"}, "70", nil, []string{"G12 missing→75 +7 missing"}, "100", "acceptance-ready", true},
		{"baseline of two requirements", []string{"G37.1", "1", "G37.2", "0"}, "70", nil, []string{"G37.1 1→3 +0 baseline", "G37.2 0→1 +6 baseline"}, "100", "acceptance-ready", true},
		{"prerequisite", []string{"P3", "false"}, "70", nil, []string{"P3 false→true +0 prerequisite"}, "100", "acceptance-ready", true},
		{"prerequisite missing", []string{"P3", "-"}, "70", nil, []string{"P3 missing→true +0 missing"}, "100", "acceptance-ready", true},
		{"missing value of a points indicator", []string{"G13", "-"}, "100", nil, []string{"G13 missing→1 +2 points"}, "100", "acceptance-ready", true},
		{"missing points value not needed", []string{"G13", "-"}, "80", nil, nil, "98", "acceptance-ready", true},
		{"custom line picks the fewest changes", []string{"G08", "0", "G13", "0", "G19", "0", "G26", "50"}, "96", nil, []string{"G26 50→90 +4 points"}, "96", "acceptance-ready", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := record(t, s, "测试县", with(perfect(s), tc.changes...))
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
			if plan.PointsAfter.String() != tc.points || plan.VerdictAfter != tc.verdict || plan.Reachable != tc.reach {
				t.Errorf("after: %s %s reachable %t; want %s %s %t", plan.PointsAfter, plan.VerdictAfter, plan.Reachable, tc.points, tc.verdict, tc.reach)
			}
			if plan.Changes != len(plan.Actions) {
				t.Errorf("changes = %d for %d actions", plan.Changes, len(plan.Actions))
			}
			if (tc.costs != nil) != (plan.Cost != nil) {
				t.Errorf("cost total %v with costs %t", plan.Cost, tc.costs != nil)
			}
		})
	}
}

// small is a set of every rule kind, small enough to search exhaustively.
// Its last indicator X, when impossible is set, asks for a percent above
// 100, which no value meets.
func small(t testing.TB, impossible bool) *criteria.Set {
	t.Helper()
	var b strings.Builder
	b.WriteString(`id = "small"
kind = "scored"
title = "S"
source = "doc"
subjects = "any"
max_points = 11
below_verdict = "low"

[[line]]
points = 6
verdict = "six"
label = "6"
source = "doc"

[[line]]
points = "8.5"
verdict = "eight"
label = "8.5"
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
`)
	for _, m := range []string{"a1 num", "a2 bool", "b1 bool", "b2 bool", "b3 count", "b4 pct", "c1 pct", "c2 num", "cv bool", "d num", "e count", "v bool", "x pct"} {
		id, kind, _ := strings.Cut(m, " ")
		fmt.Fprintf(&b, "\n[[measure]]\nid = %q\nkind = %q\nlabel = %q\n", id, kind, id)
	}
	ind := func(id, rule, points, extra string, baseline bool, reqs ...string) {
		fmt.Fprintf(&b, "\n[[indicator]]\nid = %q\ncategory = \"C1\"\nname = %q\nrule = %q\npoints = %s\nsource = \"doc\"\nrequirement = \"r\"\nscoring = \"s\"\nbaseline = %t\n%s\n", id, id, rule, points, baseline, extra)
		for _, r := range reqs {
			veto := strings.HasPrefix(r, "!")
			r = strings.TrimPrefix(r, "!")
			when := strings.Split(r, "&")
			for i := range when {
				when[i] = fmt.Sprintf("%q", strings.TrimSpace(when[i]))
			}
			fmt.Fprintf(&b, "  [[indicator.require]]\n  label = \"-\"\n  text = \"t\"\n  when = [%s]\n  veto = %t\n", strings.Join(when, ", "), veto)
		}
	}
	ind("A", "all", "2", "", false, "a1 >= 5", "a2 = true")
	ind("B", "checklist", "3", "deduct = 1", false, "b1 = true", "b2 = true", "b3 >= 2 & b4 <= 10")
	ind("C", "linear", "3", "step = 2\ndeduct = 1", false, "c1 >= 10", "c2 <= 4", "!cv = true")
	ind("D", "bonus", "1", "", false, "d > 2.5")
	ind("E", "all", "1", "", true, "e >= 3")
	ind("V", "all", "0", "", true, "!v = true")
	x := "x >= 50"
	if impossible {
		x = "x > 100"
	}
	ind("X", "all", "1", "", false, x)
	s, problems := criteria.Parse("small.toml", []byte(b.String()))
	if problems.Has(criteria.Error) {
		t.Fatalf("small set: %v", problems)
	}
	return s
}

func TestPlanSmallSet(t *testing.T) {
	full := map[string]string{"P1": "true", "a1": "5", "a2": "true", "b1": "true", "b2": "true", "b3": "2", "b4": "10",
		"c1": "10", "c2": "4", "cv": "true", "d": "2.6", "e": "3", "v": "true", "x": "50"}
	tests := []struct {
		name       string
		impossible bool
		changes    []string
		line       string
		want       []string
		points     string
		reach      bool
		best       string
	}{
		{"linear of two conditions, one each way", false, []string{"c1", "5", "c2", "5"}, "11", []string{"c1 5→10 +2 points", "c2 5→4 +1 points"}, "11", true, ""},
		{"linear veto", false, []string{"cv", "false"}, "6", []string{"cv false→true +0 veto"}, "11", true, ""},
		{"count threshold", false, []string{"e", "1"}, "6", []string{"e 1→3 +1 baseline"}, "11", true, ""},
		{"strict threshold one decimal past", false, []string{"d", "1"}, "11", []string{"d 1→2.6 +1 points"}, "11", true, ""},
		{"checklist requirement of a count and a percent", false, []string{"b3", "0", "b4", "20"}, "11", []string{"b3 0→2 +0 points", "b4 20→10 +1 points"}, "11", true, ""},
		{"unreachable: the most points instead", true, []string{"a1", "1"}, "11", []string{"a1 1→5 +2 points"}, "10", false, "10"},
		{"unreachable line is still planned to the top", true, []string{"x", "50"}, "8.5", nil, "10", true, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := small(t, tc.impossible)
			rec := record(t, s, "测试县", with(full, tc.changes...))
			plan, err := planner(t, s).Plan(rec, exact.MustParse(tc.line), nil)
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
			if plan.PointsAfter.String() != tc.points || plan.Reachable != tc.reach {
				t.Errorf("after: %s reachable %t; want %s %t", plan.PointsAfter, plan.Reachable, tc.points, tc.reach)
			}
			best := ""
			if plan.BestPoints != nil {
				best = plan.BestPoints.String()
			}
			if best != tc.best {
				t.Errorf("best points %q, want %q", best, tc.best)
			}
		})
	}
}

func TestPlanBadLine(t *testing.T) {
	s := mustLoad(t, "garden-county")
	rec := record(t, s, "测试县", perfect(s))
	for _, line := range []string{"100.5", "-1"} {
		if _, err := planner(t, s).Plan(rec, exact.MustParse(line), nil); !errors.Is(err, scoring.ErrLine) {
			t.Errorf("line %s: err %v, want ErrLine", line, err)
		}
	}
}

func TestDefaultLine(t *testing.T) {
	s := mustLoad(t, "garden-county")
	tests := []struct {
		name    string
		changes []string
		want    string
	}{
		{"top line held: the top line", nil, "80"},
		{"forwardable: the next line", []string{"G09.coverage", "30"}, "70"}, // baseline: the lowest line
		{"at 70 aims at 80", []string{"G26", "0", "G20.1", "false", "G20.2", "false", "G20.3", "false", "G20.4", "false", "G20.5", "false", "G23.length", "0", "G23.coverage", "0", "G22.1", "false"}, "80"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sc := score(t, s, with(perfect(s), tc.changes...))
			got, ok := scoring.DefaultLine(s, sc)
			if !ok || exact.String(got) != tc.want {
				t.Errorf("DefaultLine = %s (%s, %s points), want %s", exact.String(got), sc.Verdict, sc.Points, tc.want)
			}
		})
	}
}

// search is an exhaustive reference: every combination of candidate
// values for the measures not already meeting all their conditions,
// each scored in full by the engine.
type search struct {
	ok       bool // some combination reaches the line with the gates clear
	cost     exact.Decimal
	changes  int
	gates    bool          // some combination clears every gate
	best     exact.Decimal // the most points with the gates clear
	tooLarge bool
}

// candidates lists the values worth trying for measure idx: its own, each
// threshold on it (one unit past a strict one, at the documented
// precision), and for a linear rule each whole step below the threshold.
func candidates(s *criteria.Set, idx int, cur inputs.Value) (out []inputs.Value) {
	m := s.Measures[idx]
	out = []inputs.Value{cur}
	defer func() { out = gains(s, idx, cur, out) }()
	addV := func(v inputs.Value) {
		for _, o := range out {
			if o == v {
				return
			}
		}
		out = append(out, v)
	}
	if m.Kind == criteria.Bool {
		addV(inputs.Value{Given: true, Bool: true})
		addV(inputs.Value{Given: true, Bool: false})
		return out
	}
	num := func(d exact.Decimal) {
		if m.Kind == criteria.Count {
			d = d.Ceil(0)
		}
		if d.IsNeg() || m.Kind == criteria.Pct && d.Cmp(exact.Hundred) > 0 {
			return
		}
		addV(inputs.Value{Given: true, Num: d.Trim(0)})
	}
	for _, ind := range s.Indicators {
		for _, r := range ind.Require {
			for _, c := range r.Conditions {
				if c.MeasureIdx != idx {
					continue
				}
				t := c.Value
				switch c.Op {
				case criteria.GT, criteria.LT:
					scale := max(1, t.Trim(0).Scale())
					if cur.Given {
						scale = max(scale, cur.Num.Trim(0).Scale())
					}
					u, _ := exact.Parse("0." + strings.Repeat("0", scale-1) + "1")
					if m.Kind == criteria.Count {
						u = exact.One
					}
					if c.Op == criteria.GT {
						v, _ := exact.Add(t, u)
						num(v)
					} else {
						v, _ := exact.Sub(t, u)
						num(v)
					}
				default:
					num(t)
				}
				if ind.Kind.Proportional && !r.Veto {
					for _, v := range valueLevels(&ind, m, cur, t) {
						num(v)
					}
				}
				if ind.Kind.Steps && !r.Veto {
					for j := int64(1); j <= 8; j++ {
						d, _ := exact.Mul(exact.Int(j), ind.Step.V)
						if c.Op == criteria.GE {
							v, _ := exact.Sub(t, d)
							num(v)
						} else {
							v, _ := exact.Add(t, d)
							num(v)
						}
					}
				}
			}
		}
	}
	return out
}

// valueLevels lists, for a ratio or bands condition "M >= line", the
// least value of each points level, found by trying every value from 0 to
// the line at the documented precision (whole numbers for counts, else the
// finer of the line's and the present value's last decimal place, at least
// the first), and each band's lower edge.
func valueLevels(ind *criteria.Indicator, m criteria.Measure, cur inputs.Value, line exact.Decimal) []exact.Decimal {
	unit := exact.One
	if m.Kind != criteria.Count {
		d := max(1, line.Trim(0).Scale())
		if cur.Given {
			d = max(d, cur.Num.Trim(0).Scale())
		}
		unit, _ = exact.Parse("0." + strings.Repeat("0", d-1) + "1")
	}
	var out []exact.Decimal
	prev := exact.Zero
	for k := int64(0); ; k++ {
		v, _ := exact.Mul(exact.Int(k), unit)
		if v.Cmp(line) > 0 {
			break
		}
		pts, err := ind.Kind.ValuePoints(ind, v, line)
		if err != nil {
			panic(err)
		}
		if pts.Cmp(prev) > 0 {
			out = append(out, v)
			prev = pts
		}
	}
	for _, b := range ind.Bands {
		out = append(out, b.From.V)
	}
	return out
}

// gains keeps, of the values tried for measure idx, its own and those that
// meet a condition (or prerequisite) its own value fails, or come nearer a
// linear rule's threshold or a ratio's or band's (any value when it is
// missing): a plan never moves a given
// value except to gain by it.
func gains(s *criteria.Set, idx int, cur inputs.Value, vs []inputs.Value) []inputs.Value {
	if !cur.Given {
		return vs
	}
	out := vs[:1]
	for _, v := range vs[1:] {
		keep := false
		for _, ind := range s.Indicators {
			for _, r := range ind.Require {
				for _, c := range r.Conditions {
					if c.MeasureIdx != idx {
						continue
					}
					keep = keep || !condHolds(c, cur) && condHolds(c, v) ||
						ind.Kind.Proportional && !r.Veto && v.Num.Cmp(cur.Num) > 0 || // a ratio or band level up
						ind.Kind.Steps && !r.Veto && (c.Op == criteria.GE && v.Num.Cmp(cur.Num) > 0 || c.Op == criteria.LE && v.Num.Cmp(cur.Num) < 0) // a step nearer
				}
			}
		}
		for _, p := range s.Prerequisites {
			keep = keep || p.Measure == idx && v.Bool
		}
		if keep {
			out = append(out, v)
		}
	}
	return out
}

func condHolds(c criteria.Condition, v inputs.Value) bool {
	if !v.Given {
		return false
	}
	if c.IsBool {
		return v.Bool == c.Bool
	}
	return c.Op.Holds(v.Num, c.Value)
}

func exhaustive(t testing.TB, s *criteria.Set, rec *inputs.Record, line exact.Decimal, costs *inputs.Costs, limit int) search {
	t.Helper()
	var idxs []int
	var cands [][]inputs.Value
	short := map[int]bool{}
	for _, ind := range s.Indicators {
		for _, r := range ind.Require {
			for _, c := range r.Conditions {
				if !condHolds(c, rec.Values[c.MeasureIdx]) {
					short[c.MeasureIdx] = true
				}
			}
		}
	}
	for _, p := range s.Prerequisites {
		if v := rec.Values[p.Measure]; !v.Given || !v.Bool {
			short[p.Measure] = true
		}
	}
	size := 1
	for idx := range s.Measures {
		if short[idx] {
			c := candidates(s, idx, rec.Values[idx])
			idxs, cands = append(idxs, idx), append(cands, c)
			size *= len(c)
			if size > limit {
				return search{tooLarge: true}
			}
		}
	}
	var res search
	sc := scoring.NewScorer(s)
	trial := *rec
	trial.Values = append([]inputs.Value(nil), rec.Values...)
	for n := 0; n < size; n++ {
		k, changes, cost := n, 0, exact.Zero
		for i, idx := range idxs {
			v := cands[i][k%len(cands[i])]
			k /= len(cands[i])
			trial.Values[idx] = v
			if v == rec.Values[idx] {
				continue
			}
			changes++
			if costs != nil {
				c := costs.Of(idx)
				cost, _ = exact.Add(cost, c.PerAction)
				if s.Measures[idx].Kind != criteria.Bool {
					from := exact.Zero
					if rec.Values[idx].Given {
						from = rec.Values[idx].Num
					}
					d, _ := exact.Sub(v.Num, from)
					u, _ := exact.Mul(c.PerUnit, d.Abs())
					cost, _ = exact.Add(cost, u)
				}
			}
		}
		if costs == nil {
			cost = exact.Int(int64(changes))
		}
		r, err := sc.Score(&trial)
		if err != nil {
			t.Fatal(err)
		}
		switch r.Verdict {
		case scoring.Vetoed, scoring.PrerequisitesUnmet, scoring.BaselineUnmet, scoring.Incomplete:
			continue
		}
		if !res.gates || r.Points.V.Cmp(res.best) > 0 {
			res.best = r.Points.V
		}
		res.gates = true
		if r.Points.V.Cmp(line) < 0 {
			continue
		}
		if !res.ok || cost.Cmp(res.cost) < 0 || cost.Cmp(res.cost) == 0 && changes < res.changes {
			res.ok, res.cost, res.changes = true, cost, changes
		}
	}
	return res
}

// checkAgainstSearch plans rec and compares with the exhaustive search;
// it also replays the plan's actions and scores the result.
func checkAgainstSearch(t *testing.T, p *scoring.Planner, s *criteria.Set, rec *inputs.Record, line exact.Decimal, costs *inputs.Costs) bool {
	t.Helper()
	want := exhaustive(t, s, rec, line, costs, 4000)
	if want.tooLarge {
		return false
	}
	plan, err := p.Plan(rec, line, costs)
	if err != nil {
		t.Fatalf("%s line %s: %v", rec.Subject, exact.String(line), err)
	}
	// Replay: the actions, applied, give the points and verdict claimed.
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
	if r.Points.V.Cmp(plan.PointsAfter.V) != 0 || r.Verdict != plan.VerdictAfter {
		t.Errorf("%s: replayed actions give %s %s; plan says %s %s", rec.Subject, r.Points, r.Verdict, plan.PointsAfter, plan.VerdictAfter)
	}
	if plan.Reachable != want.ok {
		t.Errorf("%s line %s: reachable %t, exhaustive search %t (actions %v)", rec.Subject, exact.String(line), plan.Reachable, want.ok, plan.Actions)
		return true
	}
	if want.ok {
		got := exact.Int(int64(plan.Changes))
		if costs != nil {
			got = plan.Cost.V
		}
		if got.Cmp(want.cost) != 0 || plan.Changes != want.changes {
			var acts []string
			for _, a := range plan.Actions {
				acts = append(acts, actionText(a))
			}
			t.Errorf("%s line %s: plan costs %s in %d changes (%q); exhaustive search %s in %d",
				rec.Subject, exact.String(line), exact.String(got), plan.Changes, acts, exact.String(want.cost), want.changes)
		}
	} else if want.gates && (plan.BestPoints == nil || plan.BestPoints.V.Cmp(want.best) != 0) {
		t.Errorf("%s line %s: best points %v, exhaustive search %s", rec.Subject, exact.String(line), plan.BestPoints, exact.String(want.best))
	}
	return true
}

// randomCosts prices every measure at random: per action 0–5, some per unit.
func randomCosts(t testing.TB, s *criteria.Set, rng *rand.Rand) *inputs.Costs {
	var b strings.Builder
	b.WriteString("measure,per_action,per_unit\n")
	for _, m := range s.Measures {
		unit := ""
		if m.Kind != criteria.Bool && rng.IntN(2) == 0 {
			unit = []string{"0.5", "1", "3", "0.25"}[rng.IntN(4)]
		}
		fmt.Fprintf(&b, "%s,%d,%s\n", m.ID, rng.IntN(6), unit)
	}
	return costsCSV(t, s, b.String())
}

// TestPlanMatchesExhaustiveSearch compares the planner with an exhaustive
// search on a few hundred generated subjects: values around the thresholds
// of the small set, and the garden county standard with a few values short
// of it, at the lines, at custom lines, with and without costs.
func TestPlanMatchesExhaustiveSearch(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 2026))
	compared := 0
	// The small set, every measure near its threshold.
	for _, impossible := range []bool{false, true} {
		s := small(t, impossible)
		p := planner(t, s)
		near := map[string][]string{
			"a1": {"3", "4.9", "5", "7"}, "b3": {"0", "1", "2"}, "b4": {"5", "10", "12.5", "30"},
			"c1": {"0", "3", "7.5", "9.9", "10"}, "c2": {"4", "5.5", "9", "12"}, "d": {"1", "2.5", "2.55", "3"},
			"e": {"0", "2", "3"}, "x": {"10", "50", "100"},
		}
		for n := 0; n < 150; n++ {
			cells := map[string]string{}
			for _, m := range s.Measures {
				switch {
				case rng.IntN(10) == 0:
					continue // missing
				case m.Kind == criteria.Bool:
					cells[m.ID] = []string{"true", "true", "false"}[rng.IntN(3)]
				default:
					vs := near[m.ID]
					cells[m.ID] = vs[rng.IntN(len(vs))]
				}
			}
			rec := record(t, s, fmt.Sprintf("small%03d", n), cells)
			line := exact.MustParse([]string{"6", "8.5", "11", "9.5", "3"}[rng.IntN(5)])
			var costs *inputs.Costs
			if n%2 == 1 {
				costs = randomCosts(t, s, rng)
			}
			if checkAgainstSearch(t, p, s, rec, line, costs) {
				compared++
			}
		}
	}
	// The garden county standard, three to five values short.
	s := mustLoad(t, "garden-county")
	p := planner(t, s)
	base := perfect(s)
	var numeric, bools []string
	for _, m := range s.Measures {
		if m.Kind == criteria.Bool {
			bools = append(bools, m.ID)
		} else {
			numeric = append(numeric, m.ID)
		}
	}
	for n := 0; n < 200; n++ {
		var changes []string
		for k := 3 + rng.IntN(3); k > 0; k-- {
			switch rng.IntN(4) {
			case 0:
				changes = append(changes, bools[rng.IntN(len(bools))], []string{"false", "-"}[rng.IntN(2)])
			case 1:
				changes = append(changes, numeric[rng.IntN(len(numeric))], "-")
			default:
				id := numeric[rng.IntN(len(numeric))]
				v := exact.MustParse(base[id])
				cut := exact.MustParse([]string{"0.5", "1", "2.5", "7", "12", "0.01"}[rng.IntN(6)])
				if m, _ := s.Measure(id); m.Kind == criteria.Count {
					cut = exact.One
				}
				w, _ := exact.Sub(v, cut)
				if w.IsNeg() {
					w = exact.Zero
				}
				changes = append(changes, id, exact.String(w))
			}
		}
		rec := record(t, s, fmt.Sprintf("县%03d", n), with(base, changes...))
		line := exact.MustParse([]string{"70", "80", "95", "99", "100", "97.5"}[rng.IntN(6)])
		var costs *inputs.Costs
		if n%2 == 1 {
			costs = randomCosts(t, s, rng)
		}
		if checkAgainstSearch(t, p, s, rec, line, costs) {
			compared++
		}
	}
	if compared < 300 {
		t.Errorf("compared only %d subjects with the exhaustive search; want at least 300", compared)
	}
	t.Logf("compared %d subjects", compared)
}

// BenchmarkPlanGardenCounty plans one generated subject per op, reusing
// one Planner as the plan command does: "next" to the line above its
// verdict, "to-80" to 80 as `make bench` times the plan command. Budget:
// about 20 µs per subject (100,000 rows in 2 s with reading and scoring).
func BenchmarkPlanGardenCounty(b *testing.B) {
	s := load(b, "garden-county")
	recs := records(b, s, benchgen.Options{Rows: 1000, Seed: 7})
	next := make([]exact.Decimal, len(recs))
	to80 := make([]exact.Decimal, len(recs))
	for i, rec := range recs {
		sc, err := scoring.Score(s, rec)
		if err != nil {
			b.Fatal(err)
		}
		next[i], _ = scoring.DefaultLine(s, sc)
		to80[i] = exact.MustParse("80")
	}
	for _, c := range []struct {
		name  string
		lines []exact.Decimal
	}{{"next", next}, {"to-80", to80}} {
		b.Run(c.name, func(b *testing.B) {
			p := planner(b, s)
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				i := n % len(recs)
				if _, err := p.Plan(recs[i], c.lines[i], nil); err != nil {
					b.Fatal(err)
				}
				n++
			}
			perSecond(b, n, "subjects/s")
		})
	}
}
