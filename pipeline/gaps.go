package pipeline

import (
	"cmp"
	"iter"
	"runtime"
	"slices"
	"strings"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
	"countyscore/scoring"
)

// QuotaGaps is every shortfall of a quota run across subjects, least done
// first, what missing values leave undecided, and the city-wide roll-up.
type QuotaGaps struct {
	Set          *criteria.Set
	Gaps         []Gap // shortfalls, least done first
	Unknown      []Gap // quotas a missing value leaves undecided
	Rollup       []scoring.RollupRow
	Illustrative bool
	// NotApplicable are the rows that do not apply to a subject, by
	// subject: listed after the shortfalls, counted in nothing.
	NotApplicable []NAItem
}

// Gap is one quota a subject falls short of, or cannot be judged on.
type Gap struct {
	Subject string          `json:"subject"`
	ID      string          `json:"id"`
	Row     string          `json:"row"`
	Target  *scoring.Number `json:"target"`
	Actual  *scoring.Number `json:"actual"`
	Gap     *scoring.Number `json:"gap"`
	Done    *scoring.Number `json:"done_pct"`
	Unit    string          `json:"unit"`
	Scope   string          `json:"scope"`
	// Check is "not-done" for a yes/no row not done (it has no number).
	Check    string `json:"check,omitempty"`
	Strength string `json:"strength,omitempty"`
}

// ScoredGaps is a fix list across subjects: first what blocks a verdict
// whatever the points (a failed veto, an unmet prerequisite, a baseline
// indicator short of full points), then the points lost, most first; and
// apart, the indicators a missing value scores 0, gating ones first, with
// the points at stake.
//
// A run of 100,000 subjects loses points on some 1.8 million indicators,
// so the document keeps each as a small row (gapsRow, 32 bytes, and 32 a
// shortfall) and sorts those, not whole results; LostAt and UnknownAt
// make the full Lost of one row when it is printed.
type ScoredGaps struct {
	Set          *criteria.Set
	Illustrative bool
	// NotApplicable are the items that do not apply to a subject, by
	// subject: listed after the shortfalls, counted in nothing.
	NotApplicable []NAItem

	subjects []string                         // each subject's name, once
	lost     chunked[gapsRow]                 // rows that cost a subject, as they were read
	unknown  chunked[gapsRow]                 // rows a missing value scores 0, as they were read
	order    struct{ lost, unknown []uint32 } // the rows' positions, sorted
	shorts   chunked[shortRow]                // the rows' shortfalls
	ops      []string                         // the comparison operators met, by index
	statuses []string                         // the statuses met, by index
}

// Reasons a gaps row matters, in the order the rows come.
const (
	ReasonVeto         = scoring.ReasonVeto         // a veto requirement fails: the application is vetoed
	ReasonPrerequisite = scoring.ReasonPrerequisite // a prerequisite is not met: it may not apply
	ReasonBaseline     = scoring.ReasonBaseline     // a baseline indicator is short of full points
	ReasonMissing      = scoring.ReasonMissing      // a value that decides the verdict is missing
	ReasonPoints       = scoring.ReasonPoints       // points lost
)

var reasonRank = map[string]int{ReasonVeto: 0, ReasonPrerequisite: 1, ReasonBaseline: 2, ReasonMissing: 3, ReasonPoints: 4}

// Lost is one indicator or prerequisite that costs a subject: points, or a
// verdict.
type Lost struct {
	Subject    string              `json:"subject"`
	ID         string              `json:"id"`
	Reason     string              `json:"reason"`
	Points     scoring.Number      `json:"points"`
	MaxPoints  scoring.Number      `json:"max_points"`
	Lost       scoring.Number      `json:"lost"`
	AtStake    *scoring.Number     `json:"at_stake,omitempty"` // missing rows: the points the indicator could earn
	Status     string              `json:"status"`
	Shortfalls []scoring.Shortfall `json:"shortfalls"`
}

// Len is the number of rows that cost a subject: gates, then points lost.
func (g *ScoredGaps) Len() int { return len(g.order.lost) }

// UnknownLen is the number of rows a missing value scores 0.
func (g *ScoredGaps) UnknownLen() int { return len(g.order.unknown) }

