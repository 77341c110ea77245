package scoring

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/govalues/decimal"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
)

// change is one measure moved to a value. It moves from the subject's
// own value (Planner.orig), which it does not carry: a memory of options
// serves every subject whose values fall in the same classes
// (valueClass), each from values of its own.
type change struct {
	m  int
	to inputs.Value
}

// bound is one thing a value must meet: a condition as written, or a
// linear condition's threshold moved by whole steps for a partial raise.
type bound struct {
	m      int
	op     criteria.Op
	isBool bool
	b      bool
	v      exact.Decimal
}

func condBound(c *criteria.Condition) bound {
	return bound{m: c.MeasureIdx, op: c.Op, isBool: c.IsBool, b: c.Bool, v: c.Value}
}

// option is one way to leave or change one indicator: its changes, and
// what the engine scores the indicator at with them. It takes 64 bytes,
// one cache line: the planner's memory keeps tens of thousands, and a
// plan reads some forty of them, most out of the processor's cache.
type option struct {
	chg          []change // its changes, in Planner.chg (or a memory's)
	pts, price   uint64   // its points and cost (total cost, or the number of changes without costs), packed (exact.Pack) with pmeta and cmeta
	gain         int64    // points above the indicator's least option, in DP units (choose)
	costU        int64    // cost in whole units of the costs' finest decimal place (choose)
	changes      int32
	pmeta, cmeta uint8
	// state is the indicator's status and gates with the changes, as a
	// memoResult's state, with optScored set when it was scored so.
	state  uint8
	gateOK bool // no veto fails or is missing; a baseline indicator at full points
}

// optScored marks an option's state as scored with its changes (else the
// subject's own result stands).
const optScored = 1 << 3

// points is what the indicator scores with the option's changes.
func (o *option) points() exact.Decimal { return exact.Unpack(o.pts, o.pmeta) }

func (o *option) setPoints(d exact.Decimal) { o.pts, o.pmeta = exact.Pack(d) }

func (o *option) setCost(d exact.Decimal) { o.price, o.cmeta = exact.Pack(d) }

// reqFix is what meeting one failing checklist requirement alone costs.
type reqFix struct {
	req     int
	cost    exact.Decimal
	changes int
	lo, hi  int // its changes: Planner.reqChg[lo:hi]
}

// maxCandidates bounds the options weighed for one indicator: 2^12
// subsets of a checklist whose requirements share measures, or 4096
// combinations of step levels of a linear rule. Far beyond any standard;
// it keeps a hostile criteria file from taking the run down.
const maxCandidates = 1 << 12

// options appends ip's options to p.opts: leave it (clearing its veto
// requirements, which every plan must), and each way of earning more. It
// reports whether the indicator's gates can be cleared at all.
//
// The candidates follow the rule kinds, and each is then scored by the
// engine: all-or-nothing and bonus rules and baseline indicators pay only
// when every requirement holds, so the one candidate beyond leaving it is
// to meet them all; a checklist pays per requirement met, so its candidates
// meet the k cheapest failing requirements for each k (every subset when
// requirements share a measure); a linear rule pays per started step, so
// its candidates put each short condition at each step level that still
// costs points (with costs per unit; otherwise at its target, since a
// partial raise is then one change for fewer points). Each value is moved
// the least that meets its bounds, which is the cheapest way to meet them.
func (p *Planner) options(ip *indPlan, costs *inputs.Costs) (bool, error) {
	if ip.compound {
		return p.compound(ip, costs)
	}
	lo := len(p.opts)
	p.veto = p.veto[:0]
	for _, pc := range ip.conds {
		if pc.veto {
			p.veto = append(p.veto, condBound(pc.c))
		}
	}
	p.bounds = append(p.bounds[:0], p.veto...)
	ok, err := p.candidate(ip, p.bounds, costs)
	if err != nil {
		return false, err
	}
	vetoReachable := ok
	if !ok { // a veto requirement no value can meet: weigh the rest without it
		p.veto, p.bounds = p.veto[:0], p.bounds[:0]
		if _, err := p.candidate(ip, nil, costs); err != nil {
			return false, err
		}
	}
	nveto := len(p.bounds)

	switch {
	case ip.ind.Baseline || !ip.ind.Kind.Steps && !ip.ind.Kind.PerRequirement:
		for _, pc := range ip.conds {
			if !pc.veto {
				p.bounds = append(p.bounds, condBound(pc.c))
			}
		}
		if _, err := p.candidate(ip, p.bounds, costs); err != nil {
			return false, err
		}
	case ip.ind.Kind.PerRequirement:
		if err := p.checklist(ip, nveto, costs); err != nil {
			return false, err
		}
	case ip.ind.Kind.Steps:
		if err := p.linear(ip, nveto, costs); err != nil {
			return false, err
		}
	}
	return p.sift(ip, lo) && vetoReachable, nil
}

