package scoring

import "countyscore/criteria"

// NewPlainPlanner is a planner without its shortcuts: it weighs every
// indicator's options afresh for every subject, and chooses with its table
// of cells, never of packed numbers; tests compare it with the planner.
func NewPlainPlanner(s *criteria.Set) (*Planner, error) {
	p, err := NewPlanner(s)
	if err != nil {
		return nil, err
	}
	p.memo.off, p.unpacked = true, true
	return p, nil
}
