package pipeline

import (
	"cmp"
	"slices"

	"countyscore/criteria"
	"countyscore/inputs"
	"countyscore/scoring"
)

// Trend follows each subject over the years of a run: a row per year with
// its points (or quotas met) and verdict, and what changed since the year
// before; for a target plan also each multi-year quota's cumulative
// progress toward its deadline (the plan's last year) and each yearly
// quota's result year by year.
type Trend struct {
	Set          *criteria.Set
	Years        []int // every year of the run, earliest first
	Deadline     int   // a target plan's last year; 0 for a set without years
	Subjects     []SubjectTrend
	Illustrative bool
}

// SubjectTrend is one subject's years.
type SubjectTrend struct {
	Subject  string          `json:"subject"`
	Years    []TrendYear     `json:"years"`
	Progress []QuotaProgress `json:"progress,omitempty"` // multi-year quotas
	Yearly   []QuotaProgress `json:"yearly,omitempty"`   // yearly quotas, one point per plan year
}

// TrendYear is one subject in one year.
type TrendYear struct {
	Year         int             `json:"year"`
	Illustrative bool            `json:"illustrative"`
	Points       *scoring.Number `json:"points,omitempty"`
	Met          *int            `json:"met,omitempty"`
	Quotas       *int            `json:"quotas,omitempty"`
	Verdict      string          `json:"verdict"`
	// Changed lists the indicators whose points changed since the
	// subject's previous year (a quota set: the quotas whose value
	// changed); empty for its first year.
	Changed []Change `json:"changed"`
	// NotApplicable are the items that do not apply to the subject in
	// this year, with the criteria's reason.
	NotApplicable []NAItem `json:"not_applicable,omitempty"`
}

// Change is one item's figure before and after.
// OldNA and NewNA mark a side on which the item does not apply (its
// figure is then no score: shown as 不适用); a change to or from 不适用
// is listed even where the figures agree.
type Change struct {
	ID    string          `json:"id"`
	Old   *scoring.Number `json:"old"`
	New   *scoring.Number `json:"new"`
	OldNA bool            `json:"old_not_applicable,omitempty"`
	NewNA bool            `json:"new_not_applicable,omitempty"`
}

// QuotaProgress is one quota's line year by year: for a multi-year quota
// the cumulative value reported in each year against the target due at
// the deadline; for a yearly quota the result of each plan year.
type QuotaProgress struct {
	ID     string          `json:"id"`
	Due    string          `json:"due,omitempty"`
	Points []ProgressPoint `json:"points"`
}

// ProgressPoint is one year of a quota line.
type ProgressPoint struct {
	Year   int             `json:"year"`
	Target *scoring.Number `json:"target"`
	Actual *scoring.Number `json:"actual"`
	Gap    *scoring.Number `json:"gap"`
	Done   *scoring.Number `json:"done_pct"`
	Met    bool            `json:"met"`
	// NA marks a year in which the line does not apply to the subject
	// (the year's NotApplicable gives the reason).
	NA bool `json:"not_applicable,omitempty"`
}

// TrendFiles reads files of several years and follows each subject.
func TrendFiles(s *criteria.Set, files []string, warns *inputs.Warnings) (*Trend, error) {
	recs, err := readYears(s, files, warns)
	if err != nil {
		return nil, err
	}
	doc := &Trend{Set: s, Subjects: []SubjectTrend{}}
	if len(s.Years) > 0 {
		doc.Deadline = s.Years[len(s.Years)-1]
	}
	for _, g := range yearGroups(recs) {
		doc.Years = append(doc.Years, g[0].Year)
	}
	for _, r := range recs {
		doc.Illustrative = doc.Illustrative || r.Illustrative
	}
	if s.IsScored() {
		err = doc.scored(recs)
	} else {
		err = doc.quotas(recs, warns)
	}
	return doc, err
}

// bySubject groups records by subject in order of first appearance, each
// subject's records earliest year first.
func bySubject[T any](items []T, subject func(T) string, year func(T) int) [][]T {
	var order []string
	groups := map[string][]T{}
	for _, it := range items {
		name := subject(it)
		if _, ok := groups[name]; !ok {
			order = append(order, name)
		}
		groups[name] = append(groups[name], it)
	}
	out := make([][]T, len(order))
	for i, name := range order {
		g := groups[name]
		slices.SortStableFunc(g, func(a, b T) int { return cmp.Compare(year(a), year(b)) })
		out[i] = g
	}
	return out
}

