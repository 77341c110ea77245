package report_test

import (
	"bytes"
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
	"countyscore/report"
)

// templateBook writes the template of set id in lang and opens it.
func templateBook(t *testing.T, id, lang string) (*criteria.Set, *excelize.File, []byte) {
	t.Helper()
	s, err := criteria.Load(id)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := report.TemplateXLSX(&b, s, lang); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return s, f, b.Bytes()
}

// wantRoster is the template's subjects: a quota set's, or every
// county-level unit for a scored set.
func wantRoster(s *criteria.Set) []string {
	if s.IsScored() {
		return criteria.Subjects().InLevels([]string{"county"})
	}
	return s.SubjectNames()
}

func TestTemplateXLSX(t *testing.T) {
	cases := []struct {
		name, set, lang, input, info string
		blank                        int
	}{
		{name: "scored set, Chinese", set: "garden-county", lang: "zh", input: "填报", info: "说明", blank: 20},
		{name: "scored set, English", set: "garden-county", lang: "en", input: "Input", info: "Measures", blank: 20},
		{name: "quota set with yearly measures", set: "fitness-2025", lang: "zh", input: "填报", info: "说明"},
		{name: "quota set with a city-only measure", set: "bigdata-2023", lang: "en", input: "Input", info: "Measures"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, f, _ := templateBook(t, c.set, c.lang)
			if got := f.GetSheetList(); !slices.Equal(got, []string{c.input, c.info}) {
				t.Fatalf("sheets %v; want %s, %s", got, c.input, c.info)
			}
			rows, err := f.GetRows(c.input)
			if err != nil {
				t.Fatal(err)
			}
			ids := append([]string{"subject", "population", "year"}, s.MeasureIDs()...)
			if !slices.Equal(rows[1], ids) {
				t.Errorf("row 2 is %v; want the IDs %v", rows[1], ids)
			}
			if len(rows[0]) != len(ids) {
				t.Errorf("row 1 has %d names for %d columns", len(rows[0]), len(ids))
			}
			for j, m := range s.Measures {
				if name := rows[0][3+j]; !strings.HasPrefix(name, m.LabelIn(c.lang)) {
					t.Errorf("column %s is named %q; want it to start with %q", m.ID, name, m.LabelIn(c.lang))
				}
			}
			roster := wantRoster(s)
			var got []string
			for _, r := range rows[2:] {
				got = append(got, r[0])
			}
			if !slices.Equal(got, roster) {
				t.Errorf("subjects %v; want %v", got, roster)
			}

			dvs, err := f.GetDataValidations(c.input)
			if err != nil {
				t.Fatal(err)
			}
			if len(dvs) != len(ids)-1 {
				t.Errorf("%d data validations; want one per column but subject (%d)", len(dvs), len(ids)-1)
			}
			last := 2 + len(roster) + c.blank
			byCol := map[string]*excelize.DataValidation{}
			for _, dv := range dvs {
				col := strings.TrimRight(strings.Split(dv.Sqref, ":")[0], "0123456789")
				byCol[col] = dv
				if !strings.HasSuffix(dv.Sqref, ":"+col+strconv.Itoa(last)) || !strings.HasPrefix(dv.Sqref, col+"3:") {
					t.Errorf("validation on %s; want %s3:%s%d", dv.Sqref, col, col, last)
				}
			}
			uses := 0
			for j, m := range s.Measures {
				col, _ := excelize.ColumnNumberToName(4 + j)
				dv := byCol[col]
				if dv == nil {
					t.Errorf("no validation on %s (%s)", col, m.ID)
					continue
				}
				want := map[string]string{criteria.Bool: "list", criteria.Pct: "decimal", criteria.Num: "decimal", criteria.Count: "whole"}[m.Kind]
				if dv.Type != want {
					t.Errorf("%s (%s) validates as %s; want %s", m.ID, m.Kind, dv.Type, want)
				}
				if m.Kind == criteria.Pct && (dv.Formula1 != "0" || dv.Formula2 != "100") {
					t.Errorf("%s accepts %s–%s; want 0–100", m.ID, dv.Formula1, dv.Formula2)
				}
				if m.Kind == criteria.Bool && !strings.Contains(dv.Formula1, map[string]string{"zh": "是,否", "en": "yes,no"}[c.lang]) {
					t.Errorf("%s offers %s", m.ID, dv.Formula1)
				}
				if dv.PromptTitle == nil || *dv.PromptTitle != m.ID || dv.Prompt == nil || len([]rune(*dv.Prompt)) > 255 {
					t.Errorf("%s has no input message, or one too long for Excel", m.ID)
				} else if strings.Contains(*dv.Prompt, "\n") {
					uses++
				}
			}
			if uses == 0 {
				t.Errorf("no input message quotes a requirement")
			}

			panes, err := f.GetPanes(c.input)
			if err != nil || !panes.Freeze || panes.XSplit != 1 || panes.YSplit != 2 {
				t.Errorf("panes %+v (%v); want the subject column and two header rows frozen", panes, err)
			}
			for _, cell := range []string{"A1", "D2"} {
				if locked(t, f, c.input, cell) != true {
					t.Errorf("header cell %s is not locked", cell)
				}
			}
			for _, cell := range []string{"A3", "D3", lastCell(len(ids), last)} {
				if locked(t, f, c.input, cell) {
					t.Errorf("data cell %s is locked", cell)
				}
			}
			info, err := f.GetRows(c.info)
			if err != nil {
				t.Fatal(err)
			}
			if len(info) != len(s.Measures)+1 {
				t.Fatalf("%s lists %d rows; want a header and %d measures", c.info, len(info), len(s.Measures))
			}
			for i, m := range s.Measures {
				if info[i+1][0] != m.ID {
					t.Errorf("%s row %d is %s; want %s", c.info, i+2, info[i+1][0], m.ID)
				}
			}
		})
	}
}

