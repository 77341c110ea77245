// Package scoring is the engine: it applies a criteria set's rules to one
// subject's measured values and returns plain results.
//
// The engine applies the rule kinds of the criteria package's registry
// (criteria.RuleKind: all-or-nothing, checklist, linear deduction, ratio, bands, bonus),
// veto requirements, baseline items and quota targets (fixed, uniform or
// derived), never a particular standard: every threshold, point and name
// comes from the criteria set. Arithmetic is exact decimal throughout
// (ruling 1). A value not given is missing and never counts as met
// (ruling 14). Results carry no I/O and know nothing of how they will be
// shown; the report package renders them.
package scoring

import (
	"fmt"
	"slices"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
)

// Trace records how one indicator's points came about, for explain.
type Trace struct {
	Requirements []RequirementTrace
}

// RequirementTrace is one requirement's evaluation.
type RequirementTrace struct {
	Requirement criteria.Requirement
	Met         bool
	Missing     bool
	Conditions  []ConditionTrace
}

// ConditionTrace is one condition's evaluation; Short and the step counts
// are set for an unmet numeric condition.
type ConditionTrace struct {
	Condition criteria.Condition
	Given     bool
	Actual    Scalar
	Holds     bool
	Short     exact.Decimal
	Started   exact.Decimal // steps counted by the conservative reading
	Whole     exact.Decimal // steps counted by the optimistic reading
}

// Score evaluates rec under the scored set s, in memory of its own.
func Score(s *criteria.Set, rec *inputs.Record) (*Scored, error) {
	return NewScorer(s).Score(rec)
}

// Scorer scores one subject after another and reuses its memory, so a
// stream of 100,000 subjects costs no allocation per subject. The result
// it returns is valid until the next call: a caller that keeps anything
// of it copies it.
type Scorer struct {
	set      *criteria.Set
	r        Scored
	next     NextLine
	slots    []slots // per indicator
	na       naScratch
	standing bool          // see StandingOnly
	memo     *standingMemo // a standing's indicator results per class of values
}

// ScorerOption changes what a Scorer computes.
type ScorerOption func(*Scorer)

// StandingOnly makes a Scorer compute only a subject's standing, for a
// caller that reads nothing else of a result (diff keeps a subject's
// points, verdict and which indicators were met, of two sides of 100,000
// subjects each): Points, Verdict, and each indicator's Points and
// Status (with the reason one does not apply) equal a full Score's, and
// so do the errors. The rest is left out: the optimistic points are zero,
// the indicators carry no shortfalls, NextLine is nil, and the lists of
// failures, missing values and not-applicable items are filled but not
// sorted. The Scorer keeps each indicator's standing per class of values
// (standingMemo).
func StandingOnly() ScorerOption {
	return func(sc *Scorer) { sc.standing, sc.memo = true, newStandingMemo(sc.set) }
}

// NoShortfalls makes a Scorer leave out the indicators' shortfalls, for a
// caller that prints none (the CSV of score): everything else, the
// optimistic points and NextLine included, equals a full Score's.
func NoShortfalls() ScorerOption {
	return func(sc *Scorer) {
		for i := range sc.slots {
			sc.slots[i].skip = true
		}
	}
}

// NewScorer prepares to score subjects under the scored set s.
func NewScorer(s *criteria.Set, opts ...ScorerOption) *Scorer {
	sc := &Scorer{set: s, slots: make([]slots, len(s.Indicators)), r: Scored{
		VetoFailures:       []string{},
		BaselineFailures:   []string{},
		PrerequisitesUnmet: []string{},
		Missing:            []string{},
		GatingMissing:      []string{},
		Categories:         make([]Category, len(s.Categories)),
		Indicators:         make([]Indicator, len(s.Indicators)),
	}}
	for _, o := range opts {
		o(sc)
	}
	return sc
}

