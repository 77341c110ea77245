package report

import (
	"bufio"
	"encoding/json"
	"io"
	"reflect"
	"runtime"
	"strconv"
	"strings"

	"countyscore/criteria"
	"countyscore/pipeline"
	"countyscore/scoring"
)

// CriteriaRef is the "criteria" block of every JSON document.
type CriteriaRef struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Source    string `json:"source"`
	Extension string `json:"extension,omitempty"` // the file that extended a built-in set
}

func ref(s *criteria.Set) CriteriaRef {
	r := CriteriaRef{ID: s.ID, Title: s.Title, Source: s.Source}
	if s.Base != nil {
		r.Extension = s.File
	}
	return r
}

// jsonRenderer writes documents for programs. Every document is one JSON
// object whose lists hold one element per line, so the output reads line
// by line and stays valid for jq. The language of labels never changes
// JSON: it carries IDs and numbers (output contract).
type jsonRenderer struct{}

func (jsonRenderer) Render(w io.Writer, doc pipeline.Document) error {
	doc, closed := pipeline.Unwrap(doc)
	cw := &closingWriter{w: w, closed: closed}
	if err := renderJSON(cw, doc); err != nil {
		return err
	}
	return cw.flush()
}

func renderJSON(w io.Writer, doc pipeline.Document) error {
	switch d := doc.(type) {
	case *pipeline.CriteriaList:
		sets := make([]SetSummary, len(d.Sets))
		for i, s := range d.Sets {
			sets[i] = SetSummary{ID: s.ID, Title: s.Title, Source: s.Source, Kind: s.Kind, Items: s.ItemCount()}
		}
		return writeDoc(w, struct {
			Sets []SetSummary `json:"sets"`
		}{sets})
	case *pipeline.CriteriaShow:
		return writeDoc(w, setView(d.Set))
	case *pipeline.Template:
		return writeDoc(w, templateView(d))
	case *pipeline.Explain:
		return writeDoc(w, explainView(d))
	case *pipeline.ScoredRun:
		return writeScoredJSON(w, d)
	case *pipeline.QuotaRun:
		return writeDoc(w, QuotaDoc{Criteria: ref(d.Set), Results: nonNil(d.Results), Rollup: nonNil(d.Rollup)})
	case *pipeline.ScoredGaps:
		return writeScoredGapsJSON(w, d)
	case *pipeline.QuotaGaps:
		return writeDoc(w, QuotaGapsDoc{Criteria: ref(d.Set), Gaps: d.Gaps, Unknown: d.Unknown, Rollup: nonNil(d.Rollup), NotApplicable: d.NotApplicable})
	case *pipeline.PlanRun:
		return writePlanJSON(w, d)
	case *pipeline.Compare:
		d.Materialize()
		return writeDoc(w, compareView(d))
	case *pipeline.Diff:
		d.Materialize()
		return writeDoc(w, diffView(d))
	case *pipeline.Trend:
		return writeDoc(w, trendView(d))
	}
	return unsupported("json", doc)
}

// writePlanJSON streams {"criteria":…,"plans":[…]}, one plan a line.
func writePlanJSON(w io.Writer, run *pipeline.PlanRun) error {
	return streamJSON(w, run.Set, "plans", func(emit func([]byte) error) error {
		return run.EachTransient(func(p *scoring.Plan) error {
			b, err := json.Marshal(p)
			if err != nil {
				return err
			}
			return emit(b)
		})
	}, nil)
}

// streamJSON writes {"criteria":…,"<list>":[…]} with one element a line,
// as each gives them, so a run of any size holds one element at a time;
// after, when not nil, names one more field known only once the list is
// done (a summary), or "" for none.
func streamJSON(w io.Writer, s *criteria.Set, list string, each func(emit func([]byte) error) error, after func() (string, any)) error {
	return streamJSONTo(w, s, list, func(l *jsonList) error { return each(l.emit) }, after)
}

