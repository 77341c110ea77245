package pipeline

import (
	"cmp"
	"slices"

	"countyscore/scoring"
)

// NAItem is one item that does not apply to a subject, as gaps lists it
// after the shortfalls, under 不适用（不计入）: neither a shortfall nor a
// missing value, with the criteria's reason.
type NAItem struct {
	Subject  string `json:"subject"`
	ID       string `json:"id"`
	Reason   string `json:"reason"`
	ReasonEn string `json:"reason_en,omitempty"`
	Source   string `json:"na_source"`
}

// sortNA orders not-applicable items by subject, then ID, so the list
// does not depend on the order the rows came in.
func sortNA(list []NAItem) {
	slices.SortStableFunc(list, func(a, b NAItem) int {
		if c := cmp.Compare(a.Subject, b.Subject); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}

func naOfIndicator(subject string, ind scoring.Indicator) NAItem {
	return NAItem{Subject: subject, ID: ind.ID, Reason: ind.Reason, ReasonEn: ind.ReasonEn, Source: ind.NASource}
}

func naOfQuota(subject string, q scoring.Quota) NAItem {
	return NAItem{Subject: subject, ID: q.ID, Reason: q.Reason, ReasonEn: q.ReasonEn, Source: q.NASource}
}
