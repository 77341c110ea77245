package inputs

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"countyscore/criteria"
	"countyscore/tomlpos"
)

// MaxTOMLSize bounds one subject's TOML file; a filled-in template is a few
// KiB.
const MaxTOMLSize = 1 << 20

// ReadTOML reads one subject's values for set from a TOML file:
//
//	subject = "汾阳市"
//	population = 420000
//	year = 2024
//	[garden-county]
//	G09.coverage = 41.2
//	G01.1 = true
//
// Tables of other built-in sets are let through, so one file may serve
// every set. A value may be a TOML number or boolean, or a string as a
// spreadsheet would hold it ("85%", "是", "" for not measured).
//
// Its error lists every bad key of the file, sorted by line (an *Errors);
// a file that is not valid TOML gives one error, worded for the mistakes
// people make typing TOML by hand.
func ReadTOML(file string, data []byte, set *criteria.Set, w *Warnings) (*Record, error) {
	var errs rowErrors
	fail := func(line int, field, format string, args ...any) (*Record, error) {
		errs.add(file, line, field, format, args...)
		return nil, errs.err(true)
	}
	data, err := checkText(data, MaxTOMLSize)
	if err != nil {
		return fail(lineOfErr(err), "", "%v", err)
	}
	src := string(data)
	var doc map[string]any
	if _, err := toml.Decode(src, &doc); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, syntaxError(file, src, pe, set)
		}
		return fail(0, "", "not valid TOML: %v", err)
	}
	pos := tomlpos.Parse(src)
	rec := &Record{File: file, Values: make([]Value, len(set.Measures))}

	// A key that looks like a misspelt subject or set table says why the
	// subject or table is missing; saying "no subject" too would be noise.
	suggested := map[string]bool{}
	for _, k := range slices.Sorted(maps.Keys(doc)) {
		if k == set.ID || slices.Contains(criteria.ReservedColumns, k) {
			continue
		}
		if criteria.IsBuiltin(k) {
			continue
		}
		if misplacedMeasures(&errs, file, pos, set, k, doc[k]) {
			continue
		}
		msg := fmt.Sprintf("unknown key %q", clip(k))
		if near, ok := criteria.Nearest(k, append(slices.Clone(criteria.ReservedColumns), set.ID)); ok {
			msg += fmt.Sprintf("; did you mean %q?", near)
			suggested[near] = true
		}
		errs.add(file, pos.Line(tomlpos.Key(k)), k, "%s", msg)
	}

	name, ok := doc["subject"].(string)
	if code, isInt := doc["subject"].(int64); isInt {
		name, ok = strconv.FormatInt(code, 10), true // subject = 141182, a division code
	}
	switch {
	case ok:
		if err := newSubjects(set).resolve(name, rec, w, Error{File: file, Line: pos.Line("subject")}); err != nil {
			errs = append(errs, flat(err)...)
		}
	case !suggested["subject"] && !inTable(doc, set.ID, "subject"):
		errs.add(file, pos.Line("subject"), "subject", "want subject = \"汾阳市\" (a name, short name or division code) at the top of the file")
	}
	if v, ok := doc["population"]; ok {
		if rec.Population, err = parsePopulation(scalarText(v, pos["population"])); err != nil {
			errs.add(file, pos.Line("population"), "population", "%v", err)
		}
	}
	if v, ok := doc["year"]; ok {
		if rec.Year, err = parseYear(scalarText(v, pos["year"])); err != nil {
			errs.add(file, pos.Line("year"), "year", "%v", err)
		}
	}
	if v, ok := doc["illustrative"]; ok {
		b, isBool := v.(bool)
		if !isBool {
			errs.add(file, pos.Line("illustrative"), "illustrative", "want true or false")
		}
		rec.Illustrative = b
	}

	table, ok := doc[set.ID].(map[string]any)
	switch {
	case ok:
		readMeasures(&errs, file, pos, set, table, rec, w)
	case doc[set.ID] != nil:
		errs.add(file, pos.Line(set.ID), set.ID, "want a table [%s]", set.ID)
	case !suggested[set.ID]:
		errs.add(file, 0, "", "no [%s] table: this file holds no values for %s", set.ID, set.ID)
	}
	if err := errs.err(true); err != nil {
		return nil, err
	}
	return rec, nil
}

