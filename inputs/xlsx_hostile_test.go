package inputs_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"countyscore/inputs"
)

// A good sheet for the hostile cases to spoil.
var goodSheet = inlineRow(1, "subject", "G08") + `<row r="2"><c r="A2" t="inlineStr"><is><t>汾阳市</t></is></c><c r="B2"><v>38</v></c></row>`

// bombPart writes a zip whose one part inflates from a few hundred KiB
// to size bytes of zeros, declaring declared bytes in its header.
func bombPart(t testing.TB, name string, size, declared int64) []byte {
	t.Helper()
	var deflated bytes.Buffer
	fw, _ := flate.NewWriter(&deflated, flate.BestCompression)
	zeros := make([]byte, 1<<20)
	crc := crc32.NewIEEE()
	for n := int64(0); n < size; n += int64(len(zeros)) {
		fw.Write(zeros)
		crc.Write(zeros)
	}
	fw.Close()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	// A real workbook around it, so only the bomb is wrong.
	good, err := zip.NewReader(bytes.NewReader(rawBook(t, [][2]string{{"Sheet1", goodSheet}}, nil)), int64(len(rawBook(t, [][2]string{{"Sheet1", goodSheet}}, nil))))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range good.File {
		if f.Name == name {
			continue
		}
		if err := zw.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc.Sum32(),
		CompressedSize64: uint64(deflated.Len()), UncompressedSize64: uint64(declared)})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(deflated.Bytes())
	zw.Close()
	return b.Bytes()
}

// manyParts writes a zip of n empty parts.
func manyParts(n int) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for i := 0; i < n; i++ {
		zw.CreateHeader(&zip.FileHeader{Name: "p/" + strconv.Itoa(i), Method: zip.Store})
	}
	zw.Close()
	return b.Bytes()
}

// flipStored writes a workbook whose sheet is stored uncompressed, then
// changes one digit of its data: only the checksum can tell.
func flipStored(t testing.TB) []byte {
	t.Helper()
	good := rawBook(t, [][2]string{{"Sheet1", goodSheet}}, nil)
	zr, _ := zip.NewReader(bytes.NewReader(good), int64(len(good)))
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range zr.File {
		if f.Name != "xl/worksheets/sheet1.xml" {
			zw.Copy(f)
			continue
		}
		rc, _ := f.Open()
		var body bytes.Buffer
		body.ReadFrom(rc)
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Store})
		w.Write(body.Bytes())
	}
	zw.Close()
	out := b.Bytes()
	i := bytes.Index(out, []byte("<v>38</v>"))
	if i < 0 {
		t.Fatal("stored sheet not found")
	}
	out[i+3] = '9' // 38 becomes 98: a well-formed sheet with another number
	return out
}

