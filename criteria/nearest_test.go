package criteria_test

import (
	"testing"

	"countyscore/criteria"
)

func TestNearestSwappedCharacters(t *testing.T) {
	ids := []string{"G03.2", "G33.2", "G36.1", "G36.2", "G13", "G31"}
	tests := []struct {
		name, in, want string
		ok             bool
	}{
		{name: "swapped digits beat an equally near substitution", in: "G63.2", want: "G36.2", ok: true},
		{name: "a digit swapped with the point", in: "G3.62", want: "G36.2", ok: true},
		{name: "swap of a two-digit ID", in: "G3.12", want: "", ok: false},
		{name: "one substitution, no swap", in: "G36.3", want: "G36.1", ok: true},
		{name: "far from everything", in: "subject", ok: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := criteria.Nearest(tc.in, ids)
			if got != tc.want || ok != tc.ok {
				t.Errorf("Nearest(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestNearestCode(t *testing.T) {
	reg := criteria.Subjects()
	tests := []struct {
		name, in string
		among    []string
		want     string // canonical name
	}{
		{name: "last three digits rotated", in: "141821", want: "汾阳市"},
		{name: "two neighbours swapped", in: "141812", want: "汾阳市"},
		{name: "one digit wrong", in: "141029", want: "中阳县"},
		{name: "a digit missing", in: "14182", want: "汾阳市"},
		{name: "nothing like any code still gets the nearest", in: "999999", want: "中阳县"},
		{name: "limited to the subjects of a set", in: "141821", among: []string{"交口县", "孝义市"}, want: "孝义市"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := reg.NearestCode(tc.in, tc.among)
			if !ok || got.Name != tc.want {
				t.Errorf("NearestCode(%q) = %s %s, %v; want %s", tc.in, got.Code, got.Name, ok, tc.want)
			}
		})
	}
	if _, ok := reg.NearestCode("141821", []string{"吕梁经开区"}); ok {
		t.Errorf("found a code among subjects that have none")
	}
}
