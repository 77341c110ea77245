package criteria

import (
	"embed"
	"slices"
	"strings"
	"sync"
)

// The built-in criteria sets and the subject registry, compiled into the
// binary so that countyscore needs no files beside it. Every .toml file
// here but subjects.toml is a built-in set named after its file: a new
// built-in standard is a new file, with no Go to change.
//
//go:embed *.toml
var files embed.FS

// registryFile holds the subjects, not a criteria set.
const registryFile = "subjects.toml"

// builtinIDs lists the built-in sets, by name.
var builtinIDs = func() []string {
	entries, _ := files.ReadDir(".")
	var ids []string
	for _, e := range entries {
		if name := e.Name(); name != registryFile && strings.HasSuffix(name, ".toml") {
			ids = append(ids, strings.TrimSuffix(name, ".toml"))
		}
	}
	return ids // ReadDir sorts by name
}()

// BuiltinIDs returns the IDs of the built-in criteria sets.
func BuiltinIDs() []string {
	return append([]string(nil), builtinIDs...)
}

func builtin(id string) ([]byte, bool) {
	if !slices.Contains(builtinIDs, id) {
		return nil, false
	}
	data, err := files.ReadFile(id + ".toml")
	return data, err == nil
}

// builtinFile names a built-in set's file in messages, as it stands in the
// repository.
func builtinFile(id string) string {
	return "criteria/" + id + ".toml"
}

var (
	registryOnce sync.Once
	registry     *Registry
)

// Subjects returns the registry of known subjects. The registry is part of
// the binary; a broken one is a build defect, so it panics and the CLI's
// recover turns that into an internal error (exit 3).
func Subjects() *Registry {
	registryOnce.Do(func() {
		data, err := files.ReadFile(registryFile)
		if err == nil {
			registry, err = loadRegistry(string(data))
		}
		if err != nil {
			panic("built-in subject registry: " + err.Error())
		}
	})
	return registry
}

// IsBuiltinMeasure reports whether id is a measure of any built-in set other
// than except, so a CSV column of another set is let through (input
// contract: several sets may share one file).
func IsBuiltinMeasure(id, except string) bool {
	for _, other := range builtinIDs {
		if other == except {
			continue
		}
		if s := builtinSet(other); s != nil {
			if _, ok := s.measureIndex[id]; ok {
				return true
			}
		}
	}
	return false
}

var (
	builtinSetsOnce sync.Once
	builtinSets     map[string]*Set
)

func builtinSet(id string) *Set {
	builtinSetsOnce.Do(func() {
		builtinSets = map[string]*Set{}
		for _, b := range builtinIDs {
			if s, err := Load(b); err == nil {
				builtinSets[b] = s
			}
		}
	})
	return builtinSets[id]
}

// IsBuiltin reports whether name is the ID of a built-in set (a TOML
// input's table for another set is let through; a template names the set
// by ID rather than by path).
func IsBuiltin(name string) bool {
	return slices.Contains(builtinIDs, name)
}
