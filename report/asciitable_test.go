package report

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
)

// renderBoth renders t as render does and with tablewriter, and says
// whether render took its own path.
func renderBoth(t *testing.T, tb *table) (fast, lib string, fits bool) {
	t.Helper()
	var a, b bytes.Buffer
	if err := tb.render(&a, false, 0); err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	var laid [][]*laidCell
	for _, row := range tb.rows {
		rows = append(rows, tb.cells(row, false, true))
		laid = append(laid, tb.laid(nil, row, nil, false, true))
	}
	if err := tb.tablewriter(&b, tb.cells(tb.header, false, false), rows, false); err != nil {
		t.Fatal(err)
	}
	return a.String(), b.String(), asciiFits(tb.laid(nil, tb.header, nil, false, false), laid)
}

// TestASCIITableMatches holds asciiTable byte-identical to tablewriter on
// tables of the kinds the reports print, and on random ones: CJK, ㎡,
// ambiguous characters (replaced), wrapped cells, blank cells and lines,
// leading and trailing spaces, right-aligned columns.
func TestASCIITableMatches(t *testing.T) {
	tests := []struct {
		name   string
		header []string
		rows   [][]string
		wrap   map[int]int
		right  map[int]bool
	}{
		{name: "one cell", header: []string{"a"}, rows: [][]string{{"b"}}},
		{name: "CJK and ㎡", header: []string{"编号", "指标", "得分"}, rows: [][]string{{"G11", "人均公园绿地面积（㎡/人）", "5/5"}, {"G10", "建成区绿地率（%）", "0/4（乐观 1）"}}, right: map[int]bool{2: true}},
		{name: "wrapped", header: []string{"id", "差距"}, rows: [][]string{{"G15", "①需≥40%，现 22%，差 18 个百分点；②需≥10%，现 2%，差 8 个百分点"}}, wrap: map[int]int{1: 30}},
		{name: "blank cells and lines", header: []string{"x", "y"}, rows: [][]string{{"", ""}, {"a\n\nb", ""}, {"\n", "c"}}},
		{name: "empty column", header: []string{"x", "差距"}, rows: [][]string{{"a", ""}, {"b", ""}}},
		{name: "spaces kept", header: []string{"x", "y"}, rows: [][]string{{"  a  ", " b"}, {"c ", "  "}}, right: map[int]bool{0: true}},
		{name: "header wider than cells", header: []string{"a long header", "b"}, rows: [][]string{{"1", "2"}}, right: map[int]bool{0: true, 1: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tb := newTable(tc.header...)
			for k, v := range tc.wrap {
				tb.wrap[k] = v
			}
			for k, v := range tc.right {
				tb.right[k] = v
			}
			for _, r := range tc.rows {
				tb.add(r...)
			}
			fast, lib, fits := renderBoth(t, tb)
			if !fits {
				t.Fatal("asciiTable refuses a plain table")
			}
			if fast != lib {
				t.Errorf("asciiTable:\n%s\ntablewriter:\n%s", fast, lib)
			}
		})
	}

	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "Z", "1", ".", " ", " ", "中", "县", "㎡", "（", "）", "，", "%", "≥", "①", "—", "\n", "é", "ｱ", "😀", "→", "·"}
	for n := range 400 {
		cols := 1 + rng.IntN(6)
		header := make([]string, cols)
		for i := range header {
			header[i] = "h" + strings.Repeat("列", rng.IntN(3))
		}
		tb := newTable(header...)
		for i := range cols {
			if rng.IntN(3) == 0 {
				tb.right[i] = true
			}
			if rng.IntN(3) == 0 {
				tb.wrap[i] = 4 + rng.IntN(20)
			}
		}
		for range 1 + rng.IntN(6) {
			row := make([]string, cols)
			for i := range row {
				var sb strings.Builder
				for range rng.IntN(30) {
					sb.WriteString(alphabet[rng.IntN(len(alphabet))])
				}
				row[i] = sb.String()
			}
			tb.add(row...)
		}
		fast, lib, _ := renderBoth(t, tb)
		if fast != lib {
			t.Fatalf("random table %d: asciiTable:\n%s\ntablewriter:\n%s\nrows %q", n, fast, lib, tb.rows)
		}
	}
}

