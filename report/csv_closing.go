package report

import (
	"strconv"
	"strings"

	"countyscore/pipeline"
)

// The sections after a CSV's main table (the pre-screen summary, the
// subjects absent, the rows refused, the warnings) are rows whose first
// cell names the section and starts with "#": a spreadsheet shows them
// below the table, a program skips them as comments (pandas:
// comment="#"), and every row has the table's number of cells, so a
// strict CSV reader reads the file whole. Each section opens with a row
// naming its columns.

// writePrescreenCSV writes the summary: one row per subject, group after
// group, with the deciding IDs and the subject's schedule.
func writePrescreenCSV(c *csvWriter, ps *pipeline.Prescreen) {
	c.section("#summary", "verdict", "subject", "points", "points_optimistic", "deciding", "apply_years", "apply_by", "forward_by", "due")
	for _, g := range ps.Groups {
		for _, r := range g.Subjects {
			var years, by, fwd []string
			due := false
			for _, m := range ps.Schedule {
				if m.Subject != r.Subject {
					continue
				}
				for _, y := range m.ApplyYears {
					years = append(years, strconv.Itoa(y))
				}
				by, fwd = appendNonEmpty(by, m.ApplyBy), appendNonEmpty(fwd, m.ForwardBy)
				due = due || m.Due
			}
			c.section("#summary", g.Verdict, r.Subject, num(r.Points.V), num(r.PointsOptimistic.V), strings.Join(r.Deciding, " "),
				strings.Join(years, " "), strings.Join(by, " "), strings.Join(fwd, " "), strconv.FormatBool(due))
		}
	}
}

func appendNonEmpty(s []string, v string) []string {
	if v == "" {
		return s
	}
	return append(s, v)
}

// writeClosingCSV writes what a run reports after its results.
func writeClosingCSV(c *csvWriter, cl *pipeline.Closing) {
	if cl == nil {
		return
	}
	if len(cl.Absent) > 0 {
		c.section("#absent", "subject")
		for _, name := range cl.Absent {
			c.section("#absent", name)
		}
	}
	if refused := cl.RefusedList(); len(refused) > 0 {
		c.section("#refused", "file", "line", "field", "message")
		for _, e := range refused {
			c.section("#refused", e.File, strconv.Itoa(e.Line), e.Field, e.Msg)
		}
		if cl.Refused.Omitted > 0 {
			c.section("#refused", "", "", "", strconv.Itoa(cl.Refused.Omitted)+" more")
		}
	}
	if len(cl.Warnings) > 0 {
		c.section("#warning", "message")
		for _, w := range cl.Warnings {
			c.section("#warning", w)
		}
	}
}
