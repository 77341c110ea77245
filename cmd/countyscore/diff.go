package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"countyscore/inputs"
	"countyscore/pipeline"
	"countyscore/report"
)

func diffCommand() *cli.Command {
	return &cli.Command{
		Name:      "diff",
		Usage:     "what changed per subject between two runs: points, verdict, rank, indicators, every value's movement",
		ArgsUsage: "OLD NEW (two files), or --old FILE… --new FILE… for sets of files",
		Flags: []cli.Flag{
			criteriaFlag(),
			formatFlag("table", pipeline.KindDiff),
			langFlag(),
			outputFlag(),
			&cli.StringSliceFlag{Name: "old", Usage: "the earlier run: `FILE` (repeat, or separate with commas)"},
			&cli.StringSliceFlag{Name: "new", Usage: "the later run: `FILE` (repeat, or separate with commas)"},
			&cli.BoolFlag{Name: "fail-on-regression", Usage: "exit 1 if any subject lost points (quota sets: met fewer quotas) or fell to a worse verdict"},
		},
		Action: diffAction,
	}
}

// maxNamed is how many regressed subjects stderr names before it counts
// the rest, as the score gates do.
const maxNamed = 10

func diffAction(c *cli.Context) error {
	if err := report.CheckLang(c.String("lang")); err != nil {
		return usageError{msg: err.Error()}
	}
	oldFiles, newFiles := c.StringSlice("old"), c.StringSlice("new")
	args := c.Args().Slice()
	switch {
	case len(oldFiles) > 0 || len(newFiles) > 0:
		if len(args) > 0 || len(oldFiles) == 0 || len(newFiles) == 0 {
			return usagef("diff: give --old FILE… and --new FILE…, or two files OLD NEW, not both")
		}
	case len(args) == 2:
		oldFiles, newFiles = args[:1], args[1:]
	default:
		return usagef("diff: give two files OLD NEW, or --old FILE… --new FILE… for sets of files (got %d files)", len(args))
	}
	s, err := loadCriteria(c.String("criteria"))
	if err != nil {
		return err
	}
	r, err := renderer(c, pipeline.KindDiff)
	if err != nil {
		return err
	}
	if err := checkOutputPath(c.String("output"), append(append([]string{}, oldFiles...), newFiles...)); err != nil {
		return err
	}
	warns := &inputs.Warnings{}
	var opts []pipeline.Option
	if c.String("format") == "csv" {
		opts = append(opts, pipeline.Streamed()) // the CSV writes each subject and keeps nothing
	}
	doc, err := pipeline.DiffFiles(s, oldFiles, newFiles, warns, opts...)
	if err != nil {
		return err
	}
	if err := deliver(c, r, doc, warns); err != nil {
		return err
	}
	if c.Bool("fail-on-regression") {
		if names := doc.Regressions(); len(names) > 0 {
			for i, n := range names {
				if i == maxNamed {
					fmt.Fprintf(c.App.ErrWriter, "countyscore: … and %d more\n", len(names)-maxNamed)
					break
				}
				fmt.Fprintf(c.App.ErrWriter, "countyscore: %s regressed: lost points or fell to a worse verdict\n", n)
			}
			return errFailed
		}
	}
	return nil
}
