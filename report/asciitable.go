package report

import (
	"io"
	"strings"
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
// mode: box-drawing characters are forced narrow, as the border is.
func runeWidth(r rune) int {
	if r < 0x80 {
		if r >= 0x20 && r != 0x7f {
			return 1
		}
		return narrow.Rune(r)
	}
	if r >= 0x2500 && r <= 0x257f {
		return 1
	}
	return narrow.Rune(r)
}

// textWidth is the display width of one line of plain text, the sum of
// its runes' widths as tablewriter counts them.
func textWidth(s string) int {
	if isASCII(s) {
		return len(s)
	}
	w := 0
	for _, r := range s {
		w += runeWidth(r)
	}
	return w
}

// asciiTable lays out a header and rows already transformed by
// table.cells. right marks right-aligned body columns (the header is
// always left-aligned).
type asciiTable struct {
	header []string
	rows   [][]string
	right  map[int]bool
}

// fits reports whether asciiTable can print t exactly: every row as wide
// as the header, no blank header, every cell plain.
func (t *asciiTable) fits() bool {
	for _, h := range t.header {
		if h == "" || strings.Contains(h, "\n") || !plainCell(h) {
			return false
		}
	}
	for _, row := range t.rows {
		if len(row) != len(t.header) {
			return false
		}
		for _, c := range row {
			if !plainCell(c) {
				return false
			}
		}
	}
	return true
}

// write prints the table: border, header, border, the rows (a cell with
// line breaks spans several lines), border.
func (t *asciiTable) write(w io.Writer) error {
	widths := make([]int, len(t.header))
	for i, h := range t.header {
		widths[i] = textWidth(h)
	}
	for _, row := range t.rows {
		for i, c := range row {
			for line := range strings.SplitSeq(c, "\n") {
				widths[i] = max(widths[i], textWidth(line))
			}
		}
	}
	size := 0
	for _, wd := range widths {
		size += wd + 3
	}
	b := make([]byte, 0, (size+2)*(len(t.rows)+4))
	border := make([]byte, 0, size+2)
	border = append(border, '+')
	for _, wd := range widths {
		for range wd + 2 {
			border = append(border, '-')
		}
		border = append(border, '+')
	}
	border = append(border, '\n')

	b = append(b, border...)
	b = t.line(b, t.header, widths, false)
	b = append(b, border...)
	var lines [][]string
	for _, row := range t.rows {
		multi := false
		for _, c := range row {
			if strings.IndexByte(c, '\n') >= 0 {
				multi = true
				break
			}
		}
		if !multi {
			b = t.line(b, row, widths, true)
			continue
		}
		lines = lines[:0]
		height := 0
		for _, c := range row {
			ls := strings.Split(c, "\n")
			lines = append(lines, ls)
			height = max(height, len(ls))
		}
		cells := make([]string, len(row))
		for k := range height {
			blank := true
			for i := range row {
				cells[i] = ""
				if k < len(lines[i]) {
					cells[i] = lines[i][k]
				}
				blank = blank && cells[i] == ""
			}
			if k > 0 && blank {
				continue // tablewriter drops a blank line after a row's first (its TrimLine)
			}
			b = t.line(b, cells, widths, true)
		}
	}
	b = append(b, border...)
	_, err := w.Write(b)
	return err
}

// line appends one text line of a row: each cell padded to its column's
// width with a space either side.
func (t *asciiTable) line(b []byte, cells []string, widths []int, body bool) []byte {
	b = append(b, '|')
	for i, c := range cells {
		pad := widths[i] - textWidth(c)
		b = append(b, ' ')
		if body && t.right[i] {
			b = appendSpaces(b, pad)
			b = append(b, c...)
		} else {
			b = append(b, c...)
			b = appendSpaces(b, pad)
		}
		b = append(b, ' ', '|')
	}
	return append(b, '\n')
}

func appendSpaces(b []byte, n int) []byte {
	for range n {
		b = append(b, ' ')
	}
	return b
}
