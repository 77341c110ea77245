package inputs

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// sameAsCSV reads data with rowReader and with encoding/csv, as newCSV
// does (the header fixes the number of cells), and reports the first
// difference: in a row, an error, or the line of a cell.
func sameAsCSV(data []byte, size int) error {
	want := csv.NewReader(bufio.NewReaderSize(bytes.NewReader(data), size))
	want.ReuseRecord = true
	got := newRowReader(bufio.NewReaderSize(bytes.NewReader(data), size))
	for n := 0; ; n++ {
		wrow, werr := want.Read()
		grow, gerr := got.Read()
		if fmt.Sprint(werr) != fmt.Sprint(gerr) || (werr == nil) != (gerr == nil) {
			return fmt.Errorf("row %d: error %v, encoding/csv %v", n, gerr, werr)
		}
		var wpe, gpe *csv.ParseError
		if errors.As(werr, &wpe) != errors.As(gerr, &gpe) || wpe != nil && *wpe != *gpe {
			return fmt.Errorf("row %d: error %#v, encoding/csv %#v", n, gpe, wpe)
		}
		if !slices.Equal(wrow, grow) {
			return fmt.Errorf("row %d: %q, encoding/csv %q", n, grow, wrow)
		}
		if werr == io.EOF {
			return nil
		}
		if got.isText {
			for i, cell := range grow {
				if err := checkCell(cell); err != nil {
					return fmt.Errorf("row %d cell %d %q: taken for text, but %v", n, i, cell, err)
				}
			}
		}
		if werr == nil {
			for i := range wrow {
				if line, _ := want.FieldPos(i); got.fieldLine(i) != line {
					return fmt.Errorf("row %d cell %d: line %d, encoding/csv %d", n, i, got.fieldLine(i), line)
				}
			}
		}
		if n == 0 && werr == nil {
			want.FieldsPerRecord = len(wrow)
			got.fields = len(wrow)
		}
	}
}

// TestRowReaderAsCSV: the fast path gives what encoding/csv gives, on the
// shapes where the two could part: blank lines, \r\n, a lone \r, a quote
// anywhere, a stray comma, a last line with no line break, a line longer
// than the buffer, and NUL and non-ASCII bytes.
func TestRowReaderAsCSV(t *testing.T) {
	long := strings.Repeat("x", 5000)
	cases := []string{
		"",
		"\n\n",
		"a,b\n1,2\n",
		"a,b\r\n1,2\r\n\r\n3,4\r\n",
		"a,b\n1,2",
		"a,b\n1,2\r",
		"a,b\n1,2\n\n\n3,4\n",
		"a,b\n1\r2,3\n",
		"a,b\n1,2,3\n4,5\n",
		"a,b\n1\n4,5\n",
		"a,b\n1,2\n\"x\",3\n4,5\n",
		"a,b\n1,2\nx\"y,3\n4,5\n",
		"a,b\n1,2\n\"x\ny\",3\n4,5\n6\n",
		"a,b\n1,2\n\"x,3\n4,5\n",
		"\"a\",b\n1,2\n",
		"a,b\n" + long + ",1\n2,3\n",
		"a,b\n" + long + "," + long + "\n2,3,4\n",
		"a,b\n\x00,\xff\xfe\n县,é\n",
		",\n,\n",
		"a,b\n1,2\n\"\"\"\",3\n\n4,5\n",
	}
	for _, c := range cases {
		if err := sameAsCSV([]byte(c), minShared); err != nil {
			t.Errorf("%.60q: %v", c, err)
		}
	}
}

// TestRowReaderAsCSVGenerated: thousands of files made of the bytes that
// matter to a CSV reader, on two buffer sizes.
func TestRowReaderAsCSVGenerated(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "1", ",", ",", "\"", "\n", "\n", "\r", "\r\n", " ", "县", "\x00", "\xe5", "\xff"}
	for n := range 4000 {
		var b strings.Builder
		for range rng.IntN(60) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		if n%50 == 0 {
			b.WriteString(strings.Repeat("y", 4000+rng.IntN(300)))
			b.WriteString("\n1,2\n")
		}
		for _, size := range []int{minShared, 64 << 10} {
			if err := sameAsCSV([]byte(b.String()), size); err != nil {
				t.Fatalf("%q (buffer %d): %v", b.String(), size, err)
			}
		}
	}
}

// FuzzRowReader: go test -fuzz FuzzRowReader ./inputs
func FuzzRowReader(f *testing.F) {
	f.Add([]byte("a,b\n1,2\r\n\"x\",3\n"))
	f.Add([]byte("a,b\n1,2,3\n\n4"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := sameAsCSV(data, minShared); err != nil {
			t.Fatal(err)
		}
	})
}

// TestRowReaderText: a row is taken for text as a whole only when it is:
// a NUL or a byte that is not UTF-8 anywhere leaves every cell to be
// checked on its own.
func TestRowReaderText(t *testing.T) {
	for _, tc := range []struct {
		line string
		text bool
	}{
		{"县1,38.9,true", true},
		{"a,b", true},
		{"a,\x00", false},
		{"\xff,b", false},
		{"县\xe5,b", false}, // a character cut short
	} {
		r := newRowReader(bufio.NewReader(strings.NewReader(tc.line + "\n")))
		if _, err := r.Read(); err != nil {
			t.Fatal(err)
		}
		if r.isText != tc.text {
			t.Errorf("%q: taken for text %t, want %t", tc.line, r.isText, tc.text)
		}
	}
}

// TestRowReaderSmallBuffer: a buffer smaller than encoding/csv shares is
// widened, so the hand-over reads on from the right place.
func TestRowReaderSmallBuffer(t *testing.T) {
	data := "a,b\n1,2\n\"x\",3\n4,5\n"
	r := newRowReader(bufio.NewReaderSize(strings.NewReader(data), 16))
	var got [][]string
	for {
		row, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		kept := make([]string, len(row))
		for i, cell := range row {
			kept[i] = strings.Clone(cell) // valid only until the next Read
		}
		got = append(got, kept)
	}
	if fmt.Sprint(got) != "[[a b] [1 2] [x 3] [4 5]]" {
		t.Errorf("rows %q", got)
	}
}
