package scoring_test

import (
	"testing"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
	"countyscore/scoring"
)

func num(s string) inputs.Value { return inputs.Value{Given: true, Num: exact.MustParse(s)} }
func yes(b bool) inputs.Value   { return inputs.Value{Given: true, Bool: b} }

var missing = inputs.Value{}

func cond(t *testing.T, text string) criteria.Condition {
	t.Helper()
	c, err := criteria.ParseCondition(text)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestMove walks every condition form: each direction a value can move
// relative to what the condition requires, and what is still to go.
func TestMove(t *testing.T) {
	tests := []struct {
		name     string
		cond     string
		old, new inputs.Value
		dir      string
		holds    bool
		toGo     string // "" for none
	}{
		{name: "≥ closer", cond: "G17 >= 65", old: num("60"), new: num("62"), dir: scoring.MoveToward, toGo: "3"},
		{name: "≥ further", cond: "G17 >= 65", old: num("62"), new: num("60"), dir: scoring.MoveAway, toGo: "5"},
		{name: "≥ reached exactly on the line", cond: "G17 >= 65", old: num("64.9"), new: num("65"), dir: scoring.MoveReached, holds: true},
		{name: "≥ lost", cond: "G17 >= 65", old: num("65"), new: num("64.99"), dir: scoring.MoveLost, toGo: "0.01"},
		{name: "≥ still met, value changed", cond: "G17 >= 65", old: num("70"), new: num("66"), dir: scoring.MoveHeld, holds: true},
		{name: "> on the line is short by 0 and not met", cond: "G29.1 > 80", old: num("78"), new: num("80"), dir: scoring.MoveToward, toGo: "0"},
		{name: "> reached above the line", cond: "G29.1 > 80", old: num("80"), new: num("80.5"), dir: scoring.MoveReached, holds: true},
		{name: "≤ closer from above", cond: "X <= 10", old: num("15"), new: num("12"), dir: scoring.MoveToward, toGo: "2"},
		{name: "≤ further", cond: "X <= 10", old: num("12"), new: num("15"), dir: scoring.MoveAway, toGo: "5"},
		{name: "≤ reached", cond: "X <= 10", old: num("11"), new: num("10"), dir: scoring.MoveReached, holds: true},
		{name: "< on the line not met", cond: "X < 10", old: num("12"), new: num("10"), dir: scoring.MoveToward, toGo: "0"},
		{name: "< reached", cond: "X < 10", old: num("10"), new: num("9.9"), dir: scoring.MoveReached, holds: true},
		{name: "= closer from the other side", cond: "X = 5", old: num("2"), new: num("6"), dir: scoring.MoveToward, toGo: "1"},
		{name: "= same distance other side", cond: "X = 5", old: num("4"), new: num("6"), dir: scoring.MoveUnchanged, toGo: "1"},
		{name: "= reached", cond: "X = 5", old: num("4"), new: num("5"), dir: scoring.MoveReached, holds: true},
		{name: "yes/no reached", cond: "G01.3 = true", old: yes(false), new: yes(true), dir: scoring.MoveReached, holds: true},
		{name: "yes/no lost", cond: "G01.3 = true", old: yes(true), new: yes(false), dir: scoring.MoveLost},
		{name: "a no required", cond: "X = false", old: yes(true), new: yes(false), dir: scoring.MoveReached, holds: true},
		{name: "missing then given short", cond: "G17 >= 65", old: missing, new: num("60"), dir: scoring.MoveGiven, toGo: "5"},
		{name: "missing then given and met", cond: "G17 >= 65", old: missing, new: num("70"), dir: scoring.MoveReached, holds: true},
		{name: "given then missing is never met", cond: "G17 >= 65", old: num("70"), new: missing, dir: scoring.MoveWithdrawn},
		{name: "unchanged", cond: "G17 >= 65", old: num("60"), new: num("60.0"), dir: scoring.MoveUnchanged, toGo: "5"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := scoring.Move(cond(t, tc.cond), tc.old, tc.new)
			if m.Direction != tc.dir || m.Holds != tc.holds {
				t.Errorf("direction %s holds %v, want %s %v", m.Direction, m.Holds, tc.dir, tc.holds)
			}
			got := ""
			if m.ToGo != nil {
				got = m.ToGo.String()
			}
			if got != tc.toGo {
				t.Errorf("to go %q, want %q", got, tc.toGo)
			}
		})
	}
}

