package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mattn/go-runewidth"

	"countyscore/criteria"
	"countyscore/inputs"
	"countyscore/scoring"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// bin is the countyscore binary the end-to-end tests run, built once.
var bin string

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "countyscore-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	bin = filepath.Join(dir, "countyscore")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building countyscore: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// goldenAsOf is the day the golden runs read the schedule on: an application
// year (2025), before the days to apply and forward by.
const goldenAsOf = "2025-04-01"

const (
	root     = "../.."
	examples = root + "/inputs/examples"
	bad      = root + "/testdata/bad"
	golden   = root + "/testdata/golden"
)

// exe runs the built binary in the repository root with a clean
// environment plus env.
func exe(t *testing.T, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = root
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}, env...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	code = 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return o.String(), e.String(), code
}

// exeEn runs the binary with --lang en: its messages as the code words
// them, which the tests below look for.
func exeEn(t *testing.T, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return exe(t, env, append(args, "--lang=en")...)
}

func glob(t *testing.T, pattern string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(root, pattern))
	if err != nil || len(files) == 0 {
		t.Fatalf("no files for %s", pattern)
	}
	for i, f := range files {
		files[i], _ = filepath.Rel(root, f)
	}
	return files
}

// TestGolden pins every output format of every command on the example data.
// After a deliberate change: go test ./cmd/countyscore -update, and read the
// diff before committing it.
func TestGolden(t *testing.T) {
	garden := "inputs/examples/garden-county.csv"
	fitness := "inputs/examples/fitness-2025.csv"
	bigdata := "inputs/examples/bigdata-2023.csv"
	towns := "inputs/examples/professional-town.csv"
	env := "inputs/examples/environment-2023.csv"
	tests := []struct {
		name string
		args []string
	}{
		{"criteria-list", []string{"criteria", "list"}},
		{"criteria-list-json", []string{"criteria", "list", "--format", "json"}},
		{"criteria-show-garden-county", []string{"criteria", "show", "garden-county"}},
		{"criteria-show-garden-county-en", []string{"criteria", "show", "garden-county", "--lang", "en"}},
		{"criteria-show-fitness-2025", []string{"criteria", "show", "fitness-2025"}},
		{"criteria-show-bigdata-2023-markdown", []string{"criteria", "show", "bigdata-2023", "--format", "markdown"}},
		{"criteria-check-builtins", []string{"criteria", "check", "garden-county", "fitness-2025", "bigdata-2023"}},
		{"template-garden-county", []string{"template", "garden-county"}},
		{"template-garden-county-csv", []string{"template", "garden-county", "--format", "csv"}},
		{"template-fitness-2025", []string{"template", "fitness-2025"}},
		{"explain-garden-county-G10", []string{"explain", "garden-county", "G10"}},
		{"explain-garden-county-G15-input", []string{"explain", "garden-county", "G15", "--input", "inputs/examples/garden-county/柳林县.toml"}},
		{"explain-fitness-2025-F01-input", []string{"explain", "fitness-2025", "F01", "--input", "inputs/examples/fitness-2025/中阳县.toml"}},
		{"explain-fitness-2025-F16-en", []string{"explain", "fitness-2025", "F16", "--lang", "en"}},
		{"explain-fitness-2025-F03-city-json", []string{"explain", "fitness-2025", "F03", "--input", fitness, "--subject", "吕梁市", "--format", "json"}},
		{"explain-garden-county-G15-input-csv", []string{"explain", "garden-county", "G15", "--input", "inputs/examples/garden-county/柳林县.toml", "--format", "csv"}},
		{"explain-garden-county-G15-input-json", []string{"explain", "garden-county", "G15", "--input", "inputs/examples/garden-county/柳林县.toml", "--format", "json"}},
		{"criteria-show-garden-county-json", []string{"criteria", "show", "garden-county", "--format", "json"}},
		{"criteria-show-fitness-2025-csv", []string{"criteria", "show", "fitness-2025", "--format", "csv"}},
		{"template-garden-county-json", []string{"template", "garden-county", "--format", "json"}},
		{"template-bigdata-2023-markdown", []string{"template", "bigdata-2023", "--format", "markdown"}},
		{"criteria-show-professional-town", []string{"criteria", "show", "professional-town"}},
		{"criteria-show-professional-town-json", []string{"criteria", "show", "professional-town", "--format", "json"}},
		{"criteria-check-professional-town", []string{"criteria", "check", "professional-town"}},
		{"score-professional-town-table-en", []string{"score", "--criteria", "professional-town", "--lang", "en", towns}},
		{"criteria-show-environment-2023", []string{"criteria", "show", "environment-2023"}},
		{"criteria-check-environment-2023", []string{"criteria", "check", "environment-2023"}},
	}
	tests = append(tests, minimalRuns...)
	tests = append(tests, naRuns...)
	for _, format := range []string{"table", "json", "csv", "markdown"} {
		tests = append(tests, struct {
			name string
			args []string
		}{"plan-garden-county-" + format, []string{"plan", "--criteria", "garden-county", "--format", format, garden}})
	}
	tests = append(tests, []struct {
		name string
		args []string
	}{
		{"plan-garden-county-80-costs", []string{"plan", "-c", "garden-county", "--to", "80", "--costs", "inputs/examples/garden-county-costs.toml", "inputs/examples/garden-county/中阳县.toml"}},
		{"plan-garden-county-set-en", []string{"plan", "-c", "garden-county", "--lang", "en", "--set", "G05=否", "inputs/examples/garden-county/汾阳市.toml"}},
		{"plan-fitness-2025-table", []string{"plan", "-c", "fitness-2025", fitness}},
		{"plan-fitness-2025-json", []string{"plan", "-c", "fitness-2025", "--format", "json", fitness}},
		{"score-garden-county-set", []string{"score", "-c", "garden-county", "--set", "G17=65", "--set", "P3=否", "inputs/examples/garden-county/兴县.toml"}},
	}...)
	for _, set := range []struct{ id, file string }{{"garden-county", garden}, {"fitness-2025", fitness}, {"bigdata-2023", bigdata}, {"professional-town", towns}, {"environment-2023", env}} {
		for _, format := range []string{"table", "json", "csv", "markdown"} {
			tests = append(tests,
				struct {
					name string
					args []string
				}{fmt.Sprintf("score-%s-%s", set.id, format), []string{"score", "--criteria", set.id, "--format", format, "--as-of", goldenAsOf, set.file}},
				struct {
					name string
					args []string
				}{fmt.Sprintf("gaps-%s-%s", set.id, format), []string{"gaps", "--criteria", set.id, "--format", format, set.file}})
		}
	}
	tests = append(tests, struct {
		name string
		args []string
	}{"score-garden-county-table-en", []string{"score", "--criteria", "garden-county", "--lang", "en", "--as-of", goldenAsOf, garden}})
	tests = append(tests, yearViews...)

	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := exe(t, nil, tc.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			ext := ".txt"
			switch {
			case strings.HasSuffix(tc.name, "-json"):
				ext = ".json"
			case strings.HasSuffix(tc.name, "-csv"):
				ext = ".csv"
			case strings.HasSuffix(tc.name, "-markdown"):
				ext = ".md"
			case strings.HasPrefix(tc.name, "template-") && !strings.Contains(tc.name, "-csv") && !strings.Contains(tc.name, "-json") && !strings.Contains(tc.name, "-markdown"):
				ext = ".toml"
			}
			path := filepath.Join(golden, tc.name+ext)
			if *update {
				if err := os.WriteFile(path, []byte(stdout), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), stdout); diff != "" {
				t.Errorf("%s differs from %s (-want +got):\n%s", strings.Join(tc.args, " "), path, diff)
			}
		})
	}
}

