package scoring

import (
	"fmt"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
)

// maxTerms bounds the ways of meeting one requirement with any/all
// conditions (its terms, below): far beyond what a standard writes; a
// requirement with more is refused by name, never planned approximately.
const maxTerms = 64

// reqPlan is what the planner knows of one requirement before any subject.
type reqPlan struct {
	veto  bool
	first int // its conditions are indPlan.conds[first : first+n]
	n     int
	// terms are the ways to meet it: each a set of its conditions (by
	// index among them) that together make it hold, one for every
	// combination of branches its any/all tree allows. A requirement
	// without a tree has one term, all of its conditions.
	terms [][]int
}

// condTerms expands a condition tree into its terms: an any is met by any
// item's term, an all by one term of every item together. It reports
// false when there are more than maxTerms.
func condTerms(t criteria.Cond) ([][]int, bool) {
	switch t.Op {
	case criteria.NodeLeaf:
		return [][]int{{t.Leaf}}, true
	case criteria.NodeAny:
		var out [][]int
		for _, it := range t.Items {
			sub, ok := condTerms(it)
			if !ok {
				return nil, false
			}
			out = append(out, sub...)
			if len(out) > maxTerms {
				return nil, false
			}
		}
		return out, true
	}
	out := [][]int{{}}
	for _, it := range t.Items {
		sub, ok := condTerms(it)
		if !ok {
			return nil, false
		}
		next := make([][]int, 0, len(out)*len(sub))
		for _, a := range out {
			for _, b := range sub {
				next = append(next, append(append([]int(nil), a...), b...))
			}
		}
		if len(next) > maxTerms {
			return nil, false
		}
		out = next
	}
	return out, true
}

// target is the figure condition pc compares with for this subject: its
// value, or the threshold its attribute chooses; false when the attribute
// is missing or chooses no figure, which no plan can change.
func (p *Planner) target(pc planCond) (exact.Decimal, bool) {
	if pc.c.Thresh == nil {
		return pc.c.Value, true
	}
	t, missing, _ := pc.c.Target(attrOf(p.vals))
	return t, missing == ""
}

// condHoldsAt reports whether pc holds for value v of its measure.
func (p *Planner) condHoldsAt(pc planCond, v inputs.Value) bool {
	if !v.Given {
		return false
	}
	if pc.c.IsBool {
		return v.Bool == pc.c.Bool
	}
	t, ok := p.target(pc)
	return ok && pc.c.Op.Holds(v.Num, t)
}

// appendTerm appends the bounds of term (conditions of rp) to p.bounds;
// false when one compares with a figure the subject has none of.
func (p *Planner) appendTerm(ip *indPlan, rp *reqPlan, term []int) bool {
	for _, k := range term {
		pc := ip.conds[rp.first+k]
		b := condBound(pc.c)
		if pc.c.Thresh != nil {
			t, ok := p.target(pc)
			if !ok {
				return false
			}
			b.v = t
		}
		p.bounds = append(p.bounds, b)
	}
	return true
}

// compound weighs the options of an indicator that nests any/all,
// compares with thresholds, or scores by value (ratio, bands). Every
// option clears the veto requirements by one of their terms (each
// combination of terms is weighed, so shared measures are exact); then:
//   - a proportional rule: leave it, or reach each points level the
//     rounding or bands allow (see valueLevels);
//   - an all-or-nothing or bonus rule, or a baseline indicator: leave it,
//     or meet every requirement by each combination of their terms (an
//     all-or-nothing rule pays nothing for meeting some);
//   - a checklist with any/all: see search.
//
// The combinations are counted first, and an indicator with more than
// maxCandidates is refused by name.
func (p *Planner) compound(ip *indPlan, costs *inputs.Costs) (bool, error) {
	if ip.ind.Kind.PerRequirement && ip.tree {
		return p.search(ip, costs)
	}
	lo := len(p.opts)
	var vetoReqs, scoreReqs []int
	vetoCombos, scoreCombos := 1, 1
	kind := ip.ind.Kind
	for ri := range ip.reqs {
		rp := &ip.reqs[ri]
		if rp.veto {
			vetoReqs = append(vetoReqs, ri)
			vetoCombos *= len(rp.terms)
		} else if !kind.Proportional {
			scoreReqs = append(scoreReqs, ri)
			scoreCombos *= len(rp.terms)
		}
		if vetoCombos*scoreCombos > maxCandidates {
			return false, fmt.Errorf("more than %d combinations of ways to meet its requirements to weigh", maxCandidates)
		}
	}
	vetoOK := false
	for pass := 0; pass < 2 && !vetoOK; pass++ {
		// The second pass, when no combination of veto terms can be met,
		// weighs the rest without them: the gate is then out of reach.
		combos := vetoCombos
		if pass == 1 {
			combos = 1
		}
		for n := 0; n < combos; n++ {
			p.bounds = p.bounds[:0]
			ok := true
			if pass == 0 {
				k := n
				for _, ri := range vetoReqs {
					rp := &ip.reqs[ri]
					ok = ok && p.appendTerm(ip, rp, rp.terms[k%len(rp.terms)])
					k /= len(rp.terms)
				}
			}
			if !ok {
				continue
			}
			nveto := len(p.bounds)
			met, err := p.candidate(ip, p.bounds, costs)
			if err != nil {
				return false, err
			}
			if !met {
				continue // these veto terms cannot all be met
			}
			vetoOK = vetoOK || pass == 0
			if kind.Proportional {
				err = p.valueLevels(ip, nveto, costs)
			} else {
				err = p.combine(ip, scoreReqs, scoreCombos, nveto, costs)
			}
			if err != nil {
				return false, err
			}
		}
	}
	return p.sift(ip, lo) && vetoOK, nil
}

// combine weighs every combination of terms of the scoring requirements
// after the veto bounds p.bounds[:nveto].
func (p *Planner) combine(ip *indPlan, reqs []int, combos, nveto int, costs *inputs.Costs) error {
	for n := 0; n < combos; n++ {
		p.bounds = p.bounds[:nveto]
		k, ok := n, true
		for _, ri := range reqs {
			rp := &ip.reqs[ri]
			ok = ok && p.appendTerm(ip, rp, rp.terms[k%len(rp.terms)])
			k /= len(rp.terms)
		}
		if !ok {
			continue // a figure the subject lacks
		}
		if _, err := p.candidate(ip, p.bounds, costs); err != nil {
			return err
		}
	}
	return nil
}
