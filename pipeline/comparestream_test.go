package pipeline_test

import (
	"reflect"
	"testing"

	"countyscore/inputs"
	"countyscore/pipeline"
	"countyscore/scoring"
)

// TestStreamedCompareAsMaterialized: a streamed comparison gives each
// row's points through RowPoints as the whole comparison holds them, has
// the same columns and the rest of each row, and once materialized is the
// whole comparison itself: over 3,000 generated subjects, the example
// sheets, cells that do not apply, values and a pick of subjects.
func TestStreamedCompareAsMaterialized(t *testing.T) {
	many := gardenFile(t, 3000, 3)
	tests := []struct {
		name, set string
		files     []string
		pick      pipeline.SubjectFilter
		values    bool
	}{
		{name: "3,000 subjects", set: "garden-county", files: []string{many}},
		{name: "two years", set: "garden-county", files: []string{examples + "garden-county.csv", examples + "garden-county-2025.csv"}},
		{name: "not applicable", set: "../testdata/na/na.toml", files: []string{"../testdata/na/values.csv"}},
		{name: "values", set: "garden-county", files: []string{examples + "garden-county.csv"}, values: true},
		{name: "a pick", set: "garden-county", files: []string{examples + "garden-county.csv"}, pick: pipeline.SubjectFilter{"石楼县", "中阳县"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := load(t, tc.set)
			compare := func(opts ...pipeline.Option) *pipeline.Compare {
				doc, err := pipeline.CompareFiles(s, tc.files, tc.pick, pipeline.CompareView{Values: tc.values}, &inputs.Warnings{}, opts...)
				if err != nil {
					t.Fatal(err)
				}
				return doc
			}
			want, got := compare(), compare(pipeline.Streamed())
			if !reflect.DeepEqual(got.Columns, want.Columns) || len(got.Rows) != len(want.Rows) {
				t.Fatalf("columns or number of rows differ")
			}
			var buf []scoring.Number
			for i := range want.Rows {
				if got.Rows[i].Points != nil {
					t.Fatalf("row %s of a streamed comparison holds its points", got.Rows[i].ID)
				}
				buf = got.RowPoints(i, buf[:0])
				if !reflect.DeepEqual(buf, want.Rows[i].Points) || !reflect.DeepEqual(want.RowPoints(i, nil), want.Rows[i].Points) {
					t.Fatalf("row %s: RowPoints differ from the row's points", want.Rows[i].ID)
				}
				g, w := got.Rows[i], want.Rows[i]
				g.Points, g.Best, g.Worst, w.Points, w.Best, w.Worst = nil, nil, nil, nil, nil, nil
				if !reflect.DeepEqual(g, w) {
					t.Fatalf("row %s differs beside its points", want.Rows[i].ID)
				}
			}
			got.Materialize()
			if !reflect.DeepEqual(got, want) {
				t.Errorf("materialized, the streamed comparison differs from the whole one")
			}
		})
	}
}
