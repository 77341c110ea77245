// Package memtune keeps a run's heap close to what is alive.
//
// A streaming run keeps little alive, so the collector may run rarely
// (GOGC 400) while the heap is small; but GOGC alone lets the heap grow to
// five times the live data, and a fixed memory limit makes the collector
// run without pause once a run legitimately holds more than the limit (the
// table format's summary of a million subjects). So the limit follows the
// live heap: it starts at floor and, after each collection, becomes 1.25
// times the live heap and 4 MiB when that is larger. The peak heap is then
// about max(floor, 1.25 × live), whatever the number of subjects. (1.5
// left a million-subject run at 108 MB; 1.25 brings it to 95 MB with no
// more collector time measured on 100,000 and 1,000,000 subjects. 8 MiB
// of headroom left the JSON of a million subjects at 99.9 MB once
// workers score and write it side by side; 4 MiB, 94.6 MB.)
package memtune

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
)

// Start tunes the collector and returns what restores it. GOGC and
// GOMEMLIMIT in the environment win: with either set, Start leaves that
// one alone.
func Start(floor int64) (stop func()) {
	t := &tuner{floor: floor, gc: -1, limit: -1}
	if os.Getenv("GOGC") == "" {
		t.gc = debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		t.limit = debug.SetMemoryLimit(floor)
		t.current.Store(floor)
		t.arm()
	}
	return t.stop
}

// headroom is added to 1.25 times the live heap: room to allocate between
// collections when little is alive (the floor covers the runs that keep
// little alive, so it matters only above it).
const headroom = 4 << 20

type tuner struct {
	floor    int64
	gc       int
	limit    int64
	current  atomic.Int64
	stopped  atomic.Bool
	stopOnce sync.Once
	sample   [1]metrics.Sample
	sampleMu sync.Mutex
}

// arm runs adjust after the next collection: a finalizer runs once its
// object has been found unreachable, that is, after a cycle.
func (t *tuner) arm() {
	x := new([16]byte)
	runtime.SetFinalizer(x, func(*[16]byte) {
		if t.stopped.Load() {
			return
		}
		t.adjust()
		t.arm()
	})
}

func (t *tuner) adjust() {
	t.sampleMu.Lock()
	defer t.sampleMu.Unlock()
	t.sample[0].Name = "/gc/heap/live:bytes"
	metrics.Read(t.sample[:])
	if t.sample[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	live := int64(t.sample[0].Value.Uint64())
	want := max(t.floor, live+live/4+headroom)
	if want != t.current.Load() {
		t.current.Store(want)
		debug.SetMemoryLimit(want)
	}
}

func (t *tuner) stop() {
	t.stopOnce.Do(func() {
		t.stopped.Store(true)
		if t.gc != -1 {
			debug.SetGCPercent(t.gc)
		}
		if t.limit != -1 {
			debug.SetMemoryLimit(t.limit)
		}
	})
}
