package inputs

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"unicode/utf8"
	"unsafe"
)

// rowReader reads a CSV file's rows exactly as encoding/csv's Reader does
// with a comma, strict quotes and a fixed number of cells after the header:
// the same rows, the same errors, the same line numbers. It is faster on
// the lines nearly every sheet is made of, those holding no quote: such a
// line is split on its commas in place, into strings over a buffer of the
// reader's own, which the next line is read into. A row's strings are
// therefore valid only until the next Read: what a caller keeps of them,
// it copies (strings.Clone).
//
// From the first line holding a quote (or one too long for the buffer, or
// a last line with no line break) to the end of the file, encoding/csv
// reads, its line numbers moved by the lines read before it.
type rowReader struct {
	br     *bufio.Reader
	csv    *csv.Reader // nil until the fast path hands over
	lines  int         // lines read on the fast path, blank ones included
	line   int         // the line of the last row read on the fast path
	fields int         // cells a row must have; 0 until the first row
	row    []string    // reused from row to row, as with ReuseRecord
	text   []byte      // the fast path's row, which row's strings point into
	// isText says the last row was read on the fast path and is valid
	// UTF-8 without a NUL byte as a whole: so is every cell of it, the
	// commas between them being ASCII.
	isText bool
}

// newRowReader reads rows from br, which must not have been read from.
func newRowReader(br *bufio.Reader) *rowReader {
	if br.Size() < minShared {
		br = bufio.NewReaderSize(br, minShared)
	}
	return &rowReader{br: br}
}

// minShared is the smallest buffer csv.NewReader reads through as it is,
// rather than reading ahead into a buffer of its own (bufio's default size).
const minShared = 4096

// Read returns the next row. As encoding/csv's Read, it skips blank lines,
// returns io.EOF after the last row, and with a *csv.ParseError for a row
// of the wrong number of cells returns the row too. The row and its
// strings are valid until the next call.
func (r *rowReader) Read() ([]string, error) {
	for r.csv == nil {
		line, err := r.peekLine()
		if err != nil {
			return nil, err
		}
		if line == nil {
			r.handOver()
			break
		}
		body := line[:len(line)-1]
		if n := len(body); n > 0 && body[n-1] == '\r' {
			body = body[:n-1] // encoding/csv reads \r\n as \n
		}
		if len(body) == 0 {
			r.lines++
			r.br.Discard(len(line))
			continue // a blank line: encoding/csv skips it too
		}
		if !r.split(body) {
			r.handOver()
			break
		}
		r.lines++
		r.line = r.lines
		r.br.Discard(len(line))
		if r.fields == 0 {
			r.fields = len(r.row) // the first row fixes the count, as in encoding/csv
		} else if len(r.row) != r.fields {
			return r.row, &csv.ParseError{StartLine: r.line, Line: r.line, Column: 1, Err: csv.ErrFieldCount}
		}
		return r.row, nil
	}
	r.csv.FieldsPerRecord = r.fields
	r.isText = false
	row, err := r.csv.Read()
	r.fields = r.csv.FieldsPerRecord
	if pe := (*csv.ParseError)(nil); errors.As(err, &pe) {
		moved := *pe
		moved.StartLine += r.lines
		moved.Line += r.lines
		err = &moved
	}
	return row, err
}

// split cuts body, a line holding no line break, into r.row at its commas;
// false when it holds a quote, which only encoding/csv reads.
func (r *rowReader) split(body []byte) bool {
	// Copied, not allocated: a row's fresh memory missed the cache at every
	// row of a large sheet, and no caller keeps a cell uncopied.
	r.text = append(r.text[:0], body...)
	s := unsafe.String(unsafe.SliceData(r.text), len(r.text))
	r.row = r.row[:0]
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ',':
			r.row = append(r.row, s[start:i])
			start = i + 1
		case '"':
			return false
		}
	}
	r.row = append(r.row, s[start:])
	r.isText = bytes.IndexByte(r.text, 0) < 0 && utf8.Valid(r.text)
	return true
}

// peekLine returns the next line, its line break included, without
// reading past it; nil when the fast path cannot take it (longer than the
// buffer, or the file's last line with no line break), and io.EOF at the
// end of the file. A read error other than io.EOF is returned as it is.
func (r *rowReader) peekLine() ([]byte, error) {
	n := 0 // bytes already searched
	for {
		buf, _ := r.br.Peek(r.br.Buffered())
		if i := bytes.IndexByte(buf[n:], '\n'); i >= 0 {
			return buf[:n+i+1], nil
		}
		n = len(buf)
		if n == r.br.Size() {
			return nil, nil
		}
		if _, err := r.br.Peek(n + 1); err != nil {
			if err == io.EOF && n > 0 {
				return nil, nil
			}
			return nil, err
		}
	}
}

// handOver lets encoding/csv read the rest of the file from where the fast
// path stopped: it shares the buffer, which is large enough for
// csv.NewReader to take as it is.
func (r *rowReader) handOver() {
	r.csv = csv.NewReader(r.br)
	r.csv.ReuseRecord = true
}

// fieldLine is the line cell i of the last row starts on.
func (r *rowReader) fieldLine(i int) int {
	if r.csv == nil {
		return r.line
	}
	line, _ := r.csv.FieldPos(i)
	return line + r.lines
}