// readMeasures reads the values of the set's table into rec, noting every
// bad one.
func readMeasures(errs *rowErrors, file string, pos tomlpos.Index, set *criteria.Set, table map[string]any, rec *Record, w *Warnings) {
	leaves := flatten(nil, table)
	lineOf := func(l leaf) int { return pos.Line(tomlpos.Key(append([]string{set.ID}, l.keys...)...)) }
	sort.SliceStable(leaves, func(i, j int) bool { return lineOf(leaves[i]) < lineOf(leaves[j]) })
	// A suggestion for a misspelt ID is never a measure the file already
	// gives: G63.2 beside G36.2 is not G36.2 again.
	givenIDs := map[string]bool{}
	for _, l := range leaves {
		givenIDs[strings.Join(l.keys, ".")] = true
	}
	free := slices.DeleteFunc(set.MeasureIDs(), func(id string) bool { return givenIDs[id] })
	high := highPercents(set)

	// TOML itself refuses a key given twice, but G09.coverage (the table
	// G09 holding coverage) and "G09.coverage" (one quoted key) are two
	// TOML keys for one measure ID. Refuse the second rather than let the
	// later line silently win, as a CSV refuses a duplicated column.
	given := map[int]int{} // measure index → line of its first value
	for _, l := range leaves {
		id := strings.Join(l.keys, ".")
		path := tomlpos.Key(append([]string{set.ID}, l.keys...)...)
		line := pos.Line(path)
		idx, ok := set.MeasureIndex(id)
		if !ok && slices.Contains(criteria.ReservedColumns, id) {
			errs.add(file, line, id, "%s describes the whole file: move it above the [%s] header, to the top", id, set.ID)
			continue
		}
		if !ok {
			msg := fmt.Sprintf("unknown measure %q in [%s]", clip(id), set.ID)
			if near, ok := criteria.Nearest(id, free); ok {
				msg += fmt.Sprintf("; did you mean %q?", near)
			}
			errs.add(file, line, id, "%s", msg)
			continue
		}
		if first, dup := given[idx]; dup {
			errs.add(file, line, id, "%s is given twice (lines %d and %d), once as a quoted key; give it once", id, first, line)
			continue
		}
		given[idx] = line
		m := set.Measures[idx]
		v, hint, err := tomlValue(l.value, pos[path], m)
		if err != nil {
			errs.add(file, line, id, "%s", err.Error())
			continue
		}
		if hint || high[idx] && oneHint(pos[path].Raw, v) {
			w.Add(file+"\x00"+id, fractionWarning(Error{File: file, Line: line}, m, v))
		}
		rec.Values[idx] = v
	}
}

// misplacedMeasures notes the measures of set written above the set's table
// header, where TOML reads them as keys of their own: G08 = 38 before
// [garden-county]. It reports whether key k held nothing but measures.
func misplacedMeasures(errs *rowErrors, file string, pos tomlpos.Index, set *criteria.Set, k string, v any) bool {
	var leaves []leaf
	if sub, ok := v.(map[string]any); ok {
		leaves = flatten([]string{k}, sub)
	} else {
		leaves = []leaf{{keys: []string{k}, value: v}}
	}
	for _, l := range leaves {
		if _, ok := set.MeasureIndex(strings.Join(l.keys, ".")); !ok {
			return false
		}
	}
	for _, l := range leaves {
		id := strings.Join(l.keys, ".")
		errs.add(file, pos.Line(tomlpos.Key(l.keys...)), id,
			"%s stands above the [%s] header, where it is not read as a measure; move it under [%s]", id, set.ID, set.ID)
	}
	return true
}

// inTable reports whether the table id holds key k.
func inTable(doc map[string]any, id, k string) bool {
	t, ok := doc[id].(map[string]any)
	if ok {
		_, ok = t[k]
	}
	return ok
}

