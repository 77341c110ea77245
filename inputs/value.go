// Package inputs reads what counties measured: one TOML file per subject, or
// a wide CSV of many subjects, into Records the engine scores.
//
// Both shapes end in the same cell parser, so a value means the same thing
// whichever way it arrived: "３８．５", " 38.5 " and 38.5 are one decimal, and
// "是", "√" and true one yes. What cannot be read with certainty is refused
// with the file, line and field named — a spreadsheet full of guesses is
// worse than a clear error — and nothing is ever read as met by default.
package inputs

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"countyscore/criteria"
	"countyscore/exact"
)

// Value is one measured value; Given is false when it was not measured.
// NA is set (and Given not) when the input typed 不适用 for a measure
// whose criteria allow it (inputs/notapplicable.go).
type Value struct {
	Given bool
	NA    bool
	Bool  bool
	Num   exact.Decimal
}

// Record is one subject's values for one criteria set.
type Record struct {
	Subject      string // canonical name, or the name as typed when the registry does not know it
	Level        string // registry level: county, zone or city; "" when the registry does not know it
	Population   Value  // resident persons
	Year         int    // the year the values describe; 0 when not given
	Illustrative bool   // example data, not measured
	Values       []Value
	Assumed      []string // measures whose values a --set flag gave, not the file
	File         string
	Line         int
}

// Warnings collects what a user should know but that does not stop a run,
// once per file and field so a 100,000-row sheet does not print 100,000
// lines.
type Warnings struct {
	list  []string
	count []int
	seen  map[string]int

	// SkipInvalid asks every reader of the run to set invalid rows aside
	// and note them here (Refused) instead of failing. It travels with the
	// warnings because both are what a run reports beside its results,
	// and every reader of a run is handed this one log.
	SkipInvalid bool
	refused     *Errors
	subjects    map[string]bool // the roster given to Track: read or not
	track       bool
	read        int // records read, when tracking
}

// Add records a warning; repeats of key are counted, not repeated.
func (w *Warnings) Add(key, msg string) {
	if w.seen == nil {
		w.seen = map[string]int{}
	}
	if i, ok := w.seen[key]; ok {
		w.count[i]++
		return
	}
	w.seen[key] = len(w.list)
	w.list = append(w.list, msg)
	w.count = append(w.count, 1)
}

// List returns the warnings in the order they were first seen, each with
// how many more times it happened.
func (w *Warnings) List() []string {
	out := make([]string, len(w.list))
	for i, msg := range w.list {
		out[i] = msg
		if n := w.count[i] - 1; n > 0 {
			out[i] += fmt.Sprintf(" (and %d more like it)", n)
		}
	}
	return out
}

var (
	errNegative  = errors.New("is negative")
	errFraction  = errors.New("counts whole units; a fraction cannot be right")
	errPercent   = errors.New("is a percent and must lie between 0 and 100")
	errNotBool   = errors.New("want one of true/false, yes/no, y/n, 1/0, 是/否, √/×")
	errPctOnNum  = errors.New("a % sign on a value that is not a percent")
	errNotFinite = errors.New("NaN and infinities are not measurements")
)

// Normalize folds what spreadsheets and input methods produce into plain
// ASCII where it matters: full-width digits and punctuation (３８．５％),
// and white space of any kind around the cell.
func Normalize(s string) string {
	if plainASCII(s) {
		return s // the common cell, 38.9 or true: nothing to fold
	}
	s = strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\u3000' || r == '\ufeff' })
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r >= '！' && r <= '～' { // U+FF01–U+FF5E are full-width ASCII
			return r - '！' + '!'
		}
		if r == '\u3000' {
			return ' '
		}
		return r
	}, s)
}

// plainASCII reports whether s is printable ASCII with no space at either
// end, which Normalize would return unchanged.
func plainASCII(s string) bool {
	if s == "" || s[0] <= ' ' || s[len(s)-1] <= ' ' {
		return s == ""
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x7f || s[i] < ' ' {
			return false
		}
	}
	return true
}

// ParseCell reads one typed value as measure m wants it. A blank cell is
// not measured (Given false). fractionHint is set when a percent looks as if
// it was typed as a fraction (0.4 for 40 %).
func ParseCell(raw string, m criteria.Measure) (v Value, fractionHint bool, err error) {
	s := Normalize(raw)
	if s == "" {
		return Value{}, false, nil
	}
	if isNA(s) {
		return notApplicable(m)
	}
	if m.Kind == criteria.Bool {
		b, err := parseBool(s)
		return Value{Given: true, Bool: b}, false, err
	}
	if m.Kind == criteria.Attr && m.Attribute != nil {
		i, why := m.Attribute.Choose(NormalizeName(s))
		if why != "" {
			return Value{}, false, attrError(why)
		}
		return Value{Given: true, Num: exact.Int(int64(i))}, false, nil
	}
	if m.Signed {
		return parseSigned(s, m.Kind)
	}
	return parseNumber(s, m.Kind)
}

// attrError is an attribute value that cannot be read, already in words.
type attrError string

func (e attrError) Error() string { return string(e) }

