package scoring

import (
	"fmt"
	"strconv"

	"countyscore/criteria"
	"countyscore/exact"
)

// PlanQuotas turns the evaluated quotas of a target plan into plans of the
// same shape as a scored set's: per subject, one action for each quota not
// yet met, with the amount still to deliver and when it falls due (the
// criteria row's own words, and the year: a yearly quota's year, else the
// plan's last year). A quota whose actual value is missing is an action
// with reason "missing" and no amount; a target that cannot be known
// (its population or base value missing) is listed in Unknown and makes
// the plan not reachable as it stands. results come from EvaluateQuotas.
func PlanQuotas(s *criteria.Set, results []*Quotas) ([]*Plan, error) {
	if s.IsScored() {
		return nil, fmt.Errorf("plan %s: a scored set has points, not quotas; see Planner", s.ID)
	}
	last := 0
	for _, y := range s.Years {
		last = max(last, y)
	}
	out := make([]*Plan, 0, len(results))
	for _, r := range results {
		plan := &Plan{
			Subject: r.Subject, Illustrative: r.Illustrative, Reachable: true,
			VerdictBefore: r.Verdict, Actions: []Action{}, Assumed: []string{}, Unknown: []string{},
		}
		for _, q := range r.Quotas {
			if q.Met {
				continue
			}
			row, ok := s.Quota(q.Row)
			if !ok {
				return nil, fmt.Errorf("%s: quota %s is not in %s", r.Subject, q.Row, s.ID)
			}
			if q.Target == nil {
				plan.Reachable = false
				continue
			}
			measure := row.Measure
			year := last
			if q.Year != 0 {
				measure += "." + strconv.Itoa(q.Year)
				year = q.Year
			}
			a := Action{
				Measure: measure, Indicator: q.ID, To: Scalar{Num: q.Target.V.Trim(0)},
				PointsGained: N(exact.Zero), Reason: ReasonQuota, Due: row.Due, Year: year,
			}
			if q.Actual != nil {
				a.From = &Scalar{Num: q.Actual.V}
				a.Amount = q.Gap
			} else {
				a.Reason = ReasonMissing
			}
			plan.Actions = append(plan.Actions, a)
		}
		// A value a target is derived from (population, a base) is missing
		// when it is not the measure of one of the actions above.
		for _, m := range r.Missing {
			if !hasMeasure(plan.Actions, m) {
				plan.Unknown = append(plan.Unknown, m)
			}
		}
		plan.Changes = len(plan.Actions)
		plan.VerdictAfter = Met
		if !plan.Reachable || len(plan.Unknown) > 0 {
			plan.Reachable, plan.VerdictAfter = false, Incomplete
		}
		out = append(out, plan)
	}
	return out, nil
}

func hasMeasure(actions []Action, m string) bool {
	for _, a := range actions {
		if a.Measure == m {
			return true
		}
	}
	return false
}
