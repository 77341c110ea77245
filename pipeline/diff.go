package pipeline

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"countyscore/criteria"
	"countyscore/inputs"
	"countyscore/scoring"
	"countyscore/tomlpos"
)

// Diff is what changed for each subject between two runs of one criteria
// set (OLD and NEW, each one or more files): points or quotas met, verdict
// and rank before and after, what was newly met and newly failed, and
// every value that moved, with its movement toward or away from what its
// condition requires even where the points did not change.
type Diff struct {
	Set *criteria.Set
	// Subjects is empty in a streamed diff until Materialize: EachSubject
	// gives them either way.
	Subjects     []SubjectDiff
	OnlyOld      []Entry // subjects in OLD only
	OnlyNew      []Entry // subjects in NEW only
	Illustrative bool
	stream       *diffStream // a streamed diff's sides, until Materialize
}

// SubjectDiff is one subject present on both sides.
type SubjectDiff struct {
	Subject      string `json:"subject"`
	OldYear      int    `json:"old_year,omitempty"`
	NewYear      int    `json:"new_year,omitempty"`
	Illustrative bool   `json:"illustrative"`
	// Points of a scored standard; Met and Quotas of a target plan.
	OldPoints   *scoring.Number    `json:"old_points,omitempty"`
	NewPoints   *scoring.Number    `json:"new_points,omitempty"`
	OldMet      *int               `json:"old_met,omitempty"`
	NewMet      *int               `json:"new_met,omitempty"`
	OldQuotas   *int               `json:"old_quotas,omitempty"`
	NewQuotas   *int               `json:"new_quotas,omitempty"`
	OldVerdict  string             `json:"old_verdict"`
	NewVerdict  string             `json:"new_verdict"`
	OldRank     int                `json:"old_rank"`
	NewRank     int                `json:"new_rank"`
	NewlyMet    []string           `json:"newly_met"`
	NewlyFailed []string           `json:"newly_failed"`
	Changes     []scoring.Movement `json:"changes"`
	// Regressed: the subject lost points (a quota set: met fewer quotas)
	// or fell to a worse verdict.
	Regressed bool `json:"regressed"`
	// NotApplicable are the items that do not apply on either side, with
	// their state on each side and the criteria's reason: such an item is
	// never newly met or newly failed.
	NotApplicable []NAChange `json:"not_applicable,omitempty"`
}

// States of an item on one side of a diff, for NAChange.
const (
	StateMet    = "met"
	StateNotMet = "not-met"
)

// NAChange is an item that does not apply on one side of a diff or both:
// Old and New are StateMet, StateNotMet or scoring.StatusNA; the reason is
// that of the side on which it does not apply (NEW's when both).
type NAChange struct {
	ID       string `json:"id"`
	Old      string `json:"old"`
	New      string `json:"new"`
	Reason   string `json:"reason"`
	ReasonEn string `json:"reason_en,omitempty"`
	Source   string `json:"na_source"`
}

// naChange is the change of item id between two states, one of them at
// least not applicable with reason r.
func naChange(id, old, new string, r NAItem) NAChange {
	return NAChange{ID: id, Old: old, New: new, Reason: r.Reason, ReasonEn: r.ReasonEn, Source: r.Source}
}

// withoutIDs is ids less those in drop.
func withoutIDs(ids []string, drop []NAChange) []string {
	return slices.DeleteFunc(ids, func(id string) bool {
		return slices.ContainsFunc(drop, func(c NAChange) bool { return c.ID == id })
	})
}

// DiffFiles compares the runs of oldFiles and newFiles under s. Each side
// holds a subject once: a side with two years of one subject is bad input,
// and so is a file written for another criteria set.
func DiffFiles(s *criteria.Set, oldFiles, newFiles []string, warns *inputs.Warnings, opts ...Option) (*Diff, error) {
	others := otherSets{}
	for _, f := range append(slices.Clone(oldFiles), newFiles...) {
		if err := checkSetOf(s, f, others); err != nil {
			return nil, err
		}
	}
	if !s.IsScored() {
		oldRecs, err := readSide(s, oldFiles, warns)
		if err != nil {
			return nil, err
		}
		newRecs, err := readSide(s, newFiles, warns)
		if err != nil {
			return nil, err
		}
		return diffQuotas(s, oldRecs, newRecs, warns)
	}
	return diffScored(s, oldFiles, newFiles, warns, configure(opts).streamed)
}

