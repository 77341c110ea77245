package report

import (
	"bufio"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"countyscore/exact"
)

// csvWriter writes rows with every cell made safe (safeCell), in the bytes
// encoding/csv's Writer writes (comma, "\n", quotes only where needed).
// It is written here, not wrapped, because a streamed run writes a row of
// some 90 cells per subject: a row is built in one reused buffer, numbers
// formatted straight into it, and handed to a 64 KiB buffered writer.
type csvWriter struct {
	w     *bufio.Writer
	line  []byte // the row being built
	cells int    // cells of the row being built
	width int    // cells of the first row: every later row is padded to it
	words []byte // a joined cell being built
}

func newCSVWriter(w io.Writer) *csvWriter {
	return &csvWriter{w: bufio.NewWriterSize(w, 64<<10), line: make([]byte, 0, 1024)}
}

// row writes one row of cells, each made safe.
func (c *csvWriter) row(cells ...string) error {
	for i := range cells {
		cells[i] = safeCell(cells[i])
	}
	if c.width == 0 {
		c.width = len(cells)
	}
	return c.write(cells)
}

// section writes a row of a section after the main table: its first cell
// names the section ("#refused"), and it is padded to the table's width
// so that every row of the file has as many cells.
func (c *csvWriter) section(cells ...string) error {
	for i := range cells {
		if i > 0 {
			cells[i] = safeCell(cells[i])
		}
	}
	for len(cells) < c.width {
		cells = append(cells, "")
	}
	return c.write(cells)
}

// write writes cells as they are.
func (c *csvWriter) write(cells []string) error {
	c.begin()
	for _, cell := range cells {
		c.sep()
		c.line = appendCSVField(c.line, cell)
	}
	return c.end()
}

// begin starts a row built cell by cell (cell, num); end writes it.
func (c *csvWriter) begin() { c.line, c.cells = c.line[:0], 0 }

func (c *csvWriter) sep() {
	if c.cells > 0 {
		c.line = append(c.line, ',')
	}
	c.cells++
}

// cell adds s, made safe, to the row being built.
func (c *csvWriter) cell(s string) {
	c.sep()
	if s != "" {
		switch s[0] {
		case '=', '+', '-', '@', '\t', '\r':
			// As safeCell: "'" + s, which needs quotes when s holds a
			// quote, comma or line break (it starts with "'", never a
			// space).
			if !csvSpecial(s) {
				c.line = append(append(c.line, '\''), s...)
				return
			}
			c.line = append(c.line, '"', '\'')
			c.line = append(appendCSVEscaped(c.line, s), '"')
			return
		}
	}
	c.line = appendCSVField(c.line, s)
}

// joined adds the words of list, one space between, made safe: a cell
// as strings.Join(list, " ") would make it.
func (c *csvWriter) joined(list []string) {
	switch len(list) {
	case 0:
		c.cell("")
	case 1:
		c.cell(list[0])
	default:
		c.words = c.words[:0]
		for i, w := range list {
			if i > 0 {
				c.words = append(c.words, ' ')
			}
			c.words = append(c.words, w...)
		}
		// cell copies the text into the row: the buffer is free again.
		c.cell(unsafe.String(unsafe.SliceData(c.words), len(c.words)))
	}
}

// num adds d as num(d) writes it, made safe, without a string between:
// digits, a point and a sign never need quotes.
func (c *csvWriter) num(d exact.Decimal) {
	c.sep()
	start := len(c.line)
	c.line = exact.AppendTrimmed(c.line, d)
	if len(c.line) > start && c.line[start] == '-' { // as safeCell
		c.line = append(c.line, 0)
		copy(c.line[start+1:], c.line[start:])
		c.line[start] = '\''
	}
}

// end writes the row built since begin.
func (c *csvWriter) end() error {
	c.line = append(c.line, '\n')
	_, err := c.w.Write(c.line)
	return err
}

func (c *csvWriter) flush() error {
	return c.w.Flush()
}

// appendCSVField appends field as encoding/csv's Writer (Comma ',',
// UseCRLF false) writes it.
func appendCSVField(b []byte, field string) []byte {
	if !csvNeedsQuotes(field) {
		return append(b, field...)
	}
	b = append(b, '"')
	return append(appendCSVEscaped(b, field), '"')
}

// appendCSVEscaped appends field with each quote doubled.
func appendCSVEscaped(b []byte, field string) []byte {
	for {
		i := strings.IndexByte(field, '"')
		if i < 0 {
			return append(b, field...)
		}
		b = append(b, field[:i+1]...)
		b = append(b, '"')
		field = field[i+1:]
	}
}

// csvNeedsQuotes is encoding/csv's fieldNeedsQuotes for a comma.
func csvNeedsQuotes(field string) bool {
	if field == "" {
		return false
	}
	if field == `\.` || csvSpecial(field) {
		return true
	}
	if c := field[0]; c < utf8.RuneSelf {
		return c == ' ' || c >= '\t' && c <= '\r' // unicode.IsSpace, for ASCII
	}
	r1, _ := utf8.DecodeRuneInString(field)
	return unicode.IsSpace(r1)
}

// csvSpecialByte marks the bytes csvSpecial looks for.
var csvSpecialByte = [256]bool{'\n': true, '\r': true, '"': true, ',': true}

// csvSpecial reports whether field holds a quote, a comma or a line break.
func csvSpecial(field string) bool {
	for i := 0; i < len(field); i++ {
		if csvSpecialByte[field[i]] {
			return true
		}
	}
	return false
}
