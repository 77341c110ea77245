package criteria_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"countyscore/criteria"
)

func TestBuiltinSetsPassCheck(t *testing.T) {
	for _, id := range criteria.BuiltinIDs() {
		t.Run(id, func(t *testing.T) {
			for _, p := range criteria.Check(id) {
				if p.Severity == criteria.Error {
					t.Errorf("%s", p)
				}
			}
		})
	}
}

// TestCheckShowsRuling11 is the garden standard's own inconsistency: the
// category headings state 39 / 19 / 18, the indicators add up to
// 38 / 16 / 22. Check must say so, as a warning, with the line.
func TestCheckShowsRuling11(t *testing.T) {
	var warnings []string
	for _, p := range criteria.Check("garden-county") {
		if p.Severity == criteria.Warning {
			warnings = append(warnings, p.String())
		}
	}
	want := []string{"C2 绿地建设: the source states 39 points, but its indicators as the text places them add up to 38",
		"C3 建设管控: the source states 19 points, but its indicators as the text places them add up to 16",
		"C4 生态环境: the source states 18 points, but its indicators as the text places them add up to 22"}
	if len(warnings) != len(want) {
		t.Fatalf("warnings %q", warnings)
	}
	for i, w := range want {
		if !strings.Contains(warnings[i], w) || !strings.HasPrefix(warnings[i], "criteria/garden-county.toml:") {
			t.Errorf("warning %q, want it to contain %q and a file:line", warnings[i], w)
		}
	}
}

func TestGardenCountyIsTheWholeStandard(t *testing.T) {
	s, err := criteria.Load("garden-county")
	if err != nil {
		t.Fatal(err)
	}
	var veto, baseline, bonus []string
	for _, ind := range s.Indicators {
		if ind.HasVeto() {
			veto = append(veto, ind.ID)
		}
		if ind.Baseline {
			baseline = append(baseline, ind.ID)
		}
		if ind.Kind.Bonus {
			bonus = append(bonus, ind.ID)
		}
		if !strings.HasPrefix(ind.Source, "吕政办发〔2023〕10号 附件3 序号") {
			t.Errorf("%s source %q does not cite its row", ind.ID, ind.Source)
		}
	}
	checks := []struct {
		what      string
		got, want any
	}{
		{"indicators", len(s.Indicators), 37},
		{"categories", len(s.Categories), 5},
		{"prerequisites", len(s.Prerequisites), 8},
		{"veto items (ruling 7)", veto, []string{"G04", "G05"}},
		{"baseline items (ruling 8)", baseline, []string{"G04", "G05", "G09", "G11", "G12", "G17", "G21", "G37"}},
		{"bonus (ruling 6)", bonus, []string{"G07"}},
		{"lines", fmt.Sprint(s.Lines[0].Points, " ", s.Lines[1].Points), "70 80"},
		{"max points", s.MaxPoints.String(), "100"},
	}
	for _, c := range checks {
		if fmt.Sprint(c.got) != fmt.Sprint(c.want) {
			t.Errorf("%s = %v, want %v", c.what, c.got, c.want)
		}
	}
	var stated, placed []string
	for _, c := range s.Categories {
		stated = append(stated, c.StatedPoints.String())
		placed = append(placed, fmt.Sprint(c.MaxPoints.Trim(0)))
	}
	if !slices.Equal(stated, []string{"12", "39", "19", "18", "12"}) || !slices.Equal(placed, []string{"12", "38", "16", "22", "12"}) {
		t.Errorf("stated %v placed %v (ruling 11)", stated, placed)
	}
}

func TestQuotaSetsCoverTheirSubjects(t *testing.T) {
	fit, _ := criteria.Load("fitness-2025")
	big, _ := criteria.Load("bigdata-2023")
	if n := len(fit.SubjectNames()); n != 14 {
		t.Errorf("fitness-2025 covers %d subjects, want 13 counties and the city", n)
	}
	if n := len(big.SubjectNames()); n != 23 {
		t.Errorf("bigdata-2023 covers %d subjects, want 13 counties, 9 zones and the city", n)
	}
	f03, _ := fit.Quota("F03")
	sum, n := f03.SubjectTargetSum(fit, "county")
	if n != 13 || sum.String() != "443" {
		t.Errorf("F03 targets: %d counties, %s km; want 13 and 443 (the row's 合计)", n, sum)
	}
	b01, _ := big.Quota("B01")
	if sum, n := b01.SubjectTargetSum(big, "county"); n != 13 || sum.String() != "35" {
		t.Errorf("B01 county targets %d, %s; want 13 and 35", n, sum)
	}
	if sum, n := b01.SubjectTargetSum(big, "zone"); n != 9 || sum.String() != "30" {
		t.Errorf("B01 zone targets %d, %s; want 9 and 30", n, sum)
	}
}

