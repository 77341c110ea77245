package inputs_test

// Spreadsheet reality: the shapes real sheets and hand-edited files arrive
// in. What can be read with certainty must read the same whatever the
// shape (byte-identical JSON); what cannot must be refused with the file,
// line and field named.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf16"

	"countyscore/criteria"
	"countyscore/inputs"
	"countyscore/pipeline"
	"countyscore/report"
)

var (
	setMu    sync.Mutex
	setCache = map[string]*criteria.Set{}
)

func loadSet(t testing.TB, id string) *criteria.Set {
	t.Helper()
	setMu.Lock()
	defer setMu.Unlock()
	if s, ok := setCache[id]; ok {
		return s
	}
	s, err := criteria.Load(id)
	if err != nil {
		t.Fatalf("load %s: %v", id, err)
	}
	setCache[id] = s
	return s
}

// ---- building sheets -------------------------------------------------------

// sheet is a CSV before it is written: a header and rows of cells.
type sheet struct {
	header []string
	rows   [][]string
}

func (s sheet) clone() sheet {
	out := sheet{header: append([]string(nil), s.header...)}
	for _, r := range s.rows {
		out.rows = append(out.rows, append([]string(nil), r...))
	}
	return out
}

// bytes writes the sheet as a spreadsheet would: cells holding a comma,
// quote or line break are quoted, lines end in eol.
func (s sheet) bytes(eol string) []byte {
	var b strings.Builder
	line := func(cells []string) {
		for i, c := range cells {
			if i > 0 {
				b.WriteByte(',')
			}
			if strings.ContainsAny(c, ",\"\r\n") {
				c = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
			}
			b.WriteString(c)
		}
		b.WriteString(eol)
	}
	line(s.header)
	for _, r := range s.rows {
		line(r)
	}
	return []byte(b.String())
}

// mapCells rewrites every data cell of a measure column of the given kinds.
func (s sheet) mapCells(set *criteria.Set, kinds string, f func(string) string) sheet {
	out := s.clone()
	for j, name := range out.header {
		m, ok := set.Measure(name)
		if !ok || !strings.Contains(kinds, m.Kind) {
			continue
		}
		for _, r := range out.rows {
			if r[j] != "" {
				r[j] = f(r[j])
			}
		}
	}
	return out
}

// column rewrites the cells of one column.
func (s sheet) column(name string, f func(row int, cell string) string) sheet {
	out := s.clone()
	for j, h := range out.header {
		if h == name {
			for i, r := range out.rows {
				r[j] = f(i, r[j])
			}
		}
	}
	return out
}

// permute reorders the columns: order[k] is the old index of new column k.
func (s sheet) permute(order []int) sheet {
	out := sheet{header: make([]string, len(order))}
	for k, j := range order {
		out.header[k] = s.header[j]
	}
	for _, r := range s.rows {
		nr := make([]string, len(order))
		for k, j := range order {
			nr[k] = r[j]
		}
		out.rows = append(out.rows, nr)
	}
	return out
}

// addColumn appends a column with the same cell in every row.
func (s sheet) addColumn(name, cell string) sheet {
	out := s.clone()
	out.header = append(out.header, name)
	for i := range out.rows {
		out.rows[i] = append(out.rows[i], cell)
	}
	return out
}

// fullWidth turns ASCII digits and punctuation into their full-width forms,
// as a Chinese input method types them: 38.5% → ３８．５％.
func fullWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r > ' ' && r <= '~' {
			return r - '!' + '！'
		}
		return r
	}, s)
}

// boolSpellings are the ways a sheet says yes and no, cycled through the
// bool cells.
var (
	yesSpellings = []string{"是", "√", "true", "TRUE", "True", "yes", "YES", "Yes", "y", "Y", "1", "✓", "ｙｅｓ", "１"}
	noSpellings  = []string{"否", "×", "false", "FALSE", "False", "no", "NO", "No", "n", "N", "0", "nO", "ｎｏ", "０"}
)

// spellBools rewrites bool cells using spell(i, yes) for the i-th bool cell.
func (s sheet) spellBools(set *criteria.Set, spell func(i int, yes bool) string) sheet {
	i := 0
	return s.mapCells(set, criteria.Bool, func(c string) string {
		i++
		return spell(i, c == "true")
	})
}

// gardenSheet is the reference garden-county sheet: two subjects, every
// measure of the set with a plausible value, a few left blank.
func gardenSheet(t testing.TB) sheet {
	set := loadSet(t, "garden-county")
	pcts := []string{"92.5", "41.2", "38", "85", "100", "0", "60.25", "97.3"}
	nums := []string{"12.5", "1.2", "0.85", "3"}
	counts := []string{"3", "0", "12", "2"}
	s := sheet{header: []string{"subject", "population", "year"}}
	rowA := []string{"汾阳市", "420000", "2024"}
	rowB := []string{"孝义市", "480000", "2024"}
	for i, m := range set.Measures {
		s.header = append(s.header, m.ID)
		var a, b string
		switch m.Kind {
		case criteria.Bool:
			a, b = fmt.Sprint(i%5 != 3), fmt.Sprint(i%3 != 0)
		case criteria.Pct:
			a, b = pcts[i%len(pcts)], pcts[(i+3)%len(pcts)]
		case criteria.Num:
			a, b = nums[i%len(nums)], nums[(i+1)%len(nums)]
		case criteria.Count:
			a, b = counts[i%len(counts)], counts[(i+1)%len(counts)]
		}
		if i%17 == 5 { // not measured
			a = ""
		}
		if i%19 == 7 {
			b = ""
		}
		rowA, rowB = append(rowA, a), append(rowB, b)
	}
	s.rows = [][]string{rowA, rowB}
	return s
}

// gardenTOML writes row r of the sheet as the TOML a county fills in:
// numbers as TOML numbers, bools as true/false, or, with asStrings, every
// value as the string a spreadsheet cell would hold.
func gardenTOML(t testing.TB, s sheet, r int, asStrings bool) []byte {
	set := loadSet(t, "garden-county")
	var b strings.Builder
	b.WriteString("# filled in by hand\n")
	for j, h := range s.header {
		cell := s.rows[r][j]
		switch h {
		case "subject":
			fmt.Fprintf(&b, "subject = %q\n", cell)
		case "population", "year":
			if asStrings {
				fmt.Fprintf(&b, "%s = %q\n", h, cell)
			} else {
				fmt.Fprintf(&b, "%s = %s\n", h, cell)
			}
		}
	}
	fmt.Fprintf(&b, "\n[%s]\n", set.ID)
	for j, h := range s.header {
		m, ok := set.Measure(h)
		if !ok {
			continue
		}
		cell := s.rows[r][j]
		switch {
		case cell == "":
			fmt.Fprintf(&b, "%s = \"\"   # not measured\n", h)
		case asStrings:
			fmt.Fprintf(&b, "%s = %q\n", h, cell)
		case m.Kind == criteria.Bool:
			fmt.Fprintf(&b, "%s = %s\n", h, cell)
		default:
			fmt.Fprintf(&b, "%s = %s\n", h, cell)
		}
	}
	return []byte(b.String())
}

