package inputs

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"

	"countyscore/criteria"
	"countyscore/tomlpos"
)

// syntaxError words the toml package's refusal of a file for a person who
// typed it by hand. The mistakes people make most get a message that says
// what to write instead: a value left unquoted (G01.1 = 是, G12 = 78%), an
// = typed full-width, a key set twice (naming the line that set it first).
// Anything else keeps the parser's own words.
func syntaxError(file, src string, pe toml.ParseError, set *criteria.Set) error {
	line := pe.Position.Line
	text := lineText(src, line)
	generic := &Error{File: file, Line: line, Msg: "not valid TOML: " + pe.Message}
	hint := func(field, format string, args ...any) error {
		return &Errors{List: []*Error{{File: file, Line: line, Field: field, Msg: "not valid TOML: " + fmt.Sprintf(format, args...)}}, Rows: 1}
	}
	if m := redefined.FindStringSubmatch(pe.Message); m != nil {
		return duplicateKey(file, src, line, m[1], set, hint)
	}
	key, value, hasEq := splitKeyValue(text)
	switch {
	case strings.HasPrefix(pe.Message, "expected '.' or '='"):
		for _, eq := range []string{"＝", "：", ":"} {
			if k, v, ok := strings.Cut(strings.TrimSpace(text), eq); ok && !strings.Contains(k, "=") {
				k = strings.TrimSpace(k)
				return hint(k, "write the = sign in ASCII: %s = %s", k, strings.TrimSpace(v))
			}
		}
		return hint("", "want KEY = VALUE: a key of letters, digits, '.', '-' and '_' (no spaces), an = sign, then the value")
	case !hasEq || key == "" || !unquotedValue(pe.Message):
	case value == "":
		return hint(key, "%s has no value: give one, or \"\" for not measured (%s = \"\")", key, key)
	case strings.ContainsRune("“”‘’「『＂", []rune(value)[0]):
		return hint(key, "use straight quotes: %s = \"%s\"", key, strings.Trim(value, "“”‘’「」『』＂\"'"))
	case strings.ContainsAny(value[:1], "\"'[{=#"):
		// A quoted value, a list or a table gone wrong: the parser's own
		// words name the character.
	default:
		return hint(key, "put the value in quotes: %s = %q", key, value)
	}
	return generic
}

// redefined matches the toml package's words for a key set twice.
var redefined = regexp.MustCompile(`^Key '(.*)' has already been defined\.$`)

// duplicateKey names both lines of a key or table given twice.
func duplicateKey(file, src string, line int, key string, set *criteria.Set, hint func(field, format string, args ...any) error) error {
	first := tomlpos.Parse(src).Line(key)
	field := strings.TrimPrefix(key, set.ID+".")
	if strings.HasPrefix(strings.TrimSpace(lineText(src, line)), "[") {
		if first > 0 && first != line {
			return hint(field, "the table [%s] is started twice (first on line %d): put all its values under one header", key, first)
		}
		return hint(field, "the table [%s] is started twice: put all its values under one header", key)
	}
	if first > 0 && first != line {
		return hint(field, "%s is set twice (first on line %d): keep one of them", field, first)
	}
	return hint(field, "%s is set twice: keep one of them", field)
}

// unquotedValue reports whether the parser's message means it met a value
// it could not read as a TOML value: a word, a number with a unit or %
// after it, a number TOML spells differently.
func unquotedValue(msg string) bool {
	for _, p := range []string{"expected value but found", "expected a top-level item to end with", "Invalid integer", "Invalid float", "floats must start with a digit"} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// splitKeyValue splits one line of TOML at its first =, dropping a trailing
// comment from the value (a # after a space; a value that holds # must be
// quoted, and is then not ours to mend).
func splitKeyValue(text string) (key, value string, ok bool) {
	k, v, ok := strings.Cut(text, "=")
	if !ok {
		return "", "", false
	}
	key = strings.TrimSpace(k)
	if key == "" || strings.ContainsAny(key, " \t\"'[") {
		return "", "", false
	}
	v = strings.TrimSpace(v)
	if i := strings.Index(v, " #"); i >= 0 {
		v = strings.TrimSpace(v[:i])
	}
	if i := strings.Index(v, "\t#"); i >= 0 {
		v = strings.TrimSpace(v[:i])
	}
	return key, v, true
}

// lineText returns line n (1-based) of src, or "".
func lineText(src string, n int) string {
	for i := 1; i < n; i++ {
		j := strings.IndexByte(src, '\n')
		if j < 0 {
			return ""
		}
		src = src[j+1:]
	}
	if j := strings.IndexByte(src, '\n'); j >= 0 {
		src = src[:j]
	}
	return strings.TrimSuffix(src, "\r")
}
