package report

import (
	"bufio"
	"bytes"
	"errors"
	"runtime"
	"strconv"
	"testing"
)

// TestCSVRowsInOrder: rows formatted in blocks on several cores come out
// byte for byte as one goroutine writes them, across block boundaries.
func TestCSVRowsInOrder(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	}
	fill := func() func(w *csvWriter, i int) {
		return func(w *csvWriter, i int) {
			w.begin()
			w.cell("县" + strconv.Itoa(i))
			w.cell("=1+1") // made safe, as a serial row is
			w.cell("a,b")
		}
	}
	for _, n := range []int{0, 1, 2*csvBlock - 1, 2 * csvBlock, 5*csvBlock + 3} {
		var serial, blocks bytes.Buffer
		s := newCSVWriter(&serial)
		s.width = 3
		for i := range n {
			fill()(s, i)
			if err := s.end(); err != nil {
				t.Fatal(err)
			}
		}
		s.flush()
		b := newCSVWriter(&blocks)
		b.width = 3
		if err := b.rows(n, fill); err != nil {
			t.Fatal(err)
		}
		b.flush()
		if !bytes.Equal(serial.Bytes(), blocks.Bytes()) {
			t.Errorf("%d rows: blocks differ from the serial text (%d against %d bytes)", n, blocks.Len(), serial.Len())
		}
	}
}

type failAfter struct{ left int }

func (f *failAfter) Write(p []byte) (int, error) {
	if f.left -= len(p); f.left < 0 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

// TestCSVRowsWriteError: a failing output ends the rows with its error,
// and the workers stop (the test would hang, or leak, otherwise).
func TestCSVRowsWriteError(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	}
	c := &csvWriter{w: bufio.NewWriterSize(&failAfter{left: 100 << 10}, 16), line: make([]byte, 0, 64), width: 1}
	err := c.rows(50*csvBlock, func() func(w *csvWriter, i int) {
		return func(w *csvWriter, i int) { w.begin(); w.cell("row " + strconv.Itoa(i)) }
	})
	if err == nil || err.Error() != "disk full" {
		t.Fatalf("got %v, want the writer's error", err)
	}
}
