package pipeline

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortChunked: sorting in chunks and merging gives, position for
// position, what one stable sort of the whole list gives, when ties fall
// back to the order of reading, across chunk boundaries too.
func TestSortChunked(t *testing.T) {
	type row struct{ key, seq int }
	for _, tc := range []struct {
		name string
		n    int
		keys int
	}{
		{"empty", 0, 1},
		{"one chunk", 1000, 7},
		{"one full chunk", chunkSize, 3},
		{"several chunks, many ties", 3*chunkSize + 17, 5},
		{"several chunks, few ties", 2*chunkSize + 1, 1 << 30},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, uint64(tc.n)))
			var c chunked[row]
			all := make([]row, 0, tc.n)
			for i := range tc.n {
				v := row{key: r.IntN(tc.keys), seq: i}
				c.add(v)
				all = append(all, v)
			}
			order := sortChunked(&c, func(a, b row) int {
				if x := cmp.Compare(a.key, b.key); x != 0 {
					return x
				}
				return cmp.Compare(a.seq, b.seq)
			})
			slices.SortStableFunc(all, func(a, b row) int { return cmp.Compare(a.key, b.key) })
			if len(order) != len(all) {
				t.Fatalf("%d positions for %d rows", len(order), len(all))
			}
			for i, at := range order {
				if got := *c.at(int(at)); got != all[i] {
					t.Fatalf("row %d: got %+v, want %+v", i, got, all[i])
				}
			}
		})
	}
}

// TestNameRanks: comparing ranks is comparing names; equal names share one.
func TestNameRanks(t *testing.T) {
	names := []string{"岚县", "兴县", "岚县", "交城县", "A", ""}
	ranks := nameRanks(names)
	for i := range names {
		for j := range names {
			if got, want := cmp.Compare(ranks[i], ranks[j]), cmp.Compare(names[i], names[j]); got != want {
				t.Errorf("%q vs %q: ranks compare %d, names %d", names[i], names[j], got, want)
			}
		}
	}
}

// TestCompareRowsIsStable: gaps rows sorted in chunks by compareRows come
// in the order one stable sort by reason, points and name gives them (the
// order gaps printed before it sorted in chunks), over more rows than a
// chunk holds, with shared names and tied points.
func TestCompareRowsIsStable(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	pool := []string{"岚县", "兴县", "交城县", "县0001", "县0002", "A"}
	var subjects []string
	for _, missing := range []bool{false, true} {
		var c chunked[gapsRow]
		var all []gapsRow
		for s := 0; c.len() < 2*chunkSize+100; s++ {
			subjects = append(subjects, pool[r.IntN(len(pool))])
			add := func(ind int, kind uint8) {
				row := gapsRow{subject: uint32(s), ind: uint16(ind), kind: kind | uint8(r.IntN(5))}
				row.lost, row.lostMeta = uint64(r.IntN(4)), uint8(r.IntN(2))
				row.points, row.pointsMeta = uint64(r.IntN(3)), row.lostMeta
				c.add(row)
				all = append(all, row)
			}
			for i := range 3 {
				if r.IntN(2) == 0 {
					add(i, prereqRow)
				}
			}
			for i := range 40 {
				if r.IntN(3) == 0 {
					add(i, 0)
				}
			}
		}
		names := nameRanks(subjects)
		points := compareLost
		if missing {
			points = compareStake
		}
		slices.SortStableFunc(all, func(a, b gapsRow) int {
			if x := int(a.kind&reasonMask) - int(b.kind&reasonMask); x != 0 {
				return x
			}
			if x := points(&a, &b); x != 0 {
				return -x
			}
			return cmp.Compare(subjects[a.subject], subjects[b.subject])
		})
		order := sortChunked(&c, func(a, b gapsRow) int { return compareRows(&a, &b, names, missing) })
		for i, at := range order {
			if got := *c.at(int(at)); got != all[i] {
				t.Fatalf("missing=%v, row %d: got %+v, want %+v", missing, i, got, all[i])
			}
		}
	}
}
