package scoring

import "math/bits"

// keyIndex maps the packed values of an indicator's measures (valueKey) to
// what the planner keeps for them: an open-addressing table with linear
// probing, since a map look-up per indicator and subject was a tenth of a
// plan run. It grows by doubling at half full; entries are never removed.
// A key and its value share a slot, so a look-up reads one cache line,
// not two: a plan looks up some twenty a subject, in tables too large
// together for the processor's cache.
type keyIndex[V any] struct {
	slots []keySlot[V]
	n     int
	shift uint // 64 − log2(len(slots))
}

type keySlot[V any] struct {
	key  uint64
	val  V
	used bool
}

// home is key's first slot: the key's bits mixed (Fibonacci hashing),
// since packed values differ mostly in their low bits.
func (x *keyIndex[V]) home(key uint64) int { return int((key * 0x9e3779b97f4a7c15) >> x.shift) }

// find returns the slot of key, if it has one; the slot stays key's until
// the next put.
func (x *keyIndex[V]) find(key uint64) (int32, bool) {
	if x.n == 0 {
		return 0, false
	}
	mask := len(x.slots) - 1
	for i := x.home(key); ; i = (i + 1) & mask {
		switch sl := &x.slots[i]; {
		case !sl.used:
			return 0, false
		case sl.key == key:
			return int32(i), true
		}
	}
}

// get returns the value of key, if it has one.
func (x *keyIndex[V]) get(key uint64) (V, bool) {
	i, ok := x.find(key)
	if !ok {
		var zero V
		return zero, false
	}
	return x.slots[i].val, true
}

// at is the value in slot i (from find or put).
func (x *keyIndex[V]) at(i int32) *V { return &x.slots[i].val }

// put sets the value of key, which has none, and returns its slot.
func (x *keyIndex[V]) put(key uint64, v V) int32 {
	if 2*(x.n+1) > len(x.slots) {
		x.grow()
	}
	mask := len(x.slots) - 1
	i := x.home(key)
	for x.slots[i].used {
		i = (i + 1) & mask
	}
	x.slots[i] = keySlot[V]{key: key, val: v, used: true}
	x.n++
	return int32(i)
}

func (x *keyIndex[V]) grow() {
	size := max(64, 2*len(x.slots))
	old := x.slots
	x.slots, x.n = make([]keySlot[V], size), 0
	x.shift = uint(64 - bits.TrailingZeros(uint(size)))
	for _, sl := range old {
		if sl.used {
			x.put(sl.key, sl.val)
		}
	}
}
