package scoring

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
)

// Reasons an action is in a plan.
const (
	ReasonVeto         = "veto"         // a veto requirement does not hold
	ReasonPrerequisite = "prerequisite" // a prerequisite is not met
	ReasonBaseline     = "baseline"     // a baseline indicator is below its full points
	ReasonMissing      = "missing"      // a gating value (veto, baseline, prerequisite) is not given
	ReasonPoints       = "points"       // the change earns points towards the line
	ReasonQuota        = "quota"        // a quota target not yet delivered
)

// ErrLine is a plan line that no subject can aim at: negative or above the
// set's maximum points. The caller names the flag.
var ErrLine = errors.New("line out of range")

// Plan is the least a subject must change to reach a points line with
// every gate cleared, or, for a target plan, what it still owes.
type Plan struct {
	Subject      string   `json:"subject"`
	Illustrative bool     `json:"illustrative"`
	Line         *Number  `json:"line"`                   // null for a quota plan
	LineVerdict  string   `json:"line_verdict,omitempty"` // the verdict the line earns
	Reachable    bool     `json:"reachable"`
	Actions      []Action `json:"actions"`
	Changes      int      `json:"changes"`        // measures changed
	Cost         *Number  `json:"cost,omitempty"` // total, when costs were given
	// Points and verdict now and after the actions, both from the scorer.
	PointsBefore  *Number `json:"points_before"` // null for a quota plan
	VerdictBefore string  `json:"verdict_before"`
	PointsAfter   *Number `json:"points_after"` // null for a quota plan
	VerdictAfter  string  `json:"verdict_after"`
	// BestPoints is set when the line cannot be reached: the most points
	// that can, which is what the actions then reach.
	BestPoints *Number `json:"best_points,omitempty"`
	// Assumed lists the measures whose values came from --set, not from the
	// subject's file; the caller fills it (inputs.ApplyOverrides).
	Assumed []string `json:"assumed"`
	// Unknown lists, for a quota plan, the values without which a target
	// cannot be known (population, a base value).
	Unknown []string `json:"unknown,omitempty"`
}

// Action is one change of one measure.
type Action struct {
	Measure   string  `json:"measure"`
	Indicator string  `json:"indicator"` // indicator, prerequisite or quota ID
	From      *Scalar `json:"from"`      // null when the value is missing
	To        Scalar  `json:"to"`        // in the measure's own unit
	// PointsGained is on the conservative reading, with the plan's actions
	// applied in their order: two changes an all-or-nothing indicator needs
	// both show the points on the second.
	PointsGained Number  `json:"points_gained"`
	Reason       string  `json:"reason"`
	Cost         *Number `json:"cost,omitempty"` // when costs were given
	// Quota plans: how much is still to deliver, when it falls due as the
	// criteria say it, and the year it is due by.
	Amount *Number `json:"amount,omitempty"`
	Due    string  `json:"due,omitempty"`
	Year   int     `json:"year,omitempty"`
}

// DefaultLine is the line a plan aims at when none is asked for: the lowest
// line above the verdict sc holds, so a subject held back by a gate aims at
// the lowest line, one below every line at the lowest, and one at a line at
// the next. A subject at the top line aims at the top line. It returns
// false for a set without lines.
func DefaultLine(s *criteria.Set, sc *Scored) (exact.Decimal, bool) {
	if len(s.Lines) == 0 {
		return exact.Zero, false
	}
	for i, l := range s.Lines {
		if l.Verdict == sc.Verdict {
			if i+1 < len(s.Lines) {
				return s.Lines[i+1].Points.V, true
			}
			return l.Points.V, true
		}
	}
	return s.Lines[0].Points.V, true
}

// lineVerdict is the verdict points at line earn once every gate is clear.
func lineVerdict(s *criteria.Set, line exact.Decimal) string {
	v := s.BelowVerdict
	for _, l := range s.Lines {
		if line.Cmp(l.Points.V) >= 0 {
			v = l.Verdict
		}
	}
	return v
}

