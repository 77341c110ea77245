package inputs

import (
	"fmt"
	"strings"

	"countyscore/criteria"
)

// Override is one `--set MEASURE=VALUE` flag read against a criteria set:
// a what-if value that replaces the subject's own without editing its file.
type Override struct {
	Flag    string // the flag as given, for messages: "--set G10=38.9"
	Measure int    // index into the set's measures
	ID      string // the measure ID
	Value   Value  // Given false for "--set G10=" (assume not measured)
}

// ParseOverrides reads `--set` flag values ("G10=38.9", "G24.3=是") for
// set. Values are read like CSV cells (ParseCell), so "是", "85%" and
// full-width digits mean what they mean in a sheet; an empty value assumes
// the measure not measured. An unknown measure, a value of the wrong kind,
// a flag without "=" or a measure set twice is an *Error naming the flag.
func ParseOverrides(set *criteria.Set, flags []string) ([]Override, error) {
	out := make([]Override, 0, len(flags))
	seen := map[int]string{}
	for _, f := range flags {
		flag := "--set " + clip(f)
		fail := func(format string, args ...any) ([]Override, error) {
			return nil, &Error{File: flag, Msg: fmt.Sprintf(format, args...)}
		}
		id, raw, ok := strings.Cut(f, "=")
		id = Normalize(id)
		if !ok || id == "" {
			return fail("want MEASURE=VALUE, such as G10=38.9")
		}
		idx, known := set.MeasureIndex(id)
		if !known {
			msg := fmt.Sprintf("unknown measure %s of %s", clip(id), set.ID)
			if near, ok := criteria.Nearest(id, set.MeasureIDs()); ok {
				msg += fmt.Sprintf("; did you mean %s?", near)
			}
			return fail("%s", msg)
		}
		if first, dup := seen[idx]; dup {
			return fail("%s is already set by --set %s; set it once", id, first)
		}
		seen[idx] = clip(f)
		m := set.Measures[idx]
		if err := checkCell(raw); err != nil {
			return fail("%v", err)
		}
		v, _, err := ParseCell(raw, m)
		if err != nil {
			return fail("%s", describe(err, m, raw))
		}
		out = append(out, Override{Flag: flag, Measure: idx, ID: id, Value: v})
	}
	return out, nil
}

// ApplyOverrides sets each override's value in rec and returns the IDs of
// the measures it assumed, in flag order, so reports can mark them 假设;
// rec.Assumed holds them too.
// rec's values are copied first: a record shared with another caller is
// not changed under it.
func ApplyOverrides(rec *Record, ovs []Override) []string {
	assumed := make([]string, 0, len(ovs))
	if len(ovs) == 0 {
		return assumed
	}
	rec.Values = append([]Value(nil), rec.Values...)
	for _, o := range ovs {
		rec.Values[o.Measure] = o.Value
		assumed = append(assumed, o.ID)
	}
	rec.Assumed = assumed
	return assumed
}
