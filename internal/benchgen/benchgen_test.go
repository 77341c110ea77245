package benchgen

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"countyscore/criteria"
	"countyscore/inputs"
	"countyscore/scoring"
)

func TestDeterministic(t *testing.T) {
	var a, b, c bytes.Buffer
	if err := WriteGardenCSV(&a, 500, 1); err != nil {
		t.Fatal(err)
	}
	if err := WriteGardenCSV(&b, 500, 1); err != nil {
		t.Fatal(err)
	}
	if err := WriteGardenCSV(&c, 500, 2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("same rows and seed gave different bytes")
	}
	if bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Fatal("another seed gave the same bytes")
	}
	if n := bytes.Count(a.Bytes(), []byte("\n")); n != 501 {
		t.Fatalf("got %d lines, want a header and 500 rows", n)
	}
}

func TestAppendFixed(t *testing.T) {
	for _, tc := range []struct {
		v, sc int64
		want  string
	}{{389, 10, "38.9"}, {400, 10, "40"}, {125, 100, "1.25"}, {105, 100, "1.05"}, {110, 100, "1.1"}, {7, 1, "7"}, {0, 10, "0"}} {
		if got := string(appendFixed(nil, tc.v, tc.sc)); got != tc.want {
			t.Errorf("appendFixed(%d, %d) = %q, want %q", tc.v, tc.sc, got, tc.want)
		}
	}
}

// TestScores reads a generated sheet through inputs and scoring: no error,
// no warning, some missing cells, and every verdict the standard has.
func TestScores(t *testing.T) {
	const rows = 3000
	var buf bytes.Buffer
	if err := WriteGardenCSV(&buf, rows, 42); err != nil {
		t.Fatal(err)
	}
	set, err := criteria.Load("garden-county")
	if err != nil {
		t.Fatal(err)
	}
	warns := &inputs.Warnings{}
	r, err := inputs.NewCSV("garden.csv", &buf, set, warns)
	if err != nil {
		t.Fatal(err)
	}
	verdicts := map[string]int{}
	n, missing, partial := 0, 0, 0
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if rec.Level != "" {
			t.Fatalf("%s: a made-up name resolved to a known subject", rec.Subject)
		}
		res, err := scoring.Score(set, rec)
		if err != nil {
			t.Fatal(err)
		}
		n++
		verdicts[res.Verdict]++
		if len(res.Missing) > 0 {
			missing++
		}
		for _, ind := range res.Indicators {
			if ind.Status == scoring.StatusPartial {
				partial++
			}
		}
	}
	if n != rows {
		t.Fatalf("scored %d subjects, want %d", n, rows)
	}
	if l := warns.List(); len(l) > 0 {
		t.Errorf("warnings: %s", strings.Join(l, "\n"))
	}
	t.Logf("verdicts: %v; %d with missing values; %d partial indicators", verdicts, missing, partial)
	for _, v := range []string{scoring.Vetoed, scoring.PrerequisitesUnmet, scoring.BaselineUnmet, scoring.Incomplete,
		set.BelowVerdict, set.Lines[0].Verdict, set.Lines[len(set.Lines)-1].Verdict} {
		if verdicts[v] < rows/100 {
			t.Errorf("verdict %s on %d of %d subjects; want a mix (at least 1 %%)", v, verdicts[v], rows)
		}
	}
	if missing < rows/10 || missing > rows/2 {
		t.Errorf("%d of %d subjects have missing values; want some, not most", missing, rows)
	}
	if partial == 0 {
		t.Error("no indicator earned partial points")
	}
}
