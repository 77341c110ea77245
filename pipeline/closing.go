package pipeline

import "countyscore/inputs"

// Closing is what a run reports after its results, in every format: the
// rows it set aside (--skip-invalid), the expected subjects it did not
// see, and its warnings.
type Closing struct {
	// SkipInvalid says the run was asked to set invalid rows aside, so
	// that a program always finds the list of refused rows, empty or not.
	SkipInvalid bool
	Refused     *inputs.Errors // nil when nothing was refused
	// Absent are the roster's subjects the run did not read, in the
	// roster's order; nil when the run has no roster or read one subject.
	Absent   []string
	Warnings []string
}

// RefusedList is the refused rows kept (the rest are counted in Omitted).
func (c *Closing) RefusedList() []*inputs.Error {
	if c == nil || c.Refused == nil {
		return nil
	}
	return c.Refused.List
}

// Closed is a document followed by its run's closing. The closing is
// read once the document is rendered: a streamed run knows what it
// refused only at its end.
type Closed struct {
	Document
	closing func() *Closing
}

// Closing returns what the run reports after the document; call it once
// the document is rendered. A nil *Closed has no closing.
func (c *Closed) Closing() *Closing {
	if c == nil {
		return nil
	}
	return c.closing()
}

// Close wraps doc with the closing its run reports through warns: the
// rows refused, and the subjects of roster not read when the run read
// several subjects, some of them on the roster, or was told whom to
// expect (expected). The roster must have been given to warns.Track
// before the run read anything.
func Close(doc Document, warns *inputs.Warnings, roster []string, expected, quiet bool) *Closed {
	return &Closed{Document: doc, closing: func() *Closing {
		c := &Closing{SkipInvalid: warns != nil && warns.SkipInvalid, Refused: warns.Refused()}
		// A run none of whose subjects is on the roster (towns scored
		// under a made-up standard) is not about the roster: no absence.
		if absent, read, listed := warns.Absent(roster); expected || read > 1 && listed > 0 {
			c.Absent = nonNil(absent)
		}
		if !quiet && warns != nil {
			c.Warnings = warns.List()
		}
		return c
	}}
}

// Unwrap returns the document inside doc and, when it carries one, its
// closing (nil otherwise), to be read after the document is rendered.
func Unwrap(doc Document) (Document, *Closed) {
	if c, ok := doc.(*Closed); ok {
		return c.Document, c
	}
	return doc, nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
