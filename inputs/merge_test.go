package inputs

import (
	"slices"
	"testing"
)

// TestMerge: merging two logs gives what one log would hold had the
// second's warnings been added after the first's; refused rows add up.
func TestMerge(t *testing.T) {
	type add struct{ key, msg string }
	tests := []struct {
		name  string
		first []add
		then  []add
		want  []string
	}{
		{name: "disjoint keys keep their order", first: []add{{"a", "A"}}, then: []add{{"b", "B"}, {"c", "C"}}, want: []string{"A", "B", "C"}},
		{name: "a key in both is counted once, where it first came",
			first: []add{{"a", "A"}, {"b", "B"}}, then: []add{{"c", "C"}, {"a", "A"}, {"a", "A"}},
			want: []string{"A (and 2 more like it)", "B", "C"}},
		{name: "repeats within the second", then: []add{{"x", "X"}, {"x", "X"}}, want: []string{"X (and 1 more like it)"}},
		{name: "nothing to merge", first: []add{{"a", "A"}}, want: []string{"A"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			merged, second, sequential := &Warnings{}, &Warnings{}, &Warnings{}
			for _, a := range tc.first {
				merged.Add(a.key, a.msg)
				sequential.Add(a.key, a.msg)
			}
			for _, a := range tc.then {
				second.Add(a.key, a.msg)
				sequential.Add(a.key, a.msg)
			}
			merged.Merge(second)
			if got := merged.List(); !slices.Equal(got, tc.want) || !slices.Equal(got, sequential.List()) {
				t.Errorf("merged %q, want %q (sequential %q)", got, tc.want, sequential.List())
			}
		})
	}
	a := &Warnings{refused: &Errors{List: []*Error{{File: "a.csv", Line: 2}}, Rows: 1}}
	b := &Warnings{refused: &Errors{List: []*Error{{File: "b.csv", Line: 3}}, Omitted: 4, Rows: 5}}
	a.Merge(b)
	if r := a.Refused(); len(r.List) != 2 || r.List[1].File != "b.csv" || r.Omitted != 4 || r.Rows != 6 {
		t.Errorf("refused %+v", r)
	}
}
