package exact_test

import (
	"errors"
	"testing"

	"countyscore/exact"
	"github.com/govalues/decimal"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in, want string
		err      error
	}{
		{"38.9", "38.9", nil},
		{"0.75", "0.75", nil},
		{"+40", "40", nil},
		{"-1.5", "-1.5", nil},
		{"007", "7", nil},
		{"123456789012", "123456789012", nil},
		{"0.123456", "0.123456", nil},
		{"", "", exact.ErrEmpty},
		{".5", "0.5", nil}, // as spreadsheets sometimes write it
		{"5.", "", exact.ErrNotNumber},
		{"1e3", "", exact.ErrNotNumber},
		{"NaN", "", exact.ErrNotNumber},
		{"1,5", "", exact.ErrNotNumber},
		{"1 5", "", exact.ErrNotNumber},
		{"1234567890123", "", exact.ErrTooLong},
		{"0.1234567", "", exact.ErrTooLong},
	}
	for _, tc := range tests {
		d, err := exact.Parse(tc.in)
		if !errors.Is(err, tc.err) || err == nil && exact.String(d) != tc.want {
			t.Errorf("Parse(%q) = %s, %v; want %s, %v", tc.in, exact.String(d), err, tc.want, tc.err)
		}
	}
}

// TestNoBinaryFloatingPoint is ruling 1's own examples.
func TestNoBinaryFloatingPoint(t *testing.T) {
	p, err := exact.Mul(exact.MustParse("2.2"), exact.MustParse("1.3"))
	if err != nil || exact.String(p) != "2.86" {
		t.Errorf("2.2 × 1.3 = %s, %v; want 2.86", exact.String(p), err)
	}
	d, _ := exact.Sub(exact.MustParse("38.9"), exact.MustParse("37.9"))
	started, whole, _ := exact.Steps(d, exact.One)
	if exact.String(started) != "1" || exact.String(whole) != "1" {
		t.Errorf("38.9 − 37.9 in steps of 1: %s started, %s whole; want 1 and 1", started, whole)
	}
}

func TestSteps(t *testing.T) {
	tests := []struct{ x, step, started, whole string }{
		{"0", "1", "0", "0"},
		{"1.4", "1", "2", "1"},
		{"2", "1", "2", "2"},
		{"0.5", "5", "1", "0"},
		{"7", "5", "2", "1"},
		{"10", "5", "2", "2"},
		{"6", "10", "1", "0"},
	}
	for _, tc := range tests {
		s, w, err := exact.Steps(exact.MustParse(tc.x), exact.MustParse(tc.step))
		if err != nil || exact.String(s) != tc.started || exact.String(w) != tc.whole {
			t.Errorf("Steps(%s, %s) = %s, %s, %v; want %s, %s", tc.x, tc.step, s, w, err, tc.started, tc.whole)
		}
	}
	if _, _, err := exact.Steps(exact.One, exact.Zero); err == nil {
		t.Error("a zero step must be an error, not a division by zero")
	}
}

func TestCeilDivAndShare(t *testing.T) {
	x, _ := exact.Mul(exact.MustParse("0.9"), exact.MustParse("123456"))
	c, err := exact.CeilDiv(x, exact.MustParse("10000"))
	if err != nil || exact.String(c) != "12" {
		t.Errorf("⌈0.9 × 123456 ÷ 10000⌉ = %s, %v; want 12", c, err)
	}
	if s, ok := exact.Share(exact.MustParse("2"), exact.MustParse("3")); !ok || s != "66.7" {
		t.Errorf("share 2/3 = %s", s)
	}
	if _, ok := exact.Share(exact.One, exact.Zero); ok {
		t.Error("a share of a zero target has no value")
	}
}

func TestMulRefusesToRound(t *testing.T) {
	big := exact.MustParse("123456789012.123456")
	if _, err := exact.Mul(big, big); !errors.Is(err, exact.ErrInexact) {
		t.Errorf("a product beyond 19 digits: %v, want ErrInexact", err)
	}
}

// TestAddAndSubRefuseToRound: govalues' own Add rounds a sum past 19
// digits; ours must refuse it and keep every exact sum.
func TestAddAndSubRefuseToRound(t *testing.T) {
	big := exact.MustParse("999999999999.999999")
	ten := big // ten times big: 9999999999999.99999, the most 19 digits hold at this scale
	for range 9 {
		var err error
		if ten, err = exact.Add(ten, big); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		op   func(a, b exact.Decimal) (exact.Decimal, error)
		a, b exact.Decimal
		want string // "" for an error
	}{
		{"sum of 19 digits", exact.Add, big, big, "1999999999999.999998"},
		{"sum past 19 digits", exact.Add, ten, big, ""},
		{"difference", exact.Sub, big, exact.MustParse("0.000001"), "999999999999.999998"},
		{"difference past 19 digits", exact.Sub, ten.Neg(), big, ""},
		{"scales differ", exact.Add, exact.MustParse("0.5"), exact.MustParse("2.25"), "2.75"},
	}
	for _, tc := range tests {
		got, err := tc.op(tc.a, tc.b)
		switch {
		case tc.want == "" && err == nil:
			t.Errorf("%s: got %s, want an error", tc.name, got)
		case tc.want != "" && (err != nil || exact.String(got) != tc.want):
			t.Errorf("%s: got %s, %v; want %s", tc.name, got, err, tc.want)
		}
	}
}

// TestAddZeroKeepsScale: adding a zero gives what the general sum gives,
// scale included (a sum's scale is the larger of the two).
func TestAddZeroKeepsScale(t *testing.T) {
	tests := []struct {
		name, a, b, want string
	}{
		{"zero right", "1.5", "0", "1.5"},
		{"zero left", "0", "1.5", "1.5"},
		{"zero of more decimals right", "1.5", "0.00", "1.50"},
		{"zero of more decimals left", "0.00", "1.5", "1.50"},
		{"negative", "0", "-2.25", "-2.25"},
		{"both zero", "0.0", "0.000", "0.000"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := exact.Add(exact.MustParse(tc.a), exact.MustParse(tc.b))
			if err != nil || got.String() != tc.want {
				t.Errorf("%s + %s = %s, %v; want %s", tc.a, tc.b, got.String(), err, tc.want)
			}
		})
	}
}

// TestAddSmallAsAddExact: the integer path Add takes for small
// non-negative numbers gives what govalues' AddExact gives, scale
// included, on every pair of a grid around its limits (coefficients near
// 2^40, scales six apart and beyond).
func TestAddSmallAsAddExact(t *testing.T) {
	coefs := []int64{0, 1, 5, 9, 10, 99, 12345, 1<<40 - 1, 1 << 40, 1<<40 + 1, 999999999999}
	var nums []exact.Decimal
	for _, c := range coefs {
		for _, s := range []int{0, 1, 2, 3, 6, 7, 8} {
			for _, neg := range []bool{false, true} {
				v := c
				if neg {
					v = -c
				}
				d, err := decimal.New(v, s)
				if err != nil {
					t.Fatal(err)
				}
				nums = append(nums, d)
			}
		}
	}
	for _, a := range nums {
		for _, b := range nums {
			got, err := exact.Add(a, b)
			want, werr := a.AddExact(b, max(a.Scale(), b.Scale()))
			if (err != nil) != (werr != nil) || err == nil && (got != want || got.Scale() != want.Scale()) {
				t.Fatalf("%s + %s = %s (%v); AddExact gives %s (%v)", a, b, got, err, want, werr)
			}
		}
	}
}
