package scoring_test

import (
	"bytes"
	"io"
	"testing"

	"countyscore/criteria"
	"countyscore/inputs"
	"countyscore/internal/benchgen"
	"countyscore/scoring"
)

// records reads generated subjects of set s.
func records(b testing.TB, s *criteria.Set, opts benchgen.Options) []*inputs.Record {
	b.Helper()
	var buf bytes.Buffer
	if err := benchgen.Write(&buf, s, opts); err != nil {
		b.Fatal(err)
	}
	r, err := inputs.NewCSV("bench.csv", &buf, s, &inputs.Warnings{})
	if err != nil {
		b.Fatal(err)
	}
	var recs []*inputs.Record
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return recs
		}
		if err != nil {
			b.Fatal(err)
		}
		recs = append(recs, rec)
	}
}

func load(b *testing.B, id string) *criteria.Set {
	b.Helper()
	s, err := criteria.Load(id)
	if err != nil {
		b.Fatal(err)
	}
	return s
}

func perSecond(b *testing.B, n int, unit string) {
	if secs := b.Elapsed().Seconds(); secs > 0 {
		b.ReportMetric(float64(n)/secs, unit)
	}
}

// BenchmarkScoreGardenCounty scores one subject per op, cycling through
// 1,000 generated subjects so every verdict and rule path is in the mix.
// Target: ≤ 5 µs per subject (≥ 200,000 subjects/s on one core).
func BenchmarkScoreGardenCounty(b *testing.B) {
	s := load(b, "garden-county")
	recs := records(b, s, benchgen.Options{Rows: 1000, Seed: 7})
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		if _, err := scoring.Score(s, recs[n%len(recs)]); err != nil {
			b.Fatal(err)
		}
		n++
	}
	perSecond(b, n, "subjects/s")
}

// BenchmarkScorerGardenCounty is the streaming path the score command
// takes: one Scorer reusing its memory from subject to subject.
func BenchmarkScorerGardenCounty(b *testing.B) {
	s := load(b, "garden-county")
	recs := records(b, s, benchgen.Options{Rows: 1000, Seed: 7})
	sc := scoring.NewScorer(s)
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		if _, err := sc.Score(recs[n%len(recs)]); err != nil {
			b.Fatal(err)
		}
		n++
	}
	perSecond(b, n, "subjects/s")
}

// BenchmarkScoreGardenCountyComplete scores one subject with every value
// given and no veto: the longest path, every indicator evaluated in full.
func BenchmarkScoreGardenCountyComplete(b *testing.B) {
	s := load(b, "garden-county")
	var rec *inputs.Record
	for _, r := range records(b, s, benchgen.Options{Rows: 1000, Seed: 7}) {
		res, err := scoring.Score(s, r)
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Missing) == 0 && len(res.VetoFailures) == 0 && res.Verdict == s.BelowVerdict {
			rec = r
			break
		}
	}
	if rec == nil {
		b.Fatal("no complete subject below the lines among the generated ones")
	}
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		if _, err := scoring.Score(s, rec); err != nil {
			b.Fatal(err)
		}
		n++
	}
	perSecond(b, n, "subjects/s")
}

// BenchmarkEvaluateQuotasFitness evaluates a whole fitness-2025 run (every
// subject the plan names, 2024's values) per op.
func BenchmarkEvaluateQuotasFitness(b *testing.B) {
	s := load(b, "fitness-2025")
	recs := records(b, s, benchgen.Options{Rows: 1 << 20, Seed: 7, Subjects: s.SubjectNames(), Year: 2024})
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		if _, err := scoring.EvaluateQuotas(s, recs, &inputs.Warnings{}); err != nil {
			b.Fatal(err)
		}
		n += len(recs)
	}
	perSecond(b, n, "subjects/s")
	b.ReportMetric(float64(len(recs)), "subjects/op")
}
