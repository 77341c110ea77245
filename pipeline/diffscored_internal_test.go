package pipeline

import (
	"os"
	"path/filepath"
	"runtime"
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

// TestBalanced: the sides of a diff read inline only when neither is more
// than twice the other on disk, and never on one core (which reads inline
// anyway); a file that cannot be read counts as empty.
func TestBalanced(t *testing.T) {
	dir := t.TempDir()
	file := func(name string, size int) string {
		f := filepath.Join(dir, name)
		if err := os.WriteFile(f, make([]byte, size), 0o644); err != nil {
			t.Fatal(err)
		}
		return f
	}
	a, b, c := file("a.csv", 1000), file("b.csv", 600), file("c.csv", 400)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	for _, tc := range []struct {
		old, new []string
		want     bool
	}{
		{[]string{a}, []string{b}, true},
		{[]string{a}, []string{c}, false},
		{[]string{b, c}, []string{a}, true},
		{[]string{a}, []string{filepath.Join(dir, "missing.csv")}, false},
	} {
		if got := balanced(tc.old, tc.new); got != tc.want {
			t.Errorf("balanced(%v, %v) = %t, want %t", tc.old, tc.new, got, tc.want)
		}
	}
	runtime.GOMAXPROCS(1)
	if balanced([]string{a}, []string{b}) {
		t.Error("one core: balanced, want false (it reads inline anyway)")
	}
}
