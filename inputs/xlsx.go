package inputs

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"countyscore/criteria"
)

// Limits on a workbook input. A filled-in template is tens of KiB; these
// hold a million cells and still stop a zip bomb before it costs more than
// a few hundred MiB of memory: excelize holds every part of the archive in
// memory, so the unzipped total is the memory bound.
const (
	MaxXLSXSize     = 32 << 20 // the .xlsx file itself
	MaxXLSXUnzipped = 64 << 20 // every part of it unzipped, together
	maxXLSXParts    = 10000    // archive entries; a workbook has a few dozen
)

// XLSX reads the subjects of one workbook sheet row by row. The sheet is
// the first, in the workbook's order, whose row 1 or row 2 holds a cell
// "subject": row 1 for the plain layout of the CSV contract (one header row
// of IDs), row 2 for the template's (a row of names above the row of IDs).
// Other sheets — the template's list of measures, a user's notes — are not
// read.
//
// Every cell goes through the same parser as a CSV cell, as the text the
// spreadsheet shows: a number as it was typed (see excelNumber), a yes/no
// cell as true/false, a formula by its saved result.
type XLSX struct {
	table
	sheet string
	rd    *sheetReader
	row   int // the sheet row being read
	n     int
	// pending is a data row read while looking for the header.
	pending    []string
	pendingRow int
}

// NewXLSX opens a workbook, checks the archive, finds the sheet with the
// subject header and reads its header.
func NewXLSX(file string, set *criteria.Set, w *Warnings) (x *XLSX, err error) {
	fail := func(format string, args ...any) (*XLSX, error) {
		return nil, &Error{File: file, Msg: fmt.Sprintf(format, args...)}
	}
	// excelize is not written for hostile input; whatever slips past the
	// checks below must still end in a message, not a crash.
	defer func() {
		if r := recover(); r != nil {
			x, err = fail("damaged workbook: %v", r)
		}
	}()
	f, err := os.Open(file)
	if err != nil {
		return nil, &Error{File: file, Msg: errors.Unwrap(err).Error()}
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fail("%v", err)
	}
	if fi.Size() > MaxXLSXSize {
		return fail("larger than the %d MiB limit for a workbook input; split it or save it as CSV", MaxXLSXSize>>20)
	}
	if err := checkArchive(f, fi.Size()); err != nil {
		return fail("%v", err)
	}
	book, err := excelize.OpenReader(f, excelize.Options{
		RawCellValue:      true,
		UnzipSizeLimit:    MaxXLSXUnzipped,
		UnzipXMLSizeLimit: MaxXLSXUnzipped, // keep every part in memory: no temporary files
	})
	if err != nil {
		return fail("damaged workbook: %v", err)
	}
	defer book.Close()
	sst, err := sharedStrings(book)
	if err != nil {
		return fail("damaged workbook: shared strings: %v", err)
	}
	paths, err := sheetPaths(book)
	if err != nil {
		return fail("damaged workbook: %v", err)
	}
	styles := percentStyles(book)
	for _, name := range book.GetSheetList() {
		data, ok := paths[name]
		if !ok {
			continue // a chart sheet, or a sheet the archive lacks
		}
		x := &XLSX{table: newTable(file, set, w), sheet: name}
		x.at = x.cellAt
		x.rd = newSheetReader(data, sst, styles)
		found, err := x.header()
		if err != nil {
			return nil, err
		}
		if found {
			return x, nil
		}
	}
	return fail("no sheet has a subject column: want the IDs subject, population, year and the measure IDs in row 1 of a sheet, or in row 2 under a row of names (the template's layout); sheets: %s", strings.Join(book.GetSheetList(), ", "))
}

// header reads rows 1 and 2 and takes as the header the first that holds
// a cell "subject"; failing that, the last that holds "subject" beside a
// name ("对象（subject）"), since a row of names may carry IDs too
// and the row of IDs is then the lower one. found is false when neither
// row has a subject column. A data row read while looking is kept for
// Next.
func (x *XLSX) header() (found bool, err error) {
	var loose []string
	looseRow := 0
	take := func(row int, cells []string) (bool, error) {
		x.row = row
		return true, x.columns(cells)
	}
	for {
		n, cells, err := x.rd.next()
		if err != nil {
			return false, x.cellErr(err)
		}
		exact, named := false, false
		if n > 0 && n <= 2 {
			for _, c := range cells {
				exact = exact || Normalize(c) == "subject"
				named = named || x.headerName(c) == "subject"
			}
		}
		switch {
		case exact:
			return take(n, cells)
		case named:
			loose, looseRow = slices.Clone(cells), n
			continue
		case looseRow == 0 && (n == 0 || n > 2):
			return false, nil
		case looseRow == 0:
			continue
		}
		// A row that is no header, under a loose header: the first data
		// row, or the end of the sheet.
		if n > 0 {
			x.pending, x.pendingRow = slices.Clone(cells), n
		}
		return take(looseRow, loose)
	}
}

