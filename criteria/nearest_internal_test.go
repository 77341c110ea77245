package criteria

import (
	"math/rand/v2"
	"testing"
)

// nearestUnfiltered is Registry.Nearest without the bins that pass over
// candidates early: what it must answer, on every name.
func (r *Registry) nearestUnfiltered(name string) (string, bool) {
	rs := lowerRunes(name)
	best, bestDist, bestSwap := "", -1, false
	for _, c := range r.cands {
		if d, ok := within(rs, c.runes); ok && better(d, bestDist, rs, c.runes, bestSwap) {
			best, bestDist, bestSwap = c.canonical, d, sameRunes(rs, c.runes)
		}
	}
	return best, bestDist >= 0
}

// TestNearestBinsChangeNothing: the registry's names, short names and
// codes with random edits (characters dropped, doubled, swapped, replaced
// by others of the registry, by a Latin letter or a digit), and the
// generated names of a large sheet, get the same answer with and without
// the bins.
func TestNearestBinsChangeNothing(t *testing.T) {
	reg := Subjects()
	var keys []string
	var pool []rune
	for _, s := range reg.Subjects {
		for _, k := range []string{s.Name, s.Short, s.Code} {
			if k != "" {
				keys = append(keys, k)
				pool = append(pool, []rune(k)...)
			}
		}
	}
	pool = append(pool, []rune("Aa0193县 ")...)
	rng := rand.New(rand.NewPCG(3, 4))
	close := 0
	for n := range 20000 {
		rs := []rune(keys[rng.IntN(len(keys))])
		for range 1 + rng.IntN(3) {
			i := rng.IntN(len(rs))
			switch rng.IntN(4) {
			case 0:
				rs = append(rs[:i:i], rs[i+1:]...)
			case 1:
				rs = append(rs[:i+1:i+1], rs[i:]...)
			case 2:
				if i+1 < len(rs) {
					rs[i], rs[i+1] = rs[i+1], rs[i]
				}
			default:
				rs[i] = pool[rng.IntN(len(pool))]
			}
			if len(rs) == 0 {
				rs = []rune{pool[rng.IntN(len(pool))]}
			}
		}
		name := string(rs)
		if n%4 == 0 {
			name = "县" + string(rune('0'+rng.IntN(10))) + "00" + string(rs[:min(len(rs), 3)])
		}
		got, gotOK := reg.Nearest(name, nil)
		want, wantOK := reg.nearestUnfiltered(name)
		if got != want || gotOK != wantOK {
			t.Fatalf("Nearest(%q) = %q, %v; without the bins %q, %v", name, got, gotOK, want, wantOK)
		}
		if wantOK {
			close++
		}
	}
	if close < 5000 {
		t.Errorf("only %d of 20000 names had a near subject: the test no longer tries what it means to", close)
	}
}

// TestNearestAllocates: the name of a large sheet is looked up without
// allocating (the bins and a buffer on the stack).
func TestNearestAllocates(t *testing.T) {
	reg := Subjects()
	if n := testing.AllocsPerRun(100, func() { reg.Nearest("县0141100", nil) }); n != 0 {
		t.Errorf("Nearest allocates %v times a call; want 0", n)
	}
}
