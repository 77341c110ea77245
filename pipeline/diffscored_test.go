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
