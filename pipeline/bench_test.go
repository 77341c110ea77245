package pipeline_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"countyscore/criteria"
	"countyscore/inputs"
	"countyscore/internal/benchgen"
	"countyscore/pipeline"
	"countyscore/scoring"
)

// benchFiles writes a generated garden-county sheet of rows subjects and
// the same sheet a year on (each subject with a value of its own changed),
// for the benchmarks of the views against score on the same input.
func benchFiles(b *testing.B, rows int) (s *criteria.Set, old, new string) {
	b.Helper()
	s, err := criteria.Load("garden-county")
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := benchgen.WriteGardenCSV(&buf, rows, 3); err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	old = filepath.Join(dir, "old.csv")
	if err := os.WriteFile(old, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(buf.String(), "\n"), "\n")
	for i := 1; i < len(lines); i++ {
		cells := strings.Split(lines[i], ",")
		c := &cells[3+i%(len(cells)-3)]
		switch *c {
		case "true":
			*c = "false"
		case "false":
			*c = "true"
		}
		lines[i] = strings.Join(cells, ",")
	}
	new = filepath.Join(dir, "new.csv")
	if err := os.WriteFile(new, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	return s, old, new
}

const benchRows = 10000

// BenchmarkScoreFiles is the baseline of the two below: reading and
// scoring the same sheet as a score run does, each result handed on.
func BenchmarkScoreFiles(b *testing.B) {
	s, old, _ := benchFiles(b, benchRows)
	for b.Loop() {
		doc, err := pipeline.Score(s, []string{old}, &inputs.Warnings{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		if err := doc.(*pipeline.ScoredRun).Each(func(*scoring.Scored) error { n++; return nil }); err != nil || n != benchRows {
			b.Fatal(err, n)
		}
	}
}

// BenchmarkDiffFiles builds the diff of two sheets: reading and scoring
// both, then joining them.
func BenchmarkDiffFiles(b *testing.B) {
	s, old, new := benchFiles(b, benchRows)
	for b.Loop() {
		doc, err := pipeline.DiffFiles(s, []string{old}, []string{new}, &inputs.Warnings{})
		if err != nil || len(doc.Subjects) != benchRows {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompareFiles builds the comparison grid of every subject.
func BenchmarkCompareFiles(b *testing.B) {
	s, old, _ := benchFiles(b, benchRows)
	for b.Loop() {
		doc, err := pipeline.CompareFiles(s, []string{old}, nil, pipeline.CompareView{}, &inputs.Warnings{})
		if err != nil || len(doc.Columns) != benchRows {
			b.Fatal(err)
		}
	}
}