// ---- reading and rendering -------------------------------------------------

// readBytes reads one input, TOML or CSV by its name's extension.
func readBytes(set *criteria.Set, file string, data []byte, w *inputs.Warnings) ([]*inputs.Record, error) {
	if strings.HasSuffix(file, ".toml") {
		rec, err := inputs.ReadTOML(file, data, set, w)
		if err != nil {
			return nil, err
		}
		return []*inputs.Record{rec}, nil
	}
	return readCSV(set, file, bytes.NewReader(data), w)
}

func readCSV(set *criteria.Set, file string, r io.Reader, w *inputs.Warnings) ([]*inputs.Record, error) {
	c, err := inputs.NewCSV(file, r, set, w)
	if err != nil {
		return nil, err
	}
	var recs []*inputs.Record
	for {
		rec, err := c.Next()
		if err == io.EOF {
			return recs, nil
		}
		if err != nil {
			return nil, err
		}
		recs = append(recs, rec)
	}
}

// render scores recs and renders them as JSON.
func render(t *testing.T, set *criteria.Set, recs []*inputs.Record) []byte {
	t.Helper()
	var b bytes.Buffer
	doc, err := pipeline.ScoreRecords(set, recs, &inputs.Warnings{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := report.New("json", "zh", doc.Kind())
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Render(&b, doc); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// fingerprint is everything a record says, bar where it came from, so two
// shapes of one sheet can be compared beyond what the JSON shows
// (population, for one, does not appear in garden-county's JSON).
func fingerprint(recs []*inputs.Record) string {
	var b strings.Builder
	val := func(v inputs.Value) string {
		if !v.Given {
			return "-"
		}
		return fmt.Sprintf("%v/%s", v.Bool, v.Num.String())
	}
	for _, r := range recs {
		fmt.Fprintf(&b, "%s known=%v level=%s pop=%s year=%d ill=%v:", r.Subject, r.Level != "", r.Level, val(r.Population), r.Year, r.Illustrative)
		for _, v := range r.Values {
			b.WriteString(" " + val(v))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// ---- accepted shapes -------------------------------------------------------

type shapeCase struct {
	name string
	file string
	data func(t testing.TB) []byte
}

func TestAcceptedShapesGardenCounty(t *testing.T) {
	set := loadSet(t, "garden-county")
	base := func(t testing.TB) sheet { return gardenSheet(t) }
	csvOf := func(f func(s sheet) sheet, eol string) func(t testing.TB) []byte {
		return func(t testing.TB) []byte { return f(base(t)).bytes(eol) }
	}
	same := func(s sheet) sheet { return s }
	numbers := criteria.Pct + criteria.Num + criteria.Count
	subjects := func(names ...string) func(s sheet) sheet {
		return func(s sheet) sheet { return s.column("subject", func(i int, _ string) string { return names[i] }) }
	}
	reversed := func(s sheet) sheet {
		order := make([]int, len(s.header))
		for k := range order {
			order[k] = len(order) - 1 - k
		}
		return s.permute(order)
	}
	shuffled := func(s sheet) sheet {
		// A fixed shuffle: stride 7 through the columns (7 is prime to
		// their number), so subject lands in the middle.
		n := len(s.header)
		order := make([]int, n)
		for k := range order {
			order[k] = (k*7 + 5) % n
		}
		return s.permute(order)
	}
	cases := []shapeCase{
		{"utf-8 BOM", "bom.csv", func(t testing.TB) []byte {
			return append([]byte("\xef\xbb\xbf"), base(t).bytes("\n")...)
		}},
		{"CRLF line ends", "crlf.csv", csvOf(same, "\r\n")},
		{"BOM and CRLF, as Excel saves CSV UTF-8", "excel.csv", func(t testing.TB) []byte {
			return append([]byte("\xef\xbb\xbf"), base(t).bytes("\r\n")...)
		}},
		{"no newline after the last row", "noeol.csv", func(t testing.TB) []byte {
			return bytes.TrimSuffix(base(t).bytes("\n"), []byte("\n"))
		}},
		{"full-width digits and points", "fullwidth.csv", csvOf(func(s sheet) sheet {
			return s.mapCells(set, numbers, fullWidth).column("population", func(_ int, c string) string { return fullWidth(c) }).
				column("year", func(_ int, c string) string { return fullWidth(c) })
		}, "\n")},
		{"full-width percent sign ８５％", "fullwidth-pct.csv", csvOf(func(s sheet) sheet {
			return s.mapCells(set, criteria.Pct, func(c string) string { return fullWidth(c + "%") })
		}, "\n")},
		{"ASCII spaces around cells and column names", "spaces.csv", csvOf(func(s sheet) sheet {
			s = s.clone()
			for j := range s.header {
				s.header[j] = " " + s.header[j] + "  "
			}
			for _, r := range s.rows {
				for j := range r {
					r[j] = "  " + r[j] + " "
				}
			}
			return s
		}, "\n")},
		{"ideographic spaces U+3000 around cells", "u3000.csv", csvOf(func(s sheet) sheet {
			s = s.clone()
			for _, r := range s.rows {
				for j := range r {
					r[j] = "\u3000" + r[j] + "\u3000\u3000"
				}
			}
			return s
		}, "\n")},
		{"tabs and no-break spaces around cells", "nbsp.csv", csvOf(func(s sheet) sheet {
			return s.mapCells(set, numbers+criteria.Bool, func(c string) string { return "\t" + c + "\u00a0" })
		}, "\n")},
		{"short names for subjects", "short.csv", csvOf(subjects("汾阳", "孝义"), "\n")},
		{"division codes for subjects", "codes.csv", csvOf(subjects("141182", "141181"), "\n")},
		{"full-width division codes and a name in spaces", "codes-fw.csv", csvOf(subjects("１４１１８２", " 孝义市\u3000"), "\n")},
		{"booleans 是 and 否", "zh-bool.csv", csvOf(func(s sheet) sheet {
			return s.spellBools(set, func(_ int, yes bool) string { return map[bool]string{true: "是", false: "否"}[yes] })
		}, "\n")},
		{"booleans √ and ×", "tick-bool.csv", csvOf(func(s sheet) sheet {
			return s.spellBools(set, func(_ int, yes bool) string { return map[bool]string{true: "√", false: "×"}[yes] })
		}, "\n")},
		{"booleans TRUE and FALSE", "upper-bool.csv", csvOf(func(s sheet) sheet {
			return s.spellBools(set, func(_ int, yes bool) string { return map[bool]string{true: "TRUE", false: "FALSE"}[yes] })
		}, "\n")},
		{"booleans Yes and nO", "mixed-case-bool.csv", csvOf(func(s sheet) sheet {
			return s.spellBools(set, func(_ int, yes bool) string { return map[bool]string{true: "Yes", false: "nO"}[yes] })
		}, "\n")},
		{"booleans y and N", "yn-bool.csv", csvOf(func(s sheet) sheet {
			return s.spellBools(set, func(_ int, yes bool) string { return map[bool]string{true: "y", false: "N"}[yes] })
		}, "\n")},
		{"booleans 1 and 0", "10-bool.csv", csvOf(func(s sheet) sheet {
			return s.spellBools(set, func(_ int, yes bool) string { return map[bool]string{true: "1", false: "0"}[yes] })
		}, "\n")},
		{"booleans in every spelling at once", "every-bool.csv", csvOf(func(s sheet) sheet {
			return s.spellBools(set, func(i int, yes bool) string {
				if yes {
					return yesSpellings[i%len(yesSpellings)]
				}
				return noSpellings[i%len(noSpellings)]
			})
		}, "\n")},
		{"columns reversed, subject last", "reversed.csv", csvOf(reversed, "\n")},
		{"columns shuffled, subject in the middle", "shuffled.csv", csvOf(shuffled, "\n")},
		{"trailing % on pct cells", "pct.csv", csvOf(func(s sheet) sheet {
			return s.mapCells(set, criteria.Pct, func(c string) string { return c + "%" })
		}, "\n")},
		{"a space before the trailing %", "pct-space.csv", csvOf(func(s sheet) sheet {
			return s.mapCells(set, criteria.Pct, func(c string) string { return c + " %" })
		}, "\n")},
		{"trailing zeros and a leading plus", "zeros.csv", csvOf(func(s sheet) sheet {
			return s.mapCells(set, criteria.Pct+criteria.Num, func(c string) string {
				if strings.Contains(c, ".") {
					return "+" + c + "00"
				}
				return c + ".0"
			})
		}, "\n")},
		{"thousands separators in population", "thousands.csv", csvOf(func(s sheet) sheet {
			return s.column("population", func(_ int, c string) string { return c[:3] + "," + c[3:] })
		}, "\n")},
		{"full-width thousands separators ４２０，０００", "thousands-fw.csv", csvOf(func(s sheet) sheet {
			return s.column("population", func(_ int, c string) string { return fullWidth(c[:3] + "," + c[3:]) })
		}, "\n")},
		{"year written 2024年", "year.csv", csvOf(func(s sheet) sheet {
			return s.column("year", func(_ int, c string) string { return c + "年" })
		}, "\n")},
		{"every cell quoted", "quoted.csv", func(t testing.TB) []byte {
			s := base(t)
			var b strings.Builder
			for _, line := range append([][]string{s.header}, s.rows...) {
				for j, c := range line {
					if j > 0 {
						b.WriteByte(',')
					}
					b.WriteString(`"` + c + `"`)
				}
				b.WriteString("\n")
			}
			return []byte(b.String())
		}},
		{"trailing blank rows", "blank-rows.csv", func(t testing.TB) []byte {
			s := base(t)
			blank := strings.Repeat(",", len(s.header)-1)
			spaced := " " + strings.Repeat(",\u3000", len(s.header)-1)
			return append(s.bytes("\r\n"), []byte(blank+"\r\n"+blank+"\r\n\r\n"+spaced+"\r\n"+blank)...)
		}},
		{"blank row between subjects", "gap.csv", func(t testing.TB) []byte {
			s := base(t)
			blank := sheet{header: s.header, rows: [][]string{make([]string, len(s.header))}}
			lines := strings.SplitAfter(string(s.bytes("\n")), "\n")
			return []byte(lines[0] + lines[1] + strings.SplitAfter(string(blank.bytes("\n")), "\n")[1] + lines[2])
		}},
		{"columns of other built-in sets", "multi-set.csv", csvOf(func(s sheet) sheet {
			return s.addColumn("F02", "3").addColumn("B01", "x").addColumn("F12.2024", "")
		}, "\n")},
		{"illustrative column", "illustrative.csv", csvOf(func(s sheet) sheet {
			return s.addColumn("illustrative", "否")
		}, "\n")},
		{"everything at once", "all.csv", func(t testing.TB) []byte {
			s := base(t).mapCells(set, criteria.Pct, func(c string) string { return fullWidth(c) + "％" }).
				mapCells(set, criteria.Num+criteria.Count, func(c string) string { return "\u3000" + fullWidth(c) + " " }).
				spellBools(set, func(i int, yes bool) string {
					if yes {
						return yesSpellings[(i*3)%len(yesSpellings)]
					}
					return noSpellings[(i*5)%len(noSpellings)]
				}).
				column("population", func(_ int, c string) string { return c[:3] + "," + c[3:] }).
				column("subject", func(i int, _ string) string { return []string{"汾阳", "１４１１８１"}[i] })
			s = shuffled(s)
			blank := strings.Repeat(",", len(s.header)-1)
			return append(append([]byte("\xef\xbb\xbf"), s.bytes("\r\n")...), []byte(blank+"\r\n\r\n")...)
		}},
	}

	ref := base(t)
	w := &inputs.Warnings{}
	wantRecs, err := readBytes(set, "ref.csv", ref.bytes("\n"), w)
	if err != nil {
		t.Fatalf("reference sheet: %v", err)
	}
	if len(wantRecs) != 2 {
		t.Fatalf("reference sheet: %d records, want 2", len(wantRecs))
	}
	if len(w.List()) != 0 {
		t.Fatalf("reference sheet warns: %v", w.List())
	}
	wantJSON, wantPrint := render(t, set, wantRecs), fingerprint(wantRecs)

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := c.data(t)
			w := &inputs.Warnings{}
			recs, err := readBytes(set, c.file, data, w)
			if err != nil {
				t.Fatalf("refused: %v\ninput:\n%s", err, data)
			}
			if got := fingerprint(recs); got != wantPrint {
				t.Errorf("records differ from the reference sheet:\ngot  %s\nwant %s", got, wantPrint)
			}
			if got := render(t, set, recs); !bytes.Equal(got, wantJSON) {
				t.Errorf("JSON differs from the reference sheet:\ngot  %s\nwant %s", got, wantJSON)
			}
			if len(w.List()) != 0 {
				t.Errorf("unexpected warnings: %v", w.List())
			}
		})
	}

	// The same values typed into one TOML file per subject.
	for _, asStrings := range []bool{false, true} {
		name := "TOML, numbers and booleans as TOML values"
		if asStrings {
			name = "TOML, values as spreadsheet strings"
		}
		t.Run(name, func(t *testing.T) {
			var recs []*inputs.Record
			for r := range ref.rows {
				data := gardenTOML(t, ref, r, asStrings)
				rec, err := inputs.ReadTOML(fmt.Sprintf("s%d.toml", r), data, set, &inputs.Warnings{})
				if err != nil {
					t.Fatalf("refused: %v\ninput:\n%s", err, data)
				}
				recs = append(recs, rec)
			}
			if got := fingerprint(recs); got != wantPrint {
				t.Errorf("records differ from the reference sheet:\ngot  %s\nwant %s", got, wantPrint)
			}
			if got := render(t, set, recs); !bytes.Equal(got, wantJSON) {
				t.Errorf("JSON differs from the reference sheet:\ngot  %s\nwant %s", got, wantJSON)
			}
		})
	}
}

// TestAcceptedShapesQuota checks the same for a quota set, whose targets
// depend on population: thousands separators must not change a target.
func TestAcceptedShapesQuota(t *testing.T) {
	set := loadSet(t, "fitness-2025")
	ref := []byte("subject,population,year,F01.baseline,F01.current,F03,F12.2023,F12.2024,F13.2023,F16\n" +
		"汾阳市,420000,2024,1.8,2.3,12.5,4,5,60,9\n" +
		"孝义市,480000,2024,2.4,2.5,20,3,,55,12\n")
	cases := []struct {
		name string
		data string
	}{
		{"thousands separators", "\xef\xbb\xbfsubject,population,year,F01.baseline,F01.current,F03,F12.2023,F12.2024,F13.2023,F16\r\n" +
			"汾阳市,\"420,000\",2024,1.8,2.3,12.5,4,5,60,9\r\n" +
			"孝义市,\"480,000\",2024,2.4,2.5,20,3,,55,12\r\n"},
		{"full-width, codes and short names", "subject,population,year,F01.baseline,F01.current,F03,F12.2023,F12.2024,F13.2023,F16\n" +
			"１４１１８２,４２０，０００,２０２４,１．８,２．３,１２．５,４,５,６０,９\n" +
			" 孝义 ,480000,2024年,2.40,2.5,20.0,3,　,55,12\n,,,,,,,,,\n"},
		{"columns in another order", "F16,F13.2023,F12.2024,F12.2023,F03,F01.current,F01.baseline,year,population,subject\n" +
			"9,60,5,4,12.5,2.3,1.8,2024,420000,汾阳市\n" +
			"12,55,,3,20,2.5,2.4,2024,480000,孝义市\n"},
	}
	wantRecs, err := readBytes(set, "ref.csv", ref, &inputs.Warnings{})
	if err != nil {
		t.Fatal(err)
	}
	wantJSON, wantPrint := render(t, set, wantRecs), fingerprint(wantRecs)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			recs, err := readBytes(set, "q.csv", []byte(c.data), &inputs.Warnings{})
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			if got := fingerprint(recs); got != wantPrint {
				t.Errorf("records differ:\ngot  %s\nwant %s", got, wantPrint)
			}
			if got := render(t, set, recs); !bytes.Equal(got, wantJSON) {
				t.Errorf("JSON differs:\ngot  %s\nwant %s", got, wantJSON)
			}
		})
	}
	t.Run("TOML", func(t *testing.T) {
		var recs []*inputs.Record
		for i, data := range []string{
			"subject = \"汾阳\"\npopulation = 420_000\nyear = 2024\n[fitness-2025]\nF01.baseline = 1.8\nF01.current = 2.3\nF03 = 12.5\nF12.2023 = 4\nF12.2024 = 5\nF13.2023 = 60\nF16 = 9\n",
			"subject = \"141181\"\npopulation = \"480,000\"\nyear = \"2024\"\n[fitness-2025]\nF01 = { baseline = \"2.4\", current = 2.5 }\nF03 = 20\nF12.2023 = \"３\"\nF13.2023 = 55\nF16 = \"12\"\n",
		} {
			rec, err := inputs.ReadTOML(fmt.Sprintf("s%d.toml", i), []byte(data), set, &inputs.Warnings{})
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			recs = append(recs, rec)
		}
		if got := fingerprint(recs); got != wantPrint {
			t.Errorf("records differ:\ngot  %s\nwant %s", got, wantPrint)
		}
		if got := render(t, set, recs); !bytes.Equal(got, wantJSON) {
			t.Errorf("JSON differs:\ngot  %s\nwant %s", got, wantJSON)
		}
	})
}

