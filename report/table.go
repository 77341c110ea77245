package report

import (
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// tablewriter decides East Asian width once per process from LANG, TERM
// and RUNEWIDTH_EASTASIAN: under LANG=zh_CN.UTF-8 it counts ambiguous
// characters (≥, ①) as double and the same binary prints different bytes
// in different shells. Pinning narrow mode makes every table the same
// everywhere; CJK characters and ㎡ are double width either way.
func init() {
	twwidth.SetOptions(twwidth.Options{EastAsianWidth: false, ForceNarrowBorders: true})
}

// table is a grid of cells rendered as a bordered text table or a Markdown
// table. wrap gives the display width at which a column's cells are broken
// into lines; 0 leaves a column whole.
type table struct {
	header []string
	rows   [][]string
	wrap   map[int]int
	right  map[int]bool  // right-aligned (numeric) columns
	memo   *cellMemo     // cells already laid out
	pre    [][]*laidCell // per row, cells laid out beforehand (nil: none)

	colMemo   []map[string]*laidCell // per body column, its memo map
	colMemoMD bool

	// laidHeader is the header laid out, kept for a table printed again
	// and again with new rows (a scored run's indicator table).
	laidHeader   []*laidCell
	laidHeaderMD bool
	laidRows     [][]*laidCell // render's, reused
	laidCells    []*laidCell
}

func newTable(header ...string) *table {
	return &table{header: header, wrap: map[int]int{}, right: map[int]bool{}}
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells); t.pre = append(t.pre, nil) }

// addLaid adds a row some of whose cells were laid out beforehand, with
// the same table settings: a non-nil pre[i] stands for cells[i].
func (t *table) addLaid(cells []string, pre []*laidCell) {
	t.rows = append(t.rows, cells)
	t.pre = append(t.pre, pre)
}

// render writes the table; markdown switches to GitHub's pipe syntax, the
// same table with another renderer.
//
// A width above 0 makes a bordered table fit a terminal that wide (fit):
// its columns narrowed and rewrapped, or, when nothing fits, its rows laid
// out as records.
func (t *table) render(w io.Writer, markdown bool, width int) error {
	if len(t.rows) == 0 {
		return nil // tablewriter prints borders around nothing
	}
	if t.memo == nil {
		t.memo = &cellMemo{}
	}
	if width > 0 && !markdown {
		return t.renderFit(w, width)
	}
	if t.laidHeader == nil || t.laidHeaderMD != markdown {
		t.laidHeader, t.laidHeaderMD = t.laid(nil, t.header, nil, markdown, false), markdown
	}
	header := t.laidHeader
	rows := slices.Grow(t.laidRows[:0], len(t.rows))
	cells := slices.Grow(t.laidCells[:0], len(t.rows)*len(t.header))
	for i, row := range t.rows {
		cells = t.laid(cells, row, t.pre[i], markdown, true)
		rows = append(rows, cells[len(cells)-len(row):])
	}
	t.laidRows, t.laidCells = rows, cells // for the next rows of a table printed again
	if !markdown && asciiFits(header, rows) {
		return t.memo.writeASCII(w, header, rows, t.right)
	}
	return t.tablewriter(w, texts(header), textRows(rows), markdown)
}

// renderFit prints a bordered table fitted to width, as fit lays it out.
func (t *table) renderFit(w io.Writer, width int) error {
	header, rows := t.cells(t.header, false, false), make([][]string, len(t.rows))
	for i, row := range t.rows {
		rows[i] = t.cells(row, false, true)
	}
	header, rows, ok := fit(header, rows, width)
	if !ok {
		return writeRecords(w, header, rows, width)
	}
	laidHeader := make([]*laidCell, len(header))
	for i, c := range header {
		laidHeader[i] = newLaidCell(c, false)
	}
	laidRows := make([][]*laidCell, len(rows))
	for i, row := range rows {
		laidRows[i] = make([]*laidCell, len(row))
		for k, c := range row {
			laidRows[i][k] = newLaidCell(c, false)
		}
	}
	if asciiFits(laidHeader, laidRows) {
		return t.memo.writeASCII(w, laidHeader, laidRows, t.right)
	}
	return t.tablewriter(w, header, rows, false)
}