// Score evaluates rec; see Scorer for how long the result lives.
func (sc *Scorer) Score(rec *inputs.Record) (*Scored, error) {
	s, r := sc.set, &sc.r
	*r = Scored{
		Subject:            rec.Subject,
		Illustrative:       rec.Illustrative,
		MaxPoints:          N(s.MaxPoints.V),
		VetoFailures:       r.VetoFailures[:0],
		BaselineFailures:   r.BaselineFailures[:0],
		PrerequisitesUnmet: r.PrerequisitesUnmet[:0],
		Missing:            r.Missing[:0],
		GatingMissing:      r.GatingMissing[:0],
		Assumed:            rec.Assumed,
		Categories:         r.Categories,
		Indicators:         r.Indicators,
		Values:             rec.Values,
	}
	critical := false // a veto, baseline or prerequisite value is missing
	na := sc.na.start(s, rec)
	for i := range s.Prerequisites {
		p := &s.Prerequisites[i]
		v := rec.Values[p.Measure]
		switch {
		case na.on && naPrerequisite(s, p, na.subj):
			r.NotApplicable = append(r.NotApplicable, p.ID)
		case !v.Given:
			r.Missing = append(r.Missing, p.ID)
			r.GatingMissing = append(r.GatingMissing, p.ID)
			critical = true
		case !v.Bool:
			r.PrerequisitesUnmet = append(r.PrerequisitesUnmet, p.ID)
		}
	}
	for i, c := range s.Categories {
		r.Categories[i] = Category{ID: c.ID, Name: c.Name, Points: N(exact.Zero), PointsOptimistic: N(exact.Zero), MaxPoints: N(c.MaxPoints)}
	}
	total, totalOpt, missingPts := exact.Zero, exact.Zero, exact.Zero
	for i := range s.Indicators {
		ind := &s.Indicators[i]
		if na.on && sc.na.indicator(s, r, ind, i, rec.Values) {
			continue
		}
		missingBefore := len(r.Missing)
		res := &r.Indicators[i]
		var ev evaluation
		var err error
		switch {
		case sc.memo != nil:
			ev, err = sc.memo.score(res, i, ind, rec.Values, &r.Missing)
		case sc.standing:
			ev, err = scoreInto(res, ind, rec.Values, nil, &r.Missing, nil) // no shortfalls
		default:
			ev, err = scoreInto(res, ind, rec.Values, &sc.slots[i], &r.Missing, nil)
		}
		if err != nil {
			return nil, inRecord(rec, ind.ID, err)
		}
		missing := len(r.Missing) > missingBefore
		if missing {
			missingPts = add(missingPts, ind.Points.V)
			if ind.Baseline || ev.vetoMissing {
				critical = true
				r.GatingMissing = appendGating(r.GatingMissing, ind, rec.Values)
			}
		}
		if ev.vetoed {
			r.VetoFailures = append(r.VetoFailures, ind.ID)
		}
		if ind.Baseline && !missing && (res.Points.V.Cmp(res.MaxPoints.V) < 0 || res.Status == StatusUnmet || ev.vetoed && res.MaxPoints.V.IsZero()) {
			r.BaselineFailures = append(r.BaselineFailures, ind.ID)
		}
		c := &r.Categories[ind.CategoryIdx]
		c.Points.V = add(c.Points.V, res.Points.V)
		if !sc.standing {
			c.PointsOptimistic.V = add(c.PointsOptimistic.V, res.PointsOptimistic.V)
		}
	}
	// Every indicator is in one category: the totals are the categories'
	// sums, exactly (the same value and scale), in a few additions.
	for i := range r.Categories {
		total = add(total, r.Categories[i].Points.V)
		if !sc.standing {
			totalOpt = add(totalOpt, r.Categories[i].PointsOptimistic.V)
		}
	}
	r.Points, r.PointsOptimistic, r.MissingPoints = N(total), N(totalOpt), N(missingPts)
	if err := settle(s, r, sc.na.pts, sc.na.any); err != nil {
		return nil, inRecord(rec, "", err)
	}
	if sc.standing {
		r.Verdict = scoredVerdict(s, r, critical)
		return r, nil
	}
	slices.Sort(r.VetoFailures)
	slices.Sort(r.BaselineFailures)
	slices.Sort(r.PrerequisitesUnmet)
	slices.Sort(r.Missing)
	r.Missing = slices.Compact(r.Missing)
	slices.Sort(r.GatingMissing)
	r.GatingMissing = slices.Compact(r.GatingMissing)

	for _, l := range s.Lines {
		if !r.reached(l.Points.V) {
			shown, scaled := r.shownLine(s, l.Points.V)
			short, _ := exact.Sub(shown, r.Points.V)
			sc.next = NextLine{Points: N(shown), Verdict: l.Verdict, Short: N(exact.Max(short, exact.Zero))}
			if scaled {
				sc.next.Stated = P(l.Points.V)
			}
			r.NextLine = &sc.next
			break
		}
	}
	r.Verdict = scoredVerdict(s, r, critical)
	return r, nil
}

