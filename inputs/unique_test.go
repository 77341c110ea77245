package inputs

import (
	"fmt"
	"runtime"
	"testing"
)

// TestSeenSet: a key given twice is found with the place it was first
// seen; different keys are not.
func TestSeenSet(t *testing.T) {
	tests := []struct {
		name      string
		keys      []string
		dupAt     int // index of the first repeat, -1 for none
		firstFile int
		firstLine int
	}{
		{name: "all different", keys: []string{"汾阳市", "孝义市", "汾阳", "汾阳市 "}, dupAt: -1},
		{name: "a repeat", keys: []string{"汾阳市", "孝义市", "汾阳市"}, dupAt: 2, firstFile: 0, firstLine: 10},
		{name: "a repeat in another file", keys: []string{"a", "b", "c", "b"}, dupAt: 3, firstFile: 1, firstLine: 11},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newSeenSet()
			for i, k := range tc.keys {
				file, line, dup := s.add(k, 0, i, 10+i)
				if dup != (i == tc.dupAt) {
					t.Fatalf("key %d %q: dup %t, want %t", i, k, dup, i == tc.dupAt)
				}
				if dup && (file != tc.firstFile || line != tc.firstLine) {
					t.Errorf("key %d: first seen at file %d line %d, want %d %d", i, file, line, tc.firstFile, tc.firstLine)
				}
			}
		})
	}
}

// TestSeenSetYears: one subject in two years is two keys, and each is
// found again in its own year; a year of 0 is the subject alone.
func TestSeenSetYears(t *testing.T) {
	s := newSeenSet()
	for i, y := range []int{0, 2023, 2024, 2025} {
		if _, _, dup := s.add("汾阳市", y, 0, 10+i); dup {
			t.Fatalf("汾阳市 in %d taken for a repeat", y)
		}
	}
	for i, y := range []int{0, 2023, 2024, 2025} {
		file, line, dup := s.add("汾阳市", y, 1, 20+i)
		if !dup || file != 0 || line != 10+i {
			t.Errorf("汾阳市 in %d again: dup %t at file %d line %d, want line %d", y, dup, file, line, 10+i)
		}
	}
	if _, _, dup := s.add("孝义市", 2024, 0, 30); dup {
		t.Error("another subject in a year taken for a repeat")
	}
}

// TestSeenSetMemory: what the duplicate check keeps per subject is small
// and does not hold the names: at most 64 bytes a subject.
func TestSeenSetMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates 200,000 names")
	}
	const n = 200000
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	s := newSeenSet()
	for i := range n {
		if _, _, dup := s.add(fmt.Sprintf("一个很长的县级单位名称%07d", i), 0, 0, i+2); dup {
			t.Fatalf("name %d taken for a repeat", i)
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	perSubject := float64(after.HeapAlloc-before.HeapAlloc) / n
	runtime.KeepAlive(s)
	if perSubject > 64 {
		t.Errorf("the duplicate check keeps %.1f bytes a subject, want at most 64", perSubject)
	}
	t.Logf("%.1f bytes a subject", perSubject)
}
