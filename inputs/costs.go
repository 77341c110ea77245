package inputs

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/tomlpos"
)

// MaxCostsSize bounds a cost file: one row per measure is a few KiB.
const MaxCostsSize = 1 << 20

// DefaultMeasure is the measure name of a cost file's default row: the
// cost of every measure the file does not list.
const DefaultMeasure = "*"

// Cost is what one change of a measure costs a subject: PerAction once
// for changing it at all, plus PerUnit for every unit of the measure's own
// scale the value moves (万元 per percentage point, say). A plan minimises
// the sum, so a per-unit price makes a small raise cheaper than a large one.
type Cost struct {
	PerAction exact.Decimal
	PerUnit   exact.Decimal
}

// Costs prices every measure of one criteria set, read from a cost file
// (ReadCosts). A plan given Costs minimises total cost instead of the
// number of changes.
type Costs struct {
	File string // where the costs were read from, for messages
	Unit string // the money unit the costs are in ("万元"); "" when not said
	per  []Cost // indexed like the set's measures
}

// Of returns the cost of changing measure idx (an index into the set's
// measures).
func (c *Costs) Of(idx int) Cost { return c.per[idx] }

// costRow is one priced row before it is checked against the set.
type costRow struct {
	line      int
	measure   string
	perAction string
	perUnit   string
	hasAction bool
	hasUnit   bool
	fieldLine map[string]int // TOML: the line of each key, when not the row's
}

// ReadCosts reads a cost file for set, TOML or CSV by its extension:
//
//	# costs.toml
//	unit = "万元"
//	[[cost]]
//	measure = "*"          # every measure not listed below
//	per_action = 10
//	[[cost]]
//	measure = "G10"
//	per_unit = "12.5"      # per percentage point raised
//
//	# costs.csv
//	measure,per_action,per_unit
//	*,10,
//	G10,,12.5
//
// Each row gives per_action, per_unit or both (they add up); a measure's
// own row replaces the default row. Every measure of set must be priced,
// by its own row or by the default, so no plan ever meets a change it cannot
// price. Costs are exact decimals ≥ 0; per_unit needs a numeric measure.
// Errors are *Error naming the file, line and field.
func ReadCosts(file string, data []byte, set *criteria.Set) (*Costs, error) {
	data, err := checkText(data, MaxCostsSize)
	if err != nil {
		return nil, &Error{File: file, Line: lineOfErr(err), Msg: err.Error()}
	}
	var rows []costRow
	unit := ""
	switch {
	case strings.HasSuffix(strings.ToLower(file), ".toml"):
		rows, unit, err = costsTOML(file, data)
	case strings.HasSuffix(strings.ToLower(file), ".csv"):
		rows, err = costsCSV(file, data)
	default:
		return nil, &Error{File: file, Msg: "a cost file is .toml or .csv"}
	}
	if err != nil {
		return nil, err
	}
	return priceSet(file, unit, rows, set)
}