// failingReqs lists the requirements of ip that do not hold now.
func (p *Planner) failingReqs(ip *indPlan) []int {
	out := p.failing[:0]
	for _, pc := range ip.conds {
		if !pc.veto && !holds(pc.c, p.vals[pc.c.MeasureIdx]) && (len(out) == 0 || out[len(out)-1] != pc.req) {
			out = append(out, pc.req)
		}
	}
	p.failing = out
	return out
}

// reqBounds appends the bounds of requirement req; givenOnly leaves out
// those on missing values.
func (p *Planner) reqBounds(ip *indPlan, req int, givenOnly bool) {
	for _, pc := range ip.conds {
		if pc.req == req && (!givenOnly || p.vals[pc.c.MeasureIdx].Given) {
			p.bounds = append(p.bounds, condBound(pc.c))
		}
	}
}

func (p *Planner) checklist(ip *indPlan, nveto int, costs *inputs.Costs) error {
	failing := p.failingReqs(ip)
	// A checklist earns nothing while any of its values is missing, so
	// every option that earns from it fills them all, each to its target.
	p.bounds = p.bounds[:nveto]
	for _, pc := range ip.conds {
		if !pc.veto && !p.vals[pc.c.MeasureIdx].Given {
			p.bounds = append(p.bounds, condBound(pc.c))
		}
	}
	nbase := len(p.bounds)
	if !ip.disjoint {
		if len(failing) > 12 {
			return fmt.Errorf("%d failing requirements sharing measures are too many to weigh", len(failing))
		}
		for mask := 0; mask < 1<<len(failing); mask++ {
			if mask == 0 && nbase == nveto {
				continue // leaving it: weighed already
			}
			p.bounds = p.bounds[:nbase]
			for k, r := range failing {
				if mask&(1<<k) != 0 {
					p.reqBounds(ip, r, false)
				}
			}
			if _, err := p.candidate(ip, p.bounds, costs); err != nil {
				return err
			}
		}
		return nil
	}
	// Requirements with measures of their own: the k cheapest are the best
	// k to meet, since a checklist pays by how many are met. Each is priced
	// by what it needs beyond the filled values, and its changes are kept:
	// with no measure shared, the changes that meet k of them are the
	// filled values' and theirs, side by side.
	p.reqChg = p.reqChg[:0]
	start := len(p.chg)
	ok, err := p.resolve(p.bounds[:nbase])
	if err != nil || !ok {
		p.chg = p.chg[:start]
		return err
	}
	p.reqChg = append(p.reqChg, p.chg[start:]...)
	nfill := len(p.reqChg)
	p.chg = p.chg[:start]
	p.reqs = p.reqs[:0]
	for _, r := range failing {
		p.bounds = p.bounds[:0]
		p.reqBounds(ip, r, true)
		ok, err := p.resolve(p.bounds)
		if err != nil {
			p.chg = p.chg[:start]
			return err
		}
		n := len(p.chg) - start
		if ok && n > 0 {
			c, err := p.cost(p.chg[start:], costs)
			if err != nil {
				p.chg = p.chg[:start]
				return err
			}
			lo := len(p.reqChg)
			p.reqChg = append(p.reqChg, p.chg[start:]...)
			p.reqs = append(p.reqs, reqFix{req: r, cost: c, changes: n, lo: lo, hi: len(p.reqChg)})
		}
		p.chg = p.chg[:start]
	}
	slices.SortStableFunc(p.reqs, func(a, b reqFix) int {
		if c := a.cost.Cmp(b.cost); c != 0 {
			return c
		}
		return a.changes - b.changes
	})
	if nbase > nveto {
		p.chg = append(p.chg, p.reqChg[:nfill]...)
		if _, err := p.weigh(ip, start, costs); err != nil {
			return err
		}
	}
	for k := range p.reqs {
		start := len(p.chg)
		p.chg = append(p.chg, p.reqChg[:nfill]...)
		for _, rf := range p.reqs[:k+1] {
			p.chg = append(p.chg, p.reqChg[rf.lo:rf.hi]...)
		}
		if _, err := p.weigh(ip, start, costs); err != nil {
			return err
		}
	}
	return nil
}

