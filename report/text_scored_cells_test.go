package report

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"countyscore/criteria"
	"countyscore/inputs"
	"countyscore/internal/benchgen"
	"countyscore/scoring"
)

// TestSubjectCellsMatch holds subjectCells to givenText, the points
// format, the status word and shortText on 2,000 generated subjects of
// garden-county (missing values, bands, strict thresholds among them), in
// both languages.
func TestSubjectCellsMatch(t *testing.T) {
	s, err := criteria.Load("garden-county")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := benchgen.WriteGardenCSV(&buf, 2000, 11); err != nil {
		t.Fatal(err)
	}
	r, err := inputs.NewCSV("gen.csv", &buf, s, &inputs.Warnings{})
	if err != nil {
		t.Fatal(err)
	}
	var results []*scoring.Scored
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		res, err := scoring.Score(s, rec)
		if err != nil {
			t.Fatal(err)
		}
		results = append(results, res)
	}
	tests := []struct {
		name, lang string
		text       bool // a text table: ambiguous characters replaced
	}{
		{name: "chinese", lang: "zh"}, {name: "english", lang: "en"},
		{name: "chinese text table", lang: "zh", text: true}, {name: "english text table", lang: "en", text: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(tt *testing.T) {
			c, lang := newSubjectCells(s, tc.lang, tc.text), tc.lang
			check := func(t *testing.T, what, got, want string) {
				t.Helper()
				if tc.text {
					want = replaceAmbiguous(want)
				}
				check(t, what, got, want)
			}
			shorts := 0
			for _, res := range results {
				for i := range s.Indicators {
					ind, x := &s.Indicators[i], res.Indicators[i]
					pts := num(x.Points.V) + "/" + num(x.MaxPoints.V)
					if x.PointsOptimistic.V.Cmp(x.Points.V) != 0 {
						pts = fmt.Sprintf(word(lang, "points.opt"), num(x.Points.V), num(x.PointsOptimistic.V), num(x.MaxPoints.V))
					}
					check(tt, "given", c.given(i, res), givenText(s, ind, res, lang))
					check(tt, "points", c.points(x), pts)
					check(tt, "status", c.statusWord(x.Status), word(lang, "status."+x.Status))
					check(tt, "short", c.short(ind, x), shortText(s, ind, x, lang))
					shorts += len(x.Shortfalls)
				}
			}
			if shorts == 0 {
				tt.Fatal("no shortfall was built")
			}
		})
	}
}

func check(t *testing.T, what, got, want string) {
	t.Helper()
	if got != want {
		t.Fatalf("%s: got %q, want %q", what, got, want)
	}
}

// TestCellFormatMatchesSprintf holds cellFormat to fmt.Sprintf, the
// formats it splits and those it leaves to Sprintf.
func TestCellFormatMatchesSprintf(t *testing.T) {
	tests := []struct {
		name   string
		format string
		args   []string
	}{
		{name: "plain", format: "需%s，现 %s，差 %s %s", args: []string{"≥75%", "72%", "3", "个百分点"}},
		{name: "indexed", format: "%s/%[3]s（乐观 %[2]s）", args: []string{"1", "2", "3"}},
		{name: "no verb", format: "未满足", args: nil},
		{name: "extra argument", format: "缺 %s", args: []string{"a", "b"}},
		{name: "missing argument", format: "%s and %s", args: []string{"a"}},
		{name: "percent sign", format: "%s%%", args: []string{"5"}},
		{name: "other verb", format: "%d", args: []string{"5"}},
		{name: "trailing percent", format: "a %", args: nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args, vals := make([][]byte, len(tc.args)), make([]any, len(tc.args))
			for i, a := range tc.args {
				args[i], vals[i] = []byte(a), a
			}
			check(t, tc.format, string(parseCellFormat(tc.format).append(nil, args)), fmt.Sprintf(tc.format, vals...))
		})
	}
}

// word is t, for tests whose *testing.T hides it.
var word = t

// TestPrinterSprintf holds printer.sprintf to fmt.Sprintf: split formats,
// arguments that are not strings, too many arguments.
func TestPrinterSprintf(t *testing.T) {
	tests := []struct {
		name   string
		format string
		args   []any
	}{
		{name: "strings", format: "%s · %s", args: []any{"县1", "标准"}},
		{name: "no argument", format: "无", args: nil},
		{name: "a number", format: "差 %s 分，共 %d", args: []any{"3", 4}},
		{name: "five strings", format: "%s%s%s%s%s", args: []any{"a", "b", "c", "d", "e"}},
		{name: "percent only", format: "100%%", args: nil},
	}
	p := &printer{}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for range 2 { // the second time from the split format
				check(t, tc.format, p.sprintf(tc.format, tc.args), fmt.Sprintf(tc.format, tc.args...))
			}
		})
	}
}
