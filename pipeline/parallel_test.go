package pipeline

import (
	"runtime"
	"testing"
)

// TestEachParallel: every index is visited exactly once, on one core and
// on several, for no, one and many indexes.
func TestEachParallel(t *testing.T) {
	for _, procs := range []int{1, 4} {
		old := runtime.GOMAXPROCS(procs)
		for _, n := range []int{0, 1, 3, 1000} {
			seen := make([]int, n)
			eachParallel(n, func(i int) { seen[i]++ })
			for i, c := range seen {
				if c != 1 {
					t.Errorf("GOMAXPROCS %d, n %d: index %d visited %d times", procs, n, i, c)
				}
			}
		}
		runtime.GOMAXPROCS(old)
	}
}
