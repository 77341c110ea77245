package scoring

import (
	"strconv"

	"countyscore/criteria"
	"countyscore/exact"
)

// RollupRow is the city-wide view of one quota row (one year of a yearly
// row): what the run's subjects owe and did, and what the plan itself
// says — including where the subjects' targets fall short of the
// city-wide target the plan states (ruling 19).
type RollupRow struct {
	ID        string  `json:"id"`
	Row       string  `json:"row"`
	Year      int     `json:"year,omitempty"`
	Owing     int     `json:"owing"`      // county-level units and zones that owe a target of their own
	Evaluated int     `json:"evaluated"`  // of them, in this run
	TargetSum *Number `json:"target_sum"` // Σ known targets of the evaluated subjects
	ActualSum *Number `json:"actual_sum"` // Σ given actuals of the evaluated subjects
	Reported  int     `json:"reported"`   // how many gave the value
	GapSum    *Number `json:"gap_sum"`    // Σ gaps where known
	Unmet     int     `json:"unmet"`
	// PlanTotal is the plan's own sum of fixed targets, or the source
	// table's row total when the row's figures are assigned to no subject.
	PlanTotal           *Number `json:"plan_total"`
	PlanTotalUnassigned bool    `json:"plan_total_unassigned"`
	CityTarget          *Number `json:"city_target"`
	PlanShortfall       *Number `json:"plan_shortfall"` // city target − plan total, when positive
}

// Rollup builds the city-wide view of a quota run from its results.
func Rollup(s *criteria.Set, results []*Quotas) []RollupRow {
	reg := criteria.Subjects()
	var rows []RollupRow
	for i := range s.Quotas {
		q := &s.Quotas[i]
		ids := []string{q.ID}
		if q.Yearly {
			ids = ids[:0]
			for _, y := range s.Years {
				ids = append(ids, q.Measure+"."+strconv.Itoa(y))
			}
		}
		owing := 0
		for _, subj := range reg.Subjects {
			if subj.Level != "city" && ownTarget(q, subj) {
				owing++
			}
		}
		for k, id := range ids {
			row := RollupRow{ID: id, Row: q.ID, Owing: owing}
			if q.Yearly {
				row.Year = s.Years[k]
			}
			tsum, asum, gsum := exact.Zero, exact.Zero, exact.Zero
			tn, gn := 0, 0
			for _, r := range results {
				subj, _ := reg.Resolve(r.Subject)
				if subj.Level == "city" {
					continue
				}
				for _, line := range r.Quotas {
					if line.ID != id || line.Scope != ScopeSubject {
						continue
					}
					row.Evaluated++
					if line.Target != nil {
						tsum, tn = add(tsum, line.Target.V), tn+1
					}
					if line.Actual != nil {
						asum, row.Reported = add(asum, line.Actual.V), row.Reported+1
					}
					if line.Gap != nil {
						gsum, gn = add(gsum, line.Gap.V), gn+1
						if !line.Met {
							row.Unmet++
						}
					}
				}
			}
			if tn > 0 {
				row.TargetSum = P(tsum)
			}
			if row.Reported > 0 {
				row.ActualSum = P(asum)
			}
			if gn > 0 {
				row.GapSum = P(gsum)
			}
			if sum, n := q.SubjectTargetSum(s, "county", "zone"); n > 0 && q.Derive == "" {
				row.PlanTotal = P(sum)
			} else if q.RowTotal.Given {
				row.PlanTotal, row.PlanTotalUnassigned = P(q.RowTotal.V), true
			}
			if q.CityTarget.Given {
				row.CityTarget = P(q.CityTarget.V)
				if row.PlanTotal != nil && row.PlanTotal.V.Cmp(q.CityTarget.V) < 0 {
					d, _ := exact.Sub(q.CityTarget.V, row.PlanTotal.V)
					row.PlanShortfall = P(d)
				}
			}
			rows = append(rows, row)
		}
	}
	return rows
}
