package report

import (
	"bufio"
	"bytes"
	"runtime"
	"sync"
)

// csvBlock is how many rows a worker of rows formats at a time.
const csvBlock = 8192

// rows writes rows 0 to n-1 in order, formatting blocks of rows on every
// core: gaps prints a row for each indicator that falls short, millions
// in a large run, and making their text is most of its printing. Each
// worker calls newFill once for a fill of its own, which makes row i
// (begin, then cells) on a csvWriter of c's width; a fill may keep a
// cache, but must only read what the workers share.
func (c *csvWriter) rows(n int, newFill func() func(w *csvWriter, i int)) error {
	return c.rowBlocks(n, csvBlock, newFill)
}

// rowBlocks is rows in blocks of block rows: 1 for rows so wide that one
// is a block's worth of text (a comparison of 100,000 subjects).
func (c *csvWriter) rowBlocks(n, block int, newFill func() func(w *csvWriter, i int)) error {
	workers := runtime.GOMAXPROCS(0)
	if workers < 2 || n < 2*block {
		fill := newFill()
		for i := range n {
			fill(c, i)
			if err := c.end(); err != nil {
				return err
			}
		}
		return nil
	}
	blocks := (n + block - 1) / block
	done := make(chan struct{})
	defer close(done)
	// Each block's text comes back on its own channel; a block is only
	// started once one of 2×workers slots is free, so memory stays a few
	// blocks whatever n is.
	out := make([]chan *bytes.Buffer, blocks)
	for k := range out {
		out[k] = make(chan *bytes.Buffer, 1)
	}
	slots := make(chan struct{}, 2*workers)
	next := make(chan int)
	spare := sync.Pool{New: func() any { return new(bytes.Buffer) }}
	go func() {
		defer close(next)
		for k := range blocks {
			select {
			case slots <- struct{}{}:
			case <-done:
				return
			}
			select {
			case next <- k:
			case <-done:
				return
			}
		}
	}()
	for range workers {
		go func() {
			fill := newFill()
			for k := range next {
				buf := spare.Get().(*bytes.Buffer)
				buf.Reset()
				w := &csvWriter{w: bufio.NewWriterSize(buf, 64<<10), line: make([]byte, 0, 1024), width: c.width}
				for i := k * block; i < min(n, (k+1)*block); i++ {
					fill(w, i)
					w.end() // into buf: never fails
				}
				w.flush()
				out[k] <- buf
			}
		}()
	}
	for k := range blocks {
		buf := <-out[k]
		_, err := c.w.Write(buf.Bytes())
		spare.Put(buf)
		<-slots
		if err != nil {
			return err
		}
	}
	return nil
}
