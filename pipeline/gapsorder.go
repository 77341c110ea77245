package pipeline

import (
	"cmp"
	"slices"

	"countyscore/exact"
)

// orderRows gives the positions in rows of the rows in compareRows'
// order, without a comparison sort of a million rows: the rows fall in a
// few groups of one reason and one number of points (lost, or at stake
// for missing rows), so the groups are put in order and the rows counted
// into them, each group keeping the order the rows were read in, a stable
// counting sort. Read order is compareRows' order within a group when the
// subjects came in order of name, as a register usually does; any group
// that is not is sorted by compareRows.
func orderRows(rows *chunked[gapsRow], names []uint32, missing bool) []uint32 {
	type group struct {
		reason uint8
		coef   uint64 // the points, trimmed: one group a value, whatever its scale
		meta   uint8
	}
	index := map[group]uint32{}
	var groups []group
	var counts []int
	// A row's group follows from its packed figures; the few figures a
	// run holds come again and again, so a small table remembers the
	// group of each as packed, and a row found there needs no decimal
	// arithmetic and no map.
	type figures struct {
		lost, points         uint64
		lostMeta, pointsMeta uint8
		reason               uint8
	}
	var seen [256]struct {
		f     figures
		group uint32
		ok    bool
	}
	of := make([]uint32, rows.len()) // each row's group
	for i := range rows.len() {
		r := rows.at(i)
		f := figures{lost: r.lost, lostMeta: r.lostMeta, reason: r.kind & reasonMask}
		if missing {
			f.points, f.pointsMeta = r.points, r.pointsMeta // the stake is lost + points
		}
		slot := &seen[uint8((f.lost*0x9e3779b97f4a7c15^f.points*0xc2b2ae3d27d4eb4f^uint64(f.lostMeta)<<16^uint64(f.pointsMeta)<<8^uint64(f.reason))>>56)]
		if !slot.ok || slot.f != f {
			points := exact.Unpack(r.lost, r.lostMeta)
			if missing && r.points != 0 {
				points, _ = exact.Add(points, exact.Unpack(r.points, r.pointsMeta)) // the stake
			}
			g := group{reason: f.reason}
			g.coef, g.meta = exact.Pack(points.Trim(0))
			k, ok := index[g]
			if !ok {
				k = uint32(len(groups))
				index[g] = k
				groups, counts = append(groups, g), append(counts, 0)
			}
			slot.f, slot.group, slot.ok = f, k, true
		}
		k := slot.group
		of[i] = k
		counts[k]++
	}
	// Groups by reason, then most points first.
	byRank := make([]int, len(groups))
	for k := range byRank {
		byRank[k] = k
	}
	slices.SortFunc(byRank, func(a, b int) int {
		x, y := groups[a], groups[b]
		if c := cmp.Compare(x.reason, y.reason); c != 0 {
			return c
		}
		return exact.Unpack(y.coef, y.meta).Cmp(exact.Unpack(x.coef, x.meta))
	})
	start := make([]int, len(groups))
	at := 0
	for _, k := range byRank {
		start[k] = at
		at += counts[k]
	}
	order := make([]uint32, rows.len())
	next := slices.Clone(start)
	for i, k := range of {
		order[next[k]] = uint32(i)
		next[k]++
	}
	byName := func(a, b uint32) int { return compareRows(rows.at(int(a)), rows.at(int(b)), names, missing) }
	for k := range groups {
		seg := order[start[k] : start[k]+counts[k]]
		if !slices.IsSortedFunc(seg, byName) {
			slices.SortFunc(seg, byName)
		}
	}
	return order
}
