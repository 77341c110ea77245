// Package messages translates countyscore's error, warning and hint
// messages into Chinese at the one place they are printed.
//
// The code that finds a problem words it in English (inputs, criteria,
// scoring and the commands each build their own text, and several people
// change those sites at once); this package does not touch them. Its
// catalog (catalog.go) holds, for every message, the English as the code
// formats it and the Chinese that says the same with the same values. A
// message is matched whole; failing that, a known tail ("; did you mean
// %q?") is split off and each part translated; failing that, a leading
// location or name ("file.csv:3: ", "G10: ", "score: ") is kept as it is
// and the rest translated. A message the catalog does not know is printed
// in English unchanged, never dropped, and the tests list it.
package messages

import (
	"regexp"
	"strconv"
	"strings"
)

// Translate returns msg in lang: unchanged for "en", in Chinese for any
// other language when the catalog knows it, else unchanged.
func Translate(lang, msg string) string {
	if lang == "en" {
		return msg
	}
	if out, ok := Chinese(msg); ok {
		return out
	}
	return msg
}

// Chinese returns msg in Chinese and whether the catalog knew all of it.
func Chinese(msg string) (string, bool) {
	return zh(msg, 0)
}

// maxDepth bounds how deep messages nest inside messages; real ones nest
// three or four levels ("file: indicator G10: condition …: value …").
const maxDepth = 8

func zh(msg string, depth int) (string, bool) {
	if msg == "" {
		return "", true
	}
	if depth > maxDepth {
		return msg, false
	}
	// A known tail first (a message ending in a value would take it
	// in): translate the head and the tail each.
	for _, e := range compiled() {
		if !e.tail {
			continue
		}
		loc := e.re.FindStringSubmatchIndex(msg)
		if loc == nil || loc[0] == 0 {
			continue
		}
		head, ok := zh(msg[:loc[0]], depth+1)
		if !ok {
			continue
		}
		m := submatches(msg, loc)
		if tail, ok := expand(e.Zh, m, depth); ok {
			return head + tail, true
		}
	}
	// The whole message.
	for _, e := range compiled() {
		if e.tail {
			continue
		}
		if m := e.re.FindStringSubmatch(msg); m != nil {
			if out, ok := expand(e.Zh, m, depth); ok {
				return out, true
			}
		}
	}
	// A leading location or name, kept as it is.
	if i := strings.Index(msg, ": "); i > 0 && !strings.ContainsAny(msg[:i], " \t") {
		if rest, ok := zh(msg[i+2:], depth+1); ok {
			return msg[:i+2] + rest, true
		}
	}
	return msg, false
}

func submatches(s string, loc []int) []string {
	m := make([]string, len(loc)/2)
	for i := range m {
		if loc[2*i] >= 0 {
			m[i] = s[loc[2*i]:loc[2*i+1]]
		}
	}
	return m
}

// slot is a place in a Chinese template: {1} the first group as it
// stands, {1:msg} the group translated (the whole fails if it cannot be),
// {1:try} translated when the catalog knows it (a library's own English,
// such as a TOML parser's, stays as it is).
var slot = regexp.MustCompile(`\{(\d+)(?::(msg|try))?\}`)

func expand(tmpl string, m []string, depth int) (string, bool) {
	ok := true
	out := slot.ReplaceAllStringFunc(tmpl, func(s string) string {
		p := slot.FindStringSubmatch(s)
		n, _ := strconv.Atoi(p[1])
		if n >= len(m) {
			ok = false
			return s
		}
		v := m[n]
		switch p[2] {
		case "msg":
			t, good := zh(v, depth+1)
			if !good {
				ok = false
			}
			return t
		case "try":
			t, _ := zh(v, depth+1)
			return t
		}
		return v
	})
	return out, ok
}

// pattern turns an entry's English into an anchored regular expression:
// a printf format whose verbs become groups (%q the text inside the
// quotes), or, after "re:", a regular expression as it is. A tail is
// anchored at the end only.
func pattern(en string, tail bool) string {
	if rest, ok := strings.CutPrefix(en, "re:"); ok {
		return rest
	}
	var b strings.Builder
	if !tail {
		b.WriteString("^")
	}
	rs := []rune(en)
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		if c != '%' || i+1 == len(rs) {
			b.WriteString(regexp.QuoteMeta(string(c)))
			continue
		}
		i++
		switch rs[i] {
		case 'q':
			b.WriteString(`"((?:[^"\\]|\\.)*)"`)
		case 's', 'v', 'w':
			b.WriteString(`(.*?)`)
		case 'd':
			b.WriteString(`(-?\d+)`)
		case 't':
			b.WriteString(`(true|false)`)
		case 'T':
			b.WriteString(`(\S+)`)
		case '%':
			b.WriteString(`%`)
		default:
			b.WriteString(regexp.QuoteMeta("%" + string(rs[i])))
		}
	}
	b.WriteString("$")
	return b.String()
}
