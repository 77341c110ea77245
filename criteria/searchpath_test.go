package criteria_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"countyscore/criteria"
)

// TestSearchPathFindsSetsByID: a set in a criteria directory is loaded by
// its ID, shadows nothing it does not name, and must carry its file's ID.
func TestSearchPathFindsSetsByID(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile("bigdata-2023.toml")
	if err != nil {
		t.Fatal(err)
	}
	copyAs := func(name, id string) {
		text := strings.Replace(string(data), `id = "bigdata-2023"`, `id = "`+id+`"`, 1)
		if err := os.WriteFile(filepath.Join(dir, name+".toml"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	copyAs("my-plan", "my-plan")
	copyAs("wrong-name", "other")
	t.Cleanup(func() { criteria.SetSearchPath(nil) })
	tests := []struct {
		name, ref, want string
	}{
		{"found by ID", "my-plan", ""},
		{"built-ins still load", "garden-county", ""},
		{"id must match the file", "wrong-name", "must have that id"},
		{"not there", "nowhere", "no nowhere.toml in " + dir},
	}
	criteria.SetSearchPath([]string{dir})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := criteria.Load(tc.ref)
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if s.ID != tc.ref {
					t.Errorf("loaded %s, want %s", s.ID, tc.ref)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one saying %q", err, tc.want)
			}
		})
	}
	criteria.SetSearchPath(nil)
	if _, err := criteria.Load("my-plan"); err == nil {
		t.Error("without the directory my-plan still loads")
	}
}
