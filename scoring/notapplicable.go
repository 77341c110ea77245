package scoring

import (
	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
)

// StatusNA is the status of an item that does not apply to the subject:
// declared so by the criteria, or typed 不适用 where a measure allows it.
// It is neither met, unmet nor missing: it never decides a verdict, never
// gates (a veto, baseline or prerequisite that does not apply does not
// bar), and never enters a roll-up sum.
const StatusNA = "not-applicable"

// naSubject is the subject the criteria's declarations are matched against.
func naSubject(s *criteria.Set, rec *inputs.Record) criteria.Subject {
	if subj, ok := s.Registry().Resolve(rec.Subject); ok {
		return subj
	}
	return criteria.Subject{Name: rec.Subject, Level: rec.Level}
}

// naReason is why an item does not apply: the criteria's words, in both
// languages, and where the status came from.
type naReason struct {
	zh, en, source string
}

// declaredNA looks up a declaration that item does not apply to subj.
func declaredNA(s *criteria.Set, item string, subj criteria.Subject) (naReason, bool) {
	if !s.HasDeclaredNA() {
		return naReason{}, false
	}
	n, ok := s.NAFor(item, subj)
	if !ok {
		return naReason{}, false
	}
	return naReason{zh: n.Reason, en: n.ReasonEn, source: criteria.NAFromCriteria}, true
}

// typedNA finds a measure among idxs typed 不适用 in vals. A leaf on such a
// measure makes its whole requirement, and so its item, not applicable:
// a partial 不适用 inside an all would silently weaken it.
func typedNA(s *criteria.Set, vals []inputs.Value, idxs ...int) (naReason, bool) {
	for _, i := range idxs {
		if i >= 0 && vals[i].NA {
			m := s.Measures[i]
			return naReason{zh: m.NotApplicable, en: m.NotApplicableEn, source: criteria.NAFromInput}, true
		}
	}
	return naReason{}, false
}

// indicatorNA reports whether indicator ind does not apply to the subject.
func indicatorNA(s *criteria.Set, ind *criteria.Indicator, subj criteria.Subject, vals []inputs.Value, typed bool) (naReason, bool) {
	if r, ok := declaredNA(s, ind.ID, subj); ok {
		return r, true
	}
	if !typed {
		return naReason{}, false
	}
	for ri := range ind.Require {
		for ci := range ind.Require[ri].Conditions {
			if r, ok := typedNA(s, vals, ind.Require[ri].Conditions[ci].MeasureIdx); ok {
				return r, true
			}
		}
	}
	return naReason{}, false
}

// naIndicator is the result of an indicator that does not apply: no
// points, its full points out of the maximum as the set's policy says.
func naIndicator(ind *criteria.Indicator, r naReason) Indicator {
	return Indicator{ID: ind.ID, Points: N(exact.Zero), PointsOptimistic: N(exact.Zero), MaxPoints: N(ind.Points.V),
		Status: StatusNA, Reason: r.zh, ReasonEn: r.en, NASource: r.source, Shortfalls: []Shortfall{}}
}

// quotaNA reports whether row q does not apply to rec's subject: declared,
// or its measure, base or a condition's measure typed 不适用.
func quotaNA(s *criteria.Set, q *criteria.Quota, idx int, rec *inputs.Record) (naReason, bool) {
	if s.HasDeclaredNA() {
		if r, ok := declaredNA(s, q.ID, naSubject(s, rec)); ok {
			return r, true
		}
	}
	if r, ok := typedNA(s, rec.Values, idx, q.BaseIdx); ok {
		return r, true
	}
	for i := range q.Conditions {
		if r, ok := typedNA(s, rec.Values, q.Conditions[i].MeasureIdx); ok {
			return r, true
		}
	}
	return naReason{}, false
}

// naQuotaLine fills line as not applicable when row q does not apply.
func naQuotaLine(s *criteria.Set, q *criteria.Quota, idx int, rec *inputs.Record, line *Quota) bool {
	r, ok := quotaNA(s, q, idx, rec)
	if !ok {
		return false
	}
	line.Status, line.Reason, line.ReasonEn, line.NASource = StatusNA, r.zh, r.en, r.source
	return true
}