func (doc *Trend) scored(recs []*inputs.Record) error {
	s := doc.Set
	scorer := scoring.NewScorer(s)
	groups := bySubject(recs, func(r *inputs.Record) string { return r.Subject }, func(r *inputs.Record) int { return r.Year })
	for _, g := range groups {
		st := SubjectTrend{Subject: g[0].Subject, Years: []TrendYear{}}
		var prev []scoring.Number
		var prevNA []bool
		for _, rec := range g {
			r, err := scorer.Score(rec)
			if err != nil {
				return err
			}
			p := r.Points
			ty := TrendYear{Year: rec.Year, Illustrative: rec.Illustrative, Points: &p, Verdict: r.Verdict, Changed: []Change{}}
			cur := make([]scoring.Number, len(r.Indicators))
			curNA := make([]bool, len(r.Indicators))
			for k, ind := range r.Indicators {
				cur[k] = ind.Points
				curNA[k] = ind.Status == scoring.StatusNA
				if curNA[k] {
					ty.NotApplicable = append(ty.NotApplicable, naOfIndicator(r.Subject, ind))
				}
				if prev != nil && (prev[k].V.Cmp(ind.Points.V) != 0 || prevNA[k] != curNA[k]) {
					o, n := prev[k], ind.Points
					ty.Changed = append(ty.Changed, Change{ID: ind.ID, Old: &o, New: &n, OldNA: prevNA[k], NewNA: curNA[k]})
				}
			}
			prev, prevNA = cur, curNA
			st.Years = append(st.Years, ty)
		}
		doc.Subjects = append(doc.Subjects, st)
	}
	return nil
}

func (doc *Trend) quotas(recs []*inputs.Record, warns *inputs.Warnings) error {
	s := doc.Set
	years, err := evaluateQuotaYears(s, recs, warns)
	if err != nil {
		return err
	}
	var results []*scoring.Quotas
	for _, y := range years {
		results = append(results, y.Results...)
	}
	groups := bySubject(results, func(r *scoring.Quotas) string { return r.Subject }, func(r *scoring.Quotas) int { return r.Year })
	for _, g := range groups {
		st := SubjectTrend{Subject: g[0].Subject, Years: []TrendYear{}, Progress: []QuotaProgress{}, Yearly: []QuotaProgress{}}
		var prev map[string]scoring.Quota
		for _, r := range g {
			sd := scoring.StandingOf(r)
			ty := TrendYear{Year: r.Year, Illustrative: r.Illustrative, Met: &sd.Met, Quotas: &sd.Quotas, Verdict: r.Verdict, Changed: []Change{}}
			cur := map[string]scoring.Quota{}
			for _, q := range r.Quotas {
				cur[q.ID] = q
				na := q.Status == scoring.StatusNA
				if na {
					ty.NotApplicable = append(ty.NotApplicable, naOfQuota(r.Subject, q))
				}
				if p, ok := prev[q.ID]; ok && (numChanged(p.Actual, q.Actual) || (p.Status == scoring.StatusNA) != na) {
					ty.Changed = append(ty.Changed, Change{ID: q.ID, Old: p.Actual, New: q.Actual, OldNA: p.Status == scoring.StatusNA, NewNA: na})
				}
			}
			prev = cur
			st.Years = append(st.Years, ty)
		}
		for i := range s.Quotas {
			row := &s.Quotas[i]
			if row.Yearly {
				if p := yearlyProgress(row, g); len(p.Points) > 0 {
					st.Yearly = append(st.Yearly, p)
				}
				continue
			}
			if p := cumulativeProgress(row, g); len(p.Points) > 0 {
				st.Progress = append(st.Progress, p)
			}
		}
		doc.Subjects = append(doc.Subjects, st)
	}
	return nil
}

func pointOf(year int, q scoring.Quota) ProgressPoint {
	return ProgressPoint{Year: year, Target: q.Target, Actual: q.Actual, Gap: q.Gap, Done: q.Done, Met: q.Met, NA: q.Status == scoring.StatusNA}
}

// cumulativeProgress is a multi-year quota as reported year after year:
// each year's value counts from the plan's start, against the target
// due at the deadline.
func cumulativeProgress(row *criteria.Quota, results []*scoring.Quotas) QuotaProgress {
	p := QuotaProgress{ID: row.ID, Due: row.Due, Points: []ProgressPoint{}}
	for _, r := range results {
		for _, q := range r.Quotas {
			if q.ID == row.ID {
				p.Points = append(p.Points, pointOf(r.Year, q))
			}
		}
	}
	return p
}

// yearlyProgress is a yearly quota's result in each plan year, as the
// latest report that holds that year gives it.
func yearlyProgress(row *criteria.Quota, results []*scoring.Quotas) QuotaProgress {
	p := QuotaProgress{ID: row.ID, Due: row.Due, Points: []ProgressPoint{}}
	latest := map[int]scoring.Quota{}
	var years []int
	for _, r := range results {
		for _, q := range r.Quotas {
			if q.Row != row.ID || q.Year == 0 || q.Scope != scoring.ScopeSubject {
				continue
			}
			if _, ok := latest[q.Year]; !ok {
				years = append(years, q.Year)
			}
			latest[q.Year] = q
		}
	}
	slices.Sort(years)
	for _, y := range years {
		p.Points = append(p.Points, pointOf(y, latest[y]))
	}
	return p
}
