package pipeline

import (
	"runtime/debug"
	"testing"
)

// gcPercent reads the GOGC setting.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// TestHoldCollector checks that the collector is off while any diff holds
// it, and that the setting found by the first is back once the last lets
// go, however the holds overlap.
func TestHoldCollector(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(123))
	tests := []struct {
		name  string
		order []int // i ≥ 0: hold i; -1-i: release hold i
	}{
		{name: "one", order: []int{0, -1}},
		{name: "nested", order: []int{0, 1, -2, -1}},
		{name: "overlapping", order: []int{0, 1, -1, -2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			release := map[int]func(){}
			for _, step := range tt.order {
				if step >= 0 {
					release[step] = holdCollector()
				} else {
					release[-1-step]()
					delete(release, -1-step)
				}
				want := 123
				if len(release) > 0 {
					want = -1
				}
				if got := gcPercent(); got != want {
					t.Fatalf("after step %d: GOGC %d, want %d", step, got, want)
				}
			}
		})
	}
}