// TestBadCriteria feeds broken files to the loader: each must fail with a
// message that names the line and says what to do.
func TestBadCriteria(t *testing.T) {
	head := `id = "t"
kind = "scored"
title = "T"
source = "doc 1"
subjects = "any"
max_points = 2
below_verdict = "low"
`
	cat := `
[[category]]
id = "C1"
name = "c"
source = "row 0"
`
	measure := `
[[measure]]
id = "M1"
kind = "pct"
label = "m"
`
	indicator := func(extra string) string {
		return `
[[indicator]]
id = "I1"
category = "C1"
name = "i"
rule = "all"
points = 2
source = "row 1"
requirement = "r"
scoring = "s"
` + extra + `
  [[indicator.require]]
  label = "①"
  text = "t"
  when = ["M1 >= 40"]
`
	}
	tests := []struct {
		name, file string
		line       int
		want       string
	}{
		{"valid file loads", head + cat + measure + indicator(""), 0, ""},
		{"TOML syntax", head + "points = = 3\n", 8, "expected value"},
		{"unknown key, with the nearest", head + cat + measure + indicator("ruel = \"all\""), 28, `unknown key "indicator.ruel"; did you mean "rule"?`},
		{"float instead of string", head + cat + measure + indicator("deduct = 0.1"), 28, `write the decimal 0.1 as a string`},
		{"unknown rule kind", head + cat + measure + strings.Replace(indicator(""), `rule = "all"`, `rule = "checklst"`, 1), 23, `unknown rule kind "checklst"; did you mean "checklist"?`},
		{"dangling category", head + cat + measure + strings.Replace(indicator(""), `category = "C1"`, `category = "C2"`, 1), 21, `unknown category "C2"; did you mean "C1"?`},
		{"condition on an unknown measure", head + cat + measure + strings.Replace(indicator(""), "M1 >= 40", "M2 >= 40", 1), 32, `unknown measure "M2"; did you mean "M1"?`},
		{"bool compared with a number", head + cat + strings.Replace(measure, "pct", "bool", 1) + indicator(""), 32, "M1 is met or not met"},
		{"percent threshold above 100", head + cat + measure + strings.Replace(indicator(""), "M1 >= 40", "M1 >= 140", 1), 32, "above 100"},
		{"rule without a source", head + cat + measure + strings.Replace(indicator(""), `source = "row 1"`, ``, 1), 19, "has no source citation"},
		{"duplicate indicator", head + cat + measure + indicator("") + indicator(""), 35, `indicator id "I1" is empty or declared twice`},
		{"points that do not add up", strings.Replace(head, "max_points = 2", "max_points = 3", 1) + cat + measure + indicator(""), 6, "the indicators add up to 2 points, not the stated max_points 3"},
		{"linear rule without a step", head + cat + measure + strings.Replace(indicator("deduct = 1"), `rule = "all"`, `rule = "linear"`, 1), 19, "needs a positive step"},
		{"unknown subject in a schedule", head + cat + measure + indicator("") + "\n[[schedule]]\nsubjects = [\"汾杨市\"]\ntext = \"x\"\nsource = \"y\"\n", 35, `did you mean "汾阳市"?`},
		{"empty file", "\n\n", 0, "empty file"},
		{"not UTF-8", "id = \"\xff\"\n", 0, "not UTF-8"},
		{"cites an unstated ruling", head + cat + measure + indicator("rulings = [3]"), 28, "cites ruling 3"},
		{"relabels a verdict", head + cat + measure + indicator("") + "\n[[verdict]]\nid = \"vetoed\"\nlabel = \"x\"\n", 0, ""},
		{"relabels an unknown verdict", head + cat + measure + indicator("") + "\n[[verdict]]\nid = \"veto\"\nlabel = \"x\"\n", 35, `unknown engine verdict "veto"; did you mean "vetoed"?`},
		{"relabels without a label", head + cat + measure + indicator("") + "\n[[verdict]]\nid = \"vetoed\"\n", 34, "give the label to print"},
		{"points past the bound", strings.Replace(head, "max_points = 2", "max_points = 2000000", 1) + cat + measure + indicator(""), 6, "a points figure is at most 1000000 with at most 2 decimal places"},
		{"deduct of three decimals", head + cat + measure + strings.Replace(indicator(`deduct = "0.125"`), `rule = "all"`, `rule = "checklist"`, 1), 28, "0.125: a points figure is at most"},
		{"an integer of 13 digits", head + cat + measure + strings.Replace(indicator("step = 1234567890123"), `rule = "all"`, `rule = "linear"`, 1), 28, "more than 12 digits before"},
		{"checklist takes no step", head + cat + measure + strings.Replace(indicator("deduct = 1\nstep = 1"), `rule = "all"`, `rule = "checklist"`, 1), 29, "rule checklist takes no step"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, problems := criteria.Parse("t.toml", []byte(tc.file))
			var errs []criteria.Problem
			for _, p := range problems {
				if p.Severity == criteria.Error {
					errs = append(errs, p)
				}
			}
			if tc.want == "" {
				if len(errs) > 0 {
					t.Fatalf("unexpected errors %v", errs)
				}
				return
			}
			for _, p := range errs {
				if strings.Contains(p.Message, tc.want) {
					if p.Line != tc.line {
						t.Errorf("%q at line %d, want line %d", p.Message, p.Line, tc.line)
					}
					return
				}
			}
			t.Errorf("errors %v, want one saying %q", errs, tc.want)
		})
	}
}

