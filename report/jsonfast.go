package report

import (
	"strconv"
	"unicode/utf8"

	"countyscore/exact"
	"countyscore/scoring"
)

// appendScored appends r as encoding/json would marshal it, byte for byte
// (TestFastJSONMatchesEncodingJSON holds it to that). A 100,000-subject run
// writes 600 MB of JSON; through reflection and a MarshalJSON call per
// number that took longer than everything else the run does.
func appendScored(b []byte, r *scoring.Scored) []byte {
	if slowJSON(r) {
		return appendScoredSlow(b, r)
	}
	b = append(b, `{"subject":`...)
	b = appendString(b, r.Subject)
	b = append(b, `,"illustrative":`...)
	b = strconv.AppendBool(b, r.Illustrative)
	b = appendField(b, "points", r.Points)
	b = appendField(b, "points_optimistic", r.PointsOptimistic)
	b = appendField(b, "max_points", r.MaxPoints)
	b = append(b, `,"verdict":`...)
	b = appendString(b, r.Verdict)
	b = appendStrings(b, "veto_failures", r.VetoFailures)
	b = appendStrings(b, "baseline_failures", r.BaselineFailures)
	b = appendStrings(b, "prerequisites_unmet", r.PrerequisitesUnmet)
	b = appendStrings(b, "missing", r.Missing)
	if len(r.GatingMissing) > 0 {
		b = appendStrings(b, "gating_missing", r.GatingMissing)
	}
	if len(r.Assumed) > 0 {
		b = appendStrings(b, "assumed", r.Assumed)
	}
	b = appendField(b, "missing_points", r.MissingPoints)
	b = append(b, `,"next_line":`...)
	if r.NextLine == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, `{"points":`...)
		b = appendNumber(b, r.NextLine.Points.V)
		b = append(b, `,"verdict":`...)
		b = appendString(b, r.NextLine.Verdict)
		b = appendField(b, "short", r.NextLine.Short)
		b = append(b, '}')
	}
	b = append(b, `,"categories":[`...)
	for i, c := range r.Categories {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"id":`...)
		b = appendString(b, c.ID)
		b = append(b, `,"name":`...)
		b = appendString(b, c.Name)
		b = appendField(b, "points", c.Points)
		b = appendField(b, "points_optimistic", c.PointsOptimistic)
		b = appendField(b, "max_points", c.MaxPoints)
		b = append(b, '}')
	}
	b = append(b, `],"indicators":[`...)
	for i, ind := range r.Indicators {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"id":`...)
		b = appendString(b, ind.ID)
		b = appendField(b, "points", ind.Points)
		b = appendField(b, "points_optimistic", ind.PointsOptimistic)
		b = appendField(b, "max_points", ind.MaxPoints)
		b = append(b, `,"status":`...)
		b = appendString(b, ind.Status)
		b = append(b, `,"shortfalls":[`...)
		for k, sf := range ind.Shortfalls {
			if k > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"measure":`...)
			b = appendString(b, sf.Measure)
			b = append(b, `,"op":`...)
			b = appendString(b, sf.Op)
			b = append(b, `,"target":`...)
			b = appendScalar(b, sf.Target)
			b = append(b, `,"actual":`...)
			if sf.Actual == nil {
				b = append(b, "null"...)
			} else {
				b = appendScalar(b, *sf.Actual)
			}
			b = append(b, `,"short":`...)
			if sf.Short == nil {
				b = append(b, "null"...)
			} else {
				b = appendNumber(b, sf.Short.V)
			}
			b = append(b, '}')
		}
		b = append(b, "]}"...)
	}
	return append(b, "]}"...)
}

func appendField(b []byte, name string, n scoring.Number) []byte {
	b = append(b, ',', '"')
	b = append(b, name...)
	b = append(b, '"', ':')
	return appendNumber(b, n.V)
}

// appendNumber writes d as Number.MarshalJSON does: no trailing zeros.
func appendNumber(b []byte, d exact.Decimal) []byte {
	return exact.AppendTrimmed(b, d)
}

func appendScalar(b []byte, s scoring.Scalar) []byte {
	if s.IsBool {
		return strconv.AppendBool(b, s.Bool)
	}
	return appendNumber(b, s.Num)
}

func appendStrings(b []byte, name string, list []string) []byte {
	b = append(b, ',', '"')
	b = append(b, name...)
	b = append(b, `":[`...)
	for i, s := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

const hexDigits = "0123456789abcdef"

// appendString quotes s exactly as encoding/json does: HTML-safe (<, >, &
// as \u003c…), control characters escaped, U+2028 and U+2029 escaped for
// JavaScript, invalid UTF-8 replaced by U+FFFD.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= ' ' && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
