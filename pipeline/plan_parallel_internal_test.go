package pipeline

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"countyscore/criteria"
	"countyscore/inputs"
	"countyscore/internal/benchgen"
	"countyscore/scoring"
)

// TestPlanWorkerPanicReachesTheCaller: a defect that panics in a worker
// panics again in the goroutine reading the plans, after the plans before
// it, where the command reports it as an internal error (exit 3), as it
// does on one core; it does not take the process down from a goroutine of
// its own.
func TestPlanWorkerPanicReachesTheCaller(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	s, err := criteria.Load("garden-county")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "many.csv")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := benchgen.WriteGardenCSV(f, 1000, 3); err != nil {
		t.Fatal(err)
	}
	f.Close()
	n := 0
	plan := func(p *scoring.Planner, rec *inputs.Record) (*scoring.Plan, error) {
		if rec.Subject == benchgen.SubjectName(600) {
			panic("boom")
		}
		return &scoring.Plan{Subject: rec.Subject}, nil
	}
	defer func() {
		if v := recover(); v != "boom" {
			t.Errorf("recovered %v, want boom", v)
		}
		if n != 599 {
			t.Errorf("%d plans before the panic, want 599", n)
		}
	}()
	_ = eachPlan(s, open(s, []string{file}, &inputs.Warnings{}, configure(nil)), plan, func(*scoring.Plan) error {
		n++
		return nil
	}, false)
	t.Error("no panic")
}