// laid appends the cells of a row laid out to out: from pre, or from the memo
// when it has them. A long cell (a subject's own shortfall) is rarely seen
// twice and is laid out directly.
func (t *table) laid(out []*laidCell, row []string, pre []*laidCell, markdown, body bool) []*laidCell {
	for i, c := range row {
		if pre != nil && pre[i] != nil {
			out = append(out, pre[i])
			continue
		}
		out = append(out, t.layMemo(c, i, markdown, body))
	}
	return out
}

// layMemo is cell c of column i laid out, from the memo when it has it.
func (t *table) layMemo(c string, i int, markdown, body bool) *laidCell {
	if len(c) > memoMaxLen {
		return t.lay(c, i, markdown, body)
	}
	cells := t.memoCells(i, markdown, body)
	lc, ok := cells[c]
	if !ok {
		lc = t.lay(c, i, markdown, body)
		t.memo.put(cells, c, lc)
	}
	return lc
}

// layBytes is layMemo for a text-table body cell built in a reused buffer
// (a subject's own given value or points): a cell the memo holds costs no
// string.
func (t *table) layBytes(b []byte, i int) *laidCell {
	if len(b) > memoMaxLen {
		return t.lay(string(b), i, false, true)
	}
	cells := t.memoCells(i, false, true)
	if lc, ok := cells[string(b)]; ok {
		return lc
	}
	c := string(b)
	lc := t.lay(c, i, false, true)
	t.memo.put(cells, c, lc)
	return lc
}

// lay lays out cell c of column i.
func (t *table) lay(c string, i int, markdown, body bool) *laidCell {
	if markdown {
		return newLaidCell(t.cell(c, i, markdown, body), markdown)
	}
	return t.layText(c, i, body)
}

// memoCells is the memo's map for column i.
func (t *table) memoCells(i int, markdown, body bool) map[string]*laidCell {
	k := memoKind{wrap: -1, md: markdown}
	if !body {
		return t.memo.cells(k)
	}
	if t.colMemoMD != markdown {
		t.colMemo, t.colMemoMD = nil, markdown
	}
	for len(t.colMemo) <= i {
		t.colMemo = append(t.colMemo, nil)
	}
	if t.colMemo[i] == nil {
		k.wrap = t.wrap[i]
		t.colMemo[i] = t.memo.cells(k)
	}
	return t.colMemo[i]
}

// tablewriter renders cells already transformed by cells with the
// library: every Markdown table, and a text table asciiTable cannot print
// exactly.
func (t *table) tablewriter(w io.Writer, header []string, rows [][]string, markdown bool) error {
	opts := []tablewriter.Option{
		tablewriter.WithHeaderAutoFormat(tw.Off), // keep measure IDs as typed: G09.tree_shrub, not G09.TREE SHRUB
		tablewriter.WithHeaderAutoWrap(tw.WrapNone),
		tablewriter.WithRowAutoWrap(tw.WrapNone), // its CJK wrapping drops characters; cells are wrapped here instead
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithTrimSpace(tw.Off),
	}
	align := make([]tw.Align, len(t.header))
	for i := range align {
		align[i] = tw.AlignLeft
		if t.right[i] {
			align[i] = tw.AlignRight
		}
	}
	opts = append(opts, tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: align}))
	if markdown {
		opts = append(opts, tablewriter.WithRenderer(renderer.NewMarkdown()))
	} else {
		opts = append(opts, tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{Symbols: tw.NewSymbols(tw.StyleASCII)})))
	}
	tbl := tablewriter.NewTable(w, opts...)
	tbl.Header(header)
	for _, row := range rows {
		if err := tbl.Append(row); err != nil {
			return err
		}
	}
	return tbl.Render()
}

// cells lays out a row for tablewriter.
func (t *table) cells(row []string, markdown, body bool) []string {
	out := make([]string, len(row))
	for i, c := range row {
		out[i] = t.cell(c, i, markdown, body)
	}
	return out
}

func (t *table) cell(c string, i int, markdown, body bool) string {
	if !markdown {
		c = replaceAmbiguous(c)
	}
	if body && t.wrap[i] > 0 {
		c = wrap(c, t.wrap[i])
	}
	if markdown {
		c = safeCell(mdEscape(c)) // a Markdown table gets pasted into spreadsheets too
	}
	return c
}

