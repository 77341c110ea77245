package inputs

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"countyscore/criteria"
)

// MaxCSVSize bounds a CSV input: room for about 700,000 county rows of every
// garden-county measure, far beyond any real sheet.
const MaxCSVSize = 256 << 20

// CSV reads the wide CSV shape row by row, so a file of any length is read
// in constant memory: header row, a subject column, optional population,
// year and illustrative columns, and one column per measure ID.
type CSV struct {
	table
	r *rowReader
	n int
}

// NewCSV reads the header of a CSV input and checks every column name. Its
// error lists every bad column name; the rows are not read then.
func NewCSV(file string, rd io.Reader, set *criteria.Set, w *Warnings) (*CSV, error) {
	return newCSV(file, rd, set, w, MaxCSVSize)
}

// newCSV is NewCSV with a size limit of limit bytes.
func newCSV(file string, rd io.Reader, set *criteria.Set, w *Warnings, limit int64) (*CSV, error) {
	br := bufio.NewReaderSize(&limitReader{r: rd, left: limit, limit: limit}, 64<<10)
	head, _ := br.Peek(4)
	if bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff}) {
		return nil, &Error{File: file, Line: 1, Msg: "UTF-16 text: save the sheet as CSV UTF-8"}
	}
	if bytes.HasPrefix(head, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	r := newRowReader(br)
	c := &CSV{table: newTable(file, set, w), r: r}
	c.at = func(i int) Error { return Error{File: file, Line: r.fieldLine(i)} }
	header, err := r.Read()
	if err == io.EOF {
		return nil, &Error{File: file, Msg: "empty file: want a header row with subject and measure IDs"}
	}
	if err != nil {
		return nil, c.readErr(err)
	}
	r.fields = len(header)
	for i := range header {
		header[i] = strings.Clone(header[i]) // column names outlive the row
	}
	if err := c.columns(header); err != nil {
		return nil, err
	}
	return c, nil
}

// Next reads the next subject. It returns io.EOF after the last row. Rows
// whose every cell is blank (a spreadsheet's trailing rows) are skipped.
//
// A bad row gives an error listing every bad cell of the row, and the next
// call goes on with the next row. A problem that leaves the rest of the file
// unreadable (bad encoding, an unclosed quote, the size limit) gives its
// error, and the next call io.EOF.
func (c *CSV) Next() (*Record, error) {
	if c.done {
		return nil, io.EOF
	}
	for {
		row, err := c.r.Read()
		if err == io.EOF {
			c.done = true
			if c.n == 0 {
				return nil, &Error{File: c.file, Msg: "no rows under the header: no subject to evaluate"}
			}
			return nil, io.EOF
		}
		if err != nil {
			c.n++
			return nil, c.readErr(err)
		}
		if blankRow(row) {
			continue
		}
		c.n++
		c.checked = c.r.isText
		return c.record(row)
	}
}

// readErr words encoding/csv's errors for a person holding a spreadsheet,
// and ends the file unless the error concerns one row only.
func (c *CSV) readErr(err error) error {
	var le *limitErr
	if errors.As(err, &le) {
		c.done = true
		return &Error{File: c.file, Msg: le.Error()}
	}
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		c.done = true
		return &Error{File: c.file, Msg: err.Error()}
	}
	switch {
	case errors.Is(pe.Err, csv.ErrFieldCount):
		// The row was read whole; the next one starts on the next line.
		return &Error{File: c.file, Line: pe.StartLine, Msg: fmt.Sprintf("this row has a different number of cells from the header (%d); check for a stray comma", c.r.fields)}
	case errors.Is(pe.Err, csv.ErrBareQuote):
		// A quote inside an unquoted cell: the line was read to its end.
		return &Error{File: c.file, Line: pe.StartLine, Msg: fmt.Sprintf("a quote stands inside a cell (line %d, column %d); put the cell in quotes and double the quote, or remove it", pe.Line, pe.Column)}
	case errors.Is(pe.Err, csv.ErrQuote):
		// Where the quoted cell ends is unknown: so is where any later
		// row begins.
		c.done = true
		return &Error{File: c.file, Line: pe.StartLine, Msg: fmt.Sprintf("a quote is not closed or stands inside a cell (line %d, column %d); the rest of the file is not read", pe.Line, pe.Column)}
	}
	c.done = true
	return &Error{File: c.file, Line: pe.StartLine, Msg: pe.Err.Error()}
}

// checkCell refuses bytes that are not text: a NUL (binary data or UTF-16)
// or invalid UTF-8 (a sheet saved in GBK, say).
//
// It runs on every cell, so a plain ASCII cell, nearly every one, is
// checked in one loop; the rest of a cell from its first byte above
// ASCII is checked as a whole.
func checkCell(s string) error {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == 0:
			return errNUL
		case c >= utf8.RuneSelf:
			if strings.IndexByte(s[i:], 0) >= 0 {
				return errNUL
			}
			if !utf8.ValidString(s[i:]) {
				return errNotUTF8
			}
			return nil
		}
	}
	return nil
}

var (
	errNUL     = errors.New("binary data (a NUL byte): not a CSV text file, or UTF-16 without a byte-order mark")
	errNotUTF8 = errors.New("not valid UTF-8: save the sheet as CSV UTF-8 (a GBK file looks like this)")
)

func blankTail(cells []string) bool {
	for _, c := range cells {
		if Normalize(c) != "" {
			return false
		}
	}
	return true
}

func blankRow(row []string) bool {
	for _, cell := range row {
		if Normalize(cell) != "" {
			return false
		}
	}
	return true
}

// limitReader fails once more than left bytes were read, so an enormous
// file ends in a message instead of a long wait.
type limitReader struct {
	r     io.Reader
	left  int64
	limit int64
}

type limitErr struct{ limit int64 }

func (e *limitErr) Error() string {
	return fmt.Sprintf("larger than the %s limit for a CSV input; split it, or raise the limit (--max-input-size)", SizeText(e.limit))
}

// SizeText writes a byte count as people read it: 256 MiB, 1.5 GiB, 1000 bytes.
func SizeText(n int64) string {
	for _, u := range []struct {
		name string
		size int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.size {
			if n%u.size == 0 {
				return fmt.Sprintf("%d %s", n/u.size, u.name)
			}
			return fmt.Sprintf("%.1f %s", float64(n)/float64(u.size), u.name)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.left <= 0 {
		// At the limit the input is too large only if it goes on: a file of
		// exactly MaxCSVSize bytes ends here, and must read as ended, not
		// as too large (the probe below may have seen its end already and
		// said nothing).
		var one [1]byte
		if _, err := io.ReadFull(l.r, one[:]); err != nil {
			return 0, err
		}
		return 0, &limitErr{limit: l.limit}
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	if l.left <= 0 && err == nil {
		// One byte more would tell whether the file really goes on.
		var one [1]byte
		if m, _ := l.r.Read(one[:]); m > 0 {
			return n, &limitErr{limit: l.limit}
		}
	}
	return n, err
}
