package criteria

import (
	"fmt"

	"countyscore/exact"
)

// Category weights and the set's rounding.
//
// With weights, a set's score is Σ weight × (category points ÷ category
// maximum) × max_points, formed exactly and rounded once. The engine forms
// it as one quotient: with k_c = weight_c × Π_{j≠c} maximum_j, the score
// is max_points × Σ k_c × points_c ÷ Σ k_c × maximum_c — no division before
// the last, so no digit is lost. Without weights, k_c = 1 and the
// quotient is the plain sum of points (Σ maximum_c is max_points).

// Weighted reports whether the set's categories carry weights.
func (s *Set) Weighted() bool { return s.weightK != nil }

// WeightFactors returns k_c per category (nil for an unweighted set).
func (s *Set) WeightFactors() []exact.Decimal { return s.weightK }

// Rounds reports whether the set states how its score is rounded.
func (s *Set) Rounds() bool { return s.RoundDown.Given || s.RoundHalfUp.Given }

// RoundQuo returns num ÷ den rounded as the set states (down, or half up,
// to a multiple of its unit), exactly: it counts whole steps of den × unit
// in num, so a quotient that does not end loses nothing before rounding.
// num is not negative and den is positive.
func (s *Set) RoundQuo(num, den exact.Decimal) (exact.Decimal, error) {
	if !den.IsPos() {
		return exact.Zero, fmt.Errorf("divisor %s is not positive", exact.String(den))
	}
	q, halfUp := s.RoundDown.V, false
	if s.RoundHalfUp.Given {
		q, halfUp = s.RoundHalfUp.V, true
	}
	if !q.IsPos() {
		return exact.Zero, fmt.Errorf("the set states no rounding")
	}
	return roundQuotient(num, den, q, halfUp)
}

// CeilQuo returns num ÷ den rounded up to a multiple of the set's rounding
// unit: a line scaled to an applicable maximum, as shown (the comparison
// with it stays exact).
func (s *Set) CeilQuo(num, den exact.Decimal) (exact.Decimal, error) {
	q := s.RoundDown.V
	if s.RoundHalfUp.Given {
		q = s.RoundHalfUp.V
	}
	unit, err := exact.Mul(den, q)
	if err != nil {
		return exact.Zero, err
	}
	started, _, err := exact.Steps(num, unit)
	if err != nil {
		return exact.Zero, err
	}
	return exact.Mul(started, q)
}

// RoundingText says how the set rounds its score, in lang.
func (s *Set) RoundingText(lang string) string {
	if s.RoundHalfUp.Given {
		return fmt.Sprintf(Pick(lang, "四舍五入到 %s 分", "rounded half up to %s points"), s.RoundHalfUp)
	}
	if s.RoundDown.Given {
		return fmt.Sprintf(Pick(lang, "向下舍入到 %s 分", "rounded down to %s points"), s.RoundDown)
	}
	return ""
}

// compileWeights checks the categories' weights and the set's rounding,
// and prepares the weight factors.
func compileWeights(c *collector) {
	s := c.set
	s.weightK = nil
	given := 0
	for _, cat := range s.Categories {
		if cat.Weight.Given {
			given++
		}
	}
	weighted := given > 0
	if weighted && s.Kind != KindScored {
		c.at(Error, "category", "category weights are for a scored set")
		weighted = false
	}
	if weighted {
		sum := exact.Zero
		ok := true
		for i, cat := range s.Categories {
			path := fmt.Sprintf("category[%d]", i)
			if !cat.Weight.Given {
				c.at(Error, path, "category %s has no weight: give a weight to every category or to none", cat.ID)
				ok = false
				continue
			}
			if !cat.Weight.V.IsPos() || cat.Weight.V.Cmp(exact.One) > 0 {
				c.at(Error, path+".weight", "category %s: weight %s: want a share above 0 and at most 1", cat.ID, cat.Weight)
				ok = false
			}
			if !cat.MaxPoints.IsPos() {
				c.at(Error, path+".weight", "category %s: its indicators are worth 0 points, so its share of them cannot be weighed", cat.ID)
				ok = false
			}
			var err error
			if sum, err = exact.Add(sum, cat.Weight.V); err != nil {
				ok = false
			}
		}
		if ok && sum.Cmp(exact.One) != 0 {
			c.at(Error, "category[0].weight", "the category weights add up to %s, not exactly 1", exact.String(sum))
			ok = false
		}
		if ok {
			s.weightK = weightFactors(c)
		}
	}
	needs := weighted || s.NAPolicy != ""
	for _, r := range []struct {
		key string
		d   Dec
	}{{"round_down", s.RoundDown}, {"round_half_up", s.RoundHalfUp}} {
		switch {
		case r.d.Given && !needs:
			c.at(Error, r.key, "%s states how a score under na_policy or category weights is rounded; this set has neither", r.key)
		case r.d.Given && !r.d.V.IsPos():
			c.at(Error, r.key, "%s must be positive", r.key)
		}
	}
	switch {
	case needs && s.RoundDown.Given && s.RoundHalfUp.Given:
		c.at(Error, "round_half_up", "the score rounds one way: round_down or round_half_up, not both")
	case needs && !s.Rounds():
		key := "na_policy"
		if weighted {
			key = "category[0].weight"
		}
		c.at(Error, key, "na_policy and category weights need the score's rounding stated: round_down = \"0.1\" or round_half_up = \"0.01\" at the top of the file")
	}
}

// weightFactors computes k_c = weight_c × Π_{j≠c} maximum_j.
func weightFactors(c *collector) []exact.Decimal {
	s := c.set
	k := make([]exact.Decimal, len(s.Categories))
	for i, cat := range s.Categories {
		f := cat.Weight.V
		for j, other := range s.Categories {
			if j == i {
				continue
			}
			var err error
			if f, err = exact.Mul(f, other.MaxPoints); err != nil {
				c.at(Error, fmt.Sprintf("category[%d].weight", i), "the category maxima multiply past 19 digits: weights cannot be applied exactly")
				return nil
			}
		}
		k[i] = f
	}
	return k
}