// Next reads the next subject. It returns io.EOF after the last row. Rows
// whose every cell is blank are skipped.
//
// As CSV.Next: a bad row gives an error listing every bad cell of the row,
// and the next call goes on with the next row; a damaged sheet gives its
// error, and the next call io.EOF.
func (x *XLSX) Next() (*Record, error) {
	if x.done {
		return nil, io.EOF
	}
	for {
		var n int
		var cells []string
		var err error
		if x.pendingRow > 0 {
			n, cells = x.pendingRow, x.pending
			x.pending, x.pendingRow = nil, 0
		} else {
			n, cells, err = x.rd.next()
		}
		if err != nil {
			x.done = true
			return nil, x.cellErr(err)
		}
		if n == 0 {
			x.done = true
			if x.n == 0 {
				return nil, &Error{File: x.file, Line: x.row, Sheet: x.sheet, Cell: x.cellName(0, x.row), Msg: "no rows under the header: no subject to evaluate"}
			}
			return nil, io.EOF
		}
		x.row = n
		if blankRow(cells) {
			continue
		}
		for len(cells) < len(x.cols) {
			cells = append(cells, "")
		}
		x.n++
		return x.record(cells)
	}
}

// Close is there for Source, which closes what it opened; the workbook is
// read into memory by NewXLSX and holds nothing open.
func (x *XLSX) Close() error { return nil }

func (x *XLSX) cellAt(i int) Error {
	return Error{File: x.file, Line: x.row, Sheet: x.sheet, Cell: x.cellName(i, x.row)}
}

func (x *XLSX) cellName(i, row int) string {
	if row < 1 {
		row = 1
	}
	name, err := excelize.CoordinatesToCellName(i+1, row)
	if err != nil {
		return fmt.Sprintf("R%dC%d", row, i+1)
	}
	return name
}

// cellErr places an error of the sheet reader.
func (x *XLSX) cellErr(err error) error {
	var ce *cellError
	if !errors.As(err, &ce) {
		return &Error{File: x.file, Sheet: x.sheet, Cell: x.cellName(0, x.row), Msg: fmt.Sprintf("damaged sheet after row %d: %v", x.row, err)}
	}
	e := &Error{File: x.file, Line: ce.row, Sheet: x.sheet, Cell: x.cellName(ce.col, ce.row), Msg: ce.msg}
	if !ce.whole && ce.col < len(x.cols) {
		e.Field = x.cols[ce.col].name
	}
	return e
}

// checkArchive reads every part of the archive once, before excelize sees
// it: excelize ignores a read error inside a part (a damaged or truncated
// part would read as shorter, or as other numbers), and only this pass
// notices. archive/zip stops a part that inflates past its declared size,
// so summing the declared sizes bounds the work.
func checkArchive(f *os.File, size int64) error {
	var head [8]byte
	if _, err := f.ReadAt(head[:], 0); err != nil && err != io.EOF {
		return err
	}
	if bytes.Equal(head[:], []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}) {
		return errors.New("a password-protected workbook or an old .xls file: remove the password (or save as .xlsx) and try again")
	}
	zr, err := zip.NewReader(f, size)
	if err != nil {
		return fmt.Errorf("not an .xlsx workbook (%v); save the sheet as .xlsx or CSV", err)
	}
	if len(zr.File) > maxXLSXParts {
		return fmt.Errorf("the archive holds %d parts; a workbook has a few dozen", len(zr.File))
	}
	var total uint64
	for _, p := range zr.File {
		total += p.UncompressedSize64
		if p.UncompressedSize64 > MaxXLSXUnzipped || total > MaxXLSXUnzipped {
			return fmt.Errorf("unzips to more than the %d MiB limit for a workbook input (a zip bomb, or a sheet far larger than any county's); split it or save it as CSV", MaxXLSXUnzipped>>20)
		}
	}
	for _, p := range zr.File {
		rc, err := p.Open()
		if err != nil {
			return fmt.Errorf("damaged workbook: part %s: %v", clip(p.Name), err)
		}
		_, err = io.Copy(io.Discard, rc)
		rc.Close()
		if errors.Is(err, zip.ErrFormat) {
			return fmt.Errorf("damaged workbook: part %s inflates beyond the size its header declares (a zip bomb, or a broken archive)", clip(p.Name))
		}
		if err != nil {
			return fmt.Errorf("damaged workbook: part %s: %v", clip(p.Name), err)
		}
	}
	return nil
}

