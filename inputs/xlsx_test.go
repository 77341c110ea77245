package inputs_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"countyscore/criteria"
	"countyscore/inputs"
)

// ---- building workbooks ----------------------------------------------------

// readCSVFile reads a CSV of the examples as a grid of cells.
func readCSVFile(t testing.TB, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// writeBook writes grid into a new workbook's sheet the way a person would
// have typed it: numbers as numbers, yes/no as booleans, the rest as text.
// With names, a row of names goes above the header (the template layout).
// Sheets named in before come first and stay empty.
func writeBook(t testing.TB, path, sheet string, grid [][]string, names []string, before ...string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range before {
		if i == 0 {
			f.SetSheetName("Sheet1", s)
		} else if _, err := f.NewSheet(s); err != nil {
			t.Fatal(err)
		}
	}
	if len(before) == 0 {
		f.SetSheetName("Sheet1", sheet)
	} else if _, err := f.NewSheet(sheet); err != nil {
		t.Fatal(err)
	}
	top := 1
	if names != nil {
		for j, n := range names {
			cell, _ := excelize.CoordinatesToCellName(j+1, 1)
			f.SetCellStr(sheet, cell, n)
		}
		top = 2
	}
	for i, row := range grid {
		for j, v := range row {
			cell, _ := excelize.CoordinatesToCellName(j+1, top+i)
			var err error
			switch {
			case v == "":
				continue
			case i > 0 && (v == "true" || v == "false"):
				err = f.SetCellBool(sheet, cell, v == "true")
			case i > 0 && isNumber(v):
				x, _ := strconv.ParseFloat(v, 64)
				err = f.SetCellFloat(sheet, cell, x, -1, 64)
			default:
				err = f.SetCellStr(sheet, cell, v)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil && !strings.ContainsAny(s, "eEnNiI")
}

// rawBook writes a workbook part by part, so a test can put any XML into a
// sheet: sheets maps a sheet name to its <sheetData> content (or, when it
// starts with "<?xml" or "<!DOCTYPE", the whole part); extra adds parts.
func rawBook(t testing.TB, sheets [][2]string, extra map[string]string) []byte {
	t.Helper()
	var wb, rels, types strings.Builder
	for i, s := range sheets {
		fmt.Fprintf(&wb, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, s[0], i+1, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
		fmt.Fprintf(&types, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, i+1)
	}
	parts := map[string]string{
		"[Content_Types].xml":        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` + types.String() + `</Types>`,
		"_rels/.rels":                `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>` + wb.String() + `</sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + rels.String() + `<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
		"xl/styles.xml":              `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0&quot;%&quot;"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="9" applyNumberFormat="1"/><xf numFmtId="10" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>`,
	}
	for i, s := range sheets {
		body := s[1]
		if !strings.HasPrefix(body, "<?xml") && !strings.HasPrefix(body, "<!DOCTYPE") {
			body = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + body + `</sheetData></worksheet>`
		}
		parts[fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1)] = body
	}
	for k, v := range extra {
		parts[k] = v
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"} {
		w, _ := zw.Create(name)
		io.WriteString(w, parts[name])
		delete(parts, name)
	}
	for name, body := range parts {
		w, _ := zw.Create(name)
		io.WriteString(w, body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// inlineRow writes a row of inline-string cells: the header rows of a raw
// sheet.
func inlineRow(n int, cells ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<row r="%d">`, n)
	for j, c := range cells {
		ref, _ := excelize.CoordinatesToCellName(j+1, n)
		fmt.Fprintf(&b, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, c)
	}
	b.WriteString(`</row>`)
	return b.String()
}

func writeTemp(t testing.TB, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// readXLSX reads every record of a workbook through Source, as the
// commands do.
func readXLSX(set *criteria.Set, path string, w *inputs.Warnings) ([]*inputs.Record, error) {
	src := inputs.Open([]string{path}, set, w)
	defer src.Close()
	var recs []*inputs.Record
	for {
		rec, err := src.Next()
		if err == io.EOF {
			return recs, nil
		}
		if err != nil {
			return nil, err
		}
		recs = append(recs, rec)
	}
}

// ---- the same values, three shapes ----------------------------------------

// TestXLSXSameAsCSVAndTOML reads the garden-county example as CSV, as TOML
// files and as workbooks of both layouts: the records and the JSON must be
// identical.
func TestXLSXSameAsCSVAndTOML(t *testing.T) {
	set := loadSet(t, "garden-county")
	csvPath := filepath.Join("examples", "garden-county.csv")
	data, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	fromCSV, err := readBytes(set, csvPath, data, &inputs.Warnings{})
	if err != nil {
		t.Fatal(err)
	}
	tomls, _ := filepath.Glob(filepath.Join("examples", "garden-county", "*.toml"))
	src := inputs.Open(tomls, set, &inputs.Warnings{})
	var fromTOML []*inputs.Record
	for {
		rec, err := src.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		fromTOML = append(fromTOML, rec)
	}
	src.Close()
	byName := map[string]*inputs.Record{}
	for _, r := range fromTOML {
		byName[r.Subject] = r
	}
	var tomlOrdered []*inputs.Record
	for _, r := range fromCSV {
		if byName[r.Subject] != nil {
			tomlOrdered = append(tomlOrdered, byName[r.Subject])
		}
	}
	if len(tomlOrdered) != len(fromCSV) {
		t.Fatalf("the TOML examples hold %d of the CSV's %d subjects", len(tomlOrdered), len(fromCSV))
	}
	want := fingerprint(fromCSV)
	if got := fingerprint(tomlOrdered); got != want {
		t.Fatalf("TOML and CSV differ:\n%s\nvs\n%s", got, want)
	}
	wantJSON := render(t, set, fromCSV)

	grid := readCSVFile(t, csvPath)
	names := make([]string, len(grid[0]))
	for j, id := range grid[0] {
		names[j] = id + " 名称"
	}
	cases := []struct {
		name   string
		names  []string
		before []string
		sheet  string
	}{
		{name: "plain layout, one header row", sheet: "Sheet1"},
		{name: "template layout, names above IDs", names: names, sheet: "填报"},
		{name: "data on the second sheet, first empty", before: []string{"说明"}, sheet: "汇总"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "garden.xlsx")
			writeBook(t, path, c.sheet, grid, c.names, c.before...)
			got, err := readXLSX(set, path, &inputs.Warnings{})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range got {
				r.File = csvPath // where it came from is the one thing allowed to differ
			}
			if g := fingerprint(got); g != want {
				t.Errorf("workbook and CSV records differ:\n%s\nvs\n%s", g, want)
			}
			if g := render(t, set, got); !bytes.Equal(g, wantJSON) {
				t.Errorf("workbook and CSV JSON differ")
			}
		})
	}
}

// ---- numbers as spreadsheets store them -----------------------------------

// TestXLSXNumbers checks that a number cell reads as what was typed, not
// as its binary double: the values are stored as Excel writes them.
func TestXLSXNumbers(t *testing.T) {
	set := loadSet(t, "garden-county")
	// G08 pct, G11 num, G19 count.
	cases := []struct {
		name  string
		cell  string // the <c> element for B3
		field string
		want  string // the value read, or "" when refused
		msg   string // part of the refusal
	}{
		{name: "38.9 stored with 17 digits", cell: `<c r="B3"><v>38.899999999999999</v></c>`, field: "G08", want: "38.9"},
		{name: "38.9 stored short", cell: `<c r="B3"><v>38.9</v></c>`, field: "G08", want: "38.9"},
		{name: "0.1+0.2 from a formula", cell: `<c r="B3"><f>0.1+0.2</f><v>0.30000000000000004</v></c>`, field: "G08", want: "0.3"},
		{name: "1.1 stored as 1.1000000000000001", cell: `<c r="C3"><v>1.1000000000000001</v></c>`, field: "G11", want: "1.1"},
		{name: "whole number stored with exponent", cell: `<c r="D3"><v>1.2E+1</v></c>`, field: "G19", want: "12"},
		{name: "just below a whole number", cell: `<c r="D3"><v>11.999999999999998</v></c>`, field: "G19", want: "12"},
		{name: "1e-7 stored as an exponent is too fine, as in a CSV", cell: `<c r="C3"><v>1E-7</v></c>`, field: "G11", msg: "too long"},
		{name: "1e-7 stored as 9.99…E-8", cell: `<c r="C3"><v>9.9999999999999995E-8</v></c>`, field: "G11", msg: "too long"},
		{name: "1e-6 is fine", cell: `<c r="C3"><v>9.9999999999999995E-7</v></c>`, field: "G11", want: "0.000001"},
		{name: "85% in a percent cell", cell: `<c r="B3" s="1"><v>0.85</v></c>`, field: "G08", want: "85"},
		{name: "40.5% in a 0.00% cell stored with 17 digits", cell: `<c r="B3" s="2"><v>0.40500000000000003</v></c>`, field: "G08", want: "40.5"},
		{name: "a custom format with a quoted % is no percent", cell: `<c r="B3" s="3"><v>38.5</v></c>`, field: "G08", want: "38.5"},
		{name: "a percent cell on a measure that is no percent", cell: `<c r="C3" s="1"><v>0.12</v></c>`, field: "G11", msg: "% sign"},
		{name: "negative", cell: `<c r="C3"><v>-1.5</v></c>`, field: "G11", msg: "negative"},
		{name: "huge", cell: `<c r="C3"><v>1.5E+300</v></c>`, field: "G11", msg: "not a number"},
		{name: "number as text keeps its text", cell: `<c r="B3" t="inlineStr"><is><t>３８．５％</t></is></c>`, field: "G08", want: "38.5"},
		{name: "formula string result", cell: `<c r="B3" t="str"><f>"38"&amp;".5"</f><v>38.5</v></c>`, field: "G08", want: "38.5"},
		{name: "formula without a saved result", cell: `<c r="B3"><f>A1*2</f></c>`, field: "G08", msg: "no saved result"},
		{name: "formula error", cell: `<c r="B3" t="e"><f>1/0</f><v>#DIV/0!</v></c>`, field: "G08", msg: "#DIV/0!"},
		{name: "a date cell", cell: `<c r="D3" t="d"><v>2024-01-01</v></c>`, field: "G19", msg: "not a number"},
		{name: "boolean cell on a count", cell: `<c r="D3" t="b"><v>1</v></c>`, field: "G19", msg: "not a number"},
		{name: "shared string out of range", cell: `<c r="B3" t="s"><v>99</v></c>`, field: "G08", msg: "shared string"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sheet := inlineRow(1, "名称", "绿地率", "人均", "公园") + inlineRow(2, "subject", "G08", "G11", "G19") +
				`<row r="3"><c r="A3" t="inlineStr"><is><t>汾阳市</t></is></c>` + c.cell + `</row>`
			path := writeTemp(t, "表.xlsx", rawBook(t, [][2]string{{"汇总", sheet}}, nil))
			recs, err := readXLSX(set, path, &inputs.Warnings{})
			if c.msg != "" {
				var ie *inputs.Error
				if !errors.As(err, &ie) {
					t.Fatalf("got %v (%v); want a refusal saying %q", recs, err, c.msg)
				}
				cell := strings.TrimPrefix(strings.SplitN(c.cell, `"`, 3)[1], "")
				if ie.Sheet != "汇总" || ie.Cell != cell || ie.Field != c.field || !strings.Contains(ie.Msg, c.msg) {
					t.Errorf("error %q: want 汇总!%s, field %s, saying %q", err, cell, c.field, c.msg)
				}
				if !strings.HasPrefix(err.Error(), path+": 汇总!"+cell+": "+c.field+": ") {
					t.Errorf("message %q does not start with the file, sheet!cell and field", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			i, _ := set.MeasureIndex(c.field)
			if got := recs[0].Values[i].Num.String(); !recs[0].Values[i].Given || got != c.want {
				t.Errorf("read %s (given %v); want %s", got, recs[0].Values[i].Given, c.want)
			}
		})
	}
}

// TestXLSXEveryErrorAtOnce: a workbook, like a CSV, reports every bad cell
// of every row and every bad header name in one run, each with its sheet
// and cell, sorted by row and then column.
func TestXLSXEveryErrorAtOnce(t *testing.T) {
	set := loadSet(t, "garden-county")
	tests := []struct {
		name string
		grid [][]string
		want []string // the error lines, in order
	}{
		{
			name: "bad cells of several rows",
			grid: [][]string{
				{"subject", "G08", "G10", "G11"},
				{"汾阳市", "abc", "120", "-3"},
				{"孝义市", "40", "30", "2"},
				{"141899", "40", "x", "2", "stray"},
			},
			want: []string{
				`b.xlsx: 汇总!B2: G08: "abc" is not a number`,
				`b.xlsx: 汇总!C2: G10: `,
				`b.xlsx: 汇总!D2: G11: `,
				`b.xlsx: 汇总!A4: subject: 141899 is not the division code of a known subject`,
				`b.xlsx: 汇总!C4: G10: "x" is not a number`,
				`b.xlsx: 汇总!E4: column 5: "stray" stands in a column with no name in the header`,
			},
		},
		{
			name: "every bad header name",
			grid: [][]string{
				{"subject", "G1O", "G2O", "G08", "G08"},
				{"汾阳市", "1", "2", "3", "4"},
			},
			want: []string{
				`b.xlsx: 汇总!B1: G1O: unknown column "G1O"`,
				`b.xlsx: 汇总!C1: G2O: unknown column "G2O"`,
				`b.xlsx: 汇总!E1: G08: column "G08" appears twice (columns 4 and 5)`,
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "b.xlsx")
			writeBook(t, path, "汇总", tc.grid, nil)
			_, err := readXLSX(set, path, &inputs.Warnings{})
			var errs *inputs.Errors
			if !errors.As(err, &errs) {
				t.Fatalf("got %T %v, want *inputs.Errors", err, err)
			}
			if len(errs.List) != len(tc.want) {
				t.Fatalf("%d errors, want %d:\n%v", len(errs.List), len(tc.want), err)
			}
			for i, e := range errs.List {
				got := strings.Replace(e.Error(), filepath.Dir(path)+string(filepath.Separator), "", 1)
				if !strings.HasPrefix(got, tc.want[i]) {
					t.Errorf("error %d = %q, want it to start %q", i, got, tc.want[i])
				}
			}
		})
	}
}
