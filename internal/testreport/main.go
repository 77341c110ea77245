// Command testreport reads `go test -json` on stdin and prints what a
// person needs from it: each package's result line, the whole output of
// every failed test, and once, at the end, which tests were skipped
// because a real program (LibreOffice, Chromium) is missing and why. It
// exits 1 when any test or package failed, so `make test` fails too.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
)

// event is one line of test2json.
type event struct {
	Action  string
	Package string
	Test    string
	Output  string
}

// skipMarker begins the skip messages of internal/realprog.
const skipMarker = "realprog: skipped:"

func main() {
	outputs := map[string][]string{} // package/test → its output lines
	var failed []string
	skips := map[string][]string{} // reason → tests
	bad := false
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var e event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			fmt.Println(sc.Text()) // a build error, say: show it as it is
			bad = true
			continue
		}
		key := e.Package + " " + e.Test
		switch e.Action {
		case "output":
			if e.Test == "" {
				if strings.HasPrefix(e.Output, "ok") || strings.HasPrefix(e.Output, "FAIL") || strings.HasPrefix(e.Output, "?") ||
					strings.HasPrefix(e.Output, "---") || strings.Contains(e.Output, "panic") {
					fmt.Print(e.Output)
				}
				continue
			}
			outputs[key] = append(outputs[key], e.Output)
			if i := strings.Index(e.Output, skipMarker); i >= 0 {
				reason := strings.TrimSpace(e.Output[i+len(skipMarker):])
				skips[reason] = append(skips[reason], e.Test)
			}
		case "fail":
			bad = true
			if e.Test != "" {
				failed = append(failed, key)
			}
		case "pass", "skip":
			if e.Test != "" {
				delete(outputs, key)
			}
		}
	}
	for _, k := range failed {
		fmt.Printf("--- FAIL: %s\n%s", k, strings.Join(outputs[k], ""))
	}
	if len(skips) > 0 {
		fmt.Println("Skipped, because a program the real-program tests drive is missing:")
		for _, reason := range slices.Sorted(mapsKeys(skips)) {
			tests := slices.Compact(slices.Sorted(slices.Values(skips[reason])))
			fmt.Printf("  %s\n    tests: %s\n", reason, strings.Join(tests, ", "))
		}
	}
	if bad {
		os.Exit(1)
	}
}

func mapsKeys(m map[string][]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
