package report

import (
	"bytes"
	"encoding/csv"
	"math/rand/v2"
	"strings"
	"testing"

	"countyscore/exact"
)

// TestCSVWriterMatchesEncodingCSV holds the hand-written writer to
// encoding/csv: the same bytes for the same safe cells, for cells that need
// quotes, cells that start with a formula character or a space, and
// thousands of random ones; and a number written by num as num(d) made
// safe would be.
func TestCSVWriterMatchesEncodingCSV(t *testing.T) {
	tests := []struct {
		name  string
		cells []string
	}{
		{"plain", []string{"县0000001", "true", "38.9", ""}},
		{"quotes", []string{`say "hi"`, `"`, `""`, `a""b"`}},
		{"separators", []string{"a,b", "line\nbreak", "cr\rhere", "crlf\r\n"}},
		{"spaces", []string{" lead", "trail ", "\u3000全角", "\u00a0nbsp", "\tTab", "\vvt", "\fff", "\u0085nel", "\x1fus", "~tilde"}},
		{"formulas", []string{"=1+1", "+1", "-1", "@SUM", "\rx", "'quoted"}},
		{"backslash dot", []string{`\.`, `\.x`}},
		{"empty row", []string{}},
		{"one empty cell", []string{""}},
	}
	rng := rand.New(rand.NewPCG(13, 2))
	alphabet := []string{"a", "1", ".", ",", `"`, "\n", "\r", " ", "\t", "=", "-", "+", "@", "\\", "县", "\u3000", "\u00a0", "'"}
	for n := range 2000 {
		cells := make([]string, rng.IntN(6))
		for i := range cells {
			var b strings.Builder
			for range rng.IntN(6) {
				b.WriteString(alphabet[rng.IntN(len(alphabet))])
			}
			cells[i] = b.String()
		}
		tests = append(tests, struct {
			name  string
			cells []string
		}{name: "random " + string(rune('a'+n%26)), cells: cells})
	}
	for _, tc := range tests {
		var want, got, built bytes.Buffer
		ref := csv.NewWriter(&want)
		safe := make([]string, len(tc.cells))
		for i, s := range tc.cells {
			safe[i] = safeCell(s)
		}
		if err := ref.Write(safe); err != nil {
			t.Fatal(err)
		}
		ref.Flush()
		c := newCSVWriter(&got)
		if err := c.row(append([]string(nil), tc.cells...)...); err != nil {
			t.Fatal(err)
		}
		c.flush()
		b := newCSVWriter(&built)
		b.begin()
		for _, s := range tc.cells {
			b.cell(s)
		}
		b.end()
		b.flush()
		if got.String() != want.String() || built.String() != want.String() {
			t.Errorf("%s %q:\nrow  %q\ncell %q\nwant %q", tc.name, tc.cells, got.String(), built.String(), want.String())
		}
	}
	for _, s := range []string{"0", "0.000", "-0.5", "38.90", "-12", "100", "999999999999.999999", "-0.000001"} {
		d := exact.MustParse(s)
		var got bytes.Buffer
		c := newCSVWriter(&got)
		c.begin()
		c.cell("x")
		c.num(d)
		c.end()
		c.flush()
		if want := "x," + safeCell(num(d)) + "\n"; got.String() != want {
			t.Errorf("num(%s) = %q, want %q", s, got.String(), want)
		}
	}
}

// TestCSVSectionKeepsWidth: a section row is padded to the first row's
// width and does not set it.
func TestCSVSectionKeepsWidth(t *testing.T) {
	tests := []struct {
		name  string
		write func(c *csvWriter)
		want  string
	}{
		{"padded to the first row", func(c *csvWriter) { c.row("a", "b", "c"); c.section("#s", "=x") }, "a,b,c\n#s,'=x,\n"},
		{"a section first sets no width", func(c *csvWriter) { c.section("#s"); c.row("a", "b"); c.section("#t") }, "#s\na,b\n#t,\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			c := newCSVWriter(&b)
			tc.write(c)
			c.flush()
			if b.String() != tc.want {
				t.Errorf("got %q, want %q", b.String(), tc.want)
			}
		})
	}
}
