package pipeline

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"

	"countyscore/exact"
	"countyscore/scoring"
)

// TestPointCells: a row's cells come back exactly as added (the same
// coefficient and scale), whether they all pack or one of them (negative,
// or too long) turns the row to decimals part way.
func TestPointCells(t *testing.T) {
	tests := []struct {
		name  string
		cells []string
	}{
		{name: "small points pack", cells: []string{"0", "1.5", "66.50", "100", "0.25"}},
		{name: "a negative part way", cells: []string{"3", "0.5", "-2", "7"}},
		{name: "a long coefficient part way", cells: []string{"1", "123456789.123", "2"}},
		{name: "the largest that packs", cells: []string{"134217727", "13421.7727"}},
		{name: "empty", cells: nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var c pointCells
			var want []scoring.Number
			for range 3 { // past a chunk's first cells more than once
				for _, s := range tc.cells {
					n := scoring.N(exact.MustParse(s))
					c.add(n)
					want = append(want, n)
				}
			}
			got := c.take()
			if len(got) != len(want) {
				t.Fatalf("%d cells, want %d", len(got), len(want))
			}
			for i := range want {
				if got[i].V != want[i].V {
					t.Errorf("cell %d: %v (scale %d), want %v (scale %d)", i, got[i], got[i].V.Scale(), want[i], want[i].V.Scale())
				}
			}
		})
	}
}

// TestKeyExtremesAsExtremes: the one-pass extremes of a row of keys are
// those extremes finds with a comparison, on rows of every length to 50,
// with ties, a single value repeated, and negative keys.
func TestKeyExtremesAsExtremes(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for n := range 50 {
		for range 40 {
			keys := make([]int64, n)
			spread := 1 + rng.IntN(6)
			for i := range keys {
				keys[i] = int64(rng.IntN(spread)) - 2
			}
			gb, gw := keyExtremes(keys)
			wb, ww := extremes(every(n), func(a, c int) int { return cmp.Compare(keys[a], keys[c]) })
			if !slices.Equal(gb, wb) || !slices.Equal(gw, ww) {
				t.Fatalf("%v: best %v worst %v, extremes gives %v %v", keys, gb, gw, wb, ww)
			}
		}
	}
}
