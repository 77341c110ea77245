package scoring

import "fmt"

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

// pack is an option as the table's inner loop reads it.
type pack struct {
	gain   int
	packed uint64
}

// packedNone marks a level no plan reaches.
const packedNone = ^uint64(0)

// choosePacked fills p.chosen from the table of packed plans, over levels
// 0…top (width of them) of the options' gains as choose has counted them.
// False, with nothing chosen, when the options' changes are too many to
// pack; then choose uses its table of cells.
func (p *Planner) choosePacked(top int64, width int) (bool, error) {
	// Each option's packed number, and each item's most gain.
	var changes int
	p.most = p.most[:0]
	for _, it := range p.items {
		most, dear := int64(0), 0
		for i := it.lo; i < it.hi; i++ {
			most = max(most, p.opts[i].gain)
			dear = max(dear, p.opts[i].changes)
		}
		p.most = append(p.most, most)
		if changes += dear; changes >= 1<<packChanges {
			return false, nil
		}
	}
	// The options' gains and packed numbers side by side, item after item,
	// for the table's inner loop.
	p.packs = p.packs[:0]
	for k, it := range p.items {
		for i := it.lo; i < it.hi; i++ {
			o := &p.opts[i]
			o.packed = uint64(o.costU)<<(packLoss+packChanges) | uint64(o.changes)<<packLoss | uint64(p.most[k]-o.gain)
			p.packs = append(p.packs, pack{gain: int(o.gain), packed: o.packed})
		}
	}
	if cap(p.pdp) < width {
		p.pdp, p.pndp = make([]uint64, width), make([]uint64, width)
	}
	dp, ndp := p.pdp[:width], p.pndp[:width]
	for i := range dp {
		dp[i] = packedNone
	}
	dp[0] = 0
	hi, at := 0, 0 // the highest level the items so far can reach; the item's first pack
	last := int(top)
	for k, it := range p.items {
		nhi := int(min(int64(hi)+p.most[k], top))
		for i := range ndp[:nhi+1] {
			ndp[i] = packedNone
		}
		pick := p.pick[k*width : (k+1)*width]
		packs := p.packs[at : at+it.hi-it.lo]
		at += len(packs)
		for q, from := range dp[:hi+1] {
			if from == packedNone {
				continue
			}
			for i, o := range packs {
				nq := min(q+o.gain, last)
				if cand := from + o.packed; cand < ndp[nq] {
					ndp[nq] = cand
					pick[nq] = int16(i)
				}
			}
		}
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
	if want == packedNone {
		return false, fmt.Errorf("knapsack found no plan at level %d: a planner defect", at)
	}
	for k := len(p.items) - 1; k >= 0; k-- {
		it := p.items[k]
		i := it.lo + int(p.pick[k*width+at])
		p.chosen[it.ind] = i
		want -= p.opts[i].packed
		before -= p.most[k]
		gained := before - int64(want&(1<<packLoss-1))
		at = int(min(gained, top))
		if k == 0 && want != 0 || gained < 0 {
			return false, fmt.Errorf("knapsack walk-back lost its way at item %d: a planner defect", k)
		}
	}
	return true, nil
}
