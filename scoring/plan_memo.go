package scoring

import (
	"countyscore/criteria"
	"countyscore/inputs"
)

// An indicator's options are a function of the values of its own
// measures: the conditions, the step levels and the engine's scoring of
// each candidate read nothing else, once the costs are fixed (a run has
// one price list, which cannot change once read: the memory is emptied
// when a plan comes with another) and no condition compares with a
// $threshold, which an attribute of the subject chooses. Many subjects
// share the values of an indicator's measures (a checklist of yes/no
// answers has a few dozen ways to be answered, a single percent a few
// hundred), so the planner keeps, per indicator, the options it weighed
// for each set of values it has met. Most indicators are keyed on the
// classes of their values (plan_class.go), which many more subjects
// share; the others, and those priced per unit, on the values exactly as
// given (a value's scale is part of its key: 80 and 80.0 are weighed
// apart, as the ulp of a strict threshold may differ).
//
// The key is packed into 64 bits (valueKey); values that do not fit
// (many digits, or 不适用) are weighed afresh. An indicator whose values
// rarely repeat stops being kept once its memory is full.

// maxMemo bounds each indicator's memory of options: a measure of many
// distinct values, or several, would otherwise keep one entry a subject.
// Beyond it, the indicator's new values are weighed and not kept, and
// when fewer than half its look-ups found an entry, it is no longer
// looked up.
const maxMemo = 1 << 12

// rarelyFound reports whether a memory of n entries, found found times in
// looks look-ups, is to be let go: full, with fewer than half found; or a
// quarter full, with fewer than one in eight. Values that rarely repeat
// (two measured percentages) show it early, and keeping them until full
// only fills memory; on garden-county's generated subjects those that
// repeat find a sixth or more by then, and half or more once full.
func rarelyFound(n, found, looks int) bool {
	switch {
	case n >= maxMemo:
		return 2*found < looks
	case n == maxMemo/4:
		return 8*found < looks
	}
	return false
}

// optionMemo is the planner's memory of options, per indicator.
type optionMemo struct {
	off   bool          // weigh every time (tests compare with and without)
	costs *inputs.Costs // the price list the entries were weighed under
	ready bool
	inds  []indMemo
}

// indMemo is one indicator's memory: per key, an entry; the entries'
// options lie in blocks, their changes in others.
type indMemo struct {
	on           bool
	byClass      bool            // keyed on its values' classes (classKey), not the values
	keys         keyIndex[int32] // key → its entry
	entries      []memoEntry
	opts         []option // the block options are copied into
	chg          []change // the block changes are copied into
	looks, found int
	// Its results (indicatorResult), kept alike, and the one it has
	// whenever every condition holds.
	held               memoResult
	heldOK             bool
	resOn              bool
	res                keyIndex[memoResult] // key → its result, in the key's slot
	resLooks, resFound int
}

// memoEntry is options' result for one set of values: whether the gates
// can be cleared, and the options left after sift.
type memoEntry struct {
	ok   bool
	opts []option
}

// memoBlock is how many options, or changes, a block of a memory holds:
// blocks, not one slice grown by doubling, so that nothing kept is
// copied again.
const memoBlock = 256

// memoizable reports whether ip's options can be kept: no $threshold in
// its conditions, and few enough measures that their values may pack
// into a key.
func memoizable(ip *indPlan) bool {
	for _, pc := range ip.conds {
		if pc.c.Thresh != nil {
			return false
		}
	}
	return len(ip.meas) <= 8
}

// prepare readies the memory for a subject planned under costs: empty
// at first, and emptied when the price list changes.
func (m *optionMemo) prepare(p *Planner, costs *inputs.Costs) {
	if m.ready && m.costs == costs {
		return
	}
	if m.inds == nil {
		m.inds = make([]indMemo, len(p.inds))
	}
	for i := range m.inds {
		ip := &p.inds[i]
		on := ip.memo && !m.off
		m.inds[i] = indMemo{on: on, resOn: on, byClass: ip.byClass && !pricedPerUnit(ip, costs)}
	}
	m.ready, m.costs = true, costs
}

