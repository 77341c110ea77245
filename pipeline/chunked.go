package pipeline

// chunked is a list grown in fixed chunks: appending to a slice of
// millions of rows copies it whole each time it grows, briefly holding it
// twice; a chunked list never copies.
type chunked[T any] struct {
	chunks [][]T
	n      int
}

const chunkSize = 1 << 16

func (c *chunked[T]) add(v T) {
	if c.n%chunkSize == 0 {
		c.chunks = append(c.chunks, make([]T, 0, chunkSize))
	}
	last := len(c.chunks) - 1
	c.chunks[last] = append(c.chunks[last], v)
	c.n++
}

func (c *chunked[T]) len() int { return c.n }

func (c *chunked[T]) at(i int) *T { return &c.chunks[i/chunkSize][i%chunkSize] }

// flatten moves the list into one slice of its exact length, letting each
// chunk go as it is copied, and empties c.
func (c *chunked[T]) flatten() []T {
	out := make([]T, 0, c.n)
	for i := range c.chunks {
		out = append(out, c.chunks[i]...)
		c.chunks[i] = nil
	}
	*c = chunked[T]{}
	return out
}
