package criteria

import (
	"embed"
	"sync"
)

// The built-in criteria sets and the subject registry, compiled into the
// binary so that countyscore needs no files beside it.
//
//go:embed garden-county.toml fitness-2025.toml bigdata-2023.toml subjects.toml
var files embed.FS

// builtinIDs lists the built-in sets in the order listings show them.
var builtinIDs = []string{"garden-county", "fitness-2025", "bigdata-2023"}

// BuiltinIDs returns the IDs of the built-in criteria sets.
func BuiltinIDs() []string {
	return append([]string(nil), builtinIDs...)
}

func builtin(id string) ([]byte, bool) {
	if !contains(builtinIDs, id) {
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
		data, err := files.ReadFile("subjects.toml")
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

// IsBuiltinTable reports whether name is the ID of a built-in set, so a
// TOML input's table for another set is let through.
func IsBuiltinTable(name string) bool {
	return contains(builtinIDs, name)
}
