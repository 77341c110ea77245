// Fuzz targets for everything countyscore reads from a user: TOML inputs,
// CSV inputs and criteria files. Run one with
//
//	go test -run '^$' -fuzz '^FuzzCSVInput$' -fuzztime 60s .
//
// The seed corpora under testdata/fuzz/ run with every plain go test.
package countyscore_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
	"countyscore/pipeline"
	"countyscore/report"
	"countyscore/scoring"
)

var (
	setsOnce sync.Once
	sets     []*criteria.Set
)

// builtinSets loads every built-in set once; the engine and the readers
// only read a set, so one copy serves every fuzz input.
func builtinSets(t testing.TB) []*criteria.Set {
	setsOnce.Do(func() {
		for _, id := range criteria.BuiltinIDs() {
			s, err := criteria.Load(id)
			if err != nil {
				panic(fmt.Sprintf("built-in set %s: %v", id, err))
			}
			sets = append(sets, s)
		}
	})
	return sets
}

// FuzzTOMLInput feeds arbitrary bytes to the TOML reader of every built-in
// set; what it accepts must be sane, scored and rendered; what it refuses
// must be an *inputs.Error that says something.
func FuzzTOMLInput(f *testing.F) {
	builtinSets(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		defer failOnPanic(t)
		for _, set := range builtinSets(t) {
			w := &inputs.Warnings{}
			rec, err := inputs.ReadTOML("fuzz.toml", data, set, w)
			if err != nil {
				checkInputError(t, set, "fuzz.toml", err)
				continue
			}
			checkRecord(t, set, rec)
			checkTOMLValues(t, set, data, rec)
			evaluate(t, set, []*inputs.Record{rec}, w, langOf(data))
		}
	})
}

// FuzzCSVInput feeds arbitrary bytes to the CSV reader of every built-in
// set and reads it to the end; the run must terminate, and every record and
// refusal must be sane as for TOML.
func FuzzCSVInput(f *testing.F) {
	builtinSets(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		defer failOnPanic(t)
		for _, set := range builtinSets(t) {
			w := &inputs.Warnings{}
			recs, err := readCSV(t, set, data, w)
			if err != nil {
				checkInputError(t, set, "fuzz.csv", err)
			}
			// Score what was read before the refusal too: the records
			// returned so far are complete and must not break the engine.
			for _, rec := range recs {
				checkRecord(t, set, rec)
			}
			checkCSVValues(t, set, data, recs)
			if len(recs) > 0 {
				evaluate(t, set, recs, w, langOf(data))
			}
		}
	})
}

// readCSV reads every record of data, refusing a subject seen twice the way
// inputs.Open does (a quota run needs each subject once). It fails the test
// if reading does not end within one record per input line.
func readCSV(t *testing.T, set *criteria.Set, data []byte, w *inputs.Warnings) ([]*inputs.Record, error) {
	c, err := inputs.NewCSV("fuzz.csv", bytes.NewReader(data), set, w)
	if err != nil {
		if c != nil {
			t.Fatalf("NewCSV returned a reader and an error %v", err)
		}
		return nil, err
	}
	maxRecs := bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r")) + 1
	seen := map[string]bool{}
	var recs []*inputs.Record
	for n := 0; ; n++ {
		if n > maxRecs {
			t.Fatalf("CSV reader returned more than %d records for %d lines of input: it does not terminate", n, maxRecs)
		}
		rec, err := c.Next()
		if err == io.EOF {
			if len(recs) == 0 {
				t.Fatalf("Next returned io.EOF with no record: a header-only file must be refused")
			}
			return recs, nil
		}
		if err != nil {
			if rec != nil {
				t.Fatalf("Next returned a record and an error %v", err)
			}
			return recs, err
		}
		if rec.Line < 2 {
			t.Fatalf("record of %q on line %d: data rows start on line 2", rec.Subject, rec.Line)
		}
		if seen[rec.Subject] {
			return recs, nil
		}
		seen[rec.Subject] = true
		recs = append(recs, rec)
	}
}