// gateVerdict reports whether v is a verdict a gate gives, before points.
func gateVerdict(v string) bool {
	switch v {
	case Vetoed, PrerequisitesUnmet, BaselineUnmet, Incomplete:
		return true
	}
	return false
}

// Planner plans subject after subject under one scored set. What depends
// only on the criteria (each indicator's conditions, gates and step
// levels) is laid out once by NewPlanner; each Plan reuses the planner's
// memory, so a Planner is not for concurrent use. Every option it weighs
// is scored by the engine's own indicator scoring, and the plan's points
// and verdict come from scoring the changed record in full: there is no
// second copy of the rules to drift.
type Planner struct {
	set  *criteria.Set
	sc   *Scorer
	inds []indPlan

	// scratch, reused from subject to subject
	before  *Scored        // the subject's own score, valid until the plan's last scoring
	orig    []inputs.Value // the subject's own values (its record's), which every change starts from
	vals    []inputs.Value
	slots   []slots // per indicator, as the Scorer keeps them
	missing []string
	chg     []change
	opts    []option
	bounds  []bound
	veto    []bound // the veto bounds of the indicator being weighed
	keep    []option
	items   []item
	chosen  []*option // per indicator: its option (in opts or a memory), or nil for none
	dp, ndp []cell
	pick    []int16
	reqs    []reqFix
	reqChg  []change // a checklist's changes, per requirement
	levels  [][]int
	failing []int           // a checklist's failing requirements
	lv      []exact.Decimal // a proportional rule's points per condition
	want    []exact.Decimal // its levels to weigh
	smeas   []int           // a searched checklist's measures
	svals   []inputs.Value  // their values to try
	sidx    []int           // per measure, its values' span in svals
	at      []int           // a linear rule's step level per short condition
	after   derived         // the score after the plan, when derived (afterScore)
	bef     derived         // the subject's own, when derived (beforeScore)
	befRes  []memoResult    // and its indicators' results
	entryOf []int32         // per indicator, its kept result's slot (indMemo.res), or -1
	// holdMark is, per indicator, what beforeScore found of short: 0 not
	// looked, 1 short, 2 every condition holds.
	holdMark []int8
	// plainBefore makes the Scorer score every subject (tests compare).
	plainBefore bool
	memo        optionMemo // options per indicator and values (weighOptions)
	pdp         []uint64   // choosePacked's table, two rows
	pndp        []uint64
	least       []int64  // per item, the least units of points it scores (choose)
	most        []int64  // per item, the most units it gains
	suffix      []int64  // per item, the most it and the items after it gain
	packs       []pack   // per option of the items, its gain and packed number
	actBlock    []Action // the block actions are cut from (Planner.actions)
	fromBlock   []Scalar // and the values they start from
	// unpacked makes choose use its table of cells always (tests compare).
	unpacked bool
	// last is the box of the last plan made; spare, one Recycle has let go.
	last, spare *planBox
}

// indPlan is what the planner knows of one indicator before any subject.
type indPlan struct {
	i        int // its index in the set
	ind      *criteria.Indicator
	conds    []planCond
	reqs     []reqPlan
	disjoint bool // no two requirements share a measure
	// compound marks an indicator with any/all conditions or thresholds,
	// or one that scores by value (ratio, bands): its options are weighed
	// by Planner.compound.
	compound bool
	tree     bool // any/all or thresholds in a requirement
	// meas are the measures its conditions read, each once, and memo
	// whether its options are kept per their values (weighOptions).
	meas []int
	memo bool
	// classes, when byClass, are what its options read of its values:
	// its memory is keyed on them (valueClass).
	classes []valueClass
	byClass bool
	// steps is, for a linear rule, how many started steps of shortfall
	// still cost points (⌈points ÷ deduct⌉): a condition further short
	// than that is no worse off for being further short still.
	steps int
}

type planCond struct {
	req  int
	veto bool
	c    *criteria.Condition
}

