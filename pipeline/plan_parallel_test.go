package pipeline_test

import (
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
	file := filepath.Join(t.TempDir(), "many.csv")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := benchgen.WriteGardenCSV(f, 3000, 11); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
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
