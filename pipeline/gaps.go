package pipeline

import (
	"slices"
	"strings"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
	"countyscore/scoring"
)

// QuotaGaps is every shortfall of a quota run across subjects, least done
// first, what missing values leave undecided, and the city-wide roll-up.
type QuotaGaps struct {
	Set          *criteria.Set
	Gaps         []Gap // shortfalls, least done first
	Unknown      []Gap // quotas a missing value leaves undecided
	Rollup       []scoring.RollupRow
	Illustrative bool
}

// Gap is one quota a subject falls short of, or cannot be judged on.
type Gap struct {
	Subject string          `json:"subject"`
	ID      string          `json:"id"`
	Row     string          `json:"row"`
	Target  *scoring.Number `json:"target"`
	Actual  *scoring.Number `json:"actual"`
	Gap     *scoring.Number `json:"gap"`
	Done    *scoring.Number `json:"done_pct"`
	Unit    string          `json:"unit"`
	Scope   string          `json:"scope"`
}

// ScoredGaps is every indicator that does not earn its full points, across
// subjects, most points lost first, and those a missing value scores 0.
type ScoredGaps struct {
	Set          *criteria.Set
	Lost         []Lost // points lost, most first
	Unknown      []Lost // indicators scored 0 for a missing value
	Illustrative bool
}

// Lost is one indicator that does not earn its full points.
type Lost struct {
	Subject    string              `json:"subject"`
	ID         string              `json:"id"`
	Points     scoring.Number      `json:"points"`
	MaxPoints  scoring.Number      `json:"max_points"`
	Lost       scoring.Number      `json:"lost"`
	Status     string              `json:"status"`
	Shortfalls []scoring.Shortfall `json:"shortfalls"`
}

// Gaps reads and evaluates files under s and lists what falls short.
func Gaps(s *criteria.Set, files []string, warns *inputs.Warnings) (Document, error) {
	if s.IsScored() {
		return scoredGaps(s, files, warns)
	}
	run, err := evaluateQuotas(s, files, warns)
	if err != nil {
		return nil, err
	}
	return QuotaGapsOf(run), nil
}

// QuotaGapsOf lists the shortfalls of an evaluated quota run.
func QuotaGapsOf(run *QuotaRun) *QuotaGaps {
	s := run.Set
	doc := &QuotaGaps{Set: s, Gaps: []Gap{}, Unknown: []Gap{}, Rollup: run.Rollup, Illustrative: run.Illustrative()}
	for _, r := range run.Results {
		for _, q := range r.Quotas {
			g := Gap{Subject: r.Subject, ID: q.ID, Row: q.Row, Target: q.Target, Actual: q.Actual, Gap: q.Gap,
				Done: q.Done, Unit: s.QuotaUnit(q.Row, "zh"), Scope: q.Scope}
			switch {
			case q.Gap == nil:
				doc.Unknown = append(doc.Unknown, g)
			case !q.Met:
				doc.Gaps = append(doc.Gaps, g)
			}
		}
	}
	slices.SortStableFunc(doc.Gaps, compareDone)
	return doc
}

// compareDone orders shortfalls by the share still owed, gap ÷ target,
// most first, compared exactly by cross-multiplication, never in floating
// point. A target of 0 (a count to bring to zero) owes its whole gap: it
// sorts before any share. Then by the gap, subject and ID, so the order
// is total and does not depend on the order the rows came in.
func compareDone(a, b Gap) int {
	az, bz := !a.Target.V.IsPos(), !b.Target.V.IsPos()
	switch {
	case az && !bz:
		return -1
	case !az && bz:
		return 1
	case !az && !bz:
		l, err1 := exact.Mul(a.Gap.V, b.Target.V)
		r, err2 := exact.Mul(b.Gap.V, a.Target.V)
		if err1 == nil && err2 == nil {
			if c := l.Cmp(r); c != 0 {
				return -c
			}
		}
	}
	if c := a.Gap.V.Cmp(b.Gap.V); c != 0 {
		return -c
	}
	if c := strings.Compare(a.Subject, b.Subject); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

func scoredGaps(s *criteria.Set, files []string, warns *inputs.Warnings) (*ScoredGaps, error) {
	recs, err := readAll(s, files, warns)
	if err != nil {
		return nil, err
	}
	doc := &ScoredGaps{Set: s, Lost: []Lost{}, Unknown: []Lost{}}
	scorer := scoring.NewScorer(s)
	for _, rec := range recs {
		r, err := scorer.Score(rec)
		if err != nil {
			return nil, err
		}
		doc.Illustrative = doc.Illustrative || r.Illustrative
		for _, ind := range r.Indicators {
			lost, _ := exact.Sub(ind.MaxPoints.V, ind.Points.V)
			// The scorer reuses its memory for the next subject: keep copies.
			l := Lost{Subject: r.Subject, ID: ind.ID, Points: ind.Points, MaxPoints: ind.MaxPoints, Lost: scoring.N(lost),
				Status: ind.Status, Shortfalls: scoring.CloneShortfalls(ind.Shortfalls)}
			switch {
			case ind.Status == scoring.StatusMissing:
				doc.Unknown = append(doc.Unknown, l)
			case lost.IsPos() || ind.Status == scoring.StatusVetoed:
				doc.Lost = append(doc.Lost, l)
			}
		}
	}
	slices.SortStableFunc(doc.Lost, func(a, b Lost) int {
		if c := a.Lost.V.Cmp(b.Lost.V); c != 0 {
			return -c
		}
		return strings.Compare(a.Subject, b.Subject)
	})
	return doc, nil
}
