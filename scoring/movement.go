package scoring

import (
	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
)

// Directions of a value's movement between two runs, relative to what a
// condition requires of it.
const (
	MoveReached   = "reached"   // did not hold before, holds now
	MoveLost      = "lost"      // held before, does not hold now
	MoveToward    = "toward"    // short before and now, less short now
	MoveAway      = "away"      // short before and now, more short now
	MoveHeld      = "held"      // held before and now; the value changed
	MoveGiven     = "given"     // missing before, given now
	MoveWithdrawn = "withdrawn" // given before, missing now (missing is never met)
	MoveMixed     = "mixed"     // a compound requirement: some conditions closer, some further
	MoveUnchanged = "unchanged" // no change that matters to the condition
)

// Movement is how one value moved against one condition between two runs:
// "G17 60 → 62 %, 3 to go" is Old 60, New 62, Direction toward, ToGo 3.
type Movement struct {
	Item      string  `json:"item"`    // the indicator or quota the condition belongs to
	Measure   string  `json:"measure"` // the measure whose value moved
	Condition string  `json:"condition"`
	Old       *Scalar `json:"old"` // null when missing
	New       *Scalar `json:"new"`
	Direction string  `json:"direction"`
	Holds     bool    `json:"holds"` // the condition holds on the new value
	// ToGo is how far the new value still falls short, in the measure's
	// unit; null once it holds, for a true/false value and for a missing one.
	ToGo *Number `json:"to_go"`
}

// Move compares two values of c's measure. It is exact: the distance to
// the threshold (below a "≥"/">", above a "≤"/"<", either side of an "=")
// is an exact decimal difference, and a value on the threshold of a strict
// ">" is short by 0 yet does not hold.
func Move(c criteria.Condition, old, cur inputs.Value) Movement {
	return MoveNamed(c, c.String(), old, cur)
}

// MoveNamed is Move with c's text (c.String()) given: a diff of 100,000
// subjects moves values against the same few conditions over and over.
func MoveNamed(c criteria.Condition, text string, old, cur inputs.Value) Movement {
	return MoveInto(c, text, old, cur, new(MoveSlots))
}

// MoveSlots holds the values a Movement points to.
type MoveSlots struct {
	Old, New Scalar
	ToGo     Number
}

// MoveInto is MoveNamed with the values the movement points to kept in
// slots, which a caller cuts from a block of many: one allocation per
// block, not up to three per movement.
func MoveInto(c criteria.Condition, text string, old, cur inputs.Value, slots *MoveSlots) Movement {
	m := Movement{Measure: c.Measure, Condition: text}
	before, after := holdsValue(c, old), holdsValue(c, cur)
	m.Holds = after
	if old.Given {
		slots.Old = scalarOf(c, old)
		m.Old = &slots.Old
	}
	if cur.Given {
		slots.New = scalarOf(c, cur)
		m.New = &slots.New
		if !after && !c.IsBool {
			if d, err := shortBy(c, cur.Num); err == nil {
				slots.ToGo = N(exact.Max(d, exact.Zero))
				m.ToGo = &slots.ToGo
			}
		}
	}
	switch {
	case !old.Given && !cur.Given:
		m.Direction = MoveUnchanged
	case !old.Given:
		m.Direction = MoveGiven
		if after {
			m.Direction = MoveReached
		}
	case !cur.Given:
		m.Direction = MoveWithdrawn
	case !before && after:
		m.Direction = MoveReached
	case before && !after:
		m.Direction = MoveLost
	case before && after:
		m.Direction = MoveUnchanged
		if !sameValue(c, old, cur) {
			m.Direction = MoveHeld
		}
	case c.IsBool:
		m.Direction = MoveUnchanged // both short of a yes/no: nothing closer
	default:
		do, err1 := shortBy(c, old.Num)
		dn, err2 := shortBy(c, cur.Num)
		switch {
		case err1 != nil || err2 != nil:
			m.Direction = MoveUnchanged
		case dn.Cmp(do) < 0:
			m.Direction = MoveToward
		case dn.Cmp(do) > 0:
			m.Direction = MoveAway
		default:
			m.Direction = MoveUnchanged
		}
	}
	return m
}

// MoveRequirement is how a requirement of several conditions moved as a
// whole: reached or lost when the requirement as a whole (every condition)
// began or ceased to hold; while it stays unmet, toward when some condition
// came closer and none went further, away for the reverse, mixed for
// both. The movement of each condition comes with it.
func MoveRequirement(req criteria.Requirement, old, cur []inputs.Value) (string, []Movement) {
	moves := make([]Movement, len(req.Conditions))
	before, after := true, true
	closer, further := false, false
	for i, c := range req.Conditions {
		moves[i] = Move(c, old[c.MeasureIdx], cur[c.MeasureIdx])
		before = before && holdsValue(c, old[c.MeasureIdx])
		after = after && moves[i].Holds
		switch moves[i].Direction {
		case MoveReached, MoveToward, MoveGiven:
			closer = true
		case MoveLost, MoveAway, MoveWithdrawn:
			further = true
		}
	}
	switch {
	case !before && after:
		return MoveReached, moves
	case before && !after:
		return MoveLost, moves
	case before && after:
		return MoveUnchanged, moves
	case closer && further:
		return MoveMixed, moves
	case closer:
		return MoveToward, moves
	case further:
		return MoveAway, moves
	}
	return MoveUnchanged, moves
}

// MoveQuota compares two results of one quota line: the actual value
// against the newer target ("≥" or "≤"). ToGo is the newer gap.
func MoveQuota(old, cur Quota) Movement {
	c := criteria.Condition{Measure: cur.ID, Op: criteria.Op(cur.Op)}
	if c.Op == "" {
		c.Op = criteria.GE
	}
	if cur.Target != nil {
		c.Value = cur.Target.V
	} else if old.Target != nil {
		c.Value = old.Target.V
	}
	value := func(n *Number) inputs.Value {
		if n == nil {
			return inputs.Value{}
		}
		return inputs.Value{Given: true, Num: n.V}
	}
	m := Move(c, value(old.Actual), value(cur.Actual))
	m.Item = cur.Row
	if cur.Target == nil && old.Target == nil {
		m.Condition, m.ToGo = "", nil
	}
	return m
}

// holdsValue reports whether v meets c; a missing value never does.
func holdsValue(c criteria.Condition, v inputs.Value) bool {
	if !v.Given {
		return false
	}
	if c.IsBool {
		return v.Bool == c.Bool
	}
	return c.Op.Holds(v.Num, c.Value)
}

func scalarOf(c criteria.Condition, v inputs.Value) Scalar {
	if c.IsBool {
		return Scalar{IsBool: true, Bool: v.Bool}
	}
	return Scalar{Num: v.Num}
}

// sameValue reports whether two given values are equal.
func sameValue(c criteria.Condition, a, b inputs.Value) bool {
	if c.IsBool {
		return a.Bool == b.Bool
	}
	return a.Num.Cmp(b.Num) == 0
}

// ValueChanged reports whether a measure's value differs between two runs:
// given or not, or another value.
func ValueChanged(a, b inputs.Value) bool {
	if a.Given != b.Given {
		return true
	}
	if !a.Given {
		return false
	}
	return a.Bool != b.Bool || a.Num.Cmp(b.Num) != 0
}
