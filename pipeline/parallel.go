package pipeline

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// eachParallel calls fn(i) for every i below n on a worker per core, each
// i once, and returns when all are done. fn must touch only what belongs
// to i.
func eachParallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				fn(i)
			}
		})
	}
	wg.Wait()
}