// LostAt returns the i-th row that costs a subject: gates first, then
// most points lost.
func (g *ScoredGaps) LostAt(i int) Lost { return g.row(g.lostRow(i)) }

// UnknownAt returns the i-th row a missing value scores 0: gating first,
// then most points at stake.
func (g *ScoredGaps) UnknownAt(i int) Lost { return g.row(g.unknownRow(i)) }

func (g *ScoredGaps) lostRow(i int) *gapsRow    { return g.lost.at(int(g.order.lost[i])) }
func (g *ScoredGaps) unknownRow(i int) *gapsRow { return g.unknown.at(int(g.order.unknown[i])) }

// All yields every row, numbered from 0: those that cost a subject, then
// those a missing value scores 0, each made whole as it is yielded.
func (g *ScoredGaps) All() iter.Seq2[int, Lost] {
	return func(yield func(int, Lost) bool) {
		for i := range g.order.lost {
			if !yield(i, g.row(g.lostRow(i))) {
				return
			}
		}
		for i := range g.order.unknown {
			if !yield(len(g.order.lost)+i, g.row(g.unknownRow(i))) {
				return
			}
		}
	}
}

// HeadAt returns row i of the rows that cost a subject, then of those a
// missing value scores 0 (as LostAt and UnknownAt), without its
// shortfalls: what a format that prints none needs, made without
// allocating for each of the million rows.
func (g *ScoredGaps) HeadAt(i int) Lost {
	if i < len(g.order.lost) {
		return g.head(g.lostRow(i))
	}
	return g.head(g.unknownRow(i - len(g.order.lost)))
}

func (g *ScoredGaps) row(r *gapsRow) Lost {
	l := g.head(r)
	l.Shortfalls = make([]scoring.Shortfall, r.nShort)
	for k := range l.Shortfalls {
		l.Shortfalls[k] = g.shorts.at(int(r.short) + k).shortfall(g)
	}
	return l
}

// head is r made whole but for its shortfalls.
func (g *ScoredGaps) head(r *gapsRow) Lost {
	points, lost := exact.Unpack(r.points, r.pointsMeta), exact.Unpack(r.lost, r.lostMeta)
	max, _ := exact.Add(points, lost) // points + lost = the maximum, exactly
	id := ""
	if r.kind&prereqRow != 0 {
		id = g.Set.Prerequisites[r.ind].ID
	} else {
		id = g.Set.Indicators[r.ind].ID
	}
	l := Lost{Subject: g.subjects[r.subject], ID: id, Reason: reasons[r.kind&reasonMask], Points: scoring.N(points),
		MaxPoints: scoring.N(max), Lost: scoring.N(lost), Status: g.statuses[r.status]}
	if r.kind&hasStake != 0 {
		stake := scoring.N(max)
		l.AtStake = &stake
	}
	return l
}

// reasons lists the reasons by rank; a row keeps the index.
var reasons = [...]string{ReasonVeto, ReasonPrerequisite, ReasonBaseline, ReasonMissing, ReasonPoints}

// The bits of gapsRow.kind: the reason's rank, and what the row is.
const (
	reasonMask = 0x07
	prereqRow  = 0x08 // ind indexes Set.Prerequisites, not Set.Indicators
	hasStake   = 0x10 // a missing row: AtStake is the maximum
)

// gapsRow is one indicator of one subject that falls short: what gaps
// prints of it, in 32 bytes.
type gapsRow struct {
	points, lost         uint64 // exact.Pack coefficients
	subject              uint32 // index into subjects
	short                uint32 // first of its shortfalls in shorts
	ind                  uint16 // index into Set.Indicators
	status               uint8  // index into statuses
	nShort               uint8
	pointsMeta, lostMeta uint8 // exact.Pack scales and signs
	kind                 uint8 // reason rank and flags (reasonMask, prereqRow, hasStake)
}

// shortRow is one shortfall of a gapsRow.
type shortRow struct {
	target, actual, short uint64 // exact.Pack coefficients
	measure               uint16 // index into Set.Measures
	op                    uint8  // index into ops
	flags                 uint8
	targetMeta            uint8 // exact.Pack scales and signs
	actualMeta, shortMeta uint8
}

const (
	targetBool = 1 << iota
	targetTrue
	hasActual
	actualBool
	actualTrue
	hasShort
)

