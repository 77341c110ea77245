package inputs

import (
	"countyscore/criteria"
	"countyscore/exact"
)

// Cell kinds a column's cells are read as on the fast path: the measure's
// kind decided once per column, not compared as a string per cell.
const (
	fastNone  uint8 = iota // no fast path: always ParseCell
	fastBool               // a yes/no measure
	fastNum                // a number ≥ 0 (num, or a signed num)
	fastCount              // a whole number ≥ 0
	fastPct                // a percent 0–100
)

// fastKind is the fast-path kind of measure m.
func fastKind(m *criteria.Measure) uint8 {
	switch m.Kind {
	case criteria.Bool:
		return fastBool
	case criteria.Num:
		return fastNum
	case criteria.Count:
		return fastCount
	case criteria.Pct:
		if m.Signed {
			return fastNone // ParseCell gives a signed percent no fraction hint
		}
		return fastPct
	}
	return fastNone
}

// fastCell reads the cells nearly every sheet is made of — true, false
// and a plain decimal such as 38.9 — without Normalize and the general
// number parser, and gives exactly what ParseCell gives for them. ok is
// false for anything else (a blank, a sign, a space, a comma, a percent
// sign, full-width digits, too many digits, a value out of range):
// ParseCell then reads it, and words any error.
func fastCell(raw string, kind uint8) (v Value, hint, ok bool) {
	switch kind {
	case fastBool:
		switch raw {
		case "true":
			return Value{Given: true, Bool: true}, false, true
		case "false":
			return Value{Given: true}, false, true
		}
		return Value{}, false, false
	case fastNone:
		return Value{}, false, false
	}
	coef, scale, ok := plainDigits(raw)
	if !ok {
		return Value{}, false, false
	}
	switch kind {
	case fastCount:
		if scale > 0 {
			return Value{}, false, false
		}
	case fastPct:
		// Within 0–100, and below 1 (a fraction hint), compared as
		// integers: the coefficient against 100 and 1 at its scale.
		one := exact.Pow10[scale]
		if coef > 100*one {
			return Value{}, false, false
		}
		hint = coef > 0 && coef < one
	}
	d, err := exact.New(coef, scale)
	if err != nil {
		return Value{}, false, false
	}
	return Value{Given: true, Num: d}, hint, true
}

// plainDigits reads digits, optionally a point and more digits, within
// exact.Parse's limits (counting leading zeros too, to keep it simple),
// as the coefficient and scale of the decimal exact.Parse gives, trailing
// zeros trimmed.
func plainDigits(s string) (coef int64, scale int, ok bool) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		coef = coef*10 + int64(s[i]-'0')
		i++
	}
	if i == 0 || i > exact.MaxIntDigits {
		return 0, 0, false
	}
	if i < len(s) {
		if s[i] != '.' {
			return 0, 0, false
		}
		i++
		start := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			coef = coef*10 + int64(s[i]-'0')
			i++
		}
		scale = i - start
		if i != len(s) || scale == 0 || scale > exact.MaxFracDigits {
			return 0, 0, false
		}
	}
	for scale > 0 && coef%10 == 0 { // the trailing zeros, trimmed before: cheaper than Trim after
		coef /= 10
		scale--
	}
	return coef, scale, true
}
