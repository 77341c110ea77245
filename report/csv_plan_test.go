package report

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strconv"
	"strings"
	"testing"

	"countyscore/exact"
	"countyscore/scoring"
)

// planRowsReference is the plan CSV as it was written before its shared
// cells were laid out once: every cell a string, made safe, through
// encoding/csv.
func planRowsReference(t *testing.T, p *scoring.Plan) string {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	safe := func(cells []string) []string {
		for i := range cells {
			cells[i] = safeCell(cells[i])
		}
		return cells
	}
	lead := []string{p.Subject, strconv.FormatBool(p.Illustrative), numP(p.Line), strconv.FormatBool(p.Reachable),
		numP(p.PointsBefore), p.VerdictBefore}
	tail := []string{numP(p.PointsAfter), p.VerdictAfter, strings.Join(p.Assumed, " ")}
	if len(p.Actions) == 0 {
		if err := w.Write(safe(slices.Concat(lead, make([]string, 9), tail))); err != nil {
			t.Fatal(err)
		}
	}
	for _, a := range p.Actions {
		from := ""
		if a.From != nil {
			from = scalarCSV(*a.From)
		}
		due := a.Due
		if a.Year > 0 {
			due = strconv.Itoa(a.Year)
		}
		act := []string{a.Measure, a.Indicator, from, scalarCSV(a.To), num(a.PointsGained.V), numP(a.Amount), due, a.Reason, numP(a.Cost)}
		if err := w.Write(safe(slices.Concat(lead, act, tail))); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	return b.String()
}

func TestPlanRowsMatchReference(t *testing.T) {
	d := exact.MustParse
	from := scoring.Scalar{Num: d("34.60")}
	yes := scoring.Scalar{IsBool: true, Bool: false}
	neg := scoring.Scalar{Num: d("-2.5")}
	act := scoring.Action{Measure: "G10", Indicator: "G10", From: &from, To: scoring.Scalar{Num: d("38.9")}, PointsGained: scoring.N(d("4")), Reason: "points"}
	tests := []struct {
		name string
		plan scoring.Plan
	}{
		{name: "no actions", plan: scoring.Plan{Subject: "临县", Illustrative: true, Line: scoring.P(d("70")), Reachable: true,
			PointsBefore: scoring.P(d("75.50")), VerdictBefore: "forwardable", PointsAfter: scoring.P(d("75.5")), VerdictAfter: "forwardable", Assumed: []string{}}},
		{name: "quota plan without points", plan: scoring.Plan{Subject: "县1", VerdictBefore: "unmet", VerdictAfter: "met", Reachable: true,
			Actions: []scoring.Action{
				{Measure: "Q1.2025", Indicator: "Q1", From: &from, To: scoring.Scalar{Num: d("100")}, PointsGained: scoring.N(exact.Zero), Amount: scoring.P(d("65.4")), Due: "每年", Year: 2025, Reason: "quota"},
				{Measure: "Q2", Indicator: "Q2", To: scoring.Scalar{Num: d("7")}, PointsGained: scoring.N(exact.Zero), Due: "年底前", Reason: "missing"},
			}}},
		{name: "actions with costs, unsafe and quoted cells", plan: scoring.Plan{Subject: "=SUM(A1),\"x\"", Line: scoring.P(d("80")),
			PointsBefore: scoring.P(d("-1")), VerdictBefore: "vetoed", PointsAfter: scoring.P(d("80")), VerdictAfter: "acceptance-ready",
			Cost: scoring.P(d("12.5")), Assumed: []string{"G10", "+G11"},
			Actions: []scoring.Action{
				act,
				{Measure: "G05", Indicator: "@G05", From: &yes, To: scoring.Scalar{IsBool: true, Bool: true}, PointsGained: scoring.N(d("-0.5")), Reason: "veto", Cost: scoring.P(d("2"))},
				{Measure: "G 06", Indicator: " G06", From: &neg, To: scoring.Scalar{Num: d("0")}, PointsGained: scoring.N(d("1.25")), Reason: "baseline", Cost: scoring.P(d("-3"))},
			}}},
		{name: "empty subject and no line", plan: scoring.Plan{Actions: []scoring.Action{act}, Assumed: []string{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			c := newCSVWriter(&b)
			var parts planRowParts
			// Twice, so that the parts are reused as they are from plan to plan.
			for range 2 {
				if err := writePlanRows(c, &parts, &tt.plan); err != nil {
					t.Fatal(err)
				}
			}
			if err := c.flush(); err != nil {
				t.Fatal(err)
			}
			want := planRowsReference(t, &tt.plan)
			if got := b.String(); got != want+want {
				t.Errorf("rows differ\n got: %q\nwant: %q", got, want+want)
			}
		})
	}
}