func (s *shortRow) shortfall(g *ScoredGaps) scoring.Shortfall {
	sf := scoring.Shortfall{Measure: g.Set.Measures[s.measure].ID, Op: g.ops[s.op],
		Target: scoring.Scalar{IsBool: s.flags&targetBool != 0, Bool: s.flags&targetTrue != 0, Num: exact.Unpack(s.target, s.targetMeta)}}
	if s.flags&hasActual != 0 {
		sf.Actual = &scoring.Scalar{IsBool: s.flags&actualBool != 0, Bool: s.flags&actualTrue != 0, Num: exact.Unpack(s.actual, s.actualMeta)}
	}
	if s.flags&hasShort != 0 {
		sf.Short = scoring.P(exact.Unpack(s.short, s.shortMeta))
	}
	return sf
}

// Gaps reads and evaluates files under s and lists what falls short.
func Gaps(s *criteria.Set, files []string, warns *inputs.Warnings, opts ...Option) (Document, error) {
	c := configure(opts)
	if s.IsScored() {
		return scoredGaps(s, files, warns, c)
	}
	run, err := evaluateQuotas(s, files, warns, c)
	if err != nil {
		return nil, err
	}
	return QuotaGapsOf(run), nil
}

// QuotaGapsOf lists the shortfalls of an evaluated quota run.
func QuotaGapsOf(run *QuotaRun) *QuotaGaps {
	s := run.Set
	doc := &QuotaGaps{Set: s, Gaps: []Gap{}, Unknown: []Gap{}, Rollup: run.Rollup, Illustrative: run.Illustrative()}
	for _, r := range run.Results {
		for _, q := range r.Quotas {
			g := Gap{Subject: r.Subject, ID: q.ID, Row: q.Row, Target: q.Target, Actual: q.Actual, Gap: q.Gap,
				Done: q.Done, Unit: s.QuotaUnit(q.Row, "zh"), Scope: q.Scope, Check: q.Check, Strength: q.Strength}
			switch {
			case q.Status == scoring.StatusNA:
				doc.NotApplicable = append(doc.NotApplicable, naOfQuota(r.Subject, q))
			case !q.Known():
				doc.Unknown = append(doc.Unknown, g)
			case !q.Met:
				doc.Gaps = append(doc.Gaps, g)
			}
		}
	}
	slices.SortStableFunc(doc.Gaps, compareDone)
	sortNA(doc.NotApplicable)
	return doc
}

