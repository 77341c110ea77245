package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"countyscore/criteria"
	"countyscore/inputs"
	"countyscore/pipeline"
	"countyscore/scoring"
)

// writeScoredRun writes every subject's report as it streams by, then,
// for several subjects, the pre-screen summary. A subject's bordered
// tables cost some five times its reading and scoring, so the reports are
// written on workers goroutines (run.EachWritten), each with a printer and
// a layout of its own (their memos are not shared), and reach p in input
// order.
func writeScoredRun(p *printer, run *pipeline.ScoredRun, lang string, workers int) error {
	err := run.EachWritten(p.w, workers, func() pipeline.SubjectWriter {
		wp := &printer{md: p.md, width: p.width}
		layout := newScoredLayout(run.Set, lang, p.md)
		return func(w io.Writer, r *scoring.Scored) error {
			wp.w = w
			writeScoredSubject(wp, layout, r)
			return wp.err
		}
	})
	if err != nil {
		return err
	}
	if ps := run.Prescreen(); ps != nil {
		writePrescreen(p, run.Set, ps, lang)
	}
	return p.err
}

// printer writes lines and tables, keeping the first error.
type printer struct {
	w     io.Writer
	md    bool
	width int // lines and tables fit this many cells; 0: no limit
	err   error
	memo  cellMemo // cells laid out, shared by every table printed

	formats map[string]cellFormat // line's formats, split once (sprintf)
	lineBuf []byte
}

func (p *printer) line(format string, args ...any) {
	if p.err != nil {
		return
	}
	if !p.md && p.width == 0 { // the line as it is: filled straight into lineBuf
		p.lineBuf = append(p.appendf(p.lineBuf[:0], format, args), '\n')
		_, p.err = p.w.Write(p.lineBuf)
		return
	}
	s := p.sprintf(format, args)
	if p.md && s != "" && !strings.HasPrefix(s, "#") {
		s = mdEscapeLine(s) + "  " // two spaces: a Markdown line break
	}
	if p.width > 0 && !p.md {
		s = wrapBy(s, p.width, lineWidth)
	}
	p.lineBuf = append(append(p.lineBuf[:0], s...), '\n')
	_, p.err = p.w.Write(p.lineBuf)
}

// heading writes a title: "## …" in Markdown, "== … ==" in a terminal.
func (p *printer) heading(level int, text string) {
	if p.md {
		p.line("%s %s", strings.Repeat("#", level+1), text)
		return
	}
	p.line("%s %s %s", strings.Repeat("=", 3-level), text, strings.Repeat("=", 3-level))
}

func (p *printer) table(t *table) {
	if p.err != nil {
		return
	}
	if t.memo == nil {
		t.memo = &p.memo
	}
	p.err = t.render(p.w, p.md, p.width)
}

func (p *printer) blank() { p.line("") }

// illustrative says, when any of a report's values are example data, that
// they are: every report made from them must.
func (p *printer) illustrative(any bool, lang string) {
	if any {
		p.line("%s", t(lang, "illustrative"))
	}
}

