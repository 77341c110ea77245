package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// dumpXLSX is a stable text form of every cell of a workbook, for golden
// files: per sheet a heading, then one line per row, numbers bare and
// text in double quotes, so a number written as text shows.
func dumpXLSX(t *testing.T, path string) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		fmt.Fprintf(&b, "== %s ==\n", sheet)
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for i, row := range rows {
			cells := make([]string, len(row))
			for j, v := range row {
				ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
				typ, _ := f.GetCellType(sheet, ref)
				if v == "" || typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset && isNumeric(v) {
					cells[j] = v
				} else {
					cells[j] = `"` + strings.ReplaceAll(v, `"`, `""`) + `"`
				}
			}
			b.WriteString(strings.Join(cells, ",") + "\n")
		}
	}
	return b.String()
}

func isNumeric(s string) bool {
	_, err := fmt.Sscanf(s, "%g", new(float64))
	return err == nil
}

// TestGoldenFiles pins the file formats (xlsx as a dump of its cells, html
// as written) of the template, score, gaps, plan, compare, diff and trend
// on the example data. After a
// deliberate change: go test ./cmd/countyscore -run TestGoldenFiles -update.
func TestGoldenFiles(t *testing.T) {
	garden, bigdata := "inputs/examples/garden-county.csv", "inputs/examples/bigdata-2023.csv"
	garden2, fitness, fitness2 := "inputs/examples/garden-county-2025.csv", "inputs/examples/fitness-2025.csv", "inputs/examples/fitness-2025-2025.csv"
	tests := []struct {
		name string
		args []string
		ext  string
	}{
		{"template-garden-county-xlsx", []string{"template", "garden-county", "--format", "xlsx"}, "xlsx"},
		{"score-garden-county-xlsx", []string{"score", "--criteria", "garden-county", "--format", "xlsx", garden}, "xlsx"},
		{"gaps-garden-county-xlsx", []string{"gaps", "--criteria", "garden-county", "--format", "xlsx", garden}, "xlsx"},
		{"score-bigdata-2023-xlsx", []string{"score", "--criteria", "bigdata-2023", "--format", "xlsx", bigdata}, "xlsx"},
		{"score-environment-2023-xlsx", []string{"score", "--criteria", "environment-2023", "--format", "xlsx", "inputs/examples/environment-2023.csv"}, "xlsx"},
		{"gaps-bigdata-2023-xlsx-en", []string{"gaps", "--criteria", "bigdata-2023", "--format", "xlsx", "--lang", "en", bigdata}, "xlsx"},
		{"score-garden-county-html", []string{"score", "--criteria", "garden-county", "--format", "html", garden}, "html"},
		{"gaps-garden-county-html", []string{"gaps", "--criteria", "garden-county", "--format", "html", garden}, "html"},
		{"score-bigdata-2023-html", []string{"score", "--criteria", "bigdata-2023", "--format", "html", bigdata}, "html"},
		{"gaps-bigdata-2023-html-en", []string{"gaps", "--criteria", "bigdata-2023", "--format", "html", "--lang", "en", bigdata}, "html"},
		{"plan-garden-county-xlsx", []string{"plan", "--criteria", "garden-county", "--format", "xlsx", garden}, "xlsx"},
		{"plan-fitness-2025-xlsx", []string{"plan", "--criteria", "fitness-2025", "--format", "xlsx", fitness}, "xlsx"},
		{"compare-garden-county-xlsx", []string{"compare", "--criteria", "garden-county", "--format", "xlsx", garden, garden2}, "xlsx"},
		{"compare-fitness-2025-xlsx-en", []string{"compare", "--criteria", "fitness-2025", "--format", "xlsx", "--lang", "en", fitness, fitness2}, "xlsx"},
		{"compare-garden-county-xlsx-values", []string{"compare", "--criteria", "garden-county", "--format", "xlsx", "--values", garden, garden2}, "xlsx"},
		{"compare-fitness-2025-xlsx-values", []string{"compare", "--criteria", "fitness-2025", "--format", "xlsx", "--values", fitness, fitness2}, "xlsx"},
		{"diff-garden-county-xlsx", []string{"diff", "--criteria", "garden-county", "--format", "xlsx", garden, garden2}, "xlsx"},
		{"diff-fitness-2025-xlsx", []string{"diff", "--criteria", "fitness-2025", "--format", "xlsx", fitness, fitness2}, "xlsx"},
		{"trend-fitness-2025-xlsx", []string{"trend", "--criteria", "fitness-2025", "--format", "xlsx", fitness, fitness2}, "xlsx"},
		{"plan-garden-county-html", []string{"plan", "--criteria", "garden-county", "--format", "html", garden}, "html"},
		{"plan-fitness-2025-html", []string{"plan", "--criteria", "fitness-2025", "--format", "html", fitness}, "html"},
		{"compare-garden-county-html", []string{"compare", "--criteria", "garden-county", "--format", "html", garden, garden2}, "html"},
		{"compare-fitness-2025-html-en", []string{"compare", "--criteria", "fitness-2025", "--format", "html", "--lang", "en", fitness, fitness2}, "html"},
		{"diff-garden-county-html", []string{"diff", "--criteria", "garden-county", "--format", "html", garden, garden2}, "html"},
		{"diff-fitness-2025-html", []string{"diff", "--criteria", "fitness-2025", "--format", "html", fitness, fitness2}, "html"},
		{"trend-fitness-2025-html", []string{"trend", "--criteria", "fitness-2025", "--format", "html", fitness, fitness2}, "html"},
		{"na-score-xlsx", []string{"score", "--criteria", naSet, "--format", "xlsx", naValues}, "xlsx"},
		{"na-gaps-xlsx-en", []string{"gaps", "--criteria", naSet, "--format", "xlsx", "--lang", "en", naValues}, "xlsx"},
		{"na-score-html", []string{"score", "--criteria", naSet, "--format", "html", naValues}, "html"},
		{"na-gaps-html-en", []string{"gaps", "--criteria", naSet, "--format", "html", "--lang", "en", naValues}, "html"},
		{"na-compare-xlsx", []string{"compare", "--criteria", naSet, "--format", "xlsx", naValues}, "xlsx"},
		{"na-diff-xlsx", []string{"diff", "--criteria", naSet, "--format", "xlsx", naYear1, naYear2}, "xlsx"},
		{"na-diff-html-en", []string{"diff", "--criteria", naSet, "--format", "html", "--lang", "en", naYear1, naYear2}, "html"},
		{"na-trend-xlsx", []string{"trend", "--criteria", naSet, "--format", "xlsx", naYear1, naYear2}, "xlsx"},
		{"na-trend-html-en", []string{"trend", "--criteria", naSet, "--format", "html", "--lang", "en", naYear1, naYear2}, "html"},
		{"na-compare-html-en", []string{"compare", "--criteria", naSet, "--format", "html", "--lang", "en", naValues}, "html"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out."+tc.ext)
			abs, _ := filepath.Abs(out)
			_, stderr, code := exe(t, nil, append(tc.args, "--output", abs)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			var got, path string
			if tc.ext == "xlsx" {
				got, path = dumpXLSX(t, out), filepath.Join(golden, tc.name+".txt")
			} else {
				data, err := os.ReadFile(out)
				if err != nil {
					t.Fatal(err)
				}
				got, path = string(data), filepath.Join(golden, tc.name+".html")
			}
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s differs from %s (-want +got):\n%s", strings.Join(tc.args, " "), path, diff)
			}
		})
	}
}

