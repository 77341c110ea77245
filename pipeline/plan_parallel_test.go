package pipeline_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"

	"countyscore/exact"
	"countyscore/inputs"
	"countyscore/internal/benchgen"
	"countyscore/pipeline"
	"countyscore/scoring"
)

// TestPlanInParallelKeepsOrder: planning on several workers gives the same
// plans in the same order as planning on one, over enough subjects for
// many batches, with a line and without one.
func TestPlanInParallelKeepsOrder(t *testing.T) {
	s := load(t, "garden-county")
	file := gardenFile(t, 3000, 11)
	line := exact.MustParse("80")
	plans := func(procs int, req pipeline.PlanRequest) []*scoring.Plan {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		run, err := pipeline.Plan(s, []string{file}, &inputs.Warnings{}, req)
		if err != nil {
			t.Fatal(err)
		}
		var out []*scoring.Plan
		if err := run.Each(func(p *scoring.Plan) error { out = append(out, p); return nil }); err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, tc := range []struct {
		name string
		req  pipeline.PlanRequest
	}{
		{"to 80", pipeline.PlanRequest{Line: &line}},
		{"to the next line", pipeline.PlanRequest{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			one, four := plans(1, tc.req), plans(4, tc.req)
			if len(one) != 3000 || len(four) != 3000 {
				t.Fatalf("%d and %d plans, want 3000 each", len(one), len(four))
			}
			for i := range one {
				if !reflect.DeepEqual(one[i], four[i]) {
					t.Fatalf("plan %d: one worker %s %+v, four %s %+v", i, one[i].Subject, one[i], four[i].Subject, four[i])
				}
			}
		})
	}
}

// TestPlanEachTransient: EachTransient hands fn the plans Each does, on one
// worker and on several, each whole while fn has it; on one worker the
// plans reuse one another's memory (so a caller must not keep them), which
// Each's plans never do (TestPlanInParallelKeepsOrder keeps them all).
func TestPlanEachTransient(t *testing.T) {
	s := load(t, "garden-county")
	file := gardenFile(t, 1500, 5)
	line := exact.MustParse("80")
	req := pipeline.PlanRequest{Line: &line}
	// as marshals each plan while fn has it, and counts the distinct plans.
	as := func(procs int, transient bool) (out [][]byte, distinct int) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		run, err := pipeline.Plan(s, []string{file}, &inputs.Warnings{}, req)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[*scoring.Plan]bool{}
		fn := func(p *scoring.Plan) error {
			seen[p] = true
			b, err := json.Marshal(p)
			out = append(out, b)
			return err
		}
		each := run.Each
		if transient {
			each = run.EachTransient
		}
		if err := each(fn); err != nil {
			t.Fatal(err)
		}
		return out, len(seen)
	}
	want, kept := as(1, false)
	if len(want) != 1500 || kept != 1500 {
		t.Fatalf("Each: %d plans, %d distinct; want 1500 of each", len(want), kept)
	}
	for _, procs := range []int{1, 4} {
		got, distinct := as(procs, true)
		if len(got) != len(want) {
			t.Fatalf("%d workers: %d plans, want %d", procs, len(got), len(want))
		}
		for i := range want {
			if !bytes.Equal(got[i], want[i]) {
				t.Fatalf("%d workers, plan %d:\n%s\nwant\n%s", procs, i, got[i], want[i])
			}
		}
		if procs == 1 && distinct > 2 {
			t.Errorf("one worker: %d distinct plans; recycled plans should share their memory", distinct)
		}
	}
}

// gardenFile writes rows generated garden-county subjects (benchgen, seed)
// to a CSV file of the test's own and returns its path.
func gardenFile(t *testing.T, rows int, seed int64) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "many.csv")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := benchgen.WriteGardenCSV(f, rows, seed); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return file
}