// appendGating appends the missing measures of ind that decide a verdict
// before points: every missing value of a baseline indicator, the missing
// values of a veto requirement otherwise.
func appendGating(list []string, ind *criteria.Indicator, vals []inputs.Value) []string {
	for _, req := range ind.Require {
		if !ind.Baseline && !req.Veto {
			continue
		}
		for _, c := range req.Conditions {
			if !vals[c.MeasureIdx].Given {
				list = append(list, c.Measure)
			}
		}
	}
	return list
}

// slots hold one indicator's shortfalls and the values they point to,
// made on its first shortfall with room for every one of its conditions.
// A Scorer keeps them from subject to subject, so a stream costs no
// allocation; a single Score allocates only for the indicators that fall
// short.
type slots struct {
	shortfalls []Shortfall
	actuals    []Scalar
	shorts     []Number
	skip       bool // the shortfalls are not recorded (NoShortfalls)
}

func (sl *slots) make(n int) {
	if sl.shortfalls == nil {
		sl.shortfalls = make([]Shortfall, 0, n)
		sl.actuals = make([]Scalar, n)
		sl.shorts = make([]Number, n)
	}
}

// scoredVerdict puts certain failures first, then "cannot tell", then the
// points (output contract).
func scoredVerdict(s *criteria.Set, r *Scored, critical bool) string {
	switch {
	case len(r.VetoFailures) > 0:
		return Vetoed
	case len(r.PrerequisitesUnmet) > 0:
		return PrerequisitesUnmet
	case len(r.BaselineFailures) > 0:
		return BaselineUnmet
	case critical:
		return Incomplete
	}
	verdict := s.BelowVerdict
	for _, l := range s.Lines {
		if r.reached(l.Points.V) {
			verdict = l.Verdict
		}
	}
	return verdict
}

// evaluation is what scoring an indicator found beyond its result.
type evaluation struct {
	vetoed      bool // a veto requirement is not met (its values given)
	vetoMissing bool // a veto requirement's value is missing
}

// scoreIndicator applies one indicator's rule. Missing measure IDs are
// appended to missing; trace, when not nil, records every condition for
// explain.
func scoreIndicator(ind *criteria.Indicator, vals []inputs.Value, sl *slots, missing *[]string, trace *Trace) (Indicator, evaluation, error) {
	var res Indicator
	ev, err := scoreInto(&res, ind, vals, sl, missing, trace)
	return res, ev, err
}

