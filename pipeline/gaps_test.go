package pipeline_test

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
	"countyscore/pipeline"
	"countyscore/scoring"
)

// TestScoredGapsCompactRows: the gaps document keeps each row packed in 32
// bytes and makes it whole when printed; every row it gives back is the
// one a plain list of whole results would hold, in the same order (gates
// first, then points lost; missing values gating first, then the points
// at stake), reasons, prerequisite rows and points at stake included.
func TestScoredGapsCompactRows(t *testing.T) {
	tests := []struct {
		name string
		set  string
		file string
		// blank and falsify make a harsher variant: every n-th cell blanked,
		// every m-th true turned false (0: left as is).
		blank, falsify int
		// reasons must each come on some row, so the variant tests them.
		reasons []string
	}{
		{name: "garden-county example", set: "garden-county", file: examples + "garden-county.csv"},
		{name: "garden-county, cells blanked and falsified", set: "garden-county", file: examples + "garden-county.csv", blank: 7, falsify: 5,
			reasons: []string{pipeline.ReasonVeto, pipeline.ReasonPrerequisite, pipeline.ReasonBaseline, pipeline.ReasonMissing, pipeline.ReasonPoints}},
		{name: "garden-county, prerequisites blanked", set: "garden-county", file: examples + "garden-county.csv", blank: 3,
			reasons: []string{pipeline.ReasonMissing}},
		{name: "garden-county 2025 example, every 11th cell blanked", set: "garden-county", file: examples + "garden-county-2025.csv", blank: 11},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := load(t, tc.set)
			file := tc.file
			if tc.blank > 0 || tc.falsify > 0 {
				file = harsher(t, tc.file, tc.blank, tc.falsify)
			}
			doc, err := pipeline.Gaps(s, []string{file}, &inputs.Warnings{})
			if err != nil {
				t.Fatal(err)
			}
			g, ok := doc.(*pipeline.ScoredGaps)
			if !ok {
				t.Fatalf("gaps of %s made a %T", tc.set, doc)
			}
			wantLost, wantUnknown := referenceGaps(t, s, file)
			if len(wantLost)+len(wantUnknown) == 0 {
				t.Fatal("the input loses nothing: the test would compare nothing")
			}
			var gotLost, gotUnknown []pipeline.Lost
			for i := range g.Len() {
				gotLost = append(gotLost, g.LostAt(i))
			}
			for i := range g.UnknownLen() {
				gotUnknown = append(gotUnknown, g.UnknownAt(i))
			}
			for _, reason := range tc.reasons {
				if !slices.ContainsFunc(append(gotLost, gotUnknown...), func(l pipeline.Lost) bool { return l.Reason == reason }) {
					t.Errorf("no row for the reason %s", reason)
				}
			}
			if tc.blank == 3 && !slices.ContainsFunc(gotUnknown, func(l pipeline.Lost) bool { return strings.HasPrefix(l.ID, "P") }) {
				t.Error("no missing prerequisite among the unknown rows")
			}
			same(t, "lost", gotLost, wantLost)
			same(t, "unknown", gotUnknown, wantUnknown)
			var all []pipeline.Lost
			for _, l := range g.All() {
				all = append(all, l)
			}
			same(t, "All", all, append(wantLost, wantUnknown...))
			var heads, bare []pipeline.Lost
			for i, l := range all {
				heads = append(heads, g.HeadAt(i))
				l.Shortfalls = nil
				bare = append(bare, l)
			}
			same(t, "HeadAt", heads, bare)
		})
	}
}

// same compares two lists of rows as JSON prints them.
func same(t *testing.T, what string, got, want []pipeline.Lost) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d rows, want %d", what, len(got), len(want))
	}
	for i := range got {
		a, _ := json.Marshal(got[i])
		b, _ := json.Marshal(want[i])
		if string(a) != string(b) {
			t.Errorf("%s row %d:\n got %s\nwant %s", what, i, a, b)
		}
	}
}

