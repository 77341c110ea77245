package main

import (
	"errors"
	"fmt"

	"countyscore/criteria"
	"countyscore/inputs"
	"countyscore/pipeline"
)

// Exit codes (output contract). Scripts rely on them; they never change.
const (
	// exitOK: the command ran and printed its results, whatever they are.
	exitOK = 0
	// exitFailed: the command ran, and --fail-under, --fail-on-veto or
	// --fail-on-unmet was not satisfied.
	exitFailed = 1
	// exitBadInput: a usage error or bad input; nothing was evaluated and
	// nothing was written; stderr names the file, line and field.
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

// exitCode maps an error to the exit code the contract gives it.
func exitCode(err error) int {
	var (
		ue  usageError
		ie  *inputs.Error
		le  *criteria.LoadError
		oe  outputError
		ue2 *pipeline.UnknownItemError
	)
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errFailed):
		return exitFailed
	case errors.Is(err, errPartial):
		return exitPartial
	case errors.As(err, &ue), errors.As(err, &ie), errors.As(err, &le), errors.As(err, &oe), errors.As(err, &ue2):
		return exitBadInput
	}
	return exitInternal
}