// priceSet checks rows against set and lays them out by measure index.
func priceSet(file, unit string, rows []costRow, set *criteria.Set) (*Costs, error) {
	c := &Costs{File: file, Unit: unit, per: make([]Cost, len(set.Measures))}
	priced := make([]bool, len(set.Measures))
	var def *Cost
	seen := map[string]int{}
	for _, r := range rows {
		fail := func(field, format string, args ...any) (*Costs, error) {
			line := r.line
			if l := r.fieldLine[field]; l > 0 {
				line = l
			}
			return nil, &Error{File: file, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)}
		}
		id := Normalize(r.measure)
		if id == "" {
			return fail("measure", "no measure ID (write %q for the default row)", DefaultMeasure)
		}
		if first, dup := seen[id]; dup {
			return fail("measure", "%s is priced twice (lines %d and %d); price it once", clip(id), first, r.line)
		}
		seen[id] = r.line
		idx, known := set.MeasureIndex(id)
		if id != DefaultMeasure && !known {
			msg := fmt.Sprintf("unknown measure %q of %s", clip(id), set.ID)
			if near, ok := criteria.Nearest(id, set.MeasureIDs()); ok {
				msg += fmt.Sprintf("; did you mean %q?", near)
			}
			return fail("measure", "%s", msg)
		}
		if !r.hasAction && !r.hasUnit {
			return fail(id, "give per_action, per_unit or both")
		}
		var cost Cost
		for _, f := range []struct {
			name, text string
			has        bool
			into       *exact.Decimal
		}{{"per_action", r.perAction, r.hasAction, &cost.PerAction}, {"per_unit", r.perUnit, r.hasUnit, &cost.PerUnit}} {
			if !f.has {
				continue
			}
			d, err := exact.Parse(stripGrouping(Normalize(f.text)))
			if err != nil {
				return fail(f.name, "%s of %s: %q is not a number (%v)", f.name, id, clip(f.text), err)
			}
			if d.IsNeg() {
				return fail(f.name, "%s of %s is negative (%s); a cost is 0 or more", f.name, id, exact.String(d))
			}
			*f.into = d
		}
		if id == DefaultMeasure {
			def = &cost
			continue
		}
		if r.hasUnit && set.Measures[idx].Kind == criteria.Bool && cost.PerUnit.IsPos() {
			return fail("per_unit", "%s is met or not met: it has no units to price; give per_action", id)
		}
		c.per[idx], priced[idx] = cost, true
	}
	var unpriced []string
	for i, m := range set.Measures {
		if priced[i] {
			continue
		}
		if def == nil {
			unpriced = append(unpriced, m.ID)
			continue
		}
		c.per[i] = *def
		if m.Kind == criteria.Bool {
			c.per[i].PerUnit = exact.Zero // a yes/no value moves by no units
		}
	}
	if len(unpriced) > 0 {
		shown := unpriced
		if len(shown) > 5 {
			shown = shown[:5]
		}
		more := ""
		if n := len(unpriced) - len(shown); n > 0 {
			more = fmt.Sprintf(" and %d more", n)
		}
		return nil, &Error{File: file, Msg: fmt.Sprintf("no cost for %s%s, and no default row (measure %q) to price them",
			strings.Join(shown, ", "), more, DefaultMeasure)}
	}
	return c, nil
}

// costFile is the TOML shape of a cost file.
type costFile struct {
	Unit string           `toml:"unit"`
	Cost []map[string]any `toml:"cost"`
}

var costKeys = []string{"measure", "per_action", "per_unit"}

func costsTOML(file string, data []byte) ([]costRow, string, error) {
	src := string(data)
	var doc costFile
	md, err := toml.Decode(src, &doc)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, "", &Error{File: file, Line: pe.Position.Line, Msg: "not valid TOML: " + pe.Message}
		}
		return nil, "", &Error{File: file, Msg: fmt.Sprintf("not valid TOML: %v", err)}
	}
	pos := tomlpos.Parse(src)
	for _, k := range md.Undecoded() {
		if len(k) == 1 {
			msg := fmt.Sprintf("unknown key %q", clip(k.String()))
			if near, ok := criteria.Nearest(k[0], []string{"unit", "cost"}); ok {
				msg += fmt.Sprintf("; did you mean %q?", near)
			}
			return nil, "", &Error{File: file, Line: pos.Line(tomlpos.Key(k...)), Field: k.String(), Msg: msg}
		}
	}
	rows := make([]costRow, 0, len(doc.Cost))
	for i, entry := range doc.Cost {
		at := func(key string) string { return fmt.Sprintf("cost[%d].%s", i, key) }
		r := costRow{line: pos.Line(fmt.Sprintf("cost[%d]", i)), fieldLine: map[string]int{}}
		if l := pos.Line(at("measure")); l > 0 {
			r.line = l
		}
		for _, key := range slices.Sorted(maps.Keys(entry)) {
			line := pos.Line(at(key))
			r.fieldLine[key] = line
			if !slices.Contains(costKeys, key) {
				msg := fmt.Sprintf("unknown key %q in [[cost]]", clip(key))
				if near, ok := criteria.Nearest(key, costKeys); ok {
					msg += fmt.Sprintf("; did you mean %q?", near)
				}
				return nil, "", &Error{File: file, Line: line, Field: key, Msg: msg}
			}
			text, err := costText(entry[key], pos[at(key)], key)
			if err != nil {
				return nil, "", &Error{File: file, Line: line, Field: key, Msg: err.Error()}
			}
			switch key {
			case "measure":
				r.measure = text
			case "per_action":
				r.perAction, r.hasAction = text, true
			case "per_unit":
				r.perUnit, r.hasUnit = text, true
			}
		}
		rows = append(rows, r)
	}
	return rows, doc.Unit, nil
}

