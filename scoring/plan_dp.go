package scoring

import (
	"fmt"

	"countyscore/exact"
)

// item is an indicator with more than one option left to choose from,
// in Planner.opts or in the planner's memory of options. choose writes
// its numbers for this subject (gain, costU, packed) into them.
type item struct {
	ind  int
	opts []option
}

// cell is the best way found to gain a number of points: the least cost
// (in whole units of the costs' finest decimal place, or changes without
// costs), then the fewest changes, then the most points gained.
type cell struct {
	cost    int64
	changes int
	gain    int64
	ok      bool
}

// better reports whether a is a better plan than b. The order adds up:
// adding one option to two plans keeps their order, which is what makes
// the table below exact.
func (a cell) better(b cell) bool {
	switch {
	case !a.ok || !b.ok:
		return a.ok && !b.ok
	case a.cost != b.cost:
		return a.cost < b.cost
	case a.changes != b.changes:
		return a.changes < b.changes
	}
	return a.gain > b.gain
}

// maxCells bounds the knapsack's table (items × point levels): 100 points
// in half points over 37 indicators is 7,400 cells; a criteria file with
// points so fine-grained that this is exceeded is refused, not rounded.
const maxCells = 1 << 22

// choose picks one option per item into p.chosen: the cheapest choice whose
// points, with fixed (the points of everything else), reach line, then the
// one of fewest changes, then the one of most points. When no choice
// reaches the line, or the gates cannot all be cleared, it picks the
// cheapest choice of the most points. It reports whether the line is
// reached.
//
// It is a multiple-choice knapsack solved exactly by dynamic programming.
// Points are counted in whole units of the greatest common divisor of every
// option's gain, and costs in whole units of their finest decimal place, so
// nothing is rounded. The table holds, for each number of units gained by
// the first k items (any number at or above the line's counting as the
// line's), the best way to gain it; the order of plans adds up, so the best
// way to reach a number after k+1 items extends a best way after k.
// Time: items × levels × options, levels being the units still needed.
func (p *Planner) choose(line, fixed exact.Decimal, gatesOK bool) (bool, error) {
	scale, cscale := max(line.Scale(), fixed.Scale()), 0
	for _, it := range p.items {
		for i := range it.opts {
			scale = max(scale, int(it.opts[i].pmeta&0x7f))
			cscale = max(cscale, int(it.opts[i].cmeta&0x7f))
		}
	}
	if len(p.items) == 0 {
		return gatesOK && fixed.Cmp(line) >= 0, nil
	}
	// base: the points with every item at its least option.
	baseU, err := units(fixed, scale)
	if err != nil {
		return false, err
	}
	// Each option's points and cost in units; per item its least points
	// (each gain is counted above them), its most gain (p.most) and its
	// most changes. The greatest common divisor of the gains is that of
	// the differences from an item's first option.
	var g, costSum int64
	changes := 0
	p.least, p.most = p.least[:0], p.most[:0]
	for _, it := range p.items {
		least, most, dear, dearest := int64(0), int64(0), int64(0), int32(0)
		for i := range it.opts {
			o := &it.opts[i]
			u, err := packedUnits(o.pts, o.pmeta, scale)
			if err != nil {
				return false, err
			}
			o.gain = u
			if i == 0 {
				least, most = u, u
			}
			least, most = min(least, u), max(most, u)
			g = gcd(g, u-it.opts[0].gain)
			if o.costU, err = packedUnits(o.price, o.cmeta, cscale); err != nil {
				return false, err
			}
			dear, dearest = max(dear, o.costU), max(dearest, o.changes)
		}
		// Both are within ±2^62 (units), and so is the sum, or it fails.
		if least > 0 && baseU > 1<<62-least || least < 0 && baseU < -(1<<62)-least {
			return false, fmt.Errorf("points too large to plan with")
		}
		baseU += least
		p.least, p.most = append(p.least, least), append(p.most, most-least)
		if costSum += dear; costSum > 1<<61 {
			return false, fmt.Errorf("costs too large to add up exactly")
		}
		changes = min(changes+int(dearest), 1<<packChanges)
	}
	g = max(g, -g)
	lineU, err := units(line, scale)
	if err != nil {
		return false, err
	}
	need := lineU - baseU
	total := int64(0)
	for k := range p.most {
		if g > 0 {
			p.most[k] /= g
		}
		total += p.most[k]
	}
	packed := !p.unpacked && costSum < 1<<packCost && total < 1<<packLoss && changes < 1<<packChanges
	p.gains(g, packed)
	switch {
	case need <= 0:
		need = 0
	case g == 0:
		need = total + 1
	default:
		need = (need + g - 1) / g
	}
	reach := gatesOK && need <= total
	top := min(need, total) // the table's last level: the line, or the most there is
	if !gatesOK {
		top = total
	}
	width := int(top) + 1
	if top >= maxCells || int64(len(p.items))*int64(width) > maxCells {
		return false, fmt.Errorf("points too fine-grained to plan exactly (%d levels over %d indicators)", width, len(p.items))
	}
	if cap(p.pick) < len(p.items)*width {
		p.pick = make([]int16, len(p.items)*width)
	}
	p.pick = p.pick[:len(p.items)*width]
	if packed {
		return reach, p.choosePacked(top, width)
	}
	p.dp = resize(p.dp, width)
	p.ndp = resize(p.ndp, width)
	clear(p.dp)
	p.dp[0] = cell{ok: true}
	hi := 0 // the highest level the items so far can reach
	for k, it := range p.items {
		most := int64(0)
		for i := range it.opts {
			most = max(most, it.opts[i].gain)
		}
		nhi := int(min(int64(hi)+most, top))
		clear(p.ndp[:nhi+1])
		for q := 0; q <= hi; q++ {
			from := p.dp[q]
			if !from.ok {
				continue
			}
			for i := range it.opts {
				o := &it.opts[i]
				nq := min(int64(q)+o.gain, top)
				cand := cell{cost: from.cost + o.costU, changes: from.changes + int(o.changes), gain: from.gain + o.gain, ok: true}
				if cand.better(p.ndp[nq]) {
					p.ndp[nq] = cand
					p.pick[k*width+int(nq)] = int16(i)
				}
			}
		}
		p.dp, p.ndp = p.ndp, p.dp
		hi = nhi
	}
	// Walk back: an item's option and the level before it are found by
	// re-checking which option, from which level, gives the stored cell.
	at := int(top)
	want := p.dp[at]
	for k := len(p.items) - 1; k >= 0; k-- {
		it := p.items[k]
		o := &it.opts[p.pick[k*width+at]]
		p.chosen[it.ind] = o
		want = cell{cost: want.cost - o.costU, changes: want.changes - int(o.changes), gain: want.gain - o.gain, ok: true}
		at = p.prev(k, want)
		if at < 0 {
			return false, fmt.Errorf("knapsack walk-back lost its way at item %d: a planner defect", k)
		}
	}
	return reach, nil
}

