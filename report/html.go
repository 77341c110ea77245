package report

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"

	"github.com/mattn/go-runewidth"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/pipeline"
	"countyscore/scoring"
)

// htmlKinds are the documents the html format renders: the results of
// score, gaps, plan, compare, diff and trend. The criteria, explain and
// template views are refused.
var htmlKinds = []string{pipeline.KindScoredRun, pipeline.KindQuotaRun, pipeline.KindScoredGaps, pipeline.KindQuotaGaps,
	pipeline.KindPlan, pipeline.KindCompare, pipeline.KindDiff, pipeline.KindTrend}

// htmlRenderer writes one self-contained HTML report: inline CSS and SVG,
// no script, nothing fetched, Chinese by default. Every string that comes
// from input (a subject's name above all) goes through html/template, which
// escapes it, so a county named <script> shows as text.
type htmlRenderer struct {
	lang   string
	closed *pipeline.Closed // the run's closing, shown at the end of the page; nil for none
}

func (r htmlRenderer) Render(w io.Writer, doc pipeline.Document) error {
	doc, r.closed = pipeline.Unwrap(doc)
	var err error
	bw := bufio.NewWriterSize(w, 64<<10)
	switch d := doc.(type) {
	case *pipeline.ScoredRun:
		err = r.scoredRun(bw, d)
	case *pipeline.QuotaRun:
		err = r.quotaRun(bw, d)
	case *pipeline.ScoredGaps:
		err = r.scoredGaps(bw, d)
	case *pipeline.QuotaGaps:
		err = r.quotaGaps(bw, d)
	case *pipeline.PlanRun:
		err = r.planRun(bw, d)
	case *pipeline.Compare:
		d.Materialize()
		err = r.compare(bw, d)
	case *pipeline.Diff:
		d.Materialize()
		err = r.diff(bw, d)
	case *pipeline.Trend:
		err = r.trend(bw, d)
	default:
		return unsupported("html", doc)
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// page is what the opening and closing of every report need.
type page struct {
	Lang, Title, Source string
	Illustrative        bool
	Banner, Made        string
	Legend              []legendItem
}

type legendItem struct {
	Label string
	Tone  tone
}

func (r htmlRenderer) page(s *criteria.Set, illustrative bool, title string, verdicts, statuses bool) page {
	p := page{Lang: criteria.Pick(r.lang, "zh-CN", "en"), Title: title, Source: s.Source,
		Illustrative: illustrative, Banner: t(r.lang, "illustrative"), Made: t(r.lang, "html.generated")}
	if verdicts {
		for _, v := range verdictIDs(s) {
			p.Legend = append(p.Legend, legendItem{verdictLabel(s, v, r.lang), verdictTone(s, v)})
		}
	}
	if statuses {
		for _, st := range statusesOf(s) {
			p.Legend = append(p.Legend, legendItem{t(r.lang, "status."+st), statusTone(st)})
		}
	}
	return p
}

// barRow is what the chart and the grid keep of each subject: a few
// figures and one status per indicator, not the whole result.
type barRow struct {
	Subject            string
	Points, Optimistic exact.Decimal
	Verdict            string
	Tone               tone
	Statuses           []tone
	Marks              []string // the indicator's points, for the grid cell
}

// scoredRun writes the overview (chart of every subject's points with its
// band and the lines, the subject × indicator grid) and then every
// subject's page. Results stream: each subject's page goes to a spool file
// as it comes, and only the overview's small rows stay in memory, so the
// overview can come first.
func (r htmlRenderer) scoredRun(w io.Writer, run *pipeline.ScoredRun) error {
	s, lang := run.Set, r.lang
	spool, err := os.CreateTemp("", "countyscore-html-*")
	if err != nil {
		return err
	}
	defer func() { spool.Close(); os.Remove(spool.Name()) }()
	sw := bufio.NewWriterSize(spool, 64<<10)
	var rows []barRow
	illustrative := false
	err = run.Each(func(res *scoring.Scored) error {
		illustrative = illustrative || res.Illustrative
		row := barRow{Subject: res.Subject, Points: res.Points.V, Optimistic: res.PointsOptimistic.V, Verdict: verdictLabel(s, res.Verdict, lang),
			Tone: verdictTone(s, res.Verdict), Statuses: make([]tone, len(res.Indicators)), Marks: make([]string, len(res.Indicators))}
		for i, x := range res.Indicators {
			row.Statuses[i], row.Marks[i] = statusTone(x.Status), num(x.Points.V)
		}
		rows = append(rows, row)
		return htmlTemplates().ExecuteTemplate(sw, "subject", r.subjectView(s, res))
	})
	if err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	p := r.page(s, illustrative, s.TitleIn(lang), true, true)
	if err := htmlTemplates().ExecuteTemplate(w, "open", p); err != nil {
		return err
	}
	ov := overview{Chart: chart(s, rows, lang), ChartTitle: t(lang, "html.chart"), ChartNote: t(lang, "html.chart.note"),
		GridTitle: t(lang, "html.grid"), SubjectHead: t(lang, "col.subject"), VerdictHead: t(lang, "col.verdict"), PointsHead: t(lang, "col.points"),
		Rows: rows, DetailTitle: t(lang, "html.subjects")}
	for i := range s.Indicators {
		ov.Indicators = append(ov.Indicators, gridHead{ID: s.Indicators[i].ID, Name: s.Indicators[i].NameIn(lang)})
	}
	if err := htmlTemplates().ExecuteTemplate(w, "overview", ov); err != nil {
		return err
	}
	if _, err := spool.Seek(0, io.SeekStart); err != nil {
		return err
	}
	if _, err := io.Copy(w, spool); err != nil {
		return err
	}
	return r.closePage(w, p)
}

type overview struct {
	ChartTitle, ChartNote, GridTitle, DetailTitle string
	SubjectHead, VerdictHead, PointsHead          string
	Chart                                         svgChart
	Indicators                                    []gridHead
	Rows                                          []barRow
}

type gridHead struct{ ID, Name string }

// svgChart is the bar chart: one bar per subject, its conservative points
// solid and the optimistic reading as a lighter band, with a vertical line
// at every line of the standard. Coordinates are for drawing only.
type svgChart struct {
	Width, Height, Left, Plot int
	Bars                      []svgBar
	Lines                     []svgLine
	Ticks                     []svgLine
}

type svgBar struct {
	Y, W, BandW int
	Label, Text string
	Tone        tone
}

type svgLine struct {
	X     int
	Label string
}

const (
	chartBar   = 22 // px per subject
	chartLeft  = 150
	chartPlot  = 560
	chartRight = 90
	chartTop   = 30
)

func chart(s *criteria.Set, rows []barRow, lang string) svgChart {
	left := chartLeft
	for _, r := range rows {
		left = max(left, runewidth.StringWidth(r.Subject)*7+12) // 12px text: about 7px a column
	}
	c := svgChart{Left: left, Plot: chartPlot, Width: left + chartPlot + chartRight, Height: chartTop + len(rows)*chartBar + 20}
	max := s.MaxPoints.V
	x := func(d exact.Decimal) int {
		if !max.IsPos() {
			return 0
		}
		f, _ := strconv.ParseFloat(num(d), 64)
		m, _ := strconv.ParseFloat(num(max), 64)
		return min(max0(int(f/m*chartPlot+0.5)), chartPlot)
	}
	for i, r := range rows {
		w := x(r.Points)
		band := x(r.Optimistic) - w
		text := num(r.Points)
		if r.Optimistic.Cmp(r.Points) != 0 {
			text = fmt.Sprintf("%s–%s", num(r.Points), num(r.Optimistic))
		}
		c.Bars = append(c.Bars, svgBar{Y: chartTop + i*chartBar, W: w, BandW: max0(band), Label: r.Subject, Text: text, Tone: r.Tone})
	}
	for _, l := range s.Lines {
		c.Lines = append(c.Lines, svgLine{X: left + x(l.Points.V), Label: l.Points.String()})
	}
	for _, tick := range []exact.Decimal{exact.Int(0), max} {
		c.Ticks = append(c.Ticks, svgLine{X: left + x(tick), Label: num(tick)})
	}
	return c
}

func max0(n int) int {
	if n < 0 {
		return 0
	}
	return n
}

// subjectView is every fact of the table report for one subject.
type subjectView struct {
	Subject, Heading, Source string
	Illustrative             bool
	Banner                   string
	Facts                    [][2]string
	Tone                     tone
	Head                     []string
	Rows                     []indicatorView
	CatHead                  []string
	Cats                     [][]string
	Note                     string
}

type indicatorView struct {
	ID, Name, Type, Given, Requirement, Points, Status, Short, Cite string
	Tone                                                            tone
}

func (r htmlRenderer) subjectView(s *criteria.Set, res *scoring.Scored) subjectView {
	lang := r.lang
	v := subjectView{Subject: res.Subject, Heading: res.Subject, Source: sourceLine(s, lang), Illustrative: res.Illustrative,
		Banner: t(lang, "illustrative"), Tone: verdictTone(s, res.Verdict)}
	fact := func(k, val string) { v.Facts = append(v.Facts, [2]string{k, val}) }
	for _, m := range s.MilestonesFor(res.Subject) {
		fact(t(lang, "schedule"), fmt.Sprintf("%s（%s）", m.TextIn(lang), m.Source))
	}
	fact(t(lang, "verdict"), verdictLabel(s, res.Verdict, lang))
	band := num(res.Points.V)
	if res.PointsOptimistic.V.Cmp(res.Points.V) != 0 {
		band = fmt.Sprintf(t(lang, "band"), num(res.Points.V), num(res.PointsOptimistic.V))
	}
	fact(t(lang, "points"), fmt.Sprintf("%s / %s", band, num(res.MaxPoints.V)))
	if res.MissingPoints.V.IsPos() {
		fact("", fmt.Sprintf(t(lang, "missing.points"), num(res.MissingPoints.V)))
	}
	if res.NextLine != nil {
		fact("", fmt.Sprintf(t(lang, "next.line"), verdictLabel(s, res.NextLine.Verdict, lang), num(res.NextLine.Points.V), num(res.NextLine.Short.V)))
	}
	if hasVeto(s) {
		fact(t(lang, "veto.failures"), joinList(lang, res.VetoFailures))
	}
	fact(t(lang, "baseline.failures"), joinList(lang, res.BaselineFailures))
	if len(s.Prerequisites) > 0 {
		fact(t(lang, "prereq.unmet"), joinList(lang, prereqNames(s, res.PrerequisitesUnmet, lang)))
	}
	fact(t(lang, "missing"), joinList(lang, res.Missing))
	for _, l := range policyLines(s, res, lang) {
		fact("", l)
	}
	v.Head = []string{t(lang, "col.id"), t(lang, "col.indicator"), t(lang, "col.type"), t(lang, "col.given"), t(lang, "col.requirement"),
		t(lang, "col.points"), t(lang, "col.status"), t(lang, "col.short"), t(lang, "html.cite")}
	for i := range s.Indicators {
		ind, x := &s.Indicators[i], res.Indicators[i]
		pts := indicatorPoints(x, lang)
		v.Rows = append(v.Rows, indicatorView{ID: ind.ID, Name: ind.NameIn(lang), Type: indicatorType(s, ind, lang),
			Given: givenText(s, ind, res, lang), Requirement: requirementText(s, ind, lang), Points: pts,
			Status: t(lang, "status."+x.Status), Short: shortText(s, ind, x, lang), Cite: ind.Source, Tone: statusTone(x.Status)})
	}
	v.CatHead = append([]string{t(lang, "col.category"), t(lang, "col.name"), t(lang, "col.points"), t(lang, "col.optimistic"), t(lang, "col.max")}, categoryExtraHead(s, lang)...)
	for i, c := range res.Categories {
		v.Cats = append(v.Cats, append([]string{c.ID, s.Categories[i].NameIn(lang), num(c.Points.V), num(c.PointsOptimistic.V), num(c.MaxPoints.V)}, categoryExtra(s, c)...))
	}
	v.Cats = append(v.Cats, append([]string{"", t(lang, "total"), num(res.Points.V), num(res.PointsOptimistic.V), num(res.MaxPoints.V)}, totalExtra(s, res)...))
	v.Note = statedNote(s, lang)
	return v
}

// tableView is a plain table with a status colour per row, for the gaps
// and quota views.
type tableView struct {
	Title string
	Head  []string
	Rows  []tableRow
	Notes []string
}

type tableRow struct {
	Cells []string
	Tone  tone
	Done  *int // percent done, 0–100, for a progress bar in column Bar; nil for none
	Bar   int
}

func (r htmlRenderer) scoredGaps(w io.Writer, d *pipeline.ScoredGaps) error {
	s, lang := d.Set, r.lang
	p := r.page(s, d.Illustrative, fmt.Sprintf(t(lang, "gaps.scored.title"), sourceLine(s, lang)), false, true)
	tv := tableView{Title: p.Title, Head: []string{"#", t(lang, "col.subject"), t(lang, "col.id"), t(lang, "col.indicator"), t(lang, "col.lost"),
		t(lang, "col.points"), t(lang, "col.status"), t(lang, "col.short"), t(lang, "html.cite")}}
	for i, l := range d.All() {
		ind, _ := s.Indicator(l.ID)
		tv.Rows = append(tv.Rows, tableRow{Tone: statusTone(l.Status), Cells: []string{strconv.Itoa(i + 1), l.Subject, l.ID, ind.NameIn(lang),
			num(l.Lost.V), num(l.Points.V) + "/" + num(l.MaxPoints.V), t(lang, "status."+l.Status),
			shortText(s, &ind, scoring.Indicator{Shortfalls: l.Shortfalls}, lang), ind.Source}})
	}
	if len(tv.Rows) == 0 {
		tv.Notes = append(tv.Notes, t(lang, "gaps.scored.none"))
	}
	return r.tables(w, p, append([]tableView{tv}, naView(s, d.NotApplicable, lang)...))
}

func (r htmlRenderer) quotaRun(w io.Writer, run *pipeline.QuotaRun) error {
	s, lang := run.Set, r.lang
	p := r.page(s, run.Illustrative(), s.TitleIn(lang), true, true)
	sum := tableView{Title: fmt.Sprintf(t(lang, "summary.quota.title"), s.TitleIn(lang), len(run.Results)),
		Head: []string{"#", t(lang, "col.subject"), t(lang, "col.verdict"), t(lang, "col.metcount"), t(lang, "col.unmetcount"), t(lang, "col.missing")}}
	views := []tableView{}
	for i, res := range run.Results {
		met, unmet, missing := 0, 0, 0
		tv := tableView{Title: fmt.Sprintf("%s · %s", res.Subject, verdictLabel(s, res.Verdict, lang)), Head: r.quotaHead()}
		for _, q := range res.Quotas {
			switch quotaStatusID(q) {
			case scoring.StatusMet:
				met++
			case scoring.StatusUnmet:
				unmet++
			case scoring.StatusNA:
			default:
				missing++
			}
			tv.Rows = append(tv.Rows, r.quotaRow(s, res.Subject, q))
		}
		sum.Rows = append(sum.Rows, tableRow{Tone: verdictTone(s, res.Verdict), Cells: []string{strconv.Itoa(i + 1), res.Subject,
			verdictLabel(s, res.Verdict, lang), strconv.Itoa(met), strconv.Itoa(unmet), strconv.Itoa(missing)}})
		views = append(views, tv)
	}
	all := append([]tableView{sum, r.rollupView(s, run.Rollup)}, views...)
	return r.tables(w, p, all)
}

func (r htmlRenderer) quotaGaps(w io.Writer, d *pipeline.QuotaGaps) error {
	s, lang := d.Set, r.lang
	p := r.page(s, d.Illustrative, fmt.Sprintf(t(lang, "gaps.title"), sourceLine(s, lang)), false, true)
	tv := tableView{Title: t(lang, "html.quota.chart"), Head: r.quotaHead()}
	for _, g := range append(slices.Clone(d.Gaps), d.Unknown...) {
		q := scoring.Quota{ID: g.ID, Row: g.Row, Target: g.Target, Actual: g.Actual, Gap: g.Gap, Done: g.Done, Scope: g.Scope}
		tv.Rows = append(tv.Rows, r.quotaRow(s, g.Subject, q))
	}
	if len(tv.Rows) == 0 {
		tv.Notes = append(tv.Notes, t(lang, "gaps.none"))
	}
	return r.tables(w, p, append(append([]tableView{tv}, naView(s, d.NotApplicable, lang)...), r.rollupView(s, d.Rollup)))
}

func (r htmlRenderer) quotaHead() []string {
	lang := r.lang
	return []string{t(lang, "col.subject"), t(lang, "col.id"), t(lang, "col.quota"), t(lang, "col.target"), t(lang, "col.actual"),
		t(lang, "col.gap"), t(lang, "col.unit"), t(lang, "col.done"), t(lang, "col.status"), t(lang, "html.cite")}
}

// quotaRow is one quota with its progress bar (done %, capped at 100 for
// drawing).
func (r htmlRenderer) quotaRow(s *criteria.Set, subject string, q scoring.Quota) tableRow {
	lang := r.lang
	row, _ := s.Quota(q.Row)
	tr := tableRow{Tone: statusTone(quotaStatusID(q)), Cells: []string{subject, q.ID, quotaName(row, q, lang), numP(q.Target),
		valueOrMissing(q.Actual, lang), numP(q.Gap), s.QuotaMeasure(&row).UnitIn(lang), numP(q.Done), quotaStatus(q, lang), row.Source}, Bar: 7}
	if q.Done != nil {
		f, _ := strconv.ParseFloat(num(q.Done.V), 64)
		pct := min(max0(int(f+0.5)), 100)
		tr.Done = &pct
	}
	return tr
}

func (r htmlRenderer) rollupView(s *criteria.Set, rows []scoring.RollupRow) tableView {
	lang := r.lang
	tv := tableView{Title: fmt.Sprintf(t(lang, "rollup.title"), s.TitleIn(lang)),
		Head: []string{t(lang, "col.id"), t(lang, "col.quota"), t(lang, "col.unit"), t(lang, "col.reported"), t(lang, "col.unmet"),
			t(lang, "col.targetsum"), t(lang, "col.actualsum"), t(lang, "col.gapsum"), t(lang, "col.plantotal"),
			t(lang, "col.citytarget"), t(lang, "col.cityactual"), t(lang, "col.citygap"), t(lang, "col.planshort")},
		Notes: []string{t(lang, "rollup.note")}}
	for _, rr := range rows {
		q, _ := s.Quota(rr.Row)
		name := q.NameIn(lang)
		if rr.Year > 0 {
			name = fmt.Sprintf("%s %d", name, rr.Year)
		}
		reported := ""
		if rr.Expected > 0 {
			reported = fmt.Sprintf("%d/%d", rr.Reported, rr.Expected)
		}
		tone := toneGood
		if rr.Unmet > 0 {
			tone = tonePoor
		}
		tv.Rows = append(tv.Rows, tableRow{Tone: tone, Cells: []string{rr.ID, name, s.QuotaMeasure(&q).UnitIn(lang), reported, strconv.Itoa(rr.Unmet),
			numP(rr.TargetSum), numP(rr.ActualSum), numP(rr.GapSum), numP(rr.PlanTotal), numP(rr.CityTarget), numP(rr.CityActual),
			numP(rr.CityGap), numP(rr.PlanShortfall)}})
		if len(rr.NotApplicable) > 0 {
			tv.Notes = append(tv.Notes, rollupNAText(rr, lang))
		}
	}
	return tv
}

// tables writes a report of plain tables.
func (r htmlRenderer) tables(w io.Writer, p page, views []tableView) error {
	if err := htmlTemplates().ExecuteTemplate(w, "open", p); err != nil {
		return err
	}
	for _, v := range views {
		if err := htmlTemplates().ExecuteTemplate(w, "table", v); err != nil {
			return err
		}
	}
	return r.closePage(w, p)
}
