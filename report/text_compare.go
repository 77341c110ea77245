package report

import (
	"fmt"
	"slices"
	"strings"

	"github.com/olekukonko/tablewriter/pkg/twwidth"

	"countyscore/criteria"
	"countyscore/pipeline"
	"countyscore/scoring"
)

// grid is a table whose first columns (the row labels) repeat in every
// block and whose other columns (one per subject) are split into blocks
// that fit a width.
type grid struct {
	fixedHead []string
	fixed     [][]string // per row
	colHead   []string
	cells     [][]string // [row][column]
	fixedWrap map[int]int
	fixedNum  map[int]bool
}

// ansi colours mark a row's best and worst cells on a terminal.
const (
	green = "\x1b[32m"
	red   = "\x1b[31m"
	reset = "\x1b[0m"
)

// mark adds the best or worst mark to a cell: a colour on a terminal, a
// plain + or - otherwise (and in Markdown).
func mark(cell string, best, worst, color bool) string {
	switch {
	case best && color:
		return green + cell + reset
	case worst && color:
		return red + cell + reset
	case best:
		return cell + " +"
	case worst:
		return cell + " -"
	}
	return cell
}

// colWidth is the display width a column takes: its widest line plus the
// padding and border of a cell.
func colWidth(head string, cells []string) int {
	w := twwidth.Width(head)
	for _, c := range cells {
		for _, line := range strings.Split(c, "\n") {
			w = max(w, twwidth.Width(line))
		}
	}
	return w + 3
}