// scoreInto is scoreIndicator writing its result into res, which a
// Scorer keeps from subject to subject: an indicator's result is not
// copied on its way out. With sl nil (StandingOnly) it records no
// shortfall and leaves the optimistic points zero; the points, the status
// and the errors are the same.
func scoreInto(res *Indicator, ind *criteria.Indicator, vals []inputs.Value, sl *slots, missing *[]string, trace *Trace) (evaluation, error) {
	var ev evaluation
	full := ind.Points.V
	*res = Indicator{ID: ind.ID, MaxPoints: N(full), Shortfalls: []Shortfall{}}
	k := 0 // the condition's slot
	// record: the shortfalls are kept (not StandingOnly, not NoShortfalls).
	record := sl != nil && !sl.skip
	shortfall := func(sf Shortfall) {
		if !record {
			return
		}
		if len(res.Shortfalls) == 0 {
			res.Shortfalls = sl.shortfalls[:0]
		}
		res.Shortfalls = append(res.Shortfalls, sf)
	}
	kind := ind.Kind
	if kind == nil {
		return ev, fmt.Errorf("indicator %s: rule %q was not compiled", ind.ID, ind.Rule)
	}
	anyMissing := false
	found := criteria.Found{Deduct: exact.Zero, DeductOptimistic: exact.Zero, Ratio: full}
	for ri := range ind.Require {
		req := &ind.Require[ri]
		met, reqMissing := true, false
		var rt *RequirementTrace
		if trace != nil {
			trace.Requirements = append(trace.Requirements, RequirementTrace{Requirement: *req})
			rt = &trace.Requirements[len(trace.Requirements)-1]
		}
		shortStart, missStart, anyBefore := len(res.Shortfalls), len(*missing), anyMissing
		var leaf []int8
		if req.Tree != nil {
			leaf = make([]int8, len(req.Conditions))
		}
		for ci := range req.Conditions {
			c := &req.Conditions[ci]
			v := vals[c.MeasureIdx]
			var ct ConditionTrace // filled for explain; its fields stay zero otherwise
			ct.Given = v.Given
			cv, absent := c.Value, ""
			if c.Thresh != nil {
				cv, absent, _ = c.Target(attrOf(vals))
			}
			if !v.Given || absent != "" {
				met, reqMissing, anyMissing = false, true, true
				if leaf != nil {
					leaf[ci] = criteria.Missing
				}
				if !v.Given {
					*missing = append(*missing, c.Measure)
				}
				if absent != "" {
					*missing = append(*missing, absent)
				}
				if record {
					sl.make(ind.Conditions)
					shortfall(Shortfall{Measure: c.Measure, Op: string(c.Op), Target: target(*c)})
				}
				if rt != nil {
					ct.Condition = *c
					rt.Conditions = append(rt.Conditions, ct)
				}
				k++
				continue
			}
			if c.IsBool {
				ct.Holds = v.Bool == c.Bool
			} else {
				ct.Holds = c.Op.Holds(v.Num, cv)
			}
			if kind.Proportional && !req.Veto && !c.IsBool {
				p, err := kind.ValuePoints(ind, v.Num, cv)
				if err != nil {
					return ev, inputError(nil, ind.ID, c.Measure, fmt.Errorf("its points for %s against %s %s", exact.String(v.Num), exact.String(cv), why(err)))
				}
				if p.Cmp(found.Ratio) < 0 {
					found.Ratio = p
				}
			}
			if leaf != nil && ct.Holds {
				leaf[ci] = criteria.Met
			}
			ct.Actual = Scalar{IsBool: c.IsBool, Bool: v.Bool, Num: v.Num}
			if !ct.Holds {
				met = false
				var sf Shortfall
				if record {
					sl.make(ind.Conditions)
					sl.actuals[k] = ct.Actual
					tgt := target(*c)
					tgt.Num = cv
					sf = Shortfall{Measure: c.Measure, Op: string(c.Op), Target: tgt, Actual: &sl.actuals[k]}
				}
				if !c.IsBool {
					short, err := shortFrom(c.Op, cv, v.Num)
					if err != nil {
						return ev, inputError(nil, ind.ID, c.Measure, fmt.Errorf("the shortfall of %s from %s %s", exact.String(v.Num), exact.String(c.Value), why(err)))
					}
					if record {
						sl.shorts[k] = N(short)
						sf.Short = &sl.shorts[k]
					}
					ct.Short = short
					if kind.Steps && !req.Veto {
						started, whole, err := exact.Steps(short, ind.Step.V)
						if err == nil {
							found.Deduct, err = addStep(ind, found.Deduct, started)
						}
						if err == nil && sl != nil { // never fails where the conservative sum did not
							found.DeductOptimistic, err = addStep(ind, found.DeductOptimistic, whole)
						}
						if err != nil {
							return ev, inputError(nil, ind.ID, c.Measure, fmt.Errorf("the deduction for steps of %s in a shortfall of %s %s", ind.Step, exact.String(short), why(err)))
						}
						ct.Started, ct.Whole = started, whole
					}
				}
				if record {
					shortfall(sf)
				}
			}
			if rt != nil {
				ct.Condition = *c
				rt.Conditions = append(rt.Conditions, ct)
			}
			k++
		}
		if req.Tree != nil {
			// Three-valued: a branch of an any met without a missing value
			// meets the requirement, and what the others lack is moot.
			switch req.Tree.Eval(leaf) {
			case criteria.Met:
				met, reqMissing = true, false
				res.Shortfalls = res.Shortfalls[:shortStart]
				*missing = (*missing)[:missStart]
			case criteria.Unmet:
				met, reqMissing = false, false
				*missing = (*missing)[:missStart]
			default:
				met, reqMissing = false, true
			}
			anyMissing = anyBefore || reqMissing
		}
		if rt != nil {
			rt.Met, rt.Missing = met, reqMissing
		}
		switch {
		case req.Veto && reqMissing:
			ev.vetoMissing = true
		case req.Veto && !met:
			ev.vetoed = true
		case !req.Veto && !met && !reqMissing:
			found.Unmet++
		}
	}

	points, pointsOpt := exact.Zero, exact.Zero
	if !anyMissing {
		var err error
		if points, pointsOpt, err = kind.Points(ind, found); err != nil {
			return ev, inputError(nil, ind.ID, "", fmt.Errorf("its points %s", why(err)))
		}
	}
	if sl == nil {
		pointsOpt = exact.Zero // not computed
	}
	res.Points, res.PointsOptimistic = N(points), N(pointsOpt)
	switch {
	case ev.vetoed:
		res.Status = StatusVetoed
	case anyMissing:
		res.Status = StatusMissing
	case found.Unmet > 0 && points.IsZero():
		// An unmet requirement is never met, even where it costs nothing
		// (an item worth 0 points).
		res.Status = StatusUnmet
	case found.Unmet > 0:
		res.Status = StatusPartial
	case kind.Bonus && points.Cmp(full) == 0:
		res.Status = StatusBonus
	case points.Cmp(full) == 0:
		res.Status = StatusMet
	case points.IsZero():
		res.Status = StatusUnmet
	default:
		res.Status = StatusPartial
	}
	return ev, nil
}

