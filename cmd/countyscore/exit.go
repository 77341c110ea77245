package main

import (
	"errors"
	"fmt"

	"countyscore/criteria"
	"countyscore/inputs"
	"countyscore/pipeline"
	"countyscore/scoring"
)

// Exit codes (output contract). Scripts rely on them; they never change.
// This file is the one place that names them, and exitCode below the one
// place that maps an error to one.
const (
	// exitOK: the command ran and printed its results, whatever they are.
	exitOK = 0
	// exitFailed: the command ran, and --fail-under, --fail-on-veto or
	// --fail-on-unmet was not satisfied.
	exitFailed = 1
	// exitBadInput: a usage error, bad input (values, criteria, or values
	// that no exact computation can take), or output that could not be
	// written; nothing was delivered, and stderr says what and where.
	exitBadInput = 2
	// exitInternal: a bug in countyscore, said plainly.
	exitInternal = 3
	// exitPartial: with --skip-invalid, results were written for the
	// valid rows and some rows were refused (listed in the output and
	// counted on stderr). A run whose every row is refused exits 2.
	exitPartial = 4
)

// errFailed is returned when results did not satisfy a --fail-* flag.
var errFailed = errors.New("results did not satisfy a --fail-* flag")

// errPartial is returned when --skip-invalid set some rows aside.
var errPartial = errors.New("some rows were refused")

// usageError is a mistake in the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return usageError{msg: fmt.Sprintf(format, args...)}
}

// outputError is a failure to write results (a full disk, a closed pipe):
// not the user's input and not a bug, but nothing was delivered.
type outputError struct{ err error }

func (e outputError) Error() string { return "cannot write output: " + e.err.Error() }

// exitCode maps an error to the exit code the contract gives it. Every
// class of error the program knows is named here.
func exitCode(err error) int {
	var (
		ue usageError                 // the command line
		ie *inputs.Error              // an input file: file, line, field
		le *criteria.LoadError        // a criteria file: every problem, with lines
		se *scoring.Error             // values the engine cannot compute with exactly
		oe outputError                // results that could not be written
		xe *pipeline.UnknownItemError // explain: an item the set does not have
	)
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errFailed): // a --fail-* gate
		return exitFailed
	case errors.Is(err, errPartial):
		return exitPartial
	case errors.As(err, &ue), errors.As(err, &ie), errors.As(err, &le), errors.As(err, &se), errors.As(err, &oe), errors.As(err, &xe):
		return exitBadInput
	}
	return exitInternal // anything else is a defect
}
