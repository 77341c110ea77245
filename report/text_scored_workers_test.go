package report

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"countyscore/criteria"
	"countyscore/inputs"
	"countyscore/internal/benchgen"
	"countyscore/pipeline"
)

// TestScoredRunWorkers: a scored run's table and Markdown reports, written
// on several workers, are byte for byte what one worker writes (every
// subject's tables in input order, then the pre-screen summary), in both
// languages, at full width and fitted to a terminal.
func TestScoredRunWorkers(t *testing.T) {
	s, err := criteria.Load("garden-county")
	if err != nil {
		t.Fatal(err)
	}
	var sheet bytes.Buffer
	if err := benchgen.WriteGardenCSV(&sheet, 300, 11); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "sheet.csv")
	if err := os.WriteFile(file, sheet.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	render := func(r *textRenderer) string {
		t.Helper()
		doc, err := pipeline.Score(s, []string{file}, &inputs.Warnings{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if err := r.Render(&out, doc); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	tests := []struct {
		name  string
		lang  string
		md    bool
		width int
	}{
		{"table", "zh", false, 0},
		{"table in English", "en", false, 0},
		{"table fitted to a terminal", "zh", false, 100},
		{"markdown", "zh", true, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := render(&textRenderer{lang: tc.lang, md: tc.md, width: tc.width, workers: 1})
			if n := bytes.Count([]byte(want), []byte(benchgen.SubjectName(300))); n == 0 {
				t.Fatalf("the last subject is not in the report")
			}
			for _, workers := range []int{2, 5} {
				if got := render(&textRenderer{lang: tc.lang, md: tc.md, width: tc.width, workers: workers}); got != want {
					t.Errorf("%d workers: %d bytes differ from one worker's %d", workers, len(got), len(want))
				}
			}
		})
	}
}
