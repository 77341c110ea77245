package pipeline_test

import (
	"slices"
	"testing"

	"countyscore/inputs"
	"countyscore/pipeline"
)

// TestCompareNotApplicable: a cell that does not apply is listed once in
// its row with the criteria's reason and is neither the best nor the worst
// of the row, in a scored set (an item declared for a level, a value typed
// 不适用) and in a quota set.
func TestCompareNotApplicable(t *testing.T) {
	tests := []struct {
		name   string
		set    string
		file   string
		row    string
		column string // the subject whose cell does not apply
		reason string
		source string
	}{
		{name: "declared for zones", set: "../testdata/na/na.toml", file: "../testdata/na/values.csv", row: "I4", column: "吕梁经开区", reason: "经开区污水由所在县处理", source: "criteria"},
		{name: "typed 不适用", set: "../testdata/na/na.toml", file: "../testdata/na/values.csv", row: "I3", column: "孝义市", reason: "本地无考核断面", source: "input"},
		{name: "a quota typed 不适用", set: "environment-2023", file: examples + "environment-2023.csv", row: "W10", column: "汾阳市", reason: "辖区内无已建成的农村污水处理设施", source: "input"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := load(t, tc.set)
			doc, err := pipeline.CompareFiles(s, []string{tc.file}, nil, pipeline.CompareView{}, &inputs.Warnings{})
			if err != nil {
				t.Fatal(err)
			}
			col := slices.IndexFunc(doc.Columns, func(c pipeline.CompareColumn) bool { return c.Subject == tc.column })
			ri := slices.IndexFunc(doc.Rows, func(r pipeline.CompareRow) bool { return r.ID == tc.row })
			if col < 0 || ri < 0 {
				t.Fatalf("no column %s or row %s", tc.column, tc.row)
			}
			row := doc.Rows[ri]
			var got []pipeline.NACell
			for _, c := range row.NotApplicable {
				if c.Column == col {
					got = append(got, c)
				}
			}
			if len(got) != 1 || got[0].Reason != tc.reason || got[0].Source != tc.source {
				t.Fatalf("not applicable of %s in %s: %+v, want one with reason %q from %s", tc.column, tc.row, row.NotApplicable, tc.reason, tc.source)
			}
			if slices.Contains(row.Best, col) || slices.Contains(row.Worst, col) {
				t.Errorf("the not-applicable cell is marked best %v / worst %v", row.Best, row.Worst)
			}
			if row.Kind == pipeline.RowQuota && !row.Quotas[col].NA {
				t.Errorf("the quota cell is not marked not applicable: %+v", row.Quotas[col])
			}
			for _, other := range doc.Rows {
				if other.ID != tc.row && slices.ContainsFunc(other.NotApplicable, func(c pipeline.NACell) bool {
					return c.Column == col && other.Kind != pipeline.RowIndicator && other.Kind != pipeline.RowQuota
				}) {
					t.Errorf("subtotal row %s lists a not-applicable cell", other.ID)
				}
			}
		})
	}
}