// prev is the level before item k of the plan want (the first k items'
// cell): its gain, capped at the table's last level as every level is.
func (p *Planner) prev(k int, want cell) int {
	if k == 0 {
		if want.gain == 0 && want.cost == 0 && want.changes == 0 {
			return 0
		}
		return -1
	}
	return int(min(want.gain, int64(len(p.dp)-1)))
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
	// The usual case, without a division: d's coefficient times a power of
	// ten, when d has no more decimals than scale and nothing overflows.
	if s := d.Scale(); s <= scale && scale-s < len(exact.Pow10) {
		if c, pw := d.Coef(), exact.Pow10[scale-s]; c <= uint64(1<<62)/uint64(pw) {
			u := int64(c) * pw
			if d.IsNeg() {
				u = -u
			}
			return u, nil
		}
	}
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

// packedUnits is units of the decimal packed as coef and meta
// (exact.Pack), without unpacking it in the usual case.
func packedUnits(coef uint64, meta uint8, scale int) (int64, error) {
	if s := int(meta & 0x7f); s <= scale && scale-s < len(exact.Pow10) {
		if pw := exact.Pow10[scale-s]; coef <= uint64(1<<62)/uint64(pw) {
			u := int64(coef) * pw
			if meta&0x80 != 0 {
				u = -u
			}
			return u, nil
		}
	}
	return units(exact.Unpack(coef, meta), scale)
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
