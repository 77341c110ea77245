package scoring

import (
	"fmt"
	"math/bits"
)

// The knapsack of choose compares plans by cost, then changes, then
// points gained (the most first). When the costs, changes and points of a
// subject's options are small enough, as they are for any standard with
// whole or half points and a price list of ordinary figures, a plan's
// place in that order fits one 64-bit number that adds up as the plans
// do: its cost in the high bits, then its changes, then its loss, the
// points it falls short of the most each item could gain. Every plan of
// the table's k-th row has chosen one option of each of the first k
// items, so the least loss is the most points gained, and comparing two
// plans is comparing two numbers. choosePacked is choose's table in
// those numbers; it picks exactly what the table of cells picks (tests
// compare the two on generated subjects).

// Bits of a packed plan: loss in the low packLoss, changes in the next
// packChanges, cost in the packCost above them.
const (
	packLoss    = 22
	packChanges = 12
	packCost    = 64 - packLoss - packChanges - 1 // one bit spare: a sum never carries into the sign
)

// pack is an option as the table's inner loop reads it: its gain, its
// packed number and its index among its item's options.
type pack struct {
	gain   int
	packed uint64
	i      int16
}

// packedOf is o's packed number in an item whose options gain at most
// most.
func packedOf(o *option, most int64) uint64 {
	return uint64(o.costU)<<(packLoss+packChanges) | uint64(o.changes)<<packLoss | uint64(most-o.gain)
}

// packedNone marks a level no plan reaches. It is above every plan, and
// it plus any option's number is no less than itself and does not wrap
// around (the spare bit), so the table adds it like any plan: a level
// no plan reaches never wins a level.
const packedNone = uint64(1) << 63

// gains turns each option's points in units (choose) into its gain: its
// units above its item's least, in units of g. With packed, it lays out
// the options' gains and packed numbers side by side, item after item,
// for the table's inner loop; within an item, the most gain first (see
// addItem).
func (p *Planner) gains(g int64, packed bool) {
	p.packs = p.packs[:0]
	for k, it := range p.items {
		at := len(p.packs)
		for i := range it.opts {
			o := &it.opts[i]
			if o.gain -= p.least[k]; g > 0 {
				o.gain /= g
			}
			if !packed {
				continue
			}
			p.packs = append(p.packs, pack{gain: int(o.gain), packed: packedOf(o, p.most[k]), i: int16(i)})
			for j := len(p.packs) - 1; j > at && p.packs[j-1].gain < p.packs[j].gain; j-- {
				p.packs[j-1], p.packs[j] = p.packs[j], p.packs[j-1]
			}
		}
	}
}

// choosePacked fills p.chosen from the table of packed plans, over levels
// 0…top (width of them) of the options' gains as choose has counted them
// and packed (gains).
func (p *Planner) choosePacked(top int64, width int) error {
	if cap(p.pdp) < width {
		p.pdp, p.pndp = make([]uint64, width), make([]uint64, width)
	}
	dp, ndp := p.pdp[:width], p.pndp[:width]
	for i := range dp {
		dp[i] = packedNone
	}
	dp[0] = 0
	// Only the last level is read at the end, so a level from which the
	// items still to come cannot gain enough to reach it is not worth
	// filling: after k items, the levels below top less the most the
	// rest can gain (suffix). The levels left are the same numbers the
	// whole table holds, as no level left out leads to one kept.
	if cap(p.suffix) <= len(p.items) {
		p.suffix = make([]int64, len(p.items)+1)
	}
	p.suffix = p.suffix[:len(p.items)+1]
	p.suffix[len(p.items)] = 0
	for k := len(p.items) - 1; k >= 0; k-- {
		p.suffix[k] = p.suffix[k+1] + p.most[k]
	}
	hi, at := 0, 0 // the highest level the items so far can reach; the item's first pack
	for k := range p.items {
		n := len(p.items[k].opts)
		nhi := int(min(int64(hi)+p.most[k], top))
		lo, nlo := int(max(0, top-p.suffix[k])), int(max(0, top-p.suffix[k+1]))
		addItem(dp, ndp, p.pick[k*width:], p.packs[at:at+n], lo, hi, nlo, nhi, int(top))
		at += n
		dp, ndp = ndp, dp
		hi = nhi
	}
	// Walk back: the level before item k is the first k items' gain,
	// capped at top: the most they could gain less their loss.
	var before int64
	for _, m := range p.most {
		before += m
	}
	at = int(top)
	want := dp[at]
	if want >= packedNone {
		return fmt.Errorf("knapsack found no plan at level %d: a planner defect", at)
	}
	for k := len(p.items) - 1; k >= 0; k-- {
		it := p.items[k]
		o := &it.opts[p.pick[k*width+at]]
		p.chosen[it.ind] = o
		want -= packedOf(o, p.most[k])
		before -= p.most[k]
		gained := before - int64(want&(1<<packLoss-1))
		at = int(min(gained, top))
		if k == 0 && want != 0 || gained < 0 {
			return fmt.Errorf("knapsack walk-back lost its way at item %d: a planner defect", k)
		}
	}
	return nil
}

// addItem fills levels nlo…nhi of to, the table's row after one more
// item, from levels lo…hi of from, the row before it, and the item's
// packs, the most gain first; pick takes the option that wins each
// level. Levels reach no higher than last.
func addItem(from, to []uint64, pick []int16, packs []pack, lo, hi, nlo, nhi, last int) {
	for i := nlo; i <= nhi; i++ {
		to[i] = packedNone
	}
	if len(packs) == 0 {
		return // no option: no level is reached (choosePacked then says so)
	}
	// The levels below the last, option by option. A level takes the
	// first of its best plans in the order of the level they come from,
	// then of the option (choose's order): one option reaches a level
	// below the last from one level only, so with the most gain first (a
	// lower level), then the earlier option, the options come to each
	// level in that order.
	for _, o := range packs {
		start, end := max(lo, nlo-o.gain), min(hi, last-1-o.gain)
		if start <= end {
			relax(to[start+o.gain:], pick[start+o.gain:], from[start:end+1], o.packed, o.i)
		}
	}
	// The last level, from every level that gets there, in choose's
	// order; two options from one level tie only at equal gain, and those
	// keep their order in packs.
	if nhi < last {
		return
	}
	best, bestI := to[last], pick[last]
	for q := max(lo, last-packs[0].gain); q <= hi; q++ {
		f := from[q]
		for _, o := range packs {
			if q+o.gain < last {
				break // the rest gain no more (packs, the most gain first)
			}
			// As relax, without a branch.
			cand := f + o.packed
			_, less := bits.Sub64(cand, best, 0)
			m := -less
			best ^= (best ^ cand) & m
			bestI ^= (bestI ^ o.i) & int16(m)
		}
	}
	to[last], pick[last] = best, bestI
}

// relax offers, to each level of to, the plan of the same level of from
// plus packed, by option i: the table's inner loop. Kept out of line, it
// has the registers to itself (inlined, it took more instructions).
//
//go:noinline
func relax(to []uint64, picks []int16, from []uint64, packed uint64, i int16) {
	to, picks = to[:len(from)], picks[:len(from)]
	for q, f := range from {
		// Without a branch, which the processor would guess wrong half
		// the time: m is all ones when the candidate is better.
		cand, t := f+packed, to[q]
		_, less := bits.Sub64(cand, t, 0)
		m := -less
		to[q] = t ^ (t^cand)&m
		picks[q] ^= (picks[q] ^ i) & int16(m)
	}
}
