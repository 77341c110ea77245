package main

import (
	"encoding/csv"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

const badGarden = "testdata/prescreen/garden-county-bad.csv"

// TestSkipInvalid: with --skip-invalid the valid rows are scored and the
// refused ones listed in every format, exit 4; every row refused is exit
// 2; without it, every error on its own line and exit 2.
func TestSkipInvalid(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		exit   int
		stdout []string // substrings stdout must hold
	}{
		{"table", []string{"score", "-c", "garden-county", "--skip-invalid", badGarden}, 4,
			[]string{"已跳过的行（2 行", "garden-county-bad.csv |  5 | G10", "汇总"}},
		{"markdown", []string{"score", "-c", "garden-county", "--skip-invalid", "-f", "markdown", badGarden}, 4,
			[]string{"已跳过的行（2 行", "| testdata/prescreen/garden-county-bad.csv |  8 | G19  |"}},
		{"english", []string{"score", "-c", "garden-county", "--skip-invalid", "--lang", "en", badGarden}, 4,
			[]string{"Rows refused (2, bad input"}},
		{"gaps", []string{"gaps", "-c", "garden-county", "--skip-invalid", badGarden}, 4, []string{"已跳过的行（2 行"}},
		{"nothing refused", []string{"score", "-c", "garden-county", "--skip-invalid", "inputs/examples/garden-county.csv"}, 0, []string{"汇总"}},
		{"every row refused", []string{"score", "-c", "garden-county", "--skip-invalid", "testdata/prescreen/all-bad.csv"}, 2, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := exe(t, nil, tc.args...)
			if code != tc.exit {
				t.Fatalf("exit %d, want %d: %s", code, tc.exit, stderr)
			}
			for _, want := range tc.stdout {
				if !strings.Contains(stdout, want) {
					t.Errorf("stdout lacks %q", want)
				}
			}
			if tc.exit == 2 && stdout != "" {
				t.Errorf("a refused run printed results: %.200s", stdout)
			}
			if tc.exit == 4 && !strings.Contains(stderr, "2 of the input's rows were refused") && !strings.Contains(stderr, "输入中有 2 行被拒收") {
				t.Errorf("stderr does not count the refused rows: %q", stderr)
			}
		})
	}

	t.Run("json", func(t *testing.T) {
		stdout, _, code := exe(t, nil, "score", "-c", "garden-county", "--skip-invalid", "-f", "json", badGarden)
		var doc struct {
			Results []struct{ Subject string } `json:"results"`
			Refused []map[string]any           `json:"refused"`
		}
		if err := json.Unmarshal([]byte(stdout), &doc); err != nil || code != 4 {
			t.Fatalf("exit %d, %v", code, err)
		}
		if len(doc.Results) != 10 || len(doc.Refused) != 3 {
			t.Fatalf("%d results, %d refused; want 10 and 3", len(doc.Results), len(doc.Refused))
		}
		want := map[string]any{"file": badGarden, "line": 8.0, "field": "G19", "message": `"-1" is negative; want a whole number ≥ 0 (G19 does not allow negatives)`}
		for k, v := range want {
			if doc.Refused[2][k] != v {
				t.Errorf("refused[2].%s = %v, want %v", k, doc.Refused[2][k], v)
			}
		}
	})
	t.Run("json always lists refused under --skip-invalid", func(t *testing.T) {
		stdout, _, _ := exe(t, nil, "score", "-c", "garden-county", "--skip-invalid", "-f", "json", "inputs/examples/garden-county.csv")
		if !strings.Contains(stdout, "\n\"refused\":[]") {
			t.Errorf("no empty refused list: %s", stdout[len(stdout)-200:])
		}
	})
	t.Run("csv", func(t *testing.T) {
		stdout, _, code := exe(t, nil, "score", "-c", "garden-county", "--skip-invalid", "-f", "csv", badGarden)
		rows, err := csv.NewReader(strings.NewReader(stdout)).ReadAll() // strict: every row as wide
		if err != nil || code != 4 {
			t.Fatalf("exit %d, %v", code, err)
		}
		var refused [][]string
		for _, r := range rows {
			if r[0] == "#refused" {
				refused = append(refused, r[:5])
			}
		}
		want := [][]string{{"#refused", "file", "line", "field", "message"}, {"#refused", badGarden, "5", "G10", `"四十" is not a number; want a percent 0–100 (40 or 40%)`}}
		if len(refused) != 4 || strings.Join(refused[0], ",") != strings.Join(want[0], ",") || strings.Join(refused[1], "|") != strings.Join(want[1], "|") {
			t.Errorf("refused rows %q", refused)
		}
	})
}

