package report_test

import (
	"bytes"
	"strings"
	"testing"

	"countyscore/criteria"
	"countyscore/inputs"
	"countyscore/pipeline"
	"countyscore/report"
)

// TestCompareMarks: best and worst are coloured only when the command
// says the output is a terminal that allows colour, and Markdown never;
// otherwise they carry plain marks.
func TestCompareMarks(t *testing.T) {
	s, err := criteria.Load("garden-county")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		format    string
		color     bool
		wantANSI  bool
		wantPlain bool
	}{
		{name: "terminal with colour", format: "table", color: true, wantANSI: true},
		{name: "no colour (pipe, file or NO_COLOR)", format: "table", color: false, wantPlain: true},
		{name: "markdown never coloured", format: "markdown", color: true, wantPlain: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := pipeline.CompareFiles(s, []string{examples + "garden-county.csv"}, pipeline.SubjectFilter{"柳林县", "中阳县"},
				pipeline.CompareView{Color: tc.color}, &inputs.Warnings{})
			if err != nil {
				t.Fatal(err)
			}
			r, err := report.New(tc.format, "zh", doc.Kind())
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := r.Render(&b, doc); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			if got := strings.Contains(out, "\x1b[32m"); got != tc.wantANSI {
				t.Errorf("colour %v, want %v", got, tc.wantANSI)
			}
			if got := strings.Contains(out, " + |") && strings.Contains(out, "标记"); got != tc.wantPlain {
				t.Errorf("plain marks %v, want %v", got, tc.wantPlain)
			}
		})
	}
}
