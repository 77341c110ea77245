package pipeline

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

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

// TestOrderRowsIsStable: gaps rows counted into order by orderRows come
// in the order one stable sort by reason, points and name gives them (the
// order gaps printed before), over more rows than a chunk holds, with tied
// points of different scales (1 and 1.0), names in order of subject (no
// group to sort) and names in any order (every group sorted), for rows
// that cost points and for missing rows (by points at stake).
func TestOrderRowsIsStable(t *testing.T) {
	for _, tc := range []struct {
		name    string
		missing bool
		ordered bool // the subjects come in order of name
	}{
		{"lost, names in any order", false, false},
		{"lost, names in order", false, true},
		{"missing, names in any order", true, false},
		{"missing, names in order", true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(7, 8))
			pool := []string{"岚县", "兴县", "交城县", "县0001", "县0002", "A"}
			var subjects []string
			var c chunked[gapsRow]
			var all []gapsRow
			for s := 0; c.len() < 2*chunkSize+100; s++ {
				name := pool[r.IntN(len(pool))]
				if tc.ordered {
					name = fmt.Sprintf("县%07d", s/2) // two subjects a name: ties by subject
				}
				subjects = append(subjects, name)
				add := func(ind int, kind uint8) {
					row := gapsRow{subject: uint32(s), ind: uint16(ind), kind: kind | uint8(r.IntN(5))}
					row.lost, row.lostMeta = uint64(r.IntN(4)), uint8(r.IntN(2))
					if row.lostMeta == 1 {
						row.lost *= 10 // 1.0 beside 1: one value, two scales
					}
					row.points, row.pointsMeta = uint64(r.IntN(3)), 0
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
			if tc.missing {
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
			order := orderRows(&c, names, tc.missing)
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