// TestASCIITableRefuses: a cell asciiTable cannot measure as tablewriter
// does (a tab, an escape sequence, a carriage return) sends the table to
// tablewriter.
func TestASCIITableRefuses(t *testing.T) {
	for _, cell := range []string{"a\tb", "\x1b[31mred\x1b[0m", "a\rb", "\u0085"} {
		tb := newTable("x")
		tb.add(cell)
		if _, _, fits := renderBoth(t, tb); fits {
			t.Errorf("%q: asciiTable takes a cell it cannot measure", cell)
		}
	}
}

// TestRuneWidth holds runeWidth to tablewriter's own count for every rune
// of the Basic Multilingual Plane and a sample beyond.
func TestRuneWidth(t *testing.T) {
	for r := rune(0x20); r < 0x30000; r++ {
		if r >= 0xd800 && r < 0xe000 || r >= 0x80 && r <= 0x9f || r == 0x7f {
			continue
		}
		if r > 0x10000 && r%7 != 0 {
			continue
		}
		if got, want := runeWidth(r), twwidth.Width(string(r)); got != want {
			t.Fatalf("runeWidth(%U) = %d, tablewriter %d", r, got, want)
		}
	}
}

// TestReplaceAmbiguous holds replaceAmbiguous to a strings.Replacer of the
// same pairs, on every key and on random text around them.
func TestReplaceAmbiguous(t *testing.T) {
	var pairs []string
	var keys []string
	for k, v := range ambiguous {
		if k >= ambiguousBelow {
			t.Fatalf("%q is not below U+2500: replaceAmbiguous would skip it", k)
		}
		pairs = append(pairs, string(k), v)
		keys = append(keys, string(k))
	}
	want := strings.NewReplacer(pairs...)
	rng := rand.New(rand.NewPCG(3, 4))
	alphabet := append(keys, "a", " ", "中", "㎡", "，", "😀", "\n", "é")
	for range 2000 {
		var sb strings.Builder
		for range rng.IntN(20) {
			sb.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		if got, w := replaceAmbiguous(sb.String()), want.Replace(sb.String()); got != w {
			t.Fatalf("replaceAmbiguous(%q) = %q, want %q", sb.String(), got, w)
		}
	}
}

// TestASCIITableAtWidths: a table fitted to a terminal's width prints the
// bytes tablewriter prints of the fitted cells (or the same records when
// nothing fits), at every width, for random tables of the kinds above.
func TestASCIITableAtWidths(t *testing.T) {
	// reference is how a table at a width was printed before asciiTable:
	// fit, then tablewriter or records.
	reference := func(tb *table, width int) string {
		var b bytes.Buffer
		header, rows := tb.cells(tb.header, false, false), make([][]string, len(tb.rows))
		for i, row := range tb.rows {
			rows[i] = tb.cells(row, false, true)
		}
		header, rows, ok := fit(header, rows, width)
		var err error
		if ok {
			err = tb.tablewriter(&b, header, rows, false)
		} else {
			err = writeRecords(&b, header, rows, width)
		}
		if err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	rng := rand.New(rand.NewPCG(3, 4))
	alphabet := []string{"a", "Z", "1", ".", " ", " ", "中", "县", "㎡", "（", "）", "，", "%", "≥", "①", "—", "\n", "é", "😀", "·", "；"}
	fitted, records := 0, 0
	for n := range 150 {
		cols := 1 + rng.IntN(7)
		header := make([]string, cols)
		for i := range header {
			header[i] = "h" + strings.Repeat("列", rng.IntN(4))
		}
		tb := newTable(header...)
		for i := range cols {
			if rng.IntN(3) == 0 {
				tb.right[i] = true
			}
			if rng.IntN(3) == 0 {
				tb.wrap[i] = 4 + rng.IntN(20)
			}
		}
		for range 1 + rng.IntN(5) {
			row := make([]string, cols)
			for i := range row {
				var sb strings.Builder
				for range rng.IntN(40) {
					sb.WriteString(alphabet[rng.IntN(len(alphabet))])
				}
				row[i] = sb.String()
			}
			tb.add(row...)
		}
		for _, width := range []int{20, 32, 40, 57, 80, 100, 132} {
			want := reference(tb, width)
			var got bytes.Buffer
			if err := tb.render(&got, false, width); err != nil {
				t.Fatal(err)
			}
			if got.String() != want {
				t.Fatalf("table %d at width %d:\ngot\n%s\nwant\n%s\nrows %q", n, width, got.String(), want, tb.rows)
			}
			if strings.HasPrefix(want, "+") {
				fitted++
			} else {
				records++
			}
		}
	}
	if fitted == 0 || records == 0 {
		t.Errorf("%d fitted tables and %d laid out as records: both kinds must be tested", fitted, records)
	}
}
