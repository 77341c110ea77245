package inputs_test

// A run over many files lists every problem at once (issue 9, part 1): each
// bad cell of each row, each bad key of each TOML file, every file read to
// its end or to the problem that makes the rest unreadable; and with
// SkipInvalid, the valid rows go on while the bad ones are set aside.

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"countyscore/inputs"
)

// manyDir holds five files with mistakes of every sort (testdata/bad/many).
const manyDir = "../testdata/bad/many"

func manyFiles() []string {
	var out []string
	for _, f := range []string{"a.csv", "b.toml", "c.csv", "d.csv", "e.toml"} {
		out = append(out, filepath.Join(manyDir, f))
	}
	return out
}

// wantErr is one expected problem: file (base name), line, field and a
// substring of the message.
type wantErr struct {
	file  string
	line  int
	field string
	msg   string
}

// manyErrors is every problem of manyFiles, in the order they must come.
var manyErrors = []wantErr{
	{"a.csv", 3, "G08", `"abc" is not a number`},
	{"a.csv", 3, "G10", "between 0 and 100"},
	{"a.csv", 3, "G11", "negative"},
	{"a.csv", 4, "", "different number of cells"},
	{"a.csv", 5, "", "a quote stands inside a cell"},
	{"a.csv", 7, "subject", "汾阳市 appears twice (first at ../testdata/bad/many/a.csv:2)"},
	{"a.csv", 8, "subject", "did you mean 141182 汾阳市?"},
	{"b.toml", 3, "G08", "move it under [garden-county]"},
	{"b.toml", 6, "G10", "between 0 and 100"},
	{"b.toml", 7, "G19", "fraction"},
	{"b.toml", 8, "G63.2", `did you mean "G36.2"?`},
	{"c.csv", 1, "G1O", `did you mean "G10"?`},
	{"c.csv", 1, "G2O", "unknown column"},
	{"d.csv", 3, "subject", "not valid UTF-8"},
	{"e.toml", 4, "G01.1", `put the value in quotes: G01.1 = "是"`},
}

// manyRows is how many rows and files the problems refuse: five rows of
// a.csv, and b.toml, c.csv, d.csv and e.toml whole.
const manyRows = 9

func checkErrorList(t *testing.T, errs *inputs.Errors, want []wantErr) {
	t.Helper()
	if errs == nil {
		t.Fatalf("no errors; want %d", len(want))
	}
	for i := 0; i < max(len(errs.List), len(want)); i++ {
		switch {
		case i >= len(errs.List):
			t.Errorf("missing error %d: %+v", i, want[i])
			continue
		case i >= len(want):
			t.Errorf("unexpected error %d: %v", i, errs.List[i])
			continue
		}
		got, w := errs.List[i], want[i]
		if filepath.Base(got.File) != w.file || got.Line != w.line || got.Field != w.field || !strings.Contains(got.Msg, w.msg) {
			t.Errorf("error %d is %v\nwant %s:%d: %s: …%s…", i, got, w.file, w.line, w.field, w.msg)
		}
	}
}

func TestEveryErrorAtOnce(t *testing.T) {
	set := loadSet(t, "garden-county")
	tests := []struct {
		name    string
		skip    bool
		records []string // subjects handed on, in order
	}{
		// Without SkipInvalid nothing after the first problem is handed on;
		// 汾阳市 came before it (line 2 of the first file).
		{name: "all errors, run fails", skip: false, records: []string{"汾阳市"}},
		{name: "skip invalid rows", skip: true, records: []string{"汾阳市", "柳林县", "岚县", "石楼县"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := inputs.Open(manyFiles(), set, &inputs.Warnings{})
			src.SkipInvalid = tc.skip
			defer src.Close()
			var got []string
			var end error
			for {
				rec, err := src.Next()
				if err != nil {
					end = err
					break
				}
				got = append(got, rec.Subject)
			}
			if strings.Join(got, " ") != strings.Join(tc.records, " ") {
				t.Errorf("records %v, want %v", got, tc.records)
			}
			refused := src.Refused()
			if tc.skip {
				if end != io.EOF {
					t.Fatalf("ended with %v, want io.EOF", end)
				}
			} else {
				var errs *inputs.Errors
				if !errors.As(end, &errs) {
					t.Fatalf("ended with %T %v, want *inputs.Errors", end, end)
				}
				var first *inputs.Error
				if !errors.As(end, &first) || first != errs.List[0] {
					t.Errorf("errors.As finds %v, want the first error", first)
				}
				refused = errs
				if _, again := src.Next(); again != end && again.Error() != end.Error() {
					t.Errorf("Next after the end gives %v", again)
				}
			}
			checkErrorList(t, refused, manyErrors)
			if refused.Rows != manyRows {
				t.Errorf("%d rows refused, want %d", refused.Rows, manyRows)
			}
		})
	}
}

