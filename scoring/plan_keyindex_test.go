package scoring

import (
	"math/rand/v2"
	"testing"
)

// TestKeyIndexAsMap: a keyIndex answers as a map does, over keys that
// differ in their low bits (as packed values do), in their high bits, and
// a key of 0, through several doublings.
func TestKeyIndexAsMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var x keyIndex[int32]
	want := map[uint64]int32{}
	for i := range 20000 {
		var key uint64
		switch rng.IntN(3) {
		case 0:
			key = uint64(rng.IntN(5000)) // low bits, many repeats
		case 1:
			key = uint64(rng.IntN(64)) << 58 // high bits only
		default:
			key = rng.Uint64()
		}
		got, ok := x.get(key)
		w, wok := want[key]
		if ok != wok || ok && got != w {
			t.Fatalf("look-up %d of %#x: %d %t, a map gives %d %t", i, key, got, ok, w, wok)
		}
		if !ok {
			x.put(key, int32(i))
			want[key] = int32(i)
		}
	}
	if x.n != len(want) {
		t.Errorf("%d keys kept, a map holds %d", x.n, len(want))
	}
	if _, ok := (&keyIndex[int32]{}).get(0); ok {
		t.Error("an empty index found key 0")
	}
}
