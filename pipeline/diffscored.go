package pipeline

import (
	"hash/maphash"
	"math/bits"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"

	"countyscore/criteria"
	"countyscore/inputs"
	"countyscore/scoring"
)

// diffScored diffs two runs of the scored set s. The two sides are read
// and scored at the same time, each into a compact diffSide (its reader
// a batch ahead of its scorer, so up to four goroutines share the
// machine's cores), then joined subject by subject in NEW's order. Each
// side notes its warnings in a log of its own, merged OLD first as a
// sequential run would write them; OLD's error, when it has one, is the
// run's, as if OLD were read first.
func diffScored(s *criteria.Set, oldFiles, newFiles []string, warns *inputs.Warnings, streamed bool) (*Diff, error) {
	var stop atomic.Bool
	var olds, news *diffSide
	var oldErr, newErr error
	oldWarns, newWarns := sideWarnings(warns), sideWarnings(warns)
	seed := maphash.MakeSeed()
	inline := balanced(oldFiles, newFiles)
	var wg sync.WaitGroup
	wg.Go(func() {
		olds, oldErr = readDiffSide(s, oldFiles, oldWarns, seed, true, inline, &stop)
		if oldErr != nil {
			stop.Store(true)
		}
	})
	news, newErr = readDiffSide(s, newFiles, newWarns, seed, false, inline, &stop)
	wg.Wait()
	warns.Merge(oldWarns)
	if oldErr != nil {
		return nil, oldErr
	}
	warns.Merge(newWarns)
	if newErr != nil {
		return nil, newErr
	}
	if streamed {
		return streamDiff(s, olds, news), nil
	}
	return materialize(s, olds, news), nil
}

// materialize joins the two sides into a document that holds every
// subject's diff.
func materialize(s *criteria.Set, olds, news *diffSide) *Diff {
	// All that is alive now is the two sides', and none of it holds a
	// pointer; the join then builds the document, some 800 bytes a subject
	// and most of them pointers, which lives until it is rendered. A
	// collection during the join would trace it while it grows and slow
	// every pointer the join writes (on 100,000 subjects, half a second of
	// CPU, most of it in assists), to free next to nothing. So collect
	// now, while that costs a few milliseconds, and hold the collector off
	// while the document is built: the heap grows by the document, as it
	// would anyway.
	runtime.GC()
	defer holdCollector()()
	return joinSides(s, olds, news)
}

// balanced reports whether the two sides of a diff are of a size, so that
// with two cores or more each side on a core of its own keeps them busy:
// each side then reads each record as it scores it (config.inline), not
// a batch ahead on a goroutine of its own, which would only share the
// same cores and find the record out of the cache. Sides of unequal size
// read ahead, so the larger does not run on one core while the other
// idles. The sizes are the files' on disk; a file that cannot be read is
// reported by the reading.
func balanced(oldFiles, newFiles []string) bool {
	if runtime.GOMAXPROCS(0) < 2 {
		return false // one core reads inline anyway
	}
	size := func(files []string) int64 {
		var n int64
		for _, f := range files {
			if fi, err := os.Stat(f); err == nil {
				n += fi.Size()
			}
		}
		return n
	}
	o, n := size(oldFiles), size(newFiles)
	return min(o, n) >= max(o, n)/2
}

// collectorHolds counts the diffs holding the collector off, and keeps
// the GOGC setting the first of them found, to restore when the last
// lets go: diffs may run at the same time (tests).
var collectorHolds struct {
	sync.Mutex
	n       int
	percent int
}

// holdCollector turns the collector off until release is called; a
// memory limit (GOMEMLIMIT) still holds.
func holdCollector() (release func()) {
	h := &collectorHolds
	h.Lock()
	if h.n == 0 {
		h.percent = debug.SetGCPercent(-1)
	}
	h.n++
	h.Unlock()
	return func() {
		h.Lock()
		if h.n--; h.n == 0 {
			debug.SetGCPercent(h.percent)
		}
		h.Unlock()
	}
}

// sideWarnings is a log for one side of a diff, set aside rows as warns
// asks.
func sideWarnings(warns *inputs.Warnings) *inputs.Warnings {
	if warns == nil {
		return nil
	}
	return &inputs.Warnings{SkipInvalid: warns.SkipInvalid}
}

