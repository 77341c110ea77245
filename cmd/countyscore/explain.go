package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"countyscore/criteria"
	"countyscore/inputs"
	"countyscore/report"
)

func explainCommand() *cli.Command {
	return &cli.Command{
		Name:      "explain",
		Usage:     "one indicator or quota: its rule, source text and rulings; with --input, how a subject's result came about",
		ArgsUsage: "ID|FILE INDICATOR",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "input", Aliases: []string{"i"}, Usage: "a subject's values (.toml, or a .csv)"},
			&cli.StringFlag{Name: "subject", Aliases: []string{"s"}, Usage: "with a --input of several subjects: the one to explain (name, short name or code)"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "table", Usage: "table or markdown"},
			langFlag(),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 2 {
				return usagef("explain: give a criteria set and an indicator, e.g. explain garden-county G10")
			}
			o := report.Options{Format: c.String("format"), Lang: c.String("lang")}
			if o.Format != "table" && o.Format != "markdown" {
				return usagef("explain: --format %q: want table or markdown", o.Format)
			}
			if err := report.CheckLang(o.Lang); err != nil {
				return usageError{msg: err.Error()}
			}
			s, err := loadCriteria(c.Args().Get(0))
			if err != nil {
				return err
			}
			id := c.Args().Get(1)
			if _, ok := s.Indicator(id); !ok {
				if _, ok := s.Quota(id); !ok {
					msg := fmt.Sprintf("explain: %s has no indicator or quota %q", s.ID, id)
					if near, ok := criteria.Nearest(id, report.ExplainIDs(s)); ok {
						msg += fmt.Sprintf("; did you mean %q?", near)
					}
					return usageError{msg: msg}
				}
			}
			var rec *inputs.Record
			warns := &inputs.Warnings{}
			if f := c.String("input"); f != "" {
				if rec, err = inputs.ReadOne(f, s, c.String("subject"), warns); err != nil {
					return err
				}
			} else if c.String("subject") != "" {
				return usagef("explain: --subject picks a subject from --input; give --input too")
			}
			out := newOutput(c.App.Writer, "")
			if err := report.Explain(out, s, id, rec, o); err != nil {
				return err
			}
			printWarnings(c.App.ErrWriter, warns)
			return out.commit()
		},
	}
}
