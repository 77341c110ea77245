package scoring

import "countyscore/exact"

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
	a := &p.after
	a.VetoFailures = a.VetoFailures[:0]
	a.BaselineFailures = a.BaselineFailures[:0]
	a.PrerequisitesUnmet = a.PrerequisitesUnmet[:0]
	a.RawPoints, a.lineNum, a.lineDen = nil, exact.Zero, exact.Zero
	critical := false
	for _, pr := range s.Prerequisites {
		v := p.vals[pr.Measure]
		switch {
		case !v.Given:
			critical = true
		case !v.Bool:
			a.PrerequisitesUnmet = append(a.PrerequisitesUnmet, pr.ID)
		}
	}
	if cap(p.catPts) < len(s.Categories) {
		p.catPts = make([]exact.Decimal, len(s.Categories))
	}
	cats := p.catPts[:len(s.Categories)]
	for i := range cats {
		cats[i] = exact.Zero
	}
	for i := range s.Indicators {
		ind := &s.Indicators[i]
		res := &before.Indicators[i]
		pts, status := res.Points.V, res.Status
		vetoed, missing, vetoMissing := status == StatusVetoed, status == StatusMissing, false
		if o := p.chosen[i]; o >= 0 && p.opts[o].after.scored {
			opt := &p.opts[o]
			pts, status = opt.points, opt.after.status
			vetoed, missing, vetoMissing = opt.after.vetoed, opt.after.missing, opt.after.vetoMissing
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
		if missing && (ind.Baseline || vetoMissing) {
			critical = true
		}
		if vetoed {
			a.VetoFailures = append(a.VetoFailures, ind.ID)
		}
		if ind.Baseline && !missing && (pts.Cmp(ind.Points.V) < 0 || status == StatusUnmet || vetoed && ind.Points.V.IsZero()) {
			a.BaselineFailures = append(a.BaselineFailures, ind.ID)
		}
		cats[ind.CategoryIdx] = add(cats[ind.CategoryIdx], pts)
	}
	total := exact.Zero
	for _, c := range cats {
		total = add(total, c)
	}
	a.Points = N(total)
	a.Verdict = scoredVerdict(s, a, critical)
	return a, true, nil
}
