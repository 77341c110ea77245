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
	// Check is "not-done" for a yes/no row not done (it has no number).
	Check    string `json:"check,omitempty"`
	Strength string `json:"strength,omitempty"`
}

// ScoredGaps is a fix list across subjects: first what blocks a verdict
// whatever the points (a failed veto, an unmet prerequisite, a baseline
// indicator short of full points), then the points lost, most first; and
// apart, the indicators a missing value scores 0, gating ones first, with
// the points at stake.
type ScoredGaps struct {
	Set          *criteria.Set
	Lost         []Lost // gates first, then points lost, most first
	Unknown      []Lost // scored 0 for a missing value: gating first, then most at stake
	Illustrative bool
}

// Reasons a gaps row matters, in the order the rows come.
const (
	ReasonVeto         = scoring.ReasonVeto         // a veto requirement fails: the application is vetoed
	ReasonPrerequisite = scoring.ReasonPrerequisite // a prerequisite is not met: it may not apply
	ReasonBaseline     = scoring.ReasonBaseline     // a baseline indicator is short of full points
	ReasonMissing      = scoring.ReasonMissing      // a value that decides the verdict is missing
	ReasonPoints       = scoring.ReasonPoints       // points lost
)

var reasonRank = map[string]int{ReasonVeto: 0, ReasonPrerequisite: 1, ReasonBaseline: 2, ReasonMissing: 3, ReasonPoints: 4}

// Lost is one indicator or prerequisite that costs a subject: points, or a
// verdict.
type Lost struct {
	Subject    string              `json:"subject"`
	ID         string              `json:"id"`
	Reason     string              `json:"reason"`
	Points     scoring.Number      `json:"points"`
	MaxPoints  scoring.Number      `json:"max_points"`
	Lost       scoring.Number      `json:"lost"`
	AtStake    *scoring.Number     `json:"at_stake,omitempty"` // missing rows: the points the indicator could earn
	Status     string              `json:"status"`
	Shortfalls []scoring.Shortfall `json:"shortfalls"`
}

// Gaps reads and evaluates files under s and lists what falls short.
func Gaps(s *criteria.Set, files []string, warns *inputs.Warnings, opts ...Option) (Document, error) {
	c := configure(opts)
	if s.IsScored() {
		return scoredGaps(s, files, warns, c)
	}
	run, err := evaluateQuotas(s, files, warns, c)
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
				Done: q.Done, Unit: s.QuotaUnit(q.Row, "zh"), Scope: q.Scope, Check: q.Check, Strength: q.Strength}
			switch {
			case !q.Known():
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
	// A yes/no row not done owes the whole of it: first, by subject and ID.
	if ac, bc := a.Gap == nil, b.Gap == nil; ac || bc {
		switch {
		case ac && !bc:
			return -1
		case !ac && bc:
			return 1
		}
		if c := strings.Compare(a.Subject, b.Subject); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	}
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

func scoredGaps(s *criteria.Set, files []string, warns *inputs.Warnings, c config) (*ScoredGaps, error) {
	recs, err := readAll(s, files, warns, c)
	if err != nil {
		return nil, err
	}
	doc := &ScoredGaps{Set: s, Lost: []Lost{}, Unknown: []Lost{}}
	scorer := scoring.NewScorer(s)
	zero := scoring.N(exact.Zero)
	for _, rec := range recs {
		r, err := scorer.Score(rec)
		if err != nil {
			return nil, err
		}
		doc.Illustrative = doc.Illustrative || r.Illustrative
		for _, id := range r.PrerequisitesUnmet {
			doc.Lost = append(doc.Lost, Lost{Subject: r.Subject, ID: id, Reason: ReasonPrerequisite, Points: zero, MaxPoints: zero,
				Lost: zero, Status: scoring.StatusUnmet, Shortfalls: []scoring.Shortfall{}})
		}
		for _, p := range s.Prerequisites {
			if slices.Contains(r.GatingMissing, p.ID) {
				doc.Unknown = append(doc.Unknown, Lost{Subject: r.Subject, ID: p.ID, Reason: ReasonMissing, Points: zero, MaxPoints: zero,
					Lost: zero, AtStake: &zero, Status: scoring.StatusMissing, Shortfalls: []scoring.Shortfall{}})
			}
		}
		for i, ind := range r.Indicators {
			def := &s.Indicators[i]
			lost, _ := exact.Sub(ind.MaxPoints.V, ind.Points.V)
			// The scorer reuses its memory for the next subject: keep copies.
			l := Lost{Subject: r.Subject, ID: ind.ID, Reason: ReasonPoints, Points: ind.Points, MaxPoints: ind.MaxPoints,
				Lost: scoring.N(lost), Status: ind.Status, Shortfalls: scoring.CloneShortfalls(ind.Shortfalls)}
			switch {
			case ind.Status == scoring.StatusMissing:
				if gating(def, r.GatingMissing) {
					l.Reason = ReasonMissing
				}
				stake := ind.MaxPoints
				l.AtStake = &stake
				doc.Unknown = append(doc.Unknown, l)
			case slices.Contains(r.VetoFailures, ind.ID):
				l.Reason = ReasonVeto
				doc.Lost = append(doc.Lost, l)
			case slices.Contains(r.BaselineFailures, ind.ID):
				l.Reason = ReasonBaseline
				doc.Lost = append(doc.Lost, l)
			case lost.IsPos():
				doc.Lost = append(doc.Lost, l)
			}
		}
	}
	slices.SortStableFunc(doc.Lost, func(a, b Lost) int {
		if c := reasonRank[a.Reason] - reasonRank[b.Reason]; c != 0 {
			return c
		}
		if c := a.Lost.V.Cmp(b.Lost.V); c != 0 {
			return -c
		}
		return strings.Compare(a.Subject, b.Subject)
	})
	slices.SortStableFunc(doc.Unknown, func(a, b Lost) int {
		if c := reasonRank[a.Reason] - reasonRank[b.Reason]; c != 0 {
			return c
		}
		if c := a.AtStake.V.Cmp(b.AtStake.V); c != 0 {
			return -c
		}
		return strings.Compare(a.Subject, b.Subject)
	})
	return doc, nil
}

// gating reports whether a missing value of ind decides a verdict.
func gating(ind *criteria.Indicator, gatingMissing []string) bool {
	for _, req := range ind.Require {
		for _, c := range req.Conditions {
			if slices.Contains(gatingMissing, c.Measure) && (ind.Baseline || req.Veto) {
				return true
			}
		}
	}
	return false
}
