package criteria

import (
	"fmt"
	"slices"
	"strings"
)

// NotApplicable declares that items do not apply to some subjects: the
// subjects of Levels and those named in Subjects. At the set's top level
// it names the items (indicators, quotas, prerequisites, tiers); inside
// an [[indicator]] or [[quota]] it speaks of that one. The reason is the
// criteria's words and is shown wherever the item is: a 不适用 is never
// silent, and the input cannot supply a reason of its own.
type NotApplicable struct {
	Levels   []string `toml:"levels"`
	Subjects []string `toml:"subjects"`
	Items    []string `toml:"items"`
	Reason   string   `toml:"reason"`
	ReasonEn string   `toml:"reason_en"`
	Source   string   `toml:"source"`
}

// ReasonIn returns the declaration's reason in lang.
func (n *NotApplicable) ReasonIn(lang string) string { return Pick(lang, n.Reason, n.ReasonEn) }

// Where a not-applicable status comes from (JSON na_source).
const (
	NAFromCriteria = "criteria" // declared by the criteria for the subject
	NAFromInput    = "input"    // typed 不适用 in the input where the measure allows it
)

// NA policies: how a scored set's maximum treats the points of items that
// do not apply (docs/criteria-schema.md#not-applicable-items).
const (
	NARescale  = "rescale"  // score × max ÷ (max − N/A points), rounded as the set states
	NASubtract = "subtract" // the score stands; each line is scaled to the applicable maximum
)

var naPolicies = []string{NARescale, NASubtract}

// NAFor returns the declaration by which item (an indicator, quota,
// prerequisite or tier ID) does not apply to subj, if any. The item's own
// declarations come before the set-level ones.
func (s *Set) NAFor(item string, subj Subject) (*NotApplicable, bool) {
	for _, n := range s.na[item] {
		if slices.Contains(n.Subjects, subj.Name) || subj.Level != "" && slices.Contains(n.Levels, subj.Level) {
			return n, true
		}
	}
	return nil, false
}

// HasDeclaredNA reports whether the criteria declare any item not
// applicable to anyone, so the engine can skip looking when none is.
func (s *Set) HasDeclaredNA() bool { return len(s.na) > 0 }

// HasNA reports whether any item of s can be not applicable: declared, or
// typed 不适用 for a measure that allows it.
func (s *Set) HasNA() bool { return s.hasNA }

// NAReason returns the reason measure m may be typed 不适用, in lang.
func (m Measure) NAReason(lang string) string { return Pick(lang, m.NotApplicable, m.NotApplicableEn) }

// compileNotApplicable resolves every not_applicable declaration to the
// items it names and checks it; then the scored set's policy for them.
func compileNotApplicable(c *collector) {
	s := c.set
	s.na = map[string][]*NotApplicable{}
	items := naItems(s)
	first := "" // where the set first says something may not apply
	for i := range s.Indicators {
		ind := &s.Indicators[i]
		for j := range ind.NotApplicable {
			path := fmt.Sprintf("indicator[%d].not_applicable[%d]", i, j)
			if checkNA(c, path, &ind.NotApplicable[j], false) {
				s.na[ind.ID] = append(s.na[ind.ID], &ind.NotApplicable[j])
			}
			first = firstOf(first, path)
		}
	}
	for i := range s.Quotas {
		q := &s.Quotas[i]
		for j := range q.NotApplicable {
			path := fmt.Sprintf("quota[%d].not_applicable[%d]", i, j)
			n := &q.NotApplicable[j]
			if !checkNA(c, path, n, false) {
				continue
			}
			s.na[q.ID] = append(s.na[q.ID], n)
			for _, name := range n.Subjects {
				if _, owes := q.Targets[name]; owes || slices.Contains(q.OwedBy, name) {
					c.at(Warning, path+".subjects", "quota %s: %s owes it by name and is declared not applicable; not applicable wins", q.ID, name)
				}
			}
		}
	}
	for i := range s.NotApplicable {
		n := &s.NotApplicable[i]
		path := fmt.Sprintf("not_applicable[%d]", i)
		first = firstOf(first, path)
		if !checkNA(c, path, n, true) {
			continue
		}
		for _, id := range n.Items {
			if !slices.Contains(items, id) {
				c.at(Error, path+".items", "%s", unknownName("item", id, items))
				continue
			}
			s.na[id] = append(s.na[id], n)
		}
	}
	for i, m := range s.Measures {
		if m.NotApplicable == "" && m.NotApplicableEn != "" {
			c.at(Error, strings.TrimSuffix(m.Decl, ".id")+".not_applicable_en", "measure %s: not_applicable_en without not_applicable", m.ID)
		}
		if m.NotApplicable != "" {
			first = firstOf(first, measurePath(s, i))
		}
	}
	if len(s.na) == 0 {
		s.na = nil
	}
	s.hasNA = s.na != nil || first != ""
	checkNAPolicy(c, first)
}

