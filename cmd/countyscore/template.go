package main

import (
	"github.com/urfave/cli/v2"

	"countyscore/criteria"
	"countyscore/pipeline"
)

func templateCommand() *cli.Command {
	return &cli.Command{
		Name:      "template",
		Usage:     "a blank input file for a criteria set, every measure with its unit and requirement",
		ArgsUsage: "ID|FILE",
		Flags: []cli.Flag{
			formatFlag("toml", pipeline.KindTemplate),
			langFlag(),
			outputFlag(),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("template: give one criteria set")
			}
			r, err := renderer(c, pipeline.KindTemplate)
			if err != nil {
				return err
			}
			ref := c.Args().First()
			s, err := loadCriteria(ref)
			if err != nil {
				return err
			}
			return deliver(c, r, &pipeline.Template{Set: s, Ref: ref, Builtin: criteria.IsBuiltin(ref)}, nil)
		},
	}
}