// TestBOMAndBinary: CSV gets a UTF-8 BOM in a file or with --bom, never
// otherwise; --bom with another format is a usage error; a workbook is
// refused on a terminal-like character device and written to a file.
func TestBOMAndBinary(t *testing.T) {
	garden := "inputs/examples/garden-county.csv"
	out := func(t *testing.T, name string) string {
		p, _ := filepath.Abs(filepath.Join(t.TempDir(), name))
		return p
	}
	tests := []struct {
		name    string
		args    []string
		file    string // -o FILE under a temp dir, when not ""
		code    int
		bom     bool
		stderr  string
		zipFile bool
	}{
		{name: "csv to stdout: no BOM", args: []string{"score", "-c", "garden-county", "-f", "csv", garden}},
		{name: "csv with --bom", args: []string{"score", "-c", "garden-county", "-f", "csv", "--bom", garden}, bom: true},
		{name: "csv to a file", args: []string{"gaps", "-c", "garden-county", "-f", "csv", garden}, file: "g.csv", bom: true},
		{name: "template csv to a file", args: []string{"template", "garden-county", "-f", "csv"}, file: "t.csv", bom: true},
		{name: "--bom with json", args: []string{"score", "-c", "garden-county", "-f", "json", "--bom", garden}, code: 2, stderr: "--bom 只用于 --format csv"},
		{name: "xlsx to a file", args: []string{"score", "-c", "garden-county", "-f", "xlsx", garden}, file: "r.xlsx", zipFile: true},
		{name: "xlsx of explain: not rendered", args: []string{"explain", "garden-county", "G10", "-f", "xlsx"}, code: 2, stderr: "未知格式“xlsx”"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := tc.args
			path := ""
			if tc.file != "" {
				path = out(t, tc.file)
				args = append(args, "-o", path)
			}
			stdout, stderr, code := exe(t, nil, args...)
			if code != tc.code || !strings.Contains(stderr, tc.stderr) {
				t.Fatalf("exit %d, stderr %q; want %d and %q", code, stderr, tc.code, tc.stderr)
			}
			if code != 0 {
				return
			}
			got := stdout
			if path != "" {
				data, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				got = string(data)
			}
			if tc.zipFile {
				if !strings.HasPrefix(got, "PK\x03\x04") {
					t.Errorf("the workbook does not start as a zip archive: %q", got[:min(len(got), 8)])
				}
				return
			}
			if has := strings.HasPrefix(got, "\xef\xbb\xbf"); has != tc.bom {
				t.Errorf("BOM %v, want %v", has, tc.bom)
			}
		})
	}
	t.Run("xlsx refused on a character device", func(t *testing.T) {
		dev, err := os.OpenFile("/dev/zero", os.O_WRONLY, 0)
		if err != nil {
			t.Skip("no /dev/zero")
		}
		defer dev.Close()
		var stderr strings.Builder
		code := run([]string{"countyscore", "score", "--lang", "en", "-c", "garden-county", "-f", "xlsx", filepath.Join(root, garden)}, dev, &stderr)
		if code != 2 || !strings.Contains(stderr.String(), "writes a binary file; give --output") {
			t.Errorf("exit %d, %q; want 2 and the advice to use --output", code, stderr.String())
		}
	})
}

