package criteria

import (
	"fmt"
	"slices"
	"unicode"

	"github.com/BurntSushi/toml"
)

// Subject is a county-level unit, development zone or city.
type Subject struct {
	Name  string `toml:"name"`  // canonical name, used in every output
	Short string `toml:"short"` // 汾阳 for 汾阳市
	Code  string `toml:"code"`  // GB/T 2260 division code
	Kind  string `toml:"kind"`
	Level string `toml:"level"` // "county", "zone" or "city": what applies_to names
	// Parent is the built-in subject a declared subject lies in (a town's
	// county); Source and Note are a declared subject's citation and
	// reading.
	Parent string `toml:"parent"`
	Source string `toml:"source"`
	Note   string `toml:"note"`
	NoteEn string `toml:"note_en"`
}

// Level is a group of subjects a criteria file names in applies_to, with
// the words reports use for "every subject of this level".
type Level struct {
	ID     string `toml:"id"`
	Name   string `toml:"name"`
	NameEn string `toml:"name_en"`
}

// Registry finds subjects by canonical name, short name or code.
type Registry struct {
	Subjects []Subject
	Levels   []Level
	byKey    map[string]int
	cands    []candidate     // every name, short name and code, for "did you mean"
	byLen    [24]lengthIndex // for a name of n characters, the candidates a typo of that length can be
}

type candidate struct {
	runes     []rune // lower-cased
	canonical string
	bins      bins
}

// bins counts a name's characters in 64 bins (by code point): a cheap
// stand-in for the characters themselves. Where a holds more characters of
// one bin than b, the surplus finds no partner in b, so bins bound
// unmatched from below at a few operations a candidate. Most names of a
// large sheet ("县0141100" against the code "141102") stop at it.
type bins [64]uint8

// fill bins rs, appending to used each bin as it fills.
func (b *bins) fill(rs []rune, used []uint8) []uint8 {
	for _, r := range rs {
		i := uint32(r) % 64
		if b[i] == 0 {
			used = append(used, uint8(i))
		}
		if b[i] < 255 {
			b[i]++
		}
	}
	return used
}

// surplus counts the characters of a (binned as in, and used listing its
// non-empty bins) that b's bins have no room for.
func surplus(in *bins, used []uint8, b *bins) int {
	n := 0
	for _, i := range used {
		if in[i] > b[i] {
			n += int(in[i] - b[i])
		}
	}
	return n
}

func newCandidate(key, canonical string) candidate {
	c := candidate{runes: lowerRunes(key), canonical: canonical}
	c.bins.fill(c.runes, nil)
	return c
}

