package scoring

import (
	"math"
	"slices"

	"countyscore/criteria"
	"countyscore/exact"
)

// engineVerdicts are the verdicts the engine gives before points decide,
// worst first: a subject vetoed is further from acceptance than one whose
// prerequisites are unmet, and so on down to a subject that cannot be told.
var engineVerdicts = []string{Vetoed, PrerequisitesUnmet, BaselineUnmet, Incomplete}

// quotaVerdicts are a target plan's verdicts, worst first.
var quotaVerdicts = []string{NotMet, Incomplete, Met}

// VerdictOrder places verdict on a scale where a larger number is a better
// verdict, so "fell to a worse verdict" is a comparison of two numbers.
// For a scored set the scale is the engine's verdicts (vetoed <
// prerequisites-unmet < baseline-unmet < incomplete), then the set's
// verdict under its lowest line, then its lines from the lowest up: the
// order comes from the criteria file, never from Go. For a quota set it is
// not-met < incomplete < met. An unknown verdict is -1.
func VerdictOrder(s *criteria.Set, verdict string) int {
	if !s.IsScored() {
		return slices.Index(quotaVerdicts, verdict)
	}
	if i := slices.Index(engineVerdicts, verdict); i >= 0 {
		return i
	}
	if verdict == s.BelowVerdict {
		return len(engineVerdicts)
	}
	lines := slices.Clone(s.Lines)
	slices.SortStableFunc(lines, func(a, b criteria.Line) int { return a.Points.V.Cmp(b.Points.V) })
	for i, l := range lines {
		if l.Verdict == verdict {
			return len(engineVerdicts) + 1 + i
		}
	}
	return -1
}

// CompetitionRanks ranks n items by better, which returns a positive
// number when item i ranks before item j, 0 for a tie. Ties share a rank
// and the next rank skips as many places as shared it ("1, 2, 2, 4"), the
// way league tables and official rankings count: a subject's rank is one
// more than the number of subjects strictly better than it, whatever order
// the inputs came in.
func CompetitionRanks(n int, better func(i, j int) int) []int {
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return -better(a, b) })
	ranks := make([]int, n)
	for k, i := range order {
		if k > 0 && better(order[k-1], i) == 0 {
			ranks[i] = ranks[order[k-1]]
			continue
		}
		ranks[i] = k + 1
	}
	return ranks
}

// ScoredStanding is what ranks a subject under a scored standard: its
// verdict first (a vetoed subject ranks after every subject that is not,
// whatever its points), then its points under the conservative reading.
type ScoredStanding struct {
	Verdict int // VerdictOrder
	Points  exact.Decimal
}

// CompareScored returns a positive number when a ranks before b.
func CompareScored(a, b ScoredStanding) int {
	if a.Verdict != b.Verdict {
		return a.Verdict - b.Verdict
	}
	return a.Points.Cmp(b.Points)
}

// QuotaStanding is what ranks a subject under a target plan: the share of
// its quotas met, then its mean completion over the quotas that have one
// (done_pct of a "≥" quota whose target and value are known).
type QuotaStanding struct {
	Met, Quotas int           // quotas met, quotas owed
	DoneSum     exact.Decimal // Σ done_pct
	DoneCount   int           // quotas with a done_pct
}

// StandingOf sums up one subject's quota results.
func StandingOf(r *Quotas) QuotaStanding {
	st := QuotaStanding{Quotas: len(r.Quotas), DoneSum: exact.Zero}
	for _, q := range r.Quotas {
		if q.Met {
			st.Met++
		}
		if q.Done != nil {
			st.DoneSum = add(st.DoneSum, q.Done.V)
			st.DoneCount++
		}
	}
	return st
}

// MeanDone is the mean completion in percent, for display, and false when
// no quota has one.
func (st QuotaStanding) MeanDone() (exact.Decimal, bool) {
	if st.DoneCount == 0 {
		return exact.Zero, false
	}
	q, err := st.DoneSum.Quo(exact.Int(int64(st.DoneCount)))
	if err != nil {
		return exact.Zero, false
	}
	return q.Round(1), true
}

// CompareQuota returns a positive number when a ranks before b. Shares
// and means are compared exactly by cross-multiplication (met_a × n_b
// against met_b × n_a), never as rounded percentages; a subject that owes
// no quota, or has no completion, ranks after one that does.
func CompareQuota(a, b QuotaStanding) int {
	if c := cross(int64(a.Met), int64(a.Quotas), int64(b.Met), int64(b.Quotas)); c != 0 {
		return c
	}
	switch {
	case a.DoneCount == 0 && b.DoneCount == 0:
		return 0
	case a.DoneCount == 0:
		return -1
	case b.DoneCount == 0:
		return 1
	}
	l, err1 := exact.Mul(a.DoneSum, exact.Int(int64(b.DoneCount)))
	r, err2 := exact.Mul(b.DoneSum, exact.Int(int64(a.DoneCount)))
	if err1 != nil || err2 != nil {
		return 0
	}
	return l.Cmp(r)
}