type leaf struct {
	keys  []string
	value any
}

// flatten turns dotted keys back into measure IDs: G01.1 = true is the
// table G01 holding 1 = true to the toml package.
func flatten(prefix []string, m map[string]any) []leaf {
	var out []leaf
	for _, k := range slices.Sorted(maps.Keys(m)) {
		keys := append(append([]string{}, prefix...), k)
		if sub, ok := m[k].(map[string]any); ok {
			out = append(out, flatten(keys, sub)...)
			continue
		}
		out = append(out, leaf{keys: keys, value: m[k]})
	}
	return out
}

// tomlValue converts a TOML value to measure m's kind. Numbers are read from
// the characters as written, so 38.9 is the decimal 38.9 (ruling 1).
func tomlValue(v any, p tomlpos.Pos, m criteria.Measure) (Value, bool, error) {
	var text string
	switch x := v.(type) {
	case bool:
		if m.Kind != criteria.Bool {
			return Value{}, false, fmt.Errorf("true/false given; %s wants a number", m.ID)
		}
		return Value{Given: true, Bool: x}, false, nil
	case string:
		text = x
	case int64:
		text = strconv.FormatInt(x, 10)
	case float64:
		if p.Raw == "" {
			return Value{}, false, fmt.Errorf("write the number on a line of its own (%s = %v) so it can be read exactly", m.ID, x)
		}
		text = strings.ReplaceAll(p.Raw, "_", "")
		switch strings.TrimLeft(text, "+-") {
		case "nan", "inf":
			return Value{}, false, errNotFinite
		}
		if strings.ContainsAny(text, "eE") {
			return Value{}, false, fmt.Errorf("%s: write the number without an exponent", text)
		}
	default:
		return Value{}, false, fmt.Errorf("want a single value, not a list or table")
	}
	if m.Kind == criteria.Bool {
		if _, isStr := v.(string); !isStr {
			return Value{}, false, fmt.Errorf("%s is met or not: want true/false or 是/否", m.ID)
		}
	}
	val, hint, err := ParseCell(text, m)
	if err != nil {
		return Value{}, false, errors.New(describe(err, m, text))
	}
	return val, hint, nil
}

// scalarText gives a top-level attribute's value as text for the cell parser.
func scalarText(v any, p tomlpos.Pos) string {
	switch x := v.(type) {
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		if p.Raw != "" {
			return strings.ReplaceAll(p.Raw, "_", "")
		}
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// fractionWarning is the warning for a percent that looks typed as a
// fraction; at says where it was read (a line, or a workbook cell).
func fractionWarning(at Error, m criteria.Measure, v Value) string {
	where := at.where()
	return fmt.Sprintf("%s: %s = %s looks like a fraction; percents are written 0–100 (40 means 40 %%). Read as %s %%.",
		where, m.ID, v.Num.String(), v.Num.String())
}

// checkText refuses what is not UTF-8 text of a sane size before any parser
// sees it, and drops a leading BOM.
func checkText(data []byte, limit int) ([]byte, error) {
	if len(data) > limit {
		return nil, fmt.Errorf("larger than the %d KiB limit for this kind of file", limit>>10)
	}
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return nil, errors.New("UTF-16 text: save the file as UTF-8")
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("empty file")
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, lineErr{line: 1 + bytes.Count(data[:i], []byte("\n")), msg: "binary data (a NUL byte): not a text file, or UTF-16 without a byte-order mark"}
	}
	if !utf8.Valid(data) {
		i := firstInvalid(data)
		return nil, lineErr{line: 1 + bytes.Count(data[:i], []byte("\n")), msg: "not valid UTF-8: save the file as UTF-8"}
	}
	return data, nil
}

type lineErr struct {
	line int
	msg  string
}

func (e lineErr) Error() string { return e.msg }

func lineOfErr(err error) int {
	var le lineErr
	if errors.As(err, &le) {
		return le.line
	}
	return 0
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}
