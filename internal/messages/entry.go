package messages

import (
	"regexp"
	"sync"
)

// Entry is one message of the catalog.
type Entry struct {
	// ID names the message for translators and tests: area.what.
	ID string
	// En is the English as the code formats it: a printf format whose
	// verbs (%s %v %q %d %t %T) become the groups {1}, {2}, … in order, %q
	// giving the text inside its quotes; or "re:" and an anchored regular
	// expression.
	En string
	// Zh is the Chinese: {N} is group N as it stands (an ID, a file, a
	// value), {N:msg} group N translated in turn, {N:try} translated when
	// the catalog knows it.
	Zh string
	// Tail marks an ending that follows many messages ("; did you mean
	// %q?"): it matches at the end of a message, whose head is translated
	// on its own.
	Tail bool
	// Example is a message the code prints, for the tests.
	Example string
}

type compiledEntry struct {
	Entry
	re   *regexp.Regexp
	tail bool
}

var (
	compileOnce sync.Once
	entries     []compiledEntry
)

// compiled returns the catalog with its patterns compiled, once. An entry
// whose pattern does not compile is left out (the tests fail on it).
func compiled() []compiledEntry {
	compileOnce.Do(func() {
		for _, e := range Catalog {
			re, err := regexp.Compile(pattern(e.En, e.Tail))
			if err != nil {
				continue
			}
			entries = append(entries, compiledEntry{Entry: e, re: re, tail: e.Tail})
		}
	})
	return entries
}

// Pattern returns the regular expression e.En stands for.
func (e Entry) Pattern() string { return pattern(e.En, e.Tail) }
