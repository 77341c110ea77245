package scoring

import (
	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
)

// The subject's own score, which the plan starts from. Scorer.Score
// builds all of it (shortfalls, missing values, the next line) for every
// indicator; the plan needs each indicator's points, status and gates,
// and the total and verdict. Under a set where no item can be not
// applicable and no category weighs, beforeScore puts those together from
// the engine's scoring of each indicator (derived, as afterScore does),
// and keeps each indicator's result per class of values of its measures
// (or per values), as the options are kept (weighOptions): most subjects
// share most of them.
// Otherwise, or when an indicator's scoring fails (the Scorer then says
// why, naming the subject), the Scorer scores the record.

// memoResult is what the plan reads of an indicator's result for one set
// of values: its points, status and gates, in 16 bytes: a plan looks up
// some 37 of them a subject, most of them out of the processor's cache.
type memoResult struct {
	coef  uint64 // the points, packed (exact.Pack)
	meta  uint8
	state uint8 // its status's place in statuses, and its gates (gate*)
	opts  int32 // its options' entry in indMemo.entries, or -1 until weighed
}

// statuses are the statuses an indicator's result can have.
var statuses = [...]string{StatusMet, StatusPartial, StatusUnmet, StatusMissing, StatusBonus, StatusVetoed, StatusNA}

// statusBits are a memoResult's state's bits of its status's place in
// statuses; unmetPlace is StatusUnmet's.
const (
	statusBits = 0x7
	unmetPlace = 2
)

// The gates of a memoResult, above its status's place, and, for an
// indicator keyed by class (classResult), whether every condition held.
const (
	resHeld         = 1 << 4
	gateVetoed      = 1 << 5
	gateVetoMissing = 1 << 6
	gateMissing     = 1 << 7
)

// keepResult is the memoResult of points and g (a scored result), or
// false when its status is not one of statuses.
func keepResult(points exact.Decimal, g afterPoints) (memoResult, bool) {
	k := 0
	for k < len(statuses) && statuses[k] != g.status {
		k++
	}
	if k == len(statuses) {
		return memoResult{}, false
	}
	m := memoResult{state: uint8(k), opts: -1}
	m.coef, m.meta = exact.Pack(points)
	if g.vetoed {
		m.state |= gateVetoed
	}
	if g.vetoMissing {
		m.state |= gateVetoMissing
	}
	if g.missing {
		m.state |= gateMissing
	}
	return m, true
}

// beforeScore is rec's score, as the plan needs it; it sets p.vals to
// rec's values. The result lives until the next plan.
func (p *Planner) beforeScore(rec *inputs.Record, costs *inputs.Costs) (*Scored, error) {
	s := p.set
	p.orig, p.vals = rec.Values, append(p.vals[:0], rec.Values...)
	if len(p.entryOf) != len(p.inds) {
		p.entryOf = make([]int32, len(p.inds))
	}
	if len(p.holdMark) != len(p.inds) {
		p.holdMark = make([]int8, len(p.inds))
	}
	for i := range p.entryOf {
		p.entryOf[i], p.holdMark[i] = -1, 0
	}
	if p.plainBefore || s.HasNA() || s.Weighted() {
		return p.sc.Score(rec)
	}
	p.memo.prepare(p, costs)
	d := &p.bef
	a := d.start(s)
	if len(a.Indicators) != len(s.Indicators) {
		a.Indicators = make([]Indicator, len(s.Indicators))
		for i := range a.Indicators {
			a.Indicators[i].ID, a.Indicators[i].MaxPoints = s.Indicators[i].ID, N(s.Indicators[i].Points.V)
		}
		p.befRes = make([]memoResult, len(s.Indicators))
	}
	a.Subject, a.Illustrative, a.MaxPoints = rec.Subject, rec.Illustrative, N(s.MaxPoints.V)
	critical := tallyPrerequisites(s, p.vals, a)
	for i := range p.inds {
		r, ok := p.indicatorResult(&p.inds[i])
		if !ok {
			return p.sc.Score(rec)
		}
		p.befRes[i] = r
		ind := &a.Indicators[i]
		ind.Points, ind.Status = N(exact.Unpack(r.coef, r.meta)), statuses[r.state&statusBits]
		critical = d.tally(s, i, &r) || critical
	}
	d.finish(s, critical)
	return a, nil
}

