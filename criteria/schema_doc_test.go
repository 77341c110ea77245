package criteria_test

import (
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"countyscore/criteria"
)

// schemaDoc is the criteria-file reference, read from the package dir.
const schemaDoc = "../docs/criteria-schema.md"

// schemaKey is one TOML key of the criteria-file schema and the table it
// stands in: "" for the top level, "indicator.require" for the
// requirements of an indicator.
type schemaKey struct {
	table string
	key   string
}

// schemaKeys walks the schema structs by reflection, from Set down, and
// returns every key a criteria file may write: every field with a toml tag
// other than "-", recursing into the tables (structs, slices of structs and
// maps of structs) those keys hold. A struct with no toml tag of its own
// (Dec, a decimal) is a value, not a table.
func schemaKeys(t reflect.Type, table string, seen map[reflect.Type]bool) []schemaKey {
	if seen[t] {
		return nil
	}
	seen[t] = true
	var keys []schemaKey
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if tag == "" || tag == "-" {
			continue
		}
		keys = append(keys, schemaKey{table: table, key: tag})
		elem := f.Type
		for elem.Kind() == reflect.Slice || elem.Kind() == reflect.Pointer || elem.Kind() == reflect.Map {
			elem = elem.Elem()
		}
		if elem.Kind() == reflect.Struct && hasTOMLTags(elem) {
			sub := tag
			if table != "" {
				sub = table + "." + tag
			}
			keys = append(keys, schemaKeys(elem, sub, seen)...)
		}
	}
	return keys
}

func hasTOMLTags(t reflect.Type) bool {
	for i := 0; i < t.NumField(); i++ {
		if tag := t.Field(i).Tag.Get("toml"); tag != "" && tag != "-" {
			return true
		}
	}
	return false
}

// docSections splits the reference into its "## " sections and returns,
// for each table, the keys its section documents: the `key` in the first
// column of a table row. The top level's section is "## Top level …"; a
// table's section is the one whose heading names it as `[[table]]` or
// `[table]`.
func docSections(doc string) map[string]map[string]bool {
	heading := regexp.MustCompile("^## (?:Top level|`\\[\\[?([A-Za-z0-9_.-]+)\\]?\\]`)")
	row := regexp.MustCompile("^\\| `([^`]+)` \\|")
	sections := map[string]map[string]bool{}
	var cur map[string]bool
	for _, line := range strings.Split(doc, "\n") {
		if strings.HasPrefix(line, "## ") {
			cur = nil
			if m := heading.FindStringSubmatch(line); m != nil {
				cur = map[string]bool{}
				sections[m[1]] = cur // m[1] is "" for the top level
			}
			continue
		}
		if m := row.FindStringSubmatch(line); m != nil && cur != nil {
			cur[m[1]] = true
		}
	}
	return sections
}

// TestSchemaDocumented fails for every key of the criteria-file schema
// that docs/criteria-schema.md does not document in its table's section,
// so the reference cannot fall behind the structs.
func TestSchemaDocumented(t *testing.T) {
	data, err := os.ReadFile(schemaDoc)
	if err != nil {
		t.Fatal(err)
	}
	sections := docSections(string(data))
	keys := schemaKeys(reflect.TypeOf(criteria.Set{}), "", map[reflect.Type]bool{})
	if len(keys) < 40 {
		t.Fatalf("the walk found only %d keys; it no longer follows the schema", len(keys))
	}
	noSection := map[string]bool{}
	for _, k := range keys {
		name := "the top level"
		if k.table != "" {
			name = "[[" + k.table + "]]"
		}
		section, ok := sections[k.table]
		switch {
		case noSection[k.table]:
			// reported once, with the table
		case !ok:
			t.Errorf("%s: no section for %s (a heading \"## `[[%s]]`\"), so none of its keys is documented", schemaDoc, name, k.table)
			noSection[k.table] = true
		case !section[k.key]:
			t.Errorf("%s: key %q of %s is not documented in its section (a row \"| `%s` | …\")", schemaDoc, k.key, name, k.key)
		}
	}
}

// TestSchemaDocSections checks the parser the test above relies on: a key
// documented in another table's section, or outside a table row, does not
// count.
func TestSchemaDocSections(t *testing.T) {
	doc := strings.Join([]string{
		"## Top level (the set)",
		"| `id` | ID |",
		"`kind` in prose",
		"## `[[indicator.require]]`",
		"| `when` | array |",
		"## Conditions",
		"| `veto` | bool |",
	}, "\n")
	tests := []struct {
		name  string
		table string
		key   string
		want  bool
	}{
		{"a top-level key in a table row", "", "id", true},
		{"a key in prose only", "", "kind", false},
		{"a nested table's key", "indicator.require", "when", true},
		{"a key under a heading that names no table", "indicator.require", "veto", false},
		{"a key of another table", "", "when", false},
	}
	sections := docSections(doc)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := sections[tc.table][tc.key]; got != tc.want {
				t.Errorf("%q in table %q documented = %v, want %v", tc.key, tc.table, got, tc.want)
			}
		})
	}
}

// measureRows returns, for each "### `set`" section of docs/input.md, the
// first cells of its table rows: where the section lists its measure IDs.
func measureRows(doc string) map[string][]string {
	heading := regexp.MustCompile("^### `([A-Za-z0-9_-]+)`")
	rows := map[string][]string{}
	set := ""
	for _, line := range strings.Split(doc, "\n") {
		if strings.HasPrefix(line, "#") {
			set = ""
			if m := heading.FindStringSubmatch(line); m != nil {
				set = m[1]
				rows[set] = []string{}
			}
			continue
		}
		if set != "" && strings.HasPrefix(line, "| `") {
			first, _, _ := strings.Cut(line[1:], "|")
			rows[set] = append(rows[set], first)
		}
	}
	return rows
}

// TestInputDocListsMeasures fails for every measure ID of a built-in set
// (a yearly measure once per plan year) that docs/input.md does not list
// in the first column of its set's table, so the generated tables stay
// right when a criteria file gains a measure.
func TestInputDocListsMeasures(t *testing.T) {
	data, err := os.ReadFile("../docs/input.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := measureRows(string(data))
	for _, id := range criteria.BuiltinIDs() {
		set, err := criteria.Load(id)
		if err != nil {
			t.Fatal(err)
		}
		cells, ok := rows[id]
		if !ok {
			t.Errorf("docs/input.md has no section ### `%s`", id)
			continue
		}
		for _, m := range set.MeasureIDs() {
			listed := false
			for _, c := range cells {
				listed = listed || strings.Contains(c, "`"+m+"`")
			}
			if !listed {
				t.Errorf("docs/input.md does not list measure %s in its ### `%s` table", m, id)
			}
		}
	}
}
