package criteria

import (
	"os"
	"path/filepath"
	"sync"
)

// searchDirs are the directories Load looks in for a criteria set named by
// ID, before the built-in sets: a standard of the same family becomes
// usable by ID without rebuilding (countyscore --criteria-dir DIR, or
// COUNTYSCORE_CRITERIA_DIR). A file there shadows the built-in set of the
// same ID; its id must equal its file name, as a built-in's must.
var (
	searchMu   sync.RWMutex
	searchDirs []string
)

// SetSearchPath sets the directories Load searches for DIR/ID.toml, in
// order; nil restores built-ins only.
func SetSearchPath(dirs []string) {
	searchMu.Lock()
	defer searchMu.Unlock()
	searchDirs = nil
	for _, d := range dirs {
		if d != "" {
			searchDirs = append(searchDirs, d)
		}
	}
}

// SearchPath returns the directories Load searches by ID.
func SearchPath() []string {
	searchMu.RLock()
	defer searchMu.RUnlock()
	return append([]string(nil), searchDirs...)
}

// findOnPath returns the file DIR/ID.toml of the first search directory
// that has one.
func findOnPath(id string) (string, bool) {
	if !validID.MatchString(id) {
		return "", false
	}
	for _, dir := range SearchPath() {
		path := filepath.Join(dir, id+".toml")
		if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
			return path, true
		}
	}
	return "", false
}