// NewPlanner prepares to plan under the scored set s. It refuses a set in
// which two indicators, or an indicator and a prerequisite, share a
// measure: the plan weighs each indicator's options on their own, which is
// exact only when a change of one cannot move another.
func NewPlanner(s *criteria.Set) (*Planner, error) {
	if !s.IsScored() {
		return nil, fmt.Errorf("plan %s: a target plan has quotas, not points; see PlanQuotas", s.ID)
	}
	if err := planRefusesWeights(s); err != nil {
		return nil, err
	}
	owner := map[int]string{}
	for _, pr := range s.Prerequisites {
		owner[pr.Measure] = pr.ID
	}
	n := len(s.Indicators)
	p := &Planner{set: s, sc: NewScorer(s), inds: make([]indPlan, n), chosen: make([]*option, n), slots: make([]slots, n)}
	for i := range s.Indicators {
		ind := &s.Indicators[i]
		ip := indPlan{i: i, ind: ind, disjoint: true}
		reqOf := map[int]int{}
		ip.compound = ind.Kind.Proportional
		for ri := range ind.Require {
			r := &ind.Require[ri]
			rp := reqPlan{veto: r.Veto, first: len(ip.conds), n: len(r.Conditions)}
			if r.Tree != nil {
				ip.compound, ip.tree = true, true
				terms, ok := condTerms(*r.Tree)
				if !ok {
					return nil, fmt.Errorf("plan %s: a requirement of %s has more than %d ways to meet its any/all conditions, too many to plan exactly", s.ID, ind.ID, maxTerms)
				}
				rp.terms = terms
			} else {
				all := make([]int, len(r.Conditions))
				for k := range all {
					all[k] = k
				}
				rp.terms = [][]int{all}
			}
			ip.reqs = append(ip.reqs, rp)
			for ci := range r.Conditions {
				c := &r.Conditions[ci]
				if o, ok := owner[c.MeasureIdx]; ok && o != ind.ID {
					return nil, fmt.Errorf("plan %s: measure %s is used by both %s and %s; a plan needs each measure in one indicator", s.ID, c.Measure, o, ind.ID)
				}
				owner[c.MeasureIdx] = ind.ID
				if prev, ok := reqOf[c.MeasureIdx]; ok && prev != ri {
					ip.disjoint = false
				}
				reqOf[c.MeasureIdx] = ri
				ip.conds = append(ip.conds, planCond{req: ri, veto: r.Veto, c: c})
				if !slices.Contains(ip.meas, c.MeasureIdx) {
					ip.meas = append(ip.meas, c.MeasureIdx)
				}
			}
		}
		if ind.Kind.Steps {
			w, err := stepsTakingAll(ind)
			if err != nil {
				return nil, fmt.Errorf("plan %s, %s: %w", s.ID, ind.ID, err)
			}
			if w > 1<<12 {
				return nil, fmt.Errorf("plan %s, %s: %s points in steps of %s are too many levels to plan", s.ID, ind.ID, ind.Points, ind.Deduct)
			}
			ip.steps = int(w)
		}
		ip.memo = memoizable(&ip)
		if ip.memo && !ip.compound {
			ip.classes, ip.byClass = valueClasses(s, ind, ip.meas, ip.conds, ip.steps)
		}
		p.inds[i] = ip
	}
	return p, nil
}

// stepsTakingAll is how many started steps of shortfall take every point
// of a linear rule, ⌈points ÷ deduct⌉ (math.MaxInt64 when more than an
// int64 holds): a condition further short is no worse off.
func stepsTakingAll(ind *criteria.Indicator) (int64, error) {
	n, err := exact.CeilDiv(ind.Points.V, ind.Deduct.V)
	if err != nil {
		return 0, err
	}
	w, _, ok := n.Int64(0)
	if !ok {
		return math.MaxInt64, nil
	}
	return w, nil
}