// TestFractionPercentWarns: a percent typed as a fraction (0.4 for 40 %) is
// read as typed, with a warning naming where.
func TestFractionPercentWarns(t *testing.T) {
	set := loadSet(t, "garden-county")
	cases := []struct {
		name, file, data, where string
	}{
		{"CSV", "f.csv", "subject,G08,G10\n汾阳市,0.4,38\n孝义市,0.5,0.25\n", "f.csv:2"},
		{"CSV, full-width", "fw.csv", "subject,G08\n汾阳市,０．４\n", "fw.csv:2"},
		{"TOML number", "f.toml", "subject = \"汾阳市\"\n[garden-county]\nG10 = 38\nG08 = 0.4\n", "f.toml:4"},
		{"TOML string", "s.toml", "subject = \"汾阳市\"\n[garden-county]\nG08 = \"0.4\"\n", "s.toml:3"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := &inputs.Warnings{}
			recs, err := readBytes(set, c.file, []byte(c.data), w)
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			idx, _ := set.MeasureIndex("G08")
			if v := recs[0].Values[idx]; !v.Given || v.Num.String() != "0.4" {
				t.Errorf("G08 read as %+v, want 0.4 as typed", v)
			}
			list := w.List()
			if len(list) == 0 {
				t.Fatalf("no warning for a percent typed as a fraction")
			}
			if !strings.Contains(list[0], c.where) || !strings.Contains(list[0], "G08") || !strings.Contains(list[0], "fraction") {
				t.Errorf("warning %q does not name %s, G08 and the fraction", list[0], c.where)
			}
		})
	}
	t.Run("0.4% is a percent, not a fraction", func(t *testing.T) {
		w := &inputs.Warnings{}
		if _, err := readBytes(set, "p.csv", []byte("subject,G08\n汾阳市,0.4%\n"), w); err != nil {
			t.Fatal(err)
		}
		if len(w.List()) != 0 {
			t.Errorf("warned about 0.4%%: %v", w.List())
		}
	})
}