// mdEscapeLine keeps text typed by a user (a subject name) from becoming
// Markdown markup or HTML.
func mdEscapeLine(s string) string {
	r := strings.NewReplacer("<", "&lt;", ">", "&gt;", "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "|", `\|`)
	return r.Replace(s)
}

// scoredLayout is what every subject's report of a run shares: the
// indicator table's header and, per indicator, the cells that do not
// depend on the subject (ID, name, type, requirement), laid out once
// instead of once a subject.
type scoredLayout struct {
	set    *criteria.Set
	lang   string
	header []string
	fixed  [][]string    // per indicator: its row with the subject's cells blank
	laid   [][]*laidCell // per indicator: the fixed cells laid out
	cells  *subjectCells // builds the subject's own cells

	// tb and row are the indicator table and its cells, emptied and
	// filled again subject after subject (a layout serves one printer).
	tb  *table
	row []string
	pre []*laidCell // the rows' cells laid out (prelay), every row's in one slice
}

// Columns of the indicator table.
const (
	colID = iota
	colName
	colType
	colGiven
	colRequirement
	colPoints
	colStatus
	colShort
)

func newScoredLayout(s *criteria.Set, lang string, md bool) *scoredLayout {
	l := &scoredLayout{set: s, lang: lang, cells: newSubjectCells(s, lang, !md),
		header: []string{t(lang, "col.id"), t(lang, "col.indicator"), t(lang, "col.type"), t(lang, "col.given"),
			t(lang, "col.requirement"), t(lang, "col.points"), t(lang, "col.status"), t(lang, "col.short")}}
	tb := l.table()
	for i := range s.Indicators {
		ind := &s.Indicators[i]
		row := make([]string, len(l.header))
		row[colID], row[colName], row[colType], row[colRequirement] = ind.ID, ind.NameIn(lang), indicatorType(s, ind, lang), requirementText(s, ind, lang)
		laid := tb.laid(nil, row, nil, md, true)
		for _, c := range []int{colGiven, colPoints, colStatus, colShort} {
			laid[c] = nil // the subject's own
		}
		l.fixed = append(l.fixed, row)
		l.laid = append(l.laid, laid)
	}
	return l
}

// table is an empty indicator table.
func (l *scoredLayout) table() *table {
	tb := newTable(l.header...)
	tb.wrap[colName], tb.wrap[colGiven], tb.wrap[colRequirement], tb.wrap[colShort] = 26, 22, 24, 30
	tb.right[colPoints] = true
	tb.memo = &cellMemo{}
	return tb
}

// subjectTable is the indicator table, empty, for p's next subject, and
// room for its cells (every row's, in one slice).
func (l *scoredLayout) subjectTable(p *printer) (*table, []string) {
	if l.tb == nil || l.tb.memo != &p.memo {
		l.tb = l.table()
		l.tb.memo = &p.memo
		l.row = make([]string, 0, len(l.set.Indicators)*len(l.header))
		l.pre = make([]*laidCell, 0, len(l.set.Indicators)*len(l.header))
	}
	l.tb.rows, l.tb.pre = l.tb.rows[:0], l.tb.pre[:0]
	return l.tb, l.row[:0]
}

func writeScoredSubject(p *printer, l *scoredLayout, r *scoring.Scored) {
	s, lang := l.set, l.lang
	p.heading(1, fmt.Sprintf("%s · %s", r.Subject, sourceLine(s, lang)))
	p.illustrative(r.Illustrative, lang)
	writeAssumed(p, r.Assumed, lang)
	for _, m := range s.MilestonesFor(r.Subject) {
		p.line("%s%s（%s）", t(lang, "schedule"), m.TextIn(lang), m.Source)
	}
	p.line("%s%s", t(lang, "verdict"), verdictLabel(s, r.Verdict, lang))
	band := num(r.Points.V)
	if r.PointsOptimistic.V.Cmp(r.Points.V) != 0 {
		band = fmt.Sprintf(t(lang, "band"), num(r.Points.V), num(r.PointsOptimistic.V))
	}
	p.line("%s%s / %s", t(lang, "points"), band, num(r.MaxPoints.V))
	for _, l := range policyLines(s, r, lang) {
		p.line("%s", l)
	}
	if r.MissingPoints.V.IsPos() {
		p.line(t(lang, "missing.points"), num(r.MissingPoints.V))
	}
	writeNextLine(p, s, r, lang)
	if hasVeto(s) {
		p.line("%s%s", t(lang, "veto.failures"), joinList(lang, r.VetoFailures))
	}
	p.line("%s%s", t(lang, "baseline.failures"), joinList(lang, r.BaselineFailures))
	if len(s.Prerequisites) > 0 {
		p.line("%s%s", t(lang, "prereq.unmet"), joinList(lang, prereqNames(s, r.PrerequisitesUnmet, lang)))
	}
	p.line("%s%s", t(lang, "missing"), joinList(lang, r.Missing))
	p.blank()

	tb, cells := l.subjectTable(p)
	// A text table at full width takes the subject's own cells laid out
	// here, straight from the bytes they are built in: a cell the memo
	// holds (the points, most values) then costs no string.
	prelay := !p.md && p.width == 0
	pre := l.pre[:0]
	for i := range s.Indicators {
		ind := &s.Indicators[i]
		res := r.Indicators[i]
		cells = append(cells, l.fixed[i]...)
		row := cells[len(cells)-len(l.header):]
		switch {
		case res.Status == scoring.StatusNA:
			// rare: the reference texts, which know the not-applicable words
			row[colGiven], row[colPoints], row[colStatus], row[colShort] = givenText(s, ind, r, lang), indicatorPoints(res, lang), t(lang, "status."+res.Status), shortText(s, ind, res, lang)
		case prelay:
			pre = append(pre, l.laid[i]...)
			laid := pre[len(pre)-len(l.header):]
			laid[colGiven] = tb.layBytes(l.cells.givenBytes(i, r), colGiven)
			laid[colPoints] = tb.layBytes(l.cells.pointsBytes(res), colPoints)
			laid[colStatus] = tb.layMemo(l.cells.statusWord(res.Status), colStatus, false, true)
			laid[colShort] = tb.layBytes(l.cells.shortBytes(ind, res), colShort)
			tb.addLaid(row, laid) // row's own cells stay blank: laid stands for them
			continue
		default:
			row[colGiven], row[colPoints], row[colStatus], row[colShort] = l.cells.given(i, r), l.cells.points(res), l.cells.statusWord(res.Status), l.cells.short(ind, res)
		}
		tb.addLaid(row, l.laid[i])
	}
	p.table(tb)
	clear(cells) // the subject's strings, for the collector
	clear(pre)
	l.pre = pre[:0]
	p.blank()

	// The stated column is there when the source states category points.
	stated := anyStated(s)
	head := []string{t(lang, "col.category"), t(lang, "col.name"), t(lang, "col.points"), t(lang, "col.optimistic"), t(lang, "col.max")}
	if stated {
		head = append(head, t(lang, "col.stated"))
	}
	head = append(head, categoryExtraHead(s, lang)...)
	ct := newTable(head...)
	for i := 2; i < len(head); i++ {
		ct.right[i] = true
	}
	for i, c := range r.Categories {
		row := []string{c.ID, s.Categories[i].NameIn(lang), num(c.Points.V), num(c.PointsOptimistic.V), num(c.MaxPoints.V)}
		if stated {
			text := s.Categories[i].StatedPoints.String()
			if s.Categories[i].StatedPoints.Given && s.Categories[i].StatedPoints.V.Cmp(c.MaxPoints.V) != 0 {
				text += "*"
			}
			row = append(row, text)
		}
		row = append(row, categoryExtra(s, c)...)
		ct.add(row...)
	}
	total := []string{"", t(lang, "total"), num(r.Points.V), num(r.PointsOptimistic.V), num(r.MaxPoints.V)}
	if stated {
		total = append(total, s.MaxPoints.String())
	}
	total = append(total, totalExtra(s, r)...)
	ct.add(total...)
	p.table(ct)
	if note := statedNote(s, lang); note != "" {
		p.line("%s", note)
	}
	p.blank()
}

// writeNextLine says how far the next line is. A subject a gate holds back
// (a veto, a prerequisite, a baseline, a missing value that decides) is
// told first what blocks it: no number of points gets it past a gate.
func writeNextLine(p *printer, s *criteria.Set, r *scoring.Scored, lang string) {
	blocks := blockers(r, lang)
	if len(blocks) == 0 {
		if r.NextLine != nil {
			p.line(t(lang, "next.line"), verdictLabel(s, r.NextLine.Verdict, lang), nextLinePoints(r.NextLine, lang), num(r.NextLine.Short.V))
		}
		return
	}
	if len(s.Lines) == 0 {
		return
	}
	target := s.Lines[len(s.Lines)-1]
	if r.NextLine != nil {
		target = s.Lines[slices.IndexFunc(s.Lines, func(l criteria.Line) bool { return l.Verdict == r.NextLine.Verdict })]
	} else {
		for _, l := range s.Lines { // the highest line the points reach
			if r.Points.V.Cmp(l.Points.V) >= 0 {
				target = l
			}
		}
	}
	p.line(t(lang, "next.blocked"), target.LabelIn(lang), num(target.Points.V), strings.Join(blocks, t(lang, "list.sep")))
	if r.NextLine != nil {
		p.line(t(lang, "next.then"), num(r.NextLine.Short.V))
	}
}

// blockers lists what holds a subject back whatever its points, in the
// order to fix: vetoes, prerequisites, baselines, missing gating values.
func blockers(r *scoring.Scored, lang string) []string {
	var out []string
	if len(r.VetoFailures) > 0 {
		out = append(out, t(lang, "block.veto")+joinList(lang, r.VetoFailures))
	}
	if len(r.PrerequisitesUnmet) > 0 {
		out = append(out, t(lang, "block.prereq")+joinList(lang, r.PrerequisitesUnmet))
	}
	if len(r.BaselineFailures) > 0 {
		out = append(out, t(lang, "block.baseline")+joinList(lang, r.BaselineFailures))
	}
	if len(r.GatingMissing) > 0 {
		out = append(out, t(lang, "block.missing")+joinList(lang, r.GatingMissing))
	}
	return out
}

// hasVeto reports whether any indicator of s carries a veto condition, so
// a standard without one is not told "veto failures: none".
func hasVeto(s *criteria.Set) bool {
	for i := range s.Indicators {
		if s.Indicators[i].HasVeto() {
			return true
		}
	}
	return false
}

func prereqNames(s *criteria.Set, ids []string, lang string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id
		for _, pr := range s.Prerequisites {
			if pr.ID == id {
				out[i] = fmt.Sprintf("%s %s", id, pr.NameIn(lang))
			}
		}
	}
	return out
}

