package scoring

import (
	"slices"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
)

// A standing (StandingOnly) reads of each indicator's scoring its points,
// status and gates, and the measures it finds missing: for an indicator
// keyed by class (classesOf), all of them depend only on the classes of
// its values. A standing Scorer keeps them per class, as the planner
// keeps its results: diff scores two sides of 100,000 subjects each,
// whose values fall in some twenty classes an indicator on average.
type standingMemo struct {
	classes [][]valueClass             // per indicator; nil when it is not keyed by class
	kept    []keyIndex[standingResult] // per indicator, per class
}

// standingResult is an indicator's scoring for one class of values.
type standingResult struct {
	r       memoResult
	missing []string // the measures it found missing, in its order
}

func newStandingMemo(s *criteria.Set) *standingMemo {
	m := &standingMemo{classes: make([][]valueClass, len(s.Indicators)), kept: make([]keyIndex[standingResult], len(s.Indicators))}
	for i := range s.Indicators {
		if cls, ok := classesOf(s, &s.Indicators[i]); ok {
			m.classes[i] = cls
		}
	}
	return m
}

// score is scoreInto of indicator i (ind) for a standing, through the
// memory: res, the evaluation and the missing measures appended are what
// scoreInto gives.
func (m *standingMemo) score(res *Indicator, i int, ind *criteria.Indicator, vals []inputs.Value, missing *[]string) (evaluation, error) {
	var key uint64
	ok := m.classes[i] != nil
	if ok {
		key, ok = classKey(m.classes[i], vals)
	}
	if !ok {
		return scoreInto(res, ind, vals, nil, missing, nil)
	}
	kept := &m.kept[i]
	if k, found := kept.find(key); found {
		e := kept.at(k)
		*res = Indicator{ID: ind.ID, Points: N(exact.Unpack(e.r.coef, e.r.meta)), PointsOptimistic: N(exact.Zero),
			MaxPoints: N(ind.Points.V), Status: statuses[e.r.state&statusBits], Shortfalls: []Shortfall{}}
		*missing = append(*missing, e.missing...)
		return evaluation{vetoed: e.r.state&gateVetoed != 0, vetoMissing: e.r.state&gateVetoMissing != 0}, nil
	}
	before := len(*missing)
	ev, err := scoreInto(res, ind, vals, nil, missing, nil)
	if err != nil || kept.n >= maxMemo {
		return ev, err
	}
	g := afterPoints{status: res.Status, vetoed: ev.vetoed, vetoMissing: ev.vetoMissing, missing: len(*missing) > before}
	if r, ok := keepResult(res.Points.V, g); ok {
		kept.put(key, standingResult{r: r, missing: slices.Clone((*missing)[before:])})
	}
	return ev, nil
}
