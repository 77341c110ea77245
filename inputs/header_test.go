package inputs_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"countyscore/inputs"
)

// TestHeaderWithNames: a header cell may carry the measure's name beside
// its ID, before or after it; the ID decides, in a CSV and in a workbook.
func TestHeaderWithNames(t *testing.T) {
	set := loadSet(t, "garden-county")
	tests := []struct {
		name   string
		header string
		want   string // the G10 value read, or the error expected
		err    bool
	}{
		{name: "plain IDs", header: "subject,G10", want: "40"},
		{name: "ID then name", header: "subject,G10 建成区绿地率", want: "40"},
		{name: "ID then name after a full-width space", header: "subject,G10　建成区绿地率", want: "40"},
		{name: "name then ID in full-width brackets", header: "subject,建成区绿地率（G10）", want: "40"},
		{name: "name then ID in ASCII brackets", header: "subject,建成区绿地率 (G10)", want: "40"},
		{name: "subject with its name", header: "县（市、区）（subject）,G10", want: "40"},
		{name: "any name: the ID decides", header: "subject,G10 人均公园绿地面积", want: "40"},
		{name: "name alone is unknown", header: "subject,建成区绿地率", want: `unknown column "建成区绿地率"`, err: true},
		{name: "ID inside the name is not taken", header: "subject,建成区G10绿地率", want: "unknown column", err: true},
		{name: "unknown ID beside a name", header: "subject,G99 某指标", want: `unknown column "G99 某指标"`, err: true},
		{name: "the same ID twice", header: "subject,G10,建成区绿地率（G10）", want: `column "G10" appears twice (columns 2 and 3)`, err: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			row := "汾阳市,40"
			if strings.Count(tc.header, ",") == 2 {
				row += ",40"
			}
			check := func(t *testing.T, recs []*inputs.Record, err error) {
				t.Helper()
				if tc.err {
					if err == nil || !strings.Contains(err.Error(), tc.want) {
						t.Fatalf("got %v, want an error with %q", err, tc.want)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				idx, _ := set.MeasureIndex("G10")
				if len(recs) != 1 || recs[0].Subject != "汾阳市" || recs[0].Values[idx].Num.String() != tc.want {
					t.Fatalf("read %+v, want 汾阳市 with G10 = %s", recs, tc.want)
				}
			}
			t.Run("csv", func(t *testing.T) {
				recs, err := readBytes(set, "a.csv", []byte(tc.header+"\n"+row+"\n"), &inputs.Warnings{})
				check(t, recs, err)
			})
			t.Run("xlsx", func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "a.xlsx")
				writeBook(t, path, "Sheet1", [][]string{strings.Split(tc.header, ","), strings.Split(row, ",")}, nil)
				recs, err := readXLSX(set, path, &inputs.Warnings{})
				if tc.err {
					var e *inputs.Error
					if !errors.As(err, &e) || e.Sheet != "Sheet1" {
						t.Errorf("workbook error %v does not name its sheet", err)
					}
				}
				check(t, recs, err)
			})
		})
	}
}