// checkCSVValues compares the records with what encoding/csv itself reads
// from data: the k-th record must come from the k-th row that is not blank,
// and each measure's value must be its column's cell as ParseCell reads it,
// so no value lands in another measure or another subject.
func checkCSVValues(t *testing.T, set *criteria.Set, data []byte, recs []*inputs.Record) {
	t.Helper()
	if len(recs) == 0 {
		return
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	header, err := r.Read()
	if err != nil {
		t.Fatalf("%s: records read from a CSV whose header encoding/csv refuses: %v", set.ID, err)
	}
	cols := map[int]int{} // column → measure index
	for j, name := range header {
		if idx, ok := set.MeasureIndex(inputs.Normalize(name)); ok {
			cols[j] = idx
		}
	}
	for k := 0; k < len(recs); {
		row, err := r.Read()
		if err != nil {
			t.Fatalf("%s: record %d (%s) has no row in encoding/csv's reading: %v", set.ID, k, recs[k].Subject, err)
		}
		blank := true
		for _, cell := range row {
			if inputs.Normalize(cell) != "" {
				blank = false
			}
		}
		if blank {
			continue
		}
		rec := recs[k]
		got := map[int]bool{}
		for j, idx := range cols {
			want, _, err := inputs.ParseCell(row[j], set.Measures[idx])
			v := rec.Values[idx]
			if err != nil || want.Given != v.Given || want.Bool != v.Bool || want.Num.Cmp(v.Num) != 0 {
				t.Fatalf("%s: row %d column %q = %q read as %+v, want %+v (%v)", set.ID, k, header[j], row[j], v, want, err)
			}
			got[idx] = true
		}
		for idx, v := range rec.Values {
			if v.Given && !got[idx] {
				t.Fatalf("%s: %s has a value though no column holds it", set.ID, set.Measures[idx].ID)
			}
		}
		k++
	}
}

// checkInputError asserts that a refusal is an *inputs.Error naming the
// file and saying what is wrong.
func checkInputError(t *testing.T, set *criteria.Set, file string, err error) {
	t.Helper()
	var ie *inputs.Error
	if !errors.As(err, &ie) {
		t.Fatalf("%s: refusal is a %T, not an *inputs.Error: %v", set.ID, err, err)
	}
	if strings.TrimSpace(ie.Msg) == "" {
		t.Fatalf("%s: refusal with an empty message: %#v", set.ID, ie)
	}
	if ie.File != file {
		t.Fatalf("%s: refusal names file %q, want %q: %v", set.ID, ie.File, file, err)
	}
	if ie.Line < 0 {
		t.Fatalf("%s: refusal names line %d: %v", set.ID, ie.Line, err)
	}
}

// checkRecord asserts what the input contract promises of an accepted
// record: a subject, values of the measure's kind within its range, and no
// number beyond the digit limits.
func checkRecord(t *testing.T, set *criteria.Set, rec *inputs.Record) {
	t.Helper()
	if rec.Subject == "" || inputs.Normalize(rec.Subject) != rec.Subject {
		t.Fatalf("%s: accepted subject %q: empty or not normalized", set.ID, rec.Subject)
	}
	if strings.IndexFunc(rec.Subject, unicode.IsControl) >= 0 || !utf8.ValidString(rec.Subject) {
		t.Fatalf("%s: accepted subject %q, which is not a printable name", set.ID, rec.Subject)
	}
	if set.Subjects != "any" {
		if rec.Level == "" || !slices.Contains(set.SubjectNames(), rec.Subject) {
			t.Fatalf("%s: accepted subject %q, which the set has no targets for", set.ID, rec.Subject)
		}
	}
	if len(rec.Values) != len(set.Measures) {
		t.Fatalf("%s: record has %d values for %d measures", set.ID, len(rec.Values), len(set.Measures))
	}
	if rec.Year != 0 && (rec.Year < 2000 || rec.Year > 2100) {
		t.Fatalf("%s: accepted year %d", set.ID, rec.Year)
	}
	if p := rec.Population; p.Given {
		checkNumber(t, set.ID, "population", p.Num)
		if !p.Num.IsInt() || !p.Num.IsPos() {
			t.Fatalf("%s: accepted population %s", set.ID, p.Num)
		}
	}
	for i, v := range rec.Values {
		m := set.Measures[i]
		if !v.Given {
			continue
		}
		if m.Kind == criteria.Bool {
			if !v.Num.IsZero() {
				t.Fatalf("%s: bool %s carries a number %s", set.ID, m.ID, v.Num)
			}
			continue
		}
		checkNumber(t, set.ID, m.ID, v.Num)
		switch m.Kind {
		case criteria.Pct:
			if v.Num.Cmp(exact.Hundred) > 0 {
				t.Fatalf("%s: accepted %s = %s, a percent above 100", set.ID, m.ID, v.Num)
			}
		case criteria.Count:
			if !v.Num.IsInt() {
				t.Fatalf("%s: accepted %s = %s, a fractional count", set.ID, m.ID, v.Num)
			}
		}
	}
}

func checkNumber(t *testing.T, setID, id string, d exact.Decimal) {
	t.Helper()
	if d.IsNeg() {
		t.Fatalf("%s: accepted %s = %s, a negative value", setID, id, d)
	}
	if d.Scale() > exact.MaxFracDigits || d.Prec()-d.Scale() > exact.MaxIntDigits {
		t.Fatalf("%s: accepted %s = %s, beyond %d+%d digits", setID, id, d, exact.MaxIntDigits, exact.MaxFracDigits)
	}
}

// checkTOMLValues compares the record with what the toml package itself
// decodes: every measure's value must be the one written under its key, so
// a number read from the raw text (tomlpos) cannot come from the wrong line.
func checkTOMLValues(t *testing.T, set *criteria.Set, data []byte, rec *inputs.Record) {
	t.Helper()
	var doc map[string]any
	if _, err := toml.Decode(string(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))), &doc); err != nil {
		t.Fatalf("%s: ReadTOML accepted what toml refuses: %v", set.ID, err)
	}
	table, _ := doc[set.ID].(map[string]any)
	written := map[int]bool{}
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		for k, v := range m {
			id := prefix + k
			if sub, ok := v.(map[string]any); ok {
				walk(id+".", sub)
				continue
			}
			idx, ok := set.MeasureIndex(id)
			if !ok {
				t.Fatalf("%s: accepted unknown measure %q", set.ID, id)
			}
			if written[idx] {
				t.Fatalf("%s: measure %s written twice (as two different TOML keys) and accepted", set.ID, id)
			}
			written[idx] = true
			got := rec.Values[idx]
			switch x := v.(type) {
			case bool:
				if !got.Given || got.Bool != x {
					t.Fatalf("%s: %s = %v read as %+v", set.ID, id, x, got)
				}
			case int64:
				if !got.Given || got.Num.Cmp(exact.Int(x)) != 0 {
					t.Fatalf("%s: %s = %d read as %+v", set.ID, id, x, got)
				}
			case float64:
				f, err := strconv.ParseFloat(got.Num.String(), 64)
				if !got.Given || err != nil || f != x && !(math.IsNaN(f) && math.IsNaN(x)) {
					t.Fatalf("%s: %s = %v read as %s", set.ID, id, x, got.Num)
				}
			case string:
				want, _, err := inputs.ParseCell(x, set.Measures[idx])
				if err != nil || want.Given != got.Given || want.Bool != got.Bool || want.Num.Cmp(got.Num) != 0 {
					t.Fatalf("%s: %s = %q read as %+v, want %+v (%v)", set.ID, id, x, got, want, err)
				}
			default:
				t.Fatalf("%s: %s = %v (%T) accepted", set.ID, id, v, v)
			}
		}
	}
	walk("", table)
	for i, v := range rec.Values {
		if v.Given && !written[i] {
			t.Fatalf("%s: %s has a value though the file gives none", set.ID, set.Measures[i].ID)
		}
	}
}

