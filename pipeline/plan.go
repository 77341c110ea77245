package pipeline

import (
	"fmt"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
	"countyscore/scoring"
)

// PlanRun is, per subject, the least it must change to reach a line of a
// scored standard with every gate cleared, or what it still owes under a
// target plan. Plans stream like a scored run: one subject at a time.
type PlanRun struct {
	Set   *criteria.Set
	Line  *exact.Decimal // the line asked for; nil: each subject's next line
	Costs *inputs.Costs  // nil: the fewest changes
	each  func(fn func(*scoring.Plan) error, transient bool) error
}

// Each calls fn with every subject's plan in input order.
func (r *PlanRun) Each(fn func(*scoring.Plan) error) error { return r.each(fn, false) }

// EachTransient is Each for a caller done with each plan when fn returns
// (it writes the plan out and keeps nothing of it): the plans after it
// may reuse its memory.
func (r *PlanRun) EachTransient(fn func(*scoring.Plan) error) error { return r.each(fn, true) }

func (*PlanRun) Kind() string { return KindPlan }

// PlanRequest is what a plan is asked to reach, and at what price.
type PlanRequest struct {
	Line  *exact.Decimal // nil: the next line above each subject's verdict
	Costs *inputs.Costs  // nil: minimise the number of changes
}

// ErrLine is a line no subject can aim at (negative, or above the set's
// maximum points); the command names its flag.
var ErrLine = scoring.ErrLine

// Plan reads files under s and plans each subject.
func Plan(s *criteria.Set, files []string, warns *inputs.Warnings, req PlanRequest, opts ...Option) (*PlanRun, error) {
	c := configure(opts)
	run := &PlanRun{Set: s, Line: req.Line, Costs: req.Costs}
	if !s.IsScored() {
		q, err := evaluateQuotas(s, files, warns, c)
		if err != nil {
			return nil, err
		}
		plans, err := scoring.PlanQuotas(s, q.Results)
		if err != nil {
			return nil, err
		}
		for i, p := range plans {
			p.Assumed = nonNil(q.Results[i].Assumed)
		}
		run.each = func(fn func(*scoring.Plan) error, _ bool) error {
			for _, p := range plans {
				if err := fn(p); err != nil {
					return err
				}
			}
			return nil
		}
		return run, nil
	}
	if _, err := scoring.NewPlanner(s); err != nil {
		return nil, err // refused before any file is read
	}
	if req.Line != nil && (req.Line.IsNeg() || req.Line.Cmp(s.MaxPoints.V) > 0) {
		return nil, fmt.Errorf("%w: %s is outside 0–%s, the points %s gives", ErrLine, exact.String(*req.Line), s.MaxPoints, s.ID)
	}
	plan := func(planner *scoring.Planner, rec *inputs.Record) (*scoring.Plan, error) {
		var p *scoring.Plan
		var err error
		if req.Line != nil {
			p, err = planner.Plan(rec, *req.Line, req.Costs)
		} else {
			p, err = planner.PlanNext(rec, req.Costs)
		}
		if err != nil {
			return nil, err
		}
		p.Assumed = nonNil(rec.Assumed)
		inputs.Release(rec) // a plan copies what it keeps: later rows are read into rec
		return p, nil
	}
	run.each = func(fn func(*scoring.Plan) error, transient bool) error {
		return eachPlan(s, open(s, files, warns, c), plan, fn, transient)
	}
	return run, nil
}