// TestMoveRequirement: a compound requirement (every condition must hold)
// moves as a whole.
func TestMoveRequirement(t *testing.T) {
	req := criteria.Requirement{Conditions: []criteria.Condition{cond(t, "A >= 10"), cond(t, "B = true")}}
	req.Conditions[0].MeasureIdx, req.Conditions[1].MeasureIdx = 0, 1
	tests := []struct {
		name     string
		old, new []inputs.Value
		want     string
	}{
		{name: "one closer, one unchanged", old: []inputs.Value{num("5"), yes(false)}, new: []inputs.Value{num("8"), yes(false)}, want: scoring.MoveToward},
		{name: "one part reached, whole still short", old: []inputs.Value{num("5"), yes(false)}, new: []inputs.Value{num("5"), yes(true)}, want: scoring.MoveToward},
		{name: "closer and further", old: []inputs.Value{num("5"), yes(true)}, new: []inputs.Value{num("8"), yes(false)}, want: scoring.MoveMixed},
		{name: "further", old: []inputs.Value{num("8"), yes(false)}, new: []inputs.Value{num("5"), yes(false)}, want: scoring.MoveAway},
		{name: "whole reached", old: []inputs.Value{num("9"), yes(true)}, new: []inputs.Value{num("10"), yes(true)}, want: scoring.MoveReached},
		{name: "whole lost by one part", old: []inputs.Value{num("10"), yes(true)}, new: []inputs.Value{num("12"), yes(false)}, want: scoring.MoveLost},
		{name: "a part goes missing", old: []inputs.Value{num("5"), yes(true)}, new: []inputs.Value{num("5"), missing}, want: scoring.MoveAway},
		{name: "nothing moved", old: []inputs.Value{num("5"), yes(false)}, new: []inputs.Value{num("5"), yes(false)}, want: scoring.MoveUnchanged},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, moves := scoring.MoveRequirement(req, tc.old, tc.new)
			if got != tc.want {
				t.Errorf("got %s, want %s (%+v)", got, tc.want, moves)
			}
			if len(moves) != 2 {
				t.Errorf("%d condition movements, want 2", len(moves))
			}
		})
	}
}

func TestMoveQuota(t *testing.T) {
	n := func(s string) *scoring.Number { return scoring.P(exact.MustParse(s)) }
	tests := []struct {
		name     string
		old, new scoring.Quota
		dir      string
		toGo     string
	}{
		{name: "≥ closer", old: scoring.Quota{ID: "F03", Row: "F03", Op: ">=", Target: n("40"), Actual: n("30")},
			new: scoring.Quota{ID: "F03", Row: "F03", Op: ">=", Target: n("40"), Actual: n("34.5")}, dir: scoring.MoveToward, toGo: "5.5"},
		{name: "≤ reached", old: scoring.Quota{ID: "X", Row: "X", Op: "<=", Target: n("3"), Actual: n("5")},
			new: scoring.Quota{ID: "X", Row: "X", Op: "<=", Target: n("3"), Actual: n("3")}, dir: scoring.MoveReached},
		{name: "value withdrawn", old: scoring.Quota{ID: "F03", Row: "F03", Op: ">=", Target: n("40"), Actual: n("30")},
			new: scoring.Quota{ID: "F03", Row: "F03", Op: ">=", Target: n("40")}, dir: scoring.MoveWithdrawn},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := scoring.MoveQuota(tc.old, tc.new)
			got := ""
			if m.ToGo != nil {
				got = m.ToGo.String()
			}
			if m.Direction != tc.dir || got != tc.toGo {
				t.Errorf("got %s %q, want %s %q", m.Direction, got, tc.dir, tc.toGo)
			}
		})
	}
}
