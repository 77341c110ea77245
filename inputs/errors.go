package inputs

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Error is bad input: the file, line (or sheet and cell) and field it
// concerns and what is wrong.
type Error struct {
	File  string
	Line  int    // 0: the whole file; in a workbook, the sheet row (for sorting)
	Sheet string // a workbook's sheet; with Cell, it replaces Line in the message
	Cell  string // a workbook cell such as F7
	Field string
	Msg   string
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: %s: %s", e.where(), e.Field, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.where(), e.Msg)
}

// where is the location part of the message: 表.csv:7, or 表.xlsx: 汇总!F7
// for a workbook, where a line number alone would not say which sheet.
func (e *Error) where() string {
	switch {
	case e.Sheet != "":
		return fmt.Sprintf("%s: %s!%s", e.File, e.Sheet, e.Cell)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	return e.File
}

// ShownErrors is how many errors Errors.Error lists before it counts the
// rest: a sheet with a wrong column in 10,000 rows needs the first screenful
// and the size of the problem, not 10,000 lines.
const ShownErrors = 50

// DefaultKeep is how many errors a Source keeps in memory unless told
// otherwise; further ones are counted. It bounds memory on a sheet where
// every row is bad, and is far more than anyone reads.
const DefaultKeep = 1000

// Errors is every problem found in a run's inputs (or in one file, or one
// row), so that one run shows a county's clerk everything to fix instead of
// one mistake per attempt. It unwraps to its *Error values, so errors.As
// finds the first of them.
type Errors struct {
	List    []*Error // sorted by file (in the order the files were given) and line
	Omitted int      // errors found beyond those kept in List
	Rows    int      // rows (or whole files) the errors refuse; a row with three bad cells counts once
}

// Len is the number of errors found, kept or not.
func (e *Errors) Len() int { return len(e.List) + e.Omitted }

// Error lists the first ShownErrors errors one per line, then how many
// more there are. One error reads exactly as that error.
func (e *Errors) Error() string {
	if e.Len() == 1 && len(e.List) == 1 {
		return e.List[0].Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d errors in the input:", e.Len())
	for i, x := range e.List {
		if i == ShownErrors {
			break
		}
		b.WriteString("\n" + x.Error())
	}
	if n := e.Len() - min(len(e.List), ShownErrors); n > 0 {
		fmt.Fprintf(&b, "\n… and %d more", n)
	}
	return b.String()
}

// Unwrap gives the errors kept, for errors.As and errors.Is.
func (e *Errors) Unwrap() []error {
	out := make([]error, len(e.List))
	for i, x := range e.List {
		out[i] = x
	}
	return out
}

// collector gathers errors up to a bound and counts the rest.
type collector struct {
	keep  int
	errs  Errors
	order map[string]int // file → position among the files given, for sorting
}

// add takes the errors of one refused row or file.
func (c *collector) add(err error) {
	c.errs.Rows++
	for _, e := range flat(err) {
		if len(c.errs.List) < c.keep {
			c.errs.List = append(c.errs.List, e)
		} else {
			c.errs.Omitted++
		}
	}
}

// result returns the errors sorted, or nil when there were none.
func (c *collector) result() *Errors {
	if c.errs.Len() == 0 {
		return nil
	}
	out := c.errs
	out.List = slices.Clone(out.List)
	slices.SortStableFunc(out.List, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(c.order[a.File], c.order[b.File]), cmp.Compare(a.Line, b.Line))
	})
	return &out
}

// flat turns an error of the readers into its *Error values; anything else
// (which the readers do not return) is kept with its text.
func flat(err error) []*Error {
	switch e := err.(type) {
	case *Error:
		return []*Error{e}
	case *Errors:
		return e.List // the readers never omit: one row or file is short
	}
	return []*Error{{Msg: err.Error()}}
}

// rowErrors is the problems of one row or one file, in the order found.
type rowErrors []*Error

func (r *rowErrors) add(file string, line int, field, format string, args ...any) {
	*r = append(*r, &Error{File: file, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)})
}

// err returns the problems as an error, nil when there were none. The
// problems of one file are sorted by line; of one row, kept in column order.
func (r rowErrors) err(sortByLine bool) error {
	if len(r) == 0 {
		return nil
	}
	list := []*Error(r)
	if sortByLine {
		slices.SortStableFunc(list, func(a, b *Error) int { return cmp.Compare(a.Line, b.Line) })
	}
	return &Errors{List: list, Rows: 1}
}
