package messages

import (
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// englishWords are words that, left in a Chinese message, show it was
// not translated; IDs, file names and values never are one of them.
// A word joined to a dash or slash is part of a flag or a value
// ("--as-of", "yes/no").
var englishWords = regexp.MustCompile(`(?:^|[^\w/-])(want|unknown|missing|the|is|not|of|give|must|and|or|has|did|you|mean|cannot|write|needs|no)(?:[^\w/-]|$)`)

func hasCJK(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// TestCatalog holds every entry to its own example: both languages, a
// unique ID, a pattern that compiles and matches the example, and a
// Chinese translation with no English words left in it.
func TestCatalog(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range Catalog {
		t.Run(e.ID, func(t *testing.T) {
			if e.ID == "" || e.En == "" || e.Zh == "" || e.Example == "" {
				t.Fatalf("entry %+v lacks an ID, En, Zh or Example", e)
			}
			if seen[e.ID] {
				t.Fatalf("ID %s is used twice", e.ID)
			}
			seen[e.ID] = true
			re, err := regexp.Compile(e.Pattern())
			if err != nil {
				t.Fatalf("pattern %q: %v", e.Pattern(), err)
			}
			if !matchesCore(re, e.Example) {
				t.Fatalf("example %q does not match %q", e.Example, e.Pattern())
			}
			zh, ok := Chinese(e.Example)
			if !ok {
				t.Fatalf("example %q is not translated: %q", e.Example, zh)
			}
			if !hasCJK(zh) {
				t.Errorf("%q → %q: no Chinese", e.Example, zh)
			}
			if w := englishWords.FindStringSubmatch(zh); w != nil {
				t.Errorf("%q → %q: English word %q left", e.Example, zh, w[1])
			}
			if Translate("en", e.Example) != e.Example {
				t.Errorf("English changed")
			}
		})
	}
}

// TestTranslate checks how messages are split: a whole match, a tail, a
// kept prefix, nesting, and what is left alone.
func TestTranslate(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"whole", `empty file`, `文件为空`},
		{"tail", `unknown subject "汾杨市"; did you mean "汾阳市"?`, `未知对象“汾杨市”；是否想写“汾阳市”？`},
		{"prefix kept", `a.csv:3: G10: "abc" is not a number; want a whole number ≥ 0`, `a.csv:3: G10: “abc”不是数字；应为 ≥ 0 的整数`},
		{"nested", `indicator G10: unknown category "X" (known: A, B)`, `指标 G10：未知类别“X”（可用的有：A, B）`},
		{"unknown stays English", `something new happened`, `something new happened`},
		{"half known stays English", `indicator G10: something new`, `indicator G10: something new`},
		{"library text kept", `not valid TOML: expected value but found '=' instead`, `不是有效的 TOML：expected value but found '=' instead`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Translate("zh", tc.in); got != tc.want {
				t.Errorf("Translate(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestLang(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"default", []string{"countyscore", "score", "a.csv"}, "zh"},
		{"en", []string{"countyscore", "score", "--lang", "en", "--bogus"}, "en"},
		{"en with =", []string{"countyscore", "--lang=en", "score"}, "en"},
		{"single dash", []string{"countyscore", "score", "-lang", "en"}, "en"},
		{"zh", []string{"countyscore", "score", "--lang", "zh"}, "zh"},
		{"unknown is zh", []string{"countyscore", "score", "--lang", "fr"}, "zh"},
		{"after --", []string{"countyscore", "score", "--", "--lang", "en"}, "zh"},
		{"last wins", []string{"countyscore", "--lang", "en", "--lang", "zh"}, "zh"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Lang(tc.args); got != tc.want {
				t.Errorf("Lang(%q) = %q, want %q", tc.args, got, tc.want)
			}
		})
	}
}

// TestNoOrphanTails: a tail alone is not a message.
func TestTailNeedsHead(t *testing.T) {
	if _, ok := Chinese(`; did you mean "x"?`); ok && !strings.Contains(`; did you mean "x"?`, "；") {
		t.Errorf("a bare tail was translated")
	}
}

// matchesCore reports whether re matches example, or example once a
// location before it or a tail after it is taken off: an example shows
// a message as printed, often with its "did you mean".
func matchesCore(re *regexp.Regexp, example string) bool {
	cands := []string{example}
	for i := 0; i < len(cands) && i < 20; i++ {
		c := cands[i]
		if re.MatchString(c) {
			return true
		}
		for _, e := range compiled() {
			if loc := e.re.FindStringIndex(c); e.tail && loc != nil && loc[0] > 0 {
				cands = append(cands, c[:loc[0]])
			}
		}
		if j := strings.Index(c, ": "); j > 0 {
			cands = append(cands, c[j+2:])
		}
	}
	return false
}
