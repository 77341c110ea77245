package scoring

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/govalues/decimal"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
)

// classSet has one indicator per thing a value's class must tell apart:
// a signed percent (whose range ends at −100, not 0) beside a yes/no, a
// strict threshold (a value's decimal places
// choose the value that passes it), a count and a yes/no in a checklist,
// and a linear rule, whose classes are also the steps it falls short.
var classSet = `id = "classes"
kind = "scored"
title = "T"
source = "doc"
subjects = "any"
max_points = 7
below_verdict = "low"

[[line]]
points = 4
verdict = "four"
label = "4"
source = "doc"

[[category]]
id = "C1"
name = "c"
source = "doc"

[[measure]]
id = "s"
kind = "pct"
signed = true
label = "s"

[[measure]]
id = "sb"
kind = "bool"
label = "sb"

[[measure]]
id = "d"
kind = "num"
label = "d"

[[measure]]
id = "e"
kind = "count"
label = "e"

[[measure]]
id = "b"
kind = "bool"
label = "b"

[[measure]]
id = "g"
kind = "num"
label = "g"
` + classInd + `
`

var classInd = indicatorTOML("S", `rule = "all"
points = 1`, "s <= 5", "sb = true") + indicatorTOML("D", `rule = "bonus"
points = 1`, "d > 2.5") + indicatorTOML("E", `rule = "checklist"
points = 2
deduct = 1`, "e >= 3", "b = true") + indicatorTOML("L", `rule = "linear"
points = 3
step = 1
deduct = 1`, "g >= 10")

func indicatorTOML(id, rule string, when ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\n[[indicator]]\nid = %q\ncategory = \"C1\"\nname = %q\n%s\nsource = \"doc\"\nrequirement = \"r\"\nscoring = \"s\"\n", id, id, rule)
	for _, w := range when {
		fmt.Fprintf(&b, "  [[indicator.require]]\n  label = \"-\"\n  text = \"t\"\n  when = [%q]\n", w)
	}
	return b.String()
}

func classPlanner(t *testing.T) (*Planner, *criteria.Set) {
	t.Helper()
	s, problems := criteria.Parse("classes.toml", []byte(classSet))
	if problems.Has(criteria.Error) {
		t.Fatalf("class set: %v", problems)
	}
	p, err := NewPlanner(s)
	if err != nil {
		t.Fatal(err)
	}
	p.memo.prepare(p, nil)
	return p, s
}

