package scoring_test

import (
	"strings"
	"testing"

	"countyscore/scoring"
)

// TestBandPoints: a value earns the points of the highest band it
// reaches; the edges are inclusive and unequal; below every band earns 0;
// missing is never met.
func TestBandPoints(t *testing.T) {
	const bands = `bands = [{ from = 45, points = 10 }, { from = 40, points = 8 }, { from = "32.5", points = 5 }, { from = 20, points = 2 }]`
	tests := []struct {
		name, m1, points, status string
	}{
		{"above the top", "60", "10", "met"},
		{"at the top edge", "45", "10", "met"},
		{"just under the top", "44.999", "8", "partial"},
		{"a wide band", "33", "5", "partial"},
		{"at a decimal edge", "32.5", "5", "partial"},
		{"just under it", "32.49", "2", "partial"},
		{"below every band", "19.9", "0", "unmet"},
		{"missing is never met", "", "0", "missing"},
	}
	s := ratioSet(t, "bands", bands)
	if d := s.Indicators[0].Kind.Describe(&s.Indicators[0], "zh"); !strings.Contains(d, "≥32.5 得 5 分") {
		t.Errorf("the description %q does not list the bands", d)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			vals := map[string]string{}
			if tc.m1 != "" {
				vals["M1"] = tc.m1
			}
			r, err := scoring.Score(s, record(t, s, "汾阳市", vals))
			if err != nil {
				t.Fatal(err)
			}
			got := r.Indicators[0]
			if got.Points.String() != tc.points || got.Status != tc.status {
				t.Errorf("M1 = %q: %s %s, want %s %s", tc.m1, got.Points, got.Status, tc.points, tc.status)
			}
		})
	}
}
