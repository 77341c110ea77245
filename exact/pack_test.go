package exact

import (
	"math/rand/v2"
	"testing"

	"github.com/govalues/decimal"
)

// TestPack: every decimal comes back from Pack and Unpack with its value,
// scale and sign, the 19-digit ones included.
func TestPack(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{name: "zero", in: "0"},
		{name: "integer", in: "70"},
		{name: "fraction", in: "38.90"},
		{name: "negative", in: "-2.75"},
		{name: "small", in: "0.0000000000000000001"},
		{name: "19 digits above int64", in: "9999999999999999999"},
		{name: "19 digits with a point", in: "-99999999999.99999999"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := decimal.MustParse(tc.in)
			got := Unpack(Pack(d))
			if got != d {
				t.Errorf("Unpack(Pack(%s)) = %s (scale %d), want scale %d", d, got, got.Scale(), d.Scale())
			}
		})
	}
}

// TestAppendTrimmed: the same text as d.Trim(0).AppendText for every
// scale, sign and size of coefficient, zeros and 19 digits included.
func TestAppendTrimmed(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var cases []Decimal
	for _, s := range []string{"0", "0.0", "0.000", "-0.5", "0.05", "100", "100.00", "1.10", "-12.340",
		"9999999999999999999", "0.9999999999999999999", "-999999999999999999.9", "0.0000000000000000001"} {
		cases = append(cases, decimal.MustParse(s))
	}
	cases = append(cases, decimal.MustParse("0.00").Neg(), decimal.MustParse("0").Neg())
	for range 20000 {
		coef := r.Int64N(1 << 62)
		if r.IntN(3) == 0 {
			coef = r.Int64N(1000) * []int64{1, 10, 100, 1000}[r.IntN(4)]
		}
		d, err := decimal.New(coef, r.IntN(19))
		if err != nil {
			continue
		}
		if r.IntN(2) == 0 {
			d = d.Neg()
		}
		cases = append(cases, d)
	}
	for _, d := range cases {
		want, _ := d.Trim(0).AppendText(nil)
		if got := AppendTrimmed([]byte("x"), d); string(got) != "x"+string(want) {
			t.Fatalf("%v: got %q, want %q", d, got[1:], want)
		}
	}
}
