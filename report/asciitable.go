package report

import (
	"io"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/clipperhouse/displaywidth"
)

// The bordered tables of a scored run are printed once per subject: a
// 100,000-subject run prints 200,000 of them. tablewriter re-measures
// every cell of every row through a locked cache and builds each line from
// many small strings, which made the table format 150 times slower than
// CSV. asciiTable writes the very same layout (tablewriter's Blueprint
// renderer with StyleASCII, as configured in table.render) in one pass
// over measured cells. It takes only cells whose width is plain: printable
// text and line breaks, no tabs, carriage returns or escape sequences; a
// table with any other cell goes to tablewriter. TestASCIITableMatches
// holds the two byte-identical on the golden inputs and random tables.
//
// A table's cells are laid out once (cellMemo): a scored run's tables
// repeat their requirement texts, statuses and points subject after
// subject.

// plainCell reports whether s holds only what asciiTable measures exactly:
// no control character but the line break, no DEL.
func plainCell(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\n' || c == 0x7f {
			return false
		}
	}
	// C1 controls (U+0080–U+009F) are as unsafe as C0 ones.
	if !isASCII(s) {
		for _, r := range s {
			if r >= 0x80 && r <= 0x9f || r == utf8.RuneError {
				return false
			}
		}
	}
	return true
}

// printableASCII reports whether every byte of s is a printable ASCII
// character, each one cell wide.
func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return false
		}
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// narrow is the width mode table.go pins for tablewriter.
var narrow = displaywidth.Options{EastAsianWidth: false}

// runeWidth is the display width tablewriter gives r in the pinned narrow
// mode. Runes of the Basic Multilingual Plane come from a table filled on
// first use (a few milliseconds, paid by table output only).
func runeWidth(r rune) int {
	if r >= 0x20 && r < 0x7f {
		return 1
	}
	if r >= 0 && r < 0x10000 {
		bmpOnce.Do(fillBMP)
		return int(bmpWidth[r])
	}
	return lookupWidth(r)
}

var (
	bmpOnce  sync.Once
	bmpWidth [0x10000]int8
)

func fillBMP() {
	for r := range rune(0x10000) {
		bmpWidth[r] = int8(lookupWidth(r))
	}
}

// lookupWidth is tablewriter's count: box-drawing characters are forced
// narrow, as the border is; the rest as displaywidth says.
func lookupWidth(r rune) int {
	if r >= 0x2500 && r <= 0x257f {
		return 1
	}
	return narrow.Rune(r)
}

// textWidth is the display width of plain text, the sum of its runes'
// widths as tablewriter counts them (a line break counts 0).
func textWidth(s string) int {
	if printableASCII(s) {
		return len(s)
	}
	w := 0
	for _, r := range s {
		w += runeWidth(r)
	}
	return w
}

// cellMemo remembers cells laid out for a table (ambiguous characters
// replaced, wrapped, escaped, split into measured lines), for a scored run
// whose 200,000 tables repeat the same requirement texts, statuses and
// points. It holds at most memoSize cells and starts afresh when full, so
// memory stays flat however many subjects pass; buf is the reused output
// buffer of asciiTable.
type cellMemo struct {
	kinds  map[memoKind]map[string]*laidCell // per way of laying out, text → cell
	n      int                               // cells held
	buf    []byte
	runes  wrapScratch // wrapLaid's scratch
	layout asciiLayout // writeASCII's scratch
}

// memoKind is one way of laying a cell out: a column's wrap width (-1 for
// a header cell) and the format.
type memoKind struct {
	wrap int
	md   bool
}

const (
	memoSize   = 4096
	memoMaxLen = 24 // bytes: longer cells are laid out each time
)

// cells returns the memo's map for one way of laying out.
func (m *cellMemo) cells(k memoKind) map[string]*laidCell {
	if m.kinds == nil {
		m.kinds = map[memoKind]map[string]*laidCell{}
	}
	c, ok := m.kinds[k]
	if !ok {
		c = map[string]*laidCell{}
		m.kinds[k] = c
	}
	return c
}

// put remembers a cell, starting afresh when the memo is full.
func (m *cellMemo) put(cells map[string]*laidCell, s string, c *laidCell) {
	if m.n >= memoSize {
		for _, k := range m.kinds {
			clear(k)
		}
		m.n = 0
	}
	cells[s] = c
	m.n++
}

// laidCell is one cell laid out: its text, and for a plain text-table cell
// its display width and, when it spans several lines, each line and its
// width.
type laidCell struct {
	text   string
	plain  bool
	width  int      // of the widest line
	lines  []string // nil for a single line
	widths []int
}

