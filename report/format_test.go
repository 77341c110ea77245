package report_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"countyscore/criteria"
	"countyscore/inputs"
	"countyscore/pipeline"
	"countyscore/report"
)

const examples = "../inputs/examples/"

// sampleDocs builds one or more documents of every kind from the bundled
// example data, the way the commands build them.
func sampleDocs(t *testing.T) []pipeline.Document {
	t.Helper()
	load := func(id string) *criteria.Set {
		s, err := criteria.Load(id)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	garden, fitness := load("garden-county"), load("fitness-2025")
	must := func(doc pipeline.Document, err error) pipeline.Document {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}
	warns := &inputs.Warnings{}
	explain := func(s *criteria.Set, id, input, subject string) pipeline.Document {
		doc, err := pipeline.ExplainItem(s, pipeline.ExplainRequest{ID: id, Input: input, Subject: subject}, warns)
		return must(doc, err)
	}
	gardenCSV, fitnessCSV := examples+"garden-county.csv", examples+"fitness-2025.csv"
	garden2, fitness2 := examples+"garden-county-2025.csv", examples+"fitness-2025-2025.csv"
	return []pipeline.Document{
		&pipeline.CriteriaList{Sets: []*criteria.Set{garden, fitness, load("bigdata-2023")}},
		&pipeline.CriteriaShow{Set: garden},
		&pipeline.CriteriaShow{Set: fitness},
		&pipeline.Template{Set: garden, Ref: "garden-county", Builtin: true},
		&pipeline.Template{Set: fitness, Ref: "fitness-2025", Builtin: true},
		explain(garden, "G10", "", ""),
		explain(garden, "G15", gardenCSV, "柳林县"),
		explain(fitness, "F03", fitnessCSV, "吕梁市"),
		must(pipeline.Score(garden, []string{gardenCSV}, warns, nil)),
		must(pipeline.Score(fitness, []string{fitnessCSV}, warns, nil)),
		must(pipeline.Gaps(garden, []string{gardenCSV}, warns)),
		must(pipeline.Gaps(fitness, []string{fitnessCSV}, warns)),
		must(pipeline.Plan(garden, []string{gardenCSV}, warns, pipeline.PlanRequest{})),
		must(pipeline.Plan(fitness, []string{fitnessCSV}, warns, pipeline.PlanRequest{})),
		must(pipeline.CompareFiles(garden, []string{gardenCSV, garden2}, nil, pipeline.CompareView{Values: true}, warns)),
		must(pipeline.CompareFiles(fitness, []string{fitnessCSV, fitness2}, nil, pipeline.CompareView{}, warns)),
		must(pipeline.DiffFiles(garden, []string{gardenCSV}, []string{garden2}, warns)),
		must(pipeline.DiffFiles(fitness, []string{fitnessCSV}, []string{fitness2}, warns)),
		must(pipeline.TrendFiles(garden, []string{gardenCSV, garden2}, warns)),
		must(pipeline.TrendFiles(fitness, []string{fitnessCSV, fitness2}, warns)),
	}
}

// TestEveryFormatRendersEveryDocument walks every registered format ×
// every document kind: a format renders each kind it lists, refuses the
// others with ErrUnsupported, and never prints another format's output in
// its place.
func TestEveryFormatRendersEveryDocument(t *testing.T) {
	docs := sampleDocs(t)
	covered := map[string]bool{}
	for _, d := range docs {
		covered[d.Kind()] = true
	}
	for _, kind := range pipeline.Kinds {
		if !covered[kind] {
			t.Errorf("no sample document of kind %s: add one to sampleDocs", kind)
		}
		for _, core := range []string{"table", "markdown", "json", "csv"} {
			if !slices.Contains(report.Formats(kind), core) {
				t.Errorf("core format %s does not list document %s", core, kind)
			}
		}
	}
	for i, doc := range docs {
		outputs := map[string]string{}
		for _, name := range report.Names() {
			r, _ := report.Any(name, "zh")
			var b bytes.Buffer
			err := r.Render(&b, doc)
			if !slices.Contains(report.Formats(doc.Kind()), name) {
				if !errors.Is(err, report.ErrUnsupported) {
					t.Errorf("%s × %s: want ErrUnsupported, got %v and %d bytes", name, doc.Kind(), err, b.Len())
				}
				continue
			}
			if err != nil {
				t.Errorf("%s × %s (sample %d): %v", name, doc.Kind(), i, err)
				continue
			}
			if b.Len() == 0 {
				t.Errorf("%s × %s (sample %d): empty output", name, doc.Kind(), i)
			}
			checkShape(t, name, doc.Kind(), b.Bytes())
			for other, out := range outputs {
				if out == b.String() {
					t.Errorf("%s × %s: the same bytes as %s: a fallback?", name, doc.Kind(), other)
				}
			}
			outputs[name] = b.String()
		}
	}
}

// checkShape holds each format's output to its own syntax.
func checkShape(t *testing.T, format, kind string, out []byte) {
	t.Helper()
	switch format {
	case "json":
		var v map[string]any
		if err := json.Unmarshal(out, &v); err != nil {
			t.Errorf("json × %s: not a JSON object: %v", kind, err)
		} else if _, ok := v["criteria"]; !ok && kind != pipeline.KindCriteriaList {
			t.Errorf("json × %s: no criteria block", kind)
		}
	case "csv":
		rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
		if err != nil || len(rows) == 0 {
			t.Errorf("csv × %s: not a rectangular CSV: %v", kind, err)
		}
	case "markdown":
		if !bytes.Contains(out, []byte("|")) && !bytes.HasPrefix(out, []byte("#")) {
			t.Errorf("markdown × %s: neither a heading nor a table", kind)
		}
		if bytes.Contains(out, []byte("+-")) {
			t.Errorf("markdown × %s: has text-table borders", kind)
		}
	case "table":
		if !bytes.Contains(out, []byte("+-")) {
			t.Errorf("table × %s: no table", kind)
		}
	case "toml":
		if !strings.Contains(string(out), " = \"\"") {
			t.Errorf("toml × %s: no keys to fill in", kind)
		}
	case "xlsx":
		f, err := excelize.OpenReader(bytes.NewReader(out))
		if err != nil {
			t.Errorf("xlsx × %s: not a workbook: %v", kind, err)
			return
		}
		defer f.Close()
		if sheets := f.GetSheetList(); len(sheets) < 2 {
			t.Errorf("xlsx × %s: sheets %v, want a sheet about the run and its views", kind, sheets)
		}
	case "html":
		checkHTMLShape(t, kind, out)
	}
}

// TestUnknownFormat: an unknown format is an error naming the formats
// that exist, never a fallback.
func TestUnknownFormat(t *testing.T) {
	for _, tc := range []struct{ name, format, kind string }{
		{"unknown", "yaml", pipeline.KindScoredRun},
		{"toml is for templates only", "toml", pipeline.KindScoredRun},
		{"empty", "", pipeline.KindTemplate},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := report.New(tc.format, "zh", tc.kind)
			if err == nil || !strings.Contains(err.Error(), "want table") {
				t.Errorf("New(%q): %v", tc.format, err)
			}
		})
	}
	if _, err := report.New("table", "fr", pipeline.KindScoredRun); err == nil {
		t.Error("an unknown language was accepted")
	}
}

// checkHTMLShape: one whole HTML document that fetches nothing.
func checkHTMLShape(t *testing.T, kind string, out []byte) {
	t.Helper()
	s := string(out)
	if !strings.HasPrefix(s, "<!DOCTYPE html>") || !strings.HasSuffix(strings.TrimSpace(s), "</html>") {
		t.Errorf("html × %s: not a whole HTML document", kind)
	}
	for _, ext := range []string{"<script", "src=", "href=\"http", "@import", "url("} {
		if strings.Contains(s, ext) {
			t.Errorf("html × %s: holds %q: the report must be self-contained and need no script", kind, ext)
		}
	}
}