// TestClosingInFiles: the run's closing (subjects of the roster that sent
// nothing, rows refused under --skip-invalid) is a last sheet of the
// workbook and a last section of the HTML page, and neither is there when
// the run has nothing to close with.
func TestClosingInFiles(t *testing.T) {
	dir := t.TempDir()
	examples, err := os.ReadFile(filepath.Join(root, "inputs/examples/garden-county.csv"))
	if err != nil {
		t.Fatal(err)
	}
	two := filepath.Join(dir, "two.csv") // the header and two subjects: eleven absent
	if err := os.WriteFile(two, []byte(strings.Join(strings.SplitN(string(examples), "\n", 4)[:3], "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		ext  string
		code int
		want []string // in the closing sheet's dump, or the page
		none bool     // no closing at all
	}{
		{name: "xlsx refused", args: []string{"score", "-c", "garden-county", "--skip-invalid", badGarden}, ext: "xlsx", code: 4,
			want: []string{`"已跳过",,"testdata/prescreen/garden-county-bad.csv",5,"G10"`, `"未提交","岚县"`}},
		{name: "xlsx absent", args: []string{"gaps", "-c", "garden-county", two}, ext: "xlsx",
			want: []string{`"未提交","离石区"`, `"未提交","汾阳市"`}},
		{name: "xlsx absent en", args: []string{"score", "-c", "garden-county", "--lang", "en", two}, ext: "xlsx",
			want: []string{"== Absent & refused ==", `"Not submitted","离石区"`}},
		{name: "xlsx nothing to close", args: []string{"score", "-c", "garden-county", "inputs/examples/garden-county.csv"}, ext: "xlsx", none: true},
		{name: "html refused", args: []string{"score", "-c", "garden-county", "--skip-invalid", badGarden}, ext: "html", code: 4,
			want: []string{`<section class="view" id="closing">`, "已跳过的行（2 行", "garden-county-bad.csv"}},
		{name: "html absent en", args: []string{"gaps", "-c", "garden-county", "--lang", "en", two}, ext: "html",
			want: []string{`id="closing"`, "Not submitted (11): 离石区"}},
		{name: "html nothing to close", args: []string{"score", "-c", "garden-county", "inputs/examples/garden-county.csv"}, ext: "html", none: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out."+tc.ext)
			_, stderr, code := exe(t, nil, append(tc.args, "-f", tc.ext, "-o", out)...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d: %s", code, tc.code, stderr)
			}
			var got string
			if tc.ext == "xlsx" {
				got = dumpXLSX(t, out)
				if i := strings.Index(got, "== 未提交、已跳过 =="); i >= 0 {
					got = got[i:]
				} else if i := strings.Index(got, "== Absent & refused =="); i >= 0 {
					got = got[i:]
				} else {
					got = ""
				}
			} else {
				data, err := os.ReadFile(out)
				if err != nil {
					t.Fatal(err)
				}
				got = string(data)
				if !strings.Contains(got, `id="closing"`) {
					got = ""
				}
			}
			if tc.none {
				if got != "" {
					t.Errorf("a closing where the run has none:\n%.400s", got)
				}
				return
			}
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("the closing lacks %q:\n%.600s", w, got)
				}
			}
		})
	}
}
