// Package report renders results for people (tables, Markdown) and for
// programs (JSON, CSV).
//
// It imports the engine's result types, never the other way round. Each
// format is one file built on an io.Writer; Formats is the one list of
// their names, used for flag help and validation. Tables are for reading in
// a terminal: Chinese labels by default, English on request, columns that
// line up whatever the locale (see table.go). JSON follows the output
// contract and is the same whatever the language. Scored results stream:
// a writer takes one result at a time and keeps only a small summary row
// per subject, so memory does not grow with the rows of a large CSV.
package report

import (
	"fmt"
	"strings"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/scoring"
)

// Formats lists the output formats every evaluating command takes.
var Formats = []string{"table", "json", "csv", "markdown"}

// Langs lists the languages of labels.
var Langs = []string{"zh", "en"}

// Options are what every renderer needs beside its results.
type Options struct {
	Format string
	Lang   string
}

// CheckFormat reports whether f is a known format.
func CheckFormat(f string) error {
	for _, x := range Formats {
		if x == f {
			return nil
		}
	}
	return fmt.Errorf("unknown format %q (want %s)", f, strings.Join(Formats, ", "))
}

// CheckLang reports whether l is a known language.
func CheckLang(l string) error {
	for _, x := range Langs {
		if x == l {
			return nil
		}
	}
	return fmt.Errorf("unknown language %q (want %s)", l, strings.Join(Langs, ", "))
}

// num formats an exact decimal for people and programs alike: 83.5, 85.
func num(d exact.Decimal) string { return exact.String(d) }

func numP(n *scoring.Number) string {
	if n == nil {
		return ""
	}
	return num(n.V)
}

// verdictLabel names a verdict: the engine's own in labels, a line's in
// the criteria file.
func verdictLabel(s *criteria.Set, v, lang string) string {
	if s.BelowVerdict == v {
		return criteria.Pick(lang, s.BelowLabel, s.BelowLabelEn)
	}
	for _, l := range s.Lines {
		if l.Verdict == v {
			return l.LabelIn(lang)
		}
	}
	if !s.IsScored() && v == "incomplete" {
		return t(lang, "verdict.quota.incomplete")
	}
	return t(lang, "verdict."+v)
}

// sourceLine cites the set: "title（source）".
func sourceLine(s *criteria.Set, lang string) string {
	return fmt.Sprintf("%s（%s）", s.TitleIn(lang), s.Source)
}

// joinList lists items with the language's separator, or says none.
func joinList(lang string, items []string) string {
	if len(items) == 0 {
		return t(lang, "none")
	}
	if lang == "en" {
		return strings.Join(items, ", ")
	}
	return strings.Join(items, "、")
}