// cross compares the fractions p/q and r/s; an empty fraction (q = 0)
// ranks last.
func cross(p, q, r, s int64) int {
	switch {
	case q == 0 && s == 0:
		return 0
	case q == 0:
		return -1
	case s == 0:
		return 1
	}
	l, rr := p*s, r*q
	switch {
	case l > rr:
		return 1
	case l < rr:
		return -1
	}
	return 0
}

// CompareIDs orders quota and indicator IDs as people number them (F2
// before F10), for views that merge the lines of several results.
func CompareIDs(a, b string) int { return compareIDs(a, b) }

// VerdictScale is VerdictOrder worked out once for a set, for runs that
// place a verdict per subject: VerdictOrder sorts the set's lines on each
// call.
type VerdictScale struct {
	set      *criteria.Set
	verdicts []string
	orders   []int
}

// NewVerdictScale prepares the order of every verdict s can give.
func NewVerdictScale(s *criteria.Set) *VerdictScale {
	v := &VerdictScale{set: s}
	known := slices.Concat(engineVerdicts, quotaVerdicts, []string{s.BelowVerdict})
	for _, l := range s.Lines {
		known = append(known, l.Verdict)
	}
	for _, verdict := range known {
		if !slices.Contains(v.verdicts, verdict) {
			v.verdicts = append(v.verdicts, verdict)
			v.orders = append(v.orders, VerdictOrder(s, verdict))
		}
	}
	return v
}

// Order is VerdictOrder(s, verdict).
func (v *VerdictScale) Order(verdict string) int {
	for i, known := range v.verdicts {
		if known == verdict {
			return v.orders[i]
		}
	}
	return VerdictOrder(v.set, verdict)
}

// ScoredRanks is CompetitionRanks of st by CompareScored, computed on
// integers: the points are brought to one scale (exactly; a set whose
// points do not fit falls back to comparing decimals), so ranking
// 100,000 subjects sorts machine words, not decimals.
func ScoredRanks(st []ScoredStanding) []int {
	return ScoredRanksOf(len(st), func(i int) ScoredStanding { return st[i] })
}

// ScoredRanksOf is ScoredRanks of n standings, the i-th at(i): for a
// caller that keeps them otherwise than as a slice of standings.
func ScoredRanksOf(n int, at func(i int) ScoredStanding) []int {
	keys, ok := decimalKeys(n, func(i int) exact.Decimal { return at(i).Points })
	if !ok {
		return CompetitionRanks(n, func(i, j int) int { return CompareScored(at(i), at(j)) })
	}
	type entry struct {
		points      int64
		verdict, at int32
	}
	order := make([]entry, n)
	for i := range n {
		order[i] = entry{verdict: int32(at(i).Verdict), points: keys[i], at: int32(i)}
	}
	slices.SortFunc(order, func(a, b entry) int {
		if a.verdict != b.verdict {
			return int(b.verdict - a.verdict)
		}
		switch {
		case a.points > b.points:
			return -1
		case a.points < b.points:
			return 1
		}
		return 0
	})
	ranks := make([]int, n)
	for k, e := range order {
		if k > 0 && order[k-1].verdict == e.verdict && order[k-1].points == e.points {
			ranks[e.at] = ranks[order[k-1].at]
			continue
		}
		ranks[e.at] = k + 1
	}
	return ranks
}

// PointKeys brings every standing's points to the largest scale among
// them as an int64, exactly, or reports false when one does not fit: the
// keys order the points as the decimals do.
func PointKeys(st []ScoredStanding) ([]int64, bool) {
	return decimalKeys(len(st), func(i int) exact.Decimal { return st[i].Points })
}

// NumberKeys is PointKeys for a row of numbers (a comparison's cells).
func NumberKeys(ns []Number) ([]int64, bool) {
	return decimalKeys(len(ns), func(i int) exact.Decimal { return ns[i].V })
}

func decimalKeys(n int, at func(int) exact.Decimal) ([]int64, bool) {
	scale := 0
	for i := range n {
		scale = max(scale, at(i).Scale())
	}
	if scale > 18 {
		return nil, false
	}
	keys := make([]int64, n)
	for i := range n {
		d := at(i)
		coef, mul := d.Coef(), uint64(1)
		for range scale - d.Scale() {
			mul *= 10
		}
		if coef > math.MaxInt64/mul {
			return nil, false
		}
		keys[i] = int64(coef * mul)
		if d.IsNeg() {
			keys[i] = -keys[i]
		}
	}
	return keys, true
}
