package pipeline

import (
	"cmp"
	"slices"
	"strings"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
	"countyscore/scoring"
)

// Compare is subjects side by side: one column per subject (per subject
// and year when the run holds several years), one row per indicator with
// category subtotals and the total (a scored standard), or one row per
// quota with the city-wide roll-up as the last columns (a target plan).
// The best and worst cells of each row are found here, and every subject's
// rank; a renderer only lays them out.
type Compare struct {
	Set     *criteria.Set
	Columns []CompareColumn
	// Rows of a streamed comparison have no Points, Best and Worst until
	// Materialize: RowPoints gives each row's points either way.
	Rows []CompareRow
	// RollupYears heads the city-wide columns of a quota comparison, one
	// per year of the run; each row's City holds their cells.
	RollupYears  []int
	View         CompareView
	Illustrative bool
	cells        []pointCells // a streamed comparison's rows, packed, until Materialize
}

// RowPoints is row i's points, appended to buf from the packed cells of a
// streamed comparison (see Streamed), or the row's own Points.
func (doc *Compare) RowPoints(i int, buf []scoring.Number) []scoring.Number {
	if doc.cells == nil {
		return doc.Rows[i].Points
	}
	return doc.cells[i].into(buf)
}

// Materialize gives a streamed comparison's rows their Points, Best and
// Worst, for a renderer that reads them; it does nothing to a comparison
// that has them.
func (doc *Compare) Materialize() {
	if doc.cells == nil {
		return
	}
	cells, rows := doc.cells, doc.Rows
	doc.cells = nil
	// A row's cells, best and worst are its own, and a row of 100,000
	// subjects costs milliseconds: the rows are made on a worker per core.
	eachParallel(len(rows), func(i int) {
		rows[i].Points = cells[i].take()
		rows[i].Best, rows[i].Worst = pointExtremes(rows[i].Points, &rows[i])
	})
}

// CompareView is how the command asks for the comparison to be laid out:
// measured values instead of points, the width a table block may take and
// whether best and worst may be coloured (a terminal without NO_COLOR).
type CompareView struct {
	Values bool
	Width  int
	Color  bool
}

// CompareColumn is one subject (in one year) and what sits at the foot of
// its column: total, band, verdict and rank, or for a quota set the share
// of quotas met and the mean completion.
type CompareColumn struct {
	Entry
	Rank    int    `json:"rank"`
	Verdict string `json:"verdict"`
	// A scored standard.
	Points           *scoring.Number `json:"points,omitempty"`
	PointsOptimistic *scoring.Number `json:"points_optimistic,omitempty"`
	MaxPoints        *scoring.Number `json:"max_points,omitempty"`
	// A target plan.
	Met      *int            `json:"met,omitempty"`
	Quotas   *int            `json:"quotas,omitempty"`
	MeanDone *scoring.Number `json:"mean_done_pct,omitempty"`
}

// Kinds of comparison row.
const (
	RowIndicator = "indicator"
	RowCategory  = "category"
	RowTotal     = "total"
	RowQuota     = "quota"
)

// CompareRow is one row: a cell per column, and the columns holding the
// row's best and worst cells (empty when every cell is the same).
type CompareRow struct {
	Kind      string          `json:"kind"`
	ID        string          `json:"id"`
	Category  string          `json:"category,omitempty"`
	MaxPoints *scoring.Number `json:"max_points,omitempty"`
	// Points are a scored row's cells, one per column.
	Points []scoring.Number `json:"points,omitempty"`
	// Values are, with --values, the measured values behind an indicator
	// row's points, one list per column.
	Values [][]MeasureValue `json:"values,omitempty"`
	// Quotas are a quota row's cells, one per column; City the city-wide
	// roll-up, one per year of the run.
	Quotas []QuotaCell `json:"quotas,omitempty"`
	City   []QuotaCell `json:"city,omitempty"`
	Best   []int       `json:"best"`
	Worst  []int       `json:"worst"`
	// NotApplicable are the row's cells that do not apply to their
	// subject, with the criteria's reason: such a cell shows 不适用 rather
	// than its points and takes no part in best and worst.
	NotApplicable []NACell `json:"not_applicable,omitempty"`
}

