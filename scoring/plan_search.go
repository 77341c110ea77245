package scoring

import (
	"fmt"

	"countyscore/criteria"
	"countyscore/inputs"
)

// search weighs every combination of values a checklist with any/all
// conditions can take on its own measures: each value as it is, the value
// nearest it that meets each of its conditions, and for a yes/no measure
// either answer. A checklist pays for each requirement met and nothing
// while one is missing, and under three-valued any/all a requirement with
// a missing value can be settled as unmet by another of its values: a
// yes/no answered 否 may then be the cheapest way to earn the others'
// points. So a missing yes/no may be filled either way; a missing number
// only with a value that meets one of its conditions (the nearest such);
// and a given value changes only to meet a condition it fails: a plan
// never tells a subject to report less than it has.
// Its measures are its own, so this search over them is exact; more than
// maxCandidates combinations are refused by name.
func (p *Planner) search(ip *indPlan, costs *inputs.Costs) (bool, error) {
	lo := len(p.opts)
	p.smeas = p.smeas[:0]
	p.svals = p.svals[:0]
	p.sidx = p.sidx[:0]
	combos := 1
	for _, pc := range ip.conds {
		m := pc.c.MeasureIdx
		seen := false
		for _, x := range p.smeas {
			seen = seen || x == m
		}
		if seen {
			continue
		}
		cur := p.vals[m]
		start := len(p.svals)
		p.svals = append(p.svals, cur)
		addV := func(v inputs.Value) {
			for _, o := range p.svals[start:] {
				if o.Given == v.Given && o.Bool == v.Bool && o.Num.Cmp(v.Num) == 0 {
					return
				}
			}
			p.svals = append(p.svals, v)
		}
		meas := &p.set.Measures[m]
		if meas.Kind == criteria.Bool {
			for _, b := range []bool{true, false} {
				// A given answer changes only to meet a condition it fails.
				flip := !cur.Given
				for _, q := range ip.conds {
					flip = flip || q.c.MeasureIdx == m && cur.Bool != b && q.c.Bool == b
				}
				if flip {
					addV(inputs.Value{Given: true, Bool: b})
				}
			}
		} else {
			for _, q := range ip.conds {
				if q.c.MeasureIdx != m {
					continue
				}
				b := condBound(q.c)
				if q.c.Thresh != nil {
					t, ok := p.target(q)
					if !ok {
						continue
					}
					b.v = t
				}
				to, ok, err := reach(meas, cur, []bound{b}, m)
				if err != nil {
					return false, err
				}
				if ok {
					addV(to)
				}
			}
		}
		p.smeas = append(p.smeas, m)
		p.sidx = append(p.sidx, start, len(p.svals))
		if combos *= len(p.svals) - start; combos > maxCandidates {
			return false, fmt.Errorf("more than %d combinations of values to weigh", maxCandidates)
		}
	}
	for n := 0; n < combos; n++ {
		start := len(p.chg)
		k := n
		for j, m := range p.smeas {
			a, b := p.sidx[2*j], p.sidx[2*j+1]
			i := a + k%(b-a)
			k /= b - a
			if i != a {
				p.chg = append(p.chg, change{m: m, to: p.svals[i]})
			}
		}
		if _, err := p.weigh(ip, start, costs); err != nil {
			return false, err
		}
	}
	return p.sift(ip, lo), nil
}
