package tomlpos_test

import (
	"testing"

	"countyscore/tomlpos"
)

func TestIndex(t *testing.T) {
	src := `id = "x"   # comment
notes = [
  "a",
  "b",
]

[[indicator]]
id = "G01"
points = 3

  [[indicator.require]]
  when = ["G01.1 = true"]

[[indicator]]
id = "G02"
deduct = "0.5"
  [[indicator.require]]
  text = """two
lines"""
  [[indicator.require]]
  when = ["x"]

[quota.targets]
"文水县" = 45

[garden-county]
G09.coverage = 41.20
"G10" = 38.9
G11 = { a = 1 }
`
	ix := tomlpos.Parse(src)
	tests := []struct {
		path string
		line int
		raw  string
	}{
		{"id", 1, `"x"`},
		{"notes", 2, ""},
		{"indicator[0]", 7, ""},
		{"indicator[0].points", 9, "3"},
		{"indicator[0].require[0].when", 12, ""},
		{"indicator[1].id", 15, `"G02"`},
		{"indicator[1].require[0].text", 18, "\"\"\"two\nlines\"\"\""},
		{"indicator[1].require[1].when", 21, ""},
		{tomlpos.Key("quota", "targets", "文水县"), 24, "45"},
		{"garden-county.G09.coverage", 27, "41.20"},
		{tomlpos.Key("garden-county", "G10"), 28, "38.9"},
		{"garden-county.G11.a", 29, "1"},
	}
	for _, tc := range tests {
		got := ix[tc.path]
		if got.Line != tc.line || got.Raw != tc.raw {
			t.Errorf("%s: line %d raw %q; want %d %q", tc.path, got.Line, got.Raw, tc.line, tc.raw)
		}
	}
}

func TestIndexNeverFailsOnBrokenText(t *testing.T) {
	for _, src := range []string{"[", "a = ", "a = [1, 2", `a = "open`, "[[x]]\n  b = {", "= 3"} {
		tomlpos.Parse(src) // must return, whatever it found
	}
}
