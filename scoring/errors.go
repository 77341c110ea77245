package scoring

import (
	"errors"
	"fmt"

	"countyscore/exact"
	"countyscore/inputs"
)

// Error is an evaluation that the values given make impossible to carry
// out exactly: a derived target or a sum that would need more than the 19
// digits countyscore computes without rounding. It is the input's doing,
// not a defect, so the command treats it as bad input (exit 2) and the
// message names where the value came from, the subject, the item and the
// measure. Any other error of the engine is a defect.
type Error struct {
	File    string // the input file, "" for a sum over a whole run
	Line    int    // its line (a CSV row), 0 for a TOML file
	Subject string // "" for a sum over a whole run
	Item    string // the indicator or quota row
	Measure string // the measure whose value led there
	Msg     string
}

func (e *Error) Error() string {
	where := e.File
	if e.Line > 0 {
		where = fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	who := e.Item
	if e.Subject != "" {
		who = e.Subject + ", " + e.Item
	}
	if e.Measure != "" && e.Measure != e.Item {
		who += " (" + e.Measure + ")"
	}
	if where != "" {
		who = where + ": " + who
	}
	return fmt.Sprintf("%s: %s; countyscore computes exactly and does not round: check the value", who, e.Msg)
}

// why words an arithmetic failure for an *Error's message.
func why(err error) string {
	if errors.Is(err, exact.ErrInexact) {
		return "needs more than 19 digits"
	}
	return err.Error()
}

// inputError makes err, met evaluating item of rec on measure, an *Error.
func inputError(rec *inputs.Record, item, measure string, err error) *Error {
	return (&Error{Item: item, Measure: measure, Msg: err.Error()}).of(rec)
}

// of names the record an error of its evaluation comes from.
func (e *Error) of(rec *inputs.Record) *Error {
	if rec != nil {
		e.File, e.Line, e.Subject = rec.File, rec.Line, rec.Subject
	}
	return e
}

// inRecord names rec in err when it is an *Error, else adds context to
// what is a defect.
func inRecord(rec *inputs.Record, item string, err error) error {
	if e, ok := err.(*Error); ok {
		return e.of(rec)
	}
	return fmt.Errorf("%s, %s: %w", rec.Subject, item, err)
}
