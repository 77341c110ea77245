package report

import (
	"strings"

	"countyscore/criteria"
	"countyscore/scoring"
)

// naCSVHead names the scored CSV's columns for a set that weighs its
// categories or has items that may not apply (none for any other set, so
// its CSV keeps its shape): the sum of the indicators' points, the
// applicable maximum, the policy, and the items that do not apply with
// their reasons.
func naCSVHead(s *criteria.Set) []string {
	if !s.HasNA() && !s.Weighted() {
		return nil
	}
	return []string{"raw_points", "applicable_max", "na_policy", "not_applicable"}
}

// naCSVCells are a subject's cells of naCSVHead's columns.
func naCSVCells(s *criteria.Set, r *scoring.Scored, lang string) []string {
	if !s.HasNA() && !s.Weighted() {
		return nil
	}
	var na []string
	for _, ind := range r.Indicators {
		if ind.Status == scoring.StatusNA {
			na = append(na, ind.ID+"="+criteria.Pick(lang, ind.Reason, ind.ReasonEn))
		}
	}
	return []string{numP(r.RawPoints), numP(r.ApplicableMax), r.NAPolicy, strings.Join(na, "; ")}
}

// indicatorCSV is an indicator's points cell: "n/a" for one that does not
// apply, whose points count neither way.
func indicatorCSV(ind scoring.Indicator) string {
	if ind.Status == scoring.StatusNA {
		return "n/a"
	}
	return num(ind.Points.V)
}
