package scoring_test

import (
	"slices"
	"testing"

	"countyscore/exact"
	"countyscore/scoring"
)

func TestVerdictOrder(t *testing.T) {
	garden, fitness := mustLoad(t, "garden-county"), mustLoad(t, "fitness-2025")
	scored := []string{scoring.Vetoed, scoring.PrerequisitesUnmet, scoring.BaselineUnmet, scoring.Incomplete,
		"below-70", "forwardable", "acceptance-ready"}
	for i := 1; i < len(scored); i++ {
		if a, b := scoring.VerdictOrder(garden, scored[i-1]), scoring.VerdictOrder(garden, scored[i]); a >= b || a < 0 {
			t.Errorf("garden: %s (%d) should be worse than %s (%d)", scored[i-1], a, scored[i], b)
		}
	}
	quota := []string{scoring.NotMet, scoring.Incomplete, scoring.Met}
	for i := 1; i < len(quota); i++ {
		if a, b := scoring.VerdictOrder(fitness, quota[i-1]), scoring.VerdictOrder(fitness, quota[i]); a >= b || a < 0 {
			t.Errorf("fitness: %s (%d) should be worse than %s (%d)", quota[i-1], a, quota[i], b)
		}
	}
	if got := scoring.VerdictOrder(garden, "no-such-verdict"); got != -1 {
		t.Errorf("unknown verdict: %d", got)
	}
}

func TestCompetitionRanks(t *testing.T) {
	tests := []struct {
		name   string
		scores []int
		want   []int
	}{
		{name: "distinct", scores: []int{70, 90, 80}, want: []int{3, 1, 2}},
		{name: "ties share a rank and the next skips", scores: []int{80, 90, 80, 70}, want: []int{2, 1, 2, 4}},
		{name: "all tied", scores: []int{5, 5, 5}, want: []int{1, 1, 1}},
		{name: "tie at the bottom", scores: []int{1, 3, 1}, want: []int{2, 1, 2}},
		{name: "empty", scores: nil, want: []int{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := scoring.CompetitionRanks(len(tc.scores), func(i, j int) int { return tc.scores[i] - tc.scores[j] })
			if !slices.Equal(got, tc.want) {
				t.Errorf("ranks %v, want %v", got, tc.want)
			}
		})
	}
}

func TestCompareScored(t *testing.T) {
	d := exact.MustParse
	tests := []struct {
		name string
		a, b scoring.ScoredStanding
		want int // sign
	}{
		{name: "better verdict wins over points", a: scoring.ScoredStanding{Verdict: 5, Points: d("70")}, b: scoring.ScoredStanding{Verdict: 0, Points: d("95")}, want: 1},
		{name: "same verdict: points", a: scoring.ScoredStanding{Verdict: 4, Points: d("61.5")}, b: scoring.ScoredStanding{Verdict: 4, Points: d("62")}, want: -1},
		{name: "tie", a: scoring.ScoredStanding{Verdict: 4, Points: d("61.50")}, b: scoring.ScoredStanding{Verdict: 4, Points: d("61.5")}, want: 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := sign(scoring.CompareScored(tc.a, tc.b)); got != tc.want {
				t.Errorf("got %d, want %d", got, tc.want)
			}
		})
	}
}

func TestCompareQuota(t *testing.T) {
	d := exact.MustParse
	st := func(met, n int, sum string, count int) scoring.QuotaStanding {
		return scoring.QuotaStanding{Met: met, Quotas: n, DoneSum: d(sum), DoneCount: count}
	}
	tests := []struct {
		name string
		a, b scoring.QuotaStanding
		want int
	}{
		{name: "share met first: 2/3 beats 3/5", a: st(2, 3, "100", 1), b: st(3, 5, "900", 5), want: 1},
		{name: "equal shares 1/2 and 2/4: mean completion decides", a: st(1, 2, "150", 2), b: st(2, 4, "320", 4), want: -1},
		{name: "equal share and mean: a tie", a: st(1, 2, "150", 2), b: st(2, 4, "300", 4), want: 0},
		{name: "no completion ranks after one", a: st(1, 2, "0", 0), b: st(1, 2, "10", 1), want: -1},
		{name: "owing nothing ranks last", a: st(0, 0, "0", 0), b: st(0, 3, "10", 1), want: -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := sign(scoring.CompareQuota(tc.a, tc.b)); got != tc.want {
				t.Errorf("got %d, want %d", got, tc.want)
			}
			if got := sign(scoring.CompareQuota(tc.b, tc.a)); got != -tc.want {
				t.Errorf("reversed: got %d, want %d", got, -tc.want)
			}
		})
	}
}

func sign(n int) int {
	switch {
	case n > 0:
		return 1
	case n < 0:
		return -1
	}
	return 0
}

// TestScoredRanks: ranking on integer keys gives CompetitionRanks by
// CompareScored, whatever the scales and signs of the points, and falls
// back to decimals when the points do not fit one scale.
func TestScoredRanks(t *testing.T) {
	d := exact.MustParse
	st := func(verdict int, points string) scoring.ScoredStanding {
		return scoring.ScoredStanding{Verdict: verdict, Points: d(points)}
	}
	tests := []struct {
		name string
		in   []scoring.ScoredStanding
		want []int
	}{
		{name: "verdict before points", in: []scoring.ScoredStanding{st(0, "95"), st(5, "70"), st(5, "71")}, want: []int{3, 2, 1}},
		{name: "ties across scales share a rank", in: []scoring.ScoredStanding{st(4, "61.50"), st(4, "62"), st(4, "61.5"), st(4, "1")},
			want: []int{2, 1, 2, 4}},
		{name: "negative points", in: []scoring.ScoredStanding{st(1, "-0.25"), st(1, "0"), st(1, "-3")}, want: []int{2, 1, 3}},
		{name: "points that do not fit one scale", in: []scoring.ScoredStanding{{Verdict: 1, Points: exact.Unpack(1, 18)}, st(1, "99999"), st(1, "0")},
			want: []int{2, 1, 3}},
		{name: "empty", in: nil, want: []int{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := scoring.ScoredRanks(tc.in)
			if !slices.Equal(got, tc.want) {
				t.Errorf("ranks %v, want %v", got, tc.want)
			}
			ref := scoring.CompetitionRanks(len(tc.in), func(i, j int) int { return scoring.CompareScored(tc.in[i], tc.in[j]) })
			if !slices.Equal(got, ref) {
				t.Errorf("ranks %v, CompetitionRanks %v", got, ref)
			}
		})
	}
}

// TestVerdictScale: the scale worked out once orders every verdict as
// VerdictOrder does, unknown ones included.
func TestVerdictScale(t *testing.T) {
	for _, id := range []string{"garden-county", "fitness-2025"} {
		s := mustLoad(t, id)
		scale := scoring.NewVerdictScale(s)
		verdicts := []string{scoring.Vetoed, scoring.PrerequisitesUnmet, scoring.BaselineUnmet, scoring.Incomplete,
			scoring.NotMet, scoring.Met, s.BelowVerdict, "no-such-verdict"}
		for _, l := range s.Lines {
			verdicts = append(verdicts, l.Verdict)
		}
		for _, v := range verdicts {
			if got, want := scale.Order(v), scoring.VerdictOrder(s, v); got != want {
				t.Errorf("%s: %q at %d, VerdictOrder says %d", id, v, got, want)
			}
		}
	}
}
