package scoring_test

import (
	"strings"
	"testing"

	"countyscore/scoring"
)

func TestPlanQuotas(t *testing.T) {
	s := mustLoad(t, "fitness-2025")
	tests := []struct {
		name    string
		year    int
		cells   map[string]string
		want    []string // actions: measure from→to amount reason year due
		unknown string
		reach   bool
		verdict string
	}{
		{"yearly quota short, another missing, a target unknown", 2024,
			map[string]string{"F01.baseline": "1.5", "F01.current": "2.1", "F03": "50", "F12.2023": "5", "F13.2023": "60", "F13.2024": "60",
				"F14.2023": "1", "F14.2024": "1", "F15.2023": "3", "F15.2024": "3", "F16": "3"},
			[]string{"F12.2023 5→11 6 quota 2023 每年", "F12.2024 missing→11 - missing 2024 每年"},
			"population", false, scoring.Incomplete},
		{"growth band short; population known", 2023,
			map[string]string{"population": "300000", "F01.baseline": "1.5", "F01.current": "2.0", "F03": "45", "F12.2023": "11", "F13.2023": "60",
				"F14.2023": "1", "F15.2023": "3", "F16": "30"},
			[]string{"F01.current 2→2.1 0.1 quota 2025 2025 年底"},
			"", true, scoring.Met},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := record(t, s, "文水县", tc.cells)
			rec.Year = tc.year
			res := evaluate(t, s, rec)
			plans, err := scoring.PlanQuotas(s, res)
			if err != nil {
				t.Fatal(err)
			}
			p := plans[0]
			var got []string
			for _, a := range p.Actions {
				from, amount := "missing", "-"
				if a.From != nil {
					from = scalarText(*a.From)
				}
				if a.Amount != nil {
					amount = a.Amount.String()
				}
				got = append(got, strings.Join([]string{a.Measure, from + "→" + scalarText(a.To), amount, a.Reason, itoa(a.Year), a.Due}, " "))
			}
			if strings.Join(got, "; ") != strings.Join(tc.want, "; ") {
				t.Errorf("actions\n got %q\nwant %q", got, tc.want)
			}
			if strings.Join(p.Unknown, ",") != tc.unknown || p.Reachable != tc.reach || p.VerdictAfter != tc.verdict {
				t.Errorf("unknown %v reachable %t verdict %s; want %s %t %s", p.Unknown, p.Reachable, p.VerdictAfter, tc.unknown, tc.reach, tc.verdict)
			}
			if p.Line != nil || p.PointsAfter != nil {
				t.Errorf("a quota plan has no line or points: %v %v", p.Line, p.PointsAfter)
			}
		})
	}
	if _, err := scoring.PlanQuotas(mustLoad(t, "garden-county"), nil); err == nil {
		t.Error("PlanQuotas took a scored set")
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}