// streamJSONTo is streamJSON for a list written either element by element
// (emit) or as text whose elements each begin with ",\n" (Write): what
// workers writing subjects side by side produce, not knowing which
// element comes first.
func streamJSONTo(w io.Writer, s *criteria.Set, list string, each func(l *jsonList) error, after func() (string, any)) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	head, err := json.Marshal(ref(s))
	if err != nil {
		return err
	}
	bw.WriteString(`{"criteria":`)
	bw.Write(head)
	bw.WriteString(",\n" + strconv.Quote(list) + ":[")
	l := &jsonList{w: bw}
	if err := each(l); err != nil {
		return err
	}
	if l.n > 0 {
		bw.WriteString("\n")
	}
	bw.WriteString("]")
	if after != nil {
		if name, v := after(); name != "" {
			b, err := json.Marshal(v)
			if err != nil {
				return err
			}
			bw.WriteString(",\n" + strconv.Quote(name) + ":")
			bw.Write(b)
		}
	}
	bw.WriteString("}\n")
	return bw.Flush()
}

// jsonList is the list of a streamed JSON document being written: one
// element a line, a comma after each but the last.
type jsonList struct {
	w *bufio.Writer
	n int // writes so far: 0 until the first element
}

// emit writes one element.
func (l *jsonList) emit(b []byte) error {
	if l.n > 0 {
		l.w.WriteByte(',')
	}
	l.w.WriteByte('\n')
	l.n++
	_, err := l.w.Write(b)
	return err
}

// Write writes elements that each begin with ",\n", leaving out the comma
// before the first element of the list.
func (l *jsonList) Write(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	q := p
	if l.n == 0 && q[0] == ',' {
		q = q[1:]
	}
	l.n++
	if _, err := l.w.Write(q); err != nil {
		return 0, err
	}
	return len(p), nil
}

// SetSummary is one line of `criteria list`.
type SetSummary struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Source string `json:"source"`
	Kind   string `json:"kind"`
	Items  int    `json:"items"`
}

// QuotaDoc is the JSON document of a quota run: every subject's quotas and
// the city-wide roll-up.
type QuotaDoc struct {
	Criteria CriteriaRef         `json:"criteria"`
	Results  []*scoring.Quotas   `json:"results"`
	Rollup   []scoring.RollupRow `json:"rollup"`
}

// QuotaGapsDoc is the JSON document of gaps over a quota set.
type QuotaGapsDoc struct {
	Criteria CriteriaRef         `json:"criteria"`
	Gaps     []pipeline.Gap      `json:"gaps"`    // shortfalls, least done first
	Unknown  []pipeline.Gap      `json:"unknown"` // quotas a missing value leaves undecided
	Rollup   []scoring.RollupRow `json:"rollup"`
	// NotApplicable are the rows that do not apply, counted in nothing.
	NotApplicable []pipeline.NAItem `json:"not_applicable,omitempty"`
}

// ScoredGapsDoc is the JSON document of gaps over a scored standard.
type ScoredGapsDoc struct {
	Criteria CriteriaRef     `json:"criteria"`
	Lost     []pipeline.Lost `json:"lost"`    // points lost, most first
	Unknown  []pipeline.Lost `json:"unknown"` // indicators scored 0 for a missing value
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// writeScoredJSON streams {"criteria":…,"results":[…]} one result per
// line, so a 100,000-subject run never holds more than one result.
func writeScoredJSON(w io.Writer, run *pipeline.ScoredRun) error {
	// Making a subject's JSON costs about what scoring it does, so
	// subjects are scored and written on a worker per core (EachWritten),
	// each element with its comma, and reach the list in input order.
	return streamJSONTo(w, run.Set, "results", func(l *jsonList) error {
		return run.EachWritten(l, runtime.GOMAXPROCS(0), func() pipeline.SubjectWriter {
			buf := []byte(",\n")
			return func(w io.Writer, r *scoring.Scored) error {
				buf = appendScored(buf[:2], r)
				_, err := w.Write(buf)
				return err
			}
		})
	}, func() (string, any) {
		if ps := run.Prescreen(); ps != nil {
			return "summary", ps
		}
		return "", nil
	})
}

// writeScoredGapsJSON writes a ScoredGapsDoc as writeDoc would, one row at
// a time: gaps of 100,000 subjects hold some 1.8 million rows, made one by
// one from the document's small rows.
func writeScoredGapsJSON(w io.Writer, d *pipeline.ScoredGaps) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	head, err := json.Marshal(ref(d.Set))
	if err != nil {
		return err
	}
	bw.WriteString(`{"criteria":`)
	bw.Write(head)
	if err := writeJSONList(bw, "lost", d.Len(), func(i int) any { return d.LostAt(i) }); err != nil {
		return err
	}
	if err := writeJSONList(bw, "unknown", d.UnknownLen(), func(i int) any { return d.UnknownAt(i) }); err != nil {
		return err
	}
	if len(d.NotApplicable) > 0 { // a key only where something does not apply
		if err := writeJSONList(bw, "not_applicable", len(d.NotApplicable), func(i int) any { return d.NotApplicable[i] }); err != nil {
			return err
		}
	}
	bw.WriteString("}\n")
	return bw.Flush()
}

