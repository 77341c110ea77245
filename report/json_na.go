package report

import (
	"bytes"
	"encoding/json"

	"countyscore/scoring"
)

// slowJSON reports whether r carries what appendScored does not write
// field by field: a weighted or rescaled score, items that do not apply.
// Such results are rare, so encoding/json writes them.
func slowJSON(r *scoring.Scored) bool {
	return r.RawPoints != nil || r.ApplicableMax != nil || len(r.NotApplicable) > 0 ||
		r.NextLine != nil && r.NextLine.Stated != nil || len(r.Categories) > 0 && r.Categories[0].Weight != nil
}

// appendScoredSlow appends r marshalled by encoding/json.
func appendScoredSlow(b []byte, r *scoring.Scored) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // as appendScored writes ">="
	if err := enc.Encode(r); err != nil {
		// Scored holds only strings, numbers and lists: Encode cannot fail.
		panic(err)
	}
	return append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
}
