package scoring

import "countyscore/criteria"

// NewPlainPlanner is a planner without its shortcuts: the Scorer scores
// every subject, every indicator's options are weighed afresh, and it
// chooses with its table of cells, never of packed numbers; tests compare
// it with the planner.
func NewPlainPlanner(s *criteria.Set) (*Planner, error) {
	p, err := NewPlanner(s)
	if err != nil {
		return nil, err
	}
	p.memo.off, p.unpacked, p.plainBefore = true, true, true
	return p, nil
}

// NewPlainStandingScorer is a StandingOnly Scorer without its memory of
// standings per class of values: it scores every indicator afresh.
func NewPlainStandingScorer(s *criteria.Set) *Scorer {
	sc := NewScorer(s, StandingOnly())
	sc.memo = nil
	return sc
}