// blocks splits the subject columns into runs that fit width with the
// fixed columns repeated; a block always holds at least one column.
func (g *grid) blocks(width int) [][]int {
	fixed := 1
	for i, h := range g.fixedHead {
		var col []string
		for _, r := range g.fixed {
			col = append(col, wrap(r[i], g.fixedWrap[i]))
		}
		fixed += colWidth(h, col)
	}
	var out [][]int
	var cur []int
	used := fixed
	for j, h := range g.colHead {
		col := make([]string, len(g.cells))
		for r := range g.cells {
			col[r] = g.cells[r][j]
		}
		w := colWidth(h, col)
		if len(cur) > 0 && used+w > width {
			out = append(out, cur)
			cur, used = nil, fixed
		}
		cur = append(cur, j)
		used += w
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// write prints the grid, block after block.
func (g *grid) write(p *printer, width int, lang string) {
	bs := g.blocks(width)
	for k, b := range bs {
		if len(bs) > 1 {
			p.line("%s", strings.TrimSpace(fmt.Sprintf(t(lang, "compare.block"), k+1, len(bs))))
		}
		head := slices.Clone(g.fixedHead)
		for _, j := range b {
			head = append(head, g.colHead[j])
		}
		tb := newTable(head...)
		for i, w := range g.fixedWrap {
			tb.wrap[i] = w
		}
		for i := range head {
			tb.right[i] = i >= len(g.fixedHead) || g.fixedNum[i]
		}
		for r := range g.cells {
			row := slices.Clone(g.fixed[r])
			for _, j := range b {
				row = append(row, g.cells[r][j])
			}
			tb.add(row...)
		}
		p.table(tb)
		p.blank()
	}
}

func compareWidth(v pipeline.CompareView) int {
	if v.Width > 0 {
		return v.Width
	}
	return 120
}

func writeCompare(p *printer, d *pipeline.Compare, lang string) {
	s := d.Set
	p.heading(1, fmt.Sprintf(t(lang, "compare.title"), sourceLine(s, lang)))
	p.illustrative(d.Illustrative, lang)
	if len(d.Columns) == 0 {
		p.line("%s", t(lang, "none"))
		return
	}
	color := d.View.Color && !p.md
	if !color {
		p.line("%s", t(lang, "compare.legend"))
	}
	p.blank()
	g := &grid{fixedWrap: map[int]int{}, fixedNum: map[int]bool{}}
	for _, c := range d.Columns {
		g.colHead = append(g.colHead, c.Label())
	}
	if s.IsScored() {
		writeScoredGrid(g, d, lang, color)
	} else {
		writeQuotaGrid(g, d, lang, color)
	}
	g.write(p, compareWidth(d.View), lang)
	for _, n := range compareNANotes(d, lang) {
		p.line("%s", n)
	}
}

func writeScoredGrid(g *grid, d *pipeline.Compare, lang string, color bool) {
	s := d.Set
	g.fixedHead = []string{t(lang, "col.id"), t(lang, "col.name"), t(lang, "col.max")}
	g.fixedWrap[1] = 14
	g.fixedNum[2] = true
	for _, row := range d.Rows {
		name := compareRowName(s, row, lang)
		id := row.ID
		if row.Kind == pipeline.RowTotal {
			id = ""
		}
		g.fixed = append(g.fixed, []string{id, name, numP(row.MaxPoints)})
		cells := make([]string, len(d.Columns))
		for j := range row.Points {
			cell := scoredCellText(s, row, j, lang)
			cells[j] = mark(cell, slices.Contains(row.Best, j), slices.Contains(row.Worst, j), color)
		}
		g.cells = append(g.cells, cells)
	}
	band, verdict, rank := make([]string, len(d.Columns)), make([]string, len(d.Columns)), make([]string, len(d.Columns))
	for j, c := range d.Columns {
		band[j] = numP(c.Points)
		if c.PointsOptimistic != nil && c.Points != nil && c.PointsOptimistic.V.Cmp(c.Points.V) != 0 {
			band[j] = numP(c.Points) + "~" + numP(c.PointsOptimistic)
		}
		verdict[j] = wrap(verdictLabel(s, c.Verdict, lang), 12)
		rank[j] = fmt.Sprint(c.Rank)
	}
	g.fixed = append(g.fixed, []string{"", t(lang, "compare.band"), ""}, []string{"", t(lang, "col.verdict"), ""}, []string{"", t(lang, "compare.rank"), ""})
	g.cells = append(g.cells, band, verdict, rank)
}

// valuesText lists an indicator's measured values, one a line.
func valuesText(s *criteria.Set, vals []pipeline.MeasureValue, lang string) string {
	var lines []string
	for _, v := range vals {
		text := t(lang, "value.missing")
		if v.Value != nil {
			text = scalarText(s, v.Measure, *v.Value, lang)
		}
		lines = append(lines, v.Measure+" "+text)
	}
	return strings.Join(lines, "\n")
}

func writeQuotaGrid(g *grid, d *pipeline.Compare, lang string, color bool) {
	s := d.Set
	g.fixedHead = []string{t(lang, "col.id"), t(lang, "col.quota"), t(lang, "col.unit")}
	g.fixedWrap[1] = 14
	for _, y := range d.RollupYears {
		g.colHead = append(g.colHead, strings.TrimSpace(fmt.Sprintf("%s %s", t(lang, "compare.city"), yearText(y))))
	}
	for _, row := range d.Rows {
		q, _ := s.Quota(rowOf(s, row.ID))
		name := q.NameIn(lang)
		if y := yearOfID(row.ID, q.ID); y != "" {
			name += " " + y
		}
		g.fixed = append(g.fixed, []string{row.ID, name, s.QuotaUnit(q.ID, lang)})
		cells := make([]string, 0, len(d.Columns)+len(row.City))
		for j, c := range row.Quotas {
			cells = append(cells, mark(quotaCellText(c, d.View.Values, lang), slices.Contains(row.Best, j), slices.Contains(row.Worst, j), color))
		}
		for _, c := range row.City {
			cells = append(cells, quotaCellText(c, d.View.Values, lang))
		}
		g.cells = append(g.cells, cells)
	}
	n := len(d.Columns) + len(d.RollupYears)
	met, mean, verdict, rank := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	for j, c := range d.Columns {
		if c.Met != nil {
			met[j] = fmt.Sprintf("%d/%d", *c.Met, *c.Quotas)
		}
		mean[j] = numP(c.MeanDone)
		verdict[j] = wrap(verdictLabel(s, c.Verdict, lang), 12)
		rank[j] = fmt.Sprint(c.Rank)
	}
	g.fixed = append(g.fixed, []string{"", t(lang, "compare.met"), ""}, []string{"", t(lang, "compare.mean"), ""},
		[]string{"", t(lang, "col.verdict"), ""}, []string{"", t(lang, "compare.rank"), ""})
	g.cells = append(g.cells, met, mean, verdict, rank)
}

// rowOf is the criteria row of a quota line ID (F12 for F12.2024).
func rowOf(s *criteria.Set, id string) string {
	if _, ok := s.Quota(id); ok {
		return id
	}
	if i := strings.LastIndexByte(id, '.'); i > 0 {
		return id[:i]
	}
	return id
}

func yearOfID(id, row string) string {
	if id == row {
		return ""
	}
	return strings.TrimPrefix(id, row+".")
}

// quotaCellText is a quota cell: the share done, or with values
// target/actual as well; a cell the subject does not owe is empty.
func quotaCellText(c pipeline.QuotaCell, values bool, lang string) string {
	if !c.Owed {
		return ""
	}
	if c.NA {
		return naCellText(lang)
	}
	if c.Actual == nil {
		if values {
			return numP(c.Target) + "/" + t(lang, "value.missing")
		}
		return t(lang, "value.missing")
	}
	status := numP(c.Done)
	if status == "" {
		status = quotaStatus(scoring.Quota{Gap: c.Gap, Met: c.Met}, lang)
	} else {
		status += "%"
	}
	if values {
		return fmt.Sprintf("%s/%s\n%s", numP(c.Target), numP(c.Actual), status)
	}
	return status
}

// compareRowName is a scored comparison row's name: the indicator's, the
// category's subtotal, or the total.
func compareRowName(s *criteria.Set, row pipeline.CompareRow, lang string) string {
	switch row.Kind {
	case pipeline.RowIndicator:
		if ind, ok := s.Indicator(row.ID); ok {
			return ind.NameIn(lang)
		}
	case pipeline.RowCategory:
		if c, ok := s.Category(row.ID); ok {
			return fmt.Sprintf(t(lang, "compare.subtotal"), c.NameIn(lang))
		}
	case pipeline.RowTotal:
		return t(lang, "compare.total")
	}
	return ""
}

// scoredCellText is a scored comparison cell as text: the points, the
// values with --values, or 不适用.
func scoredCellText(s *criteria.Set, row pipeline.CompareRow, j int, lang string) string {
	if _, na := row.IsNA(j); na {
		return naCellText(lang)
	}
	if row.Values != nil {
		return valuesText(s, row.Values[j], lang)
	}
	return num(row.Points[j].V)
}