// Plan finds the cheapest set of changes that brings rec to line with
// every gate cleared: each prerequisite met, no veto requirement failing,
// every baseline indicator at full points, no gating value missing. Cheapest
// means the fewest measures changed, or with costs the least total cost
// (then the fewest changes). Ties go to the plan ending with more points,
// then to the earlier indicator's earlier option. When no plan reaches the
// line, the plan reaches the most points that can be reached, at least
// cost, and says so. rec is not changed.
func (p *Planner) Plan(rec *inputs.Record, line exact.Decimal, costs *inputs.Costs) (*Plan, error) {
	return p.plan(rec, &line, costs)
}

// PlanNext plans rec to the next line above the verdict it holds
// (DefaultLine; the top line for a set without one above), scoring it once
// for both the choice of line and the plan.
func (p *Planner) PlanNext(rec *inputs.Record, costs *inputs.Costs) (*Plan, error) {
	return p.plan(rec, nil, costs)
}

func (p *Planner) plan(rec *inputs.Record, to *exact.Decimal, costs *inputs.Costs) (*Plan, error) {
	s := p.set
	if len(rec.Values) != len(s.Measures) {
		return nil, fmt.Errorf("%s: %d values for %d measures", rec.Subject, len(rec.Values), len(s.Measures))
	}
	before, err := p.beforeScore(rec, costs)
	if err != nil {
		return nil, err
	}
	line := s.MaxPoints.V
	if to != nil {
		line = *to
	} else if next, ok := DefaultLine(s, before); ok {
		line = next
	}
	if line.IsNeg() || line.Cmp(s.MaxPoints.V) > 0 {
		return nil, fmt.Errorf("%w: %s is above the maximum of %s points", ErrLine, exact.String(line), s.MaxPoints)
	}
	box := p.spare
	if box == nil {
		box = new(planBox)
	}
	p.spare, p.last = nil, box
	*box = planBox{line: N(line), before: N(before.Points.V)}
	plan := &box.plan
	*plan = Plan{
		Subject: rec.Subject, Illustrative: rec.Illustrative,
		Line: &box.line, LineVerdict: lineVerdict(s, line),
		PointsBefore: &box.before, VerdictBefore: before.Verdict,
		Actions: []Action{}, Assumed: []string{},
	}
	if !gateVerdict(before.Verdict) && before.Points.V.Cmp(line) >= 0 {
		// At the line already with every gate clear: the least change is
		// none, and the subject keeps its own score.
		box.after = N(before.Points.V)
		plan.PointsAfter, plan.VerdictAfter, plan.Reachable = &box.after, before.Verdict, true
		if costs != nil {
			box.cost = N(exact.Zero)
			plan.Cost = &box.cost
		}
		return plan, nil
	}
	p.before = before
	p.chg, p.opts, p.items = p.chg[:0], p.opts[:0], p.items[:0]

	// Weigh each indicator's options; an indicator with nothing short keeps
	// its points and needs no option.
	gatesOK := true
	fixed := exact.Zero // points of the indicators with a single option
	for i := range p.inds {
		p.chosen[i] = nil
		ip := &p.inds[i]
		if !p.short(ip) || planSkips(before, i) {
			fixed = add(fixed, before.Indicators[i].Points.V)
			continue
		}
		opts, ok, err := p.weighOptions(ip, costs)
		if err != nil {
			return nil, fmt.Errorf("%s, %s: %w", rec.Subject, ip.ind.ID, err)
		}
		gatesOK = gatesOK && ok
		if len(opts) == 1 {
			p.chosen[i] = &opts[0]
			fixed = add(fixed, opts[0].points())
			continue
		}
		p.items = append(p.items, item{ind: i, opts: opts})
	}
	reach, err := p.choose(planLine(s, before, line), fixed, gatesOK)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rec.Subject, err)
	}
	expected := fixed
	for _, it := range p.items {
		expected = add(expected, p.chosen[it.ind].points())
	}
	if err := p.actions(plan, before, costs); err != nil {
		return nil, fmt.Errorf("%s: %w", rec.Subject, err)
	}

	// The plan's points and verdict: derived from the engine's scoring of
	// the indicators it changes (afterScore), or the scorer's on the
	// changed record; a plan that changes nothing keeps the score the
	// record already has.
	after := before
	if len(plan.Actions) > 0 {
		derived := false
		if after, derived, err = p.afterScore(before); err != nil {
			return nil, fmt.Errorf("%s: %w", rec.Subject, err)
		}
		if !derived {
			changed := *rec
			changed.Values = p.vals
			if after, err = p.sc.Score(&changed); err != nil {
				return nil, err
			}
		}
	}
	box.after = N(after.Points.V)
	plan.PointsAfter, plan.VerdictAfter = &box.after, after.Verdict
	plan.Reachable = !gateVerdict(after.Verdict) && after.reached(line)
	if planRaw(after).Cmp(expected) != 0 || reach && !plan.Reachable {
		return nil, fmt.Errorf("%s: plan foresaw %s points (line reached: %t), the scorer gives %s (%s): a planner defect",
			rec.Subject, exact.String(expected), reach, after.Points, after.Verdict)
	}
	if !plan.Reachable {
		plan.BestPoints = &box.after
	}
	plan.Changes = len(plan.Actions)
	if costs != nil {
		total := exact.Zero
		for _, a := range plan.Actions {
			total = add(total, a.Cost.V)
		}
		box.cost = N(total)
		plan.Cost = &box.cost
	}
	return plan, nil
}

