package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
	"countyscore/scoring"
)

// TestFastJSONMatchesEncodingJSON holds the hand-written encoder to the
// output contract's reference: whatever encoding/json makes of the result
// types, byte for byte, for every example subject and for names that need
// escaping.
func TestFastJSONMatchesEncodingJSON(t *testing.T) {
	s, err := criteria.Load("garden-county")
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("../inputs/examples/garden-county.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	src, err := inputs.NewCSV("garden-county.csv", f, s, &inputs.Warnings{})
	if err != nil {
		t.Fatal(err)
	}
	var results []*scoring.Scored
	for {
		rec, err := src.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		r, err := scoring.Score(s, rec)
		if err != nil {
			t.Fatal(err)
		}
		results = append(results, r)
	}
	blank, _ := scoring.Score(s, &inputs.Record{Values: make([]inputs.Value, len(s.Measures))})
	for _, name := range []string{"", `a"b\c`, "<script>&", "tab\there\nline\r\x01\x1f", "\u2028\u2029", "bad\xffutf8", "汾阳市", "=1+1"} {
		r := *blank
		r.Subject = name
		results = append(results, &r)
	}
	results[0].NextLine = &scoring.NextLine{Points: scoring.N(exact.MustParse("80")), Verdict: "acceptance-ready", Short: scoring.N(exact.MustParse("0.5"))}
	for _, r := range results {
		want, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(string(want), string(appendScored(nil, r))); diff != "" {
			t.Errorf("%q: (-encoding/json +fast):\n%s", r.Subject, diff)
		}
	}
}

// TestJSONListWrite: elements written with their leading ",\n" (as the
// workers of a scored run write them, in any chunks) make the same list
// as elements emitted one by one.
func TestJSONListWrite(t *testing.T) {
	elems := []string{`{"a":1}`, `{"b":2}`, `{"c":3}`}
	for _, tc := range []struct {
		name   string
		chunks []string
	}{
		{"one element a write", []string{",\n" + elems[0], ",\n" + elems[1], ",\n" + elems[2]}},
		{"all in one write", []string{",\n" + elems[0] + ",\n" + elems[1] + ",\n" + elems[2]}},
		{"empty writes between", []string{"", ",\n" + elems[0] + ",\n" + elems[1], "", ",\n" + elems[2]}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var want, got bytes.Buffer
			wl := &jsonList{w: bufio.NewWriter(&want)}
			for _, e := range elems {
				if err := wl.emit([]byte(e)); err != nil {
					t.Fatal(err)
				}
			}
			wl.w.Flush()
			gl := &jsonList{w: bufio.NewWriter(&got)}
			for _, c := range tc.chunks {
				if n, err := gl.Write([]byte(c)); err != nil || n != len(c) {
					t.Fatalf("Write(%q) = %d, %v", c, n, err)
				}
			}
			gl.w.Flush()
			if got.String() != want.String() {
				t.Errorf("got %q, want %q", got.String(), want.String())
			}
		})
	}
}
