package pipeline

import (
	"bytes"
	"io"
	"slices"
	"sync"

	"countyscore/inputs"
	"countyscore/scoring"
)

// SubjectWriter writes one subject's result to w. EachWritten calls each
// SubjectWriter from one goroutine at a time, so it may keep what it likes
// across subjects (buffers, memos of laid-out cells); r is valid until it
// returns.
type SubjectWriter func(w io.Writer, r *scoring.Scored) error

// writtenJobSize is how many subjects a worker scores and writes in one
// go: a bordered table report is some 12 KB a subject, so the text of the
// jobs in flight stays at a few megabytes.
const writtenJobSize = 32

// EachWritten is Each for a renderer whose costly part is each subject's
// own text (the bordered tables of the table format): with workers > 1 and
// a run read from files, it scores and writes subjects on workers
// goroutines, each with a Scorer and a SubjectWriter of its own (newWriter
// is called once a worker), a few dozen subjects at a time into a buffer
// of the job's; the buffers reach w in input order, in the caller's
// goroutine, a bounded number of jobs ahead, so memory stays flat. The
// pre-screen summary and the gate see every subject in input order, as
// with Each, and the first error (reading, scoring, writing) ends the run
// after the subjects before it, as with Each. Otherwise (one worker, or
// results made elsewhere) it is Each, writing straight to w.
func (r *ScoredRun) EachWritten(w io.Writer, workers int, newWriter func() SubjectWriter) error {
	if r.records == nil || workers <= 1 {
		sw := newWriter()
		return r.Each(func(x *scoring.Scored) error { return sw(w, x) })
	}
	r.reset()
	return r.records(func(batches <-chan recordBatch) error {
		return r.written(w, batches, workers, newWriter)
	})
}

// writtenJob is a run of subjects for one worker, and what came of them.
type writtenJob struct {
	recs    []*inputs.Record
	start   int   // the index in the run of recs[0]
	readErr error // the reading error after recs, if any

	out      *bytes.Buffer // the subjects' text
	notes    []subjectNote // one a subject scored and written
	err      error         // the scoring or writing error after notes
	panicked any           // what the worker panicked with (a defect)
	ready    chan struct{} // closed when the worker is done
}

// subjectNote is what the run keeps of a subject, taken in the worker
// before its Scorer moves on: its verdict, its pre-screen row (for the
// first MaxPrescreenRows), the gate's complaints.
type subjectNote struct {
	verdict string
	row     PrescreenRow
	hasRow  bool
	fails   []string
}

// written runs the workers over batches and hands their text to w in
// order; see EachWritten.
func (r *ScoredRun) written(w io.Writer, batches <-chan recordBatch, workers int, newWriter func() SubjectWriter) error {
	inFlight := 2 * workers
	jobs := make(chan *writtenJob, inFlight)
	pending := make(chan *writtenJob, inFlight) // in input order
	free := make(chan *bytes.Buffer, inFlight+workers+2)
	freeNotes := make(chan []subjectNote, inFlight+workers+2) // a job's notes are some 7 KB of pointers: reused too
	gating := gatingValues(r.Set)

	// On return, stop the splitter and the workers, and wait for them: none
	// outlives the run (a worker past an error finishes its job at most).
	var wg sync.WaitGroup
	defer wg.Wait()
	stop := make(chan struct{})
	defer close(stop)

	wg.Add(1)
	go func() { // split the read batches into jobs, in order
		defer wg.Done()
		defer close(jobs)
		defer close(pending)
		start := 0
		for {
			var b recordBatch
			var ok bool
			select {
			case b, ok = <-batches:
			case <-stop:
				return
			}
			if !ok {
				return
			}
			for k := 0; k < len(b.recs) || k == 0; k += writtenJobSize {
				end := min(k+writtenJobSize, len(b.recs))
				j := &writtenJob{recs: b.recs[k:end], start: start + k, ready: make(chan struct{})}
				if end == len(b.recs) {
					j.readErr = b.err
				}
				select {
				case pending <- j:
				case <-stop:
					return
				}
				select {
				case jobs <- j:
				case <-stop:
					return
				}
			}
			start += len(b.recs)
		}
	}()
	for range workers {
		sc, sw := scoring.NewScorer(r.Set, r.scoring...), newWriter()
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				select {
				case <-stop:
					return
				default:
				}
				select {
				case j.out = <-free:
				default:
					j.out = new(bytes.Buffer)
				}
				select {
				case j.notes = <-freeNotes:
				default:
				}
				r.writeJob(j, sc, sw, gating)
				close(j.ready)
			}
		}()
	}

	for j := range pending {
		<-j.ready
		for i := range j.notes {
			n := &j.notes[i]
			r.gate.failAll(n.fails)
			var row *PrescreenRow
			if n.hasRow {
				row = &n.row
			}
			r.count(n.verdict, row)
		}
		if j.out.Len() > 0 {
			if _, err := w.Write(j.out.Bytes()); err != nil {
				return err
			}
		}
		j.out.Reset()
		select {
		case free <- j.out:
		default:
		}
		select {
		case freeNotes <- j.notes[:0]:
		default:
		}
		if j.panicked != nil {
			panic(j.panicked)
		}
		if j.err != nil {
			return j.err
		}
		if j.readErr != nil {
			return j.readErr
		}
	}
	return nil
}

// writeJob scores and writes j's subjects in order, stopping at the first
// error, as Each would.
func (r *ScoredRun) writeJob(j *writtenJob, sc *scoring.Scorer, sw SubjectWriter, gating map[string]bool) {
	defer func() {
		if v := recover(); v != nil {
			j.panicked = v // after the subjects before it, as on one core
		}
	}()
	j.notes = slices.Grow(j.notes[:0], len(j.recs))
	for k, rec := range j.recs {
		x, err := sc.Score(rec)
		if err != nil {
			j.err = err
			return
		}
		n := subjectNote{verdict: x.Verdict, fails: r.gate.check(x)}
		if j.start+k < MaxPrescreenRows {
			n.row, n.hasRow = prescreenRow(x, gating), true
		}
		j.notes = append(j.notes, n)
		if err := sw(j.out, x); err != nil {
			j.err = err
			return
		}
		// Scored, noted and written: nothing holds the record any more
		// (a SubjectWriter keeps nothing of x).
		inputs.Release(rec)
	}
}
