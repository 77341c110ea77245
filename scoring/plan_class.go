package scoring

import (
	"math/bits"
	"slices"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
)

// An indicator scored by which of its conditions hold (all, checklist,
// bonus) or by the steps a condition falls short (linear), without
// points by value or any/all, reads little of a value: whether it is
// given, a yes/no's answer, how a number compares with its thresholds,
// and for a linear rule how many steps short of one it falls, up to the
// number that takes every point. Its options read a little more: reach
// moves a value to the nearest one meeting its bounds, and so compares it
// with each threshold (for a count, with the whole numbers around it,
// which a whole value compares with alike) and with the ends of the
// measure's range (0, or −100 for a signed percent; 100); a strict
// threshold is passed by one unit of the finer of its and the value's
// decimal places. All of that is where the value lies among a few marks
// (the thresholds, the ends of the range, and a linear rule's thresholds
// moved by whole steps), and, by a strict threshold, its decimal places.
// Two values alike in that are in one class: the indicator scores the
// same with either, and its options make the same changes to the same
// values. So the planner keys such an indicator's memory on the classes
// of its values, not the values (valueKey): two subjects' 73.9 and 71.4
// of green coverage, both above its 40, share one entry. What differs,
// the value each change starts from, is the subject's own (Planner.orig),
// which changes do not carry.
//
// A price per unit of distance (--costs) makes an option's cost read the
// value itself, and a linear rule's partial raises: the memory then keys
// on the values, as for every other indicator (optionMemo.prepare).

// valueClass is what a class of one measure's values is made of.
type valueClass struct {
	idx    int
	isBool bool
	// count: its values are whole numbers (a fraction, which no input
	// gives, is not classed), so that a count compares with a threshold's
	// whole numbers as with the threshold.
	count bool
	// marks are the numbers a value is placed among, in ascending order,
	// in whole units of 10^-unit (unit: the most decimals of any);
	// strict, whether its decimal places count (a strict threshold on a
	// measure not a count).
	marks  []int64
	unit   int
	strict bool
	// fit is, per number of decimal places, the bound of a classed
	// value's coefficient: a value is classed only when the engine's
	// arithmetic on it (its difference with a mark, the steps in it and
	// what they cost) is exact, so that no value of a class fails where
	// another scored. 0: none with so many places.
	fit  [16]uint64
	bits uint // its share of the key
}

// maxMarks bounds the marks of one measure: a linear rule of very many
// steps is keyed on its values.
const maxMarks = 64

// classesOf lays out the classes of the values of ind's measures, or
// says that ind is not keyed by class: a condition on a $threshold, or
// any/all, or points by value, or classes that do not fit 64 bits. The
// scorer keys its memory of standings on them (Scorer); the planner, of
// results and options (indPlan.classes).
func classesOf(s *criteria.Set, ind *criteria.Indicator) ([]valueClass, bool) {
	if ind.Kind.Proportional {
		return nil, false
	}
	var meas []int
	var conds []planCond
	for ri := range ind.Require {
		r := &ind.Require[ri]
		if r.Tree != nil {
			return nil, false
		}
		for ci := range r.Conditions {
			c := &r.Conditions[ci]
			if c.Thresh != nil {
				return nil, false
			}
			conds = append(conds, planCond{req: ri, veto: r.Veto, c: c})
			if !slices.Contains(meas, c.MeasureIdx) {
				meas = append(meas, c.MeasureIdx)
			}
		}
	}
	steps := 0
	if ind.Kind.Steps {
		w, err := stepsTakingAll(ind)
		if err != nil || w > maxMarks {
			return nil, false
		}
		steps = int(w)
	}
	return valueClasses(s, ind, meas, conds, steps)
}

// valueClasses is classesOf given ind's measures (meas), its conditions
// (conds) and, for a linear rule, how many steps short take every point
// (steps).
func valueClasses(s *criteria.Set, ind *criteria.Indicator, meas []int, conds []planCond, steps int) ([]valueClass, bool) {
	// A linear rule's arithmetic: steps of a shortfall, of up to 19
	// digits, counted in steps of step's decimals, and each costing
	// deduct: a shortfall of at most room digits before the point keeps
	// the steps and their cost within 19 digits.
	room := 17
	if ind.Kind.Steps {
		room = 16 - ind.Step.V.Scale() - ind.Deduct.V.Prec()
	}
	var out []valueClass
	var bits uint
	for _, idx := range meas {
		m := &s.Measures[idx]
		vc := valueClass{idx: idx, isBool: m.Kind == criteria.Bool, count: m.Kind == criteria.Count, bits: 2}
		var marks []exact.Decimal
		if !vc.isBool {
			if least, ok := rangeFloor(m); ok {
				marks = append(marks, least)
			}
			if m.Kind == criteria.Pct {
				marks = append(marks, exact.Hundred)
			}
		}
		for _, pc := range conds {
			c := pc.c
			if c.MeasureIdx != idx {
				continue
			}
			if c.IsBool != vc.isBool {
				return nil, false
			}
			if vc.isBool {
				continue
			}
			marks = appendMark(marks, c.Value)
			vc.strict = vc.strict || !vc.count && (c.Op == criteria.GT || c.Op == criteria.LT)
			if ind.Kind.Steps && !pc.veto {
				var ok bool
				if marks, ok = stepMarks(marks, c, ind.Step.V, steps); !ok {
					return nil, false
				}
			}
		}
		if !vc.isBool {
			if len(marks) > maxMarks {
				return nil, false
			}
			units, unit, intDigits, ok := unitMarks(marks)
			if !ok {
				return nil, false
			}
			vc.marks, vc.unit = units, unit
			// A value of n places and p digits differs from a mark in
			// max(p−n, intDigits)+1 digits before the point and
			// max(n, unit) after it: 18 in all at most, and no more than
			// room before the point.
			for n := range vc.fit {
				after := max(n, unit)
				before := min(17-after, room-1)
				if intDigits <= before {
					vc.fit[n] = uint64(exact.Pow10[n+before])
				}
			}
			// A place among n marks: below the first, at one, between
			// two, above the last: 2n+1 of them.
			vc.bits = 1 + uint(bitsFor(2*len(marks)))
			if vc.strict {
				vc.bits += 4
			}
		}
		if bits += vc.bits; bits > 64 {
			return nil, false
		}
		out = append(out, vc)
	}
	return out, true
}

