package scoring_test

import (
	"slices"
	"testing"

	"countyscore/criteria"
	"countyscore/inputs"
	"countyscore/scoring"
)

func mustLoad(t testing.TB, id string) *criteria.Set {
	t.Helper()
	s, err := criteria.Load(id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// record builds a subject's values from typed cells, the way a CSV row
// would give them; a cell of "" is not measured.
func record(t testing.TB, s *criteria.Set, subject string, cells map[string]string) *inputs.Record {
	t.Helper()
	rec := &inputs.Record{Subject: subject, Values: make([]inputs.Value, len(s.Measures))}
	if subj, ok := criteria.Subjects().Resolve(subject); ok {
		rec.Level = subj.Level
	}
	for id, cell := range cells {
		switch id {
		case "population":
			v, _, err := inputs.ParseCell(cell, criteria.Measure{Kind: criteria.Count})
			if err != nil {
				t.Fatalf("population %q: %v", cell, err)
			}
			rec.Population = v
			continue
		}
		idx, ok := s.MeasureIndex(id)
		if !ok {
			t.Fatalf("no measure %s in %s", id, s.ID)
		}
		v, _, err := inputs.ParseCell(cell, s.Measures[idx])
		if err != nil {
			t.Fatalf("%s = %q: %v", id, cell, err)
		}
		rec.Values[idx] = v
	}
	return rec
}

// perfect is a garden county that meets every requirement exactly at its
// threshold, so each test below changes one thing and sees one effect.
func perfect(s *criteria.Set) map[string]string {
	cells := map[string]string{}
	for _, m := range s.Measures {
		if m.Kind == criteria.Bool {
			cells[m.ID] = "true"
		}
	}
	for id, v := range map[string]string{
		"G08": "80", "G09.coverage": "40", "G09.tree_shrub": "60", "G10": "38.9", "G11": "10", "G12": "75",
		"G13": "1", "G14": "85", "G15.all": "40", "G15.provincial": "10", "G16": "75", "G17": "65", "G18": "80",
		"G19": "1", "G21": "95", "G23.length": "1.0", "G23.coverage": "50", "G25": "8", "G26": "90", "G28": "40",
		"G29.1": "80.01", "G29.3": "0.75", "G33.2": "80", "G36.1": "100", "G36.2": "100", "G37.1": "3", "G37.2": "1",
	} {
		cells[id] = v
	}
	return cells
}

func with(base map[string]string, changes ...string) map[string]string {
	out := map[string]string{}
	for k, v := range base {
		out[k] = v
	}
	for i := 0; i+1 < len(changes); i += 2 {
		if changes[i+1] == "-" {
			delete(out, changes[i])
			continue
		}
		out[changes[i]] = changes[i+1]
	}
	return out
}

func score(t *testing.T, s *criteria.Set, cells map[string]string) *scoring.Scored {
	t.Helper()
	r, err := scoring.Score(s, record(t, s, "测试县", cells))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func indicator(t *testing.T, r *scoring.Scored, id string) scoring.Indicator {
	t.Helper()
	for _, ind := range r.Indicators {
		if ind.ID == id {
			return ind
		}
	}
	t.Fatalf("no indicator %s", id)
	return scoring.Indicator{}
}

func TestPerfectCountyScoresFullMarks(t *testing.T) {
	s := mustLoad(t, "garden-county")
	r := score(t, s, perfect(s))
	if got := r.Points.String(); got != "100" {
		t.Errorf("points = %s, want 100 (the bonus is part of the 100, ruling 6)", got)
	}
	if r.Verdict != "acceptance-ready" || r.NextLine != nil {
		t.Errorf("verdict = %s, next line %v; want acceptance-ready and no next line", r.Verdict, r.NextLine)
	}
	for _, list := range [][]string{r.VetoFailures, r.BaselineFailures, r.PrerequisitesUnmet, r.Missing} {
		if list == nil || len(list) != 0 {
			t.Errorf("empty lists must be [] not null: %#v", list)
		}
	}
	for _, ind := range r.Indicators {
		want := scoring.StatusMet
		if ind.ID == "G07" {
			want = scoring.StatusBonus
		}
		if ind.Status != want {
			t.Errorf("%s status %s, want %s", ind.ID, ind.Status, want)
		}
	}
}

// TestIndicatorRules checks each rule kind on the real standard: one
// changed value, its effect on one indicator.
func TestIndicatorRules(t *testing.T) {
	s := mustLoad(t, "garden-county")
	base := perfect(s)
	tests := []struct {
		name             string
		changes          []string
		indicator        string
		points, optimist string
		status           string
	}{
		// Linear deduction, ruling 3: every started step costs; the optimistic reading counts whole steps.
		{"linear: 1.7 short of 38.9 costs 2 steps, 1 whole", []string{"G10", "37.2"}, "G10", "2", "3", "partial"},
		{"linear: on the threshold is met (≥ includes, ruling 2)", []string{"G10", "38.9"}, "G10", "4", "4", "met"},
		{"linear: decimal trap, 38.9 − 37.9 is exactly 1 step both ways", []string{"G10", "37.9"}, "G10", "3", "3", "partial"},
		{"linear: decimal trap, 38.9 − 33.9 is exactly 5 steps", []string{"G10", "33.9"}, "G10", "0", "0", "unmet"},
		{"linear: never below zero", []string{"G10", "0"}, "G10", "0", "0", "unmet"},
		{"linear: step 5, 7 short", []string{"G14", "78"}, "G14", "1", "1.5", "partial"},
		{"linear: step 5, exactly one step", []string{"G14", "80"}, "G14", "1.5", "1.5", "partial"},
		{"linear: step 5, a hair short starts a step", []string{"G18", "79.99"}, "G18", "0.5", "1", "partial"},
		{"linear: step 10", []string{"G26", "84"}, "G26", "4", "5", "partial"},
		{"linear: two conditions add their deductions (ruling 13)", []string{"G15.all", "33", "G15.provincial", "7"}, "G15", "0.5", "1.5", "partial"},
		{"linear: second condition alone", []string{"G15.provincial", "9.5"}, "G15", "1.5", "2", "partial"},
		// Checklist, ruling 4.
		{"checklist: one unmet", []string{"G01.3", "false"}, "G01", "2", "2", "partial"},
		{"checklist: all unmet", []string{"G01.1", "否", "G01.2", "×", "G01.3", "false"}, "G01", "0", "0", "unmet"},
		{"checklist: half-point deduction", []string{"G03.2", "false"}, "G03", "0.5", "0.5", "partial"},
		{"checklist: numeric requirement", []string{"G23.length", "0.99"}, "G23", "3", "3", "partial"},
		{"checklist: a requirement of two conditions fails on either", []string{"G33.2_connected", "false"}, "G33", "2", "2", "partial"},
		{"checklist: certificates below 100 %", []string{"G36.2", "99.9"}, "G36", "1", "1", "partial"},
		// All or nothing.
		{"all: one of two conditions fails", []string{"G09.tree_shrub", "59.9"}, "G09", "0", "0", "unmet"},
		{"all: count below 1", []string{"G19", "0"}, "G19", "0", "0", "unmet"},
		{"all: G37 needs both", []string{"G37.2", "0"}, "G37", "0", "0", "unmet"},
		// Strict >, ruling 2.
		{"greater-than: 80 is not more than 80", []string{"G29.1", "80"}, "G29", "2", "2", "partial"},
		// Bonus, ruling 6.
		{"bonus: not earned is 0, not negative", []string{"G07.2", "false"}, "G07", "0", "0", "unmet"},
		// Veto, ruling 7: G04 keeps the points of ②.
		{"veto: G04 ① fails, ② still earns", []string{"G04.1", "false"}, "G04", "2", "2", "vetoed"},
		{"veto: G05 fails", []string{"G05", "false"}, "G05", "0", "0", "vetoed"},
		// Missing, ruling 14: the whole indicator scores 0.
		{"missing: one of five", []string{"G20.3", "-"}, "G20", "0", "0", "missing"},
		{"missing: blank cell", []string{"G10", ""}, "G10", "0", "0", "missing"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := score(t, s, with(base, tc.changes...))
			ind := indicator(t, r, tc.indicator)
			if ind.Points.String() != tc.points || ind.PointsOptimistic.String() != tc.optimist || ind.Status != tc.status {
				t.Errorf("%s = %s (optimistic %s) %s; want %s (%s) %s", tc.indicator,
					ind.Points, ind.PointsOptimistic, ind.Status, tc.points, tc.optimist, tc.status)
			}
		})
	}
}

func TestVerdicts(t *testing.T) {
	s := mustLoad(t, "garden-county")
	base := perfect(s)
	tests := []struct {
		name     string
		changes  []string
		verdict  string
		veto     []string
		baseline []string
		prereq   []string
		missing  []string
	}{
		{"veto by G05 also fails its baseline", []string{"G05", "false"}, "vetoed", []string{"G05"}, []string{"G05"}, nil, nil},
		{"veto by G04 ① keeps G04's points, no baseline failure", []string{"G04.1", "false"}, "vetoed", []string{"G04"}, nil, nil, nil},
		{"veto comes before unmet prerequisites", []string{"G05", "false", "P3", "false"}, "vetoed", []string{"G05"}, []string{"G05"}, []string{"P3"}, nil},
		{"prerequisites come before baseline", []string{"P3", "false", "G17", "64.9"}, "prerequisites-unmet", nil, []string{"G17"}, []string{"P3"}, nil},
		{"baseline below full points", []string{"G17", "64.9"}, "baseline-unmet", nil, []string{"G17"}, nil, nil},
		{"G04 ② failing fails the eighth baseline item (ruling 8)", []string{"G04.2", "false"}, "baseline-unmet", nil, []string{"G04"}, nil, nil},
		{"a missing baseline value is missing, not a failure", []string{"G12", "-"}, "incomplete", nil, nil, nil, []string{"G12"}},
		{"a missing prerequisite makes it incomplete", []string{"P8", "-"}, "incomplete", nil, nil, nil, []string{"P8"}},
		{"a missing veto value makes it incomplete", []string{"G04.1", "-"}, "incomplete", nil, nil, nil, []string{"G04.1"}},
		{"a missing guide value only costs its points", []string{"G20.3", "-"}, "acceptance-ready", nil, nil, nil, []string{"G20.3"}},
		{"baseline failure beats a missing value", []string{"G17", "1", "G12", "-"}, "baseline-unmet", nil, []string{"G17"}, nil, []string{"G12"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := score(t, s, with(base, tc.changes...))
			if r.Verdict != tc.verdict {
				t.Errorf("verdict %s, want %s", r.Verdict, tc.verdict)
			}
			for _, c := range []struct {
				name      string
				got, want []string
			}{{"veto", r.VetoFailures, tc.veto}, {"baseline", r.BaselineFailures, tc.baseline}, {"prereq", r.PrerequisitesUnmet, tc.prereq}, {"missing", r.Missing, tc.missing}} {
				if c.want == nil {
					c.want = []string{}
				}
				if !slices.Equal(c.got, c.want) {
					t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
				}
			}
		})
	}
}

func TestLinesAndNextLine(t *testing.T) {
	s := mustLoad(t, "garden-county")
	base := perfect(s)
	// Knock out points with all-or-nothing guide indicators only, so no
	// baseline item is touched: G23 (6) G26 (5) G20 (5) G22 (3) G24 (3) G29 (3) G33 (3) G10 (4).
	tests := []struct {
		name    string
		changes []string
		points  string
		verdict string
		next    string
		short   string
	}{
		{"exactly 80", []string{"G23.length", "0", "G23.coverage", "0", "G26", "0", "G20.1", "false", "G20.2", "false", "G20.3", "false", "G20.4", "false", "G20.5", "false", "G22.1", "false", "G22.2", "false", "G22.3", "false", "G10", "37.9"}, "80", "acceptance-ready", "", ""},
		{"79.5 is forwardable, 0.5 short of 80", []string{"G23.length", "0", "G23.coverage", "0", "G26", "0", "G20.1", "false", "G20.2", "false", "G20.3", "false", "G20.4", "false", "G20.5", "false", "G22.1", "false", "G22.2", "false", "G22.3", "false", "G10", "37.9", "G14", "84"}, "79.5", "forwardable", "80", "0.5"},
		{"exactly 70", []string{"G23.length", "0", "G23.coverage", "0", "G26", "0", "G20.1", "false", "G20.2", "false", "G20.3", "false", "G20.4", "false", "G20.5", "false", "G22.1", "false", "G22.2", "false", "G22.3", "false", "G10", "0", "G24.1", "false", "G24.2", "false", "G24.3", "false", "G29.2", "false", "G29.3", "0", "G33.1", "false", "G27", "false"}, "70", "forwardable", "80", "10"},
		{"69.5 is below 70", []string{"G23.length", "0", "G23.coverage", "0", "G26", "0", "G20.1", "false", "G20.2", "false", "G20.3", "false", "G20.4", "false", "G20.5", "false", "G22.1", "false", "G22.2", "false", "G22.3", "false", "G10", "0", "G24.1", "false", "G24.2", "false", "G24.3", "false", "G29.2", "false", "G29.3", "0", "G33.1", "false", "G27", "false", "G14", "84"}, "69.5", "below-70", "70", "0.5"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := score(t, s, with(base, tc.changes...))
			if r.Points.String() != tc.points || r.Verdict != tc.verdict {
				t.Fatalf("points %s verdict %s; want %s %s", r.Points, r.Verdict, tc.points, tc.verdict)
			}
			switch {
			case tc.next == "" && r.NextLine != nil:
				t.Errorf("next line %+v, want none", r.NextLine)
			case tc.next != "" && (r.NextLine == nil || r.NextLine.Points.String() != tc.next || r.NextLine.Short.String() != tc.short):
				t.Errorf("next line %+v, want %s short %s", r.NextLine, tc.next, tc.short)
			}
		})
	}
}

func TestBandDecidesOnConservativePoints(t *testing.T) {
	s := mustLoad(t, "garden-county")
	// 80 conservative would need the optimistic reading of G10 and G18 to
	// reach 80; the verdict follows the conservative points.
	cells := with(perfect(s), "G23.length", "0", "G23.coverage", "0", "G26", "0", "G20.1", "false", "G20.2", "false",
		"G20.3", "false", "G20.4", "false", "G20.5", "false", "G22.1", "false", "G22.2", "false", "G22.3", "false", "G10", "38.4")
	r := score(t, s, cells)
	if r.Points.String() != "80" || r.PointsOptimistic.String() != "81" {
		t.Fatalf("points %s–%s, want 80–81", r.Points, r.PointsOptimistic)
	}
	cells = with(cells, "G18", "79")
	r = score(t, s, cells)
	if r.Points.String() != "79.5" || r.PointsOptimistic.String() != "81" || r.Verdict != "forwardable" {
		t.Errorf("points %s–%s %s, want 79.5–81 forwardable", r.Points, r.PointsOptimistic, r.Verdict)
	}
}

func TestCategoriesAddUpFromIndicators(t *testing.T) {
	s := mustLoad(t, "garden-county")
	r := score(t, s, perfect(s))
	want := map[string]string{"C1": "12", "C2": "38", "C3": "16", "C4": "22", "C5": "12"} // ruling 11
	for _, c := range r.Categories {
		if c.Points.String() != want[c.ID] || c.MaxPoints.String() != want[c.ID] {
			t.Errorf("%s %s/%s, want %s", c.ID, c.Points, c.MaxPoints, want[c.ID])
		}
	}
}

func TestShortfallInTheMeasuresUnit(t *testing.T) {
	s := mustLoad(t, "garden-county")
	r := score(t, s, with(perfect(s), "G10", "37.2", "G11", "9.5", "G01.2", "false", "G20.3", "-"))
	cases := map[string]struct{ short, actual string }{
		"G10": {"1.7", "37.2"}, "G11": {"0.5", "9.5"}, "G01": {"", "false"}, "G20": {"", ""},
	}
	for id, want := range cases {
		ind := indicator(t, r, id)
		if len(ind.Shortfalls) != 1 {
			t.Fatalf("%s shortfalls %+v", id, ind.Shortfalls)
		}
		sf := ind.Shortfalls[0]
		short, actual := "", ""
		if sf.Short != nil {
			short = sf.Short.String()
		}
		if sf.Actual != nil {
			b, _ := sf.Actual.MarshalJSON()
			actual = string(b)
		}
		if short != want.short || actual != want.actual {
			t.Errorf("%s short %q actual %q, want %q %q", id, short, actual, want.short, want.actual)
		}
	}
}

func TestMissingPointsSayHowMuchIsUndecided(t *testing.T) {
	s := mustLoad(t, "garden-county")
	r := score(t, s, with(perfect(s), "G20.3", "-", "G07.1", "-"))
	if r.MissingPoints.String() != "6" || r.Points.String() != "94" {
		t.Errorf("missing points %s, points %s; want 6 and 94", r.MissingPoints, r.Points)
	}
}

func TestExplainTracesEveryCondition(t *testing.T) {
	s := mustLoad(t, "garden-county")
	rec := record(t, s, "测试县", with(perfect(s), "G15.all", "33", "G15.provincial", "7"))
	ind, _ := s.Indicator("G15")
	res, trace, err := scoring.Explain(s, &ind, rec)
	if err != nil {
		t.Fatal(err)
	}
	if res.Points.String() != "0.5" || len(trace.Requirements) != 2 {
		t.Fatalf("points %s, %d requirements", res.Points, len(trace.Requirements))
	}
	c := trace.Requirements[0].Conditions[0]
	if c.Holds || c.Short.String() != "7" || c.Started.String() != "2" || c.Whole.String() != "1" {
		t.Errorf("condition trace %+v", c)
	}
}