// NACell is one cell of a comparison row that does not apply: its column
// and the criteria's reason.
type NACell struct {
	Column   int    `json:"column"`
	Reason   string `json:"reason"`
	ReasonEn string `json:"reason_en,omitempty"`
	Source   string `json:"na_source"`
}

// IsNA reports whether the row's cell in column j does not apply.
func (r *CompareRow) IsNA(j int) (NACell, bool) {
	for _, c := range r.NotApplicable {
		if c.Column == j {
			return c, true
		}
	}
	return NACell{}, false
}

// applicable lists the columns 0 … n-1 whose cells apply.
func (r *CompareRow) applicable(n int) []int {
	out := make([]int, 0, n)
	for j := range n {
		if _, na := r.IsNA(j); !na {
			out = append(out, j)
		}
	}
	return out
}

// MeasureValue is one measured value; Value is null when missing.
type MeasureValue struct {
	Measure string          `json:"measure"`
	Value   *scoring.Scalar `json:"value"`
}

// QuotaCell is one subject's line of a quota: Owed is false for a subject
// the row sets no target for (the cell is empty).
type QuotaCell struct {
	Owed bool `json:"owed"`
	// NA marks a line that does not apply to the subject (its row's
	// NotApplicable gives the reason).
	NA     bool            `json:"not_applicable,omitempty"`
	Target *scoring.Number `json:"target"`
	Actual *scoring.Number `json:"actual"`
	Gap    *scoring.Number `json:"gap"`
	Done   *scoring.Number `json:"done_pct"`
	Met    bool            `json:"met"`
}

// CompareFiles reads files (a subject may appear once per year), scores
// them under s and lays the subjects side by side, in the order subjects
// picks (every subject, in input order, when it is empty). A scored
// comparison of every subject streams: each record is scored as it is
// read and only its points are kept.
//
// With Streamed, a scored comparison keeps its cells packed until they
// are written (RowPoints), for a renderer that writes a row at a time and
// keeps nothing of it (CSV): 100,000 subjects' 43 rows are then 17 MB,
// not 100.
func CompareFiles(s *criteria.Set, files []string, subjects SubjectFilter, view CompareView, warns *inputs.Warnings, opts ...Option) (*Compare, error) {
	doc := &Compare{Set: s, View: view}
	streamed := configure(opts).streamed
	var err error
	switch {
	case s.IsScored() && len(subjects) == 0:
		b := doc.newScoredBuilder()
		err = eachYear(s, files, warns, config{}, func(rec *inputs.Record) error {
			defer inputs.Release(rec) // add copies what it keeps: later rows are read into rec
			return b.add(rec)
		})
		if err == nil {
			b.finish(streamed)
		}
	default:
		err = doc.picked(files, subjects, warns, streamed)
	}
	if err != nil {
		return nil, err
	}
	for _, c := range doc.Columns {
		doc.Illustrative = doc.Illustrative || c.Illustrative
	}
	return doc, nil
}

// picked builds a comparison of the subjects named (a quota comparison:
// of every subject, since the city-wide sums need them all).
func (doc *Compare) picked(files []string, subjects SubjectFilter, warns *inputs.Warnings, streamed bool) error {
	s := doc.Set
	recs, err := readYears(s, files, warns)
	if err != nil {
		return err
	}
	entries := make([]Entry, len(recs))
	for i, r := range recs {
		entries[i] = Entry{Subject: r.Subject, Year: r.Year, Illustrative: r.Illustrative}
	}
	pick, err := subjects.apply(entries)
	if err != nil {
		return err
	}
	if !s.IsScored() {
		return doc.quotas(recs, pick, warns)
	}
	b := doc.newScoredBuilder()
	for _, i := range pick {
		if err := b.add(recs[i]); err != nil {
			return err
		}
	}
	b.finish(streamed)
	return nil
}

// scoredBuilder fills a scored comparison one subject at a time. Each
// row's cells grow in fixed chunks, packed (pointCells: a row's slice of
// decimals grown by appending would be copied whole at each doubling, 43
// rows of 100,000 cells), and are moved into the row's slice of its exact
// length once every column is in.
type scoredBuilder struct {
	doc       *Compare
	rows      []CompareRow
	cells     []pointCells              // per row
	values    []chunked[[]MeasureValue] // per row, with --values
	columns   chunked[CompareColumn]
	indRow    []int
	catRow    []int
	total     int
	standings []scoring.ScoredStanding
	scorer    *scoring.Scorer
	scale     *scoring.VerdictScale
}

