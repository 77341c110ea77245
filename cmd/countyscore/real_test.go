package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"countyscore/internal/realprog"
)

// TestHTMLInChromium loads every HTML golden report in headless Chromium:
// no console message, one bar per subject in the chart of a scored run,
// and no text placed left of the chart's edge (a clipped name).
func TestHTMLInChromium(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(golden, "*.html"))
	if len(files) == 0 {
		t.Fatal("no HTML golden files")
	}
	bars := map[string]int{"score-garden-county-html.html": 13}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			dom, console := realprog.DumpDOM(t, file)
			if len(console) > 0 {
				t.Errorf("console messages:\n%s", strings.Join(console, "\n"))
			}
			if !strings.Contains(dom, "</table>") {
				t.Errorf("the DOM holds no table: %.200s", dom)
			}
			if want, ok := bars[filepath.Base(file)]; ok {
				if got := strings.Count(dom, `<rect class="bar `); got != want {
					t.Errorf("%d bars in the chart, want one per subject (%d)", got, want)
				}
			}
			if regexp.MustCompile(`<text x="-`).MatchString(dom) {
				t.Error("a label starts left of the chart: clipped")
			}
		})
	}
}

// TestHTMLPrint prints a report of the minimal standard (three subjects,
// each short enough for one page) to PDF: the overview on one page, then
// each subject on a page of its own. With -update it also writes the
// README's screenshot of the garden-county report.
func TestHTMLPrint(t *testing.T) {
	realprog.Chromium(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "report.html")
	if _, stderr, code := exe(t, nil, "score", "--criteria", minimalSet, "--format", "html", "-o", out, minimalValues); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	pdf, err := os.ReadFile(realprog.PrintPDF(t, out))
	if err != nil {
		t.Fatal(err)
	}
	pages := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
	if want := 1 + 3; pages != want {
		t.Errorf("the PDF has %d pages, want %d (the overview, then one per subject)", pages, want)
	}
	if *update {
		shot := realprog.Screenshot(t, filepath.Join(golden, "score-garden-county-html.html"), 1200, 900)
		data, err := os.ReadFile(shot)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, "docs", "img", "html-report.png"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestResultsWorkbookInCalc: LibreOffice Calc opens the score workbook and
// its summary sheet shows each subject with the verdict ID the CSV output
// gives, and the points as numbers.
func TestResultsWorkbookInCalc(t *testing.T) {
	realprog.LibreOffice(t)
	garden := "inputs/examples/garden-county.csv"
	book := filepath.Join(t.TempDir(), "结果.xlsx")
	if _, stderr, code := exe(t, nil, "score", "--criteria", "garden-county", "--format", "xlsx", "-o", book, garden); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	csvOut, stderr, code := exe(t, nil, "score", "--criteria", "garden-county", "--format", "csv", garden)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := map[string][2]string{} // subject → points, verdict
	for i, line := range strings.Split(strings.TrimSpace(csvOut), "\n") {
		if strings.HasPrefix(line, "#") {
			break // the closing sections (#summary, #absent, …) follow the rows
		}
		if i == 0 {
			continue
		}
		c := strings.Split(line, ",")
		want[c[0]] = [2]string{c[2], c[5]}
	}
	rows := realprog.SheetToCSV(t, book, 2)
	if len(rows)-1 != len(want) {
		t.Fatalf("the summary sheet has %d rows under its header, want %d", len(rows)-1, len(want))
	}
	for _, row := range rows[1:] {
		w, ok := want[row[0]]
		if !ok {
			t.Errorf("subject %q is not in the CSV output", row[0])
			continue
		}
		if row[2] != w[0] || row[6] != w[1] {
			t.Errorf("%s: Calc shows points %s, verdict %s; the CSV says %s, %s", row[0], row[2], row[6], w[0], w[1])
		}
	}
	tmpl := filepath.Join(t.TempDir(), "模板.xlsx")
	if _, stderr, code := exe(t, nil, "template", "garden-county", "--format", "xlsx", "-o", tmpl); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	head := realprog.ToCSV(t, tmpl)
	if len(head) < 2 || head[1][0] != "subject" {
		t.Errorf("Calc shows the template's rows as %v, want the row of IDs second", head[:min(len(head), 2)])
	}
}
