// Package pipeline is the one way from input files to a report.
//
// A command parses its flags, asks the pipeline for a Document and hands
// it to a renderer (package report). The pipeline reads every input of a
// run, scores the whole batch with the engine (roll-ups included) and
// returns typed, format-neutral documents; renderers only lay them out, so
// no renderer runs the engine, and every format of one view shows the same
// numbers. Data flows one way:
//
//	criteria → inputs → scoring → pipeline (documents) → report (renderers)
//
// A new view is one Document type here and one command file; a new format
// is one renderer in report.
package pipeline

import (
	"time"

	"countyscore/criteria"
	"countyscore/scoring"
)

// Document is what a renderer renders. The set of documents is closed:
// Kinds lists them all, so a test can walk every format × every document.
type Document interface {
	// Kind names the document, one of Kinds.
	Kind() string
}

// Document kinds.
const (
	KindCriteriaList = "criteria-list"
	KindCriteriaShow = "criteria-show"
	KindTemplate     = "template"
	KindExplain      = "explain"
	KindScoredRun    = "scored-run"
	KindQuotaRun     = "quota-run"
	KindScoredGaps   = "scored-gaps"
	KindQuotaGaps    = "quota-gaps"
	KindPlan         = "plan"
	KindCompare      = "compare"
	KindDiff         = "diff"
	KindTrend        = "trend"
)

// Kinds lists every document kind.
var Kinds = []string{KindCriteriaList, KindCriteriaShow, KindTemplate, KindExplain,
	KindScoredRun, KindQuotaRun, KindScoredGaps, KindQuotaGaps, KindPlan, KindCompare, KindDiff, KindTrend}

// CriteriaList is the list of built-in criteria sets.
type CriteriaList struct {
	Sets []*criteria.Set
}

// CriteriaShow is every rule of one criteria set with its source.
type CriteriaShow struct {
	Set *criteria.Set
}

// Template is a blank input for one criteria set. Builtin says whether the
// set is built in, and Ref is how a user names it on the command line (the
// ID, or the path of a criteria file), so the template can tell the user
// how to score the file it makes.
type Template struct {
	Set     *criteria.Set
	Ref     string
	Builtin bool
}

// ScoredRun is a run of subjects under a scored standard. Results stream:
// Each scores one subject after another, so a run of any size holds one
// result at a time. The result passed to fn is valid until fn returns.
type ScoredRun struct {
	Set *criteria.Set
	// AsOf is the day the pre-screen's schedule is read on (--as-of); zero
	// says nothing of what is due.
	AsOf time.Time
	each func(fn func(*scoring.Scored) error) error
	// records, for a run read from files, hands the batches of records
	// read to use, for EachWritten to score on several cores; gate sees
	// the results there.
	records func(use func(batches <-chan recordBatch) error) error
	scoring []scoring.ScorerOption // how its Scorers score (NoShortfalls)
	gate    *Gate
	rows    []PrescreenRow
	// counts are the subjects of each verdict, all of them: rows stops at
	// MaxPrescreenRows, so a run of any size keeps bounded memory.
	counts map[string]int
	seen   int
}

// MaxPrescreenRows is how many subjects the pre-screen summary names; a
// larger run (a simulation, every county of a country) is summarised by
// its counts per verdict beyond them. A municipal batch is 13.
const MaxPrescreenRows = 5000

// Each calls fn with every subject's result in input order. It returns the
// first error of reading, scoring or fn. It keeps a small row of each of
// the first MaxPrescreenRows subjects, and counts every verdict, for the
// pre-screen summary.
func (r *ScoredRun) Each(fn func(*scoring.Scored) error) error {
	r.reset()
	gating := gatingValues(r.Set)
	return r.each(func(x *scoring.Scored) error {
		var row *PrescreenRow
		if len(r.rows) < MaxPrescreenRows {
			pr := prescreenRow(x, gating)
			row = &pr
		}
		r.count(x.Verdict, row)
		return fn(x)
	})
}

// reset forgets the subjects of an earlier pass.
func (r *ScoredRun) reset() {
	r.rows, r.counts, r.seen = r.rows[:0], map[string]int{}, 0
}

// count notes one more subject of verdict, and its pre-screen row when
// the summary names it (row is nil past MaxPrescreenRows).
func (r *ScoredRun) count(verdict string, row *PrescreenRow) {
	r.seen++
	r.counts[verdict]++
	if row != nil && len(r.rows) < MaxPrescreenRows {
		r.rows = append(r.rows, *row)
	}
}

// Prescreen is the summary of the subjects Each went through: nil for a
// run of fewer than two, which needs none.
func (r *ScoredRun) Prescreen() *Prescreen {
	if r.seen < 2 {
		return nil
	}
	return newPrescreen(r.Set, r.rows, r.counts, r.AsOf)
}

// NewScoredRun makes a run whose results come from each, for results made
// elsewhere (tests, benchmarks).
func NewScoredRun(s *criteria.Set, each func(fn func(*scoring.Scored) error) error) *ScoredRun {
	return &ScoredRun{Set: s, each: each}
}

// ScoredResults wraps results already in hand as a run.
func ScoredResults(s *criteria.Set, results []*scoring.Scored) *ScoredRun {
	return NewScoredRun(s, func(fn func(*scoring.Scored) error) error {
		for _, r := range results {
			if err := fn(r); err != nil {
				return err
			}
		}
		return nil
	})
}

// QuotaRun is a run of subjects under a target plan: every subject's
// quotas, and the city-wide roll-up.
type QuotaRun struct {
	Set     *criteria.Set
	Results []*scoring.Quotas
	Rollup  []scoring.RollupRow
}

// Illustrative reports whether any result is example data.
func (r *QuotaRun) Illustrative() bool {
	for _, x := range r.Results {
		if x.Illustrative {
			return true
		}
	}
	return false
}

func (*CriteriaList) Kind() string { return KindCriteriaList }
func (*CriteriaShow) Kind() string { return KindCriteriaShow }
func (*Template) Kind() string     { return KindTemplate }
func (*Explain) Kind() string      { return KindExplain }
func (*ScoredRun) Kind() string    { return KindScoredRun }
func (*QuotaRun) Kind() string     { return KindQuotaRun }
func (*ScoredGaps) Kind() string   { return KindScoredGaps }
func (*QuotaGaps) Kind() string    { return KindQuotaGaps }
func (*Compare) Kind() string      { return KindCompare }
func (*Diff) Kind() string         { return KindDiff }
func (*Trend) Kind() string        { return KindTrend }
