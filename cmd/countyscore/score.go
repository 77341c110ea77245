package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
	"countyscore/pipeline"
)

func scoreCommand() *cli.Command {
	cmd := &cli.Command{
		Name:      "score",
		Usage:     "evaluate subjects: points, veto and baseline failures, quota gaps, verdicts",
		ArgsUsage: "FILE... (one .toml per subject, or .csv files of many)",
		Flags: []cli.Flag{
			criteriaFlag(),
			formatFlag("table", pipeline.KindScoredRun),
			langFlag(),
			outputFlag(),
			maxInputFlag(),
			&cli.StringFlag{Name: "fail-under", Usage: "exit 1 if any subject scores below `N` points (scored sets)"},
			&cli.BoolFlag{Name: "fail-on-veto", Usage: "exit 1 if any subject fails a veto item (scored sets)"},
			&cli.BoolFlag{Name: "fail-on-unmet", Usage: "exit 1 if any subject falls short of a quota (quota sets)"},
			&cli.StringFlag{Name: "fail-unless", Usage: "exit 1 if any subject's verdict is below `VERDICT`, a line of the set (forwardable, acceptance-ready); a gate or a missing value counts as below (scored sets)"},
			setFlag(),
			asOfFlag(),
		},
		Action: scoreAction,
	}
	cmd.Flags = append(cmd.Flags, intakeFlags()...)
	return cmd
}

// runKind is the document a score of s makes.
func runKind(s *criteria.Set) string {
	if s.IsScored() {
		return pipeline.KindScoredRun
	}
	return pipeline.KindQuotaRun
}

func scoreAction(c *cli.Context) error {
	r, s, files, err := evaluation(c, runKind)
	if err != nil {
		return err
	}
	g, err := newGate(c, s)
	if err != nil {
		return err
	}
	opts, err := runOptions(c, s)
	if err != nil {
		return err
	}
	if c.String("format") == "csv" {
		opts = append(opts, pipeline.NoShortfalls()) // the CSV of score prints none
	}
	defer setMemory()()
	day, err := asOf(c)
	if err != nil {
		return err
	}
	warns := &inputs.Warnings{}
	roster, expected, err := intake(c, s, warns)
	if err != nil {
		return err
	}
	doc, err := pipeline.Score(s, files, warns, g, opts...)
	if err != nil {
		return err
	}
	if run, ok := doc.(*pipeline.ScoredRun); ok {
		run.AsOf = day
	}
	if err := deliver(c, r, closeRun(c, doc, warns, roster, expected), warns); err != nil {
		return err
	}
	// A failed gate is what a script asked about: it comes first.
	if err := gateResult(c, g); err != nil {
		return err
	}
	return refusedResult(c, warns)
}

// newGate reads the --fail-* flags; each applies to one kind of set.
func newGate(c *cli.Context, s *criteria.Set) (*pipeline.Gate, error) {
	g := &pipeline.Gate{OnVeto: c.Bool("fail-on-veto"), OnUnmet: c.Bool("fail-on-unmet")}
	if v := c.String("fail-under"); v != "" {
		d, err := exact.Parse(v)
		if err != nil || d.IsNeg() {
			return nil, usagef("--fail-under %q: want a number of points", v)
		}
		g.Under = &d
	}
	if v := c.String("fail-unless"); v != "" {
		if !s.IsScored() {
			return nil, usagef("--fail-unless is for scored sets; %s is a quota set (use --fail-on-unmet)", s.ID)
		}
		pass, ok := s.VerdictsFrom(v)
		if !ok {
			return nil, usagef("--fail-unless %q: want one of the lines of %s: %s", v, s.ID, strings.Join(s.LineVerdicts(), ", "))
		}
		g.Unless, g.Pass = v, pass
	}
	if s.IsScored() && g.OnUnmet {
		return nil, usagef("--fail-on-unmet is for quota sets; %s is scored (use --fail-under or --fail-on-veto)", s.ID)
	}
	if !s.IsScored() && (g.Under != nil || g.OnVeto) {
		return nil, usagef("--fail-under and --fail-on-veto are for scored sets; %s is a quota set (use --fail-on-unmet)", s.ID)
	}
	return g, nil
}

// gateResult says which subjects failed the gate, and returns errFailed
// (exit 1) when any did.
func gateResult(c *cli.Context, g *pipeline.Gate) error {
	failures, count := g.Failures()
	if count == 0 {
		return nil
	}
	for _, f := range failures {
		say(c.App.ErrWriter, msgLang(c), f)
	}
	if more := count - len(failures); more > 0 {
		say(c.App.ErrWriter, msgLang(c), fmt.Sprintf("… and %d more", more))
	}
	return errFailed
}
