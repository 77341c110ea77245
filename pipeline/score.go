package pipeline

import (
	"countyscore/criteria"
	"countyscore/inputs"
	"countyscore/scoring"
	"runtime"
)

// Score evaluates the subjects in files under s: a *ScoredRun for a
// scored standard (streamed: reading and scoring happen as it is
// rendered), a *QuotaRun for a target plan (every subject at once, since
// the city-wide rows need the counties' values). gate, when not nil, sees
// every result.
func Score(s *criteria.Set, files []string, warns *inputs.Warnings, gate *Gate, opts ...Option) (Document, error) {
	c := configure(opts)
	if !s.IsScored() {
		run, err := evaluateQuotas(s, files, warns, c)
		if err != nil {
			return nil, err
		}
		for _, r := range run.Results {
			gate.quotas(r)
		}
		return run, nil
	}
	var how []scoring.ScorerOption
	if c.noShortfalls {
		how = append(how, scoring.NoShortfalls())
	}
	// records reads the run's files a batch ahead, in a goroutine of its
	// own, and hands the batches to use.
	records := func(use func(batches <-chan recordBatch) error) error {
		batches := make(chan recordBatch, 4)
		done := make(chan struct{})
		defer close(done)
		src := open(s, files, warns, c)
		go readBatches(src, batches, done)
		if err := use(batches); err != nil {
			return err
		}
		c.end()
		runtime.KeepAlive(src) // the duplicate check lives until the heap profile
		return nil
	}
	return &ScoredRun{Set: s, gate: gate, records: records, scoring: how, each: func(fn func(*scoring.Scored) error) error {
		return records(func(batches <-chan recordBatch) error {
			scorer := scoring.NewScorer(s, how...) // each result is rendered before the next is scored
			for b := range batches {
				for _, rec := range b.recs {
					r, err := scorer.Score(rec)
					if err != nil {
						return err
					}
					gate.scored(r)
					if err := fn(r); err != nil {
						return err
					}
				}
				if b.err != nil {
					return b.err
				}
			}
			return nil
		})
	}}, nil
}

// evaluateQuotas reads and evaluates a whole quota run, roll-up included.
func evaluateQuotas(s *criteria.Set, files []string, warns *inputs.Warnings, c config) (*QuotaRun, error) {
	recs, err := readAll(s, files, warns, c)
	if err != nil {
		return nil, err
	}
	results, err := scoring.EvaluateQuotas(s, recs, warns)
	if err != nil {
		return nil, err
	}
	return &QuotaRun{Set: s, Results: results, Rollup: scoring.Rollup(s, recs, results)}, nil
}

// ScoreRecords evaluates records already in hand (a what-if run, a test)
// exactly as Score evaluates files. A scored run re-scores the records
// each time it is rendered.
func ScoreRecords(s *criteria.Set, recs []*inputs.Record, warns *inputs.Warnings) (Document, error) {
	if !s.IsScored() {
		results, err := scoring.EvaluateQuotas(s, recs, warns)
		if err != nil {
			return nil, err
		}
		return &QuotaRun{Set: s, Results: results, Rollup: scoring.Rollup(s, recs, results)}, nil
	}
	return &ScoredRun{Set: s, each: func(fn func(*scoring.Scored) error) error {
		scorer := scoring.NewScorer(s)
		for _, rec := range recs {
			r, err := scorer.Score(rec)
			if err != nil {
				return err
			}
			if err := fn(r); err != nil {
				return err
			}
		}
		return nil
	}}, nil
}