// ---- refused shapes ---------------------------------------------------------

func utf16le(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xff, 0xfe)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

func utf16be(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xfe, 0xff)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return b
}

// gbk is 汾阳市 in GBK, the encoding a Chinese Excel saves "CSV" in.
const gbk = "\xb7\xda\xd1\xf4\xca\xd0"

type refusal struct {
	name  string
	set   string // criteria set; garden-county when empty
	file  string
	data  []byte
	line  int    // 0: a problem of the whole file
	field string // "": not one field's
	msg   string // a substring of the message
}

func checkRefusal(t *testing.T, err error, file string, line int, field, msg string) {
	t.Helper()
	if err == nil {
		t.Fatalf("accepted; want a refusal containing %q", msg)
	}
	var ie *inputs.Error
	if !errors.As(err, &ie) {
		t.Fatalf("error is %T, not *inputs.Error: %v", err, err)
	}
	if ie.File != file || ie.Line != line || ie.Field != field {
		t.Errorf("error names %s line %d field %q; want %s line %d field %q\n%v", ie.File, ie.Line, ie.Field, file, line, field, err)
	}
	if !strings.Contains(ie.Msg, msg) {
		t.Errorf("message %q does not say %q", ie.Msg, msg)
	}
}

func TestRefusedCSV(t *testing.T) {
	head := "subject,G08,G11,G19,G05\n"
	row := func(cells string) []byte { return []byte(head + cells + "\n") }
	cases := []refusal{
		// Encodings.
		{name: "UTF-16 LE with BOM", file: "a.csv", data: utf16le(head+"汾阳市,38,1,2,是\n", true), line: 1, msg: "UTF-16"},
		{name: "UTF-16 BE with BOM", file: "a.csv", data: utf16be(head+"汾阳市,38,1,2,是\n", true), line: 1, msg: "UTF-16"},
		{name: "UTF-16 LE without BOM", file: "a.csv", data: utf16le(head+"汾阳市,38,1,2,是\n", false), line: 1, field: "column 1", msg: "NUL"},
		{name: "UTF-16 BE without BOM", file: "a.csv", data: utf16be(head+"汾阳市,38,1,2,是\n", false), line: 1, field: "column 1", msg: "NUL"},
		{name: "GBK subject", file: "a.csv", data: row(gbk + ",38,1,2,是"), line: 2, field: "subject", msg: "UTF-8"},
		{name: "GBK value on the third line", file: "a.csv", data: []byte(head + "汾阳市,38,1,2,是\n孝义市,38,1,2,\xca\xc7\n"), line: 3, field: "G05", msg: "UTF-8"},
		{name: "GBK column name", file: "a.csv", data: []byte("subject,G08,\xb1\xb8\xd7\xa2\n汾阳市,38,x\n"), line: 1, field: "column 3", msg: "UTF-8"},
		{name: "GBK whole file", file: "a.csv", data: []byte("\xb5\xa5\xce\xbb,G08\n" + gbk + ",38\n"), line: 1, field: "column 1", msg: "UTF-8"},
		// Structure.
		{name: "unterminated quote", file: "a.csv", data: row(`汾阳市,"38,1,2,是`), line: 2, msg: "quote"},
		{name: "quote inside a cell", file: "a.csv", data: row(`汾阳市,38"5,1,2,是`), line: 2, msg: "quote"},
		{name: "ragged row, one cell too many", file: "a.csv", data: row("汾阳市,38,1,2,是,x"), line: 2, msg: "different number of cells"},
		{name: "ragged row, one cell short", file: "a.csv", data: []byte(head + "汾阳市,38,1,2,是\n孝义市,38,1,2\n"), line: 3, msg: "different number of cells"},
		{name: "NUL byte in a cell", file: "a.csv", data: row("汾阳市,3\x008,1,2,是"), line: 2, field: "G08", msg: "NUL"},
		{name: "binary garbage (a PNG)", file: "a.png.csv", data: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"), line: 1, field: "column 1", msg: "UTF-8"},
		{name: "binary garbage with NUL first", file: "a.csv", data: []byte("\x00\x00\x00\x01\x02,\x03\n\xff\xfe\xfd"), line: 1, field: "column 1", msg: "NUL"},
		{name: "no subject column", file: "a.csv", data: []byte("G08,G11\n38,1\n"), line: 1, field: "subject", msg: "no subject column"},
		{name: "blank column name", file: "a.csv", data: []byte("subject,,G08\n汾阳市,,38\n"), line: 1, field: "column 2", msg: "blank column name"},
		{name: "subject quoted across two lines", file: "a.csv", data: []byte("subject,G08\n\"汾阳\n市\",38\n"), line: 2, field: "subject", msg: "line break"},
		{name: "subject holding an escape code", file: "a.csv", data: row("\x1b[2J汾阳市,38,1,2,是"), line: 2, field: "subject", msg: "control character"},
		{name: "blank subject in a row with values", file: "a.csv", data: row("\u3000,38,1,2,是"), line: 2, field: "subject", msg: "no subject"},
		// Numbers.
		{name: "13 integer digits", file: "a.csv", data: row("汾阳市,38,1234567890123,2,是"), line: 2, field: "G11", msg: "too long"},
		{name: "13 integer digits behind thousands separators", file: "a.csv", data: row(`汾阳市,38,"1,234,567,890,123",2,是`), line: 2, field: "G11", msg: "too long"},
		{name: "7 fraction digits", file: "a.csv", data: row("汾阳市,38,1.1234567,2,是"), line: 2, field: "G11", msg: "too long"},
		{name: "exponent", file: "a.csv", data: row("汾阳市,38,1.2e1,2,是"), line: 2, field: "G11", msg: "not a number"},
		{name: "exponent capital E on a percent", file: "a.csv", data: row("汾阳市,3.8E1,1,2,是"), line: 2, field: "G08", msg: "not a number"},
		{name: "NaN", file: "a.csv", data: row("汾阳市,NaN,1,2,是"), line: 2, field: "G08", msg: "NaN"},
		{name: "Inf", file: "a.csv", data: row("汾阳市,38,Inf,2,是"), line: 2, field: "G11", msg: "NaN and infinities"},
		{name: "-Infinity", file: "a.csv", data: row("汾阳市,38,-Infinity,2,是"), line: 2, field: "G11", msg: "NaN and infinities"},
		{name: "full-width ＮａＮ", file: "a.csv", data: row("汾阳市,ＮａＮ,1,2,是"), line: 2, field: "G08", msg: "NaN"},
		{name: "negative", file: "a.csv", data: row("汾阳市,38,-1.5,2,是"), line: 2, field: "G11", msg: "negative"},
		{name: "negative percent", file: "a.csv", data: row("汾阳市,-38%,1,2,是"), line: 2, field: "G08", msg: "negative"},
		{name: "negative count", file: "a.csv", data: row("汾阳市,38,1,-2,是"), line: 2, field: "G19", msg: "negative"},
		{name: "fractional count", file: "a.csv", data: row("汾阳市,38,1,2.5,是"), line: 2, field: "G19", msg: "fraction"},
		{name: "percent above 100", file: "a.csv", data: row("汾阳市,100.01,1,2,是"), line: 2, field: "G08", msg: "between 0 and 100"},
		{name: "percent above 100 with %", file: "a.csv", data: row("汾阳市,101%,1,2,是"), line: 2, field: "G08", msg: "between 0 and 100"},
		{name: "% on a value that is not a percent", file: "a.csv", data: row("汾阳市,38,12%,2,是"), line: 2, field: "G11", msg: "% sign"},
		{name: "decimal comma", file: "a.csv", data: row(`汾阳市,"38,5",1,2,是`), line: 2, field: "G08", msg: "not a number"},
		{name: "two points", file: "a.csv", data: row("汾阳市,3.8.5,1,2,是"), line: 2, field: "G08", msg: "not a number"},
		{name: "a unit typed into the cell", file: "a.csv", data: row("汾阳市,38,12㎡,2,是"), line: 2, field: "G11", msg: "not a number"},
		{name: "bool that is no bool", file: "a.csv", data: row("汾阳市,38,1,2,maybe"), line: 2, field: "G05", msg: "want one of"},
		{name: "bool written 2", file: "a.csv", data: row("汾阳市,38,1,2,2"), line: 2, field: "G05", msg: "want one of"},
		// Attributes.
		{name: "fractional population", file: "a.csv", data: []byte("subject,population\n汾阳市,420000.5\n"), line: 2, field: "population", msg: "whole number"},
		{name: "population 0", file: "a.csv", data: []byte("subject,population\n汾阳市,0\n"), line: 2, field: "population", msg: "population of 0"},
		{name: "population misgrouped", file: "a.csv", data: []byte("subject,population\n汾阳市,\"42,0000\"\n"), line: 2, field: "population", msg: "whole number"},
		{name: "year out of range", file: "a.csv", data: []byte("subject,year\n汾阳市,1999\n"), line: 2, field: "year", msg: "between"},
		{name: "year not a year", file: "a.csv", data: []byte("subject,year\n汾阳市,24年\n"), line: 2, field: "year", msg: "between"},
		{name: "illustrative not a bool", file: "a.csv", data: []byte("subject,illustrative\n汾阳市,sample\n"), line: 2, field: "illustrative", msg: "want one of"},
		// IDs and subjects.
		{name: "unknown measure ID", file: "a.csv", data: []byte("subject,G09.coverag\n汾阳市,41\n"), line: 1, field: "G09.coverag", msg: `did you mean "G09.coverage"`},
		{name: "unknown measure ID, wrong case", file: "a.csv", data: []byte("subject,g08\n汾阳市,41\n"), line: 1, field: "g08", msg: `did you mean "G08"`},
		{name: "measure of a year outside the plan", set: "fitness-2025", file: "a.csv", data: []byte("subject,F12.2026\n汾阳市,3\n"), line: 1, field: "F12.2026", msg: "did you mean"},
		{name: "unknown subject for a quota set", set: "fitness-2025", file: "a.csv", data: []byte("subject,F03\n汾阳市,3\n太原市,4\n"), line: 3, field: "subject", msg: `unknown subject "太原市"`},
		{name: "typo of a subject for a quota set", set: "fitness-2025", file: "a.csv", data: []byte("subject,F03\n汾杨市,3\n"), line: 2, field: "subject", msg: `did you mean "汾阳市"`},
		{name: "known subject without targets", set: "fitness-2025", file: "a.csv", data: []byte("subject,F03\n吕梁经开区,3\n"), line: 2, field: "subject", msg: "sets no target"},
		{name: "duplicated column", file: "a.csv", data: []byte("subject,G08,G11,G08\n汾阳市,38,1,39\n"), line: 1, field: "G08", msg: "appears twice (columns 2 and 4)"},
		{name: "duplicated column once full-width", file: "a.csv", data: []byte("subject,G08, Ｇ０８\n汾阳市,38,39\n"), line: 1, field: "G08", msg: "appears twice"},
		{name: "duplicated subject column", file: "a.csv", data: []byte("subject,G08,subject\n汾阳市,38,孝义市\n"), line: 1, field: "subject", msg: "appears twice"},
		// Empty files.
		{name: "empty file", file: "a.csv", data: []byte{}, msg: "empty file"},
		{name: "BOM only", file: "a.csv", data: []byte("\xef\xbb\xbf"), msg: "empty file"},
		{name: "blank lines only", file: "a.csv", data: []byte("\r\n\n\r\n"), msg: "empty file"},
		{name: "header only", file: "a.csv", data: []byte("subject,G08\n"), msg: "no rows"},
		{name: "header and blank rows only", file: "a.csv", data: []byte("subject,G08\r\n,\r\n ,\u3000\r\n\r\n"), msg: "no rows"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			id := c.set
			if id == "" {
				id = "garden-county"
			}
			_, err := readBytes(loadSet(t, id), c.file, c.data, &inputs.Warnings{})
			checkRefusal(t, err, c.file, c.line, c.field, c.msg)
		})
	}
}

