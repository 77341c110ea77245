package main

import (
	"github.com/urfave/cli/v2"

	"countyscore/criteria"
	"countyscore/inputs"
	"countyscore/pipeline"
)

func gapsCommand() *cli.Command {
	return &cli.Command{
		Name:      "gaps",
		Usage:     "list every shortfall across subjects, largest first, with the city-wide roll-up",
		ArgsUsage: "FILE...",
		Flags: []cli.Flag{
			criteriaFlag(),
			formatFlag("table", pipeline.KindQuotaGaps),
			langFlag(),
			outputFlag(),
			maxInputFlag(),
		},
		Action: func(c *cli.Context) error {
			r, s, files, err := evaluation(c, gapsKind)
			if err != nil {
				return err
			}
			opts, err := runOptions(c)
			if err != nil {
				return err
			}
			if c.String("format") == "csv" {
				opts = append(opts, pipeline.NoShortfalls()) // the CSV of gaps prints none
			}
			defer setMemory()()
			warns := &inputs.Warnings{}
			doc, err := pipeline.Gaps(s, files, warns, opts...)
			if err != nil {
				return err
			}
			return deliver(c, r, doc, warns)
		},
	}
}

// gapsKind is the document gaps of s makes.
func gapsKind(s *criteria.Set) string {
	if s.IsScored() {
		return pipeline.KindScoredGaps
	}
	return pipeline.KindQuotaGaps
}