func newLaidCell(text string, markdown bool) *laidCell {
	c := &laidCell{text: text, plain: !markdown && plainCell(text)}
	if !c.plain {
		return c
	}
	if strings.IndexByte(text, '\n') < 0 {
		c.width = textWidth(text)
		return c
	}
	c.lines = strings.Split(text, "\n")
	c.widths = make([]int, len(c.lines))
	for i, l := range c.lines {
		c.widths[i] = textWidth(l)
		c.width = max(c.width, c.widths[i])
	}
	return c
}

// height is the number of lines of the cell.
func (c *laidCell) height() int { return max(1, len(c.lines)) }

// line returns line k of the cell and its width; past its last line, an
// empty one.
func (c *laidCell) line(k int) (string, int) {
	switch {
	case c.lines == nil && k == 0:
		return c.text, c.width
	case k < len(c.lines):
		return c.lines[k], c.widths[k]
	}
	return "", 0
}

func texts(cells []*laidCell) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = c.text
	}
	return out
}

func textRows(rows [][]*laidCell) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = texts(r)
	}
	return out
}

// asciiFits reports whether writeASCII prints the table exactly as
// tablewriter would: every row as wide as the header, a header of single
// non-blank lines, every cell plain.
func asciiFits(header []*laidCell, rows [][]*laidCell) bool {
	for _, h := range header {
		if !h.plain || h.text == "" || h.height() != 1 {
			return false
		}
	}
	for _, row := range rows {
		if len(row) != len(header) {
			return false
		}
		for _, c := range row {
			if !c.plain {
				return false
			}
		}
	}
	return true
}

// writeASCII prints the table: border, header, border, the rows (a cell
// with line breaks spans several lines), border. right marks right-aligned
// body columns (the header is always left-aligned).
func (m *cellMemo) writeASCII(w io.Writer, header []*laidCell, rows [][]*laidCell, right map[int]bool) error {
	a := &m.layout // its slices reused table after table
	a.widths, a.right = a.widths[:0], a.right[:0]
	for i, h := range header {
		a.widths = append(a.widths, h.width)
		a.right = append(a.right, right[i])
	}
	for _, row := range rows {
		for i, c := range row {
			a.widths[i] = max(a.widths[i], c.width)
		}
	}
	b := a.top(m.buf[:0], header)
	for _, row := range rows {
		b = a.row(b, row)
	}
	b = a.bottom(b)
	m.buf = b
	_, err := w.Write(b)
	return err
}

// asciiLayout is a table's column widths and alignments, once measured.
type asciiLayout struct {
	widths []int
	right  []bool
	border []byte
}

// top appends the top border, the header and the border under it.
func (a *asciiLayout) top(b []byte, header []*laidCell) []byte {
	a.border = append(a.border[:0], '+')
	for _, wd := range a.widths {
		a.border = appendRepeat(a.border, dashes, wd+2)
		a.border = append(a.border, '+')
	}
	a.border = append(a.border, '\n')
	b = append(b, a.border...)
	b = append(b, '|')
	for i, h := range header {
		b = append(b, ' ')
		b = append(b, h.text...)
		b = appendRepeat(b, spaces, a.widths[i]-h.width)
		b = append(b, ' ', '|')
	}
	b = append(b, '\n')
	return append(b, a.border...)
}

func (a *asciiLayout) bottom(b []byte) []byte { return append(b, a.border...) }

// row appends the lines of one row.
func (a *asciiLayout) row(b []byte, row []*laidCell) []byte {
	height := 1
	for _, c := range row {
		height = max(height, c.height())
	}
	for k := range height {
		if k > 0 && blankLine(row, k) {
			continue // tablewriter drops a blank line after a row's first (its TrimLine)
		}
		b = append(b, '|')
		for i, c := range row {
			text, wd := c.line(k)
			b = append(b, ' ')
			if a.right[i] {
				b = appendRepeat(b, spaces, a.widths[i]-wd)
				b = append(b, text...)
			} else {
				b = append(b, text...)
				b = appendRepeat(b, spaces, a.widths[i]-wd)
			}
			b = append(b, ' ', '|')
		}
		b = append(b, '\n')
	}
	return b
}

// blankLine reports whether line k of every cell of row is empty.
func blankLine(row []*laidCell, k int) bool {
	for _, c := range row {
		if text, _ := c.line(k); text != "" {
			return false
		}
	}
	return true
}

const (
	spaces = "                                                                "
	dashes = "----------------------------------------------------------------"
)

// appendRepeat appends n characters of run (all one character).
func appendRepeat(b []byte, run string, n int) []byte {
	for n > len(run) {
		b = append(b, run...)
		n -= len(run)
	}
	if n > 0 {
		b = append(b, run[:n]...)
	}
	return b
}