func (p *Planner) linear(ip *indPlan, nveto int, costs *inputs.Costs) error {
	step := ip.ind.Step.V
	var short []*criteria.Condition
	p.levels = p.levels[:0]
	combos := 1
	for _, pc := range ip.conds {
		v := p.vals[pc.c.MeasureIdx]
		if pc.veto || holds(pc.c, v) {
			continue
		}
		started := ip.steps
		if v.Given {
			sb, err := shortBy(*pc.c, v.Num)
			if err != nil {
				return err
			}
			st, _, err := exact.Steps(sb, step)
			if err != nil {
				return err
			}
			if w, _, ok := st.Int64(0); ok && w < int64(started) {
				started = int(w)
			}
		}
		lv := []int{-1, 0} // -1 leaves it
		if costs != nil && costs.Of(pc.c.MeasureIdx).PerUnit.IsPos() {
			for j := 1; j < started; j++ {
				lv = append(lv, j)
			}
		}
		short = append(short, pc.c)
		p.levels = append(p.levels, lv)
		combos *= len(lv)
		if combos > maxCandidates {
			return fmt.Errorf("more than %d combinations of step levels to weigh", maxCandidates)
		}
	}
	p.at = resizeInts(p.at, len(short))
	at := p.at
	for n := 1; n < combos; n++ { // n = 0 leaves every condition: done already
		k := n
		p.bounds = p.bounds[:nveto]
		for ci, c := range short {
			lv := p.levels[ci]
			at[ci] = lv[k%len(lv)]
			k /= len(lv)
			if at[ci] < 0 {
				continue
			}
			b := condBound(c)
			if at[ci] > 0 {
				d, err := exact.Mul(exact.Int(int64(at[ci])), step)
				if err != nil {
					return err
				}
				if c.Op == criteria.GE {
					b.v, err = exact.Sub(c.Value, d)
				} else {
					b.v, err = exact.Add(c.Value, d)
				}
				if err != nil {
					return err
				}
			}
			p.bounds = append(p.bounds, b)
		}
		if _, err := p.candidate(ip, p.bounds, costs); err != nil {
			return err
		}
	}
	return nil
}

// candidate works out the changes that meet bs, scores ip with them and
// appends the option; false when no value meets some measure's bounds.
func (p *Planner) candidate(ip *indPlan, bs []bound, costs *inputs.Costs) (bool, error) {
	start := len(p.chg)
	ok, err := p.resolve(bs)
	if err != nil || !ok {
		p.chg = p.chg[:start]
		return false, err
	}
	return p.weigh(ip, start, costs)
}

// weigh scores ip with the changes p.chg[start:] and appends the option.
func (p *Planner) weigh(ip *indPlan, start int, costs *inputs.Costs) (bool, error) {
	o := option{chg: p.chg[start:len(p.chg):len(p.chg)], changes: int32(len(p.chg) - start)}
	o.setCost(exact.Zero)
	if o.changes == 0 && !ip.tree {
		// Nothing changes: the subject's own score of the indicator stands.
		// (With any/all a veto value may be missing and moot; the engine's
		// evaluation below says whether it is.)
		res := &p.before.Indicators[ip.i]
		o.setPoints(res.Points.V)
		o.gateOK = res.Status != StatusVetoed && !p.vetoMissing(ip) &&
			(!ip.ind.Baseline || res.Status != StatusMissing && res.Points.V.Cmp(res.MaxPoints.V) >= 0)
		p.opts = append(p.opts, o)
		return true, nil
	}
	for _, ch := range p.chg[start:] {
		p.vals[ch.m] = ch.to
	}
	res, ev, err := p.score(ip)
	for _, ch := range p.chg[start:] {
		p.vals[ch.m] = p.orig[ch.m]
	}
	if err != nil {
		return false, err
	}
	o.setPoints(res.Points.V)
	missing := len(p.missing) > 0
	kept, ok := keepResult(res.Points.V, afterPoints{status: res.Status, vetoed: ev.vetoed, vetoMissing: ev.vetoMissing, missing: missing})
	if !ok {
		return false, fmt.Errorf("%s scores with status %q, which a plan cannot keep: a planner defect", ip.ind.ID, res.Status)
	}
	o.state = kept.state | optScored
	o.gateOK = !ev.vetoed && !ev.vetoMissing &&
		(!ip.ind.Baseline || !missing && res.Points.V.Cmp(res.MaxPoints.V) >= 0)
	c, err := p.cost(p.chg[start:], costs)
	if err != nil {
		return false, err
	}
	o.setCost(c)
	p.opts = append(p.opts, o)
	return true, nil
}

