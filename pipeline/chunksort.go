package pipeline

import (
	"runtime"
	"slices"
	"sync"
)

// sortChunked orders the rows of c by cmp without copying them into one
// slice: each chunk is sorted in place (the chunks spread over the cores),
// then the chunks are merged into the returned order, positions in c.
// Gathering a million 32-byte rows into one slice to sort them cost more
// than the sort (a fresh 60 MB, faulted in page by page) and held the
// rows twice at the peak; the order costs 4 bytes a row.
//
// cmp must be a total order (no two rows equal): then the result is the
// one order there is, whatever the chunks, the workers or the algorithm.
func sortChunked[T any](c *chunked[T], cmp func(a, b T) int) []uint32 {
	sortChunks(c.chunks, cmp)
	return mergeChunks(c.chunks, cmp)
}

// sortChunks sorts each chunk in place, a worker per core.
func sortChunks[T any](chunks [][]T, cmp func(a, b T) int) {
	next := make(chan []T)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(chunks)) {
		wg.Go(func() {
			for chunk := range next {
				slices.SortFunc(chunk, cmp)
			}
		})
	}
	for _, chunk := range chunks {
		next <- chunk
	}
	close(next)
	wg.Wait()
}

// mergeChunks merges sorted chunks into one order of positions
// (chunk×chunkSize + offset), through a binary heap of the chunks' heads.
func mergeChunks[T any](chunks [][]T, cmp func(a, b T) int) []uint32 {
	type head struct{ chunk, at int }
	n := 0
	heap := make([]head, 0, len(chunks))
	for i, chunk := range chunks {
		n += len(chunk)
		if len(chunk) > 0 {
			heap = append(heap, head{i, 0})
		}
	}
	less := func(a, b head) bool { return cmp(chunks[a.chunk][a.at], chunks[b.chunk][b.at]) < 0 }
	down := func(i int) {
		for {
			l := 2*i + 1
			if l >= len(heap) {
				return
			}
			if r := l + 1; r < len(heap) && less(heap[r], heap[l]) {
				l = r
			}
			if !less(heap[l], heap[i]) {
				return
			}
			heap[i], heap[l] = heap[l], heap[i]
			i = l
		}
	}
	for i := len(heap)/2 - 1; i >= 0; i-- {
		down(i)
	}
	order := make([]uint32, 0, n)
	for len(heap) > 0 {
		top := &heap[0]
		order = append(order, uint32(top.chunk*chunkSize+top.at))
		if top.at++; top.at == len(chunks[top.chunk]) {
			heap[0] = heap[len(heap)-1]
			heap = heap[:len(heap)-1]
		}
		down(0)
	}
	return order
}
