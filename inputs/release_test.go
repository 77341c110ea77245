package inputs_test

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"countyscore/inputs"
)

// TestRowTextReused: a CSV row's text is read into the same buffer row
// after row, so what a record keeps of its row — the subject's name, the
// column names of the header — must be a copy. Every name survives the
// rows read after it, among them names the registry does not know (kept
// as typed) and rows longer and shorter than the one before.
func TestRowTextReused(t *testing.T) {
	set := loadSet(t, "garden-county")
	var b strings.Builder
	b.WriteString("subject,G10,G05\n")
	var want []string
	for i := range 50 {
		name := fmt.Sprintf("县%0*d", 1+i%9, i)
		want = append(want, name)
		fmt.Fprintf(&b, "%s,%d.5,%s\n", name, i, []string{"true", "false"}[i%2])
	}
	recs, err := readCSV(set, "reuse.csv", strings.NewReader(b.String()), &inputs.Warnings{})
	if err != nil {
		t.Fatal(err)
	}
	for i, rec := range recs {
		if rec.Subject != want[i] {
			t.Errorf("record %d: subject %q, want %q", i, rec.Subject, want[i])
		}
	}
}

// TestReleasedRecordReadClean: a record handed back (Release) and read
// into again holds only what its new row gives: no value, year or
// population of the row before.
func TestReleasedRecordReadClean(t *testing.T) {
	set := loadSet(t, "garden-county")
	full := "subject,population,year,G10,G05\n县1,1000,2024,38.9,true\n"
	bare := "subject,G10\n县2,\n"
	// firstRecord opens text as file and reads its first record.
	firstRecord := func(file, text string) (*inputs.CSV, *inputs.Record) {
		c, err := inputs.NewCSV(file, strings.NewReader(text), set, &inputs.Warnings{})
		if err != nil {
			t.Fatal(err)
		}
		rec, err := c.Next()
		if err != nil {
			t.Fatal(err)
		}
		return c, rec
	}
	_, first := firstRecord("full.csv", full)
	for range 100 { // sync.Pool may drop one; a hundred make reuse near certain
		inputs.Release(first)
		c, rec := firstRecord("bare.csv", bare)
		if rec.Subject != "县2" || rec.Year != 0 || rec.Population.Given || rec.File != "bare.csv" || rec.Line != 2 {
			t.Fatalf("record read into a released one: %+v", rec)
		}
		for i, v := range rec.Values {
			if v != (inputs.Value{}) {
				t.Fatalf("value %s of a released record left as %+v", set.Measures[i].ID, v)
			}
		}
		if _, err := c.Next(); err != io.EOF {
			t.Fatalf("after the only row: %v", err)
		}
		first = rec
	}
}