// indicatorType names the kind of item: the type the source prints, or
// the set's default type (a generic word if it names none), or baseline;
// with veto and bonus where the rule carries them.
func indicatorType(s *criteria.Set, ind *criteria.Indicator, lang string) string {
	parts := []string{t(lang, "type.regular")}
	if s.DefaultType != "" {
		parts[0] = criteria.Pick(lang, s.DefaultType, s.DefaultTypeEn)
	}
	if ind.Baseline {
		parts[0] = t(lang, "type.baseline")
	} else if ind.PrintedType != "" && lang != "en" {
		parts[0] = ind.PrintedType
	}
	if ind.HasVeto() {
		parts = append(parts, t(lang, "type.veto"))
	}
	if ind.Kind.Bonus {
		parts = append(parts, t(lang, "type.bonus"))
	}
	return strings.Join(parts, "·")
}

// labelled prefixes text with requirement i's label (①) when the
// indicator has several, so values and requirements read side by side.
func labelled(ind *criteria.Indicator, i int, text string) string {
	if len(ind.Require) > 1 && ind.Require[i].Label != "—" {
		return ind.Require[i].Label + text
	}
	return text
}

func givenText(s *criteria.Set, ind *criteria.Indicator, r *scoring.Scored, lang string) string {
	var parts []string
	for i, req := range ind.Require {
		var vals []string
		for _, c := range req.Conditions {
			v := valueText(s, c.Measure, r.Values[c.MeasureIdx], lang)
			if slices.Contains(r.Assumed, c.Measure) {
				v += t(lang, "assumed.mark")
			}
			vals = append(vals, v)
		}
		parts = append(parts, labelled(ind, i, strings.Join(vals, t(lang, "and"))))
	}
	return strings.Join(parts, " ")
}