// TestEveryErrorOnItsLine: without --skip-invalid, bad input prints every
// error, sorted, one a line as "countyscore: file:line: field: msg", the
// first 50 and then how many more, and exits 2 with nothing on stdout.
func TestEveryErrorOnItsLine(t *testing.T) {
	line := regexp.MustCompile(`^countyscore: testdata/prescreen/[a-z-]+\.csv:\d+: (subject|G\d+): .+$`)
	tests := []struct {
		name  string
		file  string
		lines int
		last  string
	}{
		{"three errors", badGarden, 3, `countyscore: testdata/prescreen/garden-county-bad.csv:8: G19: “-1”为负数；应为 ≥ 0 的整数（G19 不允许负数）`},
		{"sixty errors", "testdata/prescreen/sixty-bad.csv", 51, "countyscore: ……另有 10 条"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := exe(t, nil, "score", "-c", "garden-county", tc.file)
			if code != 2 || stdout != "" {
				t.Fatalf("exit %d, stdout %.100q", code, stdout)
			}
			lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
			if len(lines) != tc.lines || lines[len(lines)-1] != tc.last {
				t.Fatalf("%d lines, last %q; want %d, %q", len(lines), lines[len(lines)-1], tc.lines, tc.last)
			}
			for _, l := range lines[:min(len(lines), 50)] {
				if !line.MatchString(l) {
					t.Errorf("not one error a line as file:line: field: msg: %q", l)
				}
			}
		})
	}
}

// TestAbsent: a run of several subjects says which of the roster are
// missing, in every format; --expect sets the roster.
func TestAbsent(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		stdout string
	}{
		{"table", []string{"score", "-c", "garden-county", "--skip-invalid", badGarden}, "未提交或数据被跳过（3）：交城县、岚县、汾阳市"},
		{"english", []string{"score", "-c", "garden-county", "--skip-invalid", "--lang", "en", badGarden}, "Not submitted or refused (3): 交城县, 岚县, 汾阳市"},
		{"json", []string{"score", "-c", "garden-county", "--skip-invalid", "-f", "json", badGarden}, "\n\"absent\":[\n\"交城县\",\n\"岚县\",\n\"汾阳市\"\n]"},
		{"csv", []string{"score", "-c", "garden-county", "--skip-invalid", "-f", "csv", badGarden}, "#absent,汾阳市,"},
		{"markdown", []string{"gaps", "-c", "garden-county", "--skip-invalid", "-f", "markdown", badGarden}, "交城县、岚县、汾阳市"},
		{"a quota set's roster", []string{"score", "-c", "fitness-2025", "inputs/examples/fitness-2025/中阳县.toml", "inputs/examples/fitness-2025/文水县.toml"}, "未提交（"},
		{"expect by short name and code", []string{"score", "-c", "garden-county", "--expect", "汾阳,孝义市,141181,中阳县", "inputs/examples/garden-county/中阳县.toml"}, "未提交（2）：汾阳市、孝义市"},
		{"expect from a file", []string{"score", "-c", "garden-county", "--expect", "@testdata/prescreen/expect.txt", "inputs/examples/garden-county/中阳县.toml"}, "未提交（3）："},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := exe(t, nil, tc.args...)
			if code != 0 && code != 4 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if !strings.Contains(stdout, tc.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tc.stdout, tail(stdout))
			}
		})
	}
	t.Run("everyone present says nothing in a table", func(t *testing.T) {
		stdout, _, _ := exe(t, nil, "score", "-c", "garden-county", "inputs/examples/garden-county.csv")
		if strings.Contains(stdout, "未提交") {
			t.Error("absent line with nobody absent")
		}
	})
	t.Run("unknown expected subject", func(t *testing.T) {
		_, stderr, code := exe(t, nil, "score", "-c", "garden-county", "--expect", "汾杨市", "inputs/examples/garden-county.csv")
		if code != 2 || !strings.Contains(stderr, `是否想写“汾阳市”？`) {
			t.Errorf("exit %d: %s", code, stderr)
		}
	})
}

func tail(s string) string { return s[max(0, len(s)-600):] }