// part returns one part of the archive as excelize holds it.
func part(book *excelize.File, name string) ([]byte, bool) {
	v, ok := book.Pkg.Load(name)
	if !ok {
		return nil, false
	}
	b, ok := v.([]byte)
	return b, ok
}

// sheetPaths maps each worksheet's name to its XML, the way the workbook's
// relationships say (excelize keeps this map to itself).
func sheetPaths(book *excelize.File) (map[string][]byte, error) {
	out := map[string][]byte{}
	book.GetSheetList() // reads the workbook part
	if book.WorkBook == nil {
		return out, nil
	}
	relsData, _ := part(book, "xl/_rels/workbook.xml.rels")
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(relsData, &rels); err != nil && len(relsData) > 0 {
		return nil, fmt.Errorf("workbook relationships: %v", err)
	}
	for _, s := range book.WorkBook.Sheets.Sheet {
		for _, r := range rels.Rel {
			if r.ID != s.ID {
				continue
			}
			p := r.Target
			if strings.HasPrefix(p, "/") {
				p = strings.TrimPrefix(p, "/")
			} else {
				p = path.Clean("xl/" + p)
			}
			if data, ok := part(book, p); ok {
				out[s.Name] = data
			}
		}
	}
	return out, nil
}

// sharedStrings reads the workbook's table of strings, which text cells
// point into by index.
func sharedStrings(book *excelize.File) ([]string, error) {
	data, ok := part(book, "xl/sharedStrings.xml")
	if !ok {
		return nil, nil
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	var out []string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "si" {
			s, err := readText(dec)
			if err != nil {
				return nil, err
			}
			out = append(out, s)
		}
	}
}

// percentStyles says which cell styles show a number as a percent: Excel
// stores 85% typed into such a cell as 0.85, and the user meant 85 %.
func percentStyles(book *excelize.File) map[int]bool {
	out := map[int]bool{}
	st := book.Styles
	if st == nil || st.CellXfs == nil {
		return out
	}
	custom := map[int]string{}
	if st.NumFmts != nil {
		for _, nf := range st.NumFmts.NumFmt {
			if nf != nil {
				custom[nf.NumFmtID] = nf.FormatCode
			}
		}
	}
	for i, xf := range st.CellXfs.Xf {
		if xf.NumFmtID == nil {
			continue
		}
		switch id := *xf.NumFmtID; id {
		case 9, 10: // the built-in 0% and 0.00%
			out[i] = true
		default:
			if code, ok := custom[id]; ok && isPercentFormat(code) {
				out[i] = true
			}
		}
	}
	return out
}

// isPercentFormat reports whether a number format code holds a % outside
// quoted text and escapes, which makes the spreadsheet show 100 times the
// stored value.
func isPercentFormat(code string) bool {
	quoted := false
	for i := 0; i < len(code); i++ {
		switch c := code[i]; {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\\' || c == '_' || c == '*':
			i++ // the next character is literal or padding
		case c == '%':
			return true
		}
	}
	return false
}

// readText returns the text of the element just opened (a shared string or
// an inline string): its <t> runs, without phonetic guides (<rPh>).
func readText(dec *xml.Decoder) (string, error) {
	var b strings.Builder
	depth, inT, inPh := 1, 0, 0
	for depth > 0 {
		tok, err := dec.Token()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch t.Name.Local {
			case "t":
				inT++
			case "rPh":
				inPh++
			}
		case xml.EndElement:
			depth--
			switch t.Name.Local {
			case "t":
				inT--
			case "rPh":
				inPh--
			}
		case xml.CharData:
			if inT > 0 && inPh == 0 {
				b.Write(t)
			}
		}
	}
	return b.String(), nil
}

// cellError is a cell the sheet reader cannot turn into text; col is
// 0-based, row the sheet's row number.
type cellError struct {
	row, col int
	whole    bool // the row as a whole is wrong, not one of its cells
	msg      string
}