func TestRefusedTOML(t *testing.T) {
	doc := func(values string) []byte {
		return []byte("subject = \"汾阳市\"\npopulation = 420000\n\n[garden-county]\n" + values + "\n")
	}
	cases := []refusal{
		{name: "UTF-16 LE with BOM", file: "a.toml", data: utf16le(string(doc("G08 = 38")), true), msg: "UTF-16"},
		{name: "UTF-16 BE with BOM", file: "a.toml", data: utf16be(string(doc("G08 = 38")), true), msg: "UTF-16"},
		{name: "UTF-16 LE without BOM", file: "a.toml", data: utf16le(string(doc("G08 = 38")), false), line: 1, msg: "NUL"},
		{name: "UTF-16 BE without BOM", file: "a.toml", data: utf16be(string(doc("G08 = 38")), false), line: 1, msg: "NUL"},
		{name: "GBK on line 5", file: "a.toml", data: doc("G08 = 38\nG05 = \"\xca\xc7\""), line: 6, msg: "UTF-8"},
		{name: "NUL byte on line 5", file: "a.toml", data: doc("G08 = 3\x008"), line: 5, msg: "NUL"},
		{name: "binary garbage", file: "a.toml", data: []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03"), line: 1, msg: "NUL"},
		{name: "unterminated quote", file: "a.toml", data: doc("G08 = \"38\nG11 = 1"), line: 5, msg: "not valid TOML"},
		{name: "key given twice", file: "a.toml", data: doc("G08 = 38\nG08 = 39"), line: 6, field: "G08", msg: "set twice (first on line 5)"},
		{name: "measure given twice, dotted and quoted", file: "a.toml", data: doc("G09.coverage = 41\n\"G09.coverage\" = 0.5"), line: 6, field: "G09.coverage", msg: "given twice (lines 5 and 6)"},
		{name: "measure given twice, quoted first", file: "a.toml", data: doc("\"G09.coverage\" = 41\nG09 = { coverage = 38 }"), line: 6, field: "G09.coverage", msg: "given twice"},
		{name: "13 integer digits", file: "a.toml", data: doc("G11 = 1234567890123"), line: 5, field: "G11", msg: "too long"},
		{name: "7 fraction digits", file: "a.toml", data: doc("G11 = 1.1234567"), line: 5, field: "G11", msg: "too long"},
		{name: "exponent", file: "a.toml", data: doc("G08 = 38\nG11 = 1.2e1"), line: 6, field: "G11", msg: "exponent"},
		{name: "exponent in a string", file: "a.toml", data: doc("G11 = \"1e1\""), line: 5, field: "G11", msg: "not a number"},
		{name: "nan", file: "a.toml", data: doc("G08 = nan"), line: 5, field: "G08", msg: "NaN"},
		{name: "-inf", file: "a.toml", data: doc("G11 = -inf"), line: 5, field: "G11", msg: "NaN"},
		{name: "\"Infinity\" as a string", file: "a.toml", data: doc("G11 = \"Infinity\""), line: 5, field: "G11", msg: "NaN"},
		{name: "negative", file: "a.toml", data: doc("G11 = -1.5"), line: 5, field: "G11", msg: "negative"},
		{name: "negative integer", file: "a.toml", data: doc("G19 = -2"), line: 5, field: "G19", msg: "negative"},
		{name: "fractional count", file: "a.toml", data: doc("G19 = 2.5"), line: 5, field: "G19", msg: "fraction"},
		{name: "percent above 100", file: "a.toml", data: doc("G08 = 100.5"), line: 5, field: "G08", msg: "between 0 and 100"},
		{name: "percent above 100 as a string", file: "a.toml", data: doc("G08 = \"１０１％\""), line: 5, field: "G08", msg: "between 0 and 100"},
		{name: "true or false on a number", file: "a.toml", data: doc("G08 = true"), line: 5, field: "G08", msg: "wants a number"},
		{name: "number on a bool", file: "a.toml", data: doc("G05 = 1"), line: 5, field: "G05", msg: "met or not"},
		{name: "a list", file: "a.toml", data: doc("G08 = [38, 39]"), line: 5, field: "G08", msg: "single value"},
		{name: "a date", file: "a.toml", data: doc("G08 = 2024-05-01"), line: 5, field: "G08", msg: "single value"},
		{name: "unknown measure ID", file: "a.toml", data: doc("G08 = 38\nG09.coverag = 41"), line: 6, field: "G09.coverag", msg: `did you mean "G09.coverage"`},
		{name: "unknown top-level key", file: "a.toml", data: []byte("subjcet = \"汾阳市\"\n[garden-county]\nG08 = 38\n"), line: 1, field: "subjcet", msg: `did you mean "subject"`},
		{name: "misspelt set table", file: "a.toml", data: []byte("subject = \"汾阳市\"\n[garden-county]\nG08 = 38\n[garden_county]\nG11 = 1\n"), line: 4, field: "garden_county", msg: `did you mean "garden-county"`},
		{name: "unknown subject for a quota set", set: "fitness-2025", file: "a.toml", data: []byte("# 太原\nsubject = \"太原市\"\n[fitness-2025]\nF03 = 1\n"), line: 2, field: "subject", msg: `unknown subject "太原市"`},
		{name: "subject with a line break", file: "a.toml", data: []byte("subject = \"\"\"汾阳\n市\"\"\"\n[garden-county]\nG08 = 38\n"), line: 1, field: "subject", msg: "line break"},
		{name: "no subject", file: "a.toml", data: []byte("[garden-county]\nG08 = 38\n"), field: "subject", msg: "want subject"},
		{name: "no table for the set", file: "a.toml", data: []byte("subject = \"汾阳市\"\n[fitness-2025]\nF03 = 1\n"), msg: "no [garden-county] table"},
		{name: "fractional population", file: "a.toml", data: []byte("subject = \"汾阳市\"\npopulation = 4.5\n[garden-county]\n"), line: 2, field: "population", msg: "whole number"},
		{name: "empty file", file: "a.toml", data: []byte{}, msg: "empty file"},
		{name: "BOM and blank lines only", file: "a.toml", data: []byte("\xef\xbb\xbf\r\n \n"), msg: "empty file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			id := c.set
			if id == "" {
				id = "garden-county"
			}
			_, err := readBytes(loadSet(t, id), c.file, c.data, &inputs.Warnings{})
			checkRefusal(t, err, c.file, c.line, c.field, c.msg)
		})
	}
}

