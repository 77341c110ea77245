package pipeline

import (
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
