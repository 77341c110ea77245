// Package tomlpos finds where each key of a TOML document stands, and the
// characters its value was written with.
//
// BurntSushi/toml reports lines only for syntax errors and turns every float
// into a float64 before anyone sees it. countyscore needs more: a message
// about a key that parsed fine but means nothing ("unknown measure G09.coverge")
// must name its line, and 38.9 typed by a county must stay the decimal 38.9
// (ruling 1), not the binary float nearest to it. Index re-reads a document
// that the toml package has already accepted and records, for every key, its
// line and its raw value text.
package tomlpos

import (
	"strconv"
	"strings"
)

// Pos is where a key was written.
type Pos struct {
	Line int    // 1-based line of the key
	Raw  string // the value as written, for a scalar value; "" for tables and arrays
}

// Index maps key paths to positions. A path joins keys with dots and gives
// the index of an array of tables in brackets: "indicator[3].require[0].when",
// "garden-county.G09.coverage". Keys containing dots or brackets are quoted in
// the path as TOML would quote them.
type Index map[string]Pos

// Line returns the line of path, or 0 when it is not known.
func (ix Index) Line(path string) int {
	return ix[path].Line
}

// Parse indexes src. It never fails: on text it cannot follow it stops and
// returns what it found so far, since the toml package is the judge of
// validity and positions are a courtesy.
func Parse(src string) Index {
	s := &scanner{src: src, line: 1, ix: Index{}, arrays: map[string]int{}}
	s.document()
	return s.ix
}

type scanner struct {
	src    string
	pos    int
	line   int
	ix     Index
	table  []string       // resolved path segments of the current table
	arrays map[string]int // resolved path of an array of tables → count so far
}

func (s *scanner) document() {
	for {
		s.skipBlank()
		if s.pos >= len(s.src) {
			return
		}
		if s.src[s.pos] == '[' {
			if !s.header() {
				return
			}
			continue
		}
		if !s.keyValue(s.table) {
			return
		}
	}
}

// skipBlank skips white space, newlines and comments.
func (s *scanner) skipBlank() {
	for s.pos < len(s.src) {
		switch c := s.src[s.pos]; c {
		case ' ', '\t', '\r':
			s.pos++
		case '\n':
			s.pos++
			s.line++
		case '#':
			for s.pos < len(s.src) && s.src[s.pos] != '\n' {
				s.pos++
			}
		default:
			return
		}
	}
}

func (s *scanner) skipSpace() {
	for s.pos < len(s.src) && (s.src[s.pos] == ' ' || s.src[s.pos] == '\t') {
		s.pos++
	}
}

func (s *scanner) header() bool {
	line := s.line
	array := strings.HasPrefix(s.src[s.pos:], "[[")
	if array {
		s.pos += 2
	} else {
		s.pos++
	}
	keys, ok := s.key()
	if !ok {
		return false
	}
	s.skipSpace()
	closing := "]"
	if array {
		closing = "]]"
	}
	if !strings.HasPrefix(s.src[s.pos:], closing) {
		return false
	}
	s.pos += len(closing)
	var resolved []string
	if array {
		// The last key names the array itself, not one of its elements.
		resolved = append(s.resolve(keys[:len(keys)-1]), quote(keys[len(keys)-1]))
		p := join(resolved)
		n := s.arrays[p]
		s.arrays[p] = n + 1
		resolved[len(resolved)-1] += "[" + strconv.Itoa(n) + "]"
	} else {
		resolved = s.resolve(keys)
	}
	s.table = resolved
	s.set(join(resolved), Pos{Line: line})
	return true
}

// resolve turns header keys into a path, adding the current index of every
// array of tables along the way ([[a.b]] under the third [[a]] is a[2].b).
func (s *scanner) resolve(keys []string) []string {
	out := make([]string, 0, len(keys)+1)
	for _, k := range keys {
		seg := quote(k)
		prefix := join(append(out[:len(out):len(out)], seg))
		if n, ok := s.arrays[prefix]; ok && n > 0 {
			seg += "[" + strconv.Itoa(n-1) + "]"
		}
		out = append(out, seg)
	}
	return out
}

