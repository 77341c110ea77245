package main

import (
	"errors"

	"github.com/urfave/cli/v2"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
	"countyscore/pipeline"
)

func planCommand() *cli.Command {
	return &cli.Command{
		Name:      "plan",
		Usage:     "the fewest changes (or the cheapest, with --costs) that bring each subject to a line with every gate cleared; for a target plan, what is still owed",
		ArgsUsage: "FILE...",
		Flags: []cli.Flag{
			criteriaFlag(),
			formatFlag("table", pipeline.KindPlan),
			langFlag(),
			outputFlag(),
			&cli.StringFlag{Name: "to", Usage: "the line to reach, in points (70, 80 or any `N`); default: the next line above each subject's verdict"},
			&cli.StringFlag{Name: "costs", Usage: "a cost per measure (`FILE`, .toml or .csv: per action and/or per unit); the plan then minimises total cost"},
			setFlag(),
		},
		Action: func(c *cli.Context) error {
			r, s, files, err := evaluation(c, func(*criteria.Set) string { return pipeline.KindPlan })
			if err != nil {
				return err
			}
			req := pipeline.PlanRequest{}
			if v := c.String("to"); v != "" {
				if !s.IsScored() {
					return usagef("--to is for scored sets; %s is a target plan (its plan lists what is still owed)", s.ID)
				}
				d, err := exact.Parse(v)
				if err != nil {
					return usagef("--to %q: want a number of points, such as 70 or 80", v)
				}
				req.Line = &d
			}
			if f := c.String("costs"); f != "" {
				if !s.IsScored() {
					return usagef("--costs is for scored sets; %s is a target plan", s.ID)
				}
				if req.Costs, err = inputs.LoadCosts(f, s); err != nil {
					return err
				}
			}
			opts, err := setOptions(c, s)
			if err != nil {
				return err
			}
			warns := &inputs.Warnings{}
			doc, err := pipeline.Plan(s, files, warns, req, opts...)
			if errors.Is(err, pipeline.ErrLine) {
				return usagef("--to: %v", err)
			}
			if err != nil {
				return err
			}
			return deliver(c, r, doc, warns)
		},
	}
}

// setFlag is --set MEASURE=VALUE, a what-if value for every subject.
func setFlag() *cli.StringSliceFlag {
	return &cli.StringSliceFlag{Name: "set", Usage: "assume `MEASURE=VALUE` for every subject instead of its own value (repeatable; marked 假设 in reports)"}
}

// setOptions reads --set against s.
func setOptions(c *cli.Context, s *criteria.Set) ([]pipeline.Option, error) {
	flags := c.StringSlice("set")
	if len(flags) == 0 {
		return nil, nil
	}
	ovs, err := inputs.ParseOverrides(s, flags)
	if err != nil {
		return nil, err
	}
	return []pipeline.Option{pipeline.WithOverrides(ovs)}, nil
}
