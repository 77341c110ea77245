package realprog_test

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"countyscore/internal/realprog"
)

// TestToCSV: Calc exports what the workbook holds, Chinese intact.
func TestToCSV(t *testing.T) {
	path := filepath.Join(t.TempDir(), "表.xlsx")
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"subject", "G08"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"汾阳市", 38.9})
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	rows := realprog.ToCSV(t, path)
	want := [][]string{{"subject", "G08"}, {"汾阳市", "38.9"}}
	if len(rows) != 2 || !slices.Equal(rows[0], want[0]) || !slices.Equal(rows[1], want[1]) {
		t.Errorf("Calc shows %q; want %q", rows, want)
	}
	again := realprog.Resave(t, path)
	g, err := excelize.OpenFile(again)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if v, _ := g.GetCellValue("Sheet1", "A2"); v != "汾阳市" {
		t.Errorf("the re-saved workbook holds %q in A2", v)
	}
}

// TestChromium: a screenshot has the size asked for and a PDF is a PDF.
func TestChromium(t *testing.T) {
	html := filepath.Join(t.TempDir(), "页.html")
	os.WriteFile(html, []byte(`<!doctype html><meta charset="utf-8"><h1>汾阳市 38.9</h1>`), 0o644)
	shot := realprog.Screenshot(t, html, 640, 360)
	data, _ := os.ReadFile(shot)
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 640 || b.Dy() != 360 {
		t.Errorf("screenshot is %dx%d; want 640x360", b.Dx(), b.Dy())
	}
	realprog.PrintPDF(t, html)
}