// resolve appends to p.chg, per measure bs names (in the order it first
// names them), the change that meets all its bounds; false when none can.
func (p *Planner) resolve(bs []bound) (bool, error) {
	for i, b := range bs {
		first := true
		for _, e := range bs[:i] {
			if e.m == b.m {
				first = false
				break
			}
		}
		if !first {
			continue
		}
		m := &p.set.Measures[b.m]
		cur := p.vals[b.m]
		to, ok, err := reach(m, cur, bs[i:], b.m)
		if err != nil || !ok {
			return false, err
		}
		if to != cur {
			p.chg = append(p.chg, change{m: b.m, to: to})
		}
	}
	return true, nil
}

func (p *Planner) cost(chs []change, costs *inputs.Costs) (exact.Decimal, error) {
	if costs == nil {
		return exact.Int(int64(len(chs))), nil
	}
	total := exact.Zero
	for _, ch := range chs {
		c, err := changeCost(&p.set.Measures[ch.m], p.orig[ch.m], ch, costs)
		if err != nil {
			return exact.Zero, err
		}
		if total, err = exact.Add(total, c); err != nil {
			return exact.Zero, err
		}
	}
	return total, nil
}

// changeCost prices one change from the value from: per action, plus per
// unit of the distance moved. A missing value is counted from 0: nothing
// measured, nothing there yet.
func changeCost(m *criteria.Measure, from inputs.Value, ch change, costs *inputs.Costs) (exact.Decimal, error) {
	c := costs.Of(ch.m)
	if m.Kind == criteria.Bool || c.PerUnit.IsZero() {
		return c.PerAction, nil
	}
	at := exact.Zero
	if from.Given {
		at = from.Num
	}
	d, err := exact.Sub(ch.to.Num, at)
	if err != nil {
		return exact.Zero, err
	}
	u, err := exact.Mul(c.PerUnit, d.Abs())
	if err != nil {
		return exact.Zero, fmt.Errorf("cost of %s: %w", m.ID, err)
	}
	return exact.Add(c.PerAction, u)
}

// reach returns the value of measure m nearest its present value cur that
// meets every bound on it among bs: cur itself when it does already. A
// missing value is filled with the least value meeting a lower bound, or
// the greatest meeting an upper one. Values stay inside the measure's
// range (≥ 0, or for a signed measure ≥ −100 when a percent; percents
// ≤ 100; rangeFloor) and precision: whole numbers for counts; for
// a strict ">" or "<" the nearest value one unit in the last decimal place
// beyond the threshold, that place being the threshold's or the present
// value's, whichever is finer, and at least the first decimal (> 80 is
// met by 80.1, or by 80.01 when the present value is 65.25).
func reach(m *criteria.Measure, cur inputs.Value, bs []bound, idx int) (inputs.Value, bool, error) {
	if m.Kind == criteria.Bool {
		want, set := false, false
		for _, b := range bs {
			if b.m != idx {
				continue
			}
			if set && b.b != want {
				return cur, false, nil
			}
			want, set = b.b, true
		}
		return inputs.Value{Given: true, Bool: want}, true, nil
	}
	count := m.Kind == criteria.Count
	lo, hi := exact.Zero, exact.Zero
	hasLo, hasHi := false, false
	raise := func(x exact.Decimal) {
		if !hasLo || x.Cmp(lo) > 0 {
			lo = x
		}
		hasLo = true
	}
	lower := func(x exact.Decimal) {
		if !hasHi || x.Cmp(hi) < 0 {
			hi = x
		}
		hasHi = true
	}
	for _, b := range bs {
		if b.m != idx {
			continue
		}
		switch b.op {
		case criteria.GE:
			if count {
				raise(b.v.Ceil(0))
			} else {
				raise(b.v)
			}
		case criteria.LE:
			if count {
				lower(b.v.Floor(0))
			} else {
				lower(b.v)
			}
		case criteria.GT, criteria.LT:
			u, err := ulp(b.v, cur, count)
			if err != nil {
				return cur, false, err
			}
			var x exact.Decimal
			if b.op == criteria.GT {
				if count {
					x = b.v.Floor(0)
				} else {
					x = b.v
				}
				x, err = exact.Add(x, u)
				raise(x)
			} else {
				if count {
					x = b.v.Ceil(0)
				} else {
					x = b.v
				}
				x, err = exact.Sub(x, u)
				lower(x)
			}
			if err != nil {
				return cur, false, err
			}
		case criteria.EQ:
			if count && !b.v.IsInt() {
				return cur, false, nil
			}
			raise(b.v)
			lower(b.v)
		}
	}
	realLo := hasLo
	if least, ok := rangeFloor(m); ok && (!hasLo || lo.Cmp(least) < 0) {
		lo, hasLo = least, true
	}
	if m.Kind == criteria.Pct && (!hasHi || hi.Cmp(exact.Hundred) > 0) {
		hi, hasHi = exact.Hundred, true
	}
	if hasLo && hasHi && lo.Cmp(hi) > 0 {
		return cur, false, nil
	}
	if hasLo && lo.Prec()-lo.Scale() > exact.MaxIntDigits {
		return cur, false, nil
	}
	switch {
	case cur.Given && (!hasLo || cur.Num.Cmp(lo) >= 0) && (!hasHi || cur.Num.Cmp(hi) <= 0):
		return cur, true, nil
	case hasLo && (cur.Given && cur.Num.Cmp(lo) < 0 || !cur.Given && (realLo || !hasHi)):
		return inputs.Value{Given: true, Num: lo.Trim(0)}, true, nil
	case hasHi:
		return inputs.Value{Given: true, Num: hi.Trim(0)}, true, nil
	}
	return cur, true, nil // no bound on it: not reached, since bs names it
}

