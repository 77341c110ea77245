package pipeline

import (
	"io"

	"countyscore/criteria"
	"countyscore/inputs"
)

// Option changes how a run reads its subjects.
type Option func(*config)

type config struct {
	overrides    []inputs.Override
	maxCSV       int64
	atEnd        func()
	noShortfalls bool
	streamed     bool
	// inline reads each record as it is used, with no batch read ahead:
	// for a caller that keeps the cores busy otherwise (the two sides of
	// a diff, each on a core).
	inline bool
}

// WithOverrides sets what-if values (--set) on every subject of a run;
// results list the measures assumed.
func WithOverrides(ovs []inputs.Override) Option {
	return func(c *config) { c.overrides = ovs }
}

// NoShortfalls leaves out the shortfalls, for a format that prints none
// (CSV): the 1.8 million rows of gaps of 100,000 subjects then need 32
// bytes each, and score makes none of its subjects' shortfalls.
func NoShortfalls() Option { return func(c *config) { c.noShortfalls = true } }

// MaxInputSize bounds each CSV input at n bytes instead of
// inputs.MaxCSVSize (--max-input-size).
func MaxInputSize(n int64) Option { return func(c *config) { c.maxCSV = n } }

// AtEnd calls fn once the last subject has been read, while what the run
// keeps per subject (the duplicate check, a renderer's summary, the rows of
// gaps) is still alive: --memprofile takes its heap profile there.
func AtEnd(fn func()) Option { return func(c *config) { c.atEnd = fn } }

// end runs the AtEnd hook, if any.
func (c config) end() {
	if c.atEnd != nil {
		c.atEnd()
	}
}

// Streamed is for a format that writes a subject, or a row, at a time and
// keeps nothing of it (CSV). A diff of a scored set then joins its
// subjects as the renderer asks for them (Diff.EachSubject), reusing the
// memory of those before, rather than hold them all; a scored comparison
// keeps its cells packed until each row is written (Compare.RowPoints).
// A renderer that needs them all calls Materialize.
func Streamed() Option {
	return func(c *config) { c.streamed = true }
}

func configure(opts []Option) config {
	var c config
	for _, o := range opts {
		o(&c)
	}
	return c
}

// source reads a run's records as the run asks: each with the run's
// what-if values set, invalid rows set aside when warns.SkipInvalid, and
// every subject read noted in warns (for who is absent).
type source struct {
	*inputs.Source
	warns     *inputs.Warnings
	overrides []inputs.Override
	read      int
	ended     bool
	inline    bool // see config.inline
}

func open(s *criteria.Set, files []string, warns *inputs.Warnings, c config) *source {
	src := inputs.Open(files, s, warns)
	src.SkipInvalid = warns != nil && warns.SkipInvalid
	src.MaxCSV = c.maxCSV
	return &source{Source: src, warns: warns, overrides: c.overrides, inline: c.inline}
}

// Next returns the next record, what-if values set, or io.EOF.
func (src *source) Next() (*inputs.Record, error) {
	if src.ended {
		return nil, io.EOF
	}
	rec, err := src.Source.Next()
	if err == io.EOF {
		src.ended = true
		if err := setAside(src.Source, src.warns, src.read); err != nil {
			return nil, err
		}
		return nil, io.EOF
	}
	if err != nil {
		return nil, err
	}
	src.read++
	if src.warns != nil {
		src.warns.Saw(rec.Subject)
	}
	if len(src.overrides) > 0 {
		inputs.ApplyOverrides(rec, src.overrides)
	}
	return rec, nil
}

// readAll reads every record of a run, for the views that need them all at
// once: a quota run (a registry's worth of subjects at most, each once)
// and gaps, which ranks shortfalls across every subject.
func readAll(s *criteria.Set, files []string, warns *inputs.Warnings, c config) ([]*inputs.Record, error) {
	src := open(s, files, warns, c)
	defer src.Close()
	var recs []*inputs.Record
	for {
		rec, err := src.Next()
		if err == io.EOF {
			warnYears(s, recs, warns)
			return recs, nil
		}
		if err != nil {
			return nil, err
		}
		recs = append(recs, rec)
	}
}
