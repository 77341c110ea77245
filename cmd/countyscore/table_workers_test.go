package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"countyscore/internal/benchgen"
)

// TestTableOnCores: `score` writes its subjects on a worker per core in
// the table, Markdown, JSON and CSV formats; on one core and on four it
// prints the same bytes, exits the same and names the same failing
// subjects, and a bad row anywhere in a large sheet leaves stdout empty (a
// pipe) or cut back (a file), as on one core.
func TestTableOnCores(t *testing.T) {
	dir := t.TempDir()
	var sheet bytes.Buffer
	if err := benchgen.WriteGardenCSV(&sheet, 600, 9); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(sheet.String(), "\n")
	tests := []struct {
		name string
		bad  int // the data row spoiled; 0: none
		exit int
	}{
		{"good sheet", 0, 1}, // --fail-under fails some subjects
		{"bad first row", 1, 2},
		{"bad row mid-sheet", 333, 2},
		{"bad last row", 600, 2},
	}
	for _, format := range []string{"table", "markdown", "json", "csv"} {
		for _, tc := range tests {
			t.Run(format+"/"+tc.name, func(t *testing.T) {
				rows := append([]string(nil), lines...)
				if tc.bad > 0 {
					cells := strings.Split(rows[tc.bad], ",")
					cells[1] = "abc"
					rows[tc.bad] = strings.Join(cells, ",")
				}
				file := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".csv")
				if err := os.WriteFile(file, []byte(strings.Join(rows, "\n")), 0o644); err != nil {
					t.Fatal(err)
				}
				args := []string{"score", "-c", "garden-county", "--format", format, "--fail-under", "60", file}
				want, wantErr, code := exeEn(t, []string{"GOMAXPROCS=1"}, args...)
				if code != tc.exit {
					t.Fatalf("one core: exit %d, want %d: %s", code, tc.exit, wantErr)
				}
				if tc.exit == 2 && (want != "" || !strings.Contains(wantErr, fmt.Sprintf(":%d: ", tc.bad+1))) {
					t.Fatalf("one core: a failed run printed %.80q, stderr %q", want, wantErr)
				}
				if tc.exit == 1 && !strings.Contains(want, benchgen.SubjectName(600)) {
					t.Fatalf("one core: the last subject is not in the report")
				}
				got, gotErr, code := exeEn(t, []string{"GOMAXPROCS=4"}, args...)
				if code != tc.exit || got != want || gotErr != wantErr {
					t.Errorf("four cores: exit %d, %d bytes out, stderr %q; one core: exit %d, %d bytes, %q",
						code, len(got), gotErr, tc.exit, len(want), wantErr)
				}

				// stdout redirected to a file is written in place, and cut back
				// when the run fails
				path := filepath.Join(dir, "out.txt")
				f, err := os.Create(path)
				if err != nil {
					t.Fatal(err)
				}
				f.WriteString("kept\n")
				cmd := exec.Command(bin, append(args, "--lang=en")...)
				cmd.Dir, cmd.Stdout, cmd.Env = root, f, []string{"GOMAXPROCS=4"}
				cmd.Run()
				f.Close()
				if b, _ := os.ReadFile(path); string(b) != "kept\n"+want {
					t.Errorf("the file holds %d bytes, want %d", len(b), len("kept\n"+want))
				}
			})
		}
	}
}
