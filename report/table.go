package report

import (
	"io"
	"strings"

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
	right  map[int]bool // right-aligned (numeric) columns
}

func newTable(header ...string) *table {
	return &table{header: header, wrap: map[int]int{}, right: map[int]bool{}}
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

// render writes the table; markdown switches to GitHub's pipe syntax, the
// same table with another renderer.
func (t *table) render(w io.Writer, markdown bool) error {
	if len(t.rows) == 0 {
		return nil // tablewriter prints borders around nothing
	}
	if !markdown {
		at := &asciiTable{header: t.cells(t.header, false, false), right: t.right, rows: make([][]string, len(t.rows))}
		for i, row := range t.rows {
			at.rows[i] = t.cells(row, false, true)
		}
		if at.fits() {
			return at.write(w)
		}
		return t.tablewriter(w, at.header, at.rows, false)
	}
	header := t.cells(t.header, true, false)
	rows := make([][]string, len(t.rows))
	for i, row := range t.rows {
		rows[i] = t.cells(row, true, true)
	}
	return t.tablewriter(w, header, rows, true)
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

func (t *table) cells(row []string, markdown, body bool) []string {
	out := make([]string, len(row))
	for i, c := range row {
		if !markdown {
			c = unambiguous.Replace(c)
		}
		if body && t.wrap[i] > 0 {
			c = wrap(c, t.wrap[i])
		}
		if markdown {
			c = safeCell(mdEscape(c)) // a Markdown table gets pasted into spreadsheets too
		}
		out[i] = c
	}
	return out
}

// unambiguous replaces the characters Unicode gives an "ambiguous" East
// Asian width (≥, ①, ×, “”, —). A terminal set up for Chinese draws them
// two cells wide, one set up otherwise one cell: no width a table could
// count would line up in both. With them replaced, every cell has one
// width everywhere and the borders hold in any terminal.
var unambiguous = strings.NewReplacer(
	"≥", ">=", "≤", "<=", "①", "(1)", "②", "(2)", "③", "(3)", "④", "(4)", "⑤", "(5)",
	"⑥", "(6)", "⑦", "(7)", "⑧", "(8)", "⑨", "(9)", "⑩", "(10)",
	"—", "-", "–", "-", "×", "x", "÷", "/", "·", "/", "…", "...", "→", "->",
	"“", "「", "”", "」", "‘", "『", "’", "』", "²", "2", "³", "3", "°", " deg", "±", "+/-",
)

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
	if width <= 0 || twwidth.Width(s) <= width {
		return s
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		out = append(out, wrapLine(para, width)...)
	}
	return strings.Join(out, "\n")
}

func wrapLine(s string, width int) []string {
	// Balance the lines: 15 characters in a 13-wide column become 8 + 7,
	// not 13 + 2.
	total := twwidth.Width(s)
	if n := (total + width - 1) / width; n > 1 {
		width = min(width, (total+n-1)/n+4)
	}
	var lines []string
	runes := []rune(s)
	for len(runes) > 0 {
		w, cut, lastBreak := 0, len(runes), -1
		for i, r := range runes {
			rw := twwidth.Width(string(r))
			if w+rw > width {
				cut = i
				break
			}
			w += rw
			switch {
			case strings.ContainsRune("；，、。：;,: ）)", r):
				lastBreak = i + 1
			case strings.ContainsRune("（(", r) && i > 0:
				lastBreak = i
			}
		}
		if cut < len(runes) && lastBreak > cut/2 {
			cut = lastBreak
		}
		// Chinese typesetting never starts a line with closing punctuation:
		// carry the character before it down with it.
		for cut > 1 && cut < len(runes) && strings.ContainsRune("。，、；：）」』!?！？", runes[cut]) {
			cut--
		}
		if cut == 0 {
			cut = 1 // a single character wider than the column
		}
		lines = append(lines, strings.TrimRight(string(runes[:cut]), " "))
		runes = []rune(strings.TrimLeft(string(runes[cut:]), " "))
	}
	return lines
}