// parseSigned reads a number of a signed measure: a leading -, − (U+2212)
// or － (full width, folded by Normalize) makes it negative; a percent
// lies between −100 and 100.
func parseSigned(s, kind string) (Value, bool, error) {
	neg := false
	if rest, ok := strings.CutPrefix(s, "−"); ok {
		s, neg = rest, true
	} else if rest, ok := strings.CutPrefix(s, "-"); ok {
		s, neg = rest, true
	} else if rest, ok := strings.CutPrefix(s, "+"); ok {
		s = rest
	}
	v, _, err := parseNumber(strings.TrimSpace(s), kind)
	if err != nil || !neg || v.Num.IsZero() {
		return v, false, err
	}
	v.Num = v.Num.Neg()
	return v, false, nil
}

func parseBool(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "true", "yes", "y", "1", "是", "√", "✓", "✔":
		return true, nil
	case "false", "no", "n", "0", "否", "×", "✗", "✘":
		return false, nil
	}
	return false, errNotBool
}

func parseNumber(s, kind string) (Value, bool, error) {
	pct := strings.HasSuffix(s, "%")
	if pct {
		if kind != criteria.Pct {
			return Value{}, false, errPctOnNum
		}
		s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	}
	switch strings.ToLower(strings.TrimLeft(s, "+-")) {
	case "nan", "inf", "infinity":
		return Value{}, false, errNotFinite
	}
	d, err := exact.Parse(stripGrouping(s))
	if err != nil {
		return Value{}, false, err
	}
	if d.IsNeg() {
		return Value{}, false, errNegative
	}
	switch kind {
	case criteria.Count:
		if !d.IsInt() {
			return Value{}, false, errFraction
		}
	case criteria.Pct:
		if d.Cmp(exact.Hundred) > 0 {
			return Value{}, false, errPercent
		}
	}
	hint := kind == criteria.Pct && !pct && d.IsPos() && d.Cmp(exact.One) < 0
	return Value{Given: true, Num: d.Trim(0)}, hint, nil
}

// stripGrouping removes thousands separators when they group by three
// (123,456 or 1,234.5), the way spreadsheets export populations; any other
// comma is left for Parse to refuse, since 1,5 may mean one and a half.
func stripGrouping(s string) string {
	if !strings.Contains(s, ",") {
		return s
	}
	intPart, frac, hasPoint := strings.Cut(s, ".")
	groups := strings.Split(strings.TrimLeft(intPart, "+-"), ",")
	if len(groups[0]) == 0 || len(groups[0]) > 3 {
		return s
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return s
		}
	}
	out := intPart[:len(intPart)-len(strings.TrimLeft(intPart, "+-"))] + strings.Join(groups, "")
	if hasPoint {
		out += "." + frac
	}
	return out
}

// describe turns a cell error into words for the user, naming the kind of
// value the measure wants.
func describe(err error, m criteria.Measure, raw string) string {
	var want string
	switch m.Kind {
	case criteria.Pct:
		want = "a percent 0–100 (40 or 40%)"
	case criteria.Count:
		want = "a whole number ≥ 0"
	case criteria.Num:
		want = "a number ≥ 0"
		if m.Unit != "" {
			want += " in " + m.Unit
		}
	case criteria.Bool:
		want = "是/否"
	}
	raw = clip(raw)
	switch {
	case errors.Is(err, exact.ErrTooLong):
		return fmt.Sprintf("%q has %v; too long or too large to be a measurement", raw, err)
	case errors.Is(err, exact.ErrNotNumber):
		return fmt.Sprintf("%q is not a number; want %s", raw, want)
	case errors.Is(err, errNotBool):
		return fmt.Sprintf("%q: %v", raw, err)
	}
	var ae attrError
	if errors.As(err, &ae) {
		return string(ae)
	}
	if errors.Is(err, errNegative) {
		return fmt.Sprintf("%q %v; want %s (%s does not allow negatives)", raw, err, want, m.ID)
	}
	return fmt.Sprintf("%q %v; want %s", raw, err, want)
}

// clip shortens what a user typed for an error message: a pasted megabyte
// must not come back as a megabyte of stderr.
func clip(s string) string {
	const max = 60
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return string(r[:max]) + "…"
}

// Limits on what a subject's own attributes can be.
const (
	minYear = 2000
	maxYear = 2100
)

func parsePopulation(raw string) (Value, error) {
	v, _, err := ParseCell(raw, criteria.Measure{Kind: criteria.Count})
	if err != nil {
		return Value{}, fmt.Errorf("%q: want the resident population as a whole number of persons", raw)
	}
	if v.Given && v.Num.IsZero() {
		return Value{}, fmt.Errorf("a population of 0 leaves every per-person target undefined")
	}
	return v, nil
}

func parseYear(raw string) (int, error) {
	s := Normalize(raw)
	if s == "" {
		return 0, nil
	}
	s = strings.TrimSuffix(s, "年")
	y := 0
	for _, r := range s {
		if r < '0' || r > '9' || y > maxYear {
			return 0, fmt.Errorf("%q: want a year such as 2024", raw)
		}
		y = y*10 + int(r-'0')
	}
	if y < minYear || y > maxYear {
		return 0, fmt.Errorf("%q: want a year between %d and %d", raw, minYear, maxYear)
	}
	return y, nil
}