func loadRegistry(src string) (*Registry, error) {
	var doc struct {
		Subject []Subject `toml:"subject"`
		Level   []Level   `toml:"level"`
	}
	md, err := toml.Decode(src, &doc)
	if err != nil {
		return nil, fmt.Errorf("subjects.toml: %w", err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fmt.Errorf("subjects.toml: unknown key %s", und[0])
	}
	r := &Registry{Subjects: doc.Subject, Levels: doc.Level, byKey: map[string]int{}}
	for _, s := range doc.Subject {
		if !slices.Contains(r.LevelIDs(), s.Level) {
			return nil, fmt.Errorf("subjects.toml: %s: level %q is not declared in a [[level]] table", s.Name, s.Level)
		}
	}
	for i, s := range doc.Subject {
		for _, k := range []string{s.Name, s.Short, s.Code} {
			if k == "" {
				continue
			}
			r.cands = append(r.cands, newCandidate(k, s.Name))
			if j, dup := r.byKey[k]; dup && j != i {
				return nil, fmt.Errorf("subjects.toml: %q names both %s and %s", k, doc.Subject[j].Name, s.Name)
			}
			r.byKey[k] = i
		}
	}
	r.indexLengths()
	return r, nil
}

// lengthIndex is what a name of one length may be a typo of: the
// candidates within typoLimit of the length, in their order (the first of
// equals wins), and their bins merged (the most of each) with the largest
// limit among them, which rule them all out at once for most names.
type lengthIndex struct {
	cands []int
	bins  bins
	limit int
}

func (r *Registry) indexLengths() {
	for n := range r.byLen {
		ix := lengthIndex{}
		for i, c := range r.cands {
			if abs(n-len(c.runes)) <= typoLimit(c.runes) {
				ix.cands = append(ix.cands, i)
				ix.limit = max(ix.limit, typoLimit(c.runes))
				for k, m := range c.bins {
					ix.bins[k] = max(ix.bins[k], m)
				}
			}
		}
		r.byLen[n] = ix
	}
}

// candidates are those a name of n characters, binned as in (its
// non-empty bins listed in used), may be a typo of.
func (r *Registry) candidates(n int, in *bins, used []uint8) []int {
	if n < len(r.byLen) {
		ix := &r.byLen[n]
		if surplus(in, used, &ix.bins) > ix.limit {
			return nil // more characters without a partner than any of them allows
		}
		return ix.cands
	}
	all := make([]int, len(r.cands))
	for i := range all {
		all[i] = i
	}
	return all
}

// with returns a registry of r's subjects and extra, or an error naming
// the two holders of a name, short name or code both claim.
func (r *Registry) with(extra []Subject) (*Registry, error) {
	out := &Registry{Subjects: append(slices.Clone(r.Subjects), extra...), Levels: r.Levels, byKey: map[string]int{}}
	for i, s := range out.Subjects {
		for _, k := range []string{s.Name, s.Short, s.Code} {
			if k == "" {
				continue
			}
			if j, dup := out.byKey[k]; dup && j != i {
				return nil, fmt.Errorf("%q names both %s and %s", k, out.Subjects[j].Name, s.Name)
			}
			out.byKey[k] = i
			out.cands = append(out.cands, newCandidate(k, s.Name))
		}
	}
	out.indexLengths()
	return out, nil
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
// are prepared once, nothing is allocated per call for short names, and a
// candidate sharing too few characters with name is passed over at once.
func (r *Registry) Nearest(name string, among []string) (string, bool) {
	var buf [32]rune
	rs := appendLowerRunes(buf[:0], name)
	var in bins
	var usedBuf [64]uint8
	used := in.fill(rs, usedBuf[:0]) // in's non-empty bins
	best, bestDist, bestSwap := "", -1, false
	for _, i := range r.candidates(len(rs), &in, used) {
		c := &r.cands[i]
		if among != nil && !slices.Contains(among, c.canonical) {
			continue
		}
		if surplus(&in, used, &c.bins) > typoLimit(c.runes) {
			continue // too many characters have no partner
		}
		if d, ok := within(rs, c.runes); ok && better(d, bestDist, rs, c.runes, bestSwap) {
			best, bestDist, bestSwap = c.canonical, d, sameRunes(rs, c.runes)
		}
	}
	return best, bestDist >= 0
}

// LevelIDs lists the levels subjects belong to.
func (r *Registry) LevelIDs() []string {
	out := make([]string, len(r.Levels))
	for i, l := range r.Levels {
		out[i] = l.ID
	}
	return out
}

// LevelName says "every subject of level id" in lang.
func (r *Registry) LevelName(id, lang string) string {
	for _, l := range r.Levels {
		if l.ID == id {
			return Pick(lang, l.Name, l.NameEn)
		}
	}
	return id
}

// NearestCode returns the subject whose division code is nearest to code,
// however far: a number typed as a subject is a code, so the answer to a
// mistyped one is always a code ("141821: did you mean 141182 汾阳市?").
// A code holding the same digits comes first (digits swapped or moved),
// then the fewest edits, then the fewest digits moved out of place (141821
// is 141182 with one digit moved, 141128 with two exchanged). among, when
// not nil, limits the answer to those canonical names; ok is false when no
// subject has a code.
func (r *Registry) NearestCode(code string, among []string) (Subject, bool) {
	rs := []rune(code)
	best := -1
	var bestKey [3]int
	for i, s := range r.Subjects {
		if s.Code == "" || among != nil && !slices.Contains(among, s.Name) {
			continue
		}
		cr := []rune(s.Code)
		key := [3]int{1, distance(rs, cr), indels(rs, cr)}
		if sameRunes(rs, cr) {
			key[0] = 0
		}
		if best < 0 || slices.Compare(key[:], bestKey[:]) < 0 {
			best, bestKey = i, key
		}
	}
	if best < 0 {
		return Subject{}, false
	}
	return r.Subjects[best], true
}

// indels is the number of characters to delete and insert to turn a into
// b, with no substitutions: moving one character costs two, exchanging two
// costs four.
func indels(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			if a[i-1] == b[j-1] {
				cur[j] = prev[j-1] + 1
			} else {
				cur[j] = max(prev[j], cur[j-1])
			}
		}
		prev, cur = cur, prev
	}
	return len(a) + len(b) - 2*prev[len(b)]
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
	best, bestDist, bestSwap := "", -1, false
	for _, c := range candidates {
		cr := lowerRunes(c)
		if d, ok := within(rs, cr); ok && better(d, bestDist, rs, cr, bestSwap) {
			best, bestDist, bestSwap = c, d, sameRunes(rs, cr)
		}
	}
	return best, bestDist >= 0
}

// better reports whether a candidate at distance d from a beats the best
// so far (at bestDist, -1 for none; bestSwap when it holds a's characters
// rearranged). Among equally near candidates the first wins, unless a later
// one holds the same characters: G63.2 is one edit from G03.2, G33.2 and
// G36.2 alike, and two swapped digits are the likelier slip.
func better(d, bestDist int, a, cand []rune, bestSwap bool) bool {
	switch {
	case bestDist < 0 || d < bestDist:
		return true
	case d > bestDist || bestSwap:
		return false
	}
	return sameRunes(a, cand)
}

// sameRunes reports whether a and b hold the same characters, in any order.
// Names and IDs are short, so it pairs characters off without allocating.
func sameRunes(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	if len(b) > 64 {
		x, y := slices.Clone(a), slices.Clone(b)
		slices.Sort(x)
		slices.Sort(y)
		return slices.Equal(x, y)
	}
	return unmatched(a, b) == 0
}

// typoLimit is the most edits a typo of b is taken to hold: one in three
// characters of b, and at least one.
func typoLimit(b []rune) int { return max(1, len(b)/3) }

// within reports the distance of a to b when it is close enough to be a
// typo (typoLimit).
func within(a, b []rune) (int, bool) {
	limit := typoLimit(b)
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
	return appendLowerRunes(nil, s)
}

// appendLowerRunes appends the characters of s lower-cased, as
// []rune(strings.ToLower(s)) gives them, into dst.
func appendLowerRunes(dst []rune, s string) []rune {
	for _, r := range s {
		dst = append(dst, unicode.ToLower(r))
	}
	return dst
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
