package criteria

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"countyscore/tomlpos"
)

// MaxFileSize bounds a criteria file. The largest built-in set is about a
// tenth of it; anything bigger is not a criteria file.
const MaxFileSize = 1 << 20

// maxExtends bounds a chain of extensions, so a file that extends itself
// ends in a message, not a stack overflow.
const maxExtends = 4

// Load reads a criteria set: a built-in ID ("garden-county") or the path of
// a TOML file. It returns a *LoadError listing every error when the set
// cannot be used; warnings are kept for Check.
func Load(ref string) (*Set, error) {
	set, problems := load(ref, 0)
	if problems.Has(Error) {
		return nil, &LoadError{Problems: problems}
	}
	return set, nil
}

// Check loads ref and returns everything found about it, errors, warnings
// and notes alike, in file order.
func Check(ref string) Problems {
	_, problems := load(ref, 0)
	return problems.Sorted()
}

// Parse reads a criteria set from memory; file names it in messages. It is
// what Load does after reading, exposed for tests and fuzzing.
func Parse(file string, data []byte) (*Set, Problems) {
	return parse(file, data, "", 0)
}

func load(ref string, depth int) (*Set, Problems) {
	if path, ok := findOnPath(ref); ok {
		data, err := readLimited(path)
		if err != nil {
			return nil, Problems{{File: path, Severity: Error, Message: err.Error()}}
		}
		set, problems := parse(path, data, filepath.Dir(path), depth)
		if set != nil && set.ID != ref {
			problems = append(problems, Problem{File: path, Severity: Error,
				Message: fmt.Sprintf("a set found by ID in a criteria directory must have that id: %q in %s.toml", set.ID, ref)})
		}
		return set, problems
	}
	if data, ok := builtin(ref); ok {
		set, problems := parse(builtinFile(ref), data, "", depth)
		if set != nil && set.ID != ref {
			problems = append(problems, Problem{File: builtinFile(ref), Severity: Error,
				Message: fmt.Sprintf("a built-in set's id must be its file's name: %q in %s.toml", set.ID, ref)})
		}
		return set, problems
	}
	if !strings.ContainsAny(ref, `/\`) && !strings.HasSuffix(ref, ".toml") {
		msg := fmt.Sprintf("no built-in criteria set %q", ref)
		if near, ok := nearestOrPrefixed(ref, BuiltinIDs()); ok {
			msg += fmt.Sprintf("; did you mean %q?", near)
		} else {
			msg += fmt.Sprintf(" (built-in: %s); a file path ends in .toml", strings.Join(BuiltinIDs(), ", "))
		}
		if dirs := SearchPath(); len(dirs) > 0 {
			msg += fmt.Sprintf("; no %s.toml in %s", ref, strings.Join(dirs, ", "))
		}
		return nil, Problems{{File: ref, Severity: Error, Message: msg}}
	}
	data, err := readLimited(ref)
	if err != nil {
		return nil, Problems{{File: ref, Severity: Error, Message: err.Error()}}
	}
	return parse(ref, data, filepath.Dir(ref), depth)
}

// nearestOrPrefixed also suggests the one ID that starts with what was
// typed ("garden" for "garden-county").
func nearestOrPrefixed(s string, ids []string) (string, bool) {
	if near, ok := Nearest(s, ids); ok {
		return near, true
	}
	var found []string
	for _, id := range ids {
		if strings.HasPrefix(id, s) {
			found = append(found, id)
		}
	}
	if len(found) == 1 {
		return found[0], true
	}
	return "", false
}

func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, errors.Unwrap(err) // the *PathError's path is already in the message
	}
	defer f.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(io.LimitReader(f, MaxFileSize+1)); err != nil {
		return nil, err
	}
	if buf.Len() > MaxFileSize {
		return nil, fmt.Errorf("larger than %d KiB: not a criteria file", MaxFileSize>>10)
	}
	return buf.Bytes(), nil
}

func parse(file string, data []byte, dir string, depth int) (*Set, Problems) {
	fail := func(line int, format string, args ...any) (*Set, Problems) {
		return nil, Problems{{File: file, Line: line, Severity: Error, Message: fmt.Sprintf(format, args...)}}
	}
	if len(data) > MaxFileSize {
		return fail(0, "larger than %d KiB: not a criteria file", MaxFileSize>>10)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		return fail(0, "not UTF-8 text")
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return fail(0, "empty file")
	}
	src := string(data)
	set := &Set{File: file}
	md, err := toml.Decode(src, set)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return fail(pe.Position.Line, "%s", pe.Message)
		}
		return fail(0, "%v", err)
	}
	set.Pos = tomlpos.Parse(src)
	c := &collector{set: set}
	unknownKeys(c, md)
	if c.problems.Has(Error) {
		return nil, c.problems
	}
	if set.Extends != "" {
		return extend(c, dir, depth)
	}
	compile(c)
	checkPoints(c)
	return set, c.problems
}

// unknownKeys reports every key nothing in the schema reads, with the
// nearest key that would have been read (strict decoding: a misspelt key
// must not silently drop a rule).
func unknownKeys(c *collector, md toml.MetaData) {
	seen := map[string]bool{}
	for _, k := range md.Undecoded() {
		name := k.String()
		if i := slices.Index(k, "when"); i >= 0 && i < len(k)-1 {
			continue // inside a when list: its own reader reports what is wrong there
		}
		if seen[name] {
			continue
		}
		seen[name] = true
		msg := fmt.Sprintf("unknown key %q", name)
		if near, ok := Nearest(k[len(k)-1], keysAt(reflect.TypeOf(Set{}), k[:len(k)-1])); ok {
			msg += fmt.Sprintf("; did you mean %q?", near)
		}
		for _, line := range linesOf(c.set.Pos, k) {
			c.problems = append(c.problems, Problem{File: c.set.File, Line: line, Severity: Error, Message: msg})
		}
	}
}

// keysAt lists the TOML keys the schema reads in the table at path.
func keysAt(t reflect.Type, path []string) []string {
	for _, seg := range path {
		for t.Kind() == reflect.Slice || t.Kind() == reflect.Pointer || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return nil
		}
		found := false
		for i := 0; i < t.NumField(); i++ {
			if tag := t.Field(i).Tag.Get("toml"); tag == seg {
				t, found = t.Field(i).Type, true
				break
			}
		}
		if !found {
			return nil
		}
	}
	for t.Kind() == reflect.Slice || t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	var keys []string
	for i := 0; i < t.NumField(); i++ {
		if tag := t.Field(i).Tag.Get("toml"); tag != "" && tag != "-" {
			keys = append(keys, tag)
		}
	}
	return keys
}

// linesOf finds the lines of a key the toml package names without array
// indices ("indicator.rul" may stand in several [[indicator]] tables).
func linesOf(ix tomlpos.Index, k toml.Key) []int {
	want := tomlpos.Key(k...)
	var lines []int
	for path, pos := range ix {
		if stripIndices(path) == want {
			lines = append(lines, pos.Line)
		}
	}
	if len(lines) == 0 {
		return []int{0}
	}
	slices.Sort(lines)
	return lines
}

func stripIndices(path string) string {
	var b strings.Builder
	depth := 0
	for _, r := range path {
		switch {
		case r == '[':
			depth++
		case r == ']':
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// extend loads the set an extension names and adds its assignments.
func extend(c *collector, dir string, depth int) (*Set, Problems) {
	ext := c.set
	if depth >= maxExtends {
		c.at(Error, "extends", "extensions nest deeper than %d levels (does a file extend itself?)", maxExtends)
		return nil, c.problems
	}
	if !onlyExtensionKeys(c) {
		return nil, c.problems
	}
	ref := ext.Extends
	if _, ok := builtin(ref); !ok && dir != "" && !filepath.IsAbs(ref) && strings.HasSuffix(ref, ".toml") {
		ref = filepath.Join(dir, ref)
	}
	base, baseProblems := load(ref, depth+1)
	if baseProblems.Has(Error) {
		c.at(Error, "extends", "extends %q, which cannot be loaded", ext.Extends)
		return nil, append(c.problems, baseProblems...)
	}
	if base.Kind != KindQuota {
		c.at(Error, "extends", "extends %q, a %s set: only quota sets take assignments", ext.Extends, base.Kind)
		return nil, c.problems
	}
	assign(c, base)
	if c.problems.Has(Error) {
		return nil, c.problems
	}
	base.Base = nil
	merged := *base
	merged.Base = base
	merged.File = ext.File
	merged.Notes = append(append([]string(nil), base.Notes...), ext.Notes...)
	if ext.Title != "" {
		merged.Title, merged.TitleEn = ext.Title, ext.TitleEn
	}
	return &merged, c.problems
}

// onlyExtensionKeys refuses an extension that tries to redefine the set it
// extends: it may add targets, never change the plan's own rules.
func onlyExtensionKeys(c *collector) bool {
	s := c.set
	v := reflect.ValueOf(*s)
	t := v.Type()
	ok := true
	for i := 0; i < t.NumField(); i++ {
		tag := t.Field(i).Tag.Get("toml")
		switch tag {
		case "", "-", "id", "extends", "title", "title_en", "notes", "notes_en", "assign", "source", "document":
			continue
		}
		if !v.Field(i).IsZero() {
			c.at(Error, tag, "an extension may only add [[assign]] targets; %q belongs in the set it extends", tag)
			ok = false
		}
	}
	if len(s.Assign) == 0 {
		c.at(Error, "extends", "an extension with no [[assign]] table adds nothing")
		ok = false
	}
	return ok
}

// assign adds an extension's targets to base, refusing unknown quotas and
// subjects and any change to a target the plan already sets.
func assign(c *collector, base *Set) {
	reg := Subjects()
	for i, a := range c.set.Assign {
		path := fmt.Sprintf("assign[%d]", i)
		qi, ok := base.quotaIndex[a.Quota]
		if !ok {
			msg := fmt.Sprintf("unknown quota %q in %s", a.Quota, base.ID)
			ids := make([]string, len(base.Quotas))
			for j, q := range base.Quotas {
				ids[j] = q.ID
			}
			if near, ok := Nearest(a.Quota, ids); ok {
				msg += fmt.Sprintf("; did you mean %q?", near)
			}
			c.at(Error, path+".quota", "%s", msg)
			continue
		}
		if a.Source == "" {
			c.at(Error, path, "assignment of %s has no source: say where the figures come from", a.Quota)
		}
		if len(a.Targets) == 0 {
			c.at(Error, path, "assignment of %s names no targets", a.Quota)
		}
		q := &base.Quotas[qi]
		for _, name := range slices.Sorted(maps.Keys(a.Targets)) {
			target := a.Targets[name]
			tpath := path + ".targets." + tomlpos.Key(name)
			subj, ok := reg.Resolve(name)
			if !ok {
				c.at(Error, tpath, "%s", unknownSubject(reg, name))
				continue
			}
			if q.hasTarget(subj, base.City) {
				c.at(Error, tpath, "%s already owes a target for %s in %s; an extension adds targets, it does not change them", subj.Name, q.ID, base.ID)
				continue
			}
			if q.Targets == nil {
				q.Targets = map[string]Dec{}
			}
			if q.Assigned == nil {
				q.Assigned = map[string]string{}
			}
			q.Targets[subj.Name] = target
			q.Assigned[subj.Name] = a.Source
		}
		checkQuotaTargets(c, path, q, base)
	}
}

func unknownSubject(reg *Registry, name string) string {
	msg := fmt.Sprintf("unknown subject %q", name)
	if near, ok := reg.Nearest(name, nil); ok {
		msg += fmt.Sprintf("; did you mean %q?", near)
	}
	return msg
}
