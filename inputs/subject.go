package inputs

import (
	"fmt"
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
// the name looks like a typo of a known one (input contract). at says where
// the name was read, for messages.
func (s *subjects) resolve(raw string, rec *Record, w *Warnings, at Error) error {
	fail := func(msg string) error {
		e := at
		e.Field, e.Msg = "subject", msg
		return &e
	}
	name := Normalize(raw)
	if name == "" {
		return fail("no subject name")
	}
	// A set for any county takes any name, but not one holding a line
	// break, tab or escape (a CSV cell quoted across lines, say): no
	// county is called that, and it would break the one-line-per-subject
	// tables and reach the terminal as control codes.
	if strings.IndexFunc(name, unicode.IsControl) >= 0 {
		return fail(fmt.Sprintf("subject %q holds a line break or control character", clip(name)))
	}
	if subj, ok := s.reg.Resolve(name); ok {
		if s.allowed != nil && !contains(s.allowed, subj.Name) {
			return fail(fmt.Sprintf("%s sets no target for %s; it covers %s", s.set.ID, subj.Name, strings.Join(s.allowed, "、")))
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
		return fail(msg)
	}
	if close {
		w.Add(at.File+"\x00subject\x00"+name, fmt.Sprintf("%s: subject %q is not a known subject; did you mean %q? Scoring it under the name given.", at.where(), clip(name), near))
	}
	rec.Subject, rec.Level = name, ""
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
