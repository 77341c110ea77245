package main

import "testing"

func TestUseColor(t *testing.T) {
	tests := []struct {
		name    string
		term    bool
		noColor string
		want    bool
	}{
		{name: "terminal", term: true, want: true},
		{name: "terminal with NO_COLOR", term: true, noColor: "1", want: false},
		{name: "NO_COLOR empty means colour", term: true, noColor: "", want: true},
		{name: "not a terminal", term: false, want: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("NO_COLOR", tc.noColor)
			if got := useColor(tc.term); got != tc.want {
				t.Errorf("useColor(%v) with NO_COLOR=%q: %v", tc.term, tc.noColor, got)
			}
		})
	}
}
