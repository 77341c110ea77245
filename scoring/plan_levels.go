package scoring

import (
	"fmt"

	"github.com/govalues/decimal"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
)

// maxLevels bounds the points levels weighed for one proportional
// indicator: a ratio of 10 points rounded to 0.01 has 1,000.
const maxLevels = 2000

// valueLevels weighs, after the veto bounds p.bounds[:nveto], each points level
// a proportional indicator (ratio, bands) can be raised to. Its points are
// those of its weakest condition, so reaching level P means raising every
// condition below P (and filling every missing one) to the least value
// worth P, and nothing else.
//
// Which levels: with a cost per unit on one of its measures, every level
// (each multiple of the rounding unit for a ratio, each band), since a
// smaller raise then costs less; otherwise only the levels of its given
// conditions and the full points, since a change costs the same however
// far it goes, and the most a set of raises can bring is the points of the
// weakest condition left alone. A baseline indicator needs its full points.
//
// The least value worth P is counted in units of the measure's precision:
// whole numbers for counts, otherwise one unit in the last decimal place
// of the line or the present value, whichever is finer, and at least the
// first decimal (as for a strict threshold).
func (p *Planner) valueLevels(ip *indPlan, nveto int, costs *inputs.Costs) error {
	ind := ip.ind
	var sc []planCond
	for _, pc := range ip.conds {
		if !pc.veto {
			sc = append(sc, pc)
		}
	}
	full := exact.Zero
	perUnit, anyMissing := false, false
	p.lv = p.lv[:0]
	for _, pc := range sc {
		line, ok := p.target(pc)
		if !ok {
			return nil // a figure the subject lacks: only leaving it
		}
		top, err := ind.Kind.ValuePoints(ind, line, line)
		if err != nil {
			return err
		}
		if len(p.lv) == 0 || top.Cmp(full) < 0 {
			full = top
		}
		v := p.vals[pc.c.MeasureIdx]
		if costs != nil && costs.Of(pc.c.MeasureIdx).PerUnit.IsPos() {
			perUnit = true
		}
		if !v.Given {
			anyMissing = true
			p.lv = append(p.lv, exact.Zero)
			continue
		}
		pts, err := ind.Kind.ValuePoints(ind, v.Num, line)
		if err != nil {
			return err
		}
		p.lv = append(p.lv, pts)
	}
	if len(sc) == 0 {
		return nil
	}
	cur := full
	for i, pc := range sc {
		if !p.vals[pc.c.MeasureIdx].Given {
			cur = exact.Zero
		} else if p.lv[i].Cmp(cur) < 0 {
			cur = p.lv[i]
		}
	}
	if anyMissing {
		cur = exact.Zero
	}
	// The levels above cur, ascending.
	p.want = p.want[:0]
	add := func(l exact.Decimal) {
		if l.Cmp(cur) > 0 && l.Cmp(full) <= 0 {
			p.want = append(p.want, l)
		}
	}
	switch {
	case ind.Baseline:
		add(full)
	case perUnit && len(ind.Bands) > 0:
		for _, b := range ind.Bands {
			add(b.Points.V)
		}
	case perUnit:
		q := ind.RoundDown.V
		if ind.RoundHalfUp.Given {
			q = ind.RoundHalfUp.V
		}
		n, err := exact.CeilDiv(full, q)
		if err != nil {
			return err
		}
		w, _, ok := n.Int64(0)
		if !ok || w > maxLevels {
			return fmt.Errorf("%s points in units of %s are too many levels to plan", exact.String(full), exact.String(q))
		}
		for k := int64(1); k <= w; k++ {
			l, err := exact.Mul(exact.Int(k), q)
			if err != nil {
				return err
			}
			if l.Cmp(full) > 0 {
				l = full
			}
			add(l)
		}
	default:
		for _, l := range p.lv {
			add(l)
		}
		add(full)
	}
	sortDecimals(p.want)
	for li, level := range p.want {
		if li > 0 && level.Cmp(p.want[li-1]) == 0 {
			continue
		}
		p.bounds = p.bounds[:nveto]
		ok := true
		for i, pc := range sc {
			if p.vals[pc.c.MeasureIdx].Given && p.lv[i].Cmp(level) >= 0 {
				continue
			}
			line, _ := p.target(pc)
			v, found, err := leastValue(ind, p.set.Measures[pc.c.MeasureIdx], p.vals[pc.c.MeasureIdx], line, level)
			if err != nil {
				return err
			}
			if !found {
				ok = false
				break
			}
			p.bounds = append(p.bounds, bound{m: pc.c.MeasureIdx, op: criteria.GE, v: v})
		}
		if !ok {
			continue
		}
		if _, err := p.candidate(ip, p.bounds, costs); err != nil {
			return err
		}
	}
	return nil
}

