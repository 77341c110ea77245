package pipeline

import (
	"cmp"
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
}

// ScoredGaps is every indicator that does not earn its full points, across
// subjects, most points lost first, and those a missing value scores 0.
//
// A run of 100,000 subjects loses points on some 1.8 million indicators,
// so the document keeps each as a small row (gapsRow, 32 bytes, and 32 a
// shortfall) and sorts those, not whole results; LostAt and UnknownAt
// make the full Lost of one row when it is printed.
type ScoredGaps struct {
	Set          *criteria.Set
	Illustrative bool

	subjects []string          // each subject's name, once
	lost     []gapsRow         // points lost, most first
	unknown  []gapsRow         // indicators scored 0 for a missing value, in input order
	shorts   chunked[shortRow] // the rows' shortfalls
	building struct{ lost, unknown chunked[gapsRow] }
	ops      []string // the comparison operators met, by index
	statuses []string // the statuses met, by index
}

// Lost is one indicator that does not earn its full points.
type Lost struct {
	Subject    string              `json:"subject"`
	ID         string              `json:"id"`
	Points     scoring.Number      `json:"points"`
	MaxPoints  scoring.Number      `json:"max_points"`
	Lost       scoring.Number      `json:"lost"`
	Status     string              `json:"status"`
	Shortfalls []scoring.Shortfall `json:"shortfalls"`
}

// Len is the number of indicators that lose points.
func (g *ScoredGaps) Len() int { return len(g.lost) }

// UnknownLen is the number of indicators a missing value scores 0.
func (g *ScoredGaps) UnknownLen() int { return len(g.unknown) }

// LostAt returns the i-th indicator that loses points, most lost first.
func (g *ScoredGaps) LostAt(i int) Lost { return g.row(&g.lost[i]) }

// UnknownAt returns the i-th indicator a missing value scores 0.
func (g *ScoredGaps) UnknownAt(i int) Lost { return g.row(&g.unknown[i]) }

func (g *ScoredGaps) row(r *gapsRow) Lost {
	points, lost := exact.Unpack(r.points, r.pointsMeta), exact.Unpack(r.lost, r.lostMeta)
	max, _ := exact.Add(points, lost) // points + lost = the maximum, exactly
	l := Lost{Subject: g.subjects[r.subject], ID: g.Set.Indicators[r.ind].ID, Points: scoring.N(points),
		MaxPoints: scoring.N(max), Lost: scoring.N(lost), Status: g.statuses[r.status],
		Shortfalls: make([]scoring.Shortfall, r.nShort)}
	for k := range l.Shortfalls {
		l.Shortfalls[k] = g.shorts.at(int(r.short) + k).shortfall(g)
	}
	return l
}

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
	o := collect(opts)
	if s.IsScored() {
		return scoredGaps(s, files, warns, o)
	}
	run, err := evaluateQuotas(s, files, warns, o)
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
				Done: q.Done, Unit: s.QuotaUnit(q.Row, "zh"), Scope: q.Scope}
			switch {
			case q.Gap == nil:
				doc.Unknown = append(doc.Unknown, g)
			case !q.Met:
				doc.Gaps = append(doc.Gaps, g)
			}
		}
	}
	slices.SortStableFunc(doc.Gaps, compareDone)
	return doc
}

// compareDone orders shortfalls by the share still owed, gap ÷ target,
// most first, compared exactly by cross-multiplication, never in floating
// point. A target of 0 (a count to bring to zero) owes its whole gap: it
// sorts before any share. Then by the gap, subject and ID, so the order
// is total and does not depend on the order the rows came in.
func compareDone(a, b Gap) int {
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
func scoredGaps(s *criteria.Set, files []string, warns *inputs.Warnings, o options) (*ScoredGaps, error) {
	// Reading and parsing run a batch ahead in a goroutine of their own, as
	// for score.
	batches := make(chan recordBatch, 4)
	done := make(chan struct{})
	defer close(done)
	src := o.open(s, files, warns)
	go readBatches(src, batches, done)
	doc := &ScoredGaps{Set: s}
	scorer := scoring.NewScorer(s)
	// Warnings are not shared with the reading goroutine while it runs: a
	// year outside the plan is noted (the first of each file) and warned
	// of once every file is read, as before.
	var offYear []*inputs.Record
	for b := range batches {
		for _, rec := range b.recs {
			if err := doc.add(scorer, rec, o); err != nil {
				return nil, err
			}
			if outsideYears(s, rec) && !slices.ContainsFunc(offYear, func(r *inputs.Record) bool { return r.File == rec.File }) {
				offYear = append(offYear, rec)
			}
		}
		if b.err != nil {
			return nil, b.err
		}
	}
	warnYears(s, offYear, warns)
	o.end()
	runtime.KeepAlive(src) // the duplicate check lives until the heap profile
	// Most points lost first, then by subject in input order: the rows are
	// small, so the sort moves 32 bytes a swap.
	doc.lost, doc.unknown = doc.building.lost.flatten(), doc.building.unknown.flatten()
	slices.SortStableFunc(doc.lost, func(a, b gapsRow) int {
		if c := compareLost(&a, &b); c != 0 {
			return -c
		}
		return strings.Compare(doc.subjects[a.subject], doc.subjects[b.subject])
	})
	return doc, nil
}

// add scores rec and keeps a row for each indicator that falls short.
func (doc *ScoredGaps) add(scorer *scoring.Scorer, rec *inputs.Record, o options) error {
	r, err := scorer.Score(rec)
	if err != nil {
		return err
	}
	doc.Illustrative = doc.Illustrative || r.Illustrative
	subject := -1
	for i, ind := range r.Indicators {
		lost, _ := exact.Sub(ind.MaxPoints.V, ind.Points.V)
		missing := ind.Status == scoring.StatusMissing
		if !missing && !lost.IsPos() && ind.Status != scoring.StatusVetoed {
			continue
		}
		if subject < 0 {
			subject = len(doc.subjects)
			doc.subjects = append(doc.subjects, strings.Clone(r.Subject)) // not the CSV row's memory
		}
		row := gapsRow{subject: uint32(subject), ind: uint16(i), status: interned(&doc.statuses, ind.Status),
			short: uint32(doc.shorts.len())}
		row.points, row.pointsMeta = exact.Pack(ind.Points.V)
		row.lost, row.lostMeta = exact.Pack(lost)
		if !o.noShortfalls {
			row.nShort = uint8(len(ind.Shortfalls))
			doc.addShortfalls(ind.Shortfalls)
		}
		if missing {
			doc.building.unknown.add(row)
		} else {
			doc.building.lost.add(row)
		}
	}
	return nil
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
