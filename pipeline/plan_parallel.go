package pipeline

import (
	"runtime"

	"countyscore/criteria"
	"countyscore/inputs"
	"countyscore/scoring"
)

// planFunc plans one record with a planner of the worker's own.
type planFunc func(p *scoring.Planner, rec *inputs.Record) (*scoring.Plan, error)

// plannedBatch is a batch's plans, in its records' order, and the error
// that stopped it (a planning error after the plans before it, or the
// reading error that ended the batch).
type plannedBatch struct {
	plans []*scoring.Plan
	err   error
	// panicked is what a worker's planning panicked with (a defect): the
	// reader of the batches panics with it again, on its own goroutine,
	// after the plans before it, where the command turns it into an
	// internal error as on one core.
	panicked any
}

// planJob is one batch for a worker, and where its plans go.
type planJob struct {
	batch recordBatch
	out   chan plannedBatch
}

// eachPlan calls fn with the plan of every record of src, in input order.
// Planning is the costly part of a plan run, and each subject's plan
// depends on that subject alone, so with more than one core it runs on a
// worker per core, each with a Planner of its own, a batch at a time; the
// batches' plans are handed to fn in the order they were read. On one
// core it plans as it reads, with nothing in between, and when transient
// (fn keeps nothing of a plan) each plan reuses the last one's memory.
func eachPlan(s *criteria.Set, src *source, plan planFunc, fn func(*scoring.Plan) error, transient bool) error {
	workers := runtime.GOMAXPROCS(0)
	if workers <= 1 {
		p, err := scoring.NewPlanner(s)
		if err != nil {
			return err
		}
		return eachRecord(src, func(rec *inputs.Record) error {
			pl, err := plan(p, rec)
			if err != nil {
				return err
			}
			if err := fn(pl); err != nil {
				return err
			}
			if transient {
				p.Recycle()
			}
			return nil
		})
	}
	planners := make([]*scoring.Planner, workers)
	for i := range planners {
		p, err := scoring.NewPlanner(s)
		if err != nil {
			return err
		}
		planners[i] = p
	}
	batches := make(chan recordBatch, 4)
	done := make(chan struct{})
	defer close(done)
	go readBatches(src, batches, done)

	jobs := make(chan planJob)
	pending := make(chan chan plannedBatch, workers+1) // results, in reading order
	for _, p := range planners {
		go func() {
			for j := range jobs {
				j.out <- planBatch(p, j.batch, plan)
			}
		}()
	}
	go func() {
		defer close(jobs)
		defer close(pending)
		for b := range batches {
			out := make(chan plannedBatch, 1)
			select {
			case pending <- out:
			case <-done:
				return
			}
			select {
			case jobs <- planJob{batch: b, out: out}:
			case <-done:
				return
			}
		}
	}()
	for out := range pending {
		pb := <-out
		for _, pl := range pb.plans {
			if err := fn(pl); err != nil {
				return err
			}
		}
		if pb.panicked != nil {
			panic(pb.panicked)
		}
		if pb.err != nil {
			return pb.err
		}
	}
	return nil
}

// planBatch plans a batch's records in order, stopping at the first error.
func planBatch(p *scoring.Planner, b recordBatch, plan planFunc) (out plannedBatch) {
	out.plans = make([]*scoring.Plan, 0, len(b.recs))
	defer func() {
		if v := recover(); v != nil {
			out.panicked = v // after the plans before it, as on one core
		}
	}()
	for _, rec := range b.recs {
		pl, err := plan(p, rec)
		if err != nil {
			out.err = err
			return out
		}
		out.plans = append(out.plans, pl)
	}
	out.err = b.err
	return out
}
