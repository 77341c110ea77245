package scoring

import "countyscore/criteria"

// NewPlannerWithoutMemo is a planner that weighs every indicator's options
// afresh for every subject, for tests that compare it with the memory.
func NewPlannerWithoutMemo(s *criteria.Set) (*Planner, error) {
	p, err := NewPlanner(s)
	if err != nil {
		return nil, err
	}
	p.memo.off = true
	return p, nil
}
