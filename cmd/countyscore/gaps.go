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
		Flags: append([]cli.Flag{
			criteriaFlag(),
			formatFlag("table", pipeline.KindQuotaGaps),
			langFlag(),
			outputFlag(),
			maxInputFlag(),
			setFlag(),
		}, intakeFlags()...),
		Action: func(c *cli.Context) error {
			r, s, files, err := evaluation(c, gapsKind)
			if err != nil {
				return err
			}
			opts, err := runOptions(c, s)
			if err != nil {
				return err
			}
			if c.String("format") == "csv" {
				opts = append(opts, pipeline.NoShortfalls()) // the CSV of gaps prints none
			}
			defer setMemory()()
			warns := &inputs.Warnings{}
			roster, expected, err := intake(c, s, warns)
			if err != nil {
				return err
			}
			doc, err := pipeline.Gaps(s, files, warns, opts...)
			if err != nil {
				return err
			}
			if err := deliver(c, r, closeRun(c, doc, warns, roster, expected), warns); err != nil {
				return err
			}
			return refusedResult(c, warns)
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
