package main

import (
	"github.com/urfave/cli/v2"

	"countyscore/inputs"
	"countyscore/report"
	"countyscore/scoring"
)

func gapsCommand() *cli.Command {
	return &cli.Command{
		Name:      "gaps",
		Usage:     "list every shortfall across subjects, largest first, with the city-wide roll-up",
		ArgsUsage: "FILE...",
		Flags: []cli.Flag{
			criteriaFlag(),
			formatFlag("table"),
			langFlag(),
			outputFlag(),
		},
		Action: gapsAction,
	}
}

func gapsAction(c *cli.Context) error {
	o, s, files, err := evaluationArgs(c)
	if err != nil {
		return err
	}
	warns := &inputs.Warnings{}
	recs, err := readAll(s, files, warns)
	if err != nil {
		return err
	}
	out := newOutput(c.App.Writer, c.String("output"))
	if s.IsScored() {
		var results []*scoring.Scored
		for _, rec := range recs {
			r, err := scoring.Score(s, rec)
			if err != nil {
				return err
			}
			results = append(results, r)
		}
		err = report.ScoredGaps(out, s, results, o)
	} else {
		warnYears(s, recs, warns)
		results, qerr := scoring.EvaluateQuotas(s, recs, warns)
		if qerr != nil {
			return qerr
		}
		err = report.QuotaGaps(out, s, results, scoring.Rollup(s, recs, results), o)
	}
	if err != nil {
		out.discard()
		return outputError{err}
	}
	printWarnings(c.App.ErrWriter, warns)
	return out.commit()
}
