package report_test

import (
	"bytes"
	"strings"
	"testing"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
	"countyscore/pipeline"
	"countyscore/report"
	"countyscore/scoring"
)

// TestHTMLEscapesInput: every string from input is escaped; a county
// named <script> shows as text in the chart, the grid and its page, and
// the report holds no script element at all.
func TestHTMLEscapesInput(t *testing.T) {
	s, err := criteria.Load("garden-county")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		subject string
		want    string // the escaped form that must appear
	}{
		{name: "script element", subject: `<script>alert(1)</script>`, want: `&lt;script&gt;alert(1)&lt;/script&gt;`},
		{name: "attribute breakout", subject: `"><img src=x onerror=alert(1)>`, want: `&#34;&gt;&lt;img src=x onerror=alert(1)&gt;`},
		{name: "ampersand", subject: `A&B县`, want: `A&amp;B县`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := &scoring.Scored{Subject: tc.subject, Verdict: s.BelowVerdict, Points: scoring.N(exact.Int(10)),
				PointsOptimistic: scoring.N(exact.Int(12)), MaxPoints: scoring.N(s.MaxPoints.V)}
			for i := range s.Indicators {
				res.Indicators = append(res.Indicators, scoring.Indicator{ID: s.Indicators[i].ID, Status: scoring.StatusMissing})
			}
			for i := range s.Categories {
				res.Categories = append(res.Categories, scoring.Category{ID: s.Categories[i].ID})
			}
			res.Values = make([]inputs.Value, len(s.Measures))
			r, err := report.New("html", "zh", pipeline.KindScoredRun)
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := r.Render(&b, pipeline.ScoredResults(s, []*scoring.Scored{res})); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			if strings.Contains(out, tc.subject) {
				t.Errorf("the subject's name appears unescaped")
			}
			if n := strings.Count(out, tc.want); n < 3 {
				t.Errorf("escaped name appears %d times, want it in the chart, the grid and its page", n)
			}
			if strings.Contains(strings.ToLower(out), "<script") || strings.Contains(out, "<img") {
				t.Errorf("the report holds an element from input")
			}
		})
	}
}
