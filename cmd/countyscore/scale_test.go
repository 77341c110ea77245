package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestParseSize reads the sizes --max-input-size takes and refuses others.
func TestParseSize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want int64
		bad  bool
	}{
		{name: "bytes", in: "1000000", want: 1000000},
		{name: "GiB", in: "2GiB", want: 2 << 30},
		{name: "MiB with a space", in: "512 MiB", want: 512 << 20},
		{name: "MB decimal", in: "300MB", want: 300e6},
		{name: "fraction", in: "1.5GiB", want: 3 << 29},
		{name: "the default as shown", in: "256 MiB", want: 256 << 20},
		{name: "unknown unit", in: "2 parsecs", bad: true},
		{name: "zero", in: "0", bad: true},
		{name: "negative", in: "-5MiB", bad: true},
		{name: "empty", in: "", bad: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseSize(tc.in)
			if tc.bad {
				if err == nil {
					t.Errorf("parseSize(%q) = %d, want an error", tc.in, got)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("parseSize(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
			}
		})
	}
}

// TestMaxInputSize: a CSV above --max-input-size is refused (exit 2,
// naming the file and the limit, nothing on stdout); a bad size is a usage
// error; raised, the same file is scored.
func TestMaxInputSize(t *testing.T) {
	in := filepath.Join("..", "..", "inputs", "examples", "garden-county.csv")
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{name: "below the file", args: []string{"score", "--criteria", "garden-county", "--format", "csv", "--max-input-size", "100", in}, code: 2, stderr: "larger than the 100 bytes limit"},
		{name: "gaps too", args: []string{"gaps", "--criteria", "garden-county", "--format", "csv", "--max-input-size", "1KiB", in}, code: 2, stderr: "limit"},
		{name: "not a size", args: []string{"score", "--criteria", "garden-county", "--max-input-size", "lots", in}, code: 2, stderr: "--max-input-size"},
		{name: "raised", args: []string{"score", "--criteria", "garden-county", "--format", "csv", "--max-input-size", "2GiB", in}, code: 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(append([]string{"countyscore"}, tc.args...), &stdout, &stderr)
			if code != tc.code || !strings.Contains(stderr.String(), tc.stderr) {
				t.Fatalf("exit %d, stderr %q; want exit %d and %q", code, stderr.String(), tc.code, tc.stderr)
			}
			if code != 0 && stdout.Len() > 0 {
				t.Errorf("refused, yet wrote %d bytes", stdout.Len())
			}
		})
	}
}

// TestProfileFlags: --cpuprofile and --memprofile (or their environment
// variables) write profiles; an unwritable path is a usage error.
func TestProfileFlags(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join("..", "..", "inputs", "examples", "garden-county.csv")
	cpu, mem := filepath.Join(dir, "cpu.pprof"), filepath.Join(dir, "heap.pprof")
	var stdout, stderr bytes.Buffer
	code := run([]string{"countyscore", "--cpuprofile", cpu, "--memprofile", mem, "score", "--criteria", "garden-county", "--format", "csv", in}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, f := range []string{cpu, mem} {
		if st, err := os.Stat(f); err != nil || st.Size() == 0 {
			t.Errorf("%s: not written (%v)", filepath.Base(f), err)
		}
	}
	envMem := filepath.Join(dir, "env-heap.pprof")
	t.Setenv("COUNTYSCORE_MEMPROFILE", envMem)
	if code := run([]string{"countyscore", "gaps", "--criteria", "garden-county", in}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if st, err := os.Stat(envMem); err != nil || st.Size() == 0 {
		t.Errorf("COUNTYSCORE_MEMPROFILE: not written (%v)", err)
	}
	t.Setenv("COUNTYSCORE_MEMPROFILE", "")
	stderr.Reset()
	code = run([]string{"countyscore", "--cpuprofile", filepath.Join(dir, "no", "such", "dir", "cpu.pprof"), "criteria", "list"}, &stdout, &stderr)
	if code != 2 || !strings.Contains(stderr.String(), "--cpuprofile") {
		t.Errorf("unwritable --cpuprofile: exit %d, %q; want exit 2 naming the flag", code, stderr.String())
	}
}