// evaluate scores recs and renders them as JSON and as a table, checking
// the results and the JSON. Tables are the slow part of a run, so each
// input renders one, in the language lang picks (both over a corpus).
func evaluate(t *testing.T, set *criteria.Set, recs []*inputs.Record, w *inputs.Warnings, lang string) {
	t.Helper()
	var js bytes.Buffer
	doc, err := pipeline.ScoreRecords(set, recs, w)
	if err != nil {
		t.Fatalf("%s: evaluate: %v", set.ID, err)
	}
	if run, ok := doc.(*pipeline.ScoredRun); ok {
		err := run.Each(func(r *scoring.Scored) error { checkScored(t, set, r); return nil })
		if err != nil {
			t.Fatalf("%s: Score: %v", set.ID, err)
		}
	}
	renderTo(t, &js, "json", "zh", doc)
	renderTo(t, io.Discard, "table", lang, doc)
	checkJSON(t, set.ID, js.Bytes())
}

// checkScored asserts the engine's own bounds: points never below zero nor
// above the maximum, and the conservative reading never above the
// optimistic one.
func checkScored(t *testing.T, set *criteria.Set, r *scoring.Scored) {
	t.Helper()
	if r.Verdict == "" {
		t.Fatalf("%s: no verdict for %s", set.ID, r.Subject)
	}
	p, po, maxP := r.Points.V, r.PointsOptimistic.V, r.MaxPoints.V
	if p.IsNeg() || p.Cmp(po) > 0 || po.Cmp(maxP) > 0 {
		t.Fatalf("%s: %s scores %s (optimistic %s) of %s", set.ID, r.Subject, p, po, maxP)
	}
}

