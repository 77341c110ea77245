package criteria

import (
	"fmt"
	"slices"
	"strings"
)

// maxNesting bounds any/all nesting: no source needs more, and a deep nest
// is a typo.
const maxNesting = 4

// Node kinds of a condition tree.
const (
	NodeLeaf = "leaf" // one comparison
	NodeAll  = "all"  // met when every item is met
	NodeAny  = "any"  // met when any item is met
)

// WhenList is the `when` of a requirement or quota: a list whose items
// must all hold. An item is a condition string ("G10 >= 38.9") or an
// inline table with one key, any or all, holding a list of items, nested
// at most maxNesting deep:
//
//	when = [{ any = ["M1 >= 10", { all = ["M2 = true", "M1 >= 0.5"] }] }]
type WhenList []WhenItem

// WhenItem is one item of a WhenList as written.
type WhenItem struct {
	Text  string   // a condition string
	Op    string   // NodeAny or NodeAll for a table item
	Items WhenList // a table item's list
	Bad   string   // what is wrong with it, for compile to report
}

// UnmarshalTOML implements toml.Unmarshaler. It keeps what it cannot read
// as Bad items, so compile reports them with their line and key.
func (w *WhenList) UnmarshalTOML(v any) error {
	list, ok := v.([]any)
	if !ok {
		return fmt.Errorf("when: want a list of conditions, got %T", v)
	}
	*w = readWhen(list)
	return nil
}

func readWhen(list []any) WhenList {
	out := make(WhenList, 0, len(list))
	for _, x := range list {
		switch it := x.(type) {
		case string:
			out = append(out, WhenItem{Text: it})
		case map[string]any:
			if len(it) != 1 {
				keys := make([]string, 0, len(it))
				for k := range it {
					keys = append(keys, k)
				}
				slices.Sort(keys)
				out = append(out, WhenItem{Bad: fmt.Sprintf("a table in when has exactly one key, any or all; this one has %s", strings.Join(keys, ", "))})
				continue
			}
			for k, v := range it {
				if k != NodeAny && k != NodeAll {
					msg := fmt.Sprintf("unknown key %q in a when table", k)
					near, ok := Nearest(k, []string{NodeAny, NodeAll})
					for _, op := range []string{NodeAny, NodeAll} {
						if !ok && strings.HasPrefix(strings.ToLower(k), op) {
							near, ok = op, true // anyof, all_of
						}
					}
					if ok {
						msg += fmt.Sprintf("; did you mean %q?", near)
					} else {
						msg += " (want any or all)"
					}
					out = append(out, WhenItem{Bad: msg})
					continue
				}
				sub, ok := v.([]any)
				if !ok {
					out = append(out, WhenItem{Bad: fmt.Sprintf("%s takes a list of conditions, not %T", k, v)})
					continue
				}
				out = append(out, WhenItem{Op: k, Items: readWhen(sub)})
			}
		case float64:
			out = append(out, WhenItem{Bad: fmt.Sprintf("write the condition as a string, not the number %v", it)})
		default:
			out = append(out, WhenItem{Bad: fmt.Sprintf("a when item is a condition string or { any = [...] } / { all = [...] }, not %T", x)})
		}
	}
	return out
}

// Nested reports whether the list holds an any or all table.
func (w WhenList) Nested() bool {
	for _, it := range w {
		if it.Op != "" {
			return true
		}
	}
	return false
}

// Cond is a compiled condition tree: a leaf names one of its owner's
// Conditions by index; an any or all node holds its items.
type Cond struct {
	Op    string
	Leaf  int
	Items []Cond
}

// String writes the tree as people read it: any(A; all(B; C)).
func (t Cond) String(leaves []Condition) string {
	if t.Op == NodeLeaf {
		return leaves[t.Leaf].String()
	}
	parts := make([]string, len(t.Items))
	for i, it := range t.Items {
		parts[i] = it.String(leaves)
	}
	return t.Op + "(" + strings.Join(parts, "; ") + ")"
}

// Outcomes of a condition, three-valued: a missing value is never met,
// but it does not block a branch of an any that is met without it.
const (
	Unmet   = 0
	Met     = 1
	Missing = 2
)

// Eval combines leaf outcomes (indexed like the leaves) through the tree:
// all is met when every item is, unmet when any is unmet, else missing;
// any is met when any item is, unmet when every item is, else missing.
func (t Cond) Eval(leaf []int8) int8 {
	switch t.Op {
	case NodeLeaf:
		return leaf[t.Leaf]
	case NodeAny:
		out := int8(Unmet)
		for _, it := range t.Items {
			switch it.Eval(leaf) {
			case Met:
				return Met
			case Missing:
				out = Missing
			}
		}
		return out
	}
	out := int8(Met)
	for _, it := range t.Items {
		switch it.Eval(leaf) {
		case Unmet:
			return Unmet
		case Missing:
			out = Missing
		}
	}
	return out
}

// compileWhen parses every condition of w into leaves, appending to
// *leaves, and returns the tree (an all of the items). fits checks one
// parsed leaf and resolves it; it reports its own errors and returns
// false to drop the leaf.
func compileWhen(c *collector, path, who string, w WhenList, depth int, leaves *[]Condition, fits func(*Condition, int) bool) Cond {
	tree := Cond{Op: NodeAll}
	if depth > maxNesting {
		c.at(Error, path, "%s: any/all nested deeper than %d levels", who, maxNesting)
		return tree
	}
	if len(w) == 0 && depth > 0 {
		c.at(Error, path, "%s: an empty any/all list", who)
	}
	for k, it := range w {
		switch {
		case it.Bad != "":
			c.at(Error, path, "%s: %s", who, it.Bad)
		case it.Op != "":
			sub := compileWhen(c, path, who, it.Items, depth+1, leaves, fits)
			sub.Op = it.Op
			tree.Items = append(tree.Items, sub)
		default:
			cond, err := ParseCondition(it.Text)
			if err != nil {
				c.at(Error, path, "%s: %v", who, err)
				continue
			}
			if !fits(&cond, k) {
				continue
			}
			tree.Items = append(tree.Items, Cond{Op: NodeLeaf, Leaf: len(*leaves)})
			*leaves = append(*leaves, cond)
		}
	}
	return tree
}