func (doc *Compare) newScoredBuilder() *scoredBuilder {
	s := doc.Set
	// A comparison shows points, verdicts and values, never shortfalls.
	b := &scoredBuilder{doc: doc, indRow: make([]int, len(s.Indicators)), catRow: make([]int, len(s.Categories)), scorer: scoring.NewScorer(s, scoring.NoShortfalls()),
		scale: scoring.NewVerdictScale(s)}
	for ci, c := range s.Categories {
		for ii, ind := range s.Indicators {
			if ind.CategoryIdx != ci {
				continue
			}
			b.indRow[ii] = len(b.rows)
			b.rows = append(b.rows, CompareRow{Kind: RowIndicator, ID: ind.ID, Category: c.ID, MaxPoints: scoring.P(ind.Points.V)})
		}
		b.catRow[ci] = len(b.rows)
		b.rows = append(b.rows, CompareRow{Kind: RowCategory, ID: c.ID, MaxPoints: scoring.P(c.MaxPoints)})
	}
	b.total = len(b.rows)
	b.rows = append(b.rows, CompareRow{Kind: RowTotal, ID: "total", MaxPoints: scoring.P(s.MaxPoints.V)})
	b.cells = make([]pointCells, len(b.rows))
	if doc.View.Values {
		b.values = make([]chunked[[]MeasureValue], len(b.rows))
	}
	return b
}

// add scores one record and appends its column.
func (b *scoredBuilder) add(rec *inputs.Record) error {
	s := b.doc.Set
	r, err := b.scorer.Score(rec)
	if err != nil {
		return err
	}
	for ii, ind := range r.Indicators {
		if ind.Status == scoring.StatusNA {
			row := &b.rows[b.indRow[ii]]
			row.NotApplicable = append(row.NotApplicable, NACell{Column: b.columns.len(), Reason: ind.Reason, ReasonEn: ind.ReasonEn, Source: ind.NASource})
		}
		b.cells[b.indRow[ii]].add(ind.Points)
		if b.values != nil {
			b.values[b.indRow[ii]].add(indicatorValues(&s.Indicators[ii], rec.Values))
		}
	}
	for ci, c := range r.Categories {
		b.cells[b.catRow[ci]].add(c.Points)
	}
	b.cells[b.total].add(r.Points)
	foot := make([]scoring.Number, 3) // one allocation for the column's three figures
	foot[0], foot[1], foot[2] = r.Points, r.PointsOptimistic, r.MaxPoints
	b.columns.add(CompareColumn{Entry: Entry{Subject: strings.Clone(r.Subject), Year: rec.Year, Illustrative: r.Illustrative},
		Verdict: r.Verdict, Points: &foot[0], PointsOptimistic: &foot[1], MaxPoints: &foot[2]})
	b.standings = append(b.standings, scoring.ScoredStanding{Verdict: b.scale.Order(r.Verdict), Points: r.Points.V})
	return nil
}

// finish ranks the columns and, unless streamed, makes each row's cells
// and marks its best and worst (Materialize).
func (b *scoredBuilder) finish(streamed bool) {
	doc, rows := b.doc, b.rows
	doc.Columns = b.columns.flatten()
	ranks := scoring.ScoredRanks(b.standings)
	for i := range doc.Columns {
		doc.Columns[i].Rank = ranks[i]
	}
	if b.values != nil {
		for i := range rows {
			if rows[i].Kind == RowIndicator { // subtotals have no values
				rows[i].Values = b.values[i].flatten()
			}
		}
	}
	doc.Rows, doc.cells = rows, b.cells
	if !streamed {
		doc.Materialize()
	}
}