func TestBadQuotaCriteria(t *testing.T) {
	head := `id = "q"
kind = "quota"
title = "Q"
source = "doc 2"
subjects = "targets"
city = "吕梁市"

[[measure]]
id = "K1"
kind = "count"
label = "k"
`
	tests := []struct{ name, quota, want string }{
		{"target for an unknown subject", `targets = { "汾杨市" = 1 }`, `did you mean "汾阳市"?`},
		{"short name where the canonical one belongs", `targets = { "汾阳" = 1 }`, `write the canonical name "汾阳市"`},
		{"fractional target of a count", `targets = { "汾阳市" = "1.5" }`, "counts whole units"},
		{"unknown level", `applies_to = ["countys"]` + "\ntarget = 1", `did you mean "county"?`},
		{"owes nothing", ``, "sets no target for anyone"},
		{"city target without its source", `city_target = 5`, "no city_source"},
		{"unknown derive", `applies_to = ["county"]` + "\nderive = \"per-capita\"", `unknown derive "per-capita"`},
		{"percent summed across subjects", `city_target = 5` + "\ncity_source = \"x\"\nrollup = \"sum\"", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			file := head + "\n[[quota]]\nid = \"K1\"\nmeasure = \"K1\"\nname = \"k\"\nsource = \"row\"\n" + tc.quota + "\n"
			_, problems := criteria.Parse("q.toml", []byte(file))
			if tc.want == "" {
				if problems.Has(criteria.Error) {
					t.Errorf("unexpected %v", problems)
				}
				return
			}
			for _, p := range problems {
				if p.Severity == criteria.Error && strings.Contains(p.Message, tc.want) && p.Line > 0 {
					return
				}
			}
			t.Errorf("problems %v, want an error with a line saying %q", problems, tc.want)
		})
	}
}

func TestConditions(t *testing.T) {
	tests := []struct{ in, want, err string }{
		{"G10 >= 38.9", "G10 >= 38.9", ""},
		{"G10≥38.9", "G10 >= 38.9", ""},
		{"G29.1 > 80", "G29.1 > 80", ""},
		{"X <= 5", "X <= 5", ""},
		{"G04.1 = true", "G04.1 = true", ""},
		{"G04.1 >= true", "", "compared with ="},
		{"G10 >= 1e3", "", "not a number"},
		{"G10 38.9", "", "no comparison"},
		{">= 3", "", "want MEASURE OP VALUE"},
	}
	for _, tc := range tests {
		c, err := criteria.ParseCondition(tc.in)
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%q: error %v, want %q", tc.in, err, tc.err)
		case tc.err == "" && (err != nil || c.String() != tc.want):
			t.Errorf("%q = %v %v, want %q", tc.in, c, err, tc.want)
		}
	}
}

func TestSubjectsResolveEveryWay(t *testing.T) {
	reg := criteria.Subjects()
	for _, name := range []string{"汾阳市", "汾阳", "141182"} {
		if s, ok := reg.Resolve(name); !ok || s.Name != "汾阳市" {
			t.Errorf("%q → %v %v", name, s, ok)
		}
	}
	if near, ok := reg.Nearest("汾杨市", nil); !ok || near != "汾阳市" {
		t.Errorf("nearest of 汾杨市 = %q %v", near, ok)
	}
	if _, ok := reg.Nearest("北京市", nil); ok {
		t.Error("北京市 should be near nothing")
	}
	if n := len(reg.InLevels([]string{"county"})); n != 13 {
		t.Errorf("%d county-level units, want 13", n)
	}
}
