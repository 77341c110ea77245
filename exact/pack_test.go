package exact

import (
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