// TestRefusedDuplicateSubject: one subject appears at most once in a run,
// whatever name or code it was given by, within a file or across files.
func TestRefusedDuplicateSubject(t *testing.T) {
	cases := []struct {
		name  string
		set   string
		files map[string]string // written in name order
		file  string
		line  int
		msg   string
	}{
		{"same CSV, name then code", "garden-county", map[string]string{
			"a.csv": "subject,G08\n汾阳市,38\n孝义市,40\n141182,39\n",
		}, "a.csv", 4, "汾阳市 appears twice (first at "},
		{"CSV then TOML by short name", "garden-county", map[string]string{
			"a.csv":  "subject,G08\n汾阳市,38\n",
			"b.toml": "subject = \"汾阳\"\n[garden-county]\nG08 = 39\n",
		}, "b.toml", 0, "first at "},
		{"two TOML files, unknown county by the same name", "garden-county", map[string]string{
			"a.toml": "subject = \"平遥县\"\n[garden-county]\nG08 = 38\n",
			"b.toml": "subject = \" 平遥县\u3000\"\n[garden-county]\nG08 = 38\n",
		}, "b.toml", 0, "平遥县 appears twice"},
		{"two CSV files, quota set, full-width code", "fitness-2025", map[string]string{
			"a.csv": "subject,F03\n孝义市,3\n",
			"b.csv": "F03,subject\n4,汾阳\n5,１４１１８１\n",
		}, "b.csv", 3, "孝义市 appears twice"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			var paths []string
			for _, name := range sortedNames(c.files) {
				p := filepath.Join(dir, name)
				if err := os.WriteFile(p, []byte(c.files[name]), 0o644); err != nil {
					t.Fatal(err)
				}
				paths = append(paths, p)
			}
			src := inputs.Open(paths, loadSet(t, c.set), &inputs.Warnings{})
			defer src.Close()
			var err error
			for err == nil {
				_, err = src.Next()
			}
			if err == io.EOF {
				err = nil
			}
			checkRefusal(t, err, filepath.Join(dir, c.file), c.line, "subject", c.msg)
		})
	}
}