// yearViews are compare, diff and trend of each kind of set over the
// example data's two years, in every format, and their flags.
var yearViews = func() []struct {
	name string
	args []string
} {
	var out []struct {
		name string
		args []string
	}
	add := func(name string, args ...string) {
		out = append(out, struct {
			name string
			args []string
		}{name, args})
	}
	sets := []struct{ id, old, new string }{
		{"garden-county", "inputs/examples/garden-county.csv", "inputs/examples/garden-county-2025.csv"},
		{"fitness-2025", "inputs/examples/fitness-2025.csv", "inputs/examples/fitness-2025-2025.csv"},
	}
	for _, set := range sets {
		for _, format := range []string{"table", "json", "csv", "markdown"} {
			suffix := "-" + format
			if format == "table" {
				suffix = ""
			}
			add("compare-"+set.id+suffix, "compare", "-c", set.id, "-f", format, set.old, set.new)
			add("diff-"+set.id+suffix, "diff", "-c", set.id, "-f", format, set.old, set.new)
			add("trend-"+set.id+suffix, "trend", "-c", set.id, "-f", format, set.old, set.new)
		}
		add("compare-"+set.id+"-values", "compare", "-c", set.id, "--values", "--subjects", "柳林县,方山县", set.old, set.new)
		add("compare-"+set.id+"-values-csv", "compare", "-c", set.id, "--values", "-f", "csv", "--subjects", "柳林县,方山县", set.old, set.new)
		add("compare-"+set.id+"-width-60", "compare", "-c", set.id, "--width", "60", "--subjects", "柳林县,方山县", set.new)
		add("diff-"+set.id+"-sets", "diff", "-c", set.id, "--old", set.old, "--new", set.new, "--lang", "en")
	}
	add("compare-garden-county-one-year-en", "compare", "-c", "garden-county", "--lang", "en", "inputs/examples/garden-county.csv")
	return out
}()

// minimalRuns are every view of a minimal scored standard that states no
// rulings, no category points, no veto and no prerequisites.
var minimalRuns = []struct {
	name string
	args []string
}{
	{"minimal-score-table", []string{"score", "--criteria", minimalSet, minimalValues}},
	{"minimal-score-table-en", []string{"score", "--criteria", minimalSet, "--lang", "en", minimalValues}},
	{"minimal-score-markdown", []string{"score", "--criteria", minimalSet, "--format", "markdown", minimalValues}},
	{"minimal-gaps-table", []string{"gaps", "--criteria", minimalSet, minimalValues}},
	{"minimal-criteria-show", []string{"criteria", "show", minimalSet}},
	{"minimal-explain-I1", []string{"explain", minimalSet, "I1", "--input", minimalValues, "--subject", "Town A"}},
	{"minimal-explain-I1-en", []string{"explain", minimalSet, "I1", "--lang", "en"}},
	{"minimal-template", []string{"template", minimalSet}},
}

