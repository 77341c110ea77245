package main

import (
	"strings"

	"github.com/urfave/cli/v2"

	"countyscore/criteria"
	"countyscore/inputs"
	"countyscore/pipeline"
)

func compareCommand() *cli.Command {
	return &cli.Command{
		Name:      "compare",
		Usage:     "subjects side by side: a row per indicator or quota, a column per subject (and year)",
		ArgsUsage: "FILE... (a subject may appear once per year)",
		Flags: []cli.Flag{
			criteriaFlag(),
			formatFlag("table", pipeline.KindCompare),
			langFlag(),
			outputFlag(),
			&cli.BoolFlag{Name: "values", Usage: "show the measured values (quota sets: target/actual) instead of points"},
			&cli.StringFlag{Name: "subjects", Usage: "pick and order the columns: `A,B,…` (names, short names or codes)"},
			&cli.IntFlag{Name: "width", Usage: "split wide tables into blocks of at most `N` cells (default: the terminal's width, else 120)"},
		},
		Action: func(c *cli.Context) error {
			r, s, files, err := evaluation(c, func(*criteria.Set) string { return pipeline.KindCompare })
			if err != nil {
				return err
			}
			isTerm, width := terminal(c)
			if c.IsSet("width") { // checked with the renderer (at least minWidth)
				width = c.Int("width")
			}
			var pick pipeline.SubjectFilter
			for _, name := range strings.Split(c.String("subjects"), ",") {
				if name = strings.TrimSpace(name); name != "" {
					pick = append(pick, name)
				}
			}
			if c.IsSet("subjects") && len(pick) == 0 {
				return usagef("--subjects: give one or more names separated by commas")
			}
			warns := &inputs.Warnings{}
			view := pipeline.CompareView{Values: c.Bool("values"), Width: width, Color: useColor(isTerm)}
			var opts []pipeline.Option
			if c.String("format") == "csv" {
				opts = append(opts, pipeline.Streamed()) // the CSV writes a row at a time and keeps nothing
			}
			doc, err := pipeline.CompareFiles(s, files, pick, view, warns, opts...)
			if err != nil {
				return err
			}
			return deliver(c, r, doc, warns)
		},
	}
}
