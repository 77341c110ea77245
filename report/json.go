package report

import (
	"bufio"
	"encoding/json"
	"io"
	"reflect"
	"strconv"
	"strings"

	"countyscore/criteria"
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

// scoredJSON streams {"criteria":…,"results":[…]} one result per line, so
// a 100,000-subject run never holds more than one result and the output
// stays readable line by line.
type scoredJSON struct {
	w     *bufio.Writer
	buf   []byte
	set   *criteria.Set
	n     int
	begun bool
	err   error
}

func newScoredJSON(w io.Writer, s *criteria.Set) *scoredJSON {
	return &scoredJSON{w: bufio.NewWriterSize(w, 64<<10), set: s}
}

func (j *scoredJSON) begin() {
	if j.begun {
		return
	}
	j.begun = true
	head, err := json.Marshal(ref(j.set))
	if err != nil {
		j.err = err
		return
	}
	j.write(`{"criteria":`)
	j.write(string(head))
	j.write(",\n\"results\":[")
}

func (j *scoredJSON) write(s string) {
	if j.err == nil {
		_, j.err = j.w.WriteString(s)
	}
}

func (j *scoredJSON) Write(r *scoring.Scored) error {
	j.begin()
	j.buf = j.buf[:0]
	if j.n > 0 {
		j.buf = append(j.buf, ',')
	}
	j.buf = append(j.buf, '\n')
	j.buf = appendScored(j.buf, r)
	if j.err == nil {
		_, j.err = j.w.Write(j.buf)
	}
	j.n++
	return j.err
}

func (j *scoredJSON) Close() error {
	j.begin()
	if j.n > 0 {
		j.write("\n")
	}
	j.write("]}\n")
	if j.err != nil {
		return j.err
	}
	return j.w.Flush()
}

// QuotaDoc is the JSON document of a quota run: every subject's quotas and
// the city-wide roll-up.
type QuotaDoc struct {
	Criteria CriteriaRef         `json:"criteria"`
	Results  []*scoring.Quotas   `json:"results"`
	Rollup   []scoring.RollupRow `json:"rollup"`
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