// TestClassKey: values an indicator's options and score read alike share
// a key; values they tell apart do not; values that cannot be classed
// have none. Only indicators that pay by which conditions hold are keyed
// by class.
func TestClassKey(t *testing.T) {
	p, s := classPlanner(t)
	byID := map[string]*indPlan{}
	for i := range p.inds {
		byID[p.inds[i].ind.ID] = &p.inds[i]
	}
	for id, want := range map[string]bool{"S": true, "D": true, "E": true, "L": true} {
		if got := byID[id].byClass; got != want {
			t.Errorf("%s keyed by class: %t, want %t", id, got, want)
		}
	}
	key := func(id string, cells map[string]string) (uint64, bool) {
		t.Helper()
		p.vals = make([]inputs.Value, len(s.Measures))
		for m, cell := range cells {
			idx, _ := s.MeasureIndex(m)
			switch {
			case cell == "NA":
				p.vals[idx] = inputs.Value{NA: true}
			case strings.HasPrefix(cell, "raw:"): // what no input gives: a fraction of a count, 18 digits
				p.vals[idx] = inputs.Value{Given: true, Num: decimal.MustParse(strings.TrimPrefix(cell, "raw:"))}
			default:
				v, _, err := inputs.ParseCell(cell, s.Measures[idx])
				if err != nil {
					t.Fatalf("%s = %q: %v", m, cell, err)
				}
				p.vals[idx] = v
			}
		}
		return classKey(byID[id].classes, p.vals)
	}
	same := []struct {
		id   string
		a, b map[string]string
	}{
		{"S", map[string]string{"s": "-3"}, map[string]string{"s": "4.5"}},
		{"S", map[string]string{"s": "60"}, map[string]string{"s": "99.9"}},
		{"S", map[string]string{"s": "5.1"}, map[string]string{"s": "6"}},
		{"D", map[string]string{"d": "1"}, map[string]string{"d": "2"}},
		{"D", map[string]string{"d": "0.25"}, map[string]string{"d": "1.75"}},
		{"D", map[string]string{"d": "3.0"}, map[string]string{"d": "7"}}, // 3.0 has no decimal place beyond 3's
		{"E", map[string]string{"e": "1", "b": "是"}, map[string]string{"e": "2", "b": "true"}},
		{"E", map[string]string{"e": "7"}, map[string]string{"e": "12"}},
		{"L", map[string]string{"g": "9.2"}, map[string]string{"g": "9.7"}}, // one step short
		{"L", map[string]string{"g": "3"}, map[string]string{"g": "6.5"}},   // three or more: every point gone
		{"L", map[string]string{"g": "10.5"}, map[string]string{"g": "12"}},
	}
	for _, c := range same {
		ka, oka := key(c.id, c.a)
		kb, okb := key(c.id, c.b)
		if !oka || !okb || ka != kb {
			t.Errorf("%s: %v and %v keyed %x (%t) and %x (%t), want one key", c.id, c.a, c.b, ka, oka, kb, okb)
		}
	}
	apart := []struct {
		id   string
		a, b map[string]string
	}{
		{"S", map[string]string{"s": "-100"}, map[string]string{"s": "2"}}, // the least a signed percent can be
		{"S", map[string]string{"s": "5"}, map[string]string{"s": "4.9"}},  // at the threshold
		{"S", map[string]string{}, map[string]string{"s": "0"}},            // missing
		{"S", map[string]string{"s": "100"}, map[string]string{"s": "60"}},
		{"D", map[string]string{"d": "0.25"}, map[string]string{"d": "1"}}, // passed at 2.51 or at 2.6
		{"D", map[string]string{"d": "2.5"}, map[string]string{"d": "2"}},
		{"E", map[string]string{"e": "2", "b": "true"}, map[string]string{"e": "3", "b": "true"}},
		{"E", map[string]string{"e": "2", "b": "true"}, map[string]string{"e": "2", "b": "false"}},
		{"E", map[string]string{"e": "2"}, map[string]string{"e": "2", "b": "false"}},
		{"L", map[string]string{"g": "8.9"}, map[string]string{"g": "9.1"}}, // two steps short, or one
		{"L", map[string]string{"g": "9"}, map[string]string{"g": "9.1"}},   // one step short exactly
		{"L", map[string]string{"g": "10"}, map[string]string{"g": "10.5"}},
	}
	for _, c := range apart {
		ka, oka := key(c.id, c.a)
		kb, okb := key(c.id, c.b)
		if !oka || !okb || ka == kb {
			t.Errorf("%s: %v and %v keyed %x (%t) and %x (%t), want two keys", c.id, c.a, c.b, ka, oka, kb, okb)
		}
	}
	for _, c := range []struct {
		id    string
		cells map[string]string
	}{
		{"S", map[string]string{"s": "NA"}},
		{"E", map[string]string{"e": "raw:2.5"}},
		{"D", map[string]string{"d": "raw:123456789012345678"}},
	} {
		if k, ok := key(c.id, c.cells); ok {
			t.Errorf("%s: %v keyed %x, want no key", c.id, c.cells, k)
		}
	}
}

// TestClassKeyedPlans: subjects whose values share classes, planned with
// the memory keyed by class, get the plans a planner weighing every
// subject afresh gives them, each action from the subject's own value.
func TestClassKeyedPlans(t *testing.T) {
	memo, s := classPlanner(t)
	plain, err := NewPlanner(s)
	if err != nil {
		t.Fatal(err)
	}
	plain.memo.off, plain.unpacked, plain.plainBefore = true, true, true
	grid := map[string][]string{
		"s":  {"", "-100", "-3", "0", "2", "5", "5.5", "80"},
		"sb": {"", "true", "false"},
		"d":  {"", "0.25", "1", "2.5", "2.55", "3"},
		"e":  {"", "0", "2", "3"},
		"b":  {"", "true", "false"},
		"g":  {"", "4", "9.5", "10"},
	}
	ids := []string{"s", "sb", "d", "e", "b", "g"}
	n := 1
	for _, id := range ids {
		n *= len(grid[id])
	}
	planned := 0
	for c := range n {
		rec := &inputs.Record{Subject: fmt.Sprintf("x%04d", c), Values: make([]inputs.Value, len(s.Measures))}
		k := c
		for _, id := range ids {
			cell := grid[id][k%len(grid[id])]
			k /= len(grid[id])
			if cell == "" {
				continue
			}
			idx, _ := s.MeasureIndex(id)
			v, _, err := inputs.ParseCell(cell, s.Measures[idx])
			if err != nil {
				t.Fatal(err)
			}
			rec.Values[idx] = v
		}
		for _, line := range []string{"4", "7"} {
			got, err := memo.Plan(rec, exact.MustParse(line), nil)
			if err != nil {
				t.Fatal(err)
			}
			want, err := plain.Plan(rec, exact.MustParse(line), nil)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%v to %s: keyed by class\n%+v\nafresh\n%+v", rec.Values, line, *got, *want)
			}
			planned += len(got.Actions)
		}
	}
	for i, id := range []string{"S", "D", "E", "L"} {
		if kept := memo.memo.inds[i].res.n; kept == 0 || kept > 20 {
			t.Errorf("%s kept %d results over %d subjects: its classes are not what its memory is keyed on", id, kept, n)
		}
	}
	if planned == 0 {
		t.Error("no plan made any change")
	}
}