// compareDone orders shortfalls by the share still owed, gap ÷ target,
// most first, compared exactly by cross-multiplication, never in floating
// point. A target of 0 (a count to bring to zero) owes its whole gap: it
// sorts before any share. Then by the gap, subject and ID, so the order
// is total and does not depend on the order the rows came in.
func compareDone(a, b Gap) int {
	// A yes/no row not done owes the whole of it: first, by subject and ID.
	if ac, bc := a.Gap == nil, b.Gap == nil; ac || bc {
		switch {
		case ac && !bc:
			return -1
		case !ac && bc:
			return 1
		}
		if c := strings.Compare(a.Subject, b.Subject); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	}
	az, bz := !a.Target.V.IsPos(), !b.Target.V.IsPos()
	switch {
	case az && !bz:
		return -1
	case !az && bz:
		return 1
	case !az && !bz:
		l, err1 := exact.Mul(a.Gap.V, b.Target.V)
		r, err2 := exact.Mul(b.Gap.V, a.Target.V)
		if err1 == nil && err2 == nil {
			if c := l.Cmp(r); c != 0 {
				return -c
			}
		}
	}
	if c := a.Gap.V.Cmp(b.Gap.V); c != 0 {
		return -c
	}
	if c := strings.Compare(a.Subject, b.Subject); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

// interned returns the index of v in *list, adding it if new.
func interned(list *[]string, v string) uint8 {
	for i, x := range *list {
		if x == v {
			return uint8(i)
		}
	}
	*list = append(*list, v)
	return uint8(len(*list) - 1)
}

// scoredGaps reads and scores one subject at a time, keeping a small row
// for each indicator that falls short, never the records or results.
func scoredGaps(s *criteria.Set, files []string, warns *inputs.Warnings, c config) (*ScoredGaps, error) {
	// Reading and parsing run a batch ahead in a goroutine of their own, as
	// for score.
	batches := make(chan recordBatch, 4)
	done := make(chan struct{})
	defer close(done)
	src := open(s, files, warns, c)
	go readBatches(src, batches, done)
	doc := &ScoredGaps{Set: s}
	scorer := scoring.NewScorer(s)
	if c.noShortfalls {
		// Nothing but the points, statuses and failures is kept: a
		// standing (scoring.StandingOnly) is all the rows need.
		scorer = scoring.NewScorer(s, scoring.StandingOnly())
	}
	// Warnings are not shared with the reading goroutine while it runs: a
	// year outside the plan is noted (the first of each file) and warned
	// of once every file is read, as before.
	var offYear []*inputs.Record
	for b := range batches {
		for _, rec := range b.recs {
			if err := doc.add(scorer, rec, c); err != nil {
				return nil, err
			}
			if outsideYears(s, rec) && !slices.ContainsFunc(offYear, func(r *inputs.Record) bool { return r.File == rec.File }) {
				offYear = append(offYear, rec)
			} else {
				inputs.Release(rec) // its rows are copied: the reader reads later rows into it
			}
		}
		if b.err != nil {
			return nil, b.err
		}
	}
	warnYears(s, offYear, warns)
	c.end()
	runtime.KeepAlive(src) // the duplicate check lives until the heap profile
	sortNA(doc.NotApplicable)
	// Gates first, then most points lost (or at stake), then by subject;
	// rows that tie on all three keep the order they were read in.
	names := nameRanks(doc.subjects)
	doc.order.lost = orderRows(&doc.lost, names, false)
	doc.order.unknown = orderRows(&doc.unknown, names, true)
	return doc, nil
}

// add scores rec and keeps a row for each prerequisite and indicator
// that costs it, as the fix list orders them (reasonRank).
func (doc *ScoredGaps) add(scorer *scoring.Scorer, rec *inputs.Record, c config) error {
	r, err := scorer.Score(rec)
	if err != nil {
		return err
	}
	s := doc.Set
	doc.Illustrative = doc.Illustrative || r.Illustrative
	subject := -1
	row := func(ind int, kind uint8, status string) gapsRow {
		if subject < 0 {
			subject = len(doc.subjects)
			doc.subjects = append(doc.subjects, strings.Clone(r.Subject)) // not the CSV row's memory
		}
		return gapsRow{subject: uint32(subject), ind: uint16(ind), kind: kind,
			status: interned(&doc.statuses, status), short: uint32(doc.shorts.len())}
	}
	// In the set's order, as compareRows expects of a subject's rows.
	for i, p := range s.Prerequisites {
		if slices.Contains(r.PrerequisitesUnmet, p.ID) {
			doc.lost.add(row(i, rankOf(ReasonPrerequisite)|prereqRow, scoring.StatusUnmet))
		}
	}
	for i, p := range s.Prerequisites {
		if slices.Contains(r.GatingMissing, p.ID) {
			doc.unknown.add(row(i, rankOf(ReasonMissing)|prereqRow|hasStake, scoring.StatusMissing))
		}
	}
	for i, ind := range r.Indicators {
		lost, _ := exact.Sub(ind.MaxPoints.V, ind.Points.V)
		reason := ReasonPoints
		missing := ind.Status == scoring.StatusMissing
		switch {
		case ind.Status == scoring.StatusNA:
			doc.NotApplicable = append(doc.NotApplicable, naOfIndicator(strings.Clone(r.Subject), ind))
			continue
		case missing:
			if gating(&s.Indicators[i], r.GatingMissing) {
				reason = ReasonMissing
			}
		case slices.Contains(r.VetoFailures, ind.ID):
			reason = ReasonVeto
		case slices.Contains(r.BaselineFailures, ind.ID):
			reason = ReasonBaseline
		case !lost.IsPos():
			continue
		}
		kind := rankOf(reason)
		if missing {
			kind |= hasStake
		}
		gr := row(i, kind, ind.Status)
		gr.points, gr.pointsMeta = exact.Pack(ind.Points.V)
		gr.lost, gr.lostMeta = exact.Pack(lost)
		if !c.noShortfalls {
			gr.nShort = uint8(len(ind.Shortfalls))
			doc.addShortfalls(ind.Shortfalls)
		}
		if missing {
			doc.unknown.add(gr)
		} else {
			doc.lost.add(gr)
		}
	}
	return nil
}

// compareRows orders gaps rows: by reason, then most points lost (at
// stake, for missing rows) first, then by subject name, then as they were read: by
// subject, a subject's prerequisites before its indicators, each in the
// set's order. That is the order a stable sort by the first three keys
// gives, as a total order (orderRows counts the rows into it).
func compareRows(a, b *gapsRow, names []uint32, missing bool) int {
	if c := int(a.kind&reasonMask) - int(b.kind&reasonMask); c != 0 {
		return c
	}
	points := compareLost(a, b)
	if missing {
		points = compareStake(a, b)
	}
	if points != 0 {
		return -points
	}
	if c := cmp.Compare(names[a.subject], names[b.subject]); c != 0 {
		return c
	}
	if c := cmp.Compare(a.subject, b.subject); c != 0 {
		return c
	}
	if c := cmp.Compare(b.kind&prereqRow, a.kind&prereqRow); c != 0 {
		return c
	}
	return cmp.Compare(a.ind, b.ind)
}

// nameRanks gives each subject the rank of its name among all the names:
// comparing two ranks is comparing the names (strings.Compare), without
// reading them again for each of the sort's comparisons.
func nameRanks(subjects []string) []uint32 {
	byName := make([]uint32, len(subjects))
	for i := range byName {
		byName[i] = uint32(i)
	}
	slices.SortFunc(byName, func(a, b uint32) int { return strings.Compare(subjects[a], subjects[b]) })
	ranks := make([]uint32, len(subjects))
	for k, i := range byName {
		if k > 0 && subjects[i] == subjects[byName[k-1]] {
			ranks[i] = ranks[byName[k-1]]
		} else {
			ranks[i] = uint32(k)
		}
	}
	return ranks
}

// rankOf is the rank of a reason, as a gapsRow keeps it.
func rankOf(reason string) uint8 { return uint8(reasonRank[reason]) }

// compareStake compares the points at stake on two missing rows (points
// plus lost, the maximum), exactly.
func compareStake(a, b *gapsRow) int {
	if a.points == 0 && b.points == 0 { // scored 0: the points lost are the stake
		return compareLost(a, b)
	}
	x, _ := exact.Add(exact.Unpack(a.points, a.pointsMeta), exact.Unpack(a.lost, a.lostMeta))
	y, _ := exact.Add(exact.Unpack(b.points, b.pointsMeta), exact.Unpack(b.lost, b.lostMeta))
	return x.Cmp(y)
}

// compareLost compares the points two rows lose, exactly.
func compareLost(a, b *gapsRow) int {
	if a.lostMeta == b.lostMeta && a.lostMeta&0x80 == 0 { // same scale, both ≥ 0: the coefficients say
		return cmp.Compare(a.lost, b.lost)
	}
	return exact.Unpack(a.lost, a.lostMeta).Cmp(exact.Unpack(b.lost, b.lostMeta))
}

func (g *ScoredGaps) addShortfalls(list []scoring.Shortfall) {
	for _, sf := range list {
		idx, _ := g.Set.MeasureIndex(sf.Measure)
		row := shortRow{measure: uint16(idx), op: interned(&g.ops, sf.Op)}
		row.target, row.targetMeta = exact.Pack(sf.Target.Num)
		if sf.Target.IsBool {
			row.flags |= targetBool
			if sf.Target.Bool {
				row.flags |= targetTrue
			}
		}
		if sf.Actual != nil {
			row.flags |= hasActual
			row.actual, row.actualMeta = exact.Pack(sf.Actual.Num)
			if sf.Actual.IsBool {
				row.flags |= actualBool
				if sf.Actual.Bool {
					row.flags |= actualTrue
				}
			}
		}
		if sf.Short != nil {
			row.flags |= hasShort
			row.short, row.shortMeta = exact.Pack(sf.Short.V)
		}
		g.shorts.add(row)
	}
}

// gating reports whether a missing value of ind decides a verdict.
func gating(ind *criteria.Indicator, gatingMissing []string) bool {
	for _, req := range ind.Require {
		for _, c := range req.Conditions {
			if slices.Contains(gatingMissing, c.Measure) && (ind.Baseline || req.Veto) {
				return true
			}
		}
	}
	return false
}