func encrypted(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	f.SetCellStr("Sheet1", "A1", "subject")
	path := filepath.Join(t.TempDir(), "locked.xlsx")
	if err := f.SaveAs(path, excelize.Options{Password: "secret"}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>`

const external = `<?xml version="1.0"?>
<!DOCTYPE x [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>`

func wrapSheet(prolog, rows string) string {
	return prolog + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + rows + `</sheetData></worksheet>`
}

// TestRefusedXLSX: what is not a workbook of subjects is refused with the
// file (and, where there is one, the sheet and cell) named, quickly and in
// bounded memory. `go test -run RefusedXLSX -v` prints each case's time.
func TestRefusedXLSX(t *testing.T) {
	set := loadSet(t, "garden-county")
	cases := []struct {
		name  string
		data  func(t testing.TB) []byte
		path  func(t testing.TB) string // instead of data
		sheet string
		cell  string
		msg   string
	}{
		{name: "zip bomb whose header declares a 1 GiB sheet", data: func(t testing.TB) []byte {
			return bombPart(t, "xl/worksheets/sheet1.xml", 8<<20, 1<<30)
		}, msg: "zip bomb"},
		{name: "zip bomb lying about its size (declares 1 KiB, inflates to 128 MiB)", data: func(t testing.TB) []byte {
			return bombPart(t, "xl/worksheets/sheet1.xml", 128<<20, 1<<10)
		}, msg: "part xl/worksheets/sheet1.xml inflates beyond the size its header declares"},
		{name: "zip bomb whose header declares 4 GiB of shared strings", data: func(t testing.TB) []byte {
			return bombPart(t, "xl/sharedStrings.xml", 8<<20, 4<<30)
		}, msg: "zip bomb"},
		{name: "too many parts", data: func(t testing.TB) []byte { return manyParts(10001) }, msg: "10001 parts"},
		{name: "file over the size limit", path: func(t testing.TB) string {
			p := filepath.Join(t.TempDir(), "big.xlsx")
			f, _ := os.Create(p)
			f.Truncate(inputs.MaxXLSXSize + 1)
			f.Close()
			return p
		}, msg: "larger than the 32 MiB limit"},
		{name: "billion laughs in a sheet", data: func(t testing.TB) []byte {
			return rawBook(t, [][2]string{{"S", wrapSheet(laughs, inlineRow(1, "subject")+`<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c></row>`)}}, nil)
		}, sheet: "S", cell: "A1", msg: "damaged sheet after row 1"},
		{name: "billion laughs in shared strings", data: func(t testing.TB) []byte {
			return rawBook(t, [][2]string{{"S", goodSheet}}, map[string]string{"xl/sharedStrings.xml": laughs + `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>`})
		}, msg: "shared strings"},
		{name: "external entity in a sheet", data: func(t testing.TB) []byte {
			return rawBook(t, [][2]string{{"S", wrapSheet(external, inlineRow(1, "subject")+`<row r="2"><c r="A2" t="inlineStr"><is><t>&xxe;</t></is></c></row>`)}}, nil)
		}, sheet: "S", cell: "A1", msg: "invalid character entity &xxe;"},
		{name: "truncated archive", data: func(t testing.TB) []byte {
			b := rawBook(t, [][2]string{{"S", goodSheet}}, nil)
			return b[:len(b)/2]
		}, msg: "not an .xlsx workbook"},
		{name: "archive with a damaged part", data: flipStored, msg: "damaged workbook: part xl/worksheets/sheet1.xml: zip: checksum error"},
		{name: "a CSV named .xlsx", data: func(testing.TB) []byte { return []byte("subject,G08\n汾阳市,38\n") }, msg: "not an .xlsx workbook"},
		{name: "an empty file", data: func(testing.TB) []byte { return nil }, msg: "not an .xlsx workbook"},
		{name: "a password-protected workbook", data: encrypted, msg: "password-protected"},
		{name: "no sheet with a subject header", data: func(t testing.TB) []byte {
			return rawBook(t, [][2]string{{"说明", inlineRow(1, "ID", "名称")}, {"数据", inlineRow(1, "县", "G08") + inlineRow(2, "汾阳市", "38") + inlineRow(3, "subject")}}, nil)
		}, msg: "no sheet has a subject column"},
		{name: "header only", data: func(t testing.TB) []byte {
			return rawBook(t, [][2]string{{"S", inlineRow(1, "名称") + inlineRow(2, "subject", "G08")}}, nil)
		}, sheet: "S", cell: "A2", msg: "no rows under the header"},
		{name: "row number past the last row of a spreadsheet", data: func(t testing.TB) []byte {
			return rawBook(t, [][2]string{{"S", goodSheet + `<row r="1048577"><c r="A1048577" t="inlineStr"><is><t>x</t></is></c></row>`}}, nil)
		}, sheet: "S", cell: "A3", msg: "row number"},
		{name: "cell past the last column of a spreadsheet", data: func(t testing.TB) []byte {
			return rawBook(t, [][2]string{{"S", goodSheet + `<row r="3"><c r="XFE3"><v>1</v></c></row>`}}, nil)
		}, sheet: "S", cell: "A3", msg: "not a cell"},
		{name: "a value far right of the header", data: func(t testing.TB) []byte {
			return rawBook(t, [][2]string{{"S", goodSheet + `<row r="3"><c r="A3" t="inlineStr"><is><t>孝义市</t></is></c><c r="XFD3"><v>1</v></c></row>`}}, nil)
		}, sheet: "S", cell: "XFD3", msg: "no name in the header"},
		{name: "rows out of order", data: func(t testing.TB) []byte {
			return rawBook(t, [][2]string{{"S", goodSheet + `<row r="2"><c r="A2"><v>1</v></c></row>`}}, nil)
		}, sheet: "S", cell: "A2", msg: "out of order"},
		{name: "a cell twice", data: func(t testing.TB) []byte {
			return rawBook(t, [][2]string{{"S", inlineRow(1, "subject", "G08") + `<row r="2"><c r="A2" t="inlineStr"><is><t>汾阳市</t></is></c><c r="B2"><v>38</v></c><c r="B2"><v>39</v></c></row>`}}, nil)
		}, sheet: "S", cell: "B2", msg: "comes twice"},
		{name: "truncated sheet XML", data: func(t testing.TB) []byte {
			return rawBook(t, [][2]string{{"S", `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + goodSheet + `<row r="3"><c r="A3" t="inlineStr"><is><t>孝义`}}, nil)
		}, sheet: "S", cell: "A2", msg: "damaged sheet after row 2"},
		{name: "unknown measure in the template header", data: func(t testing.TB) []byte {
			return rawBook(t, [][2]string{{"填报", inlineRow(1, "县", "绿地率") + inlineRow(2, "subject", "G09.coverag")}}, nil)
		}, sheet: "填报", cell: "B2", msg: `did you mean "G09.coverage"`},
		{name: "unknown subject", data: func(t testing.TB) []byte {
			return rawBook(t, [][2]string{{"S", inlineRow(1, "subject", "F03") + inlineRow(2, "太原市", "3")}}, nil)
		}, sheet: "S", cell: "A2", msg: `unknown subject "太原市"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var path string
			if c.path != nil {
				path = c.path(t)
			} else {
				path = writeTemp(t, "表.xlsx", c.data(t))
			}
			s := set
			if strings.Contains(c.name, "unknown subject") {
				s = loadSet(t, "fitness-2025")
			}
			start := time.Now()
			recs, err := readXLSX(s, path, &inputs.Warnings{})
			t.Logf("refused in %v: %v", time.Since(start).Round(time.Millisecond), err)
			var ie *inputs.Error
			if !errors.As(err, &ie) {
				t.Fatalf("got %d records, error %v; want a refusal saying %q", len(recs), err, c.msg)
			}
			if ie.File != path || ie.Sheet != c.sheet || ie.Cell != c.cell || !strings.Contains(ie.Msg, c.msg) {
				t.Errorf("error %q: want file %s, sheet %q, cell %q, saying %q", err, path, c.sheet, c.cell, c.msg)
			}
			if strings.Contains(err.Error(), "root:") {
				t.Errorf("the message leaks a file the workbook pointed at: %v", err)
			}
		})
	}
}

// TestXLSXSparseLastRow: a value in the last row a spreadsheet has is read
// without the empty rows above it costing anything.
func TestXLSXSparseLastRow(t *testing.T) {
	set := loadSet(t, "garden-county")
	path := writeTemp(t, "表.xlsx", rawBook(t, [][2]string{{"S", goodSheet + `<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>孝义市</t></is></c><c r="B1048576"><v>40</v></c></row>`}}, nil))
	recs, err := readXLSX(set, path, &inputs.Warnings{})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[1].Subject != "孝义市" || recs[1].Line != 1048576 {
		t.Fatalf("got %d records; want 汾阳市 and 孝义市 at row 1048576", len(recs))
	}
}
