package report

import (
	"countyscore/criteria"
	"countyscore/scoring"
)

// tone is how a verdict or status is coloured in the formats that colour
// (xlsx, html): the same colours everywhere, so a reader learns them once.
type tone string

const (
	toneGood    tone = "good"    // the top line, a quota met, an indicator met
	toneFair    tone = "fair"    // a lower line reached, partial points
	tonePoor    tone = "poor"    // below every line, an indicator unmet
	toneBad     tone = "bad"     // a veto, baseline or prerequisite failed
	toneUnknown tone = "unknown" // a missing value decides
)

// tones lists every tone, in the order the legends show them.
var tones = []tone{toneGood, toneFair, tonePoor, toneBad, toneUnknown}

// toneColors are the fill and text colours of each tone: light fills with
// dark text, legible in print and for readers who cannot tell red from
// green (the words are in the cell too).
var toneColors = map[tone][2]string{
	toneGood:    {"C6EFCE", "006100"},
	toneFair:    {"FFF2CC", "7F6000"},
	tonePoor:    {"FCE4D6", "843C0C"},
	toneBad:     {"FFC7CE", "9C0006"},
	toneUnknown: {"E7E6E6", "3A3A3A"},
}

// verdictTone colours a verdict of s: the engine's failures, then the
// standard's lines from the lowest up (the top line is good, the others
// fair), then below every line.
func verdictTone(s *criteria.Set, v string) tone {
	switch v {
	case scoring.Vetoed, scoring.PrerequisitesUnmet, scoring.BaselineUnmet:
		return toneBad
	case scoring.Incomplete:
		return toneUnknown
	case scoring.Met:
		return toneGood
	case scoring.NotMet:
		return tonePoor
	}
	for i, l := range s.Lines {
		if l.Verdict == v {
			if i == len(s.Lines)-1 {
				return toneGood
			}
			return toneFair
		}
	}
	return tonePoor
}

// verdictIDs lists every verdict a subject of s can get, for legends and
// conditional formats.
func verdictIDs(s *criteria.Set) []string {
	if !s.IsScored() {
		return []string{scoring.Met, scoring.NotMet, scoring.Incomplete}
	}
	out := []string{}
	for i := len(s.Lines) - 1; i >= 0; i-- {
		out = append(out, s.Lines[i].Verdict)
	}
	if s.BelowVerdict != "" {
		out = append(out, s.BelowVerdict)
	}
	return append(out, scoring.Vetoed, scoring.PrerequisitesUnmet, scoring.BaselineUnmet, scoring.Incomplete)
}

// statusIDs are the indicator statuses, in the order legends show them.
var statusIDs = []string{scoring.StatusMet, scoring.StatusBonus, scoring.StatusPartial, scoring.StatusUnmet, scoring.StatusVetoed, scoring.StatusMissing}

// quotaStatusIDs are the statuses a quota can have.
var quotaStatusIDs = []string{scoring.StatusMet, scoring.StatusUnmet, scoring.StatusMissing}

// statusesOf lists the statuses of s's items: an indicator's or a quota's.
func statusesOf(s *criteria.Set) []string {
	if s.IsScored() {
		return statusIDs
	}
	return quotaStatusIDs
}

// statusTone colours an indicator's status.
func statusTone(st string) tone {
	switch st {
	case scoring.StatusMet, scoring.StatusBonus:
		return toneGood
	case scoring.StatusPartial:
		return toneFair
	case scoring.StatusUnmet:
		return tonePoor
	case scoring.StatusVetoed:
		return toneBad
	}
	return toneUnknown
}

// quotaStatusID is a quota's status as a stable ID: met, unmet, or
// missing when a value is missing.
func quotaStatusID(q scoring.Quota) string {
	switch {
	case q.Status == scoring.StatusNA:
		return scoring.StatusNA
	case q.Gap == nil:
		return scoring.StatusMissing
	case q.Met:
		return scoring.StatusMet
	}
	return scoring.StatusUnmet
}