// naRuns are every view of a scored standard with category weights and
// items that do not apply (declared by the criteria and typed 不适用).
var naRuns = []struct {
	name string
	args []string
}{
	{"na-score-table", []string{"score", "--criteria", naSet, naValues}},
	{"na-score-table-en", []string{"score", "--criteria", naSet, "--lang", "en", naValues}},
	{"na-score-markdown", []string{"score", "--criteria", naSet, "--format", "markdown", naValues}},
	{"na-score-json", []string{"score", "--criteria", naSet, "--format", "json", naValues}},
	{"na-score-csv", []string{"score", "--criteria", naSet, "--format", "csv", naValues}},
	{"na-gaps-table", []string{"gaps", "--criteria", naSet, naValues}},
	{"na-gaps-markdown", []string{"gaps", "--criteria", naSet, "--format", "markdown", naValues}},
	{"na-gaps-json", []string{"gaps", "--criteria", naSet, "--format", "json", naValues}},
	{"na-gaps-csv", []string{"gaps", "--criteria", naSet, "--format", "csv", naValues}},
	{"na-explain-I3", []string{"explain", naSet, "I3", "--input", naValues, "--subject", "孝义市"}},
	{"na-criteria-check", []string{"criteria", "check", naSet}},
	{"na-criteria-show", []string{"criteria", "show", naSet}},
	{"na-template", []string{"template", naSet}},
	{"na-compare-table", []string{"compare", "--criteria", naSet, naValues}},
	{"na-compare-table-en", []string{"compare", "--criteria", naSet, "--lang", "en", naValues}},
	{"na-compare-markdown", []string{"compare", "--criteria", naSet, "--format", "markdown", naValues}},
	{"na-compare-json", []string{"compare", "--criteria", naSet, "--format", "json", naValues}},
	{"na-compare-csv", []string{"compare", "--criteria", naSet, "--format", "csv", naValues}},
	{"na-diff-table", []string{"diff", "--criteria", naSet, naYear1, naYear2}},
	{"na-diff-table-en", []string{"diff", "--criteria", naSet, "--lang", "en", naYear1, naYear2}},
	{"na-diff-markdown", []string{"diff", "--criteria", naSet, "--format", "markdown", naYear1, naYear2}},
	{"na-diff-json", []string{"diff", "--criteria", naSet, "--format", "json", naYear1, naYear2}},
	{"na-diff-csv", []string{"diff", "--criteria", naSet, "--format", "csv", naYear1, naYear2}},
	{"na-trend-table", []string{"trend", "--criteria", naSet, naYear1, naYear2}},
	{"na-trend-table-en", []string{"trend", "--criteria", naSet, "--lang", "en", naYear1, naYear2}},
	{"na-trend-markdown", []string{"trend", "--criteria", naSet, "--format", "markdown", naYear1, naYear2}},
	{"na-trend-json", []string{"trend", "--criteria", naSet, "--format", "json", naYear1, naYear2}},
	{"na-trend-csv", []string{"trend", "--criteria", naSet, "--format", "csv", naYear1, naYear2}},
	{"na-trend-quota-table", []string{"trend", "--criteria", "environment-2023", "inputs/examples/environment-2023.csv"}},
	{"na-compare-quota-table", []string{"compare", "--criteria", "environment-2023", "inputs/examples/environment-2023.csv"}},
	{"na-compare-quota-json", []string{"compare", "--criteria", "environment-2023", "--format", "json", "inputs/examples/environment-2023.csv"}},
	{"na-compare-quota-csv", []string{"compare", "--criteria", "environment-2023", "--format", "csv", "inputs/examples/environment-2023.csv"}},
}

const (
	naSet    = "testdata/na/na.toml"
	naValues = "testdata/na/values.csv"
	// naYear1 and naYear2 are two years of the example, for diff and trend.
	naYear1 = "testdata/na/values-2024.csv"
	naYear2 = "testdata/na/values-2025.csv"
)

const (
	minimalSet    = "testdata/minimal/minimal.toml"
	minimalValues = "testdata/minimal/values.csv"
)

// TestGenericWording: a standard that is not the garden standard is never
// described in the garden standard's words (its rulings, its verdicts, its
// type column, counties), and its template names its criteria file.
func TestGenericWording(t *testing.T) {
	borrowed := regexp.MustCompile(`裁定|(?i:\brulings?\b)|不得推荐|不得申报|导向|\bguide\b|指标类型|园林|(?i:garden)|县|\bcount(y|ies)\b|原文标注|\bStated\b|否决项|\bVeto\b|前置|(?i:prerequisite)`)
	for _, tc := range minimalRuns {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := exe(t, nil, tc.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if w := borrowed.FindAllString(stdout, -1); len(w) > 0 {
				t.Errorf("output borrows %q:\n%s", w, stdout)
			}
		})
	}
	stdout, _, _ := exe(t, nil, "template", minimalSet)
	if !strings.Contains(stdout, "--criteria "+minimalSet+" ") {
		t.Errorf("the template does not name its criteria file:\n%s", stdout)
	}
}