func sortedNames(m map[string]string) []string {
	var names []string
	for k := range m {
		names = append(names, k)
	}
	for i := 1; i < len(names); i++ {
		for j := i; j > 0 && names[j] < names[j-1]; j-- {
			names[j], names[j-1] = names[j-1], names[j]
		}
	}
	return names
}

// endless produces a valid CSV of blank rows for ever, without holding it:
// a header, then rows of spaces, 64 KiB at a time.
type endless struct {
	head []byte
	n    int64
}

func (e *endless) Read(p []byte) (int, error) {
	n := 0
	if len(e.head) > 0 {
		n = copy(p, e.head)
		e.head = e.head[n:]
	}
	for n < len(p) {
		// Lines of 64 KiB: spaces, then a newline.
		const lineLen = 64 << 10
		pos := e.n % lineLen
		if pos == lineLen-1 {
			p[n] = '\n'
		} else {
			p[n] = ' '
		}
		n++
		e.n++
	}
	return n, nil
}

// TestRefusedTooLarge: a file over the size limit ends in a message naming
// it, not a long wait or an exhausted memory.
func TestRefusedTooLarge(t *testing.T) {
	set := loadSet(t, "garden-county")
	t.Run("CSV over MaxCSVSize, read lazily", func(t *testing.T) {
		if testing.Short() {
			t.Skip("reads 256 MiB")
		}
		src := &endless{head: []byte("subject\n汾阳市\n")}
		c, err := inputs.NewCSV("huge.csv", src, set, &inputs.Warnings{})
		if err != nil {
			t.Fatal(err)
		}
		rows := 0
		for err == nil {
			_, err = c.Next()
			rows++
		}
		checkRefusal(t, err, "huge.csv", 0, "", "limit")
		if src.n < inputs.MaxCSVSize-(1<<20) || src.n > inputs.MaxCSVSize+(1<<20) {
			t.Errorf("read %d bytes before refusing; the limit is %d", src.n, inputs.MaxCSVSize)
		}
	})
	t.Run("CSV of exactly MaxCSVSize is read", func(t *testing.T) {
		if testing.Short() {
			t.Skip("reads 256 MiB")
		}
		src := io.LimitReader(&endless{head: []byte("subject\n汾阳市\n")}, inputs.MaxCSVSize)
		recs, err := readCSV(set, "limit.csv", src, &inputs.Warnings{})
		if err != nil {
			t.Fatalf("refused a file of exactly the limit: %v", err)
		}
		if len(recs) != 1 {
			t.Errorf("%d records, want 1", len(recs))
		}
	})
	t.Run("CSV of MaxCSVSize+1 is refused", func(t *testing.T) {
		if testing.Short() {
			t.Skip("reads 256 MiB")
		}
		src := io.LimitReader(&endless{head: []byte("subject\n汾阳市\n")}, inputs.MaxCSVSize+1)
		_, err := readCSV(set, "over.csv", src, &inputs.Warnings{})
		checkRefusal(t, err, "over.csv", 0, "", "limit")
	})
	big := append([]byte("subject = \"汾阳市\"\n[garden-county]\nG08 = 38\n"), bytes.Repeat([]byte("# padding\n"), inputs.MaxTOMLSize/10+1)...)
	t.Run("TOML over MaxTOMLSize", func(t *testing.T) {
		_, err := inputs.ReadTOML("big.toml", big, set, &inputs.Warnings{})
		checkRefusal(t, err, "big.toml", 0, "", "limit")
	})
	t.Run("TOML over MaxTOMLSize through Open", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "big.toml")
		if err := os.WriteFile(p, big, 0o644); err != nil {
			t.Fatal(err)
		}
		src := inputs.Open([]string{p}, set, &inputs.Warnings{})
		defer src.Close()
		_, err := src.Next()
		checkRefusal(t, err, p, 0, "", "limit")
	})
	t.Run("TOML of exactly MaxTOMLSize is read, through Open too", func(t *testing.T) {
		head := "subject = \"汾阳市\"\n[garden-county]\nG08 = 38\n#"
		exact := []byte(head + strings.Repeat("x", inputs.MaxTOMLSize-len(head)-1) + "\n")
		if _, err := inputs.ReadTOML("ok.toml", exact, set, &inputs.Warnings{}); err != nil {
			t.Fatalf("refused a file of exactly the limit: %v", err)
		}
		p := filepath.Join(t.TempDir(), "ok.toml")
		if err := os.WriteFile(p, exact, 0o644); err != nil {
			t.Fatal(err)
		}
		src := inputs.Open([]string{p}, set, &inputs.Warnings{})
		defer src.Close()
		if _, err := src.Next(); err != nil {
			t.Fatalf("refused a file of exactly the limit: %v", err)
		}
	})
}
