package criteria

import (
	"fmt"
	"maps"
	"slices"

	"countyscore/exact"
)

// Attribute is a fact about a subject that the input states beside its
// values, as population and year are stated: the field of a town's
// leading industry, say. The criteria file declares it and its values; a
// TOML input gives it as a top-level key, a CSV as a column of its ID.
type Attribute struct {
	ID      string            `toml:"id"`
	Label   string            `toml:"label"`
	LabelEn string            `toml:"label_en"`
	Levels  []string          `toml:"levels"`  // subject levels that may state it; empty: any
	Values  []string          `toml:"values"`  // what it may be
	Aliases map[string]string `toml:"aliases"` // other spellings → a value
	// Refuse maps a spelling that cannot be read with certainty to the
	// message the input gets (an ambiguous name of two values).
	Refuse  map[string]string `toml:"refuse"`
	Source  string            `toml:"source"`
	Rulings []int             `toml:"rulings"`
}

// Choose reads what an input typed: the position of the value it means,
// or a message saying why it cannot be read.
func (a *Attribute) Choose(text string) (int, string) {
	if i := slices.Index(a.Values, text); i >= 0 {
		return i, ""
	}
	if v, ok := a.Aliases[text]; ok {
		return slices.Index(a.Values, v), ""
	}
	if why, ok := a.Refuse[text]; ok {
		return -1, fmt.Sprintf("%s %q cannot be read: %s", a.ID, text, why)
	}
	msg := fmt.Sprintf("%s %q is not one of %v", a.ID, text, a.Values)
	known := append(slices.Clone(a.Values), slices.Sorted(maps.Keys(a.Aliases))...)
	if near, ok := Nearest(text, known); ok {
		msg += fmt.Sprintf("; did you mean %q?", near)
	}
	return -1, msg
}

// Threshold is a figure chosen by a subject's attribute: "10 亿元 for
// manufacturing, 1 亿元 for farming". A condition writes $id where a number
// stands.
type Threshold struct {
	ID              string         `toml:"id"`
	By              string         `toml:"by"` // the attribute that chooses
	Label           string         `toml:"label"`
	LabelEn         string         `toml:"label_en"`
	Unit            string         `toml:"unit"`
	UnitEn          string         `toml:"unit_en"`
	Values          map[string]Dec `toml:"values"` // attribute value → figure
	MissingReason   string         `toml:"missing_reason"`
	MissingReasonEn string         `toml:"missing_reason_en"`
	Source          string         `toml:"source"`
	Rulings         []int          `toml:"rulings"`

	AttrIdx int             `toml:"-"` // the attribute's measure index
	Figures []exact.Decimal `toml:"-"` // by attribute value position
	Has     []bool          `toml:"-"` // whether the source gives that value a figure
}

// Figure returns the threshold for the attribute value at position i.
func (t *Threshold) Figure(i int) (exact.Decimal, bool) {
	if i < 0 || i >= len(t.Figures) || !t.Has[i] {
		return exact.Zero, false
	}
	return t.Figures[i], true
}

// Tier is a classification of a subject by one value: the first band,
// from the highest, whose lower edge (inclusive) the value reaches. Steps
// may be unequal. A tier has no met status and never enters a verdict; a
// missing value gives no tier (cannot tell), never a definite one.
type Tier struct {
	ID           string     `toml:"id"`
	Measure      string     `toml:"measure"`
	Name         string     `toml:"name"`
	NameEn       string     `toml:"name_en"`
	Levels       []string   `toml:"levels"` // subject levels it classifies; empty: any
	Source       string     `toml:"source"`
	Rulings      []int      `toml:"rulings"`
	Note         string     `toml:"note"`
	NoteEn       string     `toml:"note_en"`
	Bands        []TierBand `toml:"bands"`
	BelowLabel   string     `toml:"below_label"`
	BelowLabelEn string     `toml:"below_label_en"`

	MeasureIdx int `toml:"-"`
}

// TierBand is one band of a tier: from its lower edge up to the next.
type TierBand struct {
	From    Dec    `toml:"from"`
	Label   string `toml:"label"`
	LabelEn string `toml:"label_en"`
}

