package scoring

import (
	"fmt"

	"countyscore/criteria"
	"countyscore/exact"
)

// The plan and the items that do not apply. An item that does not apply
// to the subject is not an option: no change of its measures earns
// anything, and changing a value typed 不适用 would plan a measurement
// the criteria excuse. Its points have left the maximum by the set's
// policy, so the plan aims at the line as the policy compares it: in the
// sum of the indicators' points the search adds up, the line l is
// l × A ÷ max (A the applicable maximum) under both policies (see
// settle), rounded up to the set's finest point step.

// planRefusesWeights refuses a set whose categories carry weights: a
// point there is not worth a point of the score, and the search adds
// points.
func planRefusesWeights(s *criteria.Set) error {
	if s.Weighted() {
		return fmt.Errorf("plan %s: its categories carry weights, which plan does not search yet", s.ID)
	}
	return nil
}

// planSkips reports whether indicator i is left out of the plan's
// options for the subject scored as before.
func planSkips(before *Scored, i int) bool {
	return before.Indicators[i].Status == StatusNA
}

// planLine is the sum of indicator points that reaches line under the
// set's policy for the subject scored as before. Unchanged when every
// item applies.
func planLine(s *criteria.Set, before *Scored, line exact.Decimal) exact.Decimal {
	if before.ApplicableMax == nil || !s.MaxPoints.V.IsPos() {
		return line
	}
	if s.NAPolicy == criteria.NARescale {
		// Rounding may lift the score: aim at the line rounded up to the
		// set's unit, which reached exactly is reached after rounding.
		if up, err := s.CeilQuo(line, exact.One); err == nil {
			line = up
		}
	}
	num, err := exact.Mul(line, before.ApplicableMax.V)
	if err != nil {
		return line
	}
	step := pointStep(s)
	unit, err := exact.Mul(s.MaxPoints.V, step)
	if err != nil {
		return line
	}
	started, _, err := exact.Steps(num, unit)
	if err != nil {
		return line
	}
	raw, err := exact.Mul(started, step)
	if err != nil {
		return line
	}
	return raw
}

// pointStep is the finest step in which an indicator's points move:
// 10^−k for the most decimals any points figure of the set has.
func pointStep(s *criteria.Set) exact.Decimal {
	scale := 0
	for _, ind := range s.Indicators {
		for _, d := range []criteria.Dec{ind.Points, ind.Deduct, ind.RoundDown, ind.RoundHalfUp} {
			scale = max(scale, d.V.Scale())
		}
		for _, b := range ind.Bands {
			scale = max(scale, b.Points.V.Scale())
		}
	}
	step := exact.One
	for range scale {
		step, _ = exact.Mul(step, exact.MustParse("0.1"))
	}
	return step
}

// planRaw is the sum of indicator points of a result, which the plan's
// search foresees: the score itself unless the policy rescaled it.
func planRaw(r *Scored) exact.Decimal {
	if r.RawPoints != nil {
		return r.RawPoints.V
	}
	return r.Points.V
}