// use is a condition that reads a measure (a prerequisite as "P = true"),
// with the item it belongs to.
type use struct {
	item string
	cond criteria.Condition
	text string // cond.String()
}

// usesOf lists, per measure, the conditions that read it.
func usesOf(s *criteria.Set) [][]use {
	uses := make([][]use, len(s.Measures))
	for _, p := range s.Prerequisites {
		c := criteria.Condition{Measure: s.Measures[p.Measure].ID, MeasureIdx: p.Measure, Op: criteria.EQ, IsBool: true, Bool: true}
		uses[p.Measure] = append(uses[p.Measure], use{item: p.ID, cond: c, text: c.String()})
	}
	for _, ind := range s.Indicators {
		for _, req := range ind.Require {
			for _, c := range req.Conditions {
				uses[c.MeasureIdx] = append(uses[c.MeasureIdx], use{item: ind.ID, cond: c, text: c.String()})
			}
		}
	}
	return uses
}

// joinSides builds the diff of every subject on both sides, in NEW's
// order, then lists the subjects on one side only. The two halves of NEW
// are joined at the same time, each into its own part of one list, and
// the documents' lists are cut from a few large blocks rather than
// allocated per subject.
func joinSides(s *criteria.Set, olds, news *diffSide) *Diff {
	uses := usesOf(s)
	doc := &Diff{Set: s, OnlyOld: []Entry{}, Illustrative: olds.illustrative || news.illustrative}
	matched := make([]bool, olds.rows.len())
	n := news.rows.len()
	all := make([]SubjectDiff, n)
	halves := [2]joined{}
	var wg sync.WaitGroup
	for h := range halves {
		from, to := h*n/2, (h+1)*n/2
		wg.Go(func() {
			jn := &joiner{s: s, uses: uses, olds: olds, news: news}
			halves[h] = jn.join(from, to, all[from:from:to], matched)
		})
	}
	wg.Wait()
	// The second half moves down to follow the first, which left room
	// for the subjects of its range found in NEW only.
	first := len(halves[0].subjects)
	doc.Subjects = all[:first+copy(all[first:], halves[1].subjects)]
	doc.OnlyNew = listed(slices.Concat(halves[0].onlyNew, halves[1].onlyNew))
	doc.OnlyOld = onlyOld(olds, matched)
	return doc
}

// onlyOld lists the subjects of OLD not matched in NEW.
func onlyOld(olds *diffSide, matched []bool) []Entry {
	out := []Entry{}
	for i := range olds.rows.len() {
		if !matched[i] {
			o := olds.rows.at(i)
			out = append(out, Entry{Subject: olds.subject(o), Year: int(o.year), Illustrative: o.illus})
		}
	}
	return out
}

// joined is the part of a diff one range of NEW's subjects gives.
type joined struct {
	subjects []SubjectDiff
	onlyNew  []Entry
}

// joiner diffs subjects of NEW against OLD; the lists of its diffs are
// cut from its blocks.
type joiner struct {
	s          *criteria.Set
	uses       [][]use
	olds, news *diffSide
	ids        blocks[string]
	moves      blocks[scoring.Movement]
	points     blocks[scoring.Number]
	slots      slab[scoring.MoveSlots]
	idBuf      []string
	moveBuf    []scoring.Movement
}

// join diffs NEW's subjects from up to to against OLD, marking in matched
// the OLD subjects it finds; it appends them to list, which has room for
// them all.
func (jn *joiner) join(from, to int, list []SubjectDiff, matched []bool) joined {
	out := joined{subjects: list}
	for j := from; j < to; j++ {
		n := jn.news.rows.at(j)
		name := jn.news.subject(n)
		i, ok := jn.olds.find(name, n.hash)
		if !ok {
			out.onlyNew = append(out.onlyNew, Entry{Subject: name, Year: int(n.year), Illustrative: n.illus})
			continue
		}
		matched[i] = true
		out.subjects = append(out.subjects, jn.subject(i, j))
	}
	return out
}

// reset lets go of every diff the joiner has made: their lists are cut
// again from the same blocks.
func (jn *joiner) reset() {
	jn.ids.reset()
	jn.moves.reset()
	jn.points.reset()
	jn.slots.reset()
}

