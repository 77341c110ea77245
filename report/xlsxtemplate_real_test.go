package report_test

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"countyscore/criteria"
	"countyscore/inputs"
	"countyscore/internal/realprog"
	"countyscore/scoring"
)

// TestTemplateXLSXInCalc: LibreOffice Calc opens the template and shows
// the two header rows and the roster.
func TestTemplateXLSXInCalc(t *testing.T) {
	realprog.LibreOffice(t)
	s, _, data := templateBook(t, "fitness-2025", "zh")
	path := filepath.Join(t.TempDir(), "模板.xlsx")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	rows := realprog.ToCSV(t, path)
	ids := append([]string{"subject", "population", "year"}, s.MeasureIDs()...)
	if len(rows) < 2 || !slices.Equal(rows[1], ids) {
		t.Fatalf("Calc shows row 2 as %v; want %v", rows[min(1, len(rows)-1)], ids)
	}
	if rows[0][0] != "对象" || !strings.HasPrefix(rows[0][3], s.Measures[0].LabelIn("zh")) {
		t.Errorf("Calc shows row 1 as %v", rows[0])
	}
	var roster []string
	for _, r := range rows[2:] {
		if r[0] != "" {
			roster = append(roster, r[0])
		}
	}
	if want := wantRoster(s); !slices.Equal(roster, want) {
		t.Errorf("Calc shows subjects %v; want %v", roster, want)
	}
}

// TestTemplateXLSXFilledInCalc fills the template with the garden-county
// example's values, has Calc re-save it as a user of Calc would, and reads
// it back: the records and the scores equal the CSV's.
func TestTemplateXLSXFilledInCalc(t *testing.T) {
	realprog.LibreOffice(t)
	s, f, _ := templateBook(t, "garden-county", "zh")
	csvPath := filepath.Join("..", "inputs", "examples", "garden-county.csv")
	grid := readGrid(t, csvPath)
	header := grid[0]
	rowOf := map[string]int{}
	for i, name := range wantRoster(s) {
		rowOf[name] = 3 + i
	}
	ids := append([]string{"subject", "population", "year"}, s.MeasureIDs()...)
	for _, r := range grid[1:] {
		n, ok := rowOf[r[0]]
		if !ok {
			t.Fatalf("%s of the example has no row in the template", r[0])
		}
		for j, id := range header {
			k := slices.Index(ids, id)
			if k <= 0 || r[j] == "" {
				continue // subject (already there) or a column the template lacks
			}
			cell, _ := excelize.CoordinatesToCellName(k+1, n)
			var err error
			if m, ok := s.Measure(id); ok && m.Kind == criteria.Bool {
				err = f.SetCellStr("填报", cell, map[string]string{"true": "是", "false": "否"}[r[j]])
			} else {
				x, perr := strconv.ParseFloat(r[j], 64)
				if perr != nil {
					t.Fatal(perr)
				}
				err = f.SetCellFloat("填报", cell, x, -1, 64)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	filled := filepath.Join(t.TempDir(), "填好.xlsx")
	if err := f.SaveAs(filled); err != nil {
		t.Fatal(err)
	}
	resaved := realprog.Resave(t, filled)

	fromCSV := readAll(t, s, csvPath)
	fromCalc := readAll(t, s, resaved)
	byName := map[string]*inputs.Record{}
	for _, r := range fromCalc {
		byName[r.Subject] = r
	}
	if len(fromCalc) != len(fromCSV) {
		t.Fatalf("read %d subjects from Calc's workbook; want %d", len(fromCalc), len(fromCSV))
	}
	for _, want := range fromCSV {
		got := byName[want.Subject]
		if got == nil {
			t.Errorf("%s missing from Calc's workbook", want.Subject)
			continue
		}
		want.Illustrative = false // the template has no illustrative column
		if g, w := recordText(got), recordText(want); g != w {
			t.Errorf("%s differs:\n calc %s\n csv  %s", want.Subject, g, w)
		}
		if g, w := scoreJSON(t, s, got), scoreJSON(t, s, want); g != w {
			t.Errorf("%s scores differently:\n calc %s\n csv  %s", want.Subject, g, w)
		}
	}
}

func readGrid(t *testing.T, path string) [][]string {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	rows, err := csv.NewReader(fh).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func readAll(t *testing.T, s *criteria.Set, path string) []*inputs.Record {
	t.Helper()
	src := inputs.Open([]string{path}, s, &inputs.Warnings{})
	defer src.Close()
	var recs []*inputs.Record
	for {
		rec, err := src.Next()
		if err == io.EOF {
			return recs
		}
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, rec)
	}
}

// recordText is what a record says, bar where it came from.
func recordText(r *inputs.Record) string {
	val := func(v inputs.Value) string {
		if !v.Given {
			return "-"
		}
		return fmt.Sprintf("%v/%s", v.Bool, v.Num.String())
	}
	out := fmt.Sprintf("%s level=%s pop=%s year=%d:", r.Subject, r.Level, val(r.Population), r.Year)
	for _, v := range r.Values {
		out += " " + val(v)
	}
	return out
}

func scoreJSON(t *testing.T, s *criteria.Set, r *inputs.Record) string {
	t.Helper()
	res, err := scoring.Score(s, r)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
