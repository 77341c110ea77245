package main

import (
	"github.com/urfave/cli/v2"

	"countyscore/criteria"
	"countyscore/inputs"
	"countyscore/pipeline"
)

func trendCommand() *cli.Command {
	return &cli.Command{
		Name:      "trend",
		Usage:     "each subject over the years: points or quotas met, verdict, what changed; quota progress to the deadline",
		ArgsUsage: "FILE... (several years; a subject may appear once per year)",
		Flags: []cli.Flag{
			criteriaFlag(),
			formatFlag("table", pipeline.KindTrend),
			langFlag(),
			outputFlag(),
		},
		Action: func(c *cli.Context) error {
			r, s, files, err := evaluation(c, func(*criteria.Set) string { return pipeline.KindTrend })
			if err != nil {
				return err
			}
			warns := &inputs.Warnings{}
			doc, err := pipeline.TrendFiles(s, files, warns)
			if err != nil {
				return err
			}
			return deliver(c, r, doc, warns)
		},
	}
}
