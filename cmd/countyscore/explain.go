package main

import (
	"github.com/urfave/cli/v2"

	"countyscore/inputs"
	"countyscore/pipeline"
)

func explainCommand() *cli.Command {
	return &cli.Command{
		Name:      "explain",
		Usage:     "one indicator or quota: its rule, source text and rulings; with --input, how a subject's result came about",
		ArgsUsage: "ID|FILE INDICATOR",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "input", Aliases: []string{"i"}, Usage: "the subjects' values (.toml, or a .csv); a city-wide quota is evaluated over all of them, as score does"},
			&cli.StringFlag{Name: "subject", Aliases: []string{"s"}, Usage: "with a --input of several subjects: the one to explain (name, short name or code)"},
			formatFlag("table", pipeline.KindExplain),
			langFlag(),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 2 {
				return usagef("explain: give a criteria set and an indicator, e.g. explain garden-county G10")
			}
			r, err := renderer(c, pipeline.KindExplain)
			if err != nil {
				return err
			}
			s, err := loadCriteria(c.Args().Get(0))
			if err != nil {
				return err
			}
			if c.String("subject") != "" && c.String("input") == "" {
				return usagef("explain: --subject picks a subject from --input; give --input too")
			}
			warns := &inputs.Warnings{}
			doc, err := pipeline.ExplainItem(s, pipeline.ExplainRequest{ID: c.Args().Get(1), Input: c.String("input"), Subject: c.String("subject")}, warns)
			if err != nil {
				return err
			}
			return deliver(c, r, doc, warns)
		},
	}
}
