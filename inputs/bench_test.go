package inputs_test

import (
	"bytes"
	"io"
	"testing"

	"countyscore/criteria"
	"countyscore/inputs"
	"countyscore/internal/benchgen"
)

// BenchmarkCSVRead reads a generated 10,000-row garden-county sheet per op
// (header, subject names, every cell parsed), reporting rows/s.
func BenchmarkCSVRead(b *testing.B) {
	const rows = 10000
	s, err := criteria.Load("garden-county")
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := benchgen.WriteGardenCSV(&buf, rows, 1); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		r, err := inputs.NewCSV("bench.csv", bytes.NewReader(data), s, &inputs.Warnings{})
		if err != nil {
			b.Fatal(err)
		}
		for {
			_, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
	}
	if n != rows*b.N {
		b.Fatalf("read %d rows, want %d", n, rows*b.N)
	}
	if secs := b.Elapsed().Seconds(); secs > 0 {
		b.ReportMetric(float64(n)/secs, "rows/s")
	}
	b.ReportMetric(float64(n)/float64(b.N), "rows/op")
}