// indicatorResult scores ip on p.vals, or finds its result kept for
// these values, and notes where in p.entryOf; false when the engine's
// scoring fails (or gives a status a plan cannot keep).
//
// An indicator without any/all or thresholds whose every condition holds
// scores the same whatever its values: nothing is short, missing or
// unmet, and its rule starts from nothing deducted. Its result is kept
// once, the first time the engine scores it so.
func (p *Planner) indicatorResult(ip *indPlan) (memoResult, bool) {
	im := &p.memo.inds[ip.i]
	if im.byClass && im.resOn {
		if key, fits := classKey(ip.classes, p.vals); fits {
			return p.classResult(ip, im, key)
		}
	}
	held := false
	if !ip.compound && !p.memo.off {
		held = !p.short(ip)
		p.holdMark[ip.i] = 1
		if held {
			p.holdMark[ip.i] = 2
		}
	}
	if held && im.heldOK {
		return im.held, true
	}
	key, fits := p.valueKey(ip)
	fits = fits && im.resOn
	fits = fits && !held
	if fits {
		im.resLooks++
		if k, ok := im.res.find(key); ok {
			im.resFound++
			p.entryOf[ip.i] = k
			return *im.res.at(k), true
		}
	}
	mr, ok := p.scoreResult(ip)
	if !ok {
		return mr, false
	}
	if held {
		im.held, im.heldOK = mr, true
		return mr, true
	}
	if fits {
		switch {
		case rarelyFound(im.res.n, im.resFound, im.resLooks):
			im.resOn, im.res = false, keyIndex[memoResult]{} // values rarely repeat: let them go
		case im.res.n < maxMemo:
			p.entryOf[ip.i] = im.res.put(key, mr)
		}
	}
	return mr, true
}

// scoreResult is the engine's scoring of ip on p.vals, as a plan keeps
// it; false when the scoring fails or gives a status a plan cannot keep.
func (p *Planner) scoreResult(ip *indPlan) (memoResult, bool) {
	r, ev, err := p.score(ip)
	if err != nil {
		return memoResult{}, false
	}
	return keepResult(r.Points.V, afterPoints{status: r.Status, vetoed: ev.vetoed, vetoMissing: ev.vetoMissing, missing: len(p.missing) > 0})
}

// classResult is indicatorResult for an indicator keyed by the classes
// of its values, key: the class says also whether every condition holds,
// so the result kept for it says so too.
func (p *Planner) classResult(ip *indPlan, im *indMemo, key uint64) (memoResult, bool) {
	if k, ok := im.res.find(key); ok {
		mr := im.res.at(k)
		p.entryOf[ip.i], p.holdMark[ip.i] = k, 1+int8(mr.state&resHeld>>4)
		return *mr, true
	}
	held := !p.short(ip)
	mr, ok := p.scoreResult(ip)
	if !ok {
		return mr, false
	}
	p.holdMark[ip.i] = 1
	if held {
		p.holdMark[ip.i] = 2
	}
	if im.res.n < maxMemo {
		kept := mr
		if held {
			kept.state |= resHeld
		}
		p.entryOf[ip.i] = im.res.put(key, kept)
	}
	return mr, true
}

// tallyPrerequisites notes in a the prerequisites vals leave unmet and
// reports whether one is missing (a gate left open), as Score does for a
// set with nothing that may not apply.
func tallyPrerequisites(s *criteria.Set, vals []inputs.Value, a *Scored) (critical bool) {
	for _, pr := range s.Prerequisites {
		v := vals[pr.Measure]
		switch {
		case !v.Given:
			critical = true
		case !v.Bool:
			a.PrerequisitesUnmet = append(a.PrerequisitesUnmet, pr.ID)
		}
	}
	return critical
}