// TestExitCodes runs the binary for every exit code of the output contract.
func TestExitCodes(t *testing.T) {
	gardenTOML := glob(t, "inputs/examples/garden-county/*.toml")
	tests := []struct {
		name   string
		args   []string
		exit   int
		stdout string // a substring stdout must hold ("" for empty output)
		stderr string // a substring stderr must hold
	}{
		{"help", []string{"--help"}, 0, "score", ""},
		{"score the examples", append([]string{"score", "--criteria", "garden-county"}, gardenTOML...), 0, "汇总", ""},
		{"fail-under not met", []string{"score", "-c", "garden-county", "--fail-under", "90", "inputs/examples/garden-county.csv"}, 1, "汇总", "under 90"},
		{"fail-under met by all", []string{"score", "-c", "garden-county", "--fail-under", "0", "inputs/examples/garden-county.csv"}, 0, "汇总", ""},
		{"fail-on-veto", []string{"score", "-c", "garden-county", "--fail-on-veto", "inputs/examples/garden-county.csv"}, 1, "汇总", "fails veto"},
		{"fail-on-unmet", []string{"score", "-c", "bigdata-2023", "--fail-on-unmet", "inputs/examples/bigdata-2023.csv"}, 1, "汇总", "falls short"},
		{"flags after the files", []string{"score", "inputs/examples/garden-county.csv", "--criteria", "garden-county", "--format", "csv"}, 0, "subject,illustrative,points", ""},
		{"explain with --input after the IDs", []string{"explain", "garden-county", "G10", "--input", "inputs/examples/garden-county/汾阳市.toml"}, 0, "汾阳市", ""},
		{"misspelt command", []string{"scroe"}, 2, "", `did you mean "score"?`},
		{"misspelt subcommand", []string{"criteria", "lst"}, 2, "", `did you mean "list"?`},
		{"unknown flag", []string{"score", "--critera", "x", "a.csv"}, 2, "", "flag provided but not defined"},
		{"no criteria", []string{"score", "inputs/examples/garden-county.csv"}, 2, "", "--criteria is required"},
		{"no files", []string{"score", "-c", "garden-county"}, 2, "", "give one or more input files"},
		{"unknown criteria set", []string{"score", "-c", "garden", "a.csv"}, 2, "", `did you mean "garden-county"?`},
		{"unknown format", []string{"score", "-c", "garden-county", "-f", "xml", "inputs/examples/garden-county.csv"}, 2, "", `unknown format "xml"`},
		{"unknown language", []string{"score", "-c", "garden-county", "--lang", "fr", "inputs/examples/garden-county.csv"}, 2, "", `未知语言“fr”（可选：zh, en）`},
		{"fail-under on a quota set", []string{"score", "-c", "fitness-2025", "--fail-under", "70", "inputs/examples/fitness-2025.csv"}, 2, "", "for scored sets"},
		{"missing file", []string{"score", "-c", "garden-county", "nope.toml"}, 2, "", "nope.toml: no such file"},
		{"explain unknown indicator", []string{"explain", "garden-county", "G1O"}, 2, "", `did you mean "G10"?`},
		{"criteria check finds errors", []string{"criteria", "check", "testdata/bad/criteria-broken.toml"}, 2, "criteria-broken.toml:", "errors"},
		{"criteria check warnings only", []string{"criteria", "check", "garden-county"}, 0, "警告：类别 C2", ""},
		{"extension assigns a sparse row (README example)", []string{"score", "-c", "testdata/extension/my-assignments.toml", "inputs/examples/fitness-2025/文水县.toml"}, 0, "扩展分配：文水县体育局 2023-06 分解表", ""},
		{"extension JSON names the extension", []string{"score", "-c", "testdata/extension/my-assignments.toml", "-f", "json", "inputs/examples/fitness-2025/文水县.toml"}, 0, `"extension":"testdata/extension/my-assignments.toml"`, ""},
		{"plan the examples", []string{"plan", "-c", "garden-county", "inputs/examples/garden-county.csv"}, 0, "改动后", ""},
		{"plan to a line above the maximum", []string{"plan", "-c", "garden-county", "--to", "120", "inputs/examples/garden-county.csv"}, 2, "", "--to: line out of range: 120 is outside 0–100"},
		{"plan to a line that is no number", []string{"plan", "-c", "garden-county", "--to", "eighty", "inputs/examples/garden-county.csv"}, 2, "", `--to "eighty": want a number`},
		{"plan --to on a quota set", []string{"plan", "-c", "fitness-2025", "--to", "80", "inputs/examples/fitness-2025.csv"}, 2, "", "--to is for scored sets"},
		{"plan costs naming an unknown measure", []string{"plan", "-c", "garden-county", "--costs", "testdata/bad/costs/unknown-measure.csv", "inputs/examples/garden-county.csv"}, 2, "", "unknown-measure.csv:3: measure: unknown measure"},
		{"plan with a negative cost", []string{"plan", "-c", "garden-county", "--costs", "testdata/bad/costs/negative.csv", "inputs/examples/garden-county.csv"}, 2, "", "negative.csv:3: per_action"},
		{"plan with a missing cost file", []string{"plan", "-c", "garden-county", "--costs", "nope.toml", "inputs/examples/garden-county.csv"}, 2, "", "nope.toml: no such file"},
		{"set an unknown measure", []string{"score", "-c", "garden-county", "--set", "G99=1", "inputs/examples/garden-county.csv"}, 2, "", "--set G99=1: unknown measure G99"},
		{"set a value of the wrong kind", []string{"score", "-c", "garden-county", "--set", "G24.3=maybe", "inputs/examples/garden-county.csv"}, 2, "", "--set G24.3=maybe"},
		{"set a value on gaps", []string{"gaps", "-c", "garden-county", "--set", "G17=65", "inputs/examples/garden-county/兴县.toml"}, 0, "整改清单", ""},
		{"set marks the assumed values", []string{"score", "-c", "garden-county", "--set", "G17=65", "-f", "json", "inputs/examples/garden-county/兴县.toml"}, 0, `"assumed":["G17"]`, ""},
		{"fail-unless forwardable", []string{"score", "-c", "garden-county", "--fail-unless", "forwardable", "inputs/examples/garden-county.csv"}, 1, "汇总", "is vetoed, not forwardable or better"},
		{"fail-unless met", []string{"score", "-c", "garden-county", "--fail-unless", "forwardable", "inputs/examples/garden-county/汾阳市.toml"}, 0, "汾阳市", ""},
		{"fail-unless an incomplete subject", []string{"score", "-c", "garden-county", "--fail-unless", "forwardable", "--set", "G17=", "inputs/examples/garden-county/汾阳市.toml"}, 1, "汾阳市", "is incomplete"},
		{"fail-unless a verdict that is no line", []string{"score", "-c", "garden-county", "--fail-unless", "vetoed", "inputs/examples/garden-county.csv"}, 2, "", "want one of the lines of garden-county: forwardable, acceptance-ready"},
		{"fail-unless on a quota set", []string{"score", "-c", "fitness-2025", "--fail-unless", "met", "inputs/examples/fitness-2025.csv"}, 2, "", "for scored sets"},
		{"compare", []string{"compare", "-c", "garden-county", "inputs/examples/garden-county.csv", "inputs/examples/garden-county-2025.csv"}, 0, "柳林县 2025", ""},
		{"compare --values", []string{"compare", "-c", "garden-county", "--values", "--subjects", "柳林县", "inputs/examples/garden-county.csv"}, 0, "G29.1 80%", ""},
		{"compare --subjects orders columns", []string{"compare", "-c", "fitness-2025", "-f", "csv", "--subjects", "方山县,中阳县", "inputs/examples/fitness-2025.csv"}, 0, "kind,id,max_points,方山县 2024,中阳县 2024,city-wide 2024", ""},
		{"compare --subjects unknown", []string{"compare", "-c", "garden-county", "--subjects", "柳林郡", "inputs/examples/garden-county.csv"}, 2, "", `--subjects: no subject "柳林郡" in the input; did you mean "柳林县"?`},
		{"compare --subjects empty", []string{"compare", "-c", "garden-county", "--subjects", ",", "inputs/examples/garden-county.csv"}, 2, "", "--subjects: give one or more names"},
		{"compare --width too small", []string{"compare", "-c", "garden-county", "--width", "5", "inputs/examples/garden-county.csv"}, 2, "", "--width 5: want 40 or more columns"},
		{"compare --width splits blocks", []string{"compare", "-c", "garden-county", "--width", "60", "inputs/examples/garden-county.csv"}, 0, "（第 13/13 组）", ""},
		{"compare no files", []string{"compare", "-c", "garden-county"}, 2, "", "give one or more input files"},
		{"compare the same subject twice in a year", []string{"compare", "-c", "garden-county", "inputs/examples/garden-county.csv", "inputs/examples/garden-county/柳林县.toml"}, 2, "", "柳林县.toml: subject: 柳林县 appears twice for the year 2024 (first at inputs/examples/garden-county.csv:11)"},
		{"trend a year outside the plan", []string{"trend", "-c", "fitness-2025", "testdata/bad/year-outside-plan.csv"}, 2, "", "testdata/bad/year-outside-plan.csv:3: year: 2026 is outside the years 2023–2025 of fitness-2025"},
		{"compare a year outside the plan", []string{"compare", "-c", "fitness-2025", "-f", "json", "testdata/bad/year-outside-plan.csv"}, 2, "", "year-outside-plan.csv:3: year: 2026"},
		{"diff a year outside the plan", []string{"diff", "-c", "fitness-2025", "inputs/examples/fitness-2025.csv", "testdata/bad/year-outside-plan.csv"}, 2, "", "year-outside-plan.csv:3: year: 2026"},
		{"trend", []string{"trend", "-c", "fitness-2025", "inputs/examples/fitness-2025.csv", "inputs/examples/fitness-2025-2025.csv"}, 0, "多年目标累计进度（截止 2025 年）", ""},
		{"trend --format json", []string{"trend", "-c", "garden-county", "-f", "json", "inputs/examples/garden-county.csv", "inputs/examples/garden-county-2025.csv"}, 0, `"years":[`, ""},
		{"diff two files", []string{"diff", "-c", "garden-county", "inputs/examples/garden-county.csv", "inputs/examples/garden-county-2025.csv"}, 0, "仅在旧数据中：石楼县 2024", ""},
		{"diff --old --new", []string{"diff", "-c", "garden-county", "--old", "inputs/examples/garden-county/柳林县.toml,inputs/examples/garden-county/中阳县.toml", "--new", "inputs/examples/garden-county-2025.csv"}, 0, "中阳县 2024 → 2025", ""},
		{"diff --fail-on-regression", []string{"diff", "-c", "garden-county", "--fail-on-regression", "inputs/examples/garden-county.csv", "inputs/examples/garden-county-2025.csv"}, 1, "方山县", "方山县 regressed"},
		{"diff --fail-on-regression nothing lost", []string{"diff", "-c", "garden-county", "--fail-on-regression", "inputs/examples/garden-county.csv", "inputs/examples/garden-county.csv"}, 0, "各项数值均无变化", ""},
		{"diff quota --fail-on-regression", []string{"diff", "-c", "fitness-2025", "--fail-on-regression", "inputs/examples/fitness-2025.csv", "inputs/examples/fitness-2025-2025.csv"}, 0, "完成 11/11 → 15/15", ""},
		{"diff one file", []string{"diff", "-c", "garden-county", "inputs/examples/garden-county.csv"}, 2, "", "give two files OLD NEW"},
		{"diff files and --old", []string{"diff", "-c", "garden-county", "--old", "inputs/examples/garden-county.csv", "a.csv", "b.csv"}, 2, "", "not both"},
		{"diff two criteria sets", []string{"diff", "-c", "garden-county", "inputs/examples/garden-county.csv", "inputs/examples/fitness-2025/中阳县.toml"}, 2, "", "inputs/examples/fitness-2025/中阳县.toml:13: [fitness-2025]: this file holds values for fitness-2025, not garden-county"},
		{"diff no criteria", []string{"diff", "a.csv", "b.csv"}, 2, "", "--criteria is required"},
		{"diff unknown format", []string{"diff", "-c", "garden-county", "-f", "toml", "a.csv", "b.csv"}, 2, "", `unknown format "toml"`},
		{"diff output over an input", []string{"diff", "-c", "garden-county", "-o", "inputs/examples/garden-county.csv", "inputs/examples/garden-county.csv", "inputs/examples/garden-county-2025.csv"}, 2, "", "refusing to write over an input"},
		{"extension naming an unknown quota", []string{"score", "-c", "testdata/bad/extension-unknown-quota.toml", "inputs/examples/fitness-2025/文水县.toml"}, 2, "", `extension-unknown-quota.toml:4: error: unknown quota "F20" in fitness-2025; did you mean "F02"?`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := exe(t, nil, tc.args...)
			if tc.stderr != "" && !slices.ContainsFunc(tc.args, func(a string) bool { return strings.HasPrefix(a, "--lang") }) {
				// The expected messages are in English: run again for them.
				_, stderr, _ = exeEn(t, nil, tc.args...)
			}
			if code != tc.exit {
				t.Errorf("exit %d, want %d; stderr: %s", code, tc.exit, stderr)
			}
			if tc.stdout == "" && stdout != "" && tc.exit == 2 {
				t.Errorf("bad input printed results: %.200s", stdout)
			}
			if !strings.Contains(stdout, tc.stdout) {
				t.Errorf("stdout lacks %q: %.300s", tc.stdout, stdout)
			}
			if !strings.Contains(stderr, tc.stderr) {
				t.Errorf("stderr lacks %q: %s", tc.stderr, stderr)
			}
			if tc.exit != 3 && strings.Contains(stderr, "internal error") {
				t.Errorf("a user mistake reported as an internal error: %s", stderr)
			}
		})
	}
}

