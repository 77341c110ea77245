package criteria

import (
	"fmt"
	"slices"
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
	byKey    map[string]int
	cands    []candidate // every name, short name and code, for "did you mean"
}

type candidate struct {
	runes     []rune // lower-cased
	canonical string
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
		for _, k := range []string{s.Name, s.Short, s.Code} {
			if k == "" {
				continue
			}
			r.cands = append(r.cands, candidate{runes: lowerRunes(k), canonical: s.Name})
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
// enough to be a likely typo (汾杨市 for 汾阳市, or a mistyped short name or
// code). among, when not nil, limits the answer to those canonical names.
// It runs for every unknown subject of a large sheet, so the candidates
// are prepared once and nothing is allocated per call for short names.
func (r *Registry) Nearest(name string, among []string) (string, bool) {
	rs := lowerRunes(name)
	best, bestDist := "", -1
	for _, c := range r.cands {
		if among != nil && !slices.Contains(among, c.canonical) {
			continue
		}
		if d, ok := within(rs, c.runes); ok && (bestDist < 0 || d < bestDist) {
			best, bestDist = c.canonical, d
		}
	}
	return best, bestDist >= 0
}

// InLevels returns the canonical names of every subject of the given levels.
func (r *Registry) InLevels(levels []string) []string {
	var out []string
	for _, s := range r.Subjects {
		if slices.Contains(levels, s.Level) {
			out = append(out, s.Name)
		}
	}
	return out
}

// Nearest returns the candidate closest to s by edit distance over
// characters, when it is close enough to be a likely typo.
func Nearest(s string, candidates []string) (string, bool) {
	rs := lowerRunes(s)
	best, bestDist := "", -1
	for _, c := range candidates {
		if d, ok := within(rs, lowerRunes(c)); ok && (bestDist < 0 || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best, bestDist >= 0
}

// within reports the distance of a to b when it is close enough to be a
// typo: at most one edit in three characters of b, and at least one.
func within(a, b []rune) (int, bool) {
	limit := max(1, len(b)/3)
	if abs(len(a)-len(b)) > limit || unmatched(a, b) > limit {
		return 0, false // cheap lower bounds of the distance already exceed the limit
	}
	d := distance(a, b)
	return d, d <= limit
}

// unmatched counts the characters of a that find no partner in b, each
// character of b partnering once. Every edit mends at most one of them, so
// it bounds the distance from below at a fraction of its cost: 县0000001
// and the code 141102 are told apart without the table.
func unmatched(a, b []rune) int {
	if len(b) > 64 {
		return 0 // no bound; the full distance decides
	}
	var used uint64
	n := 0
	for _, r := range a {
		found := false
		for j, q := range b {
			if q == r && used&(1<<j) == 0 {
				used |= 1 << j
				found = true
				break
			}
		}
		if !found {
			n++
		}
	}
	return n
}

func lowerRunes(s string) []rune {
	return []rune(strings.ToLower(s))
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// distance is the edit distance over runes, counting a swap of neighbours
// as one edit (optimal string alignment), so that 汾杨市 and 汾阳市, or ruel
// and rule, are one edit apart. Three rows of the table suffice: the swap
// looks two rows back; short names keep them on the stack.
func distance(ra, rb []rune) int {
	var buf [3 * 33]int
	rows := buf[:]
	if n := 3 * (len(rb) + 1); n > len(buf) {
		rows = make([]int, n)
	}
	w := len(rb) + 1
	prev2, prev, cur := rows[:w], rows[w:2*w], rows[2*w:3*w]
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