// rangeFloor is the least value measure m can take: 0, or for a signed
// measure −100 when a percent and none otherwise.
func rangeFloor(m *criteria.Measure) (exact.Decimal, bool) {
	switch {
	case !m.Signed:
		return exact.Zero, true
	case m.Kind == criteria.Pct:
		return exact.Hundred.Neg(), true
	}
	return exact.Zero, false
}

// ulp is one unit in the last decimal place of a strict threshold t: for
// counts 1, otherwise 10^-d with d the finer of t's and cur's decimal
// places, and at least 1.
func ulp(t exact.Decimal, cur inputs.Value, count bool) (exact.Decimal, error) {
	if count {
		return exact.One, nil
	}
	d := max(1, t.Trim(0).Scale())
	if cur.Given {
		d = max(d, cur.Num.Trim(0).Scale())
	}
	return decimal.New(1, d)
}

// sift keeps, of the options from lo on, those that clear the indicator's
// gates when any does, then drops every option another beats or equals in
// cost, changes and points (the earlier one stays on a full tie). It
// reports whether any option cleared the gates.
func (p *Planner) sift(ip *indPlan, lo int) bool {
	opts := p.opts[lo:]
	anyOK := false
	for _, o := range opts {
		anyOK = anyOK || o.gateOK
	}
	p.keep = p.keep[:0]
	for i, o := range opts {
		if anyOK && !o.gateOK {
			continue
		}
		dominated := false
		for j, q := range opts {
			if i == j || anyOK && !q.gateOK {
				continue
			}
			c, pts := cmpPacked(q.price, q.cmeta, o.price, o.cmeta), cmpPacked(q.pts, q.pmeta, o.pts, o.pmeta)
			if c <= 0 && q.changes <= o.changes && pts >= 0 &&
				(c < 0 || q.changes < o.changes || pts > 0 || j < i) {
				dominated = true
				break
			}
		}
		if !dominated {
			p.keep = append(p.keep, o)
		}
	}
	p.opts = append(p.opts[:lo], p.keep...)
	return anyOK
}

// cmpPacked compares two decimals packed as coefficient and meta
// (exact.Pack): as their coefficients when scale and sign agree (the
// usual case: points and costs of one indicator), else as decimals.
func cmpPacked(ac uint64, am uint8, bc uint64, bm uint8) int {
	if am != bm {
		return exact.Unpack(ac, am).Cmp(exact.Unpack(bc, bm))
	}
	c := cmp.Compare(ac, bc)
	if am&0x80 != 0 {
		return -c
	}
	return c
}

// vetoMissing reports whether a veto requirement of ip has a missing value.
func (p *Planner) vetoMissing(ip *indPlan) bool {
	for _, pc := range ip.conds {
		if pc.veto && !p.vals[pc.c.MeasureIdx].Given {
			return true
		}
	}
	return false
}

func resizeInts(c []int, n int) []int {
	if cap(c) < n {
		return make([]int, n)
	}
	return c[:n]
}