func (s *scanner) keyValue(table []string) bool {
	line := s.line
	keys, ok := s.key()
	if !ok {
		return false
	}
	s.skipSpace()
	if s.pos >= len(s.src) || s.src[s.pos] != '=' {
		return false
	}
	s.pos++
	s.skipSpace()
	path := append(append([]string{}, table...), quoteAll(keys)...)
	start := s.pos
	if !s.value(path) {
		return false
	}
	raw := ""
	if c := s.src[start]; c != '[' && c != '{' {
		raw = strings.TrimSpace(s.src[start:s.pos])
	}
	s.set(join(path), Pos{Line: line, Raw: raw})
	return true
}

// set records where path was first written. A valid document writes each
// path once; in one the toml package refused for a key set twice, the
// first line is the one a message needs ("first set on line 5").
func (s *scanner) set(path string, p Pos) {
	if _, seen := s.ix[path]; !seen {
		s.ix[path] = p
	}
}

// key reads a dotted key of bare and quoted parts.
func (s *scanner) key() ([]string, bool) {
	var keys []string
	for {
		s.skipSpace()
		if s.pos >= len(s.src) {
			return nil, false
		}
		switch s.src[s.pos] {
		case '"', '\'':
			k, ok := s.str()
			if !ok {
				return nil, false
			}
			keys = append(keys, k)
		default:
			start := s.pos
			for s.pos < len(s.src) && isBare(s.src[s.pos]) {
				s.pos++
			}
			if s.pos == start {
				return nil, false
			}
			keys = append(keys, s.src[start:s.pos])
		}
		s.skipSpace()
		if s.pos < len(s.src) && s.src[s.pos] == '.' {
			s.pos++
			continue
		}
		return keys, true
	}
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// value skips one value, indexing the keys of inline tables under path.
func (s *scanner) value(path []string) bool {
	if s.pos >= len(s.src) {
		return false
	}
	switch s.src[s.pos] {
	case '"', '\'':
		_, ok := s.str()
		return ok
	case '[':
		s.pos++
		for {
			s.skipBlank()
			if s.pos >= len(s.src) {
				return false
			}
			if s.src[s.pos] == ']' {
				s.pos++
				return true
			}
			if s.src[s.pos] == ',' {
				s.pos++
				continue
			}
			if !s.value(path) {
				return false
			}
		}
	case '{':
		s.pos++
		for {
			s.skipSpace()
			if s.pos >= len(s.src) {
				return false
			}
			switch s.src[s.pos] {
			case '}':
				s.pos++
				return true
			case ',':
				s.pos++
				continue
			}
			if !s.keyValue(path) {
				return false
			}
		}
	default:
		for s.pos < len(s.src) {
			switch s.src[s.pos] {
			case ' ', '\t', '\r', '\n', '#', ',', ']', '}':
				return true
			}
			s.pos++
		}
		return true
	}
}

// str reads a basic, literal or multi-line string and returns its text.
// Escapes are kept as written except \" and \\, enough for key names.
func (s *scanner) str() (string, bool) {
	q := s.src[s.pos]
	triple := strings.Repeat(string(q), 3)
	if strings.HasPrefix(s.src[s.pos:], triple) {
		s.pos += 3
		end := strings.Index(s.src[s.pos:], triple)
		if end < 0 {
			return "", false
		}
		text := s.src[s.pos : s.pos+end]
		s.line += strings.Count(text, "\n")
		s.pos += end + 3
		for s.pos < len(s.src) && s.src[s.pos] == q { // """a"""" ends with a quote in the text
			s.pos++
		}
		return text, true
	}
	s.pos++
	var b strings.Builder
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		switch {
		case c == q:
			s.pos++
			return b.String(), true
		case c == '\n':
			return "", false
		case c == '\\' && q == '"' && s.pos+1 < len(s.src):
			b.WriteByte(s.src[s.pos+1])
			s.pos += 2
		default:
			b.WriteByte(c)
			s.pos++
		}
	}
	return "", false
}

// Key builds a path from keys the way Index spells it.
func Key(keys ...string) string {
	return join(quoteAll(keys))
}

func quoteAll(keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = quote(k)
	}
	return out
}

func quote(k string) string {
	if strings.ContainsAny(k, ".[]\"") {
		return strconv.Quote(k)
	}
	return k
}

func join(segs []string) string {
	return strings.Join(segs, ".")
}
