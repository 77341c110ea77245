package pipeline

import (
	"countyscore/criteria"
	"countyscore/inputs"
)

// Option adjusts how a run reads its inputs.
type Option func(*options)

type options struct {
	maxCSV       int64
	atEnd        func()
	noShortfalls bool
}

// NoShortfalls leaves out the shortfalls of gaps: for a format that
// prints none (CSV), 1.8 million rows then need 32 bytes each.
func NoShortfalls() Option { return func(o *options) { o.noShortfalls = true } }

// MaxInputSize bounds each CSV input at n bytes instead of
// inputs.MaxCSVSize (--max-input-size).
func MaxInputSize(n int64) Option { return func(o *options) { o.maxCSV = n } }

// AtEnd calls fn once the last subject has been read, while what the run
// keeps per subject (the duplicate check, a renderer's summary, the rows of
// gaps) is still alive: --memprofile takes its heap profile there.
func AtEnd(fn func()) Option { return func(o *options) { o.atEnd = fn } }

func collect(opts []Option) options {
	var o options
	for _, f := range opts {
		f(&o)
	}
	return o
}

// open opens the inputs of a run with its options.
func (o options) open(s *criteria.Set, files []string, warns *inputs.Warnings) *inputs.Source {
	src := inputs.Open(files, s, warns)
	src.MaxCSV = o.maxCSV
	return src
}

// end runs the AtEnd hook, if any.
func (o options) end() {
	if o.atEnd != nil {
		o.atEnd()
	}
}