// weighOptions is options through the memory: the options kept for the
// values ip's measures have now, or those options weighs, kept. The
// options it returns are the memory's own, not copies: only choose
// writes to them, and only the numbers it works out afresh for each
// subject.
func (p *Planner) weighOptions(ip *indPlan, costs *inputs.Costs) ([]option, bool, error) {
	m := &p.memo
	if m.off || !ip.memo {
		return p.fresh(ip, costs)
	}
	m.prepare(p, costs)
	im := &m.inds[ip.i]
	if r := p.entryOf[ip.i]; r >= 0 {
		// beforeScore found these values' entry: their options, if weighed.
		res := im.res.at(r)
		if res.opts >= 0 {
			return im.entry(res.opts)
		}
		opts, ok, err := p.fresh(ip, costs)
		if err == nil && len(im.entries) < maxMemo {
			res.opts = im.remember(opts, ok)
		}
		return opts, ok, err
	}
	key, fits := p.valueKey(ip)
	if !im.on || !fits {
		return p.fresh(ip, costs)
	}
	im.looks++
	if k, ok := im.keys.get(key); ok {
		im.found++
		return im.entry(k)
	}
	opts, ok, err := p.fresh(ip, costs)
	if err != nil {
		return nil, ok, err
	}
	if rarelyFound(len(im.entries), im.found, im.looks) {
		im.on, im.keys = false, keyIndex[int32]{} // values rarely repeat: let them go
		return opts, ok, nil
	}
	if len(im.entries) >= maxMemo {
		return opts, ok, nil
	}
	im.keys.put(key, im.remember(opts, ok))
	return opts, ok, nil
}

// fresh is options, returning the options it appended to p.opts.
func (p *Planner) fresh(ip *indPlan, costs *inputs.Costs) ([]option, bool, error) {
	lo := len(p.opts)
	ok, err := p.options(ip, costs)
	return p.opts[lo:len(p.opts):len(p.opts)], ok, err
}

// entry is entry k's options and whether they clear the gates.
func (im *indMemo) entry(k int32) ([]option, bool, error) {
	e := &im.entries[k]
	return e.opts, e.ok, nil
}

// remember adds opts and ok as a new entry of im, with copies of their
// changes.
func (im *indMemo) remember(opts []option, ok bool) int32 {
	if cap(im.opts)-len(im.opts) < len(opts) {
		// A new block: the entries kept point into the old ones.
		im.opts = make([]option, 0, max(memoBlock, len(opts)))
	}
	start := len(im.opts)
	for _, o := range opts {
		if cap(im.chg)-len(im.chg) < len(o.chg) {
			im.chg = make([]change, 0, max(memoBlock, len(o.chg)))
		}
		at := len(im.chg)
		im.chg = append(im.chg, o.chg...)
		o.chg = im.chg[at:len(im.chg):len(im.chg)]
		im.opts = append(im.opts, o)
	}
	im.entries = append(im.entries, memoEntry{ok: ok, opts: im.opts[start:len(im.opts):len(im.opts)]})
	return int32(len(im.entries) - 1)
}

// pricedPerUnit reports whether costs price a measure of ip per unit of
// distance, which makes its options' costs read the values themselves.
func pricedPerUnit(ip *indPlan, costs *inputs.Costs) bool {
	if costs == nil {
		return false
	}
	for _, idx := range ip.meas {
		if !costs.Of(idx).PerUnit.IsZero() {
			return true
		}
	}
	return false
}

// valueKey is the key of ip's values in its memory: their classes
// (classKey) when it is keyed so, else the values themselves.
func (p *Planner) valueKey(ip *indPlan) (uint64, bool) {
	if p.memo.inds[ip.i].byClass {
		return classKey(ip.classes, p.vals)
	}
	return p.exactKey(ip)
}

// exactKey packs the values of ip's measures into 64 bits, each in an
// equal share: two bits for a yes/no (given, answer), and for a number a
// given bit, a sign bit, four bits of scale and the rest for its
// coefficient; a missing value is all zero. False when a value does not
// fit its share or is 不适用.
func (p *Planner) exactKey(ip *indPlan) (uint64, bool) {
	share := 64 / uint(len(ip.meas))
	var key uint64
	for _, idx := range ip.meas {
		v := p.vals[idx]
		var k uint64
		switch {
		case v.NA:
			return 0, false
		case !v.Given || p.set.Measures[idx].Kind == criteria.Bool:
			if !v.Num.IsZero() {
				return 0, false // a number beside no value, or beside an answer: every field counts
			}
			if !v.Given {
				break
			}
			k = 1
			if v.Bool {
				k = 3
			}
		default:
			scale, coef := uint64(v.Num.Scale()), v.Num.Coef()
			if scale > 15 || share < 7 || coef >= 1<<(share-6) {
				return 0, false
			}
			k = 1 | scale<<2 | coef<<6
			if v.Num.IsNeg() {
				k |= 2
			}
		}
		key = key<<share | k
	}
	return key, true
}