// Recycle tells the planner that no plan it has made is used any longer,
// so the next plan may reuse their memory: a run that writes each plan
// before it asks for the next (pipeline's EachTransient) writes from
// memory the processor has at hand, not fresh memory a plan. A caller
// that keeps plans must not call it.
func (p *Planner) Recycle() {
	p.actBlock, p.fromBlock = p.actBlock[:0], p.fromBlock[:0]
	p.spare, p.last = p.last, nil
}

// actBlock is how many actions a block holds.
const actBlock = 2048

// planBox is a plan and the numbers it points to, allocated as one: a
// run plans subject after subject.
type planBox struct {
	plan                      Plan
	line, before, after, cost Number
}

// short reports whether any condition of ip fails or is missing; for a
// compound indicator, whether it is short of its full points, vetoed or
// missing a value, as the subject's own score has it.
func (p *Planner) short(ip *indPlan) bool {
	if ip.compound {
		st := p.before.Indicators[ip.i].Status
		return st != StatusMet && st != StatusBonus
	}
	if p.before == &p.bef.r && p.holdMark[ip.i] != 0 { // beforeScore has looked
		return p.holdMark[ip.i] == 1
	}
	for _, pc := range ip.conds {
		if !holds(pc.c, p.vals[pc.c.MeasureIdx]) {
			return true
		}
	}
	return false
}

// holds reports whether v, given, meets c.
func holds(c *criteria.Condition, v inputs.Value) bool {
	if !v.Given {
		return false
	}
	if c.IsBool {
		return v.Bool == c.Bool
	}
	return c.Op.Holds(v.Num, c.Value)
}