// memberNA reports whether a member's value is left out of row q's city
// sum: the row does not apply to it, so the sum is complete without it.
func memberNA(s *criteria.Set, q *criteria.Quota, name string, rec *inputs.Record) bool {
	if s.HasDeclaredNA() {
		subj, ok := s.Registry().Resolve(name)
		if !ok {
			subj = criteria.Subject{Name: name}
		}
		if _, ok := s.NAFor(q.ID, subj); ok {
			return true
		}
	}
	return rec != nil && q.MeasureIdx >= 0 && rec.Values[q.MeasureIdx].NA
}

// applicableMembers are the members of row q's city sum the row applies
// to, given the run's records by subject.
func applicableMembers(s *criteria.Set, q *criteria.Quota, members []string, recs []*inputs.Record) []string {
	if !s.HasNA() {
		return members
	}
	out := make([]string, 0, len(members))
	for _, name := range members {
		var rec *inputs.Record
		for _, r := range recs {
			if r.Subject == name {
				rec = r
				break
			}
		}
		if !memberNA(s, q, name, rec) {
			out = append(out, name)
		}
	}
	return out
}

// naTier fills a tier result as not applicable when it does not apply.
func naTier(s *criteria.Set, t *criteria.Tier, subj criteria.Subject, vals []inputs.Value, r *TierResult) bool {
	reason, ok := declaredNA(s, t.ID, subj)
	if !ok {
		reason, ok = typedNA(s, vals, t.MeasureIdx)
	}
	if !ok {
		return false
	}
	r.Status, r.Reason, r.ReasonEn, r.NASource = StatusNA, reason.zh, reason.en, reason.source
	return true
}

// naPrerequisite reports whether prerequisite p does not apply (declared
// only: a prerequisite is its own yes/no measure).
func naPrerequisite(s *criteria.Set, p *criteria.Prerequisite, subj criteria.Subject) bool {
	_, ok := declaredNA(s, p.ID, subj)
	return ok
}

// naScratch is what a Scorer keeps to apply not-applicable items to one
// subject after another: whether the set has any, whose subject it is,
// and the points per category that do not apply.
type naScratch struct {
	ready bool
	on    bool // an item of the set can be not applicable
	typed bool // a measure of the set allows 不适用 in the input
	subj  criteria.Subject
	pts   []exact.Decimal // per category: points of the items that do not apply
	any   bool            // an indicator does not apply to this subject
}

// start prepares for rec's subject.
func (n *naScratch) start(s *criteria.Set, rec *inputs.Record) *naScratch {
	if !n.ready {
		n.ready, n.on = true, s.HasNA()
		n.typed = measuresAllowNA(s)
		n.pts = make([]exact.Decimal, len(s.Categories))
	}
	n.any = false
	if !n.on {
		return n
	}
	for i := range n.pts {
		n.pts[i] = exact.Zero
	}
	if s.HasDeclaredNA() {
		n.subj = naSubject(s, rec)
	}
	return n
}

func measuresAllowNA(s *criteria.Set) bool {
	for _, m := range s.Measures {
		if m.NotApplicable != "" {
			return true
		}
	}
	return false
}

// indicator sets indicator i of r as not applicable when it is, and
// counts its points out of the maximum.
func (n *naScratch) indicator(s *criteria.Set, r *Scored, ind *criteria.Indicator, i int, vals []inputs.Value) bool {
	reason, ok := indicatorNA(s, ind, n.subj, vals, n.typed)
	if !ok {
		return false
	}
	r.Indicators[i] = naIndicator(ind, reason)
	r.NotApplicable = append(r.NotApplicable, ind.ID)
	n.pts[ind.CategoryIdx] = add(n.pts[ind.CategoryIdx], ind.Points.V)
	n.any = true
	return true
}
