package report

import (
	"fmt"
	"strconv"

	"github.com/xuri/excelize/v2"

	"countyscore/exact"
	"countyscore/scoring"
)

// xbook is a results workbook being written: a first sheet about the run
// (title, source, the illustrative-data banner, a legend), written last
// with the ordinary API, and sheets of rows streamed with excelize's
// StreamWriter, which moves rows to a temporary file past 16 MiB so a run
// of any size is written in bounded memory.
type xbook struct {
	f      *excelize.File
	lang   string
	about  string
	head   int          // style of header cells
	banner int          // style of the illustrative banner
	title  int          // style of the title
	fill   map[tone]int // static fills, for the legend
	cond   map[tone]int // conditional-format styles, one per tone
	sheets []*xsheet
}

// xsheet is one streamed sheet.
type xsheet struct {
	name string
	sw   *excelize.StreamWriter
	row  int
}

func newXBook(lang string) (*xbook, error) {
	f := excelize.NewFile()
	b := &xbook{f: f, lang: lang, fill: map[tone]int{}, cond: map[tone]int{}}
	b.about = t(lang, "xlsx.about")
	if err := f.SetSheetName("Sheet1", b.about); err != nil {
		return nil, err
	}
	var err error
	if b.head, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}}); err != nil {
		return nil, err
	}
	if b.banner, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "9C0006"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}}}); err != nil {
		return nil, err
	}
	if b.title, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}); err != nil {
		return nil, err
	}
	for _, tn := range tones {
		c := toneColors[tn]
		font := &excelize.Font{Color: c[1]}
		if b.fill[tn], err = f.NewStyle(&excelize.Style{Font: font, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c[0]}}}); err != nil {
			return nil, err
		}
		if b.cond[tn], err = f.NewConditionalStyle(&excelize.Style{Font: font, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c[0]}}}); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// colour is a conditional format for a streamed sheet: the cells of column
// col take the tone of the stable ID in column idCol of their row. It must
// be set before the sheet is streamed.
type colour struct {
	col, idCol int // 1-based columns
	ids        []string
	toneOf     func(string) tone
}

// stream adds a sheet with a frozen header row of head, widths per
// column, and the conditional formats given.
func (b *xbook) stream(name string, head []string, widths []float64, colours ...colour) (*xsheet, error) {
	if _, err := b.f.NewSheet(name); err != nil {
		return nil, err
	}
	for _, c := range colours {
		var opts []excelize.ConditionalFormatOptions
		idCol, _ := excelize.ColumnNumberToName(c.idCol)
		for _, id := range c.ids {
			style := b.cond[c.toneOf(id)]
			opts = append(opts, excelize.ConditionalFormatOptions{Type: "formula",
				Criteria: fmt.Sprintf(`$%s2=%s`, idCol, strconv.Quote(id)), Format: &style})
		}
		col, _ := excelize.ColumnNumberToName(c.col)
		if err := b.f.SetConditionalFormat(name, fmt.Sprintf("%s2:%s%d", col, col, excelize.TotalRows), opts); err != nil {
			return nil, err
		}
	}
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	x := &xsheet{name: name, sw: sw}
	cells := make([]any, len(head))
	for i, h := range head {
		cells[i] = excelize.Cell{StyleID: b.head, Value: h}
	}
	if err := x.add(cells...); err != nil {
		return nil, err
	}
	b.sheets = append(b.sheets, x)
	return x, nil
}

// add writes the next row.
func (x *xsheet) add(cells ...any) error {
	x.row++
	cell, err := excelize.CoordinatesToCellName(1, x.row)
	if err != nil {
		return err
	}
	return x.sw.SetRow(cell, cells)
}

// aboutSheet fills the first sheet: title lines, the banner when any value
// is illustrative, then lines of label and value (a legend of tones, the
// counts of verdicts). Cells of a line with a tone take its fill.
type aboutLine struct {
	cells []any
	tone  tone
}

func (b *xbook) writeAbout(title string, illustrative bool, lines []aboutLine) error {
	f, sh := b.f, b.about
	row := 1
	set := func(col int, v any, style int) error {
		cell, _ := excelize.CoordinatesToCellName(col, row)
		if err := f.SetCellValue(sh, cell, v); err != nil {
			return err
		}
		if style != 0 {
			return f.SetCellStyle(sh, cell, cell, style)
		}
		return nil
	}
	if err := set(1, title, b.title); err != nil {
		return err
	}
	row++
	if illustrative {
		if err := set(1, t(b.lang, "illustrative"), b.banner); err != nil {
			return err
		}
		row++
	}
	row++
	for _, l := range lines {
		for i, c := range l.cells {
			style := 0
			if l.tone != "" {
				style = b.fill[l.tone]
			}
			if err := set(i+1, c, style); err != nil {
				return err
			}
		}
		row++
	}
	return f.SetColWidth(sh, "A", "A", 40)
}

// finish flushes every streamed sheet and writes the workbook.
func (b *xbook) finish(w interface{ Write([]byte) (int, error) }) error {
	for _, x := range b.sheets {
		if err := x.sw.Flush(); err != nil {
			return err
		}
	}
	b.f.SetActiveSheet(0)
	return b.f.Write(w)
}

// xnum is an exact decimal as a numeric cell. Excel holds a double: a
// figure a double cannot hold exactly as written (more than 15 digits)
// goes in as text rather than as a rounded number.
func xnum(d exact.Decimal) any {
	s := num(d)
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || strconv.FormatFloat(f, 'f', -1, 64) != s {
		return s
	}
	return f
}

// xnumP is xnum of an optional figure; nil is a blank cell.
func xnumP(n *scoring.Number) any {
	if n == nil {
		return nil
	}
	return xnum(n.V)
}