// TestBadInput: each file under testdata/bad is refused with exit 2, a
// message naming file, line and field, and nothing on stdout.
func TestBadInput(t *testing.T) {
	tests := []struct {
		name     string
		criteria string
		files    []string
		stderr   string
	}{
		{"unknown measure", "garden-county", []string{"unknown-measure.toml"}, `unknown-measure.toml:9: G09.coverge: unknown measure "G09.coverge" in [garden-county]; did you mean "G09.coverage"?`},
		{"wrong kind", "garden-county", []string{"wrong-kind.toml"}, `wrong-kind.toml:7: G10: "是" is not a number`},
		{"percent above 100", "garden-county", []string{"pct-range.csv"}, "pct-range.csv:3: G10: \"138.9\" is a percent and must lie between 0 and 100"},
		{"negative count", "garden-county", []string{"negative.csv"}, `negative.csv:2: G19: "-1" is negative`},
		{"fractional count", "garden-county", []string{"fraction-count.csv"}, `fraction-count.csv:2: G37.1: "2.5" counts whole units`},
		{"NaN", "garden-county", []string{"nan.toml"}, `nan.toml:7: G10`},
		{"unknown subject of a quota set", "fitness-2025", []string{"unknown-subject.csv"}, `unknown-subject.csv:2: subject: unknown subject "汾杨市"; did you mean "汾阳市"?`},
		{"subject the plan sets nothing for", "fitness-2025", []string{"zone-in-fitness.csv"}, "fitness-2025 sets no target for 吕梁经开区"},
		{"duplicated subject under two names", "garden-county", []string{"dup-a.toml", "dup-b.csv"}, "dup-b.csv:2: subject: 汾阳市 appears twice (first at testdata/bad/dup-a.toml)"},
		{"duplicated column", "garden-county", []string{"dup-column.csv"}, `dup-column.csv:1: G10: column "G10" appears twice`},
		{"ragged row", "garden-county", []string{"ragged.csv"}, "ragged.csv:3: this row has a different number of cells"},
		{"unterminated quote", "garden-county", []string{"unterminated.csv"}, "unterminated.csv:2: a quote is not closed"},
		{"UTF-16", "garden-county", []string{"utf16.csv"}, "UTF-16 text"},
		{"GBK bytes", "garden-county", []string{"gbk.csv"}, "not valid UTF-8"},
		{"empty file", "garden-county", []string{"empty.toml"}, "empty.toml: empty file"},
		{"bad TOML", "garden-county", []string{"syntax.toml"}, "syntax.toml:4: not valid TOML"},
		{"no table for the set", "fitness-2025", []string{"dup-a.toml"}, "no [fitness-2025] table"},
		{"bad row after good ones: nothing written", "garden-county", []string{"last-row-bad.csv"}, `last-row-bad.csv:4: G10: "abc" is not a number`},
		{"number too long", "garden-county", []string{"too-long.csv"}, "too long or too large to be a measurement"},
	}
	for _, tc := range tests {
		for _, format := range []string{"table", "json"} {
			t.Run(tc.name+"/"+format, func(t *testing.T) {
				args := []string{"score", "--criteria", tc.criteria, "--format", format}
				for _, f := range tc.files {
					args = append(args, "testdata/bad/"+f)
				}
				stdout, stderr, code := exeEn(t, nil, args...)
				if code != 2 {
					t.Errorf("exit %d, want 2", code)
				}
				if stdout != "" {
					t.Errorf("stdout must stay empty, got %.200q", stdout)
				}
				if !strings.Contains(stderr, tc.stderr) {
					t.Errorf("stderr %q\nwant it to contain %q", stderr, tc.stderr)
				}
			})
		}
	}
}