func valueText(s *criteria.Set, measure string, v inputs.Value, lang string) string {
	if v.NA {
		return t(lang, "value.na")
	}
	if !v.Given {
		return t(lang, "value.missing")
	}
	m, _ := s.Measure(measure)
	return scalarText(s, measure, scoring.Scalar{IsBool: m.Kind == criteria.Bool, Bool: v.Bool, Num: v.Num}, lang)
}

func scalarText(s *criteria.Set, measure string, v scoring.Scalar, lang string) string {
	if v.IsBool {
		if v.Bool {
			return t(lang, "yes")
		}
		return t(lang, "no")
	}
	m, _ := s.Measure(measure)
	if m.Kind == criteria.Pct {
		return num(v.Num) + "%"
	}
	return num(v.Num)
}

// requirementText writes an indicator's conditions compactly: ≥38.9%,
// ①是 ②是, ≥10 ㎡/人.
func requirementText(s *criteria.Set, ind *criteria.Indicator, lang string) string {
	var parts []string
	for i, req := range ind.Require {
		var cs []string
		for _, c := range req.Conditions {
			cs = append(cs, conditionText(s, c, lang))
		}
		text := strings.Join(cs, t(lang, "and"))
		if req.Veto {
			text += t(lang, "veto.mark")
		}
		parts = append(parts, labelled(ind, i, text))
	}
	return strings.Join(parts, " ")
}

