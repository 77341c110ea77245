package pipeline

import (
	"cmp"
	"slices"
	"time"

	"countyscore/criteria"
	"countyscore/scoring"
)

// Prescreen is the closing summary of a scored run of several subjects:
// what the reviewing bureau acts on. Subjects are grouped by verdict, best
// first, each with the IDs that decide its verdict, and every subject's
// application schedule says whether it is due this year.
type Prescreen struct {
	AsOf     time.Time        `json:"-"`
	Year     int              `json:"as_of_year,omitempty"` // the year of AsOf; 0: no date given
	Groups   []PrescreenGroup `json:"groups"`
	Schedule []ScheduleRow    `json:"schedule"`
}

// PrescreenGroup is the subjects of one verdict, by points, most first.
type PrescreenGroup struct {
	Verdict  string         `json:"verdict"`
	Count    int            `json:"count"`
	Subjects []PrescreenRow `json:"subjects"`
	// Unlisted counts the subjects past MaxPrescreenRows, counted, not named.
	Unlisted int `json:"unlisted,omitempty"`
}

// PrescreenRow is what the summary keeps of one subject while the run
// streams: a few words, not the whole result.
type PrescreenRow struct {
	Subject          string         `json:"subject"`
	Illustrative     bool           `json:"illustrative"`
	Points           scoring.Number `json:"points"`
	PointsOptimistic scoring.Number `json:"points_optimistic"`
	Verdict          string         `json:"-"`
	// Deciding are the IDs behind a verdict the points do not give: the
	// failed veto items, the unmet baseline items or prerequisites, the
	// missing values that leave it undecided.
	Deciding []string `json:"deciding"`
	Veto     []string `json:"-"`
	Baseline []string `json:"-"`
	Prereq   []string `json:"-"`
	Missing  int      `json:"missing"`
}

// ScheduleRow is one schedule entry of one subject of the run.
type ScheduleRow struct {
	Subject    string `json:"subject"`
	Text       string `json:"text"`
	TextEn     string `json:"-"`
	Source     string `json:"source"`
	ApplyYears []int  `json:"apply_years"`
	ApplyBy    string `json:"apply_by,omitempty"`   // MM-DD
	ForwardBy  string `json:"forward_by,omitempty"` // MM-DD
	// Due: the year of AsOf is one of ApplyYears.
	Due bool `json:"due"`
}

// VerdictOrder is the order of the pre-screen groups, from the criteria:
// the set's lines from the top, then undecided, then the verdict below
// the lowest line, then the certain failures from the mildest
// (baseline, prerequisites) to the veto.
func VerdictOrder(s *criteria.Set) []string {
	lines := slices.Clone(s.Lines)
	slices.SortStableFunc(lines, func(a, b criteria.Line) int { return -a.Points.V.Cmp(b.Points.V) })
	var out []string
	for _, l := range lines {
		out = append(out, l.Verdict)
	}
	return append(out, scoring.Incomplete, s.BelowVerdict, scoring.BaselineUnmet, scoring.PrerequisitesUnmet, scoring.Vetoed)
}

// prescreenRow keeps what the summary needs of r (which the scorer reuses
// for the next subject: everything is copied).
func prescreenRow(r *scoring.Scored, gating map[string]bool) PrescreenRow {
	row := PrescreenRow{Subject: r.Subject, Illustrative: r.Illustrative, Points: r.Points, PointsOptimistic: r.PointsOptimistic,
		Verdict: r.Verdict, Veto: slices.Clone(r.VetoFailures), Baseline: slices.Clone(r.BaselineFailures),
		Prereq: slices.Clone(r.PrerequisitesUnmet), Missing: len(r.Missing)}
	switch r.Verdict {
	case scoring.Vetoed:
		row.Deciding = row.Veto
	case scoring.PrerequisitesUnmet:
		row.Deciding = row.Prereq
	case scoring.BaselineUnmet:
		row.Deciding = row.Baseline
	case scoring.Incomplete:
		for _, id := range r.Missing {
			if gating[id] {
				row.Deciding = append(row.Deciding, id)
			}
		}
	}
	if row.Deciding == nil {
		row.Deciding = []string{}
	}
	return row
}

// gatingValues are the values whose absence leaves a verdict undecided:
// the prerequisites, the measures of baseline items and of veto
// requirements.
func gatingValues(s *criteria.Set) map[string]bool {
	out := map[string]bool{}
	for _, p := range s.Prerequisites {
		out[p.ID] = true
	}
	for _, ind := range s.Indicators {
		for _, req := range ind.Require {
			if !ind.Baseline && !req.Veto {
				continue
			}
			for _, c := range req.Conditions {
				out[c.Measure] = true
			}
		}
	}
	return out
}

// newPrescreen groups rows in the set's verdict order and adds each
// subject's schedule as of asOf (zero: no date, nothing is due).
func newPrescreen(s *criteria.Set, rows []PrescreenRow, counts map[string]int, asOf time.Time) *Prescreen {
	p := &Prescreen{AsOf: asOf, Groups: []PrescreenGroup{}, Schedule: []ScheduleRow{}}
	if !asOf.IsZero() {
		p.Year = asOf.Year()
	}
	for _, v := range VerdictOrder(s) {
		g := PrescreenGroup{Verdict: v}
		for _, r := range rows {
			if r.Verdict == v {
				g.Subjects = append(g.Subjects, r)
			}
		}
		if counts[v] == 0 || slices.ContainsFunc(p.Groups, func(x PrescreenGroup) bool { return x.Verdict == v }) {
			continue
		}
		slices.SortStableFunc(g.Subjects, func(a, b PrescreenRow) int {
			return cmp.Or(-a.Points.V.Cmp(b.Points.V), cmp.Compare(a.Subject, b.Subject))
		})
		g.Subjects = nonNil(g.Subjects)
		g.Count = counts[v]
		g.Unlisted = g.Count - len(g.Subjects)
		p.Groups = append(p.Groups, g)
	}
	for _, r := range sortedByGroup(p.Groups) {
		for _, m := range s.MilestonesFor(r.Subject) {
			p.Schedule = append(p.Schedule, ScheduleRow{Subject: r.Subject, Text: m.Text, TextEn: m.TextEn, Source: m.Source,
				ApplyYears: nonNilInts(m.ApplyYears), ApplyBy: m.ApplyBy, ForwardBy: m.ForwardBy,
				Due: p.Year != 0 && slices.Contains(m.ApplyYears, p.Year)})
		}
	}
	return p
}

func sortedByGroup(groups []PrescreenGroup) []PrescreenRow {
	var out []PrescreenRow
	for _, g := range groups {
		out = append(out, g.Subjects...)
	}
	return out
}

func nonNilInts(s []int) []int {
	if s == nil {
		return []int{}
	}
	return s
}

// Rows returns the summary's subjects group after group.
func (p *Prescreen) Rows() []PrescreenRow { return sortedByGroup(p.Groups) }

// Due returns the schedule rows due this year.
func (p *Prescreen) Due() []ScheduleRow {
	var out []ScheduleRow
	for _, r := range p.Schedule {
		if r.Due {
			out = append(out, r)
		}
	}
	return out
}