// readSide reads one side of a diff: one record per subject.
func readSide(s *criteria.Set, files []string, warns *inputs.Warnings) ([]*inputs.Record, error) {
	recs, err := readYears(s, files, warns)
	if err != nil {
		return nil, err
	}
	first := map[string]*inputs.Record{}
	for _, r := range recs {
		if f, ok := first[r.Subject]; ok {
			return nil, &inputs.Error{File: r.File, Line: yearLine(r), Field: "year",
				Msg: fmt.Sprintf("%s is given for %d here and for %d at %s; each side of a diff holds one year of a subject (use trend for several)",
					r.Subject, r.Year, f.Year, placeOf(f))}
		}
		first[r.Subject] = r
	}
	return recs, nil
}

func placeOf(r *inputs.Record) string {
	if l := yearLine(r); l > 0 {
		return fmt.Sprintf("%s:%d", r.File, l)
	}
	return r.File
}

// otherSets loads each built-in set once for checkSetOf, however many
// files and columns ask (nil: one that does not load).
type otherSets map[string]*criteria.Set

func (o otherSets) load(id string) *criteria.Set {
	if set, ok := o[id]; ok {
		return set
	}
	set, err := criteria.Load(id)
	if err != nil {
		set = nil
	}
	o[id] = set
	return set
}

// checkSetOf refuses a file written for another built-in criteria set: a
// TOML file holding another set's table, a CSV whose header names another
// set's measure that s does not have.
func checkSetOf(s *criteria.Set, file string, others otherSets) error {
	other := func(field string, line int, id string) error {
		return &inputs.Error{File: file, Line: line, Field: field,
			Msg: fmt.Sprintf("this file holds values for %s, not %s; a diff compares two runs of one criteria set", id, s.ID)}
	}
	switch strings.ToLower(filepath.Ext(file)) {
	case ".toml":
		data, err := os.ReadFile(file)
		if err != nil || len(data) > inputs.MaxTOMLSize {
			return nil // the reader reports it
		}
		ix := tomlpos.Parse(string(data))
		if ix.Line(tomlpos.Key(s.ID)) > 0 {
			return nil
		}
		for _, id := range criteria.BuiltinIDs() {
			if l := ix.Line(tomlpos.Key(id)); l > 0 && id != s.ID {
				return other("["+id+"]", l, id)
			}
		}
	case ".csv":
		f, err := os.Open(file)
		if err != nil {
			return nil
		}
		defer f.Close()
		head, err := csv.NewReader(bufio.NewReader(f)).Read()
		if err != nil {
			return nil
		}
		for _, col := range head {
			col = strings.TrimSpace(strings.TrimPrefix(col, "\ufeff"))
			if _, ok := s.MeasureIndex(col); ok {
				continue
			}
			for _, id := range criteria.BuiltinIDs() {
				if id == s.ID {
					continue
				}
				if o := others.load(id); o != nil {
					if _, ok := o.MeasureIndex(col); ok {
						return other(col, 1, id)
					}
				}
			}
		}
	}
	return nil
}

func (doc *Diff) illustrate(sides ...[]*inputs.Record) {
	for _, recs := range sides {
		for _, r := range recs {
			doc.Illustrative = doc.Illustrative || r.Illustrative
		}
	}
}

// quotaSide evaluates one side of a quota diff (each year on its own)
// and ranks its subjects.
func quotaSide(s *criteria.Set, recs []*inputs.Record, warns *inputs.Warnings) ([]*scoring.Quotas, []int, error) {
	years, err := evaluateQuotaYears(s, recs, warns)
	if err != nil {
		return nil, nil, err
	}
	var results []*scoring.Quotas
	for _, y := range years {
		results = append(results, y.Results...)
	}
	st := make([]scoring.QuotaStanding, len(results))
	for i, r := range results {
		st[i] = scoring.StandingOf(r)
	}
	return results, scoring.CompetitionRanks(len(results), func(i, j int) int { return scoring.CompareQuota(st[i], st[j]) }), nil
}