// pointExtremes is extremes of a row of points, compared as integers at
// one scale where they fit (a row of 100,000 cells), else as decimals.
// Cells that do not apply are left out.
func pointExtremes(points []scoring.Number, row *CompareRow) (best, worst []int) {
	keys, ok := scoring.NumberKeys(points)
	if ok && len(row.NotApplicable) == 0 {
		return keyExtremes(keys) // every cell: the row as it is
	}
	idx := every(len(points))
	if len(row.NotApplicable) > 0 {
		idx = row.applicable(len(points))
	}
	if ok {
		return extremes(idx, func(a, c int) int { return cmp.Compare(keys[a], keys[c]) })
	}
	return extremes(idx, func(a, c int) int { return points[a].V.Cmp(points[c].V) })
}

// keyExtremes is extremes over every cell of a row of keys, in one pass
// for the highest and lowest and one for the cells that hold them.
func keyExtremes(keys []int64) (best, worst []int) {
	best, worst = []int{}, []int{}
	if len(keys) < 2 {
		return best, worst
	}
	hi, lo := keys[0], keys[0]
	for _, k := range keys[1:] {
		hi, lo = max(hi, k), min(lo, k)
	}
	if hi == lo {
		return best, worst
	}
	// Counted first, so each list is allocated once at its length: a row
	// of 100,000 cells may hold tens of thousands at either end.
	nb, nw := 0, 0
	for _, k := range keys {
		switch k {
		case hi:
			nb++
		case lo:
			nw++
		}
	}
	best, worst = make([]int, 0, nb), make([]int, 0, nw)
	for i, k := range keys {
		switch k {
		case hi:
			best = append(best, i)
		case lo:
			worst = append(worst, i)
		}
	}
	return best, worst
}

// indicatorValues lists the values an indicator's conditions read, each
// measure once, in the order the conditions name them.
func indicatorValues(ind *criteria.Indicator, vals []inputs.Value) []MeasureValue {
	var out []MeasureValue
	seen := map[int]bool{}
	for _, req := range ind.Require {
		for _, c := range req.Conditions {
			if seen[c.MeasureIdx] {
				continue
			}
			seen[c.MeasureIdx] = true
			mv := MeasureValue{Measure: c.Measure}
			if v := vals[c.MeasureIdx]; v.Given {
				sc := scoring.Scalar{IsBool: c.IsBool, Bool: v.Bool, Num: v.Num}
				mv.Value = &sc
			}
			out = append(out, mv)
		}
	}
	return out
}

// quotas builds a quota comparison: each year evaluated on its own (the
// city-wide sums are a year's), then the picked columns.
func (doc *Compare) quotas(recs []*inputs.Record, pick []int, warns *inputs.Warnings) error {
	s := doc.Set
	years, err := evaluateQuotaYears(s, recs, warns)
	if err != nil {
		return err
	}
	byRec := map[*inputs.Record]*scoring.Quotas{}
	for _, y := range years {
		for i, r := range y.Results {
			byRec[y.Recs[i]] = r
		}
	}
	results := make([]*scoring.Quotas, len(pick))
	for k, i := range pick {
		results[k] = byRec[recs[i]]
	}
	// Rows: every quota line any picked subject owes, in ID order.
	var ids []string
	for _, r := range results {
		for _, q := range r.Quotas {
			if !slices.Contains(ids, q.ID) {
				ids = append(ids, q.ID)
			}
		}
	}
	slices.SortStableFunc(ids, scoring.CompareIDs)
	rowOf := map[string]int{}
	doc.Rows = make([]CompareRow, len(ids))
	for i, id := range ids {
		rowOf[id] = i
		doc.Rows[i] = CompareRow{Kind: RowQuota, ID: id, Quotas: make([]QuotaCell, len(results))}
	}
	standings := make([]scoring.QuotaStanding, len(results))
	for j, r := range results {
		for _, q := range r.Quotas {
			row := &doc.Rows[rowOf[q.ID]]
			row.Quotas[j] = QuotaCell{Owed: true, Target: q.Target, Actual: q.Actual, Gap: q.Gap, Done: q.Done, Met: q.Met}
			if q.Status == scoring.StatusNA {
				row.Quotas[j] = QuotaCell{Owed: true, NA: true}
				row.NotApplicable = append(row.NotApplicable, NACell{Column: j, Reason: q.Reason, ReasonEn: q.ReasonEn, Source: q.NASource})
			}
		}
		st := scoring.StandingOf(r)
		standings[j] = st
		met, owed := st.Met, st.Quotas
		col := CompareColumn{Entry: Entry{Subject: r.Subject, Year: r.Year, Illustrative: r.Illustrative}, Verdict: r.Verdict, Met: &met, Quotas: &owed}
		if mean, ok := st.MeanDone(); ok {
			col.MeanDone = scoring.P(mean)
		}
		doc.Columns = append(doc.Columns, col)
	}
	ranks := scoring.CompetitionRanks(len(results), func(i, j int) int { return scoring.CompareQuota(standings[i], standings[j]) })
	for i := range doc.Columns {
		doc.Columns[i].Rank = ranks[i]
	}
	for _, y := range years {
		doc.RollupYears = append(doc.RollupYears, y.Year)
		owed := map[string]bool{} // a line of a year not yet due has no city-wide cell
		for _, r := range y.Results {
			for _, q := range r.Quotas {
				owed[q.ID] = true
			}
		}
		for i := range doc.Rows {
			cell := QuotaCell{}
			if owed[doc.Rows[i].ID] {
				cell = rollupCell(y.Rollup, doc.Rows[i].ID)
			}
			doc.Rows[i].City = append(doc.Rows[i].City, cell)
		}
	}
	for i := range doc.Rows {
		cells := doc.Rows[i].Quotas
		var judged []int
		for j, c := range cells {
			if c.Owed && !c.NA && c.Gap != nil {
				judged = append(judged, j)
			}
		}
		doc.Rows[i].Best, doc.Rows[i].Worst = extremes(judged, func(a, b int) int { return compareQuotaCells(cells[a], cells[b]) })
	}
	return nil
}

