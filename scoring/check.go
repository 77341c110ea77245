package scoring

import (
	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
)

// checkLine evaluates a yes/no row: a true/false measure, done when true,
// or conditions, done when they hold (three-valued: a missing value is
// never done, but a branch of an any met without it is).
func checkLine(s *criteria.Set, q *criteria.Quota, idx int, rec *inputs.Record, res *Quotas, line *Quota) {
	if q.Tree == nil {
		v := rec.Values[idx]
		if !v.Given {
			res.Missing = append(res.Missing, s.Measures[idx].ID)
			return
		}
		line.Met = v.Bool
		line.Check = checkWord(v.Bool)
		return
	}
	leaf := make([]int8, len(q.Conditions))
	var missing []string
	var shorts []Shortfall
	for i := range q.Conditions {
		c := &q.Conditions[i]
		v := rec.Values[c.MeasureIdx]
		cv, absent := c.Value, ""
		if c.Thresh != nil {
			cv, absent, _ = c.Target(attrOf(rec.Values))
		}
		tgt := Scalar{IsBool: c.IsBool, Bool: c.Bool, Num: cv}
		if !v.Given || absent != "" {
			leaf[i] = criteria.Missing
			if !v.Given {
				missing = append(missing, c.Measure)
			}
			if absent != "" {
				missing = append(missing, absent)
			}
			shorts = append(shorts, Shortfall{Measure: c.Measure, Op: string(c.Op), Target: tgt})
			continue
		}
		holds := c.IsBool && v.Bool == c.Bool || !c.IsBool && c.Op.Holds(v.Num, cv)
		if holds {
			leaf[i] = criteria.Met
			continue
		}
		actual := Scalar{IsBool: c.IsBool, Bool: v.Bool, Num: v.Num}
		sf := Shortfall{Measure: c.Measure, Op: string(c.Op), Target: tgt, Actual: &actual}
		if !c.IsBool {
			cc := *c
			cc.Value = cv
			if short, err := shortBy(cc, v.Num); err == nil {
				sf.Short = P(exact.Max(short, exact.Zero))
			}
		}
		shorts = append(shorts, sf)
	}
	switch q.Tree.Eval(leaf) {
	case criteria.Met:
		line.Met, line.Check = true, CheckDone
	case criteria.Unmet:
		line.Check, line.Shortfalls = CheckNotDone, shorts
	default:
		line.Shortfalls = shorts
		res.Missing = append(res.Missing, missing...)
	}
}

func checkWord(done bool) string {
	if done {
		return CheckDone
	}
	return CheckNotDone
}

// tiers classifies the subject by each tier of the set that covers its
// level: a missing value is undecided, never a definite tier.
func tiers(s *criteria.Set, rec *inputs.Record, subj criteria.Subject) []TierResult {
	var out []TierResult
	for _, t := range s.Tiers {
		if len(t.Levels) > 0 && !containsString(t.Levels, subj.Level) {
			continue
		}
		r := TierResult{ID: t.ID, Measure: t.Measure}
		v := rec.Values[t.MeasureIdx]
		switch {
		case naTier(s, &t, subj, rec.Values, &r):
		case !v.Given:
			r.Status = TierMissing
		default:
			r.Value = P(v.Num)
			if b := t.Classify(v.Num); b >= 0 {
				r.Status, r.Label, r.From = TierClassified, t.Bands[b].Label, P(t.Bands[b].From.V)
			} else {
				r.Status, r.Label = TierBelow, t.BelowLabel
			}
		}
		out = append(out, r)
	}
	return out
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
