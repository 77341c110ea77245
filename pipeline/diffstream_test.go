package pipeline_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"countyscore/inputs"
	"countyscore/internal/benchgen"
	"countyscore/pipeline"
)

// TestStreamedDiffAsMaterialized: a streamed diff hands EachSubject the
// subjects the whole document holds, in the same order, each whole while
// fn has it, over several chunks (3,000 subjects on both sides), with
// subjects on one side only, the same lists of those and the same
// regressions; Materialize gives the document itself; an error from fn
// stops the stream and is returned.
func TestStreamedDiffAsMaterialized(t *testing.T) {
	s := load(t, "garden-county")
	dir := t.TempDir()
	gen := func(name string, rows int, seed int64, drop func(line int) bool) string {
		var b bytes.Buffer
		if err := benchgen.WriteGardenCSV(&b, rows, seed); err != nil {
			t.Fatal(err)
		}
		lines := strings.SplitAfter(b.String(), "\n")
		var kept []string
		for i, l := range lines {
			if i == 0 || !drop(i) {
				kept = append(kept, l)
			}
		}
		file := filepath.Join(dir, name)
		if err := os.WriteFile(file, []byte(strings.Join(kept, "")), 0o644); err != nil {
			t.Fatal(err)
		}
		return file
	}
	oldFile := gen("old.csv", 3100, 1, func(int) bool { return false })
	newFile := gen("new.csv", 3200, 2, func(line int) bool { return line > 100 && line <= 200 })
	diff := func(opts ...pipeline.Option) *pipeline.Diff {
		doc, err := pipeline.DiffFiles(s, []string{oldFile}, []string{newFile}, &inputs.Warnings{}, opts...)
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}
	want := diff()
	if len(want.Subjects) != 3000 || len(want.OnlyOld) != 100 || len(want.OnlyNew) != 100 {
		t.Fatalf("%d subjects on both sides, %d in OLD only, %d in NEW only; want 3000, 100, 100",
			len(want.Subjects), len(want.OnlyOld), len(want.OnlyNew))
	}
	regressions := want.Regressions()
	if len(regressions) == 0 || len(regressions) == len(want.Subjects) {
		t.Fatalf("%d of %d subjects regressed: the data test too little", len(regressions), len(want.Subjects))
	}

	got := diff(pipeline.Streamed())
	if len(got.Subjects) != 0 {
		t.Fatalf("a streamed diff holds %d subjects before Materialize", len(got.Subjects))
	}
	if !reflect.DeepEqual(got.OnlyOld, want.OnlyOld) || !reflect.DeepEqual(got.OnlyNew, want.OnlyNew) {
		t.Errorf("subjects on one side only differ")
	}
	if !reflect.DeepEqual(got.Regressions(), regressions) {
		t.Errorf("regressions differ: %d, want %d", len(got.Regressions()), len(regressions))
	}
	for round := range 2 { // EachSubject may be called again
		i := 0
		err := got.EachSubject(func(d *pipeline.SubjectDiff) error {
			if i < len(want.Subjects) {
				g, _ := json.Marshal(d)
				w, _ := json.Marshal(&want.Subjects[i])
				if !bytes.Equal(g, w) {
					t.Fatalf("round %d, subject %d:\n%s\nwant\n%s", round, i, g, w)
				}
			}
			i++
			return nil
		})
		if err != nil || i != len(want.Subjects) {
			t.Fatalf("round %d: %d subjects, %v; want %d", round, i, err, len(want.Subjects))
		}
	}
	stop := errors.New("stop")
	n := 0
	if err := got.EachSubject(func(*pipeline.SubjectDiff) error {
		if n++; n == 1500 {
			return stop
		}
		return nil
	}); !errors.Is(err, stop) || n != 1500 {
		t.Errorf("stopped at %d, %v; want 1500, stop", n, err)
	}
	got.Materialize()
	if !reflect.DeepEqual(got.Subjects, want.Subjects) {
		t.Errorf("Materialize: the subjects differ from the whole document's")
	}
	if !reflect.DeepEqual(got.Regressions(), regressions) {
		t.Errorf("regressions after Materialize differ")
	}
}
