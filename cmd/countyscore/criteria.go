package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"countyscore/criteria"
	"countyscore/internal/messages"
	"countyscore/pipeline"
)

func criteriaCommand() *cli.Command {
	return &cli.Command{
		Name:  "criteria",
		Usage: "list, show and check criteria sets",
		Flags: []cli.Flag{langFlag()},
		Subcommands: []*cli.Command{
			{
				Name:   "list",
				Usage:  "the built-in criteria sets",
				Flags:  []cli.Flag{formatFlag("table", pipeline.KindCriteriaList), langFlag()},
				Action: criteriaList,
			},
			{
				Name:      "show",
				Usage:     "every rule of a set: requirement as the source words it, points, how they are earned, source",
				ArgsUsage: "ID|FILE",
				Flags:     []cli.Flag{formatFlag("table", pipeline.KindCriteriaShow), langFlag()},
				Action:    criteriaShow,
			},
			{
				Name:      "check",
				Usage:     "validate criteria files: dangling IDs, rule kinds, sources, points that do not add up",
				ArgsUsage: "ID|FILE...",
				Flags:     []cli.Flag{langFlag()},
				Action:    criteriaCheck,
			},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return unknownCommand(c.Command.Subcommands, c.Args().First())
			}
			return cli.ShowSubcommandHelp(c)
		},
	}
}

func criteriaList(c *cli.Context) error {
	r, err := renderer(c, pipeline.KindCriteriaList)
	if err != nil {
		return err
	}
	doc := &pipeline.CriteriaList{}
	for _, id := range criteria.BuiltinIDs() {
		s, err := criteria.Load(id)
		if err != nil {
			return fmt.Errorf("built-in %s: %w", id, err) // a build defect: exit 3
		}
		doc.Sets = append(doc.Sets, s)
	}
	return deliver(c, r, doc, nil)
}

func criteriaShow(c *cli.Context) error {
	if c.NArg() != 1 {
		return usagef("criteria show: give one criteria set (%s) or a .toml file", strings.Join(criteria.BuiltinIDs(), ", "))
	}
	r, err := renderer(c, pipeline.KindCriteriaShow)
	if err != nil {
		return err
	}
	s, err := loadCriteria(c.Args().First())
	if err != nil {
		return err
	}
	return deliver(c, r, &pipeline.CriteriaShow{Set: s}, nil)
}

// criteriaCheck prints every problem of every file; errors make exit 2,
// warnings and notes do not.
func criteriaCheck(c *cli.Context) error {
	refs := c.Args().Slice()
	if len(refs) == 0 {
		return usagef("criteria check: give one or more criteria files or built-in IDs")
	}
	out := newOutput(c.App.Writer, "")
	lang := msgLang(c)
	errors, warnings, notes := 0, 0, 0
	for _, ref := range refs {
		problems := criteria.Check(ref)
		e, w, n := 0, 0, 0
		for _, p := range problems {
			if lang == "en" {
				fmt.Fprintln(out, p)
			} else {
				fmt.Fprintf(out, "%s%s\n", where(p.File, p.Line, ""), problemText(lang, p))
			}
			switch p.Severity {
			case criteria.Error:
				e++
			case criteria.Warning:
				w++
			default:
				n++
			}
		}
		fmt.Fprintln(out, messages.Translate(lang, fmt.Sprintf("%s: %d errors, %d warnings, %d notes", ref, e, w, n)))
		errors, warnings, notes = errors+e, warnings+w, notes+n
	}
	if err := out.commit(); err != nil {
		return err
	}
	if errors > 0 {
		return usagef("criteria check: %d errors", errors)
	}
	return nil
}