// TestPrescreenSummary: groups in the set's order with their counts and
// deciding IDs, and the schedule due in the year of --as-of.
func TestPrescreenSummary(t *testing.T) {
	stdout, _, code := exe(t, nil, "score", "-c", "garden-county", "-f", "json", "--as-of", "2025-04-01", "inputs/examples/garden-county.csv")
	var doc struct {
		Summary struct {
			Year   int `json:"as_of_year"`
			Groups []struct {
				Verdict  string
				Count    int
				Subjects []struct {
					Subject  string
					Deciding []string
				}
			}
			Schedule []struct {
				Subject string
				Due     bool
			}
		}
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil || code != 0 {
		t.Fatalf("exit %d: %v", code, err)
	}
	var order, deciding, due []string
	for _, g := range doc.Summary.Groups {
		order = append(order, g.Verdict)
		if g.Count != len(g.Subjects) {
			t.Errorf("%s counts %d of %d subjects", g.Verdict, g.Count, len(g.Subjects))
		}
		for _, s := range g.Subjects {
			if len(s.Deciding) > 0 {
				deciding = append(deciding, s.Subject+":"+strings.Join(s.Deciding, " "))
			}
		}
	}
	for _, s := range doc.Summary.Schedule {
		if s.Due {
			due = append(due, s.Subject)
		}
	}
	for _, c := range []struct{ what, got, want string }{
		{"order", strings.Join(order, " "), "acceptance-ready forwardable incomplete below-70 baseline-unmet prerequisites-unmet vetoed"},
		{"deciding", strings.Join(deciding, ", "), "临县:G12, 兴县:G17, 岚县:G37, 交城县:P5, 方山县:G04, 石楼县:G05"},
		{"due in 2025", strings.Join(due, " "), "文水县 交城县"},
	} {
		if c.got != c.want {
			t.Errorf("%s: %q, want %q", c.what, c.got, c.want)
		}
	}
	for _, tc := range []struct{ asOf, want string }{
		{"2027-01-10", "2027 年应申报：中阳县、方山县、石楼县（5 月 30 日前提出申请，6 月 30 日前上报）。"},
		{"2026-06-01", "2026 年没有应申报的对象。"},
	} {
		stdout, _, _ := exe(t, nil, "score", "-c", "garden-county", "--as-of", tc.asOf, "inputs/examples/garden-county.csv")
		if !strings.Contains(stdout, tc.want) {
			t.Errorf("--as-of %s: no %q", tc.asOf, tc.want)
		}
	}
	if _, stderr, code := exe(t, nil, "score", "-c", "garden-county", "--as-of", "2025/04/01", "inputs/examples/garden-county.csv"); code != 2 || !strings.Contains(stderr, "YYYY-MM-DD") {
		t.Errorf("a bad --as-of: exit %d %s", code, stderr)
	}
}

// TestCLIHabits: --version, help, completion scripts, --quiet.
func TestCLIHabits(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		exit   int
		stdout string
		stderr string
	}{
		{"version", []string{"--version"}, 0, "countyscore version ", ""},
		{"help command", []string{"help", "score"}, 0, "--skip-invalid", ""},
		{"help lists commands", []string{"help"}, 0, "completion", ""},
		{"bash completion", []string{"completion", "bash"}, 0, "complete -o bashdefault -o default -F _countyscore countyscore", ""},
		{"zsh completion", []string{"completion", "zsh"}, 0, "compdef _countyscore countyscore", ""},
		{"no shell", []string{"completion"}, 2, "", "bash 或 zsh"},
		{"completion of commands", []string{"--generate-bash-completion"}, 0, "score\n", ""},
		{"completion of flags", []string{"score", "--cr", "--generate-bash-completion"}, 0, "--criteria", ""},
		{"warnings printed", []string{"score", "-c", "garden-county", "-f", "csv", "testdata/bad/fraction-pct.csv"}, 0, "", "countyscore: 警告：testdata/bad/fraction-pct.csv:2: G09.coverage = 0.4 像是小数"},
		{"warnings counted at the end of a table", []string{"score", "-c", "garden-county", "testdata/bad/fraction-pct.csv"}, 0, "警告（1 条）：\n- testdata/bad/fraction-pct.csv:2: G09.coverage = 0.4 像是小数", ""},
		{"warnings in JSON", []string{"score", "-c", "garden-county", "-f", "json", "testdata/bad/fraction-pct.csv"}, 0, "\n\"warnings\":[\n\"testdata/bad/fraction-pct.csv:2: G09.coverage", ""},
		{"bad width", []string{"score", "-c", "garden-county", "--width", "10", "inputs/examples/garden-county.csv"}, 2, "", "--width 10"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := exe(t, nil, tc.args...)
			if code != tc.exit || !strings.Contains(stdout, tc.stdout) || !strings.Contains(stderr, tc.stderr) {
				t.Errorf("exit %d (want %d), stdout %q (want %q), stderr %q (want %q)", code, tc.exit, tail(stdout), tc.stdout, stderr, tc.stderr)
			}
		})
	}
	t.Run("quiet", func(t *testing.T) {
		_, stderr, code := exe(t, nil, "score", "-c", "garden-county", "-f", "csv", "--quiet", "testdata/bad/fraction-pct.csv")
		if code != 0 || stderr != "" {
			t.Errorf("exit %d, stderr %q", code, stderr)
		}
	})
}
