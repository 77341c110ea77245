// Package realprog runs the programs people open countyscore's files with —
// LibreOffice Calc for workbooks, headless Chromium for HTML — from tests,
// so a test checks what a user would see and not only what our own reader
// accepts.
//
// A machine without the programs skips those tests, each with a message
// that starts with SkipPrefix (so `go test ./... | grep` can list them);
// with COUNTYSCORE_REQUIRE_REAL_PROGRAMS=1 (CI) a missing program fails
// the test instead. .ci/install-real-programs installs them on Debian.
//
// Every call gets a fresh profile directory, so parallel tests do not
// collide on LibreOffice's or Chromium's lock files, and a timeout, so a
// hung program fails the test instead of the whole run.
package realprog

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// RequireEnv, set to 1, turns a missing program from a skip into a failure.
const RequireEnv = "COUNTYSCORE_REQUIRE_REAL_PROGRAMS"

// SkipPrefix begins every skip message of this package.
const SkipPrefix = "realprog: skipped:"

// Timeout bounds one run of a program; a first LibreOffice start on a
// cold machine takes a few seconds.
var Timeout = 90 * time.Second

// LibreOffice returns the path of soffice (or libreoffice), or skips t.
func LibreOffice(t testing.TB) string {
	t.Helper()
	return find(t, "LibreOffice", "soffice", "libreoffice")
}

// Chromium returns the path of a headless-capable Chromium or Chrome, or
// skips t.
func Chromium(t testing.TB) string {
	t.Helper()
	return find(t, "Chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
}

func find(t testing.TB, what string, names ...string) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	msg := what + " not found (looked for " + strings.Join(names, ", ") + "); run .ci/install-real-programs as root to install it"
	if os.Getenv(RequireEnv) == "1" {
		t.Fatalf("realprog: %s, and %s=1 requires it", msg, RequireEnv)
	}
	t.Skip(SkipPrefix + " " + msg)
	return ""
}

// run runs a program with a timeout and returns its combined output;
// a failure or timeout fails t with that output.
func run(t testing.TB, prog string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, prog, args...)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir()) // nothing written to the user's home
	cmd.WaitDelay = 5 * time.Second
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		t.Fatalf("%s timed out after %v: %s", filepath.Base(prog), Timeout, out.Bytes())
	}
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(prog), strings.Join(args, " "), err, out.Bytes())
	}
	t.Logf("%s took %v", filepath.Base(prog), time.Since(start).Round(time.Millisecond))
	return out.Bytes()
}

// profile is a fresh LibreOffice user installation, as the URL
// -env:UserInstallation wants.
func profile(t testing.TB) string {
	return "-env:UserInstallation=file://" + filepath.ToSlash(t.TempDir())
}

// convert has LibreOffice convert in to filter into a fresh directory and
// returns the one file it wrote.
func convert(t testing.TB, in, filter string) string {
	t.Helper()
	soffice := LibreOffice(t)
	outDir := t.TempDir()
	run(t, soffice, profile(t), "--headless", "--norestore", "--convert-to", filter, "--outdir", outDir, in)
	files, _ := filepath.Glob(filepath.Join(outDir, "*"))
	if len(files) != 1 {
		t.Fatalf("LibreOffice converting %s to %s wrote %d files, want 1", in, filter, len(files))
	}
	return files[0]
}

// ToCSV has LibreOffice Calc open a workbook and export its first sheet
// as UTF-8 CSV, and returns the cells: what Calc shows.
func ToCSV(t testing.TB, xlsxPath string) [][]string {
	t.Helper()
	// 44 = comma, 34 = double quote, 76 = UTF-8, 1 = start at line 1.
	out := convert(t, xlsxPath, "csv:Text - txt - csv (StarCalc):44,34,76,1")
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("LibreOffice's CSV of %s: %v", xlsxPath, err)
	}
	return rows
}

// Resave has LibreOffice Calc open a workbook and save it again as .xlsx,
// as a user of Calc would hand it back; it returns the new file's path.
func Resave(t testing.TB, xlsxPath string) string {
	t.Helper()
	return convert(t, xlsxPath, "xlsx:Calc MS Excel 2007 XML")
}

// chromiumArgs are the flags of every headless run: no sandbox (tests run
// as root in CI), no GPU, and nothing that reaches the network.
func chromiumArgs(t testing.TB) []string {
	return []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir()}
}

func fileURL(t testing.TB, path string) string {
	t.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	return "file://" + filepath.ToSlash(abs)
}

// Screenshot renders an HTML file in headless Chromium at w×h CSS pixels
// and returns the path of the PNG.
func Screenshot(t testing.TB, htmlPath string, w, h int) string {
	t.Helper()
	chromium := Chromium(t)
	out := filepath.Join(t.TempDir(), "screenshot.png")
	args := append(chromiumArgs(t), "--hide-scrollbars", "--screenshot="+out,
		"--window-size="+strconv.Itoa(w)+","+strconv.Itoa(h), fileURL(t, htmlPath))
	run(t, chromium, args...)
	if fi, err := os.Stat(out); err != nil || fi.Size() == 0 {
		t.Fatalf("Chromium wrote no screenshot of %s", htmlPath)
	}
	return out
}

// PrintPDF prints an HTML file to PDF with headless Chromium and returns
// the path of the PDF.
func PrintPDF(t testing.TB, htmlPath string) string {
	t.Helper()
	chromium := Chromium(t)
	out := filepath.Join(t.TempDir(), "print.pdf")
	args := append(chromiumArgs(t), "--no-pdf-header-footer", "--print-to-pdf="+out, fileURL(t, htmlPath))
	run(t, chromium, args...)
	data, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatalf("Chromium wrote no PDF of %s", htmlPath)
	}
	return out
}

// SheetToCSV has LibreOffice Calc export sheet n (1-based) of a workbook
// as UTF-8 CSV, and returns the cells as Calc shows them.
func SheetToCSV(t testing.TB, xlsxPath string, n int) [][]string {
	t.Helper()
	// Token 12 of the CSV filter options picks the sheet.
	out := convert(t, xlsxPath, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,"+strconv.Itoa(n))
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("LibreOffice's CSV of sheet %d of %s: %v", n, xlsxPath, err)
	}
	return rows
}

// DumpDOM loads an HTML file in headless Chromium and returns the DOM
// after loading, and every console message the page logged (errors
// included): a report must log none.
func DumpDOM(t testing.TB, htmlPath string) (dom string, console []string) {
	t.Helper()
	chromium := Chromium(t)
	args := append(chromiumArgs(t), "--enable-logging=stderr", "--v=0", "--dump-dom", fileURL(t, htmlPath))
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium, args...)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	cmd.WaitDelay = 5 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium --dump-dom %s: %v\n%s", htmlPath, err, stderr.Bytes())
	}
	for _, line := range strings.Split(stderr.String(), "\n") {
		if strings.Contains(line, "CONSOLE") || strings.Contains(line, "Uncaught") {
			console = append(console, line)
		}
	}
	return stdout.String(), console
}
