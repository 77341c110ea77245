package pipeline

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
	"countyscore/internal/benchgen"
	"countyscore/scoring"
)

// writtenSheet writes a generated garden-county sheet of rows subjects;
// bad, when above 0, spoils the value of data row bad.
func writtenSheet(t *testing.T, rows, bad int) (*criteria.Set, string) {
	t.Helper()
	s, err := criteria.Load("garden-county")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := benchgen.WriteGardenCSV(&buf, rows, 5); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(buf.String(), "\n")
	if bad > 0 {
		cells := strings.Split(lines[bad], ",")
		cells[len(cells)-1] = "abc"
		lines[bad] = strings.Join(cells, ",")
	}
	file := filepath.Join(t.TempDir(), "sheet.csv")
	if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	return s, file
}

// subjectLine is a SubjectWriter that prints what a renderer would need
// of the result, and counts the subjects it saw, to show that each
// worker's writer is its own.
func subjectLine() SubjectWriter {
	n := 0
	return func(w io.Writer, r *scoring.Scored) error {
		n++
		_, err := fmt.Fprintf(w, "%s %s %s %v %v\n", r.Subject, r.Points, r.Verdict, r.Missing, r.Indicators[3].Status)
		return err
	}
}

// writtenPass is what one pass of a run gave: its text, its error, its
// pre-screen summary and its gate's failures.
type writtenPass struct {
	text     string
	err      string
	prescren *Prescreen
	fails    []string
	failed   int
}

func passOf(t *testing.T, s *criteria.Set, file string, workers int) writtenPass {
	t.Helper()
	under := exact.MustParse("60")
	gate := &Gate{Under: &under, OnVeto: true}
	doc, err := Score(s, []string{file}, &inputs.Warnings{}, gate)
	if err != nil {
		t.Fatal(err)
	}
	run := doc.(*ScoredRun)
	var out bytes.Buffer
	var p writtenPass
	if err := run.EachWritten(&out, workers, subjectLine); err != nil {
		p.err = err.Error()
	}
	p.text, p.prescren = out.String(), run.Prescreen()
	p.fails, p.failed = gate.Failures()
	return p
}

// TestEachWrittenInOrder: on any number of workers, a run's text, its
// error, its pre-screen summary (past MaxPrescreenRows too) and its gate
// are those of one worker, which is Each writing as it scores.
func TestEachWrittenInOrder(t *testing.T) {
	tests := []struct {
		name      string
		rows, bad int
	}{
		{"many subjects", MaxPrescreenRows + 700, 0},
		{"one subject", 1, 0},
		{"a job's worth", writtenJobSize, 0},
		{"bad first row", 600, 1},
		{"bad row mid-batch", 600, 300},
		{"bad row ending a reader's batch", 600, 256},
		{"bad last row", 600, 600},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, file := writtenSheet(t, tc.rows, tc.bad)
			want := passOf(t, s, file, 1)
			if tc.bad > 0 && !strings.Contains(want.err, fmt.Sprintf(":%d:", tc.bad+1)) {
				t.Fatalf("one worker: error %q, want one on line %d", want.err, tc.bad+1)
			}
			if tc.bad == 0 && (want.err != "" || strings.Count(want.text, "\n") != tc.rows) {
				t.Fatalf("one worker: %d lines, error %q", strings.Count(want.text, "\n"), want.err)
			}
			for _, workers := range []int{2, 3, 8} {
				got := passOf(t, s, file, workers)
				if got.text != want.text {
					t.Errorf("%d workers: text differs from one worker's (%d bytes, want %d)", workers, len(got.text), len(want.text))
				}
				if got.err != want.err {
					t.Errorf("%d workers: error %q, want %q", workers, got.err, want.err)
				}
				if !reflect.DeepEqual(got.prescren, want.prescren) {
					t.Errorf("%d workers: the pre-screen summary differs", workers)
				}
				if !reflect.DeepEqual(got.fails, want.fails) || got.failed != want.failed {
					t.Errorf("%d workers: gate %d %q, want %d %q", workers, got.failed, got.fails, want.failed, want.fails)
				}
			}
		})
	}
}

// failingWriter takes n bytes, then fails.
type failingWriter struct{ n int }

var errFull = errors.New("disk full")

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		w.n = 0
		return 0, errFull
	}
	w.n -= len(p)
	return len(p), nil
}

// TestEachWrittenStops: a failed write, a writer's error and a writer's
// panic end the run with that error (or panic) in the caller's goroutine,
// and no goroutine of the run is left behind.
func TestEachWrittenStops(t *testing.T) {
	s, file := writtenSheet(t, 2000, 0)
	errWriter := errors.New("cannot lay out")
	tests := []struct {
		name  string
		w     io.Writer
		fail  string // the subject whose writer fails
		panic bool
		want  error
	}{
		{"output fails", &failingWriter{n: 10000}, "", false, errFull},
		{"writer fails", io.Discard, benchgen.SubjectName(700), false, errWriter},
		{"writer panics", io.Discard, benchgen.SubjectName(700), true, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := runtime.NumGoroutine()
			doc, err := Score(s, []string{file}, &inputs.Warnings{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			newWriter := func() SubjectWriter {
				line := subjectLine()
				return func(w io.Writer, r *scoring.Scored) error {
					if r.Subject == tc.fail {
						if tc.panic {
							panic("boom")
						}
						return errWriter
					}
					return line(w, r)
				}
			}
			func() {
				defer func() {
					if v := recover(); tc.panic && v != "boom" {
						t.Errorf("recovered %v, want boom", v)
					}
				}()
				err = doc.(*ScoredRun).EachWritten(tc.w, 3, newWriter)
				if tc.panic {
					t.Error("no panic")
				}
			}()
			if !tc.panic && !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
			deadline := time.Now().Add(5 * time.Second)
			for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
			}
			if n := runtime.NumGoroutine(); n > before {
				t.Errorf("%d goroutines after the run, %d before", n, before)
			}
		})
	}
}