// harsher writes a copy of file with every blank-th value cell emptied and
// every falsify-th "true" made "false".
func harsher(t *testing.T, file string, blank, falsify int) string {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, row := range rows[1:] {
		for k := range row {
			if k < 4 || row[k] == "" { // subject, population, year, illustrative
				continue
			}
			n++
			switch {
			case blank > 0 && n%blank == 0:
				row[k] = ""
			case falsify > 0 && n%falsify == 0 && row[k] == "true":
				row[k] = "false"
			}
		}
	}
	out := filepath.Join(t.TempDir(), filepath.Base(file))
	w, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	cw := csv.NewWriter(w)
	if err := cw.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return out
}

// referenceGaps lists the rows of gaps from whole results, kept whole and
// sorted as one list: the plain form the packed rows stand for.
func referenceGaps(t *testing.T, s *criteria.Set, file string) (lost, unknown []pipeline.Lost) {
	t.Helper()
	src := inputs.Open([]string{file}, s, &inputs.Warnings{})
	defer src.Close()
	scorer := scoring.NewScorer(s)
	zero := scoring.N(exact.Zero)
	for {
		rec, err := src.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		r, err := scorer.Score(rec)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range r.PrerequisitesUnmet {
			lost = append(lost, pipeline.Lost{Subject: r.Subject, ID: id, Reason: pipeline.ReasonPrerequisite, Points: zero, MaxPoints: zero,
				Lost: zero, Status: scoring.StatusUnmet, Shortfalls: []scoring.Shortfall{}})
		}
		for _, p := range s.Prerequisites {
			if slices.Contains(r.GatingMissing, p.ID) {
				z := zero
				unknown = append(unknown, pipeline.Lost{Subject: r.Subject, ID: p.ID, Reason: pipeline.ReasonMissing, Points: zero, MaxPoints: zero,
					Lost: zero, AtStake: &z, Status: scoring.StatusMissing, Shortfalls: []scoring.Shortfall{}})
			}
		}
		for i, ind := range r.Indicators {
			def := &s.Indicators[i]
			d, _ := exact.Sub(ind.MaxPoints.V, ind.Points.V)
			l := pipeline.Lost{Subject: r.Subject, ID: ind.ID, Reason: pipeline.ReasonPoints, Points: ind.Points, MaxPoints: ind.MaxPoints,
				Lost: scoring.N(d), Status: ind.Status, Shortfalls: scoring.CloneShortfalls(ind.Shortfalls)}
			switch {
			case ind.Status == scoring.StatusMissing:
				if gatingRef(def, r.GatingMissing) {
					l.Reason = pipeline.ReasonMissing
				}
				stake := ind.MaxPoints
				l.AtStake = &stake
				unknown = append(unknown, l)
			case slices.Contains(r.VetoFailures, ind.ID):
				l.Reason = pipeline.ReasonVeto
				lost = append(lost, l)
			case slices.Contains(r.BaselineFailures, ind.ID):
				l.Reason = pipeline.ReasonBaseline
				lost = append(lost, l)
			case d.IsPos():
				lost = append(lost, l)
			}
		}
	}
	rank := map[string]int{pipeline.ReasonVeto: 0, pipeline.ReasonPrerequisite: 1, pipeline.ReasonBaseline: 2, pipeline.ReasonMissing: 3, pipeline.ReasonPoints: 4}
	slices.SortStableFunc(lost, func(a, b pipeline.Lost) int {
		if c := rank[a.Reason] - rank[b.Reason]; c != 0 {
			return c
		}
		if c := a.Lost.V.Cmp(b.Lost.V); c != 0 {
			return -c
		}
		return strings.Compare(a.Subject, b.Subject)
	})
	slices.SortStableFunc(unknown, func(a, b pipeline.Lost) int {
		if c := rank[a.Reason] - rank[b.Reason]; c != 0 {
			return c
		}
		if c := a.AtStake.V.Cmp(b.AtStake.V); c != 0 {
			return -c
		}
		return strings.Compare(a.Subject, b.Subject)
	})
	return lost, unknown
}

// gatingRef reports whether a missing value of ind decides a verdict.
func gatingRef(ind *criteria.Indicator, gatingMissing []string) bool {
	for _, req := range ind.Require {
		for _, c := range req.Conditions {
			if slices.Contains(gatingMissing, c.Measure) && (ind.Baseline || req.Veto) {
				return true
			}
		}
	}
	return false
}
