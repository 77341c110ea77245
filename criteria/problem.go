package criteria

import (
	"fmt"
	"sort"
	"strings"
)

// Severity of a problem found in a criteria file.
type Severity int

// Errors make a file unusable; warnings and notes are facts a reader should
// see (a source whose category points do not add up) but do not stop it.
const (
	Note Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "note"
}

// Problem is one finding about a criteria file, with where it stands.
type Problem struct {
	File     string
	Line     int
	Severity Severity
	Message  string
}

func (p Problem) String() string {
	where := p.File
	if p.Line > 0 {
		where = fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s: %s: %s", where, p.Severity, p.Message)
}

// Problems is a list of findings.
type Problems []Problem

// Has reports whether any problem is at least sev.
func (ps Problems) Has(sev Severity) bool {
	for _, p := range ps {
		if p.Severity >= sev {
			return true
		}
	}
	return false
}

// Sorted orders problems by file and line, keeping the order of equal ones.
func (ps Problems) Sorted() Problems {
	out := append(Problems(nil), ps...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Line < out[j].Line
	})
	return out
}

// LoadError is returned when a criteria file has errors; it carries every
// problem found so that a user fixes them all in one pass.
type LoadError struct {
	Problems Problems
}

func (e *LoadError) Error() string {
	var lines []string
	for _, p := range e.Problems.Sorted() {
		if p.Severity == Error {
			lines = append(lines, p.String())
		}
	}
	return strings.Join(lines, "\n")
}

// collector gathers problems for one file.
type collector struct {
	set      *Set
	problems Problems
}

// at records a problem at the line of a key path ("indicator[3].rule"); an
// unknown path falls back to its nearest known parent.
func (c *collector) at(sev Severity, path, format string, args ...any) {
	c.problems = append(c.problems, Problem{
		File:     c.set.File,
		Line:     c.line(path),
		Severity: sev,
		Message:  fmt.Sprintf(format, args...),
	})
}

func (c *collector) line(path string) int {
	for path != "" {
		if l := c.set.Pos.Line(path); l > 0 {
			return l
		}
		i := strings.LastIndexAny(path, ".")
		if i < 0 {
			return 0
		}
		path = path[:i]
	}
	return 0
}
