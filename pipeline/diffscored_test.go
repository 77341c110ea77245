package pipeline_test

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"countyscore/inputs"
	"countyscore/pipeline"
)

// reversed writes a copy of the CSV file with its rows after the header
// in reverse order.
func reversed(t *testing.T, file string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	slices.Reverse(lines[1:])
	return write(t, t.TempDir(), filepath.Base(file), strings.Join(lines, "\n")+"\n")
}

// TestDiffOrder: a diff does not depend on the order of either side's
// rows (the sides are read at the same time and joined by name): with
// NEW's rows reversed, its subjects come in reverse order, each the same;
// with OLD's reversed, only the subjects in OLD alone change order. File
// names are the same, so every field can be compared.
func TestDiffOrder(t *testing.T) {
	s := load(t, "garden-county")
	oldFile, newFile := examples+"garden-county.csv", examples+"garden-county-2025.csv"
	diff := func(old, new string) *pipeline.Diff {
		t.Helper()
		doc, err := pipeline.DiffFiles(s, []string{old}, []string{new}, &inputs.Warnings{})
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}
	base := diff(oldFile, newFile)
	if len(base.Subjects) < 10 {
		t.Fatalf("%d subjects on both sides", len(base.Subjects))
	}
	tests := []struct {
		name     string
		old, new string
		subjects func([]pipeline.SubjectDiff) []pipeline.SubjectDiff
	}{
		{name: "new reversed", old: oldFile, new: reversed(t, newFile), subjects: func(l []pipeline.SubjectDiff) []pipeline.SubjectDiff {
			l = slices.Clone(l)
			slices.Reverse(l)
			return l
		}},
		{name: "old reversed", old: reversed(t, oldFile), new: newFile, subjects: slices.Clone[[]pipeline.SubjectDiff]},
		{name: "new as old", old: newFile, new: newFile, subjects: nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := diff(tc.old, tc.new)
			if tc.subjects == nil { // a run against itself: nothing changed, nothing regressed
				for _, d := range got.Subjects {
					if len(d.Changes)+len(d.NewlyMet)+len(d.NewlyFailed) > 0 || d.Regressed || d.OldRank != d.NewRank {
						t.Errorf("%s changed against itself: %+v", d.Subject, d)
					}
				}
				return
			}
			if want := tc.subjects(base.Subjects); !reflect.DeepEqual(got.Subjects, want) {
				t.Errorf("subjects differ:\n%+v\nwant\n%+v", got.Subjects, want)
			}
			if !reflect.DeepEqual(got.OnlyNew, base.OnlyNew) || len(got.OnlyOld) != len(base.OnlyOld) {
				t.Errorf("only new %v, only old %v; want %v, %v", got.OnlyNew, got.OnlyOld, base.OnlyNew, base.OnlyOld)
			}
		})
	}
}

// TestDiffWarnings: each side notes its warnings on its own while both
// are read at once; the run lists OLD's first, then NEW's, as a run
// reading one side after the other would.
func TestDiffWarnings(t *testing.T) {
	s := load(t, "garden-county")
	dir := t.TempDir()
	old := write(t, dir, "old.csv", "subject,year,G10,G09.coverage\n汾阳市,2024,38,0.4\n柳林县,2024,39,0.4\n")
	new := write(t, dir, "new.csv", "subject,year,G09.coverage,G10\n汾阳市,2025,0.5,40\n柳林县,2025,0.3,0.2\n")
	sequential := &inputs.Warnings{}
	for _, f := range []string{old, new} {
		src := inputs.Open([]string{f}, s, sequential)
		src.ByYear = true
		for {
			if _, err := src.Next(); err != nil {
				break
			}
		}
		src.Close()
	}
	warns := &inputs.Warnings{}
	if _, err := pipeline.DiffFiles(s, []string{old}, []string{new}, warns); err != nil {
		t.Fatal(err)
	}
	got, want := warns.List(), sequential.List()
	if len(want) < 2 || !strings.Contains(want[0], "old.csv") || !strings.Contains(want[len(want)-1], "new.csv") || !slices.Equal(got, want) {
		t.Errorf("warnings %q\nwant %q", got, want)
	}
}

// TestDiffOnlyNewInFirstHalf: NEW is joined in two halves at once, each
// into its own part of one list; a subject of the first half found in NEW
// only leaves a gap the second half moves down to fill. The subjects on
// both sides still come in NEW's order, each whole, and the one found in
// NEW only is listed as such.
func TestDiffOnlyNewInFirstHalf(t *testing.T) {
	s := load(t, "garden-county")
	newFile := examples + "garden-county-2025.csv"
	data, err := os.ReadFile(newFile)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	names := func(rows []string) []string {
		var out []string
		for _, l := range rows {
			out = append(out, strings.SplitN(l, ",", 2)[0])
		}
		return out
	}
	all := names(lines[1:])
	if len(all) < 6 {
		t.Fatalf("%d subjects in %s", len(all), newFile)
	}
	tests := []struct {
		name string
		drop []int // rows of NEW (from 0) that OLD lacks
	}{
		{name: "first row", drop: []int{0}},
		{name: "two in the first half", drop: []int{1, 2}},
		{name: "one in each half", drop: []int{1, len(all) - 2}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			kept := []string{lines[0]}
			var want, wantNew []string
			for i, l := range lines[1:] {
				if slices.Contains(tc.drop, i) {
					wantNew = append(wantNew, all[i])
					continue
				}
				kept = append(kept, l)
				want = append(want, all[i])
			}
			oldFile := write(t, t.TempDir(), "old.csv", strings.Join(kept, "\n")+"\n")
			doc, err := pipeline.DiffFiles(s, []string{oldFile}, []string{newFile}, &inputs.Warnings{})
			if err != nil {
				t.Fatal(err)
			}
			var got, gotNew []string
			for _, d := range doc.Subjects {
				if d.OldPoints == nil || d.NewPoints == nil || d.Changes == nil || d.OldVerdict == "" {
					t.Errorf("%q is not whole: %+v", d.Subject, d)
				}
				got = append(got, d.Subject)
			}
			for _, e := range doc.OnlyNew {
				gotNew = append(gotNew, e.Subject)
			}
			if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotNew, wantNew) || len(doc.OnlyOld) != 0 {
				t.Errorf("subjects %v, only new %v, only old %v; want %v, %v, none", got, gotNew, doc.OnlyOld, want, wantNew)
			}
		})
	}
}