// TestReachSigned: a signed measure's value below 0 meets an upper bound
// as it is, and is raised no further than a lower bound asks; an
// unsigned one stays at 0 or above, a missing value is filled with the
// bound.
func TestReachSigned(t *testing.T) {
	num := func(s string) inputs.Value { return inputs.Value{Given: true, Num: exact.MustParse(s)} }
	signedPct := criteria.Measure{ID: "sp", Kind: criteria.Pct, Signed: true}
	signedNum := criteria.Measure{ID: "sn", Kind: criteria.Num, Signed: true}
	plain := criteria.Measure{ID: "n", Kind: criteria.Num}
	tests := []struct {
		m    criteria.Measure
		cur  inputs.Value
		b    bound
		want inputs.Value
	}{
		{signedPct, num("-3"), bound{op: criteria.LE, v: exact.MustParse("5")}, num("-3")},
		{signedNum, num("-3"), bound{op: criteria.LE, v: exact.MustParse("5")}, num("-3")},
		{signedNum, num("-3"), bound{op: criteria.GE, v: exact.MustParse("-1")}, num("-1")},
		{signedPct, num("-3"), bound{op: criteria.GE, v: exact.MustParse("2")}, num("2")},
		{signedPct, num("-100"), bound{op: criteria.LE, v: exact.MustParse("-200")}, inputs.Value{}},
		{plain, num("-3"), bound{op: criteria.LE, v: exact.MustParse("5")}, num("0")},
		{plain, inputs.Value{}, bound{op: criteria.LE, v: exact.MustParse("5")}, num("5")},
		{signedNum, inputs.Value{}, bound{op: criteria.LE, v: exact.MustParse("-5")}, num("-5")},
	}
	for _, tt := range tests {
		got, ok, err := reach(&tt.m, tt.cur, []bound{tt.b}, 0)
		if err != nil {
			t.Fatal(err)
		}
		if !tt.want.Given {
			if ok {
				t.Errorf("%s from %v, %s %s: reached %v, want none", tt.m.ID, tt.cur.Num, tt.b.op, tt.b.v, got.Num)
			}
			continue
		}
		if !ok || got.Given != tt.want.Given || got.Num.Cmp(tt.want.Num) != 0 {
			t.Errorf("%s from %v, %s %s: got %v (%t), want %v", tt.m.ID, tt.cur.Num, tt.b.op, tt.b.v, got.Num, ok, tt.want.Num)
		}
	}
}

// TestClassPlace: a value's place among marks, read in integers, is
// where comparing decimals puts it: over signs, scales apart and values
// between, at and beyond every mark.
func TestClassPlace(t *testing.T) {
	nums := []string{"0", "-0.5", "-3", "-100", "0.25", "1", "2.5", "2.50", "2.55", "5", "40", "39.99", "100",
		"123456789012.123456", "0.000001", "-123456789012", "-2.55", "-0.000001", "35", "30"}
	markSets := [][]string{{"0", "100", "40"}, {"-100", "100", "5"}, {"2.5"}, {"0", "40", "35", "30", "25"}, {"-3", "-0.5", "2.55"}}
	for _, set := range markSets {
		var marks []exact.Decimal
		for _, m := range set {
			marks = append(marks, decimal.MustParse(m))
		}
		units, unit, _, ok := unitMarks(marks) // sorts marks
		if !ok {
			t.Fatalf("marks %v do not fit", set)
		}
		vc := valueClass{marks: units, unit: unit}
		for _, a := range nums {
			n := decimal.MustParse(a)
			want := 0
			for _, m := range marks {
				if c := n.Cmp(m); c >= 0 {
					want += 1 + c
					if c == 0 {
						break
					}
				}
			}
			if got := vc.place(n.Coef(), n.Scale(), n.IsNeg()); got != want {
				t.Errorf("%s among %v: place %d, want %d", a, set, got, want)
			}
		}
	}
}