// attrOf reads the attribute values of a record: the chosen value's
// position, when given.
func attrOf(vals []inputs.Value) func(int) (int, bool) {
	return func(idx int) (int, bool) {
		v := vals[idx]
		if !v.Given {
			return 0, false
		}
		i, _, ok := v.Num.Int64(0)
		return int(i), ok
	}
}

// Explain scores one indicator of rec and records every step.
func Explain(s *criteria.Set, ind *criteria.Indicator, rec *inputs.Record) (Indicator, *Trace, error) {
	t := &Trace{}
	if r, ok := indicatorNA(s, ind, naSubject(s, rec), rec.Values, true); ok {
		return naIndicator(ind, r), t, nil // not applicable: nothing to trace
	}
	var missing []string
	res, _, err := scoreIndicator(ind, rec.Values, &slots{}, &missing, t)
	if err != nil {
		return res, t, inRecord(rec, ind.ID, err)
	}
	return res, t, nil
}

func target(c criteria.Condition) Scalar {
	return Scalar{IsBool: c.IsBool, Bool: c.Bool, Num: c.Value}
}

// shortBy is how far v falls short of c in the measure's unit: below a
// "≥" threshold, or above a "≤" one. For a strict ">" met only by
// exceeding, standing on the threshold is short by 0 yet unmet.
func shortBy(c criteria.Condition, v exact.Decimal) (exact.Decimal, error) {
	return shortFrom(c.Op, c.Value, v)
}

// shortFrom is shortBy for an operator and a target, without a copy of
// the condition.
func shortFrom(op criteria.Op, t, v exact.Decimal) (exact.Decimal, error) {
	switch op {
	case criteria.GE, criteria.GT:
		return exact.Sub(t, v)
	case criteria.LE, criteria.LT:
		return exact.Sub(v, t)
	}
	d, err := exact.Sub(v, t)
	return d.Abs(), err
}

// addStep adds the deduction of steps steps of ind's shortfall to sum.
func addStep(ind *criteria.Indicator, sum, steps exact.Decimal) (exact.Decimal, error) {
	d, err := ind.StepDeduction(steps)
	if err != nil {
		return sum, err
	}
	return exact.Add(sum, d)
}

// add is for sums that cannot fail: points, bounded by Load (see
// criteria.MaxPointsFigure), and the sums of values and targets that
// EvaluateQuotas has formed before Rollup forms them again. A failure here
// is a defect, and a panic says so (exit 3).
func add(a, b exact.Decimal) exact.Decimal {
	s, err := exact.Add(a, b)
	if err != nil {
		panic(fmt.Sprintf("points overflow: %v + %v", a, b))
	}
	return s
}