func (e *cellError) Error() string { return fmt.Sprintf("row %d column %d: %s", e.row, e.col+1, e.msg) }

// sheetReader streams the rows of one worksheet's XML. excelize's own
// row iterator is not used: it ends quietly at malformed XML (a damaged
// sheet would read as a shorter one), and it hides what this reader must
// see — a formula without a saved result, and a cell's percent format.
type sheetReader struct {
	dec     *xml.Decoder
	sst     []string
	pct     map[int]bool
	lastRow int
	done    bool
}

func newSheetReader(data []byte, sst []string, pct map[int]bool) *sheetReader {
	// encoding/xml expands no entity beyond the five XML defines and
	// fetches nothing: a billion-laughs or external entity is an error.
	return &sheetReader{dec: xml.NewDecoder(bytes.NewReader(data)), sst: sst, pct: pct}
}

// next returns the next row's number and cells as the spreadsheet shows
// them, index 0 for column A; n is 0 after the last row.
func (r *sheetReader) next() (n int, cells []string, err error) {
	if r.done {
		return 0, nil, nil
	}
	for {
		tok, err := r.dec.Token()
		if err == io.EOF {
			r.done = true
			return 0, nil, nil
		}
		if err != nil {
			return 0, nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == "row" {
				return r.row(t)
			}
		case xml.EndElement:
			if t.Name.Local == "sheetData" {
				r.done = true
				return 0, nil, nil
			}
		}
	}
}

// row reads one <row> element.
func (r *sheetReader) row(start xml.StartElement) (int, []string, error) {
	n := r.lastRow + 1
	if v := attr(start, "r"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 || n > excelize.TotalRows {
			return 0, nil, &cellError{row: r.lastRow + 1, whole: true, msg: fmt.Sprintf("row number %q is not one of 1 to %d", clip(v), excelize.TotalRows)}
		}
	}
	if n <= r.lastRow {
		return 0, nil, &cellError{row: n, whole: true, msg: fmt.Sprintf("row %d stands after row %d: rows repeated or out of order", n, r.lastRow)}
	}
	r.lastRow = n
	var cells []string
	col := -1
	for {
		tok, err := r.dec.Token()
		if err != nil {
			return 0, nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != "c" {
				if err := r.dec.Skip(); err != nil {
					return 0, nil, err
				}
				continue
			}
			next := col + 1
			if ref := attr(t, "r"); ref != "" {
				c, _, err := excelize.CellNameToCoordinates(ref)
				if err != nil {
					return 0, nil, &cellError{row: n, col: col + 1, whole: true, msg: fmt.Sprintf("cell reference %q is not a cell of a spreadsheet", clip(ref))}
				}
				next = c - 1
			}
			if next <= col {
				return 0, nil, &cellError{row: n, col: next, msg: "cell comes twice, or out of order"}
			}
			col = next
			text, err := r.cell(t)
			if err != nil {
				var ce *cellError
				if errors.As(err, &ce) {
					ce.row, ce.col = n, col
				}
				return 0, nil, err
			}
			if text != "" {
				for len(cells) < col {
					cells = append(cells, "")
				}
				cells = append(cells, text)
			}
		case xml.EndElement:
			return n, cells, nil
		}
	}
}

// cell reads one <c> element into the text the spreadsheet shows.
func (r *sheetReader) cell(start xml.StartElement) (string, error) {
	typ := attr(start, "t")
	style, _ := strconv.Atoi(attr(start, "s"))
	var v, inline string
	hasV, hasF := false, false
	for {
		tok, err := r.dec.Token()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "v":
				hasV = true
				if err := r.dec.DecodeElement(&v, &t); err != nil {
					return "", err
				}
			case "f":
				hasF = true
				if err := r.dec.Skip(); err != nil {
					return "", err
				}
			case "is":
				hasV = true
				if inline, err = readText(r.dec); err != nil {
					return "", err
				}
			default:
				if err := r.dec.Skip(); err != nil {
					return "", err
				}
			}
		case xml.EndElement:
			if hasF && !hasV {
				return "", &cellError{msg: "a formula with no saved result: open the workbook in Excel or LibreOffice, let it calculate, and save it"}
			}
			return r.text(typ, v, inline, style)
		}
	}
}

