package scoring

import (
	"countyscore/criteria"
	"countyscore/exact"
)

// The plan's points and verdict after its actions. Scoring the changed
// record in full costs as much as the subject's own score, and most of it
// would score again indicators the plan leaves alone. Each measure belongs
// to one indicator or prerequisite (NewPlanner refuses a set where it does
// not), so an indicator's result after the plan is the engine's own
// scoring of it with its chosen option's changes, which weigh already did,
// or, for an indicator left alone, its result in the subject's own score.
// afterScore puts those together as Scorer.Score does: the category sums
// in the set's order, the gates, and the verdict by scoredVerdict.
//
// It covers the subject whose every item applies under an unweighted set,
// where the score is the plain sum of the indicators' points; otherwise
// (an item not applicable, whose policy rescales) the plan scores the
// changed record in full. Tests replay every plan's actions through the
// Scorer and compare (TestPlanAfterMatchesRescore, checkAgainstSearch).

// afterPoints is what an option's scoring found that the plan's verdict
// needs: the gates, beyond its points.
type afterPoints struct {
	scored      bool   // scored with the option's changes; else the subject's own result stands
	status      string // the indicator's status with them
	vetoed      bool   // a veto requirement is not met
	vetoMissing bool   // a veto requirement's value is missing
	missing     bool   // a value the indicator needs is missing
}

// afterScore is the subject's score with the plan's actions made on p.vals,
// derived as the comment above says; false when it cannot be, and the
// caller scores the changed record. The result lives in the planner's
// memory until the next plan.
func (p *Planner) afterScore(before *Scored) (*Scored, bool, error) {
	s := p.set
	if len(before.NotApplicable) > 0 || s.Weighted() || before.RawPoints != nil {
		return nil, false, nil
	}
	a := p.after.start(s)
	critical := tallyPrerequisites(s, p.vals, a)
	for i := range s.Indicators {
		res := &before.Indicators[i]
		pts, status := res.Points.V, res.Status
		vetoed, missing, vetoMissing := status == StatusVetoed, status == StatusMissing, false
		if opt := p.chosen[i]; opt != nil && opt.state&optScored != 0 {
			after := opt.afterPoints()
			pts, status = opt.points(), after.status
			vetoed, missing, vetoMissing = after.vetoed, after.missing, after.vetoMissing
		} else if vetoed || missing {
			// Left alone, but its result does not say all the gates need
			// (a veto hides a missing value; which requirement misses one):
			// the engine scores it again, on values the plan left as they
			// were.
			r, ev, err := p.score(&p.inds[i])
			if err != nil {
				return nil, false, err
			}
			pts, status = r.Points.V, r.Status
			vetoed, missing, vetoMissing = ev.vetoed, len(p.missing) > 0, ev.vetoMissing
		}
		critical = p.after.tally(s, i, pts, status, afterPoints{vetoed: vetoed, missing: missing, vetoMissing: vetoMissing}) || critical
	}
	p.after.finish(s, critical)
	return &p.after.r, true, nil
}

// derived is a score put together from its indicators' results, as
// Scorer.Score puts it together, for a subject whose every item applies
// under an unweighted set: the category sums in the set's order, the
// gates, and the verdict by scoredVerdict. It is the planner's memory,
// reused from subject to subject.
type derived struct {
	r    Scored
	cats []exact.Decimal
}

// start empties d for a subject of s.
func (d *derived) start(s *criteria.Set) *Scored {
	a := &d.r
	a.VetoFailures = a.VetoFailures[:0]
	a.BaselineFailures = a.BaselineFailures[:0]
	a.PrerequisitesUnmet = a.PrerequisitesUnmet[:0]
	a.RawPoints, a.ApplicableMax, a.NotApplicable, a.lineNum, a.lineDen = nil, nil, nil, exact.Zero, exact.Zero
	if cap(d.cats) < len(s.Categories) {
		d.cats = make([]exact.Decimal, len(s.Categories))
	}
	d.cats = d.cats[:len(s.Categories)]
	for i := range d.cats {
		d.cats[i] = exact.Zero
	}
	return a
}

// tally adds indicator i, of pts points and status, with the gates g
// says (its vetoed, missing and vetoMissing), and reports whether a
// missing value of it is critical, as Scorer.Score counts them.
func (d *derived) tally(s *criteria.Set, i int, pts exact.Decimal, status string, g afterPoints) bool {
	ind := &s.Indicators[i]
	a := &d.r
	if g.vetoed {
		a.VetoFailures = append(a.VetoFailures, ind.ID)
	}
	if ind.Baseline && !g.missing && (pts.Cmp(ind.Points.V) < 0 || status == StatusUnmet || g.vetoed && ind.Points.V.IsZero()) {
		a.BaselineFailures = append(a.BaselineFailures, ind.ID)
	}
	d.cats[ind.CategoryIdx] = add(d.cats[ind.CategoryIdx], pts)
	return g.missing && (ind.Baseline || g.vetoMissing)
}

// finish adds up the categories and gives the verdict.
func (d *derived) finish(s *criteria.Set, critical bool) {
	total := exact.Zero
	for _, c := range d.cats {
		total = add(total, c)
	}
	d.r.Points = N(total)
	d.r.Verdict = scoredVerdict(s, &d.r, critical)
}
