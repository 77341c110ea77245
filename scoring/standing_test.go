package scoring_test

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"

	"countyscore/criteria"
	"countyscore/inputs"
	"countyscore/internal/benchgen"
	"countyscore/scoring"
)

// readAll reads every record of files (and of rows generated subjects,
// when rows > 0) under s.
func readAll(t *testing.T, s *criteria.Set, files []string, rows int) []*inputs.Record {
	t.Helper()
	var recs []*inputs.Record
	next := func(src interface {
		Next() (*inputs.Record, error)
	}) {
		for {
			rec, err := src.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			recs = append(recs, rec)
		}
	}
	for _, f := range files { // one at a time: a subject may be in several
		next(inputs.Open([]string{f}, s, &inputs.Warnings{}))
	}
	if rows > 0 {
		var buf bytes.Buffer
		if err := benchgen.Write(&buf, s, benchgen.Options{Rows: rows, Seed: 7}); err != nil {
			t.Fatal(err)
		}
		r, err := inputs.NewCSV("generated.csv", &buf, s, &inputs.Warnings{})
		if err != nil {
			t.Fatal(err)
		}
		next(r)
	}
	return recs
}

// scorerCase is a criteria set and subjects to score with two Scorers.
type scorerCase struct {
	name  string
	set   string
	files []string
	rows  int // generated subjects
	// verdicts is how many distinct verdicts the subjects must reach,
	// so the comparison covers more than one path.
	verdicts int
}

// scorerCases are the sets and subjects the Scorer options are held to a
// full score on: the examples and generated subjects of garden-county, of
// a set with not-applicable items and of the minimal set.
func scorerCases(t *testing.T) []scorerCase {
	glob := func(pattern string) []string {
		files, err := filepath.Glob(pattern)
		if err != nil || len(files) == 0 {
			t.Fatalf("no files match %s", pattern)
		}
		return files
	}
	return []scorerCase{
		{name: "garden-county examples", set: "garden-county", verdicts: 2,
			files: append([]string{"../inputs/examples/garden-county.csv", "../inputs/examples/garden-county-2025.csv"}, glob("../inputs/examples/garden-county/*.toml")...)},
		{name: "garden-county generated", set: "garden-county", rows: 5000, verdicts: 5},
		{name: "not-applicable examples", set: "../testdata/na/na.toml", verdicts: 2,
			files: []string{"../testdata/na/values.csv", "../testdata/na/values-2024.csv", "../testdata/na/values-2025.csv"}},
		{name: "not-applicable generated", set: "../testdata/na/na.toml", rows: 2000, verdicts: 2},
		{name: "minimal example and generated", set: "../testdata/minimal/minimal.toml", files: []string{"../testdata/minimal/values.csv"}, rows: 2000, verdicts: 2},
	}
}

// load reads case tt's set and subjects.
func (tt scorerCase) load(t *testing.T) (*criteria.Set, []*inputs.Record) {
	t.Helper()
	for _, f := range tt.files {
		if _, err := os.Stat(f); err != nil {
			t.Fatal(err)
		}
	}
	s, err := criteria.Load(tt.set)
	if err != nil {
		t.Fatal(err)
	}
	recs := readAll(t, s, tt.files, tt.rows)
	if len(recs) == 0 {
		t.Fatal("no subjects read")
	}
	return s, recs
}

// TestStandingOnlyEqualsFullScore checks that a Scorer with StandingOnly
// gives every example subject and every generated one the points, the
// verdict and each indicator's points and status (and reason for one that
// does not apply) a full score gives, and the same errors, and leaves the
// optimistic points, the shortfalls and the next line out.
func TestStandingOnlyEqualsFullScore(t *testing.T) {
	for _, tt := range scorerCases(t) {
		t.Run(tt.name, func(t *testing.T) {
			s, recs := tt.load(t)
			full, standing := scoring.NewScorer(s), scoring.NewScorer(s, scoring.StandingOnly())
			verdicts, shortfalls := map[string]bool{}, 0
			for _, rec := range recs {
				want, got := scoreBoth(t, full, standing, rec)
				if want == nil {
					continue
				}
				verdicts[want.Verdict] = true
				if got.Verdict != want.Verdict || got.Points.V.Cmp(want.Points.V) != 0 {
					t.Fatalf("%s: %s %s, full score %s %s", rec.Subject, got.Verdict, got.Points, want.Verdict, want.Points)
				}
				if !got.PointsOptimistic.V.IsZero() {
					t.Fatalf("%s: optimistic points %s, want none (zero)", rec.Subject, got.PointsOptimistic)
				}
				if got.NextLine != nil {
					t.Fatalf("%s: next line %+v, want none", rec.Subject, *got.NextLine)
				}
				for i, w := range want.Indicators {
					g := got.Indicators[i]
					if g.ID != w.ID || g.Status != w.Status || g.Points.V.Cmp(w.Points.V) != 0 ||
						g.Reason != w.Reason || g.ReasonEn != w.ReasonEn || g.NASource != w.NASource {
						t.Fatalf("%s: indicator %+v, full score %+v", rec.Subject, g, w)
					}
					if len(g.Shortfalls) != 0 {
						t.Fatalf("%s: indicator %s has shortfalls %+v", rec.Subject, g.ID, g.Shortfalls)
					}
					shortfalls += len(w.Shortfalls)
				}
			}
			if len(verdicts) < tt.verdicts {
				t.Errorf("the subjects reach %d verdicts (%v), want at least %d", len(verdicts), verdicts, tt.verdicts)
			}
			if shortfalls == 0 {
				t.Error("no subject falls short of anything: nothing left out was checked")
			}
		})
	}
}

// TestNoShortfallsEqualsFullScore checks that a Scorer with NoShortfalls
// gives every example and generated subject the result a full score
// gives, to the byte of its JSON, but for the indicators' shortfalls,
// which it leaves empty.
func TestNoShortfallsEqualsFullScore(t *testing.T) {
	for _, tt := range scorerCases(t) {
		t.Run(tt.name, func(t *testing.T) {
			s, recs := tt.load(t)
			full, bare := scoring.NewScorer(s), scoring.NewScorer(s, scoring.NoShortfalls())
			shortfalls := 0
			for _, rec := range recs {
				want, got := scoreBoth(t, full, bare, rec)
				if want == nil {
					continue
				}
				for i := range want.Indicators {
					shortfalls += len(want.Indicators[i].Shortfalls)
					want.Indicators[i].Shortfalls = []scoring.Shortfall{}
				}
				w, err := json.Marshal(want)
				if err != nil {
					t.Fatal(err)
				}
				g, err := json.Marshal(got)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(g, w) {
					t.Fatalf("%s:\n%s\nfull score without its shortfalls:\n%s", rec.Subject, g, w)
				}
			}
			if shortfalls == 0 {
				t.Error("no subject falls short of anything: nothing left out was checked")
			}
		})
	}
}

// scoreBoth scores rec with full and with other: both results, or nil for
// both when both fail with the same error; a different error fails t.
func scoreBoth(t *testing.T, full, other *scoring.Scorer, rec *inputs.Record) (want, got *scoring.Scored) {
	t.Helper()
	want, errWant := full.Score(rec)
	got, errGot := other.Score(rec)
	if (errWant == nil) != (errGot == nil) || errWant != nil && errWant.Error() != errGot.Error() {
		t.Fatalf("%s: error %v, full score's %v", rec.Subject, errGot, errWant)
	}
	if errWant != nil {
		return nil, nil
	}
	return want, got
}
