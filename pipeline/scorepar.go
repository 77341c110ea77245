package pipeline

import (
	"errors"
	"io"
	"runtime"

	"countyscore/criteria"
	"countyscore/inputs"
	"countyscore/scoring"
)

// Scoring a stream runs in three stages that share the machine's cores:
// one goroutine reads and parses batches of records (the duplicate check
// and the reading warnings stay in input order there), a few workers
// score whole batches, and the caller renders the batches in input order.
//
// A Scorer's result lives until its next Score call, so each result slot
// of a batch has a Scorer of its own, and a batch's slots go back to a
// small ring once the caller has rendered them: memory stays flat however
// many subjects there are, and no result is overwritten before it is
// shown.
const (
	scoreBatch = 64 // records in a batch
	scoreRing  = 8  // batches in flight: read, being scored, scored, rendered
)

// scoreSlots is one batch's worth of Scorers, recycled through the ring.
type scoreSlots struct {
	scorers []*scoring.Scorer
	results []*scoring.Scored
}

// scoreJob is a batch on its way from the reader to the renderer.
type scoreJob struct {
	recs    []*inputs.Record
	readErr error // the error that ended the reading, after recs
	slots   *scoreSlots
	n       int   // results scored, in order
	err     error // the scoring error of record n
	done    chan struct{}
}

// scoreStream calls fn with the result of every record of src, in order,
// scoring on as many workers as the machine has cores (at most 4). gate
// sees each result in order, as fn does. It stops at the first error of
// reading, scoring or fn.
func scoreStream(s *criteria.Set, src *source, gate *Gate, fn func(*scoring.Scored) error) error {
	workers := min(max(runtime.GOMAXPROCS(0), 1), 4)
	free := make(chan *scoreSlots, scoreRing)
	for range scoreRing {
		sl := &scoreSlots{scorers: make([]*scoring.Scorer, scoreBatch), results: make([]*scoring.Scored, scoreBatch)}
		for i := range sl.scorers {
			sl.scorers[i] = scoring.NewScorer(s)
		}
		free <- sl
	}
	work := make(chan *scoreJob, scoreRing)
	ordered := make(chan *scoreJob, scoreRing)
	done := make(chan struct{})
	defer close(done)
	go readJobs(src, free, work, ordered, done)
	for range workers {
		go scoreJobs(work)
	}
	for j := range ordered {
		<-j.done
		for _, r := range j.slots.results[:j.n] {
			gate.scored(r)
			if err := fn(r); err != nil {
				return err
			}
		}
		if j.err != nil {
			return j.err
		}
		if errors.Is(j.readErr, io.EOF) {
			return nil
		}
		if j.readErr != nil {
			return j.readErr
		}
		clear(j.slots.results)
		free <- j.slots
	}
	return nil
}

// readJobs reads src into batches, each in a free slot of the ring, and
// hands every batch both to the workers and, in order, to the renderer.
func readJobs(src *source, free chan *scoreSlots, work, ordered chan<- *scoreJob, done <-chan struct{}) {
	defer close(ordered)
	defer close(work)
	defer src.Close()
	for {
		var sl *scoreSlots
		select {
		case sl = <-free:
		case <-done:
			return
		}
		j := &scoreJob{recs: make([]*inputs.Record, 0, scoreBatch), slots: sl, done: make(chan struct{})}
		for len(j.recs) < scoreBatch && j.readErr == nil {
			rec, err := src.Next()
			if err != nil {
				j.readErr = err
				break
			}
			j.recs = append(j.recs, rec)
		}
		// Both channels hold the whole ring, so neither send blocks.
		work <- j
		ordered <- j
		if j.readErr != nil {
			return
		}
	}
}

// scoreJobs scores the batches of work until it is closed, each record
// with its slot's own Scorer.
func scoreJobs(work <-chan *scoreJob) {
	for j := range work {
		for i, rec := range j.recs {
			r, err := j.slots.scorers[i].Score(rec)
			if err != nil {
				j.err = err
				break
			}
			j.slots.results[i] = r
			j.n++
		}
		close(j.done)
	}
}
