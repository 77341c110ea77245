package inputs

import (
	"fmt"
	"slices"

	"countyscore/criteria"
)

// column says what one column of a wide sheet holds.
type column struct {
	attr    string // "subject", "population", "year", "illustrative", "blank", or "" for a measure
	measure int    // index into set.Measures; -1 for an attribute or an ignored column
	name    string
	fast    uint8 // how fastCell reads a measure's cells (fastNone: never)
}

// blankColumn is a column with no name in the header, or a cell beyond the
// header's last column: its cells must be blank.
var blankColumn = column{measure: -1, attr: "blank"}

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
	done bool // a problem ended the file: Next returns io.EOF
	// checked says the row record reads is known to be text (valid UTF-8,
	// no NUL) as a whole, so no cell of it needs checkCell.
	checked bool
	high    []bool // per measure: a percent whose requirement is high, so 1 is suspect
}

// newTable is a table for file under set; at is set by the reader.
func newTable(file string, set *criteria.Set, w *Warnings) table {
	return table{file: file, set: set, w: w, subj: newSubjects(set), high: highPercents(set)}
}

// fail is bad input at cell i of the current row.
func (t *table) fail(i int, field, msg string) *Error {
	e := t.at(i)
	e.Field, e.Msg = field, msg
	return &e
}

// columns checks every name of the header row and says what each column
// holds. Its error lists every bad column name.
func (t *table) columns(header []string) error {
	var errs rowErrors
	seen := map[string]int{}
	for i, raw := range header {
		if err := checkCell(raw); err != nil {
			return t.fail(i, fmt.Sprintf("column %d", i+1), err.Error())
		}
		if name := t.headerName(raw); name != "" {
			if _, dup := seen[name]; !dup {
				seen[name] = i
			}
		}
	}
	known := append(slices.Clone(criteria.ReservedColumns), t.set.MeasureIDs()...)
	// A suggestion is never a column the header already has.
	known = slices.DeleteFunc(known, func(k string) bool { _, ok := seen[k]; return ok })
	first := map[string]int{}
	for i, raw := range header {
		name := t.headerName(raw)
		if name == "" {
			if !blankTail(header[i:]) {
				errs = append(errs, t.fail(i, fmt.Sprintf("column %d", i+1), "blank column name"))
			}
			// Spreadsheets export trailing columns with no name; their
			// cells must be blank too (checked row by row).
			t.cols = append(t.cols, blankColumn)
			continue
		}
		col := column{measure: -1, name: name}
		if j, dup := first[name]; dup {
			errs = append(errs, t.fail(i, name, fmt.Sprintf("column %q appears twice (columns %d and %d)", clip(name), j+1, i+1)))
			t.cols = append(t.cols, col)
			continue
		}
		first[name] = i
		switch {
		case slices.Contains(criteria.ReservedColumns, name):
			col.attr = name
		default:
			if idx, ok := t.set.MeasureIndex(name); ok {
				col.measure = idx
				col.fast = fastKind(&t.set.Measures[idx])
			} else if !criteria.IsBuiltinMeasure(name, t.set.ID) {
				msg := fmt.Sprintf("unknown column %q: not a measure of %s or of any built-in set", clip(name), t.set.ID)
				if near, ok := criteria.Nearest(name, known); ok {
					msg += fmt.Sprintf("; did you mean %q?", near)
				}
				errs = append(errs, t.fail(i, name, msg))
			}
		}
		t.cols = append(t.cols, col)
	}
	if _, ok := seen["subject"]; !ok {
		errs = append(errs, t.fail(0, "subject", "no subject column: the header needs a column named subject"))
	}
	return errs.err(false)
}

// record reads one row of cells. Its error lists every bad cell of the
// row, in column order. A cell beyond the header's columns must be blank.
func (t *table) record(row []string) (*Record, error) {
	start := t.at(0)
	rec := newRecord(len(t.set.Measures))
	rec.File, rec.Line = t.file, start.Line
	var errs rowErrors
	bad := func(i int, field, msg string) { errs = append(errs, t.fail(i, field, msg)) }
	for i, cell := range row {
		col := &blankColumn
		if i < len(t.cols) {
			col = &t.cols[i] // not copied: this runs for every cell of a sheet
		}
		if col.measure < 0 && col.attr == "" {
			continue // a measure of another set
		}
		if !t.checked {
			if err := checkCell(cell); err != nil {
				// Bad bytes in one cell mean a file in another encoding
				// (or no text at all): every row would say the same.
				t.done = true
				return nil, t.fail(i, col.name, err.Error())
			}
		}
		var err error
		switch col.attr {
		case "blank":
			if Normalize(cell) != "" {
				bad(i, fmt.Sprintf("column %d", i+1), fmt.Sprintf("%q stands in a column with no name in the header", clip(cell)))
			}
		case "subject":
			if err := t.subj.resolve(cell, rec, t.w, t.at(i)); err != nil {
				errs = append(errs, flat(err)...)
			}
		case "population":
			if rec.Population, err = parsePopulation(cell); err != nil {
				bad(i, col.name, err.Error())
			}
		case "year":
			if rec.Year, err = parseYear(cell); err != nil {
				bad(i, col.name, err.Error())
			}
		case "illustrative":
			if s := Normalize(cell); s != "" {
				b, err := parseBool(s)
				if err != nil {
					bad(i, col.name, describe(err, criteria.Measure{Kind: criteria.Bool}, cell))
				}
				rec.Illustrative = b
			}
		default:
			v, hint, ok := fastCell(cell, col.fast)
			if !ok {
				v, hint, err = ParseCell(cell, t.set.Measures[col.measure])
				if err != nil {
					m := t.set.Measures[col.measure]
					bad(i, col.name, describe(err, m, cell))
					continue
				}
			}
			if hint || t.high[col.measure] && oneHint(cell, v) {
				m := t.set.Measures[col.measure]
				t.w.Add(t.file+"\x00"+m.ID, fractionWarning(t.at(i), m, v))
			}
			rec.Values[col.measure] = v
		}
	}
	if err := errs.err(false); err != nil {
		return nil, err
	}
	return rec, nil
}
