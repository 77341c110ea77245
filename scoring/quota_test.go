package scoring_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"countyscore/criteria"
	"countyscore/inputs"
	"countyscore/scoring"
)

func evaluate(t *testing.T, s *criteria.Set, recs ...*inputs.Record) []*scoring.Quotas {
	t.Helper()
	res, err := scoring.EvaluateQuotas(s, recs, &inputs.Warnings{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func quota(t *testing.T, r *scoring.Quotas, id string) scoring.Quota {
	t.Helper()
	for _, q := range r.Quotas {
		if q.ID == id {
			return q
		}
	}
	t.Fatalf("%s has no quota %s: %+v", r.Subject, id, r.Quotas)
	return scoring.Quota{}
}

func str(n *scoring.Number) string {
	if n == nil {
		return "null"
	}
	return n.String()
}

func TestGrowthBandEdges(t *testing.T) {
	s := mustLoad(t, "fitness-2025")
	// Ruling 15: ≤ 1.8 → 40 %; (1.8, 2.3] → 30 %; (2.3, 2.5] → 15 %; > 2.5 → 10 %.
	tests := []struct{ base, target string }{
		{"1.2", "1.68"}, {"1.8", "2.52"}, {"1.81", "2.353"}, {"2.2", "2.86"}, {"2.3", "2.99"},
		{"2.31", "2.6565"}, {"2.5", "2.875"}, {"2.51", "2.761"},
	}
	for _, tc := range tests {
		t.Run(tc.base, func(t *testing.T) {
			r := evaluate(t, s, record(t, s, "文水县", map[string]string{"F01.baseline": tc.base, "F01.current": tc.target}))[0]
			q := quota(t, r, "F01")
			if str(q.Target) != tc.target || !q.Met || str(q.Gap) != "0" {
				t.Errorf("target %s met %v gap %s; want %s met", str(q.Target), q.Met, str(q.Gap), tc.target)
			}
		})
	}
}

// TestDerivedTargetIsExact is ruling 1's own example: 2.2 × 1.3 is 2.86,
// and a county at 2.86 has met it (in float64 the target is
// 2.8600000000000003 and it would be told it had not).
func TestDerivedTargetIsExact(t *testing.T) {
	s := mustLoad(t, "fitness-2025")
	r := evaluate(t, s, record(t, s, "中阳县", map[string]string{"F01.baseline": "2.2", "F01.current": "2.86"}))[0]
	if q := quota(t, r, "F01"); !q.Met || str(q.Target) != "2.86" {
		t.Errorf("F01 target %s met %v; want 2.86 met", str(q.Target), q.Met)
	}
	r = evaluate(t, s, record(t, s, "中阳县", map[string]string{"F01.baseline": "2.2", "F01.current": "2.859"}))[0]
	if q := quota(t, r, "F01"); q.Met || str(q.Gap) != "0.001" {
		t.Errorf("F01 gap %s met %v; want 0.001 not met", str(q.Gap), q.Met)
	}
}

func TestFootballFieldsPerTenThousand(t *testing.T) {
	s := mustLoad(t, "fitness-2025")
	// Ruling 18: target ⌈0.9 × population ÷ 10,000⌉ whole fields.
	tests := []struct {
		name, pop, fields, target, gap string
		met                            bool
	}{
		{"rounds up", "123456", "11", "12", "1", false},
		{"met on the rounded target", "123456", "12", "12", "0", true},
		{"exact multiple needs no rounding", "200000", "18", "18", "0", true},
		{"one person more starts a field", "200001", "18", "19", "1", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := evaluate(t, s, record(t, s, "交口县", map[string]string{"population": tc.pop, "F16": tc.fields}))[0]
			q := quota(t, r, "F16")
			if str(q.Target) != tc.target || str(q.Gap) != tc.gap || q.Met != tc.met {
				t.Errorf("target %s gap %s met %v; want %s %s %v", str(q.Target), str(q.Gap), q.Met, tc.target, tc.gap, tc.met)
			}
		})
	}
}

func TestMissingPopulationIsMissingNotMet(t *testing.T) {
	s := mustLoad(t, "fitness-2025")
	r := evaluate(t, s, record(t, s, "交口县", map[string]string{"F16": "40"}))[0]
	q := quota(t, r, "F16")
	if q.Target != nil || q.Gap != nil || q.Met {
		t.Errorf("F16 without population: target %s gap %s met %v; want null null false", str(q.Target), str(q.Gap), q.Met)
	}
	if !slices.Contains(r.Missing, "population") || r.Verdict == scoring.Met {
		t.Errorf("missing %v verdict %s", r.Missing, r.Verdict)
	}
}

func TestYearlyRowsAfterTheValuesYearAreNotDue(t *testing.T) {
	s := mustLoad(t, "fitness-2025")
	cells := map[string]string{"F12.2023": "11", "F12.2024": "10"}
	rec := record(t, s, "石楼县", cells)
	rec.Year = 2024
	r := evaluate(t, s, rec)[0]
	if q := quota(t, r, "F12.2024"); q.Met || str(q.Gap) != "1" {
		t.Errorf("F12.2024 gap %s met %v", str(q.Gap), q.Met)
	}
	for _, q := range r.Quotas {
		if q.Year == 2025 {
			t.Errorf("2025 quota %s evaluated for 2024 values", q.ID)
		}
	}
	if !slices.Contains(r.NotDue, "F12.2025") || !slices.Contains(r.NotDue, "F15.2025") {
		t.Errorf("not due %v", r.NotDue)
	}
	rec.Year = 0 // no year given: every plan year is evaluated
	r = evaluate(t, s, rec)[0]
	if q := quota(t, r, "F12.2025"); q.Actual != nil || q.Met {
		t.Errorf("F12.2025 without a value: %+v", q)
	}
}

func TestQuotaVerdicts(t *testing.T) {
	s := mustLoad(t, "bigdata-2023")
	tests := []struct {
		name    string
		subject string
		cells   map[string]string
		verdict string
	}{
		{"all met", "交口县", map[string]string{"B01": "2", "B03": "1"}, "met"},
		{"a shortfall decides before a missing value", "交口县", map[string]string{"B01": "1"}, "not-met"},
		{"a missing value without a shortfall", "交口县", map[string]string{"B01": "2"}, "incomplete"},
		{"zone with both targets", "吕梁经开区", map[string]string{"B01": "10", "B02": "2", "B03": "12"}, "met"},
		{"B02 of 孝义经开区 reads as ≥ 1 (ruling 21)", "孝义经开区", map[string]string{"B01": "3", "B02": "0", "B03": "3"}, "not-met"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := evaluate(t, s, record(t, s, tc.subject, tc.cells))[0]
			if r.Verdict != tc.verdict {
				t.Errorf("verdict %s, want %s: %+v", r.Verdict, tc.verdict, r.Quotas)
			}
		})
	}
}

func TestOnlyOwedQuotasAppear(t *testing.T) {
	s := mustLoad(t, "bigdata-2023")
	r := evaluate(t, s, record(t, s, "交口县", map[string]string{"B01": "2", "B02": "5", "B03": "1"}))[0]
	var ids []string
	for _, q := range r.Quotas {
		ids = append(ids, q.ID)
	}
	if !slices.Equal(ids, []string{"B01", "B03"}) {
		t.Errorf("交口县 owes %v; want B01 B03 (no above-scale target)", ids)
	}
	city := evaluate(t, s, record(t, s, "吕梁市", map[string]string{"B03": "57", "B04": "19.9", "B05": "6"}))[0]
	if q := quota(t, city, "B04"); q.Met || str(q.Gap) != "0.1" {
		t.Errorf("city B04 %+v", q)
	}
	if q := quota(t, city, "B03"); !q.Met || q.Scope != scoring.ScopeCity {
		t.Errorf("city B03 %+v", q)
	}
}

// TestCitySumNeedsEveryCounty is ruling 16: a sparse row is the sum of the
// counties' values against the row's total, and a sum with a county
// missing is unknown, never a partial total passed off as the whole.
func TestCitySumNeedsEveryCounty(t *testing.T) {
	s := mustLoad(t, "fitness-2025")
	counties := criteria.Subjects().InLevels([]string{"county"})
	var recs []*inputs.Record
	for _, name := range counties {
		recs = append(recs, record(t, s, name, map[string]string{"F07": "1", "F02": "0"}))
	}
	city := record(t, s, "吕梁市", map[string]string{})
	res := evaluate(t, s, append(recs, city)...)
	r := res[len(res)-1]
	if q := quota(t, r, "F07"); str(q.Actual) != "13" || !q.Met || q.Scope != scoring.ScopeCitySum {
		t.Errorf("city F07 %+v, want 13 met city-sum", q)
	}
	if q := quota(t, r, "F02"); str(q.Actual) != "0" || str(q.Gap) != "5" {
		t.Errorf("city F02 actual %s gap %s, want 0 and 5 (the body's 5 parks)", str(q.Actual), str(q.Gap))
	}
	res = evaluate(t, s, append(recs[1:], city)...)
	r = res[len(res)-1]
	if q := quota(t, r, "F07"); q.Actual != nil || q.Derived.Reported != 12 || q.Derived.Members != 13 {
		t.Errorf("city F07 with a county absent %+v", q)
	}
}

func TestRollupShowsThePlansOwnShortfall(t *testing.T) {
	s := mustLoad(t, "fitness-2025")
	recs := []*inputs.Record{record(t, s, "文水县", map[string]string{"F03": "50"}), record(t, s, "中阳县", map[string]string{"F03": "4.5"})}
	res := evaluate(t, s, recs...)
	var f03 scoring.RollupRow
	for _, row := range scoring.Rollup(s, recs, res) {
		if row.ID == "F03" {
			f03 = row
		}
	}
	// 443 km owed by the counties against the city's 500 (ruling 19).
	if str(f03.PlanTotal) != "443" || str(f03.CityTarget) != "500" || str(f03.PlanShortfall) != "57" {
		t.Errorf("F03 plan %s city %s shortfall %s", str(f03.PlanTotal), str(f03.CityTarget), str(f03.PlanShortfall))
	}
	if str(f03.TargetSum) != "55" || str(f03.ActualSum) != "54.5" || str(f03.GapSum) != "5.5" || f03.Unmet != 1 || f03.Owing != 13 || f03.Reported != 2 {
		t.Errorf("F03 run sums %+v", f03)
	}
	if f03.CityActual != nil {
		t.Errorf("a city sum from 2 of 13 counties: %s", str(f03.CityActual))
	}
}

// TestRollupNeverSumsPerPersonFigures: F01 is ㎡ per person; adding the
// counties' figures would mean nothing.
func TestRollupNeverSumsPerPersonFigures(t *testing.T) {
	s := mustLoad(t, "fitness-2025")
	recs := []*inputs.Record{
		record(t, s, "文水县", map[string]string{"F01.baseline": "1.8", "F01.current": "2.6"}),
		record(t, s, "吕梁市", map[string]string{"F01.current": "2.5", "population": "3400000", "F18": "9000"}),
	}
	res := evaluate(t, s, recs...)
	for _, row := range scoring.Rollup(s, recs, res) {
		switch row.ID {
		case "F01":
			if row.TargetSum != nil || row.ActualSum != nil || row.Additive || str(row.CityActual) != "2.5" || str(row.CityGap) != "0.1" {
				t.Errorf("F01 roll-up %+v", row)
			}
		case "F18":
			if str(row.CityTarget) != "8840" || str(row.CityActual) != "9000" || str(row.CityGap) != "0" {
				t.Errorf("F18 roll-up target %s actual %s gap %s", str(row.CityTarget), str(row.CityActual), str(row.CityGap))
			}
		}
	}
}

func TestExtensionAssignsSparseRows(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("assign.toml", `extends = "fitness-2025"
[[assign]]
quota = "F02"
source = "县体育局 2023 年分解（示例）"
[assign.targets]
"文水" = 1   # a short name is found like anywhere else
`)
	s, err := criteria.Load(good)
	if err != nil {
		t.Fatal(err)
	}
	r := evaluate(t, s, record(t, s, "文水县", map[string]string{"F02": "0"}))[0]
	if q := quota(t, r, "F02"); str(q.Target) != "1" || q.Met {
		t.Errorf("assigned F02 %+v", q)
	}
	bad := []struct{ name, body, want string }{
		{"unknown quota", `extends = "fitness-2025"
[[assign]]
quota = "F2"
source = "x"
[assign.targets]
"文水县" = 1
`, `unknown quota "F2"`},
		{"unknown subject", `extends = "fitness-2025"
[[assign]]
quota = "F02"
source = "x"
[assign.targets]
"汶水县" = 1
`, `unknown subject "汶水县"; did you mean "文水县"?`},
		{"changes a target the plan sets", `extends = "fitness-2025"
[[assign]]
quota = "F03"
source = "x"
[assign.targets]
"文水县" = 50
`, "already owes a target"},
		{"redefines a rule", `extends = "fitness-2025"
years = [2030]
[[assign]]
quota = "F02"
source = "x"
[assign.targets]
"文水县" = 1
`, "may only add [[assign]]"},
		{"extends a scored set", `extends = "garden-county"
[[assign]]
quota = "F02"
source = "x"
[assign.targets]
"文水县" = 1
`, "only quota sets take assignments"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			_, err := criteria.Load(write(strings.ReplaceAll(tc.name, " ", "-")+".toml", tc.body))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want it to say %q", err, tc.want)
			}
		})
	}
}