// ambiguous replaces the characters Unicode gives an "ambiguous" East
// Asian width (≥, ①, ×, “”, —). A terminal set up for Chinese draws them
// two cells wide, one set up otherwise one cell: no width a table could
// count would line up in both. With them replaced, every cell has one
// width everywhere and the borders hold in any terminal. Every one is
// below U+2500, so CJK text passes through with one comparison a rune.
var ambiguous = map[rune]string{
	'≥': ">=", '≤': "<=", '①': "(1)", '②': "(2)", '③': "(3)", '④': "(4)", '⑤': "(5)",
	'⑥': "(6)", '⑦': "(7)", '⑧': "(8)", '⑨': "(9)", '⑩': "(10)",
	'—': "-", '–': "-", '×': "x", '÷': "/", '·': "/", '…': "...", '→': "->",
	'“': "「", '”': "」", '‘': "『", '’': "』", '²': "2", '³': "3", '°': " deg", '±': "+/-",
}

const ambiguousBelow = 0x2500

// replaceAmbiguous returns s with every ambiguous character replaced.
func replaceAmbiguous(s string) string {
	var b []byte
	for i, r := range s {
		if r < 0x80 || r >= ambiguousBelow {
			if b != nil {
				b = utf8.AppendRune(b, r)
			}
			continue
		}
		rep, ok := ambiguous[r]
		if !ok {
			if b != nil {
				b = utf8.AppendRune(b, r)
			}
			continue
		}
		if b == nil {
			b = make([]byte, i, len(s)+8)
			copy(b, s[:i])
		}
		b = append(b, rep...)
	}
	if b == nil {
		return s
	}
	return string(b)
}

// mdEscape keeps a cell inside its Markdown column: a pipe ends a cell, a
// newline ends a row.
func mdEscape(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, "|", `\|`)
	s = strings.ReplaceAll(s, "\r", "")
	return strings.ReplaceAll(s, "\n", "<br>")
}

// wrap breaks s into lines of at most width display cells, preferring to
// break after Chinese and ASCII punctuation or a space; a word longer than
// the width is cut. Existing line breaks are kept.
func wrap(s string, width int) string {
	return wrapBy(s, width, nil)
}

// wrapBy is wrap measuring with measure; nil measures as tablewriter
// does, plain text without its locked cache.
func wrapBy(s string, width int, measure func(string) int) string {
	if width <= 0 {
		return s
	}
	m := measurer{text: measure, rune: func(r rune) int { return measure(string(r)) }}
	if measure == nil {
		m = measurer{text: textWidth, rune: runeWidth}
		if !plainCell(s) {
			m = measurer{text: twwidth.Width, rune: func(r rune) int { return twwidth.Width(string(r)) }}
		}
	}
	if m.text(s) <= width {
		return s
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		out = append(out, wrapLine(para, width, m)...)
	}
	return strings.Join(out, "\n")
}

// measurer gives display widths of text and of one rune.
type measurer struct {
	text func(string) int
	rune func(rune) int
}

func wrapLine(s string, width int, m measurer) []string {
	// Balance the lines: 15 characters in a 13-wide column become 8 + 7,
	// not 13 + 2.
	total := m.text(s)
	if n := (total + width - 1) / width; n > 1 {
		width = min(width, (total+n-1)/n+4)
	}
	var lines []string
	runes := []rune(s)
	for len(runes) > 0 {
		cut := wrapCut(runes, width, m.rune)
		end := cut
		for end > 0 && runes[end-1] == ' ' {
			end--
		}
		lines = append(lines, string(runes[:end]))
		runes = runes[cut:]
		for len(runes) > 0 && runes[0] == ' ' {
			runes = runes[1:]
		}
	}
	return lines
}

// breakAfter reports whether a line may break after r.
func breakAfter(r rune) bool {
	switch r {
	case '；', '，', '、', '。', '：', ';', ',', ':', ' ', '）', ')':
		return true
	}
	return false
}

// closing reports whether r is punctuation no line may start with.
func closing(r rune) bool {
	switch r {
	case '。', '，', '、', '；', '：', '）', '」', '』', '!', '?', '！', '？':
		return true
	}
	return false
}