// rollupCell is the city-wide cell of quota line id: the city's target and
// value where the plan states one, else the sums over the run's subjects.
func rollupCell(rows []scoring.RollupRow, id string) QuotaCell {
	for _, r := range rows {
		if r.ID != id {
			continue
		}
		c := QuotaCell{Owed: true, Target: r.CityTarget, Actual: r.CityActual, Gap: r.CityGap}
		if c.Target == nil {
			c.Target, c.Actual, c.Gap = r.TargetSum, r.ActualSum, r.GapSum
		}
		if c.Gap != nil {
			c.Met = c.Gap.V.IsZero()
		}
		if c.Target != nil && c.Actual != nil {
			if share, ok := exact.Share(c.Actual.V, c.Target.V); ok {
				if d, err := exact.Parse(share); err == nil {
					c.Done = scoring.P(d)
				}
			}
		}
		return c
	}
	return QuotaCell{}
}

// compareQuotaCells orders two subjects' lines of one quota, better first:
// a line that can be judged before one that cannot, met before not met,
// then the larger share done (a "≥" quota) or the smaller gap.
func compareQuotaCells(a, b QuotaCell) int {
	ka, kb := a.Owed && a.Gap != nil, b.Owed && b.Gap != nil
	switch {
	case !ka && !kb:
		return 0
	case !ka:
		return -1
	case !kb:
		return 1
	case a.Met != b.Met:
		if a.Met {
			return 1
		}
		return -1
	case a.Done != nil && b.Done != nil:
		return a.Done.V.Cmp(b.Done.V)
	}
	return b.Gap.V.Cmp(a.Gap.V)
}

// extremes returns the columns holding the best and the worst cell of a
// row by better (positive: a is better than b), among the columns in idx
// (those whose cells can be judged). A row whose judged cells are all
// equal marks none.
func extremes(idx []int, better func(a, b int) int) (best, worst []int) {
	best, worst = []int{}, []int{}
	if len(idx) < 2 {
		return best, worst
	}
	hi, lo := idx[0], idx[0]
	for _, i := range idx[1:] {
		if better(i, hi) > 0 {
			hi = i
		}
		if better(i, lo) < 0 {
			lo = i
		}
	}
	if better(hi, lo) == 0 {
		return best, worst
	}
	for _, i := range idx {
		if better(i, hi) == 0 {
			best = append(best, i)
		}
		if better(i, lo) == 0 {
			worst = append(worst, i)
		}
	}
	return best, worst
}

// every lists 0 … n-1.
func every(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}