func conditionText(s *criteria.Set, c criteria.Condition, lang string) string {
	if c.IsBool {
		if c.Bool {
			return t(lang, "yes")
		}
		return t(lang, "no")
	}
	m, _ := s.Measure(c.Measure)
	return c.Op.Symbol() + num(c.Value) + unitSuffix(m, lang)
}

func unitSuffix(m criteria.Measure, lang string) string {
	u := m.UnitIn(lang)
	switch {
	case u == "%":
		return "%"
	case u == "":
		return ""
	}
	return " " + u
}

// shortText says what is short in the measure's own unit: percentage
// points for a percent, ㎡/人 for an area, a count for a count.
func shortText(s *criteria.Set, ind *criteria.Indicator, res scoring.Indicator, lang string) string {
	if res.Status == scoring.StatusNA {
		return naReasonText(res.Reason, res.ReasonEn, lang)
	}
	if len(res.Shortfalls) == 0 {
		return ""
	}
	var parts []string
	for _, sf := range res.Shortfalls {
		label := requirementLabelOf(ind, sf.Measure)
		m, _ := s.Measure(sf.Measure)
		switch {
		case sf.Actual == nil:
			parts = append(parts, label+fmt.Sprintf(t(lang, "short.missing"), sf.Measure))
		case sf.Target.IsBool:
			parts = append(parts, label+t(lang, "short.bool"))
		default:
			unit := m.UnitIn(lang)
			if m.Kind == criteria.Pct {
				unit = t(lang, "pp")
			}
			need := criteria.Op(sf.Op).Symbol() + num(sf.Target.Num) + unitSuffix(m, lang)
			has := scalarText(s, sf.Measure, *sf.Actual, lang)
			if sf.Short.V.IsZero() { // on the threshold of a strict >
				parts = append(parts, label+fmt.Sprintf(t(lang, "short.strict"), need, has))
				continue
			}
			parts = append(parts, label+fmt.Sprintf(t(lang, "short.num"), need, has, num(sf.Short.V), unit))
		}
	}
	return strings.Join(parts, "；")
}

func requirementLabelOf(ind *criteria.Indicator, measure string) string {
	if len(ind.Require) < 2 {
		return ""
	}
	for _, req := range ind.Require {
		for _, c := range req.Conditions {
			if c.Measure == measure && req.Label != "—" {
				return req.Label
			}
		}
	}
	return ""
}