// checkJSON asserts the JSON is valid and holds no negative number.
func checkJSON(t *testing.T, setID string, b []byte) {
	t.Helper()
	if !json.Valid(b) {
		t.Fatalf("%s: invalid JSON:\n%s", setID, b)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("%s: JSON: %v", setID, err)
	}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch x := v.(type) {
		case json.Number:
			if strings.HasPrefix(string(x), "-") {
				t.Fatalf("%s: negative number %s at %s in JSON:\n%s", setID, x, path, b)
			}
		case map[string]any:
			for k, e := range x {
				walk(path+"."+k, e)
			}
		case []any:
			for i, e := range x {
				walk(fmt.Sprintf("%s[%d]", path, i), e)
			}
		}
	}
	walk("", v)
}

// FuzzCriteria feeds arbitrary bytes to the criteria parser. A set it
// accepts without errors must score a record with every value missing,
// without an error, and render the result as valid JSON.
func FuzzCriteria(f *testing.F) {
	builtinSets(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		defer failOnPanic(t)
		if readsFiles(data) {
			t.Skip("extends a file path: Parse would read the file system")
		}
		set, problems := criteria.Parse("fuzz.toml", data)
		if problems.Has(criteria.Error) {
			return
		}
		if set == nil {
			t.Fatalf("Parse returned no set and no error: %v", problems)
		}
		rec := &inputs.Record{Subject: "汾阳市", Level: "county", File: "blank.toml",
			Values: make([]inputs.Value, len(set.Measures))}
		if names := set.SubjectNames(); set.Subjects != "any" && len(names) > 0 {
			if subj, ok := criteria.Subjects().Resolve(names[0]); ok {
				rec.Subject, rec.Level = subj.Name, subj.Level
			}
		}
		w := &inputs.Warnings{}
		var js bytes.Buffer
		if set.IsScored() {
			r, err := scoring.Score(set, rec)
			if err != nil {
				// Check accepted the set, so the engine must be able to
				// use it: an error here is a check that is missing.
				t.Fatalf("Score of a blank record under a set Parse accepted: %v", err)
			}
			run := pipeline.ScoredResults(set, []*scoring.Scored{r})
			renderTo(t, &js, "json", "zh", run)
			renderTo(t, io.Discard, "table", "en", run)
		} else {
			recs := []*inputs.Record{rec}
			// The city's city-wide lines take another road through the
			// engine: evaluate a blank city beside the blank subject.
			if city, ok := criteria.Subjects().Resolve(set.City); ok && city.Name != rec.Subject {
				recs = append(recs, &inputs.Record{Subject: city.Name, Level: city.Level, File: "city.toml",
					Values: make([]inputs.Value, len(set.Measures))})
			}
			doc, err := pipeline.ScoreRecords(set, recs, w)
			if err != nil {
				t.Fatalf("EvaluateQuotas of a blank record under a set Parse accepted: %v", err)
			}
			renderTo(t, &js, "json", "zh", doc)
			renderTo(t, io.Discard, "table", "en", doc)
		}
		checkJSON(t, set.ID, js.Bytes())
	})
}

// readsFiles reports whether a criteria file extends a path rather than a
// built-in set: Parse would then read that path, and a fuzzer that wrote
// "/dev/stdin" there would hang.
func readsFiles(data []byte) bool {
	var doc map[string]any
	if _, err := toml.Decode(string(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))), &doc); err != nil {
		return false
	}
	ext, ok := doc["extends"].(string)
	return ok && (strings.ContainsAny(ext, `/\`) || strings.HasSuffix(ext, ".toml"))
}

// langOf picks the language of an input's table from its length.
func langOf(data []byte) string {
	return report.Langs[len(data)%len(report.Langs)]
}

// failOnPanic turns a panic into a failure of this input alone, with its
// stack, so one crashing seed does not abort the run of every other seed
// (a panic would end the test binary). The fuzzer treats the failure as a
// crash all the same.
func failOnPanic(t *testing.T) {
	if r := recover(); r != nil {
		t.Fatalf("panic: %v\n%s", r, debug.Stack())
	}
}

// renderTo renders doc in format and lang, failing the test on an error.
func renderTo(t *testing.T, w io.Writer, format, lang string, doc pipeline.Document) {
	t.Helper()
	r, err := report.New(format, lang, doc.Kind())
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Render(w, doc); err != nil {
		t.Fatalf("%s %s: %v", format, doc.Kind(), err)
	}
}
