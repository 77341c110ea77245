package pipeline_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"countyscore/inputs"
	"countyscore/pipeline"
)

func write(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestYears: a subject may appear once per year; the same subject twice
// in one year, and a year outside a plan's years, are bad input named by
// file, line and field; files without a year behave as before.
func TestYears(t *testing.T) {
	dir := t.TempDir()
	y24 := write(t, dir, "a.csv", "subject,year,G10\n汾阳市,2024,38\n柳林县,2024,39\n")
	y25 := write(t, dir, "b.csv", "subject,year,G10\n汾阳市,2025,40\n")
	dup := write(t, dir, "c.csv", "subject,year,G10\n柳林县,2025,1\n汾阳市,2024,2\n")
	noYear1 := write(t, dir, "d.csv", "subject,G10\n汾阳市,38\n")
	noYear2 := write(t, dir, "e.csv", "subject,G10\n汾阳市,39\n")
	fitLate := write(t, dir, "f.csv", "subject,year,F03\n中阳县,2024,3\n临县,2026,4\n")
	fitEarly := write(t, dir, "g.toml", "subject = \"中阳县\"\n\nyear = 2022\n[fitness-2025]\nF03 = 3\n")
	garden, fitness := load(t, "garden-county"), load(t, "fitness-2025")
	tests := []struct {
		name  string
		set   string
		files []string
		err   string // "" when the run is accepted
		cols  int
	}{
		{name: "one subject in two years", set: "garden", files: []string{y24, y25}, cols: 3},
		{name: "same subject twice in one year across files", set: "garden", files: []string{y24, dup},
			err: dup + ":3: subject: 汾阳市 appears twice for the year 2024 (first at " + y24 + ":2)"},
		{name: "no year: once per run as before", set: "garden", files: []string{noYear1, noYear2},
			err: noYear2 + ":2: subject: 汾阳市 appears twice without a year"},
		{name: "a year after the plan's", set: "fitness", files: []string{fitLate},
			err: fitLate + ":3: year: 2026 is outside the years 2023–2025 of fitness-2025"},
		{name: "a year before the plan's, in TOML, names the year's line", set: "fitness", files: []string{fitEarly},
			err: fitEarly + ":3: year: 2022 is outside the years 2023–2025 of fitness-2025"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := garden
			if tc.set == "fitness" {
				s = fitness
			}
			doc, err := pipeline.CompareFiles(s, tc.files, nil, pipeline.CompareView{}, &inputs.Warnings{})
			if tc.err == "" {
				if err != nil {
					t.Fatal(err)
				}
				if len(doc.Columns) != tc.cols {
					t.Errorf("%d columns, want %d", len(doc.Columns), tc.cols)
				}
				for _, c := range doc.Columns {
					if c.Year == 0 {
						t.Errorf("column %s carries no year", c.Subject)
					}
				}
				return
			}
			var ie *inputs.Error
			if err == nil || !errors.As(err, &ie) || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("error %v\nwant one containing %q", err, tc.err)
			}
		})
	}
}

// TestQuotaYearsApart: each year of a quota run is evaluated on its own,
// so the city-wide sums of 2024 and 2025 are not added together.
func TestQuotaYearsApart(t *testing.T) {
	s := load(t, "fitness-2025")
	files := []string{examples + "fitness-2025.csv", examples + "fitness-2025-2025.csv"}
	doc, err := pipeline.CompareFiles(s, files, nil, pipeline.CompareView{}, &inputs.Warnings{})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.RollupYears) != 2 || doc.RollupYears[0] != 2024 || doc.RollupYears[1] != 2025 {
		t.Fatalf("roll-up years %v", doc.RollupYears)
	}
	for _, row := range doc.Rows {
		if row.ID != "F03" {
			continue
		}
		// F03 km summed over the counties: 412.5 in 2024, 466.5 in 2025.
		if got := []string{row.City[0].Actual.String(), row.City[1].Actual.String()}; got[0] != "412.5" || got[1] != "466.5" {
			t.Errorf("city-wide F03 %v, want [412.5 466.5]", got)
		}
		return
	}
	t.Error("no F03 row")
}