func TestFractionWarning(t *testing.T) {
	stdout, stderr, code := exeEn(t, nil, "score", "-c", "garden-county", "-f", "csv", "testdata/bad/fraction-pct.csv")
	if code != 0 || stdout == "" {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "G09.coverage = 0.4 looks like a fraction") {
		t.Errorf("stderr %q", stderr)
	}
}

// TestOutputFile: --output is written whole or not at all, and never over
// an input.
func TestOutputFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "result.json")
	_, stderr, code := exe(t, nil, "score", "-c", "garden-county", "-f", "json", "-o", out, "inputs/examples/garden-county.csv")
	if code != 0 {
		t.Fatalf("exit %d %s", code, stderr)
	}
	if b, err := os.ReadFile(out); err != nil || !bytes.HasPrefix(b, []byte(`{"criteria":`)) {
		t.Fatalf("output %q %v", b, err)
	}
	if err := os.WriteFile(out, []byte("before"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, code = exe(t, nil, "score", "-c", "garden-county", "-f", "json", "-o", out, "testdata/bad/last-row-bad.csv")
	if b, _ := os.ReadFile(out); code != 2 || string(b) != "before" {
		t.Errorf("a failed run touched the output file: exit %d, %q", code, b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	input := filepath.Join(dir, "in.csv")
	data, _ := os.ReadFile(filepath.Join(root, "inputs/examples/garden-county.csv"))
	os.WriteFile(input, data, 0o644)
	_, stderr, code = exeEn(t, nil, "score", "-c", "garden-county", "-o", input, input)
	if after, _ := os.ReadFile(input); code != 2 || !bytes.Equal(after, data) || !strings.Contains(stderr, "refusing to write over an input") {
		t.Errorf("output over input: exit %d, stderr %s", code, stderr)
	}
}

// TestSpreadsheetSafety: a subject name typed by a user can hold anything;
// no tabular export may let it start a formula.
func TestSpreadsheetSafety(t *testing.T) {
	for _, args := range [][]string{
		{"score", "-c", "garden-county", "-f", "csv"},
		{"gaps", "-c", "garden-county", "-f", "csv"},
		{"score", "-c", "garden-county", "-f", "markdown"},
		{"gaps", "-c", "garden-county", "-f", "markdown"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			stdout, stderr, code := exe(t, nil, append(args, "testdata/bad/formula-names.csv")...)
			if code != 0 {
				t.Fatal(stderr)
			}
			var cells []string
			if args[4] == "csv" {
				rows, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
				if err != nil {
					t.Fatal(err)
				}
				for _, r := range rows {
					cells = append(cells, r...)
				}
			} else {
				for _, line := range strings.Split(stdout, "\n") {
					if strings.HasPrefix(line, "|") {
						cells = append(cells, strings.Split(strings.Trim(line, "|"), "|")...)
					}
				}
			}
			found := 0
			for _, c := range cells {
				c = strings.TrimSpace(c)
				if c != "" && strings.ContainsRune("=+-@", rune(c[0])) && strings.Trim(c, "-:") != "" {
					t.Errorf("cell %q would be a formula", c)
				}
				if strings.Contains(c, "HYPERLINK") {
					found++
				}
			}
			if found == 0 {
				t.Error("the hostile subject name is not in the output at all")
			}
		})
	}
}

// TestStdoutRedirectedToAFile: results written straight into a file are
// cut back when the run fails, so `> out.json` holds valid JSON or nothing.
func TestStdoutRedirectedToAFile(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, input string
		exit        int
	}{{"good", "inputs/examples/garden-county.csv", 0}, {"bad last row", "testdata/bad/last-row-bad.csv", 2}} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, "out.json")
			f, err := os.Create(path)
			if err != nil {
				t.Fatal(err)
			}
			f.WriteString("kept\n") // a redirect with >> keeps what stood before
			cmd := exec.Command(bin, "score", "-c", "garden-county", "-f", "json", tc.input)
			cmd.Dir, cmd.Stdout = root, f
			err = cmd.Run()
			f.Close()
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			}
			got, _ := os.ReadFile(path)
			switch {
			case code != tc.exit:
				t.Errorf("exit %d, want %d", code, tc.exit)
			case tc.exit == 0 && (!bytes.HasPrefix(got, []byte("kept\n{\"criteria\"")) || !json.Valid(got[5:])):
				t.Errorf("file holds %.80q…", got)
			case tc.exit != 0 && string(got) != "kept\n":
				t.Errorf("a failed run left %.80q in the file", got)
			}
		})
	}
}

