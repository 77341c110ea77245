package main

import (
	"fmt"
	"io"
	"runtime/debug"

	"github.com/urfave/cli/v2"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
	"countyscore/report"
	"countyscore/scoring"
)

func scoreCommand() *cli.Command {
	return &cli.Command{
		Name:      "score",
		Usage:     "evaluate subjects: points, veto and baseline failures, quota gaps, verdicts",
		ArgsUsage: "FILE... (one .toml per subject, or .csv files of many)",
		Flags: []cli.Flag{
			criteriaFlag(),
			formatFlag("table"),
			langFlag(),
			outputFlag(),
			&cli.StringFlag{Name: "fail-under", Usage: "exit 1 if any subject scores below `N` points (scored sets)"},
			&cli.BoolFlag{Name: "fail-on-veto", Usage: "exit 1 if any subject fails a veto item (scored sets)"},
			&cli.BoolFlag{Name: "fail-on-unmet", Usage: "exit 1 if any subject falls short of a quota (quota sets)"},
		},
		Action: scoreAction,
	}
}

// gate is what the --fail-* flags ask of the results.
type gate struct {
	under       *exact.Decimal
	onVeto      bool
	onUnmet     bool
	failures    []string
	failedCount int
}

func newGate(c *cli.Context, s *criteria.Set) (*gate, error) {
	g := &gate{onVeto: c.Bool("fail-on-veto"), onUnmet: c.Bool("fail-on-unmet")}
	if v := c.String("fail-under"); v != "" {
		d, err := exact.Parse(v)
		if err != nil || d.IsNeg() {
			return nil, usagef("--fail-under %q: want a number of points", v)
		}
		g.under = &d
	}
	if s.IsScored() && g.onUnmet {
		return nil, usagef("--fail-on-unmet is for quota sets; %s is scored (use --fail-under or --fail-on-veto)", s.ID)
	}
	if !s.IsScored() && (g.under != nil || g.onVeto) {
		return nil, usagef("--fail-under and --fail-on-veto are for scored sets; %s is a quota set (use --fail-on-unmet)", s.ID)
	}
	return g, nil
}

func (g *gate) scored(r *scoring.Scored) {
	if g.under != nil && r.Points.V.Cmp(*g.under) < 0 {
		g.fail(fmt.Sprintf("%s scores %s, under %s", r.Subject, r.Points, exact.String(*g.under)))
	}
	if g.onVeto && len(r.VetoFailures) > 0 {
		g.fail(fmt.Sprintf("%s fails veto item(s) %v", r.Subject, r.VetoFailures))
	}
}

func (g *gate) quotas(r *scoring.Quotas) {
	if g.onUnmet && r.Verdict == scoring.NotMet {
		g.fail(fmt.Sprintf("%s falls short of a quota", r.Subject))
	}
}

func (g *gate) fail(msg string) {
	g.failedCount++
	if len(g.failures) < 10 {
		g.failures = append(g.failures, msg)
	}
}

func (g *gate) report(stderr io.Writer) error {
	if g.failedCount == 0 {
		return nil
	}
	for _, f := range g.failures {
		fmt.Fprintf(stderr, "countyscore: %s\n", f)
	}
	if more := g.failedCount - len(g.failures); more > 0 {
		fmt.Fprintf(stderr, "countyscore: … and %d more\n", more)
	}
	return errFailed
}

func scoreAction(c *cli.Context) error {
	o, s, files, err := evaluationArgs(c)
	if err != nil {
		return err
	}
	g, err := newGate(c, s)
	if err != nil {
		return err
	}
	out := newOutput(c.App.Writer, c.String("output"))
	warns := &inputs.Warnings{}
	// Streaming keeps little alive, so the collector can run less often:
	// a quarter of the time it would take, for a few MB of headroom.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	if s.IsScored() {
		err = scoreStream(out, s, files, o, g, warns)
	} else {
		err = scoreQuotas(out, s, files, o, g, warns)
	}
	if err != nil {
		out.discard()
		return err
	}
	printWarnings(c.App.ErrWriter, warns)
	if err := out.commit(); err != nil {
		return err
	}
	return g.report(c.App.ErrWriter)
}

