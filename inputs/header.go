package inputs

import (
	"slices"
	"strings"
	"unicode"

	"countyscore/criteria"
)

// headerID finds the ID in a header cell that carries a measure's name as
// well, the way officials label columns: "G10 建成区绿地率" (the ID first,
// then white space) or "建成区绿地率（G10）" (the ID last, in full-width or
// ASCII brackets). The ID decides what the column holds; the name beside
// it is for people and is not checked, so a renamed or abbreviated label
// still reads. ok is false when name carries no ID that known accepts;
// the caller then treats name as it stands.
func headerID(name string, known func(string) bool) (id string, ok bool) {
	if i := strings.IndexFunc(name, unicode.IsSpace); i > 0 {
		if head := name[:i]; known(head) {
			return head, true
		}
	}
	for _, br := range [][2]string{{"（", "）"}, {"(", ")"}} {
		if !strings.HasSuffix(name, br[1]) {
			continue
		}
		body := strings.TrimSuffix(name, br[1])
		open := strings.LastIndex(body, br[0])
		if open <= 0 {
			continue
		}
		if inner := strings.TrimSpace(body[open+len(br[0]):]); known(inner) {
			return inner, true
		}
	}
	return "", false
}

// knownColumn reports whether id names a column the table reads or lets
// through: a reserved column, a measure of set, or a measure of another
// built-in set.
func (t *table) knownColumn(id string) bool {
	if slices.Contains(criteria.ReservedColumns, id) {
		return true
	}
	if _, ok := t.set.MeasureIndex(id); ok {
		return true
	}
	return criteria.IsBuiltinMeasure(id, t.set.ID)
}

// headerName is the ID a header cell stands for: the cell as it stands
// when that is a known column, else the ID it carries beside a name.
func (t *table) headerName(raw string) string {
	name := Normalize(raw)
	if name == "" || t.knownColumn(name) {
		return name
	}
	if id, ok := headerID(name, t.knownColumn); ok {
		return id
	}
	return name
}
