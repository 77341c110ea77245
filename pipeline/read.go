package pipeline

import (
	"fmt"
	"io"

	"countyscore/criteria"
	"countyscore/inputs"
)

// recordBatch is a run of records read ahead, and the error that ended
// the reading, if any.
type recordBatch struct {
	recs []*inputs.Record
	err  error
}

// readBatches reads src into batches until the end, an error, or done.
// Reading and parsing run in a goroutine of their own, a batch ahead of
// scoring and rendering, so the two halves of the work share the
// machine's cores; order is kept.
func readBatches(src *inputs.Source, out chan<- recordBatch, done <-chan struct{}) {
	defer close(out)
	defer src.Close()
	const size = 256
	b := recordBatch{recs: make([]*inputs.Record, 0, size)}
	send := func() bool {
		select {
		case out <- b:
			b = recordBatch{recs: make([]*inputs.Record, 0, size)}
			return true
		case <-done:
			return false
		}
	}
	for {
		rec, err := src.Next()
		if err == io.EOF {
			send()
			return
		}
		if err != nil {
			b.err = err
			send()
			return
		}
		b.recs = append(b.recs, rec)
		if len(b.recs) == size && !send() {
			return
		}
	}
}

// readAll reads every record of a run, for the views that need them all at
// once: a quota run (a registry's worth of subjects at most, each once)
// and gaps, which ranks shortfalls across every subject.
func readAll(s *criteria.Set, files []string, warns *inputs.Warnings, o options) ([]*inputs.Record, error) {
	src := o.open(s, files, warns)
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

// warnYears flags values that describe a year outside the plan's years.
func warnYears(s *criteria.Set, recs []*inputs.Record, warns *inputs.Warnings) {
	if len(s.Years) == 0 {
		return
	}
	for _, rec := range recs {
		warnYear(s, rec, warns)
	}
}

// warnYear flags rec when its values describe a year outside the plan's.
func warnYear(s *criteria.Set, rec *inputs.Record, warns *inputs.Warnings) {
	if outsideYears(s, rec) {
		first, last := s.Years[0], s.Years[len(s.Years)-1]
		warns.Add(rec.File+"\x00year", fmt.Sprintf("%s: year %d is outside the plan's years %d–%d of %s", rec.File, rec.Year, first, last, s.ID))
	}
}

// outsideYears reports whether rec describes a year outside the plan's.
func outsideYears(s *criteria.Set, rec *inputs.Record) bool {
	if len(s.Years) == 0 || rec.Year == 0 {
		return false
	}
	return rec.Year < s.Years[0] || rec.Year > s.Years[len(s.Years)-1]
}
