package main

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"
)

// TestTablesFit: at 80 and 120 columns every table command prints lines
// no wider than that, whether the terminal draws ambiguous characters
// narrow or wide, under a Chinese and a plain locale; and nothing is
// dropped: the same characters appear as in the full layout (piped
// output, which TestGolden pins), only the borders and spaces differ.
func TestTablesFit(t *testing.T) {
	runs := []struct {
		name string
		args []string
	}{
		{"score garden", []string{"score", "-c", "garden-county", "--as-of", goldenAsOf, "inputs/examples/garden-county.csv"}},
		{"score garden en", []string{"score", "-c", "garden-county", "--lang", "en", "--as-of", goldenAsOf, "inputs/examples/garden-county.csv"}},
		{"score fitness", []string{"score", "-c", "fitness-2025", "inputs/examples/fitness-2025.csv"}},
		{"score bigdata", []string{"score", "-c", "bigdata-2023", "inputs/examples/bigdata-2023.csv"}},
		{"score skip-invalid", []string{"score", "-c", "garden-county", "--skip-invalid", "testdata/prescreen/garden-county-bad.csv"}},
		{"gaps garden", []string{"gaps", "-c", "garden-county", "inputs/examples/garden-county.csv"}},
		{"gaps fitness", []string{"gaps", "-c", "fitness-2025", "inputs/examples/fitness-2025.csv"}},
		{"criteria list", []string{"criteria", "list"}},
		{"criteria show garden", []string{"criteria", "show", "garden-county"}},
		{"criteria show fitness en", []string{"criteria", "show", "fitness-2025", "--lang", "en"}},
		{"explain", []string{"explain", "garden-county", "G15", "--input", "inputs/examples/garden-county/柳林县.toml"}},
		{"explain quota", []string{"explain", "fitness-2025", "F01", "--input", "inputs/examples/fitness-2025/中阳县.toml"}},
		{"template", []string{"template", "garden-county", "--format", "table"}},
	}
	narrow := runewidth.Condition{EastAsianWidth: false}
	wide := runewidth.Condition{EastAsianWidth: true}
	for _, tc := range runs {
		full, _, _ := exe(t, []string{"LANG=C.UTF-8"}, tc.args...)
		if full == "" {
			t.Fatalf("%s: no output", tc.name)
		}
		for _, width := range []int{80, 120} {
			for _, lang := range []string{"LANG=zh_CN.UTF-8", "LANG=C.UTF-8"} {
				t.Run(tc.name+"/"+strconv.Itoa(width)+"/"+lang, func(t *testing.T) {
					out, stderr, code := exe(t, []string{lang, "LC_ALL=" + strings.TrimPrefix(lang, "LANG=")}, append(slices.Clone(tc.args), "--width", strconv.Itoa(width))...)
					if code != 0 && code != exitPartial {
						t.Fatalf("exit %d: %s", code, stderr)
					}
					for i, line := range strings.Split(out, "\n") {
						if n, w := narrow.StringWidth(line), wide.StringWidth(line); max(n, w) > width {
							t.Errorf("line %d is %d/%d cells wide (narrow/wide), over %d: %q", i+1, n, w, width, line)
						}
					}
					if lost := dropped(full, out); lost != "" {
						t.Errorf("the fitted output lost characters of the full layout: %q", lost)
					}
				})
			}
		}
	}
}

// dropped returns the characters of full (borders and spaces aside)
// that fitted does not hold as often: a fitted table wraps and repeats
// (a table too wide for any column layout prints its rows as records,
// each field under its heading) but drops nothing.
func dropped(full, fitted string) string {
	count := map[rune]int{}
	for _, r := range fitted {
		count[r]++
	}
	var lost []rune
	for _, r := range full {
		if strings.ContainsRune(" \n|+-", r) {
			continue
		}
		if count[r] == 0 {
			lost = append(lost, r)
			continue
		}
		count[r]--
	}
	return string(lost)
}
