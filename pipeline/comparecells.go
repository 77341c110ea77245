package pipeline

import (
	"countyscore/exact"
	"countyscore/scoring"
)

// pointCells is one row of a scored comparison while it is built: each
// cell packed into 4 bytes (the coefficient and scale of its points, which
// are small: 0, 1.5, 66.5), a quarter of an exact decimal; a row holding a
// value that does not fit (a negative or a long one) keeps decimals from
// then on. The row's cells become decimals, exactly as they were scored,
// once every column is in.
type pointCells struct {
	packed chunked[uint32]
	wide   *chunked[scoring.Number] // once a cell does not pack
}

const (
	cellScaleBits = 5
	cellMaxCoef   = 1<<(32-cellScaleBits) - 1
)

func (c *pointCells) add(n scoring.Number) {
	coef, meta := exact.Pack(n.V)
	if c.wide == nil && meta < 1<<cellScaleBits && coef <= cellMaxCoef { // meta: the scale, and no sign bit
		c.packed.add(uint32(coef)<<cellScaleBits | uint32(meta))
		return
	}
	if c.wide == nil {
		before := c.take() // the packed cells so far
		c.wide = &chunked[scoring.Number]{}
		for _, p := range before {
			c.wide.add(p)
		}
	}
	c.wide.add(n)
}

// take moves the row's cells into one slice of decimals and empties it.
func (c *pointCells) take() []scoring.Number {
	if c.wide != nil {
		out := c.wide.flatten()
		c.wide = nil
		return out
	}
	out := c.into(make([]scoring.Number, 0, c.packed.len()))
	c.packed = chunked[uint32]{}
	return out
}

// into appends the row's cells to out, as decimals, and leaves the row as
// it is.
func (c *pointCells) into(out []scoring.Number) []scoring.Number {
	if c.wide != nil {
		for i := range c.wide.chunks {
			out = append(out, c.wide.chunks[i]...)
		}
		return out
	}
	// A row holds few distinct points (0 to 3 for most indicators): each
	// is unpacked once, into a small cache by its packed bits.
	var cache [256]struct {
		p    uint32
		ok   bool
		cell scoring.Number
	}
	for i := range c.packed.chunks {
		for _, p := range c.packed.chunks[i] {
			e := &cache[uint8((p*0x9e3779b9)>>24)]
			if !e.ok || e.p != p {
				e.p, e.ok, e.cell = p, true, scoring.N(exact.Unpack(uint64(p>>cellScaleBits), uint8(p&(1<<cellScaleBits-1))))
			}
			out = append(out, e.cell)
		}
	}
	return out
}