// scoreStream scores a scored set one record at a time: the renderer keeps
// a summary line per subject, nothing more. Reading and parsing run in a
// goroutine of their own, a batch ahead of scoring and rendering, so the
// two halves of the work share the machine's cores; order is kept.
func scoreStream(w io.Writer, s *criteria.Set, files []string, o report.Options, g *gate, warns *inputs.Warnings) error {
	sw, err := report.NewScored(w, s, o)
	if err != nil {
		return err
	}
	batches := make(chan recordBatch, 4)
	done := make(chan struct{})
	defer close(done)
	go readBatches(inputs.Open(files, s, warns), batches, done)
	scorer := scoring.NewScorer(s) // each result is rendered before the next is scored
	for b := range batches {
		for _, rec := range b.recs {
			r, err := scorer.Score(rec)
			if err != nil {
				return err
			}
			g.scored(r)
			if err := sw.Write(r); err != nil {
				return outputError{err}
			}
		}
		if b.err != nil {
			return b.err
		}
	}
	if err := sw.Close(); err != nil {
		return outputError{err}
	}
	return nil
}

// recordBatch is a run of records read ahead, and the error that ended
// the reading, if any.
type recordBatch struct {
	recs []*inputs.Record
	err  error
}

// readBatches reads src into batches until the end, an error, or done.
func readBatches(src *inputs.Source, out chan<- recordBatch, done <-chan struct{}) {
	defer close(out)
	defer src.Close()
	const size = 256
	b := recordBatch{recs: make([]*inputs.Record, 0, size)}
	send := func() bool {
		select {
		case out <- b:
			b = recordBatch{recs: make([]*inputs.Record, 0, size)}
			return true
		case <-done:
			return false
		}
	}
	for {
		rec, err := src.Next()
		if err == io.EOF {
			send()
			return
		}
		if err != nil {
			b.err = err
			send()
			return
		}
		b.recs = append(b.recs, rec)
		if len(b.recs) == size && !send() {
			return
		}
	}
}

// readAll reads every record of a run, for the commands that need them all
// at once: a quota run (a registry's worth of subjects at most, each once)
// and gaps, which ranks shortfalls across every subject.
func readAll(s *criteria.Set, files []string, warns *inputs.Warnings) ([]*inputs.Record, error) {
	src := inputs.Open(files, s, warns)
	defer src.Close()
	var recs []*inputs.Record
	for {
		rec, err := src.Next()
		if err == io.EOF {
			return recs, nil
		}
		if err != nil {
			return nil, err
		}
		recs = append(recs, rec)
	}
}

func scoreQuotas(w io.Writer, s *criteria.Set, files []string, o report.Options, g *gate, warns *inputs.Warnings) error {
	recs, err := readAll(s, files, warns)
	if err != nil {
		return err
	}
	warnYears(s, recs, warns)
	results, err := scoring.EvaluateQuotas(s, recs, warns)
	if err != nil {
		return err
	}
	for _, r := range results {
		g.quotas(r)
	}
	if err := report.Quotas(w, s, results, scoring.Rollup(s, recs, results), o); err != nil {
		return outputError{err}
	}
	return nil
}

// warnYears flags values that describe a year outside the plan's years.
func warnYears(s *criteria.Set, recs []*inputs.Record, warns *inputs.Warnings) {
	if len(s.Years) == 0 {
		return
	}
	first, last := s.Years[0], s.Years[len(s.Years)-1]
	for _, rec := range recs {
		if rec.Year != 0 && (rec.Year < first || rec.Year > last) {
			warns.Add(rec.File+"\x00year", fmt.Sprintf("%s: year %d is outside the plan's years %d–%d of %s", rec.File, rec.Year, first, last, s.ID))
		}
	}
}

func printWarnings(w io.Writer, warns *inputs.Warnings) {
	for _, msg := range warns.List() {
		fmt.Fprintf(w, "countyscore: warning: %s\n", msg)
	}
}
