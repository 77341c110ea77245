package scoring

import (
	"countyscore/criteria"
	"countyscore/exact"
)

// An indicator that pays by which of its conditions hold (all, checklist,
// bonus: no steps of shortfall, no points by value, no any/all) reads
// little of a value: whether it is given, a yes/no's answer, and how a
// number compares with its thresholds. Its options read a little more:
// reach moves a value to the nearest one meeting its bounds, and so
// compares it with each threshold (for a count, with the whole numbers
// around it, which a whole value compares with alike) and with the ends
// of the measure's range (0, or −100 for a signed percent; 100); a strict threshold is passed by one unit of the
// finer of its and the value's decimal places. Two values alike in all of that are in one class: the
// indicator scores the same with either, and its options make the same
// changes to the same values. So the planner keys such an indicator's
// memory on the classes of its values, not the values (valueKey): two
// subjects' 73.9 and 71.4 of green coverage, both above its 40, share
// one entry. What differs, the value each change starts from, is the
// subject's own (Planner.orig), which changes do not carry.
//
// A price per unit of distance (--costs) makes an option's cost read the
// value itself: the memory then keys on the values, as for every other
// indicator (optionMemo.prepare).

// valueClass is what a class of one measure's values is made of.
type valueClass struct {
	idx    int
	isBool bool
	// count: its values are whole numbers (a fraction, which no input
	// gives, is not classed), so that a count compares with a threshold's
	// whole numbers as with the threshold.
	count bool
	// marks are the numbers a value is compared with; strict, whether its
	// decimal places count (a strict threshold on a measure not a count).
	marks  []exact.Decimal
	strict bool
	// intDigits and scale bound the marks' digits: a value is classed
	// only when its difference with any mark is exact in 19 digits, so
	// that no value of a class fails where another scored.
	intDigits, scale int
	bits             uint // its share of the key
}

// valueClasses lays out the classes of ip's measures, or says that ip is
// not keyed by class: its kind reads more of a value, or the classes do
// not fit 64 bits.
func valueClasses(s *criteria.Set, ip *indPlan) ([]valueClass, bool) {
	if !ip.memo || ip.compound || ip.ind.Kind.Steps || ip.ind.Kind.Proportional {
		return nil, false
	}
	var out []valueClass
	var bits uint
	for _, idx := range ip.meas {
		m := s.Measures[idx]
		vc := valueClass{idx: idx, isBool: m.Kind == criteria.Bool, count: m.Kind == criteria.Count, bits: 2}
		if !vc.isBool {
			if least, ok := rangeFloor(m); ok {
				vc.marks = append(vc.marks, least)
			}
			if m.Kind == criteria.Pct {
				vc.marks = append(vc.marks, exact.Hundred)
			}
		}
		for _, pc := range ip.conds {
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
			vc.marks = appendMark(vc.marks, c.Value)
			vc.strict = vc.strict || !vc.count && (c.Op == criteria.GT || c.Op == criteria.LT)
		}
		if !vc.isBool {
			for _, x := range vc.marks {
				vc.intDigits = max(vc.intDigits, x.Prec()-x.Scale())
				vc.scale = max(vc.scale, x.Scale())
			}
			vc.bits = 1 + 2*uint(len(vc.marks))
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

// appendMark adds x to marks unless it is there.
func appendMark(marks []exact.Decimal, x exact.Decimal) []exact.Decimal {
	for _, y := range marks {
		if y.Cmp(x) == 0 {
			return marks
		}
	}
	return append(marks, x)
}

// classKey packs the classes of ip's values into 64 bits: per measure,
// 0 for a missing value; for a yes/no 1, or 3 for yes; for a number a
// given bit, then two bits per mark (below, at, above it), then, when
// strict, four bits of its decimal places. False when a value is 不适用
// or cannot be classed (see valueClass).
func (p *Planner) classKey(ip *indPlan) (uint64, bool) {
	var key uint64
	for i := range ip.classes {
		vc := &ip.classes[i]
		v := p.vals[vc.idx]
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
			places := n.Scale()
			if places > 0 && n.Coef()%10 == 0 {
				places = n.Trim(0).Scale()
			}
			if max(n.Prec()-n.Scale(), vc.intDigits)+1+max(n.Scale(), vc.scale) > 18 || places > 15 || vc.count && !n.IsInt() {
				return 0, false
			}
			k = 1
			for _, x := range vc.marks {
				k = k<<2 | uint64(n.Cmp(x)+1)
			}
			if vc.strict {
				k = k<<4 | uint64(places)
			}
		}
		key = key<<vc.bits | k
	}
	return key, true
}
