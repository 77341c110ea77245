package pipeline_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"countyscore/inputs"
	"countyscore/pipeline"
	"countyscore/scoring"
)

const (
	naSet   = "../testdata/na/na.toml"
	naYear1 = "../testdata/na/values-2024.csv"
	naYear2 = "../testdata/na/values-2025.csv"
)

// TestDiffNotApplicable: an item that does not apply on a side is listed
// with its state on each side and the reason, and is never newly met or
// newly failed, in a scored set and in a quota set.
func TestDiffNotApplicable(t *testing.T) {
	// the environment example with 汾阳市's W10, typed 不适用, now measured
	data, err := os.ReadFile(examples + "environment-2023.csv")
	if err != nil {
		t.Fatal(err)
	}
	measured := filepath.Join(t.TempDir(), "env.csv")
	if err := os.WriteFile(measured, []byte(strings.Replace(string(data), ",不适用,", ",95,", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		set      string
		old, new string
		subject  string
		want     pipeline.NAChange
	}{
		{name: "met to not applicable", set: naSet, old: naYear1, new: naYear2, subject: "文水县",
			want: pipeline.NAChange{ID: "I3", Old: pipeline.StateMet, New: scoring.StatusNA, Reason: "本地无考核断面", ReasonEn: "no monitored section here", Source: "input"}},
		{name: "not applicable to met", set: naSet, old: naYear1, new: naYear2, subject: "孝义市",
			want: pipeline.NAChange{ID: "I3", Old: scoring.StatusNA, New: pipeline.StateMet, Reason: "本地无考核断面", ReasonEn: "no monitored section here", Source: "input"}},
		{name: "declared on both sides", set: naSet, old: naYear1, new: naYear2, subject: "吕梁经开区",
			want: pipeline.NAChange{ID: "I4", Old: scoring.StatusNA, New: scoring.StatusNA, Reason: "经开区污水由所在县处理", ReasonEn: "a zone's sewage is treated by its county", Source: "criteria"}},
		{name: "a quota line to not applicable", set: "environment-2023", old: measured, new: examples + "environment-2023.csv", subject: "汾阳市",
			want: pipeline.NAChange{ID: "W10", Old: pipeline.StateMet, New: scoring.StatusNA, Reason: "辖区内无已建成的农村污水处理设施", ReasonEn: "no rural sewage facility built in the area", Source: "input"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := pipeline.DiffFiles(load(t, tc.set), []string{tc.old}, []string{tc.new}, &inputs.Warnings{})
			if err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(doc.Subjects, func(d pipeline.SubjectDiff) bool { return d.Subject == tc.subject })
			if i < 0 {
				t.Fatalf("no subject %s", tc.subject)
			}
			d := doc.Subjects[i]
			if !slices.Contains(d.NotApplicable, tc.want) {
				t.Errorf("not applicable %+v, want it to hold %+v", d.NotApplicable, tc.want)
			}
			if slices.Contains(d.NewlyMet, tc.want.ID) || slices.Contains(d.NewlyFailed, tc.want.ID) {
				t.Errorf("%s listed as newly met %v or failed %v", tc.want.ID, d.NewlyMet, d.NewlyFailed)
			}
			for _, m := range d.Changes {
				if m.Item == tc.want.ID {
					t.Errorf("%s has a value movement %+v", tc.want.ID, m)
				}
			}
		})
	}
}

// TestTrendNotApplicable: a year in which an item does not apply lists it
// with the reason, and a change to or from 不适用 is marked as such.
func TestTrendNotApplicable(t *testing.T) {
	tests := []struct {
		name         string
		subject      string
		year         int
		na           []string // the items not applicable that year
		id           string   // a change of that year
		oldNA, newNA bool
	}{
		{name: "met, then not applicable", subject: "文水县", year: 2025, na: []string{"I3"}, id: "I3", newNA: true},
		{name: "from not applicable", subject: "孝义市", year: 2025, id: "I3", oldNA: true},
	}
	doc, err := pipeline.TrendFiles(load(t, naSet), []string{naYear1, naYear2}, &inputs.Warnings{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			i := slices.IndexFunc(doc.Subjects, func(s pipeline.SubjectTrend) bool { return s.Subject == tc.subject })
			if i < 0 {
				t.Fatalf("no subject %s", tc.subject)
			}
			y := doc.Subjects[i].Years[slices.IndexFunc(doc.Subjects[i].Years, func(y pipeline.TrendYear) bool { return y.Year == tc.year })]
			var na []string
			for _, n := range y.NotApplicable {
				na = append(na, n.ID)
				if n.Reason == "" {
					t.Errorf("%s has no reason", n.ID)
				}
			}
			if !slices.Equal(na, tc.na) {
				t.Errorf("not applicable %v, want %v", na, tc.na)
			}
			c := slices.IndexFunc(y.Changed, func(c pipeline.Change) bool { return c.ID == tc.id })
			if c < 0 {
				t.Fatalf("no change of %s in %+v", tc.id, y.Changed)
			}
			if y.Changed[c].OldNA != tc.oldNA || y.Changed[c].NewNA != tc.newNA {
				t.Errorf("change %+v, want old n/a %t, new n/a %t", y.Changed[c], tc.oldNA, tc.newNA)
			}
		})
	}
}

// TestRollupNotApplicable: a roll-up row names the subjects it does not
// apply to, and only those.
func TestRollupNotApplicable(t *testing.T) {
	tests := []struct {
		name string
		row  string
		want []string
	}{
		{name: "declared for a district", row: "W05", want: []string{"离石区"}},
		{name: "typed 不适用", row: "W10", want: []string{"汾阳市"}},
		{name: "applies to all", row: "W01", want: nil},
	}
	doc, err := pipeline.Score(load(t, "environment-2023"), []string{examples + "environment-2023.csv"}, &inputs.Warnings{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	run, ok := doc.(*pipeline.QuotaRun)
	if !ok {
		t.Fatalf("a %T, want a quota run", doc)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			i := slices.IndexFunc(run.Rollup, func(r scoring.RollupRow) bool { return r.ID == tc.row })
			if i < 0 {
				t.Fatalf("no roll-up row %s", tc.row)
			}
			if got := run.Rollup[i].NotApplicable; !slices.Equal(got, tc.want) {
				t.Errorf("not applicable %v, want %v", got, tc.want)
			}
		})
	}
}

// TestTrendQuotaNotApplicable: a quota line that does not apply is listed
// with its reason in its year and its progress point is marked.
func TestTrendQuotaNotApplicable(t *testing.T) {
	tests := []struct {
		name, subject, id string
	}{
		{name: "declared", subject: "离石区", id: "W05"},
		{name: "typed 不适用", subject: "汾阳市", id: "W10"},
	}
	doc, err := pipeline.TrendFiles(load(t, "environment-2023"), []string{examples + "environment-2023.csv"}, &inputs.Warnings{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			i := slices.IndexFunc(doc.Subjects, func(s pipeline.SubjectTrend) bool { return s.Subject == tc.subject })
			if i < 0 {
				t.Fatalf("no subject %s", tc.subject)
			}
			st := doc.Subjects[i]
			if !slices.ContainsFunc(st.Years[0].NotApplicable, func(n pipeline.NAItem) bool { return n.ID == tc.id && n.Reason != "" }) {
				t.Errorf("%s not listed with a reason: %+v", tc.id, st.Years[0].NotApplicable)
			}
			marked := false
			for _, l := range slices.Concat(st.Progress, st.Yearly) {
				for _, p := range l.Points {
					if l.ID == tc.id && p.NA {
						marked = true
					}
				}
			}
			if !marked {
				t.Errorf("no progress point of %s marked not applicable", tc.id)
			}
		})
	}
}
