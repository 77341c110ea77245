package report_test

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"countyscore/criteria"
	"countyscore/inputs"
	"countyscore/internal/benchgen"
	"countyscore/pipeline"
	"countyscore/report"
	"countyscore/scoring"
)

func gardenResults(b *testing.B, rows int) (*criteria.Set, []*scoring.Scored) {
	b.Helper()
	s, err := criteria.Load("garden-county")
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := benchgen.WriteGardenCSV(&buf, rows, 7); err != nil {
		b.Fatal(err)
	}
	r, err := inputs.NewCSV("bench.csv", &buf, s, &inputs.Warnings{})
	if err != nil {
		b.Fatal(err)
	}
	var out []*scoring.Scored
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return s, out
		}
		if err != nil {
			b.Fatal(err)
		}
		res, err := scoring.Score(s, rec)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, res)
	}
}

// benchScored renders one result per op, cycling through 1,000 generated
// ones, into a counting discard writer; it reports the bytes per result.
func benchScored(b *testing.B, format string) {
	s, results := gardenResults(b, 1000)
	var cw countWriter
	r, err := report.New(format, "zh", pipeline.KindScoredRun)
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	run := pipeline.NewScoredRun(s, func(fn func(*scoring.Scored) error) error {
		for b.Loop() {
			if err := fn(results[n%len(results)]); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	b.ReportAllocs()
	b.ResetTimer()
	if err := r.Render(&cw, run); err != nil {
		b.Fatal(err)
	}
	b.StopTimer()
	if secs := b.Elapsed().Seconds(); secs > 0 {
		b.ReportMetric(float64(n)/secs, "subjects/s")
	}
	b.ReportMetric(float64(cw.n)/float64(n), "out-B/subject")
}

func BenchmarkScoredJSON(b *testing.B)  { benchScored(b, "json") }
func BenchmarkScoredCSV(b *testing.B)   { benchScored(b, "csv") }
func BenchmarkScoredTable(b *testing.B) { benchScored(b, "table") }

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// gardenFile writes a generated garden-county sheet of rows subjects and
// loads the set.
func gardenFile(b *testing.B, rows int) (*criteria.Set, string) {
	b.Helper()
	file := filepath.Join(b.TempDir(), "garden.csv")
	f, err := os.Create(file)
	if err != nil {
		b.Fatal(err)
	}
	if err := benchgen.WriteGardenCSV(f, rows, 1); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	s, err := criteria.Load("garden-county")
	if err != nil {
		b.Fatal(err)
	}
	return s, file
}

// BenchmarkPipeline runs what `countyscore score --criteria garden-county`
// does per input row — the pipeline (the CSV reader, the once-per-run
// subject check, the scorers, on a worker per core) → the csv or json
// renderer — over a generated 10,000-row file, so `go test -cpuprofile`
// shows where the end-to-end time goes. Only the command's output
// spooling is left out.
func BenchmarkPipeline(b *testing.B) {
	const rows = 10000
	s, file := gardenFile(b, rows)
	for _, format := range []string{"csv", "json"} {
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				n += runPipeline(b, s, file, format)
			}
			if n != rows*b.N {
				b.Fatalf("scored %d subjects, want %d", n, rows*b.N)
			}
			if secs := b.Elapsed().Seconds(); secs > 0 {
				b.ReportMetric(float64(n)/secs, "rows/s")
			}
			b.ReportMetric(rows, "rows/op")
		})
	}
}

// runPipeline scores file and renders it in format as the score command
// does (csv without shortfalls), and returns how many subjects the run
// counted.
func runPipeline(b *testing.B, s *criteria.Set, file, format string) int {
	var cw countWriter
	r, err := report.New(format, "zh", pipeline.KindScoredRun)
	if err != nil {
		b.Fatal(err)
	}
	var opts []pipeline.Option
	if format == "csv" {
		opts = append(opts, pipeline.NoShortfalls())
	}
	doc, err := pipeline.Score(s, []string{file}, &inputs.Warnings{}, nil, opts...)
	if err != nil {
		b.Fatal(err)
	}
	if err := r.Render(&cw, doc); err != nil {
		b.Fatal(err)
	}
	n := 0
	for _, g := range doc.(*pipeline.ScoredRun).Prescreen().Groups {
		n += g.Count
	}
	return n
}

// BenchmarkPipelineTable is BenchmarkPipeline for the table format, which
// writes its subjects on a worker per core (ScoredRun.EachWritten): run
// it with -cpu 1,2 to see what the workers give. It reports the bytes
// written a row, the same whatever the cores.
func BenchmarkPipelineTable(b *testing.B) {
	const rows = 10000
	s, file := gardenFile(b, rows)
	r, err := report.New("table", "zh", pipeline.KindScoredRun)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var cw countWriter
	for b.Loop() {
		doc, err := pipeline.Score(s, []string{file}, &inputs.Warnings{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		if err := r.Render(&cw, doc); err != nil {
			b.Fatal(err)
		}
	}
	if secs := b.Elapsed().Seconds(); secs > 0 {
		b.ReportMetric(float64(rows*b.N)/secs, "rows/s")
	}
	b.ReportMetric(float64(cw.n)/float64(rows*b.N), "out-B/row")
}
