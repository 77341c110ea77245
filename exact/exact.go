// Package exact keeps every number countyscore compares or computes as the
// decimal that was typed (ruling 1): 2.2 × 1.3 is 2.86, never
// 2.8600000000000003. It wraps github.com/govalues/decimal, a fixed-size
// decimal that works in uint64 without allocating, and adds the two things
// the engine needs on top: a strict parser for what people type into
// spreadsheets, and arithmetic that refuses to round.
package exact

import (
	"errors"
	"fmt"
	"strings"

	"github.com/govalues/decimal"
)

// Decimal is an exact decimal number.
type Decimal = decimal.Decimal

// Limits on a typed number. A measured value with more digits than this is a
// pasting accident, not a measurement; refusing it keeps every product the
// engine forms within the 19 digits govalues computes exactly.
const (
	MaxIntDigits  = 12
	MaxFracDigits = 6
)

// Zero, One and Hundred are the constants the engine needs.
var (
	Zero    = decimal.Zero
	One     = decimal.One
	Hundred = decimal.Hundred
)

// Sentinel errors of Parse. Each says why a cell is not a number so the
// message can tell the user what to change.
var (
	ErrEmpty     = errors.New("empty")
	ErrNotNumber = errors.New("not a number")
	ErrTooLong   = fmt.Errorf("more than %d digits before or %d after the decimal point", MaxIntDigits, MaxFracDigits)
	ErrInexact   = errors.New("result needs more than 19 digits; refusing to round")
)

// Parse reads a plain decimal: optional sign, digits, optional fraction.
// No exponents, no NaN or infinities, no thousands separators: a number in
// those shapes is refused rather than guessed at.
func Parse(s string) (Decimal, error) {
	if s == "" {
		return Zero, ErrEmpty
	}
	body := s
	if body[0] == '+' || body[0] == '-' {
		body = body[1:]
	}
	intPart, frac, hasPoint := strings.Cut(body, ".")
	if intPart == "" && frac == "" {
		return Zero, ErrNotNumber
	}
	if hasPoint && frac == "" || !allDigits(intPart) || !allDigits(frac) {
		return Zero, ErrNotNumber
	}
	if len(strings.TrimLeft(intPart, "0")) > MaxIntDigits || len(frac) > MaxFracDigits {
		return Zero, ErrTooLong
	}
	d, err := decimal.Parse(s)
	if err != nil {
		return Zero, ErrNotNumber
	}
	return d, nil
}

// MustParse is Parse for constants written in Go code and tests.
func MustParse(s string) Decimal {
	d, err := Parse(s)
	if err != nil {
		panic(fmt.Sprintf("exact.MustParse(%q): %v", s, err))
	}
	return d
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// New returns coef × 10^-scale, as a Decimal of that scale: the decimal
// Parse gives for the same digits, for readers that have them in hand.
func New(coef int64, scale int) (Decimal, error) {
	return decimal.New(coef, scale)
}

// Int returns n as a Decimal.
func Int(n int64) Decimal {
	return decimal.MustNew(n, 0)
}

// Mul multiplies exactly or fails: govalues would otherwise round a product
// that needs more than 19 digits, and a rounded target is a wrong target.
func Mul(a, b Decimal) (Decimal, error) {
	if a.Prec()+b.Prec() > decimal.MaxPrec || a.Scale()+b.Scale() > decimal.MaxScale {
		return Zero, ErrInexact
	}
	return a.Mul(b)
}

// Add adds exactly or fails: govalues would otherwise round a sum that
// needs more than 19 digits (thirteen values of 999999999999.999999 add up
// to one), and a rounded sum is a wrong sum.
func Add(a, b Decimal) (Decimal, error) {
	// Adding a zero of no more decimals gives the other as it is; points
	// are summed for every indicator of every subject, and many are 0.
	if b.IsZero() && b.Scale() <= a.Scale() {
		return a, nil
	}
	if a.IsZero() && a.Scale() <= b.Scale() {
		return b, nil
	}
	if s, ok := addSmall(a, b); ok {
		return s, nil
	}
	s, err := a.AddExact(b, max(a.Scale(), b.Scale()))
	if err != nil {
		return Zero, ErrInexact
	}
	return s, nil
}

// addSmall is Add for the usual case, points and the like: two
// non-negative numbers of few digits and close scales, whose sum is their
// coefficients, one aligned to the other's scale, added as integers. The
// result is the one AddExact gives (its scale is the larger), at a
// fraction of the work. False when the case is not the usual one.
func addSmall(a, b Decimal) (Decimal, bool) {
	sa, sb := a.Scale(), b.Scale()
	ca, cb := a.Coef(), b.Coef()
	if a.IsNeg() || b.IsNeg() || ca >= 1<<40 || cb >= 1<<40 || sa-sb > 6 || sb-sa > 6 {
		return Zero, false
	}
	// Below 2^40 times at most 10^6 (< 2^20): the sum stays below 2^61.
	switch {
	case sa < sb:
		ca *= uint64(Pow10[sb-sa])
	case sb < sa:
		cb *= uint64(Pow10[sa-sb])
	}
	d, err := decimal.New(int64(ca+cb), max(sa, sb))
	return d, err == nil
}

// Pow10 are the powers of ten an int64 holds, for arithmetic done in
// whole units of 10^-scale (addSmall aligns by the first seven).
var Pow10 = [...]int64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// Sub subtracts exactly or fails, like Add.
func Sub(a, b Decimal) (Decimal, error) {
	d, err := a.SubExact(b, max(a.Scale(), b.Scale()))
	if err != nil {
		return Zero, ErrInexact
	}
	return d, nil
}

// Steps counts how many steps of size step fit in x, both ways a deduction
// rule can be read (ruling 3): started steps (ceil) and whole steps (floor).
// x and step must be positive or x zero.
func Steps(x, step Decimal) (started, whole Decimal, err error) {
	if !step.IsPos() {
		return Zero, Zero, fmt.Errorf("step %s is not positive", step)
	}
	q, r, err := x.QuoRem(step)
	if err != nil {
		return Zero, Zero, err
	}
	q = q.Trunc(0)
	started = q
	if !r.IsZero() {
		if started, err = q.Add(One); err != nil {
			return Zero, Zero, err
		}
	}
	return started, q, nil
}

// CeilDiv returns ⌈x ÷ y⌉ exactly, for targets counted in whole units.
func CeilDiv(x, y Decimal) (Decimal, error) {
	started, _, err := Steps(x, y)
	return started, err
}

// Max returns the larger of a and b.
func Max(a, b Decimal) Decimal { return a.Max(b) }

// String formats d without trailing zeros: 40, 38.9, 2.86.
func String(d Decimal) string {
	var buf [48]byte
	return string(AppendTrimmed(buf[:0], d))
}

// Fixed formats d rounded half away from zero to at most places decimals,
// without trailing zeros. It is for display only (shares, ratios), never for
// a comparison.
func Fixed(d Decimal, places int) string {
	return d.Round(places).Trim(0).String()
}

// Share returns part ÷ whole × 100 rounded to one decimal, for "share done"
// columns. It is display only; "met" is always decided by an exact compare.
func Share(part, whole Decimal) (string, bool) {
	if !whole.IsPos() {
		return "", false
	}
	q, err := part.Quo(whole)
	if err != nil {
		return "", false
	}
	p, err := q.Mul(Hundred)
	if err != nil {
		return "", false
	}
	return Fixed(p, 1), true
}