// TestErrorsRendering: one line per error, sorted, and after ShownErrors a
// count of the rest, whether kept in memory or only counted.
func TestErrorsRendering(t *testing.T) {
	set := loadSet(t, "garden-county")
	tests := []struct {
		name     string
		badRows  int
		keep     int
		kept     int
		omitted  int
		lastLine string // the rendering's last line
	}{
		{name: "one error reads as itself", badRows: 1, keep: 0, kept: 1, lastLine: `rows.csv:2: G08: "x" is not a number; want a percent 0–100 (40 or 40%)`},
		{name: "under the shown limit", badRows: 3, keep: 0, kept: 3, lastLine: `rows.csv:4: G08: "x" is not a number; want a percent 0–100 (40 or 40%)`},
		{name: "over the shown limit", badRows: 70, keep: 0, kept: 70, lastLine: "… and 20 more"},
		{name: "over the kept limit", badRows: 70, keep: 10, kept: 10, omitted: 60, lastLine: "… and 60 more"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			b.WriteString("subject,G08\n")
			for i := range tc.badRows {
				fmt.Fprintf(&b, "县%d,x\n", i)
			}
			path := filepath.Join(t.TempDir(), "rows.csv")
			writeFile(t, path, b.String())
			src := inputs.Open([]string{path}, set, &inputs.Warnings{})
			src.Keep = tc.keep
			defer src.Close()
			_, err := src.Next()
			var errs *inputs.Errors
			if !errors.As(err, &errs) {
				t.Fatalf("got %v, want *inputs.Errors", err)
			}
			if len(errs.List) != tc.kept || errs.Omitted != tc.omitted || errs.Len() != tc.badRows || errs.Rows != tc.badRows {
				t.Errorf("kept %d, omitted %d, len %d, rows %d; want %d, %d, %d, %d", len(errs.List), errs.Omitted, errs.Len(), errs.Rows, tc.kept, tc.omitted, tc.badRows, tc.badRows)
			}
			lines := strings.Split(strings.ReplaceAll(err.Error(), filepath.Dir(path)+string(filepath.Separator), ""), "\n")
			if got := lines[len(lines)-1]; got != tc.lastLine {
				t.Errorf("last line %q, want %q", got, tc.lastLine)
			}
			wantLines := min(tc.kept, inputs.ShownErrors) // errors shown
			if tc.badRows > 1 {
				wantLines++ // the heading
			}
			if tc.badRows > min(tc.kept, inputs.ShownErrors) {
				wantLines++ // the count of the rest
			}
			if len(lines) != wantLines {
				t.Errorf("%d lines, want %d:\n%s", len(lines), wantLines, err)
			}
		})
	}
}

// TestRefusedRowsBoundedMemory: a sheet where every row is bad keeps the
// first Keep errors and counts the rest, so memory stays flat however
// many rows are refused.
func TestRefusedRowsBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 300,000 rows")
	}
	const n = 300_000
	set := loadSet(t, "garden-county")
	var b strings.Builder
	b.WriteString("subject,G08\n")
	for i := range n {
		fmt.Fprintf(&b, "县%d,x\n", i)
	}
	path := filepath.Join(t.TempDir(), "bad.csv")
	writeFile(t, path, b.String())
	b = strings.Builder{}
	for _, skip := range []bool{false, true} {
		t.Run(fmt.Sprintf("SkipInvalid=%v", skip), func(t *testing.T) {
			src := inputs.Open([]string{path}, set, &inputs.Warnings{})
			src.SkipInvalid = skip
			defer src.Close()
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			for {
				if _, err := src.Next(); err != nil {
					break
				}
			}
			runtime.GC()
			runtime.ReadMemStats(&after)
			errs := src.Refused()
			if errs.Len() != n || len(errs.List) != inputs.DefaultKeep || errs.Rows != n {
				t.Errorf("%d errors, %d kept, %d rows; want %d, %d, %d", errs.Len(), len(errs.List), errs.Rows, n, inputs.DefaultKeep, n)
			}
			if grew := int64(after.HeapAlloc) - int64(before.HeapAlloc); grew > 4<<20 {
				t.Errorf("heap grew by %d bytes over %d refused rows", grew, n)
			}
		})
	}
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
