package inputs

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"countyscore/criteria"
)

// subjects resolves the names a file gives to the canonical subjects of
// one criteria set.
type subjects struct {
	set     *criteria.Set
	reg     *criteria.Registry
	allowed []string // a quota set's subjects; nil when any subject goes
}

func newSubjects(set *criteria.Set) *subjects {
	s := &subjects{set: set, reg: criteria.Subjects()}
	if set.Subjects != "any" {
		s.allowed = set.SubjectNames()
	}
	return s
}

// resolve finds the subject raw names. A set with targets refuses a subject
// it has none for; a standard for any county takes any name and warns when
// the name looks like a typo of a known one (input contract).
func (s *subjects) resolve(raw string, rec *Record, w *Warnings, file string, line int) error {
	name := Normalize(raw)
	if name == "" {
		return &Error{File: file, Line: line, Field: "subject", Msg: "no subject name"}
	}
	// A set for any county takes any name, but not one holding a line
	// break, tab or escape (a CSV cell quoted across lines, say): no
	// county is called that, and it would break the one-line-per-subject
	// tables and reach the terminal as control codes.
	if strings.IndexFunc(name, unicode.IsControl) >= 0 {
		return &Error{File: file, Line: line, Field: "subject", Msg: fmt.Sprintf("subject %q holds a line break or control character", clip(name))}
	}
	if subj, ok := s.reg.Resolve(name); ok {
		if s.allowed != nil && !slices.Contains(s.allowed, subj.Name) {
			return &Error{File: file, Line: line, Field: "subject",
				Msg: fmt.Sprintf("%s sets no target for %s; it covers %s", s.set.ID, subj.Name, strings.Join(s.allowed, "、"))}
		}
		rec.Subject, rec.Level = subj.Name, subj.Level
		return nil
	}
	near, close := s.reg.Nearest(name, s.allowed)
	if s.allowed != nil {
		msg := fmt.Sprintf("unknown subject %q", clip(name))
		if close {
			msg += fmt.Sprintf("; did you mean %q?", near)
		} else {
			msg += fmt.Sprintf("; %s covers %s", s.set.ID, strings.Join(s.allowed, "、"))
		}
		return &Error{File: file, Line: line, Field: "subject", Msg: msg}
	}
	if close {
		w.Add(file+"\x00subject\x00"+name, fmt.Sprintf("%s:%d: subject %q is not a known subject; did you mean %q? Scoring it under the name given.", file, line, clip(name), near))
	}
	rec.Subject, rec.Level = name, ""
	return nil
}