// firstOf keeps the first path set.
func firstOf(first, path string) string {
	if first == "" {
		return path
	}
	return first
}

// naItems lists the IDs a set-level declaration may name.
func naItems(s *Set) []string {
	var ids []string
	for _, ind := range s.Indicators {
		ids = append(ids, ind.ID)
	}
	for _, p := range s.Prerequisites {
		ids = append(ids, p.ID)
	}
	for _, q := range s.Quotas {
		ids = append(ids, q.ID)
	}
	for _, t := range s.Tiers {
		ids = append(ids, t.ID)
	}
	return ids
}

// checkNA checks one declaration: whom it covers and its reason.
func checkNA(c *collector, path string, n *NotApplicable, setLevel bool) bool {
	s := c.set
	reg := s.Registry()
	ok := true
	if strings.TrimSpace(n.Reason) == "" {
		c.at(Error, path, "a 不适用 needs a reason shown: give reason (and reason_en)")
		ok = false
	}
	if len(n.Levels) == 0 && len(n.Subjects) == 0 {
		c.at(Error, path, "say whom it does not apply to: levels, subjects or both")
		ok = false
	}
	for _, lvl := range n.Levels {
		if levels := reg.LevelIDs(); !slices.Contains(levels, lvl) {
			c.at(Error, path+".levels", "%s", unknownName("subject level", lvl, levels))
			ok = false
		}
	}
	for _, name := range n.Subjects {
		if subj, found := reg.Resolve(name); !found || subj.Name != name {
			c.at(Error, path+".subjects", "%s", canonicalOnly(reg, name))
			ok = false
		}
	}
	switch {
	case setLevel && len(n.Items) == 0:
		c.at(Error, path, "a set-level not_applicable names its items: items = [\"…\"]")
		ok = false
	case !setLevel && len(n.Items) > 0:
		c.at(Error, path+".items", "items belongs to a set-level [[not_applicable]]; this one speaks of its own row")
		ok = false
	}
	return ok
}

// checkNAPolicy: a scored set in which anything may not apply states what
// that does to its maximum; a quota set has no maximum.
func checkNAPolicy(c *collector, first string) {
	s := c.set
	if s.Kind != KindScored {
		if s.NAPolicy != "" {
			c.at(Error, "na_policy", "na_policy is for a scored set's maximum; a quota set has none")
		}
		return
	}
	switch {
	case s.NAPolicy == "" && first != "":
		c.at(Error, first, "a scored set in which an item may not apply needs na_policy = \"rescale\" or \"subtract\": what its maximum does with their points")
	case s.NAPolicy != "" && !slices.Contains(naPolicies, s.NAPolicy):
		c.at(Error, "na_policy", "%s", unknownName("na_policy", s.NAPolicy, naPolicies))
	case s.NAPolicy != "" && first == "":
		c.at(Warning, "na_policy", "na_policy is stated but no item of the set can be not applicable")
	}
}
