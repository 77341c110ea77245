// Package profile writes the CPU and heap profiles that --cpuprofile and
// --memprofile ask for, so a slow or large run can be examined with
// `go tool pprof` on the very input that showed it, not on a benchmark.
package profile

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
)

// Session is one run's profiling: a CPU profile from Start to Stop, and a
// heap profile written once, at Snapshot or else at Stop.
type Session struct {
	cpu     *os.File
	memPath string
	once    sync.Once
	memErr  error
}

// Start begins a CPU profile into cpuPath (when not empty) and remembers
// memPath for the heap profile. A file that cannot be created is an error
// before any work is done.
func Start(cpuPath, memPath string) (*Session, error) {
	s := &Session{memPath: memPath}
	if cpuPath != "" {
		f, err := os.Create(cpuPath)
		if err != nil {
			return nil, fmt.Errorf("--cpuprofile: %w", err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return nil, fmt.Errorf("--cpuprofile: %w", err)
		}
		s.cpu = f
	}
	return s, nil
}

// Snapshot writes the heap profile now, the first time it is called: the
// pipeline calls it when the last subject has been handed on, while what a
// run keeps per subject (the duplicate check, a renderer's summary) is
// still alive, so the profile's in-use view shows what remains per row.
// Later calls do nothing. A nil Session does nothing.
func (s *Session) Snapshot() {
	if s == nil || s.memPath == "" {
		return
	}
	s.once.Do(func() {
		runtime.GC() // in-use figures are as of the last collection
		f, err := os.Create(s.memPath)
		if err != nil {
			s.memErr = fmt.Errorf("--memprofile: %w", err)
			return
		}
		if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
			s.memErr = fmt.Errorf("--memprofile: %w", err)
		}
		if err := f.Close(); err != nil && s.memErr == nil {
			s.memErr = fmt.Errorf("--memprofile: %w", err)
		}
	})
}

// Stop ends the CPU profile and writes the heap profile if no Snapshot
// has. It returns the first error of writing either.
func (s *Session) Stop() error {
	if s == nil {
		return nil
	}
	var err error
	if s.cpu != nil {
		pprof.StopCPUProfile()
		err = s.cpu.Close()
		s.cpu = nil
		if err != nil {
			err = fmt.Errorf("--cpuprofile: %w", err)
		}
	}
	s.Snapshot()
	if err == nil {
		err = s.memErr
	}
	return err
}