// subject is the diff of OLD's row i and NEW's row j, one subject.
func (jn *joiner) subject(i, j int) SubjectDiff {
	s, olds, news := jn.s, jn.olds, jn.news
	o, n := olds.rows.at(i), news.rows.at(j)
	pts := jn.points.cut([]scoring.Number{scoring.N(o.score()), scoring.N(n.score())})
	d := SubjectDiff{Subject: news.subject(n), OldYear: int(o.year), NewYear: int(n.year), Illustrative: o.illus || n.illus,
		OldPoints: &pts[0], NewPoints: &pts[1], OldVerdict: olds.verdicts[o.verdict], NewVerdict: news.verdicts[n.verdict],
		OldRank: olds.ranks[i], NewRank: news.ranks[j]}
	om, nm := olds.met(o), news.met(n)
	jn.idBuf = newlyMet(jn.idBuf[:0], s, om, nm)
	nMet := len(jn.idBuf)
	jn.idBuf = newlyMet(jn.idBuf, s, nm, om)
	if news.naBytes > 0 {
		d.NotApplicable = naChanges(s, olds, news, o, n, om, nm)
		if len(d.NotApplicable) > 0 {
			met := withoutIDs(jn.idBuf[:nMet], d.NotApplicable)
			failed := withoutIDs(jn.idBuf[nMet:], d.NotApplicable)
			nMet = len(met)
			jn.idBuf = append(met, failed...)
		}
	}
	all := jn.ids.cut(jn.idBuf)
	d.NewlyMet, d.NewlyFailed = all[:nMet:nMet], all[nMet:]
	jn.moveBuf = movements(jn.moveBuf[:0], jn.uses, olds.kinds, olds.values(o), news.values(n), &jn.slots)
	d.Changes = jn.moves.cut(jn.moveBuf)
	d.Regressed = regressed(o, n)
	return d
}

// regressed reports whether the subject of OLD's row o lost points or
// fell to a worse verdict in NEW's row n.
func regressed(o, n *sideRow) bool {
	return n.score().Cmp(o.score()) < 0 || n.order < o.order
}

// naChanges lists the indicators that do not apply to the subject on
// either side (rows o and n, met bitsets om and nm), in indicator order.
func naChanges(s *criteria.Set, olds, news *diffSide, o, n *sideRow, om, nm []byte) []NAChange {
	var out []NAChange
	state := func(met []byte, k int) string {
		if met[k/8]&(1<<(k%8)) != 0 {
			return StateMet
		}
		return StateNotMet
	}
	for k := range s.Indicators {
		ro, oNA := olds.na(o, k)
		rn, nNA := news.na(n, k)
		if !oNA && !nNA {
			continue
		}
		old, new, r := state(om, k), state(nm, k), rn
		if oNA {
			old = scoring.StatusNA
		}
		if nNA {
			new = scoring.StatusNA
		} else {
			r = ro
		}
		out = append(out, naChange(s.Indicators[k].ID, old, new, r))
	}
	return out
}

// newlyMet appends, in indicator order, the IDs of the indicators met in
// now and not in before (two met bitsets).
func newlyMet(out []string, s *criteria.Set, before, now []byte) []string {
	for b := range now {
		for m := now[b] &^ before[b]; m != 0; m &= m - 1 {
			out = append(out, s.Indicators[b*8+bits.TrailingZeros8(m)].ID)
		}
	}
	return out
}

// movements appends the movement of every condition that reads a measure
// whose value changed between two packed value lists (laid out as kinds
// says), in measure order.
func movements(out []scoring.Movement, uses [][]use, kinds valueKinds, before, now []byte, slots *slab[scoring.MoveSlots]) []scoring.Movement {
	ofield, nfield := before[:kinds.bitBytes], now[:kinds.bitBytes]
	before, now = before[kinds.bitBytes:], now[kinds.bitBytes:]
	k := 0 // yes/no values so far
	for m, isBool := range kinds.isBool {
		var ov, nv inputs.Value
		if isBool {
			oc, nc := bitCode(ofield, k), bitCode(nfield, k)
			k++
			if oc == nc && oc != codeStream {
				continue
			}
			ov, before = codeValue(oc, before)
			nv, now = codeValue(nc, now)
		} else {
			var ob, nb []byte
			ob, before = nextValue(before)
			nb, now = nextValue(now)
			if string(ob) == string(nb) {
				continue
			}
			ov, nv = unpackValue(ob), unpackValue(nb)
		}
		if ov.NA || nv.NA || !scoring.ValueChanged(ov, nv) {
			continue // a change to or from 不适用 is the item's, in NotApplicable
		}
		for _, u := range uses[m] {
			mv := scoring.MoveInto(u.cond, u.text, ov, nv, slots.next())
			if u.cond.IsBool { // no slot needed: two values shared by all
				mv.Old, mv.New = sharedBool(mv.Old), sharedBool(mv.New)
				slots.unget()
			}
			mv.Item = u.item
			out = append(out, mv)
		}
	}
	return out
}