// writeDoc writes a document struct as a JSON object whose lists hold one
// element per line — the same layout scoredJSON streams — so every JSON
// output reads the same way and stays valid for jq.
func writeDoc(w io.Writer, doc any) error {
	bw := bufio.NewWriter(w)
	v := reflect.ValueOf(doc)
	t := v.Type()
	bw.WriteString("{")
	first := true
	for i := 0; i < t.NumField(); i++ {
		name, opts, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		f := v.Field(i)
		if name == "" || name == "-" || opts == "omitempty" && f.IsZero() {
			continue
		}
		if !first {
			bw.WriteString(",\n")
		}
		first = false
		bw.WriteString(strconv.Quote(name) + ":")
		if f.Kind() != reflect.Slice {
			b, err := json.Marshal(f.Interface())
			if err != nil {
				return err
			}
			bw.Write(b)
			continue
		}
		bw.WriteString("[")
		for k := 0; k < f.Len(); k++ {
			b, err := json.Marshal(f.Index(k).Interface())
			if err != nil {
				return err
			}
			if k > 0 {
				bw.WriteString(",")
			}
			bw.WriteString("\n")
			bw.Write(b)
		}
		if f.Len() > 0 {
			bw.WriteString("\n")
		}
		bw.WriteString("]")
	}
	bw.WriteString("}\n")
	return bw.Flush()
}

// setJSON is a criteria set as `criteria show --format json` gives it:
// every rule with its figures and source, in the file's own order.
type setJSON struct {
	Criteria      CriteriaRef          `json:"criteria"`
	Kind          string               `json:"kind"`
	Document      string               `json:"document"`
	MaxPoints     *scoring.Number      `json:"max_points"`
	Years         []int                `json:"years"`
	Lines         []lineJSON           `json:"lines"`
	Prerequisites []prereqJSON         `json:"prerequisites"`
	Categories    []categoryJSON       `json:"categories"`
	Indicators    []indicatorJSON      `json:"indicators"`
	Quotas        []quotaJSON          `json:"quotas"`
	Measures      []measureJSON        `json:"measures"`
	Rulings       []criteria.Ruling    `json:"rulings"`
	Schedule      []criteria.Milestone `json:"schedule"`
}

type lineJSON struct {
	Points  scoring.Number `json:"points"`
	Verdict string         `json:"verdict"`
	Label   string         `json:"label"`
	Source  string         `json:"source"`
}

type prereqJSON struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Text   string `json:"text"`
	Source string `json:"source"`
}

type categoryJSON struct {
	ID           string          `json:"id"`
	Name         string          `json:"name"`
	MaxPoints    scoring.Number  `json:"max_points"`
	StatedPoints *scoring.Number `json:"stated_points"`
}

type indicatorJSON struct {
	ID          string          `json:"id"`
	Category    string          `json:"category"`
	Name        string          `json:"name"`
	Rule        string          `json:"rule"`
	Points      scoring.Number  `json:"points"`
	Deduct      *scoring.Number `json:"deduct"`
	Step        *scoring.Number `json:"step"`
	Baseline    bool            `json:"baseline"`
	Veto        bool            `json:"veto"`
	Conditions  []string        `json:"conditions"`
	Requirement string          `json:"requirement"`
	Scoring     string          `json:"scoring"`
	Source      string          `json:"source"`
	Rulings     []int           `json:"rulings"`
	Note        string          `json:"note,omitempty"`
}

