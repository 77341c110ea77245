// Package report renders the pipeline's documents for people (tables,
// Markdown) and for programs (JSON, CSV).
//
// It imports the engine's result types and the pipeline's documents,
// never the other way round, and never runs the engine. Each format is one
// Renderer type (text.go for table and Markdown, json.go, csv.go,
// template.go for TOML) that renders every document, chosen by name from
// the one registry in format.go, which also feeds the flag help.
//
// Tables are for reading in a terminal: Chinese labels by default, English
// on request, columns that line up whatever the locale (see table.go).
// JSON follows the output contract and is the same whatever the language.
// Scored results stream: a renderer takes one result at a time and keeps
// at most a small summary row per subject, so memory does not grow with
// the rows of a large CSV.
package report

import (
	"fmt"
	"slices"
	"strings"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/scoring"
)

// Langs lists the languages of labels.
var Langs = []string{"zh", "en"}

// CheckLang reports whether l is a known language.
func CheckLang(l string) error {
	if slices.Contains(Langs, l) {
		return nil
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
	if label, ok := s.VerdictLabel(v, lang); ok {
		return label
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

// statedNote explains the * beside a category whose stated points differ
// from its indicators' sum, citing the rulings the categories give; it is
// empty when every category adds up.
func statedNote(s *criteria.Set, lang string) string {
	var rulings []int
	differs := false
	for _, c := range s.Categories {
		if c.StatedPoints.Given && c.StatedPoints.V.Cmp(c.MaxPoints) != 0 {
			differs = true
			for _, id := range c.Rulings {
				if !slices.Contains(rulings, id) {
					rulings = append(rulings, id)
				}
			}
		}
	}
	if !differs {
		return ""
	}
	cite := ""
	if len(rulings) > 0 {
		cite = criteria.Pick(lang, "（", " (") + rulingsText(rulings, lang) + criteria.Pick(lang, "）", ")")
	}
	return fmt.Sprintf(t(lang, "stated.note"), cite)
}

// anyStated reports whether the source states points for any category.
func anyStated(s *criteria.Set) bool {
	for _, c := range s.Categories {
		if c.StatedPoints.Given {
			return true
		}
	}
	return false
}