func lastCell(cols, row int) string {
	c, _ := excelize.CoordinatesToCellName(cols, row)
	return c
}

// locked reports whether a cell is locked when its sheet is protected
// (a cell with no protection set is locked: Excel's default).
func locked(t *testing.T, f *excelize.File, sheet, cell string) bool {
	t.Helper()
	idx, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(idx)
	if err != nil {
		t.Fatal(err)
	}
	return st.Protection == nil || st.Protection.Locked
}

// TestTemplateXLSXRoundTrip fills in the template the way a person would
// and reads it back: the values come out as typed, the blank rows are
// skipped, and an unfilled subject is read as measured nothing.
func TestTemplateXLSXRoundTrip(t *testing.T) {
	s, f, _ := templateBook(t, "garden-county", "zh")
	ids := s.MeasureIDs()
	col := func(id string) string {
		c, _ := excelize.ColumnNumberToName(4 + slices.Index(ids, id))
		return c
	}
	// G08 pct, G11 num, G19 count, G05 bool.
	f.SetCellValue("填报", "B3", 420000)
	f.SetCellValue("填报", "C3", 2024)
	f.SetCellValue("填报", col("G08")+"3", 38.9)
	f.SetCellValue("填报", col("G11")+"3", 12.5)
	f.SetCellValue("填报", col("G19")+"3", 3)
	f.SetCellStr("填报", col("G05")+"3", "是")
	f.SetCellStr("填报", "A16", "吕梁经开区") // in the blank rows
	f.SetCellStr("填报", col("G05")+"16", "否")
	path := filepath.Join(t.TempDir(), "填好.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	src := inputs.Open([]string{path}, s, &inputs.Warnings{})
	defer src.Close()
	var recs []*inputs.Record
	for {
		rec, err := src.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, rec)
	}
	roster := wantRoster(s)
	if len(recs) != len(roster)+1 {
		t.Fatalf("read %d subjects; want %d and 吕梁经开区", len(recs), len(roster))
	}
	val := func(r *inputs.Record, id string) string {
		i, _ := s.MeasureIndex(id)
		v := r.Values[i]
		switch {
		case !v.Given:
			return "-"
		case s.Measures[i].Kind == criteria.Bool:
			if v.Bool {
				return "true"
			}
			return "false"
		}
		return v.Num.String()
	}
	first := recs[0]
	if first.Subject != roster[0] || first.Population.Num.String() != "420000" || first.Year != 2024 ||
		val(first, "G08") != "38.9" || val(first, "G11") != "12.5" || val(first, "G19") != "3" || val(first, "G05") != "true" {
		t.Errorf("first row read as %s pop %s year %d G08 %s G11 %s G19 %s G05 %s", first.Subject, first.Population.Num, first.Year,
			val(first, "G08"), val(first, "G11"), val(first, "G19"), val(first, "G05"))
	}
	if r := recs[1]; val(r, "G08") != "-" || r.Population.Given {
		t.Errorf("an unfilled subject read as measured")
	}
	if r := recs[len(recs)-1]; r.Subject != "吕梁经开区" || val(r, "G05") != "false" || r.Line != 16 {
		t.Errorf("the added subject read as %s line %d G05 %s", r.Subject, r.Line, val(r, "G05"))
	}
	_ = os.Remove(path)
}