// text turns a cell's stored value into what the spreadsheet shows.
func (r *sheetReader) text(typ, v, inline string, style int) (string, error) {
	switch typ {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(r.sst) {
			return "", &cellError{msg: fmt.Sprintf("points to shared string %q, which the workbook lacks", clip(v))}
		}
		return r.sst[i], nil
	case "inlineStr":
		return inline, nil
	case "str", "d":
		return v, nil // a formula's text result; a date as ISO text (not a number)
	case "b":
		switch strings.TrimSpace(v) {
		case "1":
			return "true", nil
		case "0":
			return "false", nil
		}
		return "", &cellError{msg: fmt.Sprintf("a yes/no cell holding %q", clip(v))}
	case "e":
		return "", &cellError{msg: fmt.Sprintf("holds the spreadsheet error %s; correct the formula or type the value", clip(v))}
	case "", "n":
		if strings.TrimSpace(v) == "" {
			return "", nil
		}
		s, ok := excelNumber(strings.TrimSpace(v), r.pct[style])
		if !ok {
			return "", &cellError{msg: fmt.Sprintf("a number cell holding %q", clip(v))}
		}
		return s, nil
	}
	return "", &cellError{msg: fmt.Sprintf("unknown cell type %q", clip(typ))}
}

func attr(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

// excelSignificant is how many significant digits a spreadsheet keeps of
// a typed number: Excel turns any further typed digit into 0 and never
// shows more.
const excelSignificant = 15

// excelNumber writes a number cell's stored value as the decimal the user
// typed, in plain notation, for ParseCell. The file holds a binary double
// printed with up to 17 significant digits (38.9 may be stored as
// 38.899999999999999, and =0.1+0.2 as 0.30000000000000004); rounding the
// decimal digits to 15 significant ones, as the spreadsheet itself shows
// them, gives back exactly what was typed, without ever passing through a
// float. A percent-formatted cell stores 85% as 0.85: pct moves the point
// back and adds the %, so the cell reads as it is shown. ok is false when v
// is not a number.
func excelNumber(v string, pct bool) (string, bool) {
	neg := false
	if v[0] == '-' || v[0] == '+' {
		neg = v[0] == '-'
		v = v[1:]
	}
	mant, expPart := v, ""
	if i := strings.IndexAny(v, "eE"); i >= 0 {
		mant, expPart = v[:i], v[i+1:]
	}
	exp := 0
	if expPart != "" {
		e, err := strconv.Atoi(expPart)
		if err != nil || e < -400 || e > 400 {
			return "", false
		}
		exp = e
	}
	intPart, frac, _ := strings.Cut(mant, ".")
	if intPart == "" && frac == "" || !allDigitsASCII(intPart) || !allDigitsASCII(frac) {
		return "", false
	}
	// value = digits × 10^exp
	digits := intPart + frac
	exp -= len(frac)
	if pct {
		exp += 2
	}
	digits = strings.TrimLeft(digits, "0")
	if digits == "" {
		return withPct("0", pct), true
	}
	if len(digits) > excelSignificant {
		cut := len(digits) - excelSignificant
		up := digits[excelSignificant] >= '5'
		digits = digits[:excelSignificant]
		exp += cut
		if up {
			b := []byte(digits)
			i := len(b) - 1
			for ; i >= 0 && b[i] == '9'; i-- {
				b[i] = '0'
			}
			if i < 0 {
				b = append([]byte{'1'}, b...)
				b = b[:len(b)-1]
				exp++
			} else {
				b[i]++
			}
			digits = string(b)
		}
	}
	for len(digits) > 1 && digits[len(digits)-1] == '0' {
		digits = digits[:len(digits)-1]
		exp++
	}
	// A number far outside any measurement keeps a short exponent form,
	// which ParseCell refuses as it would the same text in a CSV.
	if exp > 30 || exp+len(digits) < -30 {
		return withPct(fmt.Sprintf("%s%sE%d", sign(neg), digits, exp), pct), true
	}
	var s string
	switch {
	case exp >= 0:
		s = digits + strings.Repeat("0", exp)
	case -exp < len(digits):
		s = digits[:len(digits)+exp] + "." + digits[len(digits)+exp:]
	default:
		s = "0." + strings.Repeat("0", -exp-len(digits)) + digits
	}
	return withPct(sign(neg)+s, pct), true
}

func sign(neg bool) string {
	if neg {
		return "-"
	}
	return ""
}

func withPct(s string, pct bool) string {
	if pct {
		return s + "%"
	}
	return s
}

func allDigitsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
