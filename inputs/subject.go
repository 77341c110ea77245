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
	s := &subjects{set: set, reg: set.Registry()}
	if set.Subjects != "any" {
		s.allowed = set.SubjectNames()
	}
	return s
}

// resolve finds the subject raw names. A set with targets refuses a subject
// it has none for; a standard for any county takes any name and warns when
// the name looks like a typo of a known one (input contract). at says where
// the name was read (a line, or a workbook cell), for messages.
func (s *subjects) resolve(raw string, rec *Record, w *Warnings, at Error) error {
	fail := func(msg string) error {
		e := at
		e.Field, e.Msg = "subject", msg
		return &e
	}
	name := NormalizeName(raw)
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
	subj, ok := s.reg.Resolve(name)
	if !ok && isDigits(name) {
		// A number is a division code, never a name, even where any county
		// name goes: scoring "141821" as a county would hide a typo.
		msg := fmt.Sprintf("%s is not the division code of a known subject", clip(name))
		if near, ok := s.reg.NearestCode(name, s.allowed); ok {
			msg += fmt.Sprintf("; did you mean %s %s?", near.Code, near.Name)
		}
		return fail(msg)
	}
	if ok {
		if s.allowed != nil && !slices.Contains(s.allowed, subj.Name) {
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
	// The name outlives the row it was read from (a CSV row's text is
	// reused for the next).
	rec.Subject, rec.Level = strings.Clone(name), s.set.AnyLevel
	return nil
}

// NormalizeName folds a subject name as people type it: Normalize, and no
// white space of any width inside it either (岚　县 is 岚县), since no
// subject's name holds a space between Chinese characters or digits. A
// space between two Latin letters stays, as one ASCII space.
func NormalizeName(raw string) string {
	s := Normalize(raw)
	if !strings.ContainsFunc(s, isNameSpace) {
		return s
	}
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		if !isNameSpace(rs[i]) {
			b.WriteRune(rs[i])
			continue
		}
		j := i
		for j < len(rs) && isNameSpace(rs[j]) {
			j++
		}
		if i > 0 && j < len(rs) && isLatin(rs[i-1]) && isLatin(rs[j]) {
			b.WriteByte(' ')
		}
		i = j - 1
	}
	return b.String()
}

// isNameSpace is white space of any width, and the invisible spaces a
// copy from a web page or PDF brings along; not a line break or tab, which
// in a name means a cell gone wrong and is refused.
func isNameSpace(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return true
	}
	return unicode.IsSpace(r) && !unicode.IsControl(r)
}

// isLatin is a Latin letter: "Ping Yao" keeps its space, "141 182" (a
// code with a space typed in) does not.
func isLatin(r rune) bool {
	return r < 0x80 && unicode.IsLetter(r)
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
