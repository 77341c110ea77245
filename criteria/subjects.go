package criteria

import (
	"fmt"
	"strings"

	"github.com/BurntSushi/toml"
)

// Subject is a county-level unit, development zone or city.
type Subject struct {
	Name  string `toml:"name"`  // canonical name, used in every output
	Short string `toml:"short"` // 汾阳 for 汾阳市
	Code  string `toml:"code"`  // GB/T 2260 division code
	Kind  string `toml:"kind"`
	Level string `toml:"level"` // "county", "zone" or "city": what applies_to names
}

// Registry finds subjects by canonical name, short name or code.
type Registry struct {
	Subjects []Subject
	names    []string // canonical names, for "did you mean"
	byKey    map[string]int
}

// Subject levels a criteria file may name in applies_to.
var Levels = []string{"county", "zone", "city"}

func loadRegistry(src string) (*Registry, error) {
	var doc struct {
		Subject []Subject `toml:"subject"`
	}
	md, err := toml.Decode(src, &doc)
	if err != nil {
		return nil, fmt.Errorf("subjects.toml: %w", err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fmt.Errorf("subjects.toml: unknown key %s", und[0])
	}
	r := &Registry{Subjects: doc.Subject, byKey: map[string]int{}}
	for i, s := range doc.Subject {
		r.names = append(r.names, s.Name)
		for _, k := range []string{s.Name, s.Short, s.Code} {
			if k == "" {
				continue
			}
			if j, dup := r.byKey[k]; dup && j != i {
				return nil, fmt.Errorf("subjects.toml: %q names both %s and %s", k, doc.Subject[j].Name, s.Name)
			}
			r.byKey[k] = i
		}
	}
	return r, nil
}

// Resolve finds the subject a user's name, short name or code means.
func (r *Registry) Resolve(name string) (Subject, bool) {
	i, ok := r.byKey[name]
	if !ok {
		return Subject{}, false
	}
	return r.Subjects[i], true
}

// Nearest returns the canonical name closest to name when it is close
// enough to be a likely typo (汾杨市 for 汾阳市).
func (r *Registry) Nearest(name string, among []string) (string, bool) {
	if among == nil {
		among = r.names
	}
	best, ok := Nearest(name, among)
	if !ok {
		// A typo in a short name or code points to its subject too.
		for _, s := range r.Subjects {
			for _, k := range []string{s.Short, s.Code} {
				if k != "" && closeEnough(name, k) && contains(among, s.Name) {
					return s.Name, true
				}
			}
		}
	}
	return best, ok
}

// InLevels returns the canonical names of every subject of the given levels.
func (r *Registry) InLevels(levels []string) []string {
	var out []string
	for _, s := range r.Subjects {
		if contains(levels, s.Level) {
			out = append(out, s.Name)
		}
	}
	return out
}

// Nearest returns the candidate closest to s by edit distance over
// characters, when it is close enough to be a likely typo.
func Nearest(s string, candidates []string) (string, bool) {
	rs := []rune(strings.ToLower(s))
	best, bestDist := "", -1
	for _, c := range candidates {
		rc := []rune(strings.ToLower(c))
		limit := max(1, len(rc)/3)
		if abs(len(rs)-len(rc)) > limit {
			continue // the distance is at least the difference in length
		}
		if d := distance(rs, rc); d <= limit && (bestDist < 0 || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best, bestDist >= 0
}

// closeEnough: at most one edit in three characters, and at least one.
func closeEnough(a, b string) bool {
	ra, rb := []rune(strings.ToLower(a)), []rune(strings.ToLower(b))
	limit := max(1, len(rb)/3)
	return abs(len(ra)-len(rb)) <= limit && distance(ra, rb) <= limit
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// distance is the edit distance over runes, counting a swap of neighbours
// as one edit (optimal string alignment), so that 汾杨市 and 汾阳市, or ruel
// and rule, are one edit apart.
func distance(ra, rb []rune) int {
	// Three rows of the dynamic programme: the swap looks two rows back.
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