// unitMarks sorts marks and writes them in whole units of 10^-unit, the
// most decimals of any; intDigits is the most digits before the point.
// False when they do not fit 18 digits.
func unitMarks(marks []exact.Decimal) (us []int64, unit, intDigits int, ok bool) {
	slices.SortFunc(marks, func(a, b exact.Decimal) int { return a.Cmp(b) })
	for _, x := range marks {
		intDigits, unit = max(intDigits, x.Prec()-x.Scale()), max(unit, x.Scale())
	}
	if intDigits+unit > 17 {
		return nil, 0, 0, false
	}
	for _, x := range marks {
		u, err := units(x, unit)
		if err != nil {
			return nil, 0, 0, false
		}
		us = append(us, u)
	}
	return us, unit, intDigits, true
}

// stepMarks adds the marks of a linear condition c: its threshold moved
// away from where it holds by 1…steps whole steps, the bounds of the
// shortfalls that start as many steps (⌈shortfall ÷ step⌉).
func stepMarks(marks []exact.Decimal, c *criteria.Condition, step exact.Decimal, steps int) ([]exact.Decimal, bool) {
	if steps > maxMarks {
		return marks, false
	}
	switch c.Op {
	case criteria.GE, criteria.GT, criteria.LE, criteria.LT:
	default:
		return marks, false // equality: its shortfall is a distance either way
	}
	at := c.Value
	for range steps {
		var err error
		if c.Op == criteria.GE || c.Op == criteria.GT {
			at, err = exact.Sub(at, step)
		} else {
			at, err = exact.Add(at, step)
		}
		if err != nil {
			return marks, false
		}
		marks = appendMark(marks, at)
	}
	return marks, true
}

// bitsFor is the bits that hold 0…n.
func bitsFor(n int) int { return bits.Len(uint(n)) }

// appendMark adds x to marks unless it is there.
func appendMark(marks []exact.Decimal, x exact.Decimal) []exact.Decimal {
	for _, y := range marks {
		if y.Cmp(x) == 0 {
			return marks
		}
	}
	return append(marks, x)
}

// classKey packs the classes of the values vals gives the measures of
// classes into 64 bits: per measure, 0 for a missing value; for a yes/no
// 1, or 3 for yes; for a number a given bit, then its place among the
// marks, then, when strict, four bits of its decimal places. False when a
// value is 不适用 or cannot be classed (see valueClass).
func classKey(classes []valueClass, vals []inputs.Value) (uint64, bool) {
	var key uint64
	for i := range classes {
		vc := &classes[i]
		v := vals[vc.idx]
		var k uint64
		switch {
		case v.NA:
			return 0, false
		case !v.Given:
		case vc.isBool:
			k = 1
			if v.Bool {
				k = 3
			}
		default:
			n := v.Num
			coef, scale, neg := n.Coef(), n.Scale(), n.IsNeg()
			if scale >= len(vc.fit) || coef >= vc.fit[scale] || vc.count && scale > 0 && !n.IsInt() {
				return 0, false
			}
			width := vc.bits // the given bit and the place, then the places
			if vc.strict {
				width -= 4
			}
			k = 1<<(width-1) | uint64(vc.place(coef, scale, neg))
			if vc.strict {
				places := scale
				for places > 0 && coef%10 == 0 {
					coef /= 10
					places--
				}
				k = k<<4 | uint64(places)
			}
		}
		key = key<<vc.bits | k
	}
	return key, true
}

// place is where a value of coefficient coef, scale places and sign neg
// lies among vc's marks: twice the marks below it, and one more when it
// is at one. The value is read in the marks' units, as a whole number u
// and whether a fraction is left over (its floor, and whether it is above
// it), which a classed value always fits.
func (vc *valueClass) place(coef uint64, scale int, neg bool) int {
	var u int64
	frac := false
	if scale <= vc.unit {
		u = int64(coef) * exact.Pow10[vc.unit-scale]
	} else {
		d := uint64(exact.Pow10[scale-vc.unit])
		u, frac = int64(coef/d), coef%d != 0
	}
	if neg {
		u = -u
		if frac {
			u-- // the floor, with a fraction above it
		}
	}
	place := 0
	for _, m := range vc.marks {
		switch {
		case u < m:
			return place
		case u == m && !frac:
			return place + 1
		}
		place += 2
	}
	return place
}
