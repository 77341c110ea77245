package pipeline

import (
	"fmt"
	"slices"

	"countyscore/exact"
	"countyscore/scoring"
)

// Gate is what a script asks of a run's results (--fail-under,
// --fail-on-veto, --fail-on-unmet): it sees every result as the run goes
// and remembers the first few that fail, and how many.
type Gate struct {
	Under   *exact.Decimal // fail a scored subject below these points
	OnVeto  bool           // fail a scored subject that fails a veto item
	OnUnmet bool           // fail a quota subject short of a quota
	// Unless fails a scored subject whose verdict is not in Pass: a line's
	// verdict and those of the lines above it (--fail-unless).
	Unless string
	Pass   []string

	failures []string
	count    int
}

// maxGateFailures is how many failing subjects a gate names.
const maxGateFailures = 10

func (g *Gate) scored(r *scoring.Scored) { g.failAll(g.check(r)) }

// check describes how r fails the gate, if it does. It only reads g, so
// the workers of EachWritten call it side by side; failAll then counts
// the failures in input order.
func (g *Gate) check(r *scoring.Scored) []string {
	if g == nil {
		return nil
	}
	var out []string
	if g.Under != nil && r.Points.V.Cmp(*g.Under) < 0 {
		out = append(out, fmt.Sprintf("%s scores %s, under %s", r.Subject, r.Points, exact.String(*g.Under)))
	}
	if g.OnVeto && len(r.VetoFailures) > 0 {
		out = append(out, fmt.Sprintf("%s fails veto item(s) %v", r.Subject, r.VetoFailures))
	}
	if g.Unless != "" && !slices.Contains(g.Pass, r.Verdict) {
		out = append(out, fmt.Sprintf("%s is %s, not %s or better", r.Subject, r.Verdict, g.Unless))
	}
	return out
}

// failAll counts each of msgs as a failure.
func (g *Gate) failAll(msgs []string) {
	for _, m := range msgs {
		g.fail(m)
	}
}

func (g *Gate) quotas(r *scoring.Quotas) {
	if g != nil && g.OnUnmet && r.Verdict == scoring.NotMet {
		g.fail(fmt.Sprintf("%s falls short of a quota", r.Subject))
	}
}

func (g *Gate) fail(msg string) {
	g.count++
	if len(g.failures) < maxGateFailures {
		g.failures = append(g.failures, msg)
	}
}

// Failures returns the first failing subjects, described, and how many
// failed in all.
func (g *Gate) Failures() ([]string, int) {
	if g == nil {
		return nil, 0
	}
	return g.failures, g.count
}