// NameIn returns the tier's name in lang.
func (t Tier) NameIn(lang string) string { return Pick(lang, t.Name, t.NameEn) }

// Classify returns the band value v falls in, or -1 below every band.
func (t Tier) Classify(v exact.Decimal) int {
	for i, b := range t.Bands {
		if v.Cmp(b.From.V) >= 0 {
			return i
		}
	}
	return -1
}

// Registry returns the subjects this set knows: the built-in registry and
// the subjects the file declares.
func (s *Set) Registry() *Registry {
	if s.reg != nil {
		return s.reg
	}
	return Subjects()
}

// compileSubjects adds the declared subjects to the set's registry.
func compileSubjects(c *collector) {
	s := c.set
	reg := Subjects()
	levels := reg.LevelIDs()
	if s.AnyLevel != "" && !slices.Contains(levels, s.AnyLevel) {
		c.at(Error, "any_level", "%s", unknownName("subject level", s.AnyLevel, levels))
	}
	if len(s.Declared) == 0 {
		return
	}
	for i, d := range s.Declared {
		path := fmt.Sprintf("subject[%d]", i)
		if d.Name == "" {
			c.at(Error, path, "a declared subject needs a name")
		}
		if d.Source == "" {
			c.at(Error, path, "subject %s has no source citation", d.Name)
		}
		if !slices.Contains(levels, d.Level) {
			c.at(Error, path+".level", "subject %s: %s", d.Name, unknownName("subject level", d.Level, levels))
		}
		if d.Parent != "" {
			if p, ok := reg.Resolve(d.Parent); !ok || p.Name != d.Parent {
				c.at(Error, path+".parent", "subject %s: parent %s", d.Name, canonicalOnly(reg, d.Parent))
			}
		}
		if d.Code != "" && !isDigitString(d.Code) {
			c.at(Error, path+".code", "subject %s: code %q: a division code is digits", d.Name, d.Code)
		}
	}
	r, err := reg.with(s.Declared)
	if err != nil {
		c.at(Error, "subject", "declared subjects: %v", err)
		return
	}
	s.reg = r
}