// TestShapesAgree: the TOML files and the CSV of the examples give the
// same JSON, byte for byte.
func TestShapesAgree(t *testing.T) {
	for _, set := range []string{"garden-county", "fitness-2025", "bigdata-2023"} {
		t.Run(set, func(t *testing.T) {
			fromTOML, stderr, code := exe(t, nil, append([]string{"score", "-c", set, "-f", "json"}, glob(t, "inputs/examples/"+set+"/*.toml")...)...)
			if code != 0 {
				t.Fatal(stderr)
			}
			fromCSV, stderr, code := exe(t, nil, "score", "-c", set, "-f", "json", "inputs/examples/"+set+".csv")
			if code != 0 {
				t.Fatal(stderr)
			}
			if diff := cmp.Diff(fromTOML, fromCSV); diff != "" {
				t.Errorf("TOML and CSV disagree (-toml +csv):\n%s", diff)
			}
		})
	}
}

// TestTablesLineUp is the tablewriter trap of style.md: the same binary
// must print the same bytes under a Chinese and a plain locale, and every
// line of a table must have one display width whether a terminal draws
// ambiguous characters narrow or wide.
func TestTablesLineUp(t *testing.T) {
	runs := [][]string{
		{"score", "-c", "garden-county", "inputs/examples/garden-county.csv"},
		{"score", "-c", "garden-county", "--lang", "en", "inputs/examples/garden-county.csv"},
		{"gaps", "-c", "fitness-2025", "inputs/examples/fitness-2025.csv"},
		{"score", "-c", "bigdata-2023", "inputs/examples/bigdata-2023.csv"},
		{"criteria", "show", "garden-county"},
		{"criteria", "list"},
		{"explain", "fitness-2025", "F01", "--input", "inputs/examples/fitness-2025/中阳县.toml"},
		{"compare", "-c", "garden-county", "inputs/examples/garden-county.csv", "inputs/examples/garden-county-2025.csv"},
		{"compare", "-c", "fitness-2025", "--values", "inputs/examples/fitness-2025.csv"},
		{"diff", "-c", "garden-county", "inputs/examples/garden-county.csv", "inputs/examples/garden-county-2025.csv"},
		{"trend", "-c", "fitness-2025", "inputs/examples/fitness-2025.csv", "inputs/examples/fitness-2025-2025.csv"},
	}
	narrow := runewidth.Condition{EastAsianWidth: false}
	wide := runewidth.Condition{EastAsianWidth: true}
	for _, args := range runs {
		t.Run(strings.Join(args[:min(len(args), 3)], " "), func(t *testing.T) {
			zh, _, code1 := exe(t, []string{"LANG=zh_CN.UTF-8", "LC_ALL=zh_CN.UTF-8"}, args...)
			c, _, code2 := exe(t, []string{"LANG=C.UTF-8"}, args...)
			if code1 != 0 || code2 != 0 {
				t.Fatalf("exit %d %d", code1, code2)
			}
			if zh != c {
				t.Fatalf("output differs between LANG=zh_CN.UTF-8 and LANG=C.UTF-8")
			}
			tables := 0
			var widthN, widthW int
			for i, line := range strings.Split(zh, "\n") {
				if !strings.HasPrefix(line, "+") && !strings.HasPrefix(line, "|") {
					widthN, widthW = 0, 0
					continue
				}
				if widthN == 0 {
					tables++
					widthN, widthW = narrow.StringWidth(line), wide.StringWidth(line)
				}
				if n, w := narrow.StringWidth(line), wide.StringWidth(line); n != widthN || w != widthW || n != w {
					t.Errorf("line %d is %d/%d cells wide (narrow/wide), the table %d/%d: %q", i+1, n, w, widthN, widthW, line)
				}
			}
			if tables == 0 {
				t.Error("no table found")
			}
		})
	}
}

// TestInternalErrorIsExit3 drives run with a writer that panics: the one
// way left to make countyscore fail inside, and it must say so plainly.
func TestInternalErrorIsExit3(t *testing.T) {
	var stderr bytes.Buffer
	code := run([]string{"countyscore", "criteria", "list", "--lang", "en"}, panicWriter{}, &stderr)
	if code != exitInternal || !strings.Contains(stderr.String(), "internal error (a bug") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}

type panicWriter struct{}

func (panicWriter) Write([]byte) (int, error) { panic("writer broke") }

