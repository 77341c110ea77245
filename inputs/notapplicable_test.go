package inputs_test

import (
	"testing"

	"countyscore/inputs"
)

// TestTypedNotApplicable: 不适用, n/a and N/A are read as not applicable
// for a measure whose criteria give a reason, in a CSV and a TOML file
// alike, and refused with file, line and field for any other measure: the
// input cannot excuse what the criteria do not.
func TestTypedNotApplicable(t *testing.T) {
	const set = "../testdata/na/na.toml"
	tests := []struct {
		name, file, data string
		na               bool   // M3 read as not applicable
		line             int    // refused at this line
		field, msg       string // of the refusal
	}{
		{name: "不适用 in a CSV", file: "a.csv", data: "subject,M3\n文水县,不适用\n", na: true},
		{name: "n/a with spaces, full width", file: "a.csv", data: "subject,M3\n文水县, ｎ／ａ \n", na: true},
		{name: "N/A in TOML", file: "a.toml", data: "subject = \"文水县\"\n[na-weights]\nM3 = \"N/A\"\n", na: true},
		{name: "a blank stays missing", file: "a.csv", data: "subject,M3\n文水县,\n"},
		{name: "refused where the criteria give no reason", file: "a.csv", data: "subject,M1\n文水县,不适用\n", line: 2, field: "M1",
			msg: "M1 does not allow 不适用; leave it blank if not measured"},
		{name: "refused in TOML too", file: "a.toml", data: "subject = \"文水县\"\n[na-weights]\nM2 = \"n/a\"\n", line: 3, field: "M2",
			msg: "M2 does not allow 不适用"},
		{name: "NA is not n/a", file: "a.csv", data: "subject,M3\n文水县,NA\n", line: 2, field: "M3", msg: "is not a number"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := loadSet(t, set)
			recs, err := readBytes(s, tc.file, []byte(tc.data), &inputs.Warnings{})
			if tc.msg != "" {
				checkRefusal(t, err, tc.file, tc.line, tc.field, tc.msg)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			idx, _ := s.MeasureIndex("M3")
			v := recs[0].Values[idx]
			if v.NA != tc.na || v.Given {
				t.Errorf("M3 read as %+v, want NA %t and not given", v, tc.na)
			}
		})
	}
}