func isDigitString(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// compileAttributes adds each attribute as a measure the input reads, and
// resolves each threshold to its attribute.
func compileAttributes(c *collector, used map[string]bool) {
	s := c.set
	levels := s.Registry().LevelIDs()
	for i := range s.Attributes {
		a := &s.Attributes[i]
		path := fmt.Sprintf("attribute[%d]", i)
		if !validID.MatchString(a.ID) {
			c.at(Error, path+".id", "attribute id %q: want letters, digits, _ and -", a.ID)
			continue
		}
		if slices.Contains(ReservedColumns, a.ID) {
			c.at(Error, path+".id", "%q is a reserved input column, not an attribute", a.ID)
		}
		if a.Label == "" || a.Source == "" {
			c.at(Error, path, "attribute %s needs a label and a source citation", a.ID)
		}
		if len(a.Values) == 0 {
			c.at(Error, path+".values", "attribute %s lists no values", a.ID)
		}
		for j, v := range a.Values {
			if v == "" || slices.Index(a.Values, v) != j {
				c.at(Error, path+".values", "attribute %s: value %q is empty or listed twice", a.ID, v)
			}
		}
		for _, k := range slices.Sorted(maps.Keys(a.Aliases)) {
			if !slices.Contains(a.Values, a.Aliases[k]) {
				c.at(Error, path+".aliases", "attribute %s: alias %q: %s", a.ID, k, unknownName("value", a.Aliases[k], a.Values))
			}
			if slices.Contains(a.Values, k) {
				c.at(Error, path+".aliases", "attribute %s: alias %q is itself a value", a.ID, k)
			}
		}
		for _, l := range a.Levels {
			if !slices.Contains(levels, l) {
				c.at(Error, path+".levels", "attribute %s: %s", a.ID, unknownName("subject level", l, levels))
			}
		}
		s.Measures = append(s.Measures, Measure{ID: a.ID, Kind: Attr, Label: a.Label, LabelEn: a.LabelEn, Attribute: a})
		used[a.ID] = true
	}
}

// compileThresholds resolves each threshold's attribute and figures; it
// runs after the measures are indexed.
func compileThresholds(c *collector) {
	s := c.set
	var attrIDs []string
	for _, a := range s.Attributes {
		attrIDs = append(attrIDs, a.ID)
	}
	for i := range s.Thresholds {
		t := &s.Thresholds[i]
		path := fmt.Sprintf("threshold[%d]", i)
		if t.Source == "" {
			c.at(Error, path, "threshold %s has no source citation", t.ID)
		}
		idx, ok := s.measureIndex[t.By]
		if !ok || s.Measures[idx].Kind != Attr {
			c.at(Error, path+".by", "threshold %s: %s", t.ID, unknownName("attribute", t.By, attrIDs))
			continue
		}
		t.AttrIdx = idx
		a := s.Measures[idx].Attribute
		t.Figures, t.Has = make([]exact.Decimal, len(a.Values)), make([]bool, len(a.Values))
		for _, k := range slices.Sorted(maps.Keys(t.Values)) {
			j := slices.Index(a.Values, k)
			if j < 0 {
				c.at(Error, path+".values", "threshold %s: %s", t.ID, unknownName("value of "+a.ID, k, a.Values))
				continue
			}
			t.Figures[j], t.Has[j] = t.Values[k].V, true
		}
		for j, v := range a.Values {
			if t.Has[j] {
				continue
			}
			if t.MissingReason == "" {
				c.at(Error, path+".values", "threshold %s gives no figure for %s = %s; give one, or a missing_reason to show", t.ID, a.ID, v)
			} else {
				c.at(Note, path+".values", "threshold %s: %s = %s has no figure; a subject of it is missing: %s", t.ID, a.ID, v, t.MissingReason)
			}
		}
	}
}

// threshold returns the threshold named name.
func (s *Set) threshold(name string) (int, bool) {
	for i, t := range s.Thresholds {
		if t.ID == name {
			return i, true
		}
	}
	return -1, false
}

// ThresholdIDs lists the thresholds, for "did you mean".
func (s *Set) ThresholdIDs() []string {
	ids := make([]string, len(s.Thresholds))
	for i, t := range s.Thresholds {
		ids[i] = t.ID
	}
	return ids
}

// compileTiers resolves each tier's measure and checks its bands.
func compileTiers(c *collector, used map[string]bool) {
	s := c.set
	levels := s.Registry().LevelIDs()
	for i := range s.Tiers {
		t := &s.Tiers[i]
		path := fmt.Sprintf("tier[%d]", i)
		if t.ID == "" || t.Name == "" || t.Source == "" {
			c.at(Error, path, "a tier needs an id, a name and a source citation")
		}
		idx, ok := s.measureIndex[t.Measure]
		if !ok {
			c.at(Error, path+".measure", "tier %s: %s", t.ID, unknownName("measure", t.Measure, s.MeasureIDs()))
			continue
		}
		t.MeasureIdx = idx
		used[t.Measure] = true
		if k := s.Measures[idx].Kind; k != Num && k != Count && k != Pct {
			c.at(Error, path+".measure", "tier %s: %s is %s; a tier classifies a number", t.ID, t.Measure, k)
		}
		for _, l := range t.Levels {
			if !slices.Contains(levels, l) {
				c.at(Error, path+".levels", "tier %s: %s", t.ID, unknownName("subject level", l, levels))
			}
		}
		if len(t.Bands) == 0 {
			c.at(Error, path+".bands", "tier %s has no bands", t.ID)
		}
		labels := map[string]bool{t.BelowLabel: true}
		if t.BelowLabel == "" {
			c.at(Error, path+".below_label", "tier %s: give below_label, what a value under every band is", t.ID)
		}
		for j, b := range t.Bands {
			switch {
			case !b.From.Given:
				c.at(Error, path+".bands", "tier %s: band %d has no from", t.ID, j+1)
			case j > 0 && b.From.V.Cmp(t.Bands[j-1].From.V) >= 0:
				c.at(Error, path+".bands", "tier %s: band edges must fall, highest first: %s after %s", t.ID, b.From, t.Bands[j-1].From)
			}
			if b.Label == "" || labels[b.Label] {
				c.at(Error, path+".bands", "tier %s: band %d's label is empty or used twice", t.ID, j+1)
			}
			labels[b.Label] = true
		}
	}
}
