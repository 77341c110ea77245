package inputs_test

import (
	"errors"
	"strings"
	"testing"

	"countyscore/exact"
	"countyscore/inputs"
)

func TestReadCosts(t *testing.T) {
	s := loadSet(t, "garden-county")
	tests := []struct {
		name, file, text string
		measure          string // a measure whose cost is checked
		action, unit     string
	}{
		{"csv default and own row", "c.csv", "measure,per_action,per_unit\n*,10,\nG10,,12.5\n", "G10", "0", "12.5"},
		{"csv default applies", "c.csv", "measure,per_action,per_unit\n*,10,\nG10,,12.5\n", "G11", "10", "0"},
		{"csv both fields add", "c.csv", "measure,per_unit,per_action\n*,1,2\n", "G26", "2", "1"},
		{"csv default per unit on a yes/no measure is none", "c.csv", "measure,per_unit,per_action\n*,1,2\n", "G05", "2", "0"},
		{"csv full-width and BOM", "c.CSV", "\ufeffmeasure,per_action\n*,１０\n", "G05", "10", "0"},
		{"toml", "c.toml", "unit = \"万元\"\n[[cost]]\nmeasure = \"*\"\nper_action = 10\n[[cost]]\nmeasure = \"G10\"\nper_unit = 12.5\n", "G10", "0", "12.5"},
		{"toml string decimal", "c.toml", "[[cost]]\nmeasure = \"*\"\nper_action = \"0.1\"\n", "G09.coverage", "0.1", "0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := inputs.ReadCosts(tc.file, []byte(tc.text), s)
			if err != nil {
				t.Fatal(err)
			}
			idx, _ := s.MeasureIndex(tc.measure)
			got := c.Of(idx)
			if exact.String(got.PerAction) != tc.action || exact.String(got.PerUnit) != tc.unit {
				t.Errorf("%s: per_action %s per_unit %s; want %s %s", tc.measure, exact.String(got.PerAction), exact.String(got.PerUnit), tc.action, tc.unit)
			}
		})
	}
}

func TestReadCostsErrors(t *testing.T) {
	s := loadSet(t, "garden-county")
	tests := []struct {
		name, file, text string
		want             string // the whole message
	}{
		{"unknown measure, nearest named", "c.csv", "measure,per_action\n*,1\nG1O,2\n", `c.csv:3: measure: unknown measure "G1O" of garden-county; did you mean "G10"?`},
		{"negative", "c.csv", "measure,per_action\n*,-1\n", "c.csv:2: per_action: per_action of * is negative (-1); a cost is 0 or more"},
		{"bad number", "c.csv", "measure,per_action\n*,ten\n", `c.csv:2: per_action: per_action of *: "ten" is not a number (not a number)`},
		{"duplicate", "c.csv", "measure,per_action\n*,1\nG10,1\nG10,2\n", "c.csv:4: measure: G10 is priced twice (lines 3 and 4); price it once"},
		{"no price at all", "c.csv", "measure,per_action,per_unit\n*,,\n", "c.csv:2: *: give per_action, per_unit or both"},
		{"per unit on yes/no", "c.csv", "measure,per_action,per_unit\n*,1,\nG05,,3\n", "c.csv:3: per_unit: G05 is met or not met: it has no units to price; give per_action"},
		{"unpriced measures", "c.csv", "measure,per_action\nG10,1\n", `c.csv: no cost for G01.1, G01.2, G01.3, G02.1, G02.2 and 67 more, and no default row (measure "*") to price them`},
		{"unknown column", "c.csv", "measure,per_acton\n", `c.csv:1: column 2: unknown column "per_acton"; did you mean "per_action"?`},
		{"toml negative", "c.toml", "[[cost]]\nmeasure = \"*\"\nper_action = 1\n[[cost]]\nmeasure = \"G10\"\nper_unit = -2\n", "c.toml:6: per_unit: per_unit of G10 is negative (-2); a cost is 0 or more"},
		{"toml unknown key", "c.toml", "[[cost]]\nmeasure = \"*\"\nper_actoin = 1\n", `c.toml:3: per_actoin: unknown key "per_actoin" in [[cost]]; did you mean "per_action"?`},
		{"toml unknown top key", "c.toml", "unti = \"元\"\n", `c.toml:1: unti: unknown key "unti"; did you mean "unit"?`},
		{"toml unknown measure", "c.toml", "[[cost]]\nmeasure = \"*\"\nper_action = 1\n[[cost]]\nmeasure = \"G99\"\nper_action = 1\n", `c.toml:5: measure: unknown measure "G99" of garden-county; did you mean "G19"?`},
		{"other extension", "c.xlsx", "x", "c.xlsx: a cost file is .toml or .csv"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := inputs.ReadCosts(tc.file, []byte(tc.text), s)
			var ie *inputs.Error
			if !errors.As(err, &ie) {
				t.Fatalf("err = %v, want *inputs.Error", err)
			}
			if err.Error() != tc.want {
				t.Errorf("\n got %s\nwant %s", err, tc.want)
			}
		})
	}
}

func TestOverrides(t *testing.T) {
	s := loadSet(t, "garden-county")
	ovs, err := inputs.ParseOverrides(s, []string{"G10=38.9", "G24.3=是", "G12=85%", "G13="})
	if err != nil {
		t.Fatal(err)
	}
	rec := &inputs.Record{Values: make([]inputs.Value, len(s.Measures))}
	orig := rec.Values
	assumed := inputs.ApplyOverrides(rec, ovs)
	if strings.Join(assumed, ",") != "G10,G24.3,G12,G13" {
		t.Errorf("assumed = %v", assumed)
	}
	val := func(id string) inputs.Value { i, _ := s.MeasureIndex(id); return rec.Values[i] }
	if v := val("G10"); !v.Given || exact.String(v.Num) != "38.9" {
		t.Errorf("G10 = %+v", v)
	}
	if v := val("G24.3"); !v.Given || !v.Bool {
		t.Errorf("G24.3 = %+v", v)
	}
	if v := val("G12"); exact.String(v.Num) != "85" {
		t.Errorf("G12 = %+v", v)
	}
	if v := val("G13"); v.Given {
		t.Errorf("G13 = %+v, want not measured", v)
	}
	if i, _ := s.MeasureIndex("G10"); orig[i].Given {
		t.Error("the record's original values were changed in place")
	}

	bad := []struct {
		name  string
		flags []string
		want  string
	}{
		{"unknown measure", []string{"G99=1"}, "--set G99=1: unknown measure G99 of garden-county; did you mean G19?"},
		{"wrong kind", []string{"G10=abc"}, `--set G10=abc: "abc" is not a number; want a percent 0–100 (40 or 40%)`},
		{"bool wanted", []string{"G05=maybe"}, `--set G05=maybe: "maybe": want one of true/false, yes/no, y/n, 1/0, 是/否, √/×`},
		{"percent above 100", []string{"G10=120"}, `--set G10=120: "120" is a percent and must lie between 0 and 100; want a percent 0–100 (40 or 40%)`},
		{"no equals sign", []string{"G10"}, "--set G10: want MEASURE=VALUE, such as G10=38.9"},
		{"set twice", []string{"G10=1", "G10=2"}, "--set G10=2: G10 is already set by --set G10=1; set it once"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			_, err := inputs.ParseOverrides(s, tc.flags)
			if err == nil || err.Error() != tc.want {
				t.Errorf("\n got %v\nwant %s", err, tc.want)
			}
		})
	}
}
