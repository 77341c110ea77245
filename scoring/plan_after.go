package scoring

import (
	"fmt"

	"github.com/govalues/decimal"

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

// afterPoints is what an indicator's scoring found, beyond its points,
// that a plan's verdict needs: its status and gates, which keepResult
// packs into a memoResult.
type afterPoints struct {
	status      string // the indicator's status
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
	derivedBefore := before == &p.bef.r
	for i := range s.Indicators {
		var r memoResult
		switch opt := p.chosen[i]; {
		case opt != nil && opt.state&optScored != 0:
			r = memoResult{coef: opt.pts, meta: opt.pmeta, state: opt.state}
		case derivedBefore:
			// Left alone: its result in the subject's own score, gates and
			// all, as beforeScore found it.
			r = p.befRes[i]
		default:
			res := &before.Indicators[i]
			g := afterPoints{status: res.Status}
			if res.Status == StatusVetoed || res.Status == StatusMissing {
				// Left alone, but its result does not say all the gates
				// need (a veto hides a missing value; which requirement
				// misses one): the engine scores it again, on values the
				// plan left as they were.
				sc, ev, err := p.score(&p.inds[i])
				if err != nil {
					return nil, false, err
				}
				res = &sc
				g = afterPoints{status: sc.Status, vetoed: ev.vetoed, missing: len(p.missing) > 0, vetoMissing: ev.vetoMissing}
			}
			var ok bool
			if r, ok = keepResult(res.Points.V, g); !ok {
				return nil, false, nil
			}
		}
		critical = p.after.tally(s, i, &r) || critical
	}
	p.after.finish(s, critical)
	return &p.after.r, true, nil
}

// derived is a score put together from its indicators' results, as
// Scorer.Score puts it together, for a subject whose every item applies
// under an unweighted set: the sum of the points (in any order: exact
// sums do not depend on it, nor does their scale, the largest of any
// addend's), the gates, and the verdict by scoredVerdict. It is the
// planner's memory, reused from subject to subject.
type derived struct {
	r   Scored
	sum pointSum
}

// start empties d for a subject of s.
func (d *derived) start(s *criteria.Set) *Scored {
	a := &d.r
	a.VetoFailures = a.VetoFailures[:0]
	a.BaselineFailures = a.BaselineFailures[:0]
	a.PrerequisitesUnmet = a.PrerequisitesUnmet[:0]
	a.RawPoints, a.ApplicableMax, a.NotApplicable, a.lineNum, a.lineDen = nil, nil, nil, exact.Zero, exact.Zero
	d.sum = pointSum{}
	return a
}

// tally adds indicator i, of the result r (its points, status and
// gates), and reports whether a missing value of it is critical, as
// Scorer.Score counts them.
func (d *derived) tally(s *criteria.Set, i int, r *memoResult) bool {
	ind := &s.Indicators[i]
	a := &d.r
	vetoed, missing := r.state&gateVetoed != 0, r.state&gateMissing != 0
	if vetoed {
		a.VetoFailures = append(a.VetoFailures, ind.ID)
	}
	if ind.Baseline && !missing {
		full, fullMeta := exact.Pack(ind.Points.V)
		if cmpPacked(r.coef, r.meta, full, fullMeta) < 0 || r.state&statusBits == unmetPlace || vetoed && full == 0 {
			a.BaselineFailures = append(a.BaselineFailures, ind.ID)
		}
	}
	d.sum.add(r.coef, r.meta)
	return missing && (ind.Baseline || r.state&gateVetoMissing != 0)
}

// finish adds up the points and gives the verdict.
func (d *derived) finish(s *criteria.Set, critical bool) {
	d.r.Points = N(d.sum.total())
	d.r.Verdict = scoredVerdict(s, &d.r, critical)
}

// pointSum adds points packed as coefficient and meta (exact.Pack) in
// integers, in millionths, while they are small; then in decimals. Its
// total is the exact sum, of the scale of its addend of most decimals,
// as adding the decimals gives it.
type pointSum struct {
	u     int64 // millionths
	scale int   // the most decimals of an addend
	big   bool  // an addend was too large or fine: d holds the sum
	d     exact.Decimal
}

func (s *pointSum) add(coef uint64, meta uint8) {
	scale := int(meta & 0x7f)
	if !s.big && scale <= 6 && coef < 1<<32 {
		u := int64(coef) * exact.Pow10[6-scale] // below 2^52: thousands of addends fit
		if meta&0x80 != 0 {
			u = -u
		}
		s.u, s.scale = s.u+u, max(s.scale, scale)
		return
	}
	if !s.big {
		s.d, s.big = s.total(), true
	}
	s.d = add(s.d, exact.Unpack(coef, meta))
}

func (s *pointSum) total() exact.Decimal {
	if s.big {
		return s.d
	}
	d, err := decimal.New(s.u/exact.Pow10[6-s.scale], s.scale)
	if err != nil { // not with the bounds add keeps
		panic(fmt.Sprintf("points overflow: %d millionths", s.u))
	}
	return d
}