func TestSubjectFilter(t *testing.T) {
	s := load(t, "garden-county")
	files := []string{examples + "garden-county.csv", examples + "garden-county-2025.csv"}
	tests := []struct {
		name string
		pick pipeline.SubjectFilter
		want []string
		err  string
	}{
		{name: "order as named, years earliest first", pick: pipeline.SubjectFilter{"柳林", "中阳县"}, want: []string{"柳林县 2024", "柳林县 2025", "中阳县 2024", "中阳县 2025"}},
		{name: "a subject in one year only", pick: pipeline.SubjectFilter{"石楼县"}, want: []string{"石楼县 2024"}},
		{name: "unknown name", pick: pipeline.SubjectFilter{"柳林郡"}, err: `--subjects: no subject "柳林郡" in the input; did you mean "柳林县"?`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := pipeline.CompareFiles(s, files, tc.pick, pipeline.CompareView{}, &inputs.Warnings{})
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Errorf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range doc.Columns {
				got = append(got, c.Label())
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("columns %v, want %v", got, tc.want)
			}
		})
	}
}

// TestDiffRefuses: a diff between files of two criteria sets, and a side
// holding two years of one subject.
func TestDiffRefuses(t *testing.T) {
	dir := t.TempDir()
	s := load(t, "garden-county")
	twoYears := write(t, dir, "two.csv", "subject,year,G10\n汾阳市,2024,38\n汾阳市,2025,39\n")
	twoYearsToo := write(t, dir, "too.csv", "subject,year,G10\n柳林县,2024,38\n柳林县,2025,39\n")
	tests := []struct {
		name     string
		old, new []string
		err      string
	}{
		{name: "a TOML file of another set", old: []string{examples + "garden-county.csv"}, new: []string{examples + "fitness-2025/中阳县.toml"},
			err: "fitness-2025/中阳县.toml:13: [fitness-2025]: this file holds values for fitness-2025, not garden-county"},
		{name: "a CSV of another set", old: []string{examples + "fitness-2025.csv"}, new: []string{examples + "garden-county.csv"},
			err: "fitness-2025.csv:1: F01.baseline: this file holds values for fitness-2025, not garden-county"},
		{name: "two years of one subject on a side", old: []string{twoYears}, new: []string{examples + "garden-county.csv"},
			err: "two.csv:3: year: 汾阳市 is given for 2025 here and for 2024 at"},
		{name: "two years of one subject on the new side", old: []string{examples + "garden-county.csv"}, new: []string{twoYears},
			err: "two.csv:3: year: 汾阳市 is given for 2025 here and for 2024 at"},
		{name: "both sides bad: the old side's error, as if read first", old: []string{twoYears}, new: []string{twoYearsToo},
			err: "two.csv:3: year: 汾阳市 is given for 2025 here"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := pipeline.DiffFiles(s, tc.old, tc.new, &inputs.Warnings{})
			var ie *inputs.Error
			if err == nil || !errors.As(err, &ie) || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("error %v\nwant one containing %q", err, tc.err)
			}
		})
	}
}

// TestDiffScored checks the example diff: points, newly met and failed,
// a movement without a change of points, the regression and the subject
// reported in one year only.
func TestDiffScored(t *testing.T) {
	s := load(t, "garden-county")
	doc, err := pipeline.DiffFiles(s, []string{examples + "garden-county.csv"}, []string{examples + "garden-county-2025.csv"}, &inputs.Warnings{})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.OnlyOld) != 1 || doc.OnlyOld[0].Subject != "石楼县" || len(doc.OnlyNew) != 0 {
		t.Errorf("only old %v, only new %v", doc.OnlyOld, doc.OnlyNew)
	}
	if got := doc.Regressions(); strings.Join(got, ",") != "方山县" {
		t.Errorf("regressions %v, want [方山县]", got)
	}
	for _, d := range doc.Subjects {
		if d.Subject != "中阳县" {
			continue
		}
		if d.OldPoints.String() != "61" || d.NewPoints.String() != "63" {
			t.Errorf("points %s → %s", d.OldPoints, d.NewPoints)
		}
		found := false
		for _, m := range d.Changes {
			if m.Measure == "G29.1" {
				found = true
				if m.Direction != "toward" || m.ToGo == nil || m.ToGo.String() != "8" {
					t.Errorf("G29.1 65 → 72 against > 80: %+v", m)
				}
			}
		}
		if !found {
			t.Error("G29.1 moved without a change of points and is not listed")
		}
	}
}