// costText gives a TOML value as the characters it was written with, so
// 12.5 stays the decimal 12.5 (ruling 1).
func costText(v any, p tomlpos.Pos, key string) (string, error) {
	switch x := v.(type) {
	case string:
		return x, nil
	case int64:
		if key == "measure" {
			return "", fmt.Errorf("want a measure ID in quotes")
		}
		return strconv.FormatInt(x, 10), nil
	case float64:
		if key == "measure" {
			return "", fmt.Errorf("want a measure ID in quotes")
		}
		if p.Raw == "" || strings.ContainsAny(p.Raw, "eEn") {
			return "", fmt.Errorf("write %s as a plain decimal (12.5 or \"12.5\")", key)
		}
		return strings.ReplaceAll(p.Raw, "_", ""), nil
	}
	return "", fmt.Errorf("want a single value, not %T", v)
}

func costsCSV(file string, data []byte) ([]costRow, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, csvErr(file, err)
	}
	col := map[string]int{}
	for i, raw := range header {
		name := strings.ToLower(Normalize(raw))
		if !slices.Contains(costKeys, name) {
			msg := fmt.Sprintf("unknown column %q; a cost file has the columns %s", clip(raw), strings.Join(costKeys, ", "))
			if near, ok := criteria.Nearest(name, costKeys); ok {
				msg = fmt.Sprintf("unknown column %q; did you mean %q?", clip(raw), near)
			}
			return nil, &Error{File: file, Line: 1, Field: fmt.Sprintf("column %d", i+1), Msg: msg}
		}
		if _, dup := col[name]; dup {
			return nil, &Error{File: file, Line: 1, Field: name, Msg: "column given twice"}
		}
		col[name] = i
	}
	if _, ok := col["measure"]; !ok {
		return nil, &Error{File: file, Line: 1, Msg: "no measure column: want the header measure,per_action,per_unit"}
	}
	var rows []costRow
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, csvErr(file, err)
		}
		line, _ := r.FieldPos(0)
		if len(rec) != len(header) {
			return nil, &Error{File: file, Line: line, Msg: fmt.Sprintf("%d cells; the header has %d", len(rec), len(header))}
		}
		if allBlank(rec) {
			continue
		}
		row := costRow{line: line, measure: rec[col["measure"]]}
		if i, ok := col["per_action"]; ok && Normalize(rec[i]) != "" {
			row.perAction, row.hasAction = rec[i], true
		}
		if i, ok := col["per_unit"]; ok && Normalize(rec[i]) != "" {
			row.perUnit, row.hasUnit = rec[i], true
		}
		rows = append(rows, row)
	}
}

func allBlank(cells []string) bool {
	for _, c := range cells {
		if Normalize(c) != "" {
			return false
		}
	}
	return true
}

func csvErr(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &Error{File: file, Line: pe.Line, Msg: pe.Err.Error()}
	}
	if err == io.EOF {
		return &Error{File: file, Msg: "empty file: want the header measure,per_action,per_unit"}
	}
	return &Error{File: file, Msg: err.Error()}
}

// LoadCosts reads the cost file at path for set (--costs).
func LoadCosts(path string, set *criteria.Set) (*Costs, error) {
	data, err := readFile(path, MaxCostsSize)
	if err != nil {
		return nil, err
	}
	return ReadCosts(path, data, set)
}
