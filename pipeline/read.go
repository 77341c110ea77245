package pipeline

import (
	"fmt"
	"io"
	"runtime"

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
func readBatches(src *source, out chan<- recordBatch, done <-chan struct{}) {
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

// setAside notes the rows src refused once it is read to its end; when
// it refused every row (read is 0) there are no results to give, and the
// run fails with every problem, as it would without SkipInvalid.
func setAside(src *inputs.Source, warns *inputs.Warnings, read int) error {
	refused := src.Refused()
	if refused == nil || !src.SkipInvalid {
		return nil
	}
	if read == 0 {
		return refused
	}
	warns.Refuse(refused)
	return nil
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

// eachRecord calls fn with every record of src in order, reading a batch
// ahead in a goroutine of its own, as a scored run does. On one core, or
// when the caller keeps the other cores busy (src.inline), there is
// nothing for the reading to overlap, so each record goes to fn as soon
// as it is read, while it is still in the processor's cache (a batch
// ahead, it no longer is: 256 records of 2 KB and more).
func eachRecord(src *source, fn func(*inputs.Record) error) error {
	if src.inline || runtime.GOMAXPROCS(0) == 1 {
		defer src.Close()
		for {
			rec, err := src.Next()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			if err := fn(rec); err != nil {
				return err
			}
		}
	}
	batches := make(chan recordBatch, 4)
	done := make(chan struct{})
	defer close(done)
	go readBatches(src, batches, done)
	for b := range batches {
		for _, rec := range b.recs {
			if err := fn(rec); err != nil {
				return err
			}
		}
		if b.err != nil {
			return b.err
		}
	}
	return nil
}