// actions writes the chosen changes into plan, in the order prerequisites,
// then indicators as the set lists them, and applies them to p.vals. Each
// action's points are what its indicator gains by it, scored by the
// engine, given the actions before it.
func (p *Planner) actions(plan *Plan, before *Scored, costs *inputs.Costs) error {
	s := p.set
	// The actions and the values they start from, allocated at once.
	n := 0
	for _, pr := range s.Prerequisites {
		if v := p.vals[pr.Measure]; !v.Given || !v.Bool {
			n++
		}
	}
	for i := range p.inds {
		if o := p.chosen[i]; o != nil {
			n += len(o.chg)
		}
	}
	if n == 0 {
		return nil
	}
	// From blocks shared by many plans: a run makes some nine actions a
	// subject, and an allocation each would cost more than filling them.
	if cap(p.actBlock)-len(p.actBlock) < n {
		p.actBlock = make([]Action, 0, max(actBlock, n))
	}
	if cap(p.fromBlock)-len(p.fromBlock) < n {
		p.fromBlock = make([]Scalar, 0, max(actBlock, n))
	}
	at := len(p.actBlock)
	plan.Actions = p.actBlock[at : at : at+n]
	p.actBlock = p.actBlock[:at+n]
	at = len(p.fromBlock)
	froms := p.fromBlock[at : at : at+n]
	p.fromBlock = p.fromBlock[:at+n]
	for _, pr := range s.Prerequisites {
		v := p.vals[pr.Measure]
		if v.Given && v.Bool {
			continue
		}
		ch := change{m: pr.Measure, to: inputs.Value{Given: true, Bool: true}}
		if err := p.action(plan.nextAction(), ch, pr.ID, ReasonPrerequisite, costs, &froms); err != nil {
			return err
		}
		p.vals[pr.Measure] = ch.to
	}
	for i := range p.inds {
		opt := p.chosen[i]
		if opt == nil {
			continue
		}
		ip := &p.inds[i]
		prev := before.Indicators[i].Points.V
		for k, ch := range opt.chg {
			a := plan.nextAction()
			if err := p.action(a, ch, ip.ind.ID, p.reason(ip, ch.m), costs, &froms); err != nil {
				return err
			}
			p.vals[ch.m] = ch.to
			// With every change of the option made, the indicator stands
			// where the option was scored: its measures are its own.
			now := opt.points()
			if k+1 < len(opt.chg) {
				res, _, err := p.score(ip)
				if err != nil {
					return err
				}
				now = res.Points.V
			}
			gained, _ := exact.Sub(now, prev)
			a.PointsGained, prev = N(gained), now
		}
	}
	return nil
}

// nextAction is the plan's next action, in the room actions made for it.
func (pl *Plan) nextAction() *Action {
	pl.Actions = pl.Actions[:len(pl.Actions)+1]
	return &pl.Actions[len(pl.Actions)-1]
}

// reason says why the plan changes measure m in ip: a gate it clears,
// or the points.
func (p *Planner) reason(ip *indPlan, m int) string {
	from := p.orig[m]
	for _, pc := range ip.conds {
		if pc.veto && pc.c.MeasureIdx == m && !p.condHoldsAt(pc, from) {
			if !from.Given {
				return ReasonMissing
			}
			return ReasonVeto
		}
	}
	if ip.ind.Baseline {
		if !from.Given {
			return ReasonMissing
		}
		return ReasonBaseline
	}
	return ReasonPoints
}

// action describes one change in a, from the subject's own value; that
// value goes in froms.
func (p *Planner) action(a *Action, ch change, owner, reason string, costs *inputs.Costs, froms *[]Scalar) error {
	m := &p.set.Measures[ch.m]
	from := p.orig[ch.m]
	if reason == ReasonPrerequisite && !from.Given {
		reason = ReasonMissing
	}
	*a = Action{Measure: m.ID, Indicator: owner, To: scalar(m, ch.to), Reason: reason, PointsGained: N(exact.Zero)}
	if from.Given {
		*froms = append(*froms, scalar(m, from))
		a.From = &(*froms)[len(*froms)-1]
	}
	if costs != nil {
		c, err := changeCost(m, from, ch, costs)
		if err != nil {
			return err
		}
		a.Cost = P(c)
	}
	return nil
}

func scalar(m *criteria.Measure, v inputs.Value) Scalar {
	if m.Kind == criteria.Bool {
		return Scalar{IsBool: true, Bool: v.Bool}
	}
	if n := v.Num; n.Scale() == 0 || n.Coef()%10 != 0 {
		return Scalar{Num: n} // nothing to trim: most values, read trimmed
	}
	return Scalar{Num: v.Num.Trim(0)}
}

// score scores ip on p.vals with the engine's own indicator scoring.
func (p *Planner) score(ip *indPlan) (Indicator, evaluation, error) {
	p.missing = p.missing[:0]
	return scoreIndicator(ip.ind, p.vals, &p.slots[ip.i], &p.missing, nil)
}
