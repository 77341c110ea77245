package scoring

import (
	"countyscore/criteria"
	"countyscore/exact"
)

// settle turns the indicators' points into the set's score where the set
// weighs its categories or an item does not apply (naPts per category),
// and records how each line is then compared. One quotient, rounded once
// (criteria/weights.go has the formula):
//
//   - S = Σ k_c × points_c, A = Σ k_c × (maximum_c − N/A_c), D = Σ k_c ×
//     maximum_c, with k_c = 1 without weights (D is then max_points);
//   - weighted, nothing N/A: score = max × S ÷ D, rounded;
//   - rescale: score = max × S ÷ A, rounded (0 when nothing applies);
//   - subtract: score = max × S ÷ D (rounded when weighted, else S
//     itself), and a line l is reached when score × D ≥ l × A: the line
//     scaled to the applicable maximum, compared exactly.
//
// Unweighted and with everything applicable, nothing changes.
func settle(s *criteria.Set, r *Scored, naPts []exact.Decimal, anyNA bool) error {
	r.lineNum, r.lineDen = exact.Zero, exact.Zero
	weighted := s.Weighted()
	if !weighted && !anyNA {
		return nil
	}
	k := s.WeightFactors()
	M := s.MaxPoints.V
	S, So, A, D := exact.Zero, exact.Zero, exact.Zero, exact.Zero
	for i := range r.Categories {
		c := &r.Categories[i]
		kc := exact.One
		if weighted {
			kc = k[i]
			c.Weight = P(s.Categories[i].Weight.V)
		}
		cm := s.Categories[i].MaxPoints
		app := cm
		if anyNA && naPts[i].IsPos() {
			app, _ = exact.Sub(cm, naPts[i])
			c.ApplicableMax = P(app)
		}
		var err error
		for _, f := range []struct {
			sum *exact.Decimal
			v   exact.Decimal
		}{{&S, c.Points.V}, {&So, c.PointsOptimistic.V}, {&A, app}, {&D, cm}} {
			var x exact.Decimal
			if x, err = exact.Mul(kc, f.v); err == nil {
				*f.sum, err = exact.Add(*f.sum, x)
			}
			if err != nil {
				return err
			}
		}
	}
	raw, rawOpt := r.Points, r.PointsOptimistic
	// scaled is max × x ÷ den, rounded as the set states; unweighted over
	// D it is x itself.
	scaled := func(x, den exact.Decimal) (exact.Decimal, error) {
		if !weighted && den.Cmp(D) == 0 {
			return x, nil
		}
		if !den.IsPos() {
			return exact.Zero, nil
		}
		num, err := exact.Mul(M, x)
		if err != nil {
			return exact.Zero, err
		}
		return s.RoundQuo(num, den)
	}
	den := D
	if anyNA {
		r.NAPolicy = s.NAPolicy
		appMax, err := scaled(A, D)
		if err != nil {
			return err
		}
		r.ApplicableMax = P(appMax)
		if s.NAPolicy == criteria.NARescale {
			den = A
		} else {
			r.lineNum, r.lineDen = A, D
		}
	}
	pts, err := scaled(S, den)
	if err != nil {
		return err
	}
	opt, err := scaled(So, den)
	if err != nil {
		return err
	}
	r.Points, r.PointsOptimistic = N(pts), N(opt)
	if pts.Cmp(raw.V) != 0 || opt.Cmp(rawOpt.V) != 0 || weighted {
		r.RawPoints = P(raw.V)
	}
	return nil
}

// reached reports whether r's score reaches line l as the set compares
// it: directly, or under na_policy "subtract" against l scaled to the
// applicable maximum (score × D ≥ l × A, exactly).
func (r *Scored) reached(l exact.Decimal) bool {
	if !r.lineDen.IsPos() {
		return r.Points.V.Cmp(l) >= 0
	}
	lhs, err1 := exact.Mul(r.Points.V, r.lineDen)
	rhs, err2 := exact.Mul(l, r.lineNum)
	if err1 != nil || err2 != nil {
		return r.Points.V.Cmp(l) >= 0 // cannot happen within Load's bounds
	}
	return lhs.Cmp(rhs) >= 0
}

// shownLine is line l as r is compared with it, for display: under
// "subtract", l × A ÷ D rounded up to the set's rounding unit.
func (r *Scored) shownLine(s *criteria.Set, l exact.Decimal) (exact.Decimal, bool) {
	if !r.lineDen.IsPos() {
		return l, false
	}
	num, err := exact.Mul(l, r.lineNum)
	if err != nil {
		return l, false
	}
	shown, err := s.CeilQuo(num, r.lineDen)
	if err != nil {
		return l, false
	}
	return shown, true
}
