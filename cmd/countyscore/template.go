package main

import (
	"github.com/urfave/cli/v2"

	"countyscore/report"
)

func templateCommand() *cli.Command {
	return &cli.Command{
		Name:      "template",
		Usage:     "a blank input file for a criteria set, every measure with its unit and requirement",
		ArgsUsage: "ID|FILE",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "toml", Usage: "toml (one subject, commented) or csv (the header row)"},
			langFlag(),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("template: give one criteria set")
			}
			format := c.String("format")
			if format != "toml" && format != "csv" {
				return usagef("template: --format %q: want toml or csv", format)
			}
			if err := report.CheckLang(c.String("lang")); err != nil {
				return usageError{msg: err.Error()}
			}
			s, err := loadCriteria(c.Args().First())
			if err != nil {
				return err
			}
			out := newOutput(c.App.Writer, "")
			if err := report.Template(out, s, format, c.String("lang")); err != nil {
				return outputError{err}
			}
			return out.commit()
		},
	}
}
