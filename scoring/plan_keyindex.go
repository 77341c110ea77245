package scoring

import "math/bits"

// keyIndex maps the packed values of an indicator's measures (valueKey) to
// an entry of its memory: an open-addressing table with linear probing,
// since a map look-up per indicator and subject was a tenth of a plan run.
// It grows by doubling at half full; entries are never removed.
type keyIndex struct {
	keys  []uint64
	vals  []int32 // the entry plus one; 0: an empty slot
	n     int
	shift uint // 64 − log2(len(keys))
}

// home is key's first slot: the key's bits mixed (Fibonacci hashing),
// since packed values differ mostly in their low bits.
func (x *keyIndex) home(key uint64) int { return int((key * 0x9e3779b97f4a7c15) >> x.shift) }

// get returns the entry of key, if it has one.
func (x *keyIndex) get(key uint64) (int32, bool) {
	if x.n == 0 {
		return 0, false
	}
	mask := len(x.keys) - 1
	for i := x.home(key); ; i = (i + 1) & mask {
		switch {
		case x.vals[i] == 0:
			return 0, false
		case x.keys[i] == key:
			return x.vals[i] - 1, true
		}
	}
}

// put sets the entry of key, which has none.
func (x *keyIndex) put(key uint64, v int32) {
	if 2*(x.n+1) > len(x.keys) {
		x.grow()
	}
	mask := len(x.keys) - 1
	i := x.home(key)
	for x.vals[i] != 0 {
		i = (i + 1) & mask
	}
	x.keys[i], x.vals[i] = key, v+1
	x.n++
}

func (x *keyIndex) grow() {
	size := max(64, 2*len(x.keys))
	old, oldVals := x.keys, x.vals
	x.keys, x.vals, x.n = make([]uint64, size), make([]int32, size), 0
	x.shift = uint(64 - bits.TrailingZeros(uint(size)))
	for i, v := range oldVals {
		if v != 0 {
			x.put(old[i], v-1)
		}
	}
}
