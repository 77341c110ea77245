package inputs

import (
	"fmt"

	"countyscore/criteria"
)

// column says what one column of a wide sheet holds.
type column struct {
	attr    string // "subject", "population", "year", "illustrative", "blank", or "" for a measure
	measure int    // index into set.Measures; -1 for an attribute or an ignored column
	name    string
}

// table reads the wide shape — a header row of IDs, one row per subject —
// whatever file it comes from, so a CSV row and a workbook row with the
// same cells make the same Record and the same errors. Only where a cell
// is differs: at says it for cell i of the row being read (a CSV line, or
// a workbook's sheet and cell).
type table struct {
	file string
	set  *criteria.Set
	w    *Warnings
	cols []column
	subj *subjects
	at   func(i int) Error
}

// fail is bad input at cell i of the current row.
func (t *table) fail(i int, field, msg string) error {
	e := t.at(i)
	e.Field, e.Msg = field, msg
	return &e
}

// columns checks every name of the header row and says what each column
// holds.
func (t *table) columns(header []string) error {
	seen := map[string]int{}
	known := append([]string{"subject", "population", "year", "illustrative"}, t.set.MeasureIDs()...)
	for i, raw := range header {
		if err := checkCell(raw); err != nil {
			return t.fail(i, fmt.Sprintf("column %d", i+1), err.Error())
		}
		name := Normalize(raw)
		if name == "" {
			if !blankTail(header[i:]) {
				return t.fail(i, fmt.Sprintf("column %d", i+1), "blank column name")
			}
			// Spreadsheets export trailing columns with no name; their
			// cells must be blank too (checked row by row).
			t.cols = append(t.cols, column{measure: -1, attr: "blank"})
			continue
		}
		if j, dup := seen[name]; dup {
			return t.fail(i, name, fmt.Sprintf("column %q appears twice (columns %d and %d)", clip(name), j+1, i+1))
		}
		seen[name] = i
		col := column{measure: -1, name: name}
		switch name {
		case "subject", "population", "year", "illustrative":
			col.attr = name
		default:
			if idx, ok := t.set.MeasureIndex(name); ok {
				col.measure = idx
			} else if !criteria.IsBuiltinMeasure(name, t.set.ID) {
				msg := fmt.Sprintf("unknown column %q: not a measure of %s or of any built-in set", clip(name), t.set.ID)
				if near, ok := criteria.Nearest(name, known); ok {
					msg += fmt.Sprintf("; did you mean %q?", near)
				}
				return t.fail(i, name, msg)
			}
		}
		t.cols = append(t.cols, col)
	}
	if _, ok := seen["subject"]; !ok {
		return t.fail(0, "subject", "no subject column: the header needs a column named subject")
	}
	return nil
}

// record reads one row of cells, as many as the header has columns.
func (t *table) record(row []string) (*Record, error) {
	start := t.at(0)
	rec := &Record{File: t.file, Line: start.Line, Values: make([]Value, len(t.set.Measures))}
	var err error
	for i, cell := range row {
		col := t.cols[i]
		if col.measure < 0 && col.attr == "" {
			continue // a measure of another set
		}
		if err := checkCell(cell); err != nil {
			return nil, t.fail(i, col.name, err.Error())
		}
		switch col.attr {
		case "blank":
			if Normalize(cell) != "" {
				return nil, t.fail(i, fmt.Sprintf("column %d", i+1), fmt.Sprintf("%q stands in a column with no name in the header", clip(cell)))
			}
		case "subject":
			if err := t.subj.resolve(cell, rec, t.w, t.at(i)); err != nil {
				return nil, err
			}
		case "population":
			if rec.Population, err = parsePopulation(cell); err != nil {
				return nil, t.fail(i, col.name, err.Error())
			}
		case "year":
			if rec.Year, err = parseYear(cell); err != nil {
				return nil, t.fail(i, col.name, err.Error())
			}
		case "illustrative":
			if s := Normalize(cell); s != "" {
				b, err := parseBool(s)
				if err != nil {
					return nil, t.fail(i, col.name, describe(err, criteria.Measure{Kind: criteria.Bool}, cell))
				}
				rec.Illustrative = b
			}
		default:
			m := t.set.Measures[col.measure]
			v, hint, err := ParseCell(cell, m)
			if err != nil {
				return nil, t.fail(i, col.name, describe(err, m, cell))
			}
			if hint {
				t.w.Add(t.file+"\x00"+m.ID, fractionWarning(t.at(i), m, v))
			}
			rec.Values[col.measure] = v
		}
	}
	return rec, nil
}
