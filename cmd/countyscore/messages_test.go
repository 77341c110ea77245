package main

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// han counts the Chinese characters of s: a translated line has more
// than its English, whose only Chinese are names and values.
func han(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}

// TestMessagesTranslated runs every bad input and bad command line the
// repository has, in Chinese (the default) and in English. Both print
// the same lines; in Chinese every one has more Chinese characters
// than its English (so it was translated: a line the catalog does not know stays English and
// fails here), and in English none carries Chinese punctuation.
func TestMessagesTranslated(t *testing.T) {
	var runs [][]string
	for _, pat := range []string{"testdata/bad/*.*", "testdata/bad/many/*", "testdata/prescreen/*.csv"} {
		files, _ := filepath.Glob(filepath.Join(root, pat))
		for _, f := range files {
			rel, _ := filepath.Rel(root, f)
			for _, set := range []string{"garden-county", "fitness-2025", "bigdata-2023"} {
				runs = append(runs, []string{"score", "-c", set, rel})
			}
		}
	}
	garden := "inputs/examples/garden-county.csv"
	runs = append(runs,
		[]string{"scor"},
		[]string{"xyzzy"},
		[]string{"criteria", "lst"},
		[]string{"score", "--bogus", "-c", "garden-county", garden},
		[]string{"score", "-c"},
		[]string{"score", garden},
		[]string{"score", "-c", "garden-county"},
		[]string{"score", "-c", "gardn", garden},
		[]string{"score", "-c", "garden-county", "-f", "xx", garden},
		[]string{"score", "-c", "garden-county", "-f", "toml", garden},
		[]string{"score", "-c", "fitness-2025", "--fail-under", "60", "inputs/examples/fitness-2025.csv"},
		[]string{"score", "-c", "garden-county", "--fail-under", "abc", garden},
		[]string{"score", "-c", "garden-county", "--fail-under", "99", garden},
		[]string{"score", "-c", "garden-county", "--fail-on-veto", garden},
		[]string{"score", "-c", "garden-county", "--fail-unless", "vetoed", garden},
		[]string{"score", "-c", "garden-county", "--fail-unless", "forwardable", garden},
		[]string{"score", "-c", "garden-county", "--fail-on-unmet", garden},
		[]string{"score", "-c", "fitness-2025", "--fail-on-unmet", "inputs/examples/fitness-2025.csv"},
		[]string{"score", "-c", "fitness-2025", "--fail-unless", "met", "inputs/examples/fitness-2025.csv"},
		[]string{"score", "-c", "garden-county", "--as-of", "May", garden},
		[]string{"score", "-c", "garden-county", "--expect", "汾杨市", garden},
		[]string{"score", "-c", "garden-county", "--expect", ",", garden},
		[]string{"score", "-c", "garden-county", "--width", "10", garden},
		[]string{"score", "-c", "garden-county", "--set", "G1O=3", garden},
		[]string{"score", "-c", "garden-county", "--skip-invalid", "testdata/prescreen/garden-county-bad.csv"},
		[]string{"score", "-c", "garden-county", "-o", garden, garden},
		[]string{"score", "-c", "testdata/bad/extension-unknown-quota.toml", "inputs/examples/fitness-2025/文水县.toml"},
		[]string{"score", "-c", "testdata/bad/criteria-broken.toml", garden},
		[]string{"criteria", "check", "testdata/bad/criteria-broken.toml"},
		[]string{"criteria", "check", "testdata/na/broken.toml"},
		[]string{"score", "-c", "testdata/na/na.toml", "testdata/na/refused.csv"},
		[]string{"score", "-c", "testdata/na/na.toml", "testdata/na/values.csv"},
		[]string{"criteria", "show"},
		[]string{"criteria", "check"},
		[]string{"template"},
		[]string{"explain", "garden-county"},
		[]string{"completion"},
		[]string{"plan", "-c", "garden-county", "--to", "abc", garden},
		[]string{"plan", "-c", "garden-county", "--to", "120", garden},
		[]string{"plan", "-c", "fitness-2025", "--to", "70", "inputs/examples/fitness-2025.csv"},
		[]string{"plan", "-c", "fitness-2025", "--costs", "x.toml", "inputs/examples/fitness-2025.csv"},
	)
	for _, args := range runs {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			_, zh, zhCode := exe(t, nil, args...)
			_, en, enCode := exeEn(t, nil, args...)
			if zhCode != enCode {
				t.Errorf("exit %d in Chinese, %d in English", zhCode, enCode)
			}
			zl, el := lines(zh), lines(en)
			if len(zl) != len(el) {
				t.Fatalf("%d lines in Chinese, %d in English:\n%s\n%s", len(zl), len(el), zh, en)
			}
			for i := range zl {
				if han(zl[i]) <= han(el[i]) {
					t.Errorf("not translated: %s", zl[i])
				}
				if strings.ContainsAny(el[i], "：；“”") {
					t.Errorf("Chinese with --lang en: %s", el[i])
				}
			}
		})
	}
}

func lines(s string) []string {
	if s = strings.TrimRight(s, "\n"); s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}
