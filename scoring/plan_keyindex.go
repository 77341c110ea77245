package scoring

import "math/bits"

// keyIndex maps the packed values of an indicator's measures (valueKey) to
// an entry of its memory: an open-addressing table with linear probing,
// since a map look-up per indicator and subject was a tenth of a plan run.
// It grows by doubling at half full; entries are never removed. A key and
// its entry share a slot, so a look-up reads one cache line, not two.
type keyIndex struct {
	slots []keySlot
	n     int
	shift uint // 64 − log2(len(slots))
}

type keySlot struct {
	key uint64
	val int32 // the entry plus one; 0: an empty slot
}

// home is key's first slot: the key's bits mixed (Fibonacci hashing),
// since packed values differ mostly in their low bits.
func (x *keyIndex) home(key uint64) int { return int((key * 0x9e3779b97f4a7c15) >> x.shift) }

// get returns the entry of key, if it has one.
func (x *keyIndex) get(key uint64) (int32, bool) {
	if x.n == 0 {
		return 0, false
	}
	mask := len(x.slots) - 1
	for i := x.home(key); ; i = (i + 1) & mask {
		switch sl := &x.slots[i]; {
		case sl.val == 0:
			return 0, false
		case sl.key == key:
			return sl.val - 1, true
		}
	}
}

// put sets the entry of key, which has none.
func (x *keyIndex) put(key uint64, v int32) {
	if 2*(x.n+1) > len(x.slots) {
		x.grow()
	}
	mask := len(x.slots) - 1
	i := x.home(key)
	for x.slots[i].val != 0 {
		i = (i + 1) & mask
	}
	x.slots[i] = keySlot{key: key, val: v + 1}
	x.n++
}

func (x *keyIndex) grow() {
	size := max(64, 2*len(x.slots))
	old := x.slots
	x.slots, x.n = make([]keySlot, size), 0
	x.shift = uint(64 - bits.TrailingZeros(uint(size)))
	for _, sl := range old {
		if sl.val != 0 {
			x.put(sl.key, sl.val-1)
		}
	}
}
