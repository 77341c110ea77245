package criteria

import (
	"fmt"
	"strings"

	"countyscore/exact"
)

// Op is a comparison of a measured value with a threshold.
type Op string

// The comparisons a condition may use. "≥ x", "x 以上", "不低于 x" are ≥;
// "大于 x" is > (ruling 2).
const (
	GE Op = ">="
	GT Op = ">"
	LE Op = "<="
	LT Op = "<"
	EQ Op = "="
)

// Symbol returns the operator as people read it.
func (o Op) Symbol() string {
	switch o {
	case GE:
		return "≥"
	case LE:
		return "≤"
	}
	return string(o)
}

// Holds reports whether v op t, exactly.
func (o Op) Holds(v, t exact.Decimal) bool {
	c := v.Cmp(t)
	switch o {
	case GE:
		return c >= 0
	case GT:
		return c > 0
	case LE:
		return c <= 0
	case LT:
		return c < 0
	case EQ:
		return c == 0
	}
	return false
}

// Condition is one comparison of a measure with a threshold: "G10 >= 38.9",
// "G04.1 = true".
type Condition struct {
	Measure    string
	MeasureIdx int
	Op         Op
	IsBool     bool
	Bool       bool
	Value      exact.Decimal
	// Threshold names a [[threshold]] ($name) whose figure, chosen by the
	// subject's attribute, stands for Value; ThresholdIdx is its index.
	Threshold    string
	ThresholdIdx int
	Thresh       *Threshold
}

// Target returns the figure c compares with for a subject whose values
// are given by value (indexed like the set's measures): Value, or the
// threshold chosen by the subject's attribute. missing names what is not
// known (the attribute), reason why a known attribute has no figure.
func (c *Condition) Target(attr func(idx int) (int, bool)) (t exact.Decimal, missing, reason string) {
	if c.Thresh == nil {
		return c.Value, "", ""
	}
	choice, ok := attr(c.Thresh.AttrIdx)
	if !ok {
		return exact.Zero, c.Thresh.By, ""
	}
	f, ok := c.Thresh.Figure(choice)
	if !ok {
		return exact.Zero, c.Thresh.By, c.Thresh.MissingReason
	}
	return f, "", ""
}

// String writes the condition back in the file's syntax.
func (c Condition) String() string {
	if c.IsBool {
		return fmt.Sprintf("%s = %t", c.Measure, c.Bool)
	}
	if c.Threshold != "" {
		return fmt.Sprintf("%s %s $%s", c.Measure, c.Op, c.Threshold)
	}
	return fmt.Sprintf("%s %s %s", c.Measure, c.Op, exact.String(c.Value))
}

// ParseCondition reads "MEASURE OP VALUE". OP is one of >= ≥ > <= ≤ < =;
// VALUE is a decimal or true/false.
func ParseCondition(s string) (Condition, error) {
	s = strings.TrimSpace(s)
	ops := []struct {
		text string
		op   Op
	}{{">=", GE}, {"≥", GE}, {"<=", LE}, {"≤", LE}, {">", GT}, {"<", LT}, {"=", EQ}}
	for _, o := range ops {
		i := strings.Index(s, o.text)
		if i < 0 {
			continue
		}
		measure := strings.TrimSpace(s[:i])
		value := strings.TrimSpace(s[i+len(o.text):])
		if measure == "" || strings.ContainsAny(measure, " \t") {
			return Condition{}, fmt.Errorf("condition %q: want MEASURE OP VALUE", s)
		}
		c := Condition{Measure: measure, Op: o.op}
		switch value {
		case "true", "false":
			if o.op != EQ {
				return Condition{}, fmt.Errorf("condition %q: a true/false value is compared with =", s)
			}
			c.IsBool, c.Bool = true, value == "true"
			return c, nil
		}
		if name, ok := strings.CutPrefix(value, "$"); ok {
			if !validID.MatchString(name) {
				return Condition{}, fmt.Errorf("condition %q: $%s is not a threshold name", s, name)
			}
			c.Threshold = name
			return c, nil
		}
		d, err := exact.Parse(value)
		if err != nil {
			return Condition{}, fmt.Errorf("condition %q: value %q: %v", s, value, err)
		}
		c.Value = d
		return c, nil
	}
	return Condition{}, fmt.Errorf("condition %q: no comparison (>= ≥ > <= ≤ < =)", s)
}
