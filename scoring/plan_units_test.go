package scoring

import (
	"testing"

	"github.com/govalues/decimal"

	"countyscore/exact"
)

// TestUnits: a decimal in whole units of 10^-scale, by the fast path (no
// more decimals than scale) and the slow one (trailing zeros beyond it),
// and refused when it does not fit.
func TestUnits(t *testing.T) {
	tests := []struct {
		name  string
		d     string
		scale int
		want  int64
		err   bool
	}{
		{name: "whole points in half points", d: "80", scale: 1, want: 800},
		{name: "same scale", d: "2.5", scale: 1, want: 25},
		{name: "negative", d: "-0.25", scale: 3, want: -250},
		{name: "zero", d: "0", scale: 2, want: 0},
		{name: "trailing zeros beyond the scale", d: "2.500", scale: 1, want: 25},
		{name: "largest power", d: "1", scale: 18, want: 1e18},
		{name: "too large", d: "5", scale: 18, err: true},
		{name: "too fine", d: "1", scale: 19, err: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := units(exact.MustParse(tt.d), tt.scale)
			if (err != nil) != tt.err || got != tt.want {
				t.Errorf("units(%s, %d) = %d, %v; want %d, error %t", tt.d, tt.scale, got, err, tt.want, tt.err)
			}
		})
	}
}

// TestPackedAsDecimals: cmpPacked orders packed decimals as Cmp orders the
// decimals, and packedUnits counts them as units does, over a grid of
// signs, scales and sizes.
func TestPackedAsDecimals(t *testing.T) {
	var nums []exact.Decimal
	for _, s := range []string{"0", "0.0", "1", "-1", "1.5", "-1.5", "2.25", "10", "10.0", "-0.05", "66.5", "100", "123456789012.123456", "-3"} {
		nums = append(nums, exact.MustParse(s))
	}
	for _, a := range nums {
		ac, am := exact.Pack(a)
		for _, b := range nums {
			bc, bm := exact.Pack(b)
			if got, want := cmpPacked(ac, am, bc, bm), a.Cmp(b); got != want {
				t.Errorf("cmpPacked(%s, %s) = %d, Cmp gives %d", a, b, got, want)
			}
		}
		for scale := range 8 {
			got, gerr := packedUnits(ac, am, scale)
			want, werr := units(a, scale)
			if got != want || (gerr == nil) != (werr == nil) {
				t.Errorf("packedUnits(%s, %d) = %d, %v; units gives %d, %v", a, scale, got, gerr, want, werr)
			}
		}
	}
}

// TestPointSum: adding packed points in integers gives the decimal sum,
// value and scale, as adding the decimals does: small points, points of
// more decimals or digits than the integers take, and negative ones.
func TestPointSum(t *testing.T) {
	lists := [][]string{
		{},
		{"0"},
		{"2", "3.5", "0", "1.25"},
		{"2.50", "1"},
		{"7", "-2.5", "0.000001"},
		{"4294967296", "1.5"}, // 2^32: past the integers
		{"1", "0.0000001", "2"},
		{"999999999999.999999", "0.000001"},
		{"12345678901234", "0.5"},
	}
	for _, list := range lists {
		var s pointSum
		want := exact.Zero
		for _, x := range list {
			d := decimal.MustParse(x)
			s.add(exact.Pack(d))
			want = add(want, d)
		}
		if got := s.total(); got != want {
			t.Errorf("%v: sum %v (scale %d), want %v (scale %d)", list, got, got.Scale(), want, want.Scale())
		}
	}
}

// TestStatusPlaces: a memoResult's status bits hold every status's place,
// and unmetPlace is StatusUnmet's.
func TestStatusPlaces(t *testing.T) {
	if len(statuses) > statusBits+1 || statuses[unmetPlace] != StatusUnmet {
		t.Errorf("statuses %v do not fit %#x, or %d is not %q", statuses, statusBits, unmetPlace, StatusUnmet)
	}
}
