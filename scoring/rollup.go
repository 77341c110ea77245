package scoring

import (
	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
	"slices"
)

// RollupRow is the city-wide view of one quota row (one year of a yearly
// row): what the run's subjects owe and did, what the city as a whole did,
// and what the plan itself says — including where the subjects' targets
// add up to less than the city-wide target the plan states (ruling 19).
//
// Sums are formed only for rows whose quantities add up across subjects
// (rollup = "sum" in the criteria file: kilometres, fields, enterprises);
// a per-person figure or a share is never summed.
type RollupRow struct {
	ID        string  `json:"id"`
	Row       string  `json:"row"`
	Year      int     `json:"year,omitempty"`
	Additive  bool    `json:"additive"`
	Owing     int     `json:"owing"`      // subjects (not the city) that owe a target of their own
	Expected  int     `json:"expected"`   // subjects whose values make up the row: the owing ones, or every county-level unit for a city-wide row
	Reported  int     `json:"reported"`   // of them, in this run with the value given
	TargetSum *Number `json:"target_sum"` // Σ known targets of the run's owing subjects
	ActualSum *Number `json:"actual_sum"` // Σ given values of the run's expected subjects
	GapSum    *Number `json:"gap_sum"`    // Σ gaps where known
	Unmet     int     `json:"unmet"`      // subjects short of their own target
	// PlanTotal is the plan's own sum of fixed targets, or the source
	// table's row total when the row's figures are assigned to no subject.
	PlanTotal           *Number `json:"plan_total"`
	PlanTotalUnassigned bool    `json:"plan_total_unassigned"`
	CityTarget          *Number `json:"city_target"`
	CityActual          *Number `json:"city_actual"` // the sum when every expected subject reported, or the city's own value
	CityGap             *Number `json:"city_gap"`
	PlanShortfall       *Number `json:"plan_shortfall"` // city target − plan total, when positive
	// NotApplicable are the run's subjects the row does not apply to: they
	// owe nothing and enter none of the sums.
	NotApplicable []string `json:"not_applicable,omitempty"`
}

// Rollup builds the city-wide view of a quota run from its records and
// results.
func Rollup(s *criteria.Set, recs []*inputs.Record, results []*Quotas) []RollupRow {
	reg := s.Registry()
	var city *inputs.Record
	for _, rec := range recs {
		if rec.Subject == s.City {
			city = rec
		}
	}
	var rows []RollupRow
	for i := range s.Quotas {
		q := &s.Quotas[i]
		additive := q.Rollup == criteria.RollupSum
		var owing []string
		for _, subj := range reg.Subjects {
			if subj.Level != "city" && ownTarget(q, subj) {
				owing = append(owing, subj.Name)
			}
		}
		owing = applicableMembers(s, q, owing, recs) // a subject the row does not apply to owes nothing
		expected := owing
		if additive && (len(owing) == 0 || len(q.Members) > 0) {
			// Declared members add up whether they owe a target or not.
			expected = s.SumMembers(q)
		}
		expected = applicableMembers(s, q, expected, recs)
		for _, y := range rowYears(s, q) {
			id, idx := q.ID, q.MeasureIdx
			if q.Yearly {
				idx, _ = s.YearlyMeasure(q.Measure, y)
				id = s.Measures[idx].ID
			}
			row := RollupRow{ID: id, Row: q.ID, Year: y, Additive: additive, Owing: len(owing), Expected: len(expected)}
			tsum, asum, gsum := exact.Zero, exact.Zero, exact.Zero
			tn, gn := 0, 0
			for _, rec := range recs {
				if !slices.Contains(expected, rec.Subject) || idx < 0 {
					continue
				}
				if v := rec.Values[idx]; v.Given {
					asum, row.Reported = add(asum, v.Num), row.Reported+1
				}
			}
			for _, r := range results {
				for _, line := range r.Quotas {
					if line.ID != id || line.Scope != ScopeSubject || r.Subject == s.City {
						continue
					}
					if line.Status == StatusNA {
						row.NotApplicable = append(row.NotApplicable, r.Subject)
					}
					if line.Target != nil {
						tsum, tn = add(tsum, line.Target.V), tn+1
					}
					if line.Gap != nil {
						gsum, gn = add(gsum, line.Gap.V), gn+1
					}
					if line.Known() && !line.Met {
						row.Unmet++
					}
				}
			}
			if additive {
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
			}
			if cl := cityOwnLine(s, results, id); cl != nil && !q.CityTarget.Given {
				// A row the city owes as a subject of its own (applies_to city).
				row.CityTarget, row.CityActual, row.CityGap = cl.Target, cl.Actual, cl.Gap
			}
			if q.CityTarget.Given {
				row.CityTarget = P(q.CityTarget.V)
				switch {
				case additive && row.Reported == row.Expected:
					row.CityActual = P(asum)
				case !additive && city != nil && city.Values[q.MeasureIdx].Given:
					row.CityActual = P(city.Values[q.MeasureIdx].Num)
				}
				if row.CityActual != nil {
					line := Quota{Target: row.CityTarget, Actual: row.CityActual}
					finish(&line, q.Cmp)
					row.CityGap = line.Gap
				}
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

// cityOwnLine finds the city's own-target line of quota id, if the run
// evaluated the city.
func cityOwnLine(s *criteria.Set, results []*Quotas, id string) *Quota {
	for _, r := range results {
		if r.Subject != s.City {
			continue
		}
		for i, line := range r.Quotas {
			if line.ID == id && line.Scope == ScopeSubject {
				return &r.Quotas[i]
			}
		}
	}
	return nil
}

// rowYears gives the years a row repeats for: each plan year of a yearly
// row, else one pass with year 0.
func rowYears(s *criteria.Set, q *criteria.Quota) []int {
	if q.Yearly {
		return s.Years
	}
	return []int{0}
}
