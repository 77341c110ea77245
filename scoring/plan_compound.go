package scoring

import (
	"fmt"

	"github.com/govalues/decimal"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
)

// maxTerms bounds the ways of meeting one requirement with any/all
// conditions (its terms, below): far beyond what a standard writes; a
// requirement with more is refused by name, never planned approximately.
const maxTerms = 64

// maxLevels bounds the points levels weighed for one proportional
// indicator: a ratio of 10 points rounded to 0.01 has 1,000.
const maxLevels = 2000

// reqPlan is what the planner knows of one requirement before any subject.
type reqPlan struct {
	veto  bool
	first int // its conditions are indPlan.conds[first : first+n]
	n     int
	// terms are the ways to meet it: each a set of its conditions (by
	// index among them) that together make it hold, one for every
	// combination of branches its any/all tree allows. A requirement
	// without a tree has one term, all of its conditions.
	terms [][]int
}

// condTerms expands a condition tree into its terms: an any is met by any
// item's term, an all by one term of every item together. It reports
// false when there are more than maxTerms.
func condTerms(t criteria.Cond) ([][]int, bool) {
	switch t.Op {
	case criteria.NodeLeaf:
		return [][]int{{t.Leaf}}, true
	case criteria.NodeAny:
		var out [][]int
		for _, it := range t.Items {
			sub, ok := condTerms(it)
			if !ok {
				return nil, false
			}
			out = append(out, sub...)
			if len(out) > maxTerms {
				return nil, false
			}
		}
		return out, true
	}
	out := [][]int{{}}
	for _, it := range t.Items {
		sub, ok := condTerms(it)
		if !ok {
			return nil, false
		}
		next := make([][]int, 0, len(out)*len(sub))
		for _, a := range out {
			for _, b := range sub {
				next = append(next, append(append([]int(nil), a...), b...))
			}
		}
		if len(next) > maxTerms {
			return nil, false
		}
		out = next
	}
	return out, true
}

// target is the figure condition pc compares with for this subject: its
// value, or the threshold its attribute chooses; false when the attribute
// is missing or chooses no figure, which no plan can change.
func (p *Planner) target(pc planCond) (exact.Decimal, bool) {
	if pc.c.Thresh == nil {
		return pc.c.Value, true
	}
	t, missing, _ := pc.c.Target(attrOf(p.vals))
	return t, missing == ""
}

// condHoldsAt reports whether pc holds for value v of its measure.
func (p *Planner) condHoldsAt(pc planCond, v inputs.Value) bool {
	if !v.Given {
		return false
	}
	if pc.c.IsBool {
		return v.Bool == pc.c.Bool
	}
	t, ok := p.target(pc)
	return ok && pc.c.Op.Holds(v.Num, t)
}

// appendTerm appends the bounds of term (conditions of rp) to p.bounds;
// false when one compares with a figure the subject has none of.
func (p *Planner) appendTerm(ip *indPlan, rp *reqPlan, term []int) bool {
	for _, k := range term {
		pc := ip.conds[rp.first+k]
		b := condBound(pc.c)
		if pc.c.Thresh != nil {
			t, ok := p.target(pc)
			if !ok {
				return false
			}
			b.v = t
		}
		p.bounds = append(p.bounds, b)
	}
	return true
}

// compound weighs the options of an indicator that nests any/all,
// compares with thresholds, or scores by value (ratio, bands). Every
// option clears the veto requirements by one of their terms (each
// combination of terms is weighed, so shared measures are exact); then:
//   - a proportional rule: leave it, or reach each points level the
//     rounding or bands allow (see valueLevels);
//   - an all-or-nothing or bonus rule, or a baseline indicator: leave it,
//     or meet every requirement by each combination of their terms (an
//     all-or-nothing rule pays nothing for meeting some);
//   - a checklist with any/all: see search.
//
// The combinations are counted first, and an indicator with more than
// maxCandidates is refused by name.
func (p *Planner) compound(ip *indPlan, costs *inputs.Costs) (bool, error) {
	if ip.ind.Kind.PerRequirement && ip.tree {
		return p.search(ip, costs)
	}
	lo := len(p.opts)
	var vetoReqs, scoreReqs []int
	vetoCombos, scoreCombos := 1, 1
	kind := ip.ind.Kind
	for ri := range ip.reqs {
		rp := &ip.reqs[ri]
		if rp.veto {
			vetoReqs = append(vetoReqs, ri)
			vetoCombos *= len(rp.terms)
		} else if !kind.Proportional {
			scoreReqs = append(scoreReqs, ri)
			scoreCombos *= len(rp.terms)
		}
		if vetoCombos*scoreCombos > maxCandidates {
			return false, fmt.Errorf("more than %d combinations of ways to meet its requirements to weigh", maxCandidates)
		}
	}
	vetoOK := false
	for pass := 0; pass < 2 && !vetoOK; pass++ {
		// The second pass, when no combination of veto terms can be met,
		// weighs the rest without them: the gate is then out of reach.
		combos := vetoCombos
		if pass == 1 {
			combos = 1
		}
		for n := 0; n < combos; n++ {
			p.bounds = p.bounds[:0]
			ok := true
			if pass == 0 {
				k := n
				for _, ri := range vetoReqs {
					rp := &ip.reqs[ri]
					ok = ok && p.appendTerm(ip, rp, rp.terms[k%len(rp.terms)])
					k /= len(rp.terms)
				}
			}
			if !ok {
				continue
			}
			nveto := len(p.bounds)
			met, err := p.candidate(ip, p.bounds, costs)
			if err != nil {
				return false, err
			}
			if !met {
				continue // these veto terms cannot all be met
			}
			vetoOK = vetoOK || pass == 0
			if kind.Proportional {
				err = p.valueLevels(ip, nveto, costs)
			} else {
				err = p.combine(ip, scoreReqs, scoreCombos, nveto, costs)
			}
			if err != nil {
				return false, err
			}
		}
	}
	return p.sift(ip, lo) && vetoOK, nil
}

// combine weighs every combination of terms of the scoring requirements
// after the veto bounds p.bounds[:nveto].
func (p *Planner) combine(ip *indPlan, reqs []int, combos, nveto int, costs *inputs.Costs) error {
	for n := 0; n < combos; n++ {
		p.bounds = p.bounds[:nveto]
		k, ok := n, true
		for _, ri := range reqs {
			rp := &ip.reqs[ri]
			ok = ok && p.appendTerm(ip, rp, rp.terms[k%len(rp.terms)])
			k /= len(rp.terms)
		}
		if !ok {
			continue // a figure the subject lacks
		}
		if _, err := p.candidate(ip, p.bounds, costs); err != nil {
			return err
		}
	}
	return nil
}

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
		meas := p.set.Measures[m]
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
				p.chg = append(p.chg, change{m: m, from: p.vals[m], to: p.svals[i]})
			}
		}
		if _, err := p.weigh(ip, start, costs); err != nil {
			return false, err
		}
	}
	return p.sift(ip, lo), nil
}
