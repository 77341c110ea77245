package main

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"countyscore/criteria"
	"countyscore/inputs"
	"countyscore/pipeline"
)

// intakeFlags are the flags of the commands that read subjects' values in
// bulk (score, gaps): what to do with bad rows and whom to expect.
func intakeFlags() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "skip-invalid", Usage: "evaluate the valid rows and list the refused ones (exit 4 when any is refused)"},
		&cli.StringFlag{Name: "expect", Usage: "the subjects the run should cover: `LIST` of names, short names or codes, comma-separated, or @FILE (one or more a line); default: the set's roster"},
	}
}

// asOfFlag is the day the pre-screen reads the schedule on.
func asOfFlag() *cli.StringFlag {
	return &cli.StringFlag{Name: "as-of", Usage: "read the application schedule as of `DATE` (YYYY-MM-DD; default today)"}
}

// asOf reads --as-of; without it, today.
func asOf(c *cli.Context) (time.Time, error) {
	v := c.String("as-of")
	if v == "" {
		return time.Now(), nil
	}
	d, err := time.Parse("2006-01-02", v)
	if err != nil {
		return time.Time{}, usagef("--as-of %q: want a date as YYYY-MM-DD, e.g. 2025-05-01", v)
	}
	return d, nil
}

// intake prepares the run's log: bad rows set aside with --skip-invalid,
// and the roster (--expect, or the set's own) tracked to say who is
// absent. It returns the roster and whether --expect gave it.
func intake(c *cli.Context, s *criteria.Set, warns *inputs.Warnings) ([]string, bool, error) {
	warns.SkipInvalid = c.Bool("skip-invalid")
	roster, expected := s.Roster(), false
	if v := c.String("expect"); v != "" {
		var err error
		if roster, err = expectList(v); err != nil {
			return nil, false, err
		}
		expected = true
	}
	warns.Track(roster)
	return roster, expected, nil
}

// expectList reads --expect: names, short names or codes, separated by
// commas (ASCII or Chinese) or, from @FILE, also by lines.
func expectList(v string) ([]string, error) {
	text := v
	if strings.HasPrefix(v, "@") {
		data, err := os.ReadFile(v[1:])
		if err != nil {
			return nil, usagef("--expect %s: %v", v, err)
		}
		text = string(data)
	}
	reg := criteria.Subjects()
	var out []string
	seen := map[string]bool{}
	for _, f := range strings.FieldsFunc(text, func(r rune) bool { return strings.ContainsRune(",，、;；\n\r\t", r) }) {
		name := inputs.NormalizeName(f)
		if name == "" {
			continue
		}
		subj, ok := reg.Resolve(name)
		if !ok {
			msg := fmt.Sprintf("--expect: unknown subject %q", name)
			if near, ok := reg.Nearest(name, nil); ok {
				msg += fmt.Sprintf("; did you mean %q?", near)
			}
			return nil, usageError{msg: msg}
		}
		if !seen[subj.Name] {
			seen[subj.Name] = true
			out = append(out, subj.Name)
		}
	}
	if len(out) == 0 {
		return nil, usagef("--expect %q names no subject", v)
	}
	return out, nil
}

// closeRun wraps a run's document with what it reports after its results.
func closeRun(c *cli.Context, doc pipeline.Document, warns *inputs.Warnings, roster []string, expected bool) pipeline.Document {
	return pipeline.Close(doc, warns, roster, expected, c.Bool("quiet"))
}

// refusedResult is errPartial (exit 4) when the run set rows aside.
func refusedResult(c *cli.Context, warns *inputs.Warnings) error {
	refused := warns.Refused()
	if refused == nil {
		return nil
	}
	say(c.App.ErrWriter, msgLang(c), fmt.Sprintf("%d of the input's rows were refused and are listed in the output; the results cover the valid rows", refused.Rows))
	return errPartial
}