func TestExitCodeMapping(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"nil", nil, 0},
		{"fail flag", errFailed, 1},
		{"rows refused", errPartial, 4},
		{"wrapped rows refused", fmt.Errorf("x: %w", errPartial), 4},
		{"wrapped fail flag", fmt.Errorf("x: %w", errFailed), 1},
		{"usage", usagef("bad"), 2},
		{"output", outputError{fmt.Errorf("disk full")}, 2},
		{"engine meets values it cannot compute with", fmt.Errorf("x: %w", &scoring.Error{Item: "F01", Msg: "too large"}), 2},
		{"inputs", &inputs.Error{File: "a.csv", Msg: "bad"}, 2},
		{"criteria", &criteria.LoadError{}, 2},
		{"anything else is a bug", fmt.Errorf("surprise"), 3},
	}
	for _, tc := range tests {
		if got := exitCode(tc.err); got != tc.want {
			t.Errorf("%s: exit %d, want %d", tc.name, got, tc.want)
		}
	}
}

// TestErrorClasses runs one case of each class of error that is not the
// user's command line: output that cannot be written, and values that the
// engine cannot compute with exactly. Each is exit 2 with a message that
// says what and where, never "internal error", and prints no results.
func TestErrorClasses(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	// A base of 10¹² − 10⁻⁶ owes base × 1.1, which needs 20 digits.
	toml, err := os.ReadFile(filepath.Join(examples, "fitness-2025/文水县.toml"))
	if err != nil {
		t.Fatal(err)
	}
	hugeBase := write("huge-base.toml", strings.Replace(string(toml), "F01.baseline = 1.8", `F01.baseline = "999999999999.999999"`, 1))
	// Fourteen subjects of 10¹² − 10⁻⁶ km each add up past 19 digits.
	sheet, err := os.ReadFile(filepath.Join(examples, "fitness-2025.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows := strings.Split(strings.TrimSpace(string(sheet)), "\n")
	for i := 1; i < len(rows); i++ {
		cells := strings.Split(rows[i], ",")
		cells[7] = "999999999999.999999" // F03, a row that adds up across subjects
		rows[i] = strings.Join(cells, ",")
	}
	hugeSum := write("huge-sum.csv", strings.Join(rows, "\n")+"\n")
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		args   []string
		full   bool // stdout is /dev/full
		stderr string
	}{
		{"score to a full disk", []string{"score", "-c", "garden-county", "inputs/examples/garden-county.csv"}, true, "cannot write output: write /dev/stdout: no space left on device"},
		{"gaps to a full disk", []string{"gaps", "-c", "fitness-2025", "-f", "json", "inputs/examples/fitness-2025.csv"}, true, "cannot write output"},
		{"criteria check to a full disk", []string{"criteria", "check", "garden-county"}, true, "cannot write output"},
		{"explain to a full disk", []string{"explain", "garden-county", "G10"}, true, "cannot write output"},
		{"--output that is not a regular file", []string{"score", "-c", "garden-county", "-o", fifo, "inputs/examples/garden-county.csv"}, false, "is not a regular file"},
		{"derived target past 19 digits", []string{"score", "-c", "fitness-2025", hugeBase}, false,
			hugeBase + ": 文水县, F01 (F01.baseline): the target 999999999999.999999 × (1 + 0.1) needs more than 19 digits; countyscore computes exactly and does not round"},
		{"derived target past 19 digits, gaps", []string{"gaps", "-c", "fitness-2025", hugeBase}, false, "F01 (F01.baseline): the target"},
		{"derived target past 19 digits, explain", []string{"explain", "fitness-2025", "F01", "--input", hugeBase}, false, "F01 (F01.baseline): the target"},
		{"city-wide sum past 19 digits", []string{"score", "-c", "fitness-2025", "-f", "json", hugeSum}, false, "F03: the values given add up past 19 digits"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(bin, append(tc.args, "--lang=en")...)
			cmd.Dir = root
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if tc.full {
				f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
				if err != nil {
					t.Skipf("no /dev/full: %v", err)
				}
				defer f.Close()
				cmd.Stdout = f
			}
			err := cmd.Run()
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if code != exitBadInput {
				t.Errorf("exit %d, want %d; stderr: %s", code, exitBadInput, stderr.String())
			}
			if !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("stderr %q\nwant it to contain %q", stderr.String(), tc.stderr)
			}
			if strings.Contains(stderr.String(), "internal error") {
				t.Errorf("reported as an internal error: %s", stderr.String())
			}
			if stdout.Len() > 0 {
				t.Errorf("results printed: %.200s", stdout.String())
			}
		})
	}
}

// TestHugeShortfallOfALinearRule: a step of 0.000001 and a shortfall of
// nearly 10¹² are 10¹⁸ steps; at 12 points a step the deduction needs 20
// digits, which once ended in a panic. Steps past every point cost nothing
// more, so the subject scores 0 on that indicator and the run succeeds.
func TestHugeShortfallOfALinearRule(t *testing.T) {
	dir := t.TempDir()
	set := filepath.Join(dir, "steps.toml")
	in := filepath.Join(dir, "in.toml")
	os.WriteFile(set, []byte(`id = "steps"
kind = "scored"
title = "one linear indicator"
source = "test"
subjects = "any"
max_points = 12
below_verdict = "low"

[[line]]
points = 6
verdict = "pass"
label = "pass"
source = "test"

[[category]]
id = "C1"
name = "c"
source = "test"

[[measure]]
id = "M1"
kind = "num"
label = "m1"

[[indicator]]
id = "I1"
category = "C1"
name = "i"
rule = "linear"
points = 12
deduct = 12
step = "0.000001"
source = "test"
requirement = "r"
scoring = "s"

[[indicator.require]]
label = "①"
text = "M1 at least 999999999999"
when = ["M1 >= 999999999999"]
`), 0o644)
	os.WriteFile(in, []byte("subject = \"汾阳市\"\n[steps]\nM1 = 0\n"), 0o644)
	stdout, stderr, code := exe(t, nil, "score", "-c", set, "-f", "csv", in)
	if code != 0 || strings.Contains(stderr, "internal error") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "汾阳市,false,0,0,12,low") {
		t.Errorf("stdout %q, want 0 of 12 points", stdout)
	}
	stdout, stderr, code = exe(t, nil, "explain", set, "I1", "--input", in, "--lang", "en")
	if code != 0 || !strings.Contains(stdout, "999999999999000000 started steps") {
		t.Errorf("exit %d, stderr %s, explain %s", code, stderr, stdout)
	}
}