type quotaJSON struct {
	ID         string                    `json:"id"`
	Measure    string                    `json:"measure"`
	Name       string                    `json:"name"`
	Op         string                    `json:"op"`
	Yearly     bool                      `json:"yearly"`
	AppliesTo  []string                  `json:"applies_to"`
	Target     *scoring.Number           `json:"target"`
	Targets    map[string]scoring.Number `json:"targets"`
	Derive     string                    `json:"derive,omitempty"`
	CityTarget *scoring.Number           `json:"city_target"`
	RowTotal   *scoring.Number           `json:"row_total"`
	Due        string                    `json:"due"`
	Source     string                    `json:"source"`
	Rulings    []int                     `json:"rulings"`
	Note       string                    `json:"note,omitempty"`
}

type measureJSON struct {
	ID    string `json:"id"`
	Kind  string `json:"kind"`
	Label string `json:"label"`
	Unit  string `json:"unit"`
	Use   string `json:"use,omitempty"`
}

// decP is a criteria figure as a nullable JSON number.
func decP(d criteria.Dec) *scoring.Number {
	if !d.Given {
		return nil
	}
	return scoring.P(d.V)
}

func setView(s *criteria.Set) setJSON {
	v := setJSON{Criteria: ref(s), Kind: s.Kind, Document: s.Document, MaxPoints: decP(s.MaxPoints),
		Years: nonNil(s.Years), Lines: []lineJSON{}, Prerequisites: []prereqJSON{}, Categories: []categoryJSON{},
		Indicators: []indicatorJSON{}, Quotas: []quotaJSON{}, Rulings: nonNil(s.Rulings), Schedule: nonNil(s.Schedule)}
	for _, l := range s.Lines {
		v.Lines = append(v.Lines, lineJSON{Points: scoring.N(l.Points.V), Verdict: l.Verdict, Label: l.Label, Source: l.Source})
	}
	for _, p := range s.Prerequisites {
		v.Prerequisites = append(v.Prerequisites, prereqJSON{ID: p.ID, Name: p.Name, Text: p.Text, Source: p.Source})
	}
	for _, c := range s.Categories {
		v.Categories = append(v.Categories, categoryJSON{ID: c.ID, Name: c.Name, MaxPoints: scoring.N(c.MaxPoints), StatedPoints: decP(c.StatedPoints)})
	}
	for i := range s.Indicators {
		ind := &s.Indicators[i]
		var conds []string
		for _, req := range ind.Require {
			for _, c := range req.Conditions {
				conds = append(conds, c.String())
			}
		}
		v.Indicators = append(v.Indicators, indicatorJSON{ID: ind.ID, Category: ind.Category, Name: ind.Name, Rule: ind.Rule,
			Points: scoring.N(ind.Points.V), Deduct: decP(ind.Deduct), Step: decP(ind.Step), Baseline: ind.Baseline,
			Veto: ind.HasVeto(), Conditions: nonNil(conds), Requirement: ind.Requirement, Scoring: ind.Scoring,
			Source: ind.Source, Rulings: nonNil(ind.Rulings), Note: ind.Note})
	}
	for i := range s.Quotas {
		q := &s.Quotas[i]
		targets := map[string]scoring.Number{}
		for name, d := range q.Targets {
			targets[name] = scoring.N(d.V)
		}
		v.Quotas = append(v.Quotas, quotaJSON{ID: q.ID, Measure: q.Measure, Name: q.Name, Op: string(q.Cmp), Yearly: q.Yearly,
			AppliesTo: nonNil(q.AppliesTo), Target: decP(q.Target), Targets: targets, Derive: q.Derive,
			CityTarget: decP(q.CityTarget), RowTotal: decP(q.RowTotal), Due: q.Due, Source: q.Source,
			Rulings: nonNil(q.Rulings), Note: q.Note})
	}
	v.Measures = measuresView(s, "zh")
	return v
}

