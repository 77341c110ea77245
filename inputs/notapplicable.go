package inputs

import (
	"fmt"
	"strings"

	"countyscore/criteria"
)

// isNA reports whether a normalized cell says 不适用 (not applicable):
// 不适用, n/a or N/A in any case. The first byte rules out every number
// and yes/no cheaply.
func isNA(s string) bool {
	switch s[0] {
	case 'n', 'N':
		return strings.EqualFold(s, "n/a")
	case "不"[0]:
		return s == "不适用"
	}
	return false
}

// notApplicable reads a 不适用 cell for measure m: accepted where the
// criteria state a reason for it, refused otherwise, so that nothing
// turns not applicable that the criteria did not allow, and the reason
// shown is always the criteria's, never the input's.
func notApplicable(m criteria.Measure) (Value, bool, error) {
	if m.NotApplicable == "" || m.Kind == criteria.Attr {
		return Value{}, false, attrError(fmt.Sprintf("%s does not allow 不适用; leave it blank if not measured", m.ID))
	}
	return Value{NA: true}, false, nil
}