// leastValue is the least value of measure m, at its precision (see
// valueLevels), that earns at least level points against line under ind's
// proportional rule; false when none up to the line does.
func leastValue(ind *criteria.Indicator, m criteria.Measure, cur inputs.Value, line, level exact.Decimal) (exact.Decimal, bool, error) {
	kind := ind.Kind
	unit := exact.One
	if m.Kind != criteria.Count {
		d := max(1, line.Trim(0).Scale())
		if cur.Given {
			d = max(d, cur.Num.Trim(0).Scale())
		}
		u, err := decimal.New(1, d)
		if err != nil {
			return exact.Zero, false, err
		}
		unit = u
	}
	// The guess: the band's lower edge, or level × line ÷ points (less half
	// a rounding unit when rounding half up), up to a whole unit.
	var guess exact.Decimal
	if len(ind.Bands) > 0 {
		guess = line
		for _, b := range ind.Bands {
			if b.Points.V.Cmp(level) >= 0 && b.From.V.Cmp(guess) < 0 {
				guess = b.From.V
			}
		}
	} else {
		l := level
		if ind.RoundHalfUp.Given {
			half, err := exact.Mul(ind.RoundHalfUp.V, exact.MustParse("0.5"))
			if err == nil {
				l, err = exact.Sub(l, half)
			}
			if err != nil {
				return exact.Zero, false, err
			}
		}
		num, err := exact.Mul(l, line)
		if err != nil {
			return exact.Zero, false, err
		}
		den, err := exact.Mul(ind.Points.V, unit)
		if err != nil {
			return exact.Zero, false, err
		}
		guess = exact.Zero
		if num.IsPos() {
			steps, _, err := exact.Steps(num, den)
			if err != nil {
				return exact.Zero, false, err
			}
			if guess, err = exact.Mul(steps, unit); err != nil {
				return exact.Zero, false, err
			}
		}
	}
	worth := func(k int64) (bool, exact.Decimal, error) {
		v, err := exact.Mul(exact.Int(k), unit)
		if err != nil {
			return false, v, err
		}
		pts, err := kind.ValuePoints(ind, v, line)
		return err == nil && pts.Cmp(level) >= 0, v, err
	}
	// In whole units: the guess, checked with the rule's own arithmetic
	// (it and not one unit less), else a search between 0 and the line,
	// over which the points never fall.
	n, err := exact.CeilDiv(guess, unit)
	if err != nil {
		return exact.Zero, false, err
	}
	top, err := exact.CeilDiv(line, unit)
	if err != nil {
		return exact.Zero, false, err
	}
	g, _, ok1 := n.Int64(0)
	hi, _, ok2 := top.Int64(0)
	if !ok1 || !ok2 || hi > 1<<40 {
		return exact.Zero, false, fmt.Errorf("line %s in units of %s: too many to search", exact.String(line), exact.String(unit))
	}
	if ok, v, err := worth(g); err != nil {
		return exact.Zero, false, err
	} else if ok {
		below := g == 0
		if !below {
			if below, _, err = worth(g - 1); err != nil {
				return exact.Zero, false, err
			}
			below = !below
		}
		if below {
			return v.Trim(0), true, nil
		}
	}
	if ok, _, err := worth(hi); err != nil || !ok {
		return exact.Zero, false, err
	}
	lo := int64(-1) // worth(lo) is false (or lo is below 0), worth(hi) true
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		ok, _, err := worth(mid)
		if err != nil {
			return exact.Zero, false, err
		}
		if ok {
			hi = mid
		} else {
			lo = mid
		}
	}
	_, v, err := worth(hi)
	return v.Trim(0), err == nil, err
}

// sortDecimals sorts ds ascending (insertion sort: a few levels).
func sortDecimals(ds []exact.Decimal) {
	for i := 1; i < len(ds); i++ {
		for j := i; j > 0 && ds[j].Cmp(ds[j-1]) < 0; j-- {
			ds[j], ds[j-1] = ds[j-1], ds[j]
		}
	}
}