// codeValue is the yes/no value of code c, taken from the stream p when c
// is codeStream, and the rest of p.
func codeValue(c uint8, p []byte) (inputs.Value, []byte) {
	switch c {
	case codeMissing:
		return inputs.Value{}, p
	case codeFalse:
		return inputs.Value{Given: true}, p
	case codeTrue:
		return inputs.Value{Given: true, Bool: true}, p
	}
	one, rest := nextValue(p)
	return unpackValue(one), rest
}

// boolScalars are the two true/false values every movement of a yes/no
// condition points to (nearly two in three of them), rather than to
// values of their own; nothing changes a document's values.
var boolScalars = [2]scoring.Scalar{{IsBool: true}, {IsBool: true, Bool: true}}

// sharedBool is the shared value equal to v, a true/false (nil: missing).
func sharedBool(v *scoring.Scalar) *scoring.Scalar {
	switch {
	case v == nil:
		return nil
	case v.Bool:
		return &boolScalars[1]
	}
	return &boolScalars[0]
}

// blocks hands out short lists cut from large blocks: a list is copied
// into the current block, or a new one when it does not fit. Each list is
// cut to its length, so appending to it cannot reach the next one. After
// reset, the lists are cut from the blocks already made.
type blocks[T any] struct {
	cur           []T
	filled, spare [][]T // blocks before cur; blocks reset let go
}

const listBlock = 4096

func (b *blocks[T]) cut(items []T) []T {
	if len(items) == 0 {
		return []T{}
	}
	if len(b.cur)+len(items) > cap(b.cur) {
		b.cur = nextBlock(&b.filled, &b.spare, b.cur, len(items))[:0]
	}
	start := len(b.cur)
	b.cur = append(b.cur, items...)
	return b.cur[start:len(b.cur):len(b.cur)]
}

func (b *blocks[T]) reset() {
	b.cur = resetBlocks(&b.filled, &b.spare, b.cur)
}

// nextBlock files cur (when there is one) and returns a block of at least
// n items: a spare one, or a new one of listBlock.
func nextBlock[T any](filled, spare *[][]T, cur []T, n int) []T {
	if cur != nil {
		*filled = append(*filled, cur)
	}
	for k := len(*spare); k > 0; k-- {
		b := (*spare)[k-1]
		*spare = (*spare)[:k-1]
		if cap(b) >= n {
			return b[:cap(b)]
		}
	}
	return make([]T, max(listBlock, n))
}

// resetBlocks makes cur and every filled block spare, and returns the
// new cur: none.
func resetBlocks[T any](filled, spare *[][]T, cur []T) []T {
	if cur != nil {
		*filled = append(*filled, cur)
	}
	*spare = append(*spare, *filled...)
	*filled = (*filled)[:0]
	return nil
}

// listed is l, or an empty list for none: a document lists nothing as
// [], not null.
func listed[T any](l []T) []T {
	if l == nil {
		return []T{}
	}
	return l
}

// slab hands out one item at a time from blocks of many; after reset,
// from the blocks already made.
type slab[T any] struct {
	cur           []T
	used          int // of cur
	filled, spare [][]T
}

func (s *slab[T]) next() *T {
	if s.used == len(s.cur) {
		s.cur, s.used = nextBlock(&s.filled, &s.spare, s.cur, listBlock), 0
	}
	s.used++
	return &s.cur[s.used-1]
}

// unget takes back the item next handed out last, which its taker let
// go: next hands it out again.
func (s *slab[T]) unget() { s.used-- }

func (s *slab[T]) reset() {
	s.cur, s.used = resetBlocks(&s.filled, &s.spare, s.cur), 0
}
