package pipeline_test

import (
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
	"countyscore/pipeline"
	"countyscore/scoring"
)

const examples = "../inputs/examples/"

func load(t *testing.T, id string) *criteria.Set {
	t.Helper()
	s, err := criteria.Load(id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestExplainAgreesWithScore: for every quota set, every subject and every
// quota row, explain --input shows exactly the lines score reports, the
// city-wide sums included (explain once scored a record on its own and
// told the city that its counties' sum was missing).
func TestExplainAgreesWithScore(t *testing.T) {
	for _, id := range []string{"fitness-2025", "bigdata-2023"} {
		s := load(t, id)
		file := examples + id + ".csv"
		doc, err := pipeline.Score(s, []string{file}, &inputs.Warnings{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		run := doc.(*pipeline.QuotaRun)
		checked := 0
		for _, r := range run.Results {
			for _, q := range s.Quotas {
				ex, err := pipeline.ExplainItem(s, pipeline.ExplainRequest{ID: q.ID, Input: file, Subject: r.Subject}, &inputs.Warnings{})
				if err != nil {
					t.Fatalf("%s %s %s: %v", id, r.Subject, q.ID, err)
				}
				var want []scoring.Quota
				for _, line := range r.Quotas {
					if line.Row == q.ID {
						want = append(want, line)
					}
				}
				if !reflect.DeepEqual(ex.Subject.Lines, want) {
					t.Errorf("%s %s %s: explain %+v, score %+v", id, r.Subject, q.ID, ex.Subject.Lines, want)
				}
				checked += len(want)
			}
		}
		if checked == 0 {
			t.Fatalf("%s: no quota line compared", id)
		}
	}
}

// TestExplainCitySum pins the case that was wrong: the city's 健身步道
// line in the example data is the sum of all 13 counties.
func TestExplainCitySum(t *testing.T) {
	s := load(t, "fitness-2025")
	ex, err := pipeline.ExplainItem(s, pipeline.ExplainRequest{ID: "F03", Input: examples + "fitness-2025.csv", Subject: "吕梁市"}, &inputs.Warnings{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ex.Subject.Lines) != 1 {
		t.Fatalf("lines %+v", ex.Subject.Lines)
	}
	line := ex.Subject.Lines[0]
	if line.Scope != scoring.ScopeCitySum || line.Actual == nil || line.Derived == nil || line.Derived.Reported != 13 {
		t.Fatalf("city F03: %+v %+v", line, line.Derived)
	}
}

// TestExplainAgreesWithScoreOnIndicators: the indicator explain traces
// scores what score gives, for every example subject and indicator.
func TestExplainAgreesWithScoreOnIndicators(t *testing.T) {
	s := load(t, "garden-county")
	files, _ := filepath.Glob(examples + "garden-county/*.toml")
	if len(files) == 0 {
		t.Fatal("no example files")
	}
	for _, file := range files {
		doc, err := pipeline.Score(s, []string{file}, &inputs.Warnings{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		err = doc.(*pipeline.ScoredRun).Each(func(r *scoring.Scored) error {
			for _, want := range r.Indicators {
				ex, err := pipeline.ExplainItem(s, pipeline.ExplainRequest{ID: want.ID, Input: file}, &inputs.Warnings{})
				if err != nil {
					return err
				}
				got := ex.Subject.Result
				if got.Points != want.Points || got.PointsOptimistic != want.PointsOptimistic || got.Status != want.Status {
					t.Errorf("%s %s: explain %s/%s %s, score %s/%s %s", file, want.ID, got.Points, got.PointsOptimistic, got.Status,
						want.Points, want.PointsOptimistic, want.Status)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestQuotaGapsOrderIsTotal: the same shortfalls in any input order come
// out in one order, targets of 0 included.
func TestQuotaGapsOrderIsTotal(t *testing.T) {
	n := func(s string) *scoring.Number {
		d, err := exact.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		return scoring.P(d)
	}
	s := load(t, "fitness-2025")
	mk := func(subject, id, target, gap string) scoring.Quotas {
		return scoring.Quotas{Subject: subject, Quotas: []scoring.Quota{{ID: id, Row: id, Target: n(target), Gap: n(gap), Actual: n("0")}}}
	}
	rows := []scoring.Quotas{
		mk("甲", "F03", "10", "5"), mk("乙", "F03", "0", "2"), mk("丙", "F03", "20", "10"),
		mk("丁", "F03", "0", "3"), mk("戊", "F03", "4", "1"),
	}
	var first []pipeline.Gap
	perm := []int{0, 1, 2, 3, 4}
	for round := 0; round < 20; round++ {
		var results []*scoring.Quotas
		for _, i := range perm {
			r := rows[i]
			results = append(results, &r)
		}
		doc := pipeline.QuotaGapsOf(&pipeline.QuotaRun{Set: s, Results: results})
		if round == 0 {
			first = doc.Gaps
			if first[0].Subject != "丁" || first[1].Subject != "乙" {
				t.Fatalf("targets of 0 must come first, largest gap first: %+v", first)
			}
		} else if !reflect.DeepEqual(doc.Gaps, first) {
			t.Fatalf("order depends on input order: %v", perm)
		}
		perm = append(perm[1:], perm[0]) // rotate
		if round%5 == 4 {
			perm[0], perm[2] = perm[2], perm[0]
		}
	}
}

// TestPrescreenMemoryIsBounded: a run of more subjects than the summary
// names keeps MaxPrescreenRows rows and counts the rest by verdict.
func TestPrescreenMemoryIsBounded(t *testing.T) {
	s := load(t, "garden-county")
	n := pipeline.MaxPrescreenRows + 7
	results := make([]*scoring.Scored, n)
	for i := range results {
		results[i] = &scoring.Scored{Subject: "S" + strconv.Itoa(i), Verdict: "below-70"}
	}
	run := pipeline.ScoredResults(s, results)
	if err := run.Each(func(*scoring.Scored) error { return nil }); err != nil {
		t.Fatal(err)
	}
	ps := run.Prescreen()
	if len(ps.Groups) != 1 || ps.Groups[0].Count != n || len(ps.Groups[0].Subjects) != pipeline.MaxPrescreenRows || ps.Groups[0].Unlisted != 7 {
		t.Fatalf("groups %d, count %d, listed %d, unlisted %d", len(ps.Groups), ps.Groups[0].Count, len(ps.Groups[0].Subjects), ps.Groups[0].Unlisted)
	}
}
