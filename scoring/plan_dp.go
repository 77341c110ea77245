package scoring

import (
	"fmt"

	"countyscore/exact"
)

// item is an indicator with more than one option left to choose from:
// Planner.opts[lo:hi].
type item struct{ ind, lo, hi int }

// cell is the cheapest way found to gain a number of points.
type cell struct {
	cost    exact.Decimal
	changes int
	ok      bool
}

// better orders plans by cost, then by the number of changes.
func (a cell) better(b cell) bool {
	if !a.ok || !b.ok {
		return a.ok && !b.ok
	}
	if c := a.cost.Cmp(b.cost); c != 0 {
		return c < 0
	}
	return a.changes < b.changes
}

// maxCells bounds the knapsack's table (items × point levels): 100 points
// in half points over 37 indicators is 7,400 cells; a criteria file with
// points so fine-grained that this is exceeded is refused, not rounded.
const maxCells = 1 << 22

// choose picks one option per item into p.chosen: the cheapest choice whose
// points, with fixed (the points of everything else), reach line, and
// among equally cheap ones the choice with the most points. When no
// choice reaches the line, or the gates cannot all be cleared, it picks
// the cheapest choice of the most points. It reports whether the line is
// reached.
//
// It is a multiple-choice knapsack solved exactly by dynamic programming
// over the points gained, counted in whole units of the greatest common
// divisor of every option's gain, so no point value is ever rounded: the
// table holds, for each number of units gained by the first k items, the
// cheapest way to gain exactly that many.
func (p *Planner) choose(line, fixed exact.Decimal, gatesOK bool) (bool, error) {
	base := fixed
	scale := max(line.Scale(), fixed.Scale())
	for _, it := range p.items {
		least := p.opts[it.lo].points
		for _, o := range p.opts[it.lo:it.hi] {
			if o.points.Cmp(least) < 0 {
				least = o.points
			}
			scale = max(scale, o.points.Scale())
		}
		base = add(base, least)
	}
	if len(p.items) == 0 {
		return gatesOK && base.Cmp(line) >= 0, nil
	}
	baseU, err := units(base, scale)
	if err != nil {
		return false, err
	}
	var g int64
	for _, it := range p.items {
		least := int64(-1)
		for i := it.lo; i < it.hi; i++ {
			u, err := units(p.opts[i].points, scale)
			if err != nil {
				return false, err
			}
			p.opts[i].gain = u
			if least < 0 || u < least {
				least = u
			}
		}
		for i := it.lo; i < it.hi; i++ {
			p.opts[i].gain -= least
			g = gcd(g, p.opts[i].gain)
		}
	}
	lineU, err := units(line, scale)
	if err != nil {
		return false, err
	}
	need := lineU - baseU
	total := int64(0)
	for _, it := range p.items {
		most := int64(0)
		for i := it.lo; i < it.hi; i++ {
			if g > 0 {
				p.opts[i].gain /= g
			}
			most = max(most, p.opts[i].gain)
		}
		total += most
	}
	switch {
	case need <= 0:
		need = 0
	case g == 0:
		need = total + 1
	default:
		need = (need + g - 1) / g
	}
	width := int(total) + 1
	if total >= maxCells || int64(len(p.items))*int64(width) > maxCells {
		return false, fmt.Errorf("points too fine-grained to plan exactly (%d levels over %d indicators)", width, len(p.items))
	}
	p.dp = resize(p.dp, width)
	p.ndp = resize(p.ndp, width)
	if cap(p.pick) < len(p.items)*width {
		p.pick = make([]int16, len(p.items)*width)
	}
	p.pick = p.pick[:len(p.items)*width]
	for q := range p.dp {
		p.dp[q] = cell{}
	}
	p.dp[0] = cell{cost: exact.Zero, ok: true}
	reached := 0 // the most units any choice so far can gain
	for k, it := range p.items {
		for q := range p.ndp {
			p.ndp[q] = cell{}
		}
		most := 0
		for q := 0; q <= reached; q++ {
			from := p.dp[q]
			if !from.ok {
				continue
			}
			for i := it.lo; i < it.hi; i++ {
				o := &p.opts[i]
				c, err := exact.Add(from.cost, o.cost)
				if err != nil {
					return false, err
				}
				nq := q + int(o.gain)
				cand := cell{cost: c, changes: from.changes + o.changes, ok: true}
				if cand.better(p.ndp[nq]) {
					p.ndp[nq] = cand
					p.pick[k*width+nq] = int16(i - it.lo)
				}
				most = max(most, int(o.gain))
			}
		}
		reached += most
		p.dp, p.ndp = p.ndp, p.dp
	}
	reach := gatesOK && need <= total
	at := -1
	if reach {
		for q := int(total); q >= int(need); q-- {
			if p.dp[q].ok && (at < 0 || p.dp[q].better(p.dp[at])) {
				at = q
			}
		}
	} else {
		for q := int(total); q >= 0 && at < 0; q-- {
			if p.dp[q].ok {
				at = q
			}
		}
	}
	for k := len(p.items) - 1; k >= 0; k-- {
		it := p.items[k]
		i := it.lo + int(p.pick[k*width+at])
		p.chosen[it.ind] = i
		at -= int(p.opts[i].gain)
	}
	return reach, nil
}

func resize(c []cell, n int) []cell {
	if cap(c) < n {
		return make([]cell, n)
	}
	return c[:n]
}

// units writes d as a whole number of 10^-scale; scale is at least d's, so
// nothing is rounded.
func units(d exact.Decimal, scale int) (int64, error) {
	w, f, ok := d.Int64(scale)
	var pow int64 = 1
	for range scale {
		if pow > (1<<62)/10 {
			ok = false
			break
		}
		pow *= 10
	}
	if !ok || w > (1<<62)/pow {
		return 0, fmt.Errorf("points %s too large or fine-grained to plan with", exact.String(d))
	}
	return w*pow + f, nil
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