func diffQuotas(s *criteria.Set, oldRecs, newRecs []*inputs.Record, warns *inputs.Warnings) (*Diff, error) {
	olds, oldRanks, err := quotaSide(s, oldRecs, warns)
	if err != nil {
		return nil, err
	}
	news, newRanks, err := quotaSide(s, newRecs, warns)
	if err != nil {
		return nil, err
	}
	doc := &Diff{Set: s, Subjects: []SubjectDiff{}, OnlyOld: []Entry{}, OnlyNew: []Entry{}}
	oldOf := map[string]int{}
	for i, o := range olds {
		oldOf[o.Subject] = i
	}
	inNew := map[string]bool{}
	for j, n := range news {
		inNew[n.Subject] = true
		i, ok := oldOf[n.Subject]
		if !ok {
			doc.OnlyNew = append(doc.OnlyNew, Entry{Subject: n.Subject, Year: n.Year, Illustrative: n.Illustrative})
			continue
		}
		o := olds[i]
		so, sn := scoring.StandingOf(o), scoring.StandingOf(n)
		d := SubjectDiff{Subject: n.Subject, OldYear: o.Year, NewYear: n.Year, Illustrative: o.Illustrative || n.Illustrative,
			OldMet: &so.Met, NewMet: &sn.Met, OldQuotas: &so.Quotas, NewQuotas: &sn.Quotas,
			OldVerdict: o.Verdict, NewVerdict: n.Verdict, OldRank: oldRanks[i], NewRank: newRanks[j],
			NewlyMet: []string{}, NewlyFailed: []string{}, Changes: []scoring.Movement{}}
		before := map[string]scoring.Quota{}
		for _, q := range o.Quotas {
			before[q.ID] = q
		}
		for _, q := range n.Quotas {
			b, ok := before[q.ID]
			if q.Status == scoring.StatusNA || ok && b.Status == scoring.StatusNA {
				d.NotApplicable = append(d.NotApplicable, quotaNAChange(b, q, ok))
				continue
			}
			if !ok {
				if q.Met {
					d.NewlyMet = append(d.NewlyMet, q.ID)
				}
				continue
			}
			switch {
			case q.Met && !b.Met:
				d.NewlyMet = append(d.NewlyMet, q.ID)
			case b.Met && !q.Met:
				d.NewlyFailed = append(d.NewlyFailed, q.ID)
			}
			if numChanged(b.Actual, q.Actual) || numChanged(b.Target, q.Target) {
				mv := scoring.MoveQuota(b, q)
				mv.Measure = q.ID
				d.Changes = append(d.Changes, mv)
			}
		}
		d.Regressed = sn.Met < so.Met || scoring.VerdictOrder(s, n.Verdict) < scoring.VerdictOrder(s, o.Verdict)
		doc.Subjects = append(doc.Subjects, d)
	}
	for _, o := range olds {
		if !inNew[o.Subject] {
			doc.OnlyOld = append(doc.OnlyOld, Entry{Subject: o.Subject, Year: o.Year, Illustrative: o.Illustrative})
		}
	}
	doc.illustrate(oldRecs, newRecs)
	return doc, nil
}

// quotaNAChange is the change of a quota line that does not apply on at
// least one side (known: OLD has the line).
func quotaNAChange(b, q scoring.Quota, known bool) NAChange {
	state := func(q scoring.Quota) string {
		switch {
		case q.Status == scoring.StatusNA:
			return scoring.StatusNA
		case q.Met:
			return StateMet
		}
		return StateNotMet
	}
	old := ""
	if known {
		old = state(b)
	}
	r := naOfQuota("", q)
	if q.Status != scoring.StatusNA {
		r = naOfQuota("", b)
	}
	return naChange(q.ID, old, state(q), r)
}

func numChanged(a, b *scoring.Number) bool {
	if (a == nil) != (b == nil) {
		return true
	}
	return a != nil && a.V.Cmp(b.V) != 0
}

// Regressions lists the subjects that lost points or fell to a worse
// verdict, for --fail-on-regression.
func (doc *Diff) Regressions() []string {
	if doc.stream != nil {
		return doc.stream.regressions()
	}
	var out []string
	for _, d := range doc.Subjects {
		if d.Regressed {
			out = append(out, d.Subject)
		}
	}
	return out
}