func measuresView(s *criteria.Set, lang string) []measureJSON {
	fields := templateFields(s, lang)
	out := make([]measureJSON, len(s.Measures))
	for i, m := range s.Measures {
		out[i] = measureJSON{ID: m.ID, Kind: m.Kind, Label: m.Label, Unit: m.UnitIn(lang), Use: fields[i].Use}
	}
	return out
}

// templateJSON is the blank input of a set for programs: the columns an
// input has and every measure to fill in.
type templateJSON struct {
	Criteria CriteriaRef   `json:"criteria"`
	Columns  []string      `json:"columns"`
	Measures []measureJSON `json:"measures"`
}

func templateView(d *pipeline.Template) templateJSON {
	return templateJSON{Criteria: ref(d.Set), Columns: templateColumns, Measures: measuresView(d.Set, "zh")}
}

// explainJSON is one item's rule and, with a subject, how its result came
// about.
type explainJSON struct {
	Criteria  CriteriaRef    `json:"criteria"`
	Indicator *indicatorJSON `json:"indicator,omitempty"`
	Quota     *quotaJSON     `json:"quota,omitempty"`
	Subject   *subjectJSON   `json:"subject"`
}

type subjectJSON struct {
	Subject      string             `json:"subject"`
	File         string             `json:"file"`
	Illustrative bool               `json:"illustrative"`
	Result       *scoring.Indicator `json:"result,omitempty"`
	Conditions   []conditionJSON    `json:"conditions,omitempty"`
	Quotas       []scoring.Quota    `json:"quotas,omitempty"`
}

type conditionJSON struct {
	Requirement string          `json:"requirement"`
	Condition   string          `json:"condition"`
	Measure     string          `json:"measure"`
	Given       bool            `json:"given"`
	Actual      *scoring.Scalar `json:"actual"`
	Holds       bool            `json:"holds"`
	Short       *scoring.Number `json:"short"`
	Started     *scoring.Number `json:"steps_started"`
	Whole       *scoring.Number `json:"steps_whole"`
}

func explainView(d *pipeline.Explain) explainJSON {
	v := explainJSON{Criteria: ref(d.Set)}
	set := setView(d.Set)
	if d.Indicator != nil {
		for i := range set.Indicators {
			if set.Indicators[i].ID == d.Indicator.ID {
				v.Indicator = &set.Indicators[i]
			}
		}
	} else {
		for i := range set.Quotas {
			if set.Quotas[i].ID == d.Quota.ID {
				v.Quota = &set.Quotas[i]
			}
		}
	}
	sub := d.Subject
	if sub == nil {
		return v
	}
	v.Subject = &subjectJSON{Subject: sub.Name, File: sub.File, Illustrative: sub.Illustrative, Quotas: sub.Lines}
	if d.Indicator != nil {
		res := sub.Result
		v.Subject.Result = &res
		v.Subject.Conditions = []conditionJSON{}
		for _, rt := range sub.Trace.Requirements {
			for _, ct := range rt.Conditions {
				c := conditionJSON{Requirement: rt.Requirement.Label, Condition: ct.Condition.String(),
					Measure: ct.Condition.Measure, Given: ct.Given, Holds: ct.Holds}
				if ct.Given {
					a := ct.Actual
					c.Actual = &a
					if !ct.Holds && !ct.Condition.IsBool {
						c.Short, c.Started, c.Whole = scoring.P(ct.Short), scoring.P(ct.Started), scoring.P(ct.Whole)
					}
				}
				v.Subject.Conditions = append(v.Subject.Conditions, c)
			}
		}
	}
	return v
}

// writeJSONList writes `,"name":[` and n elements, one a line, made by at:
// a long list streams without a slice of all its elements.
func writeJSONList(bw *bufio.Writer, name string, n int, at func(int) any) error {
	bw.WriteString(",\n" + strconv.Quote(name) + ":[")
	for i := range n {
		b, err := json.Marshal(at(i))
		if err != nil {
			return err
		}
		if i > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n")
		bw.Write(b)
	}
	if n > 0 {
		bw.WriteString("\n")
	}
	bw.WriteString("]")
	return nil
}
