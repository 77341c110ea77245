package criteria

import (
	"fmt"
	"maps"
	"slices"
	"strconv"

	"countyscore/exact"
	"countyscore/tomlpos"
)

// Rollups: whether a quota row's quantity adds up across subjects.
const (
	RollupOwn = ""    // it does not (a per-person figure, a share); the city reports its own value
	RollupSum = "sum" // it does: the roll-up sums it, and the city's actual is the counties' sum (ruling 16)
)

// Strengths of a quota row.
var strengths = []string{"binding", "target", "aspirational", "mark"}

// Decides reports whether the row counts in a subject's verdict: an
// aspirational row (力争) and a mark (优先评定) are reported, never deciding.
func (q *Quota) Decides() bool { return q.Strength != "aspirational" && q.Strength != "mark" }

func compileQuotas(c *collector, used map[string]bool) {
	s := c.set
	reg := s.Registry()
	if len(s.Indicators) > 0 || len(s.Lines) > 0 || len(s.Prerequisites) > 0 {
		c.at(Error, "indicator", "a quota set has quotas, not indicators, lines or prerequisites")
	}
	if s.City != "" {
		if subj, ok := reg.Resolve(s.City); !ok || subj.Name != s.City || subj.Level != "city" {
			c.at(Error, "city", "city %q: %s", s.City, "want the canonical name of a subject of level city")
		}
	}
	s.quotaIndex = map[string]int{}
	for i := range s.Quotas {
		q := &s.Quotas[i]
		path := fmt.Sprintf("quota[%d]", i)
		if _, dup := s.quotaIndex[q.ID]; dup || !validID.MatchString(q.ID) {
			c.at(Error, path+".id", "quota id %q is not a valid ID or is declared twice", q.ID)
			continue
		}
		s.quotaIndex[q.ID] = i
		if q.Source == "" {
			c.at(Error, path, "quota %s has no source citation", q.ID)
		}
		if q.Name == "" {
			c.at(Error, path, "quota %s has no name", q.ID)
		}
		switch Op(q.Op) {
		case "", GE:
			q.Cmp = GE
		case LE:
			q.Cmp = LE
		default:
			c.at(Error, path+".op", "quota %s: op %q: want \">=\" (at least) or \"<=\" (at most)", q.ID, q.Op)
		}
		if q.Strength != "" && !slices.Contains(strengths, q.Strength) {
			c.at(Error, path+".strength", "quota %s: %s", q.ID, unknownName("strength", q.Strength, strengths))
		}
		m, ok := quotaMeasure(c, path, q, used)
		if !ok {
			continue
		}
		if q.Check {
			for _, bad := range []struct {
				given bool
				key   string
			}{{q.Target.Given || len(q.Targets) > 0, "target"}, {q.Derive != "", "derive"}, {q.Op != "", "op"}, {q.Rollup != "", "rollup"}, {q.CityTarget.Given, "city_target"}, {q.RowTotal.Given, "row_total"}} {
				if bad.given {
					c.at(Error, path+"."+bad.key, "quota %s is yes/no (done or not): it takes no %s; say who owes it in owed_by or applies_to", q.ID, bad.key)
				}
			}
		}
		compileTargets(c, path, q, m)
		if q.Rollup != RollupOwn && q.Rollup != RollupSum {
			c.at(Error, path+".rollup", "quota %s: rollup %q: want \"sum\" or leave it out (the city reports its own value)", q.ID, q.Rollup)
		}
		if q.Rollup == RollupSum && m.Kind == Pct {
			c.at(Error, path+".rollup", "quota %s: percents do not add up across subjects", q.ID)
		}
		if q.CityTarget.Given && q.Yearly {
			c.at(Error, path+".city_target", "quota %s: a city_target is one figure for the plan; a yearly row cannot carry one", q.ID)
		}
		if q.CityTarget.Given {
			if s.City == "" {
				c.at(Error, path+".city_target", "quota %s has a city_target but the set names no city", q.ID)
			}
			if q.CitySource == "" {
				c.at(Error, path+".city_target", "quota %s: city_target has no city_source citation", q.ID)
			}
		}
		if len(q.Targets) == 0 && len(q.AppliesTo) == 0 && len(q.OwedBy) == 0 && !q.CityTarget.Given {
			c.at(Error, path, "quota %s sets no target for anyone", q.ID)
		}
		checkQuotaTargets(c, path, q, s)
	}
}

// quotaMeasure resolves the measure a quota compares, and its base.
func quotaMeasure(c *collector, path string, q *Quota, used map[string]bool) (Measure, bool) {
	s := c.set
	q.MeasureIdx, q.BaseIdx = -1, -1
	var m Measure
	if len(q.When) > 0 {
		if q.Measure != "" || q.Yearly {
			c.at(Error, path+".when", "quota %s: a when row is its own yes/no measure; leave out measure and yearly", q.ID)
			return m, false
		}
		who := "quota " + q.ID
		tree := compileWhen(c, path+".when", who, q.When, 0, &q.Conditions, func(cond *Condition, k int) bool {
			return resolveCondition(c, path+".when", who, k, cond, used)
		})
		q.Tree, q.Check = &tree, true
		return Measure{Kind: Bool}, true
	}
	if q.Yearly {
		for _, mm := range s.Measures {
			if mm.Stem == q.Measure {
				m = mm
				break
			}
		}
		if m.ID == "" {
			c.at(Error, path+".measure", "quota %s: %q is not a yearly measure", q.ID, q.Measure)
			return m, false
		}
	} else {
		idx, ok := s.measureIndex[q.Measure]
		if !ok {
			c.at(Error, path+".measure", "quota %s: %s", q.ID, unknownName("measure", q.Measure, s.MeasureIDs()))
			return m, false
		}
		q.MeasureIdx, m = idx, s.Measures[idx]
	}
	used[q.Measure] = true
	if m.Kind == Attr {
		c.at(Error, path+".measure", "quota %s: %s is an attribute, not a measure", q.ID, m.ID)
		return m, false
	}
	q.Check = m.Kind == Bool
	if q.Base != "" {
		idx, ok := s.measureIndex[q.Base]
		if !ok {
			c.at(Error, path+".base", "quota %s: %s", q.ID, unknownName("measure", q.Base, s.MeasureIDs()))
			return m, false
		}
		q.BaseIdx = idx
		used[q.Base] = true
	}
	return m, true
}

func compileTargets(c *collector, path string, q *Quota, m Measure) {
	reg := c.set.Registry()
	for k, name := range q.OwedBy {
		subj, ok := reg.Resolve(name)
		switch {
		case !ok || subj.Name != name:
			c.at(Error, path+".owed_by", "quota %s: %s", q.ID, canonicalOnly(reg, name))
		case slices.Contains(q.AppliesTo, subj.Level):
			c.at(Error, path+".owed_by", "quota %s: %s owes it both by name and as a %s subject", q.ID, name, subj.Level)
		default:
			if _, dup := q.Targets[name]; dup || slices.Index(q.OwedBy, name) != k {
				c.at(Error, path+".owed_by", "quota %s: %s is named twice", q.ID, name)
			}
		}
	}
	whole := func(d Dec, key string) {
		if d.Given && m.Kind == Count && !d.V.IsInt() {
			c.at(Error, path+"."+key, "quota %s: %s counts whole units; %s is not whole", q.ID, m.ID, d)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(q.Targets)) {
		t := q.Targets[name]
		tpath := path + ".targets." + quoteKey(name)
		subj, ok := reg.Resolve(name)
		if !ok || subj.Name != name {
			c.at(Error, tpath, "quota %s: %s", q.ID, canonicalOnly(reg, name))
			continue
		}
		if slices.Contains(q.AppliesTo, subj.Level) {
			c.at(Error, tpath, "quota %s: %s has a target of its own and one for every %s subject", q.ID, name, subj.Level)
		}
		whole(t, "targets."+quoteKey(name))
	}
	if len(q.Members) > 0 && q.Rollup != RollupSum {
		c.at(Error, path+".members", "quota %s: members name who adds up to the city's sum; they need rollup = \"sum\"", q.ID)
	}
	for _, lvl := range q.Members {
		switch levels := reg.LevelIDs(); {
		case !slices.Contains(levels, lvl):
			c.at(Error, path+".members", "quota %s: %s", q.ID, unknownName("subject level", lvl, levels))
		case lvl == "city":
			c.at(Error, path+".members", "quota %s: the city is what its members add up to, not one of them", q.ID)
		}
	}
	for _, lvl := range q.AppliesTo {
		if levels := reg.LevelIDs(); !slices.Contains(levels, lvl) {
			c.at(Error, path+".applies_to", "quota %s: %s", q.ID, unknownName("subject level", lvl, levels))
		}
		if lvl == "city" && q.CityTarget.Given {
			c.at(Error, path+".applies_to", "quota %s: the city has both a city_target and a target for every city", q.ID)
		}
	}
	whole(q.Target, "target")
	whole(q.CityTarget, "city_target")
	whole(q.RowTotal, "row_total")
	hasLevels := len(q.AppliesTo) > 0 || len(q.OwedBy) > 0
	if q.Check {
		return
	}
	switch {
	case q.Derive == "" && hasLevels && !q.Target.Given:
		c.at(Error, path, "quota %s applies to %v%v but sets no target and no derive", q.ID, q.AppliesTo, q.OwedBy)
	case q.Derive != "" && q.Target.Given:
		c.at(Error, path, "quota %s has both a target and a derive; one says what is owed", q.ID)
	case (q.Derive != "" || q.Target.Given) && !hasLevels:
		c.at(Error, path+".applies_to", "quota %s: say which subjects owe it in applies_to or owed_by", q.ID)
	}
	absent := func(given bool, key string) {
		if given {
			c.at(Error, path+"."+key, "quota %s: %s has no meaning for derive %q", q.ID, key, q.Derive)
		}
	}
	switch q.Derive {
	case "":
		absent(q.Base != "", "base")
		absent(len(q.Bands) > 0, "bands")
		absent(q.Rate.Given || q.Per.Given, "rate")
	case DeriveGrowthBand:
		absent(q.Rate.Given || q.Per.Given, "rate")
		if q.Base == "" {
			c.at(Error, path+".base", "quota %s: a growth-band target needs the base measure", q.ID)
		}
		checkBands(c, path, q)
	case DerivePerPopulation:
		absent(q.Base != "", "base")
		absent(len(q.Bands) > 0, "bands")
		if !q.Rate.Given || !q.Rate.V.IsPos() || !q.Per.Given || !q.Per.V.IsPos() {
			c.at(Error, path, "quota %s: a per-population target needs a positive rate and per", q.ID)
		}
	default:
		c.at(Error, path+".derive", "quota %s: %s", q.ID, unknownName("derive", q.Derive, []string{DeriveGrowthBand, DerivePerPopulation}))
	}
}

func checkBands(c *collector, path string, q *Quota) {
	if len(q.Bands) == 0 {
		c.at(Error, path+".bands", "quota %s: a growth-band target needs bands", q.ID)
		return
	}
	for i, b := range q.Bands {
		last := i == len(q.Bands)-1
		switch {
		case !b.Growth.Given:
			c.at(Error, path+".bands", "quota %s: band %d has no growth", q.ID, i+1)
		case last && b.Upto.Given:
			c.at(Error, path+".bands", "quota %s: the last band takes every base above the others; leave out its upto", q.ID)
		case !last && !b.Upto.Given:
			c.at(Error, path+".bands", "quota %s: band %d needs upto", q.ID, i+1)
		case i > 0 && !last && b.Upto.V.Cmp(q.Bands[i-1].Upto.V) <= 0:
			c.at(Error, path+".bands", "quota %s: band edges must rise", q.ID)
		}
	}
}

// checkQuotaTargets states what a quota row's figures say about the plan:
// targets that exceed the row's total are a warning (someone mistyped);
// county targets that fall short of a city-wide target are a note, a fact
// about the plan worth showing (ruling 19).
func checkQuotaTargets(c *collector, path string, q *Quota, s *Set) {
	sum, n, err := q.targetSum(s.Registry(), "county", "zone")
	if err != nil {
		// Every sum of targets the engine forms is at most this one.
		c.at(Error, path, "quota %s: the subjects' targets add up past 19 digits: %v", q.ID, err)
		return
	}
	if q.RowTotal.Given && n > 0 {
		switch sum.Cmp(q.RowTotal.V) {
		case 1:
			c.at(Warning, path+".row_total", "quota %s: the subjects' targets add up to %s, more than the row's total %s", q.ID, exact.String(sum), q.RowTotal)
		case -1:
			c.at(Note, path+".row_total", "quota %s: %s of the row's total %s is assigned to no subject", q.ID, exact.String(sub(q.RowTotal.V, sum)), q.RowTotal)
		}
	}
	if !q.CityTarget.Given || q.Rollup != RollupSum {
		return // only quantities that add up across subjects make a plan total
	}
	plan, what := sum, "the subjects' targets add up to"
	if n == 0 && q.RowTotal.Given {
		plan, what = q.RowTotal.V, "the source table's row total is"
	}
	if (n > 0 || q.RowTotal.Given) && plan.Cmp(q.CityTarget.V) < 0 {
		c.at(Note, path+".city_target", "quota %s: %s %s, less than the city-wide target %s: %s is owed by no subject",
			q.ID, what, exact.String(plan), q.CityTarget, exact.String(sub(q.CityTarget.V, plan)))
	}
}

func sub(a, b exact.Decimal) exact.Decimal {
	d, _ := exact.Sub(a, b)
	return d
}

// SubjectTargetSum adds the fixed targets the row sets for subjects of the
// given levels; derived targets depend on values and are not counted. n is
// how many subjects contributed. Load refuses a row whose county and zone
// targets do not add up exactly, so a loaded set's sums never fail.
func (q *Quota) SubjectTargetSum(s *Set, levels ...string) (exact.Decimal, int) {
	sum, n, _ := q.targetSum(s.Registry(), levels...)
	return sum, n
}

func (q *Quota) targetSum(reg *Registry, levels ...string) (sum exact.Decimal, n int, err error) {
	sum = exact.Zero
	add := func(t exact.Decimal) {
		if err == nil {
			sum, err = exact.Add(sum, t)
		}
		n++
	}
	for name, t := range q.Targets {
		if subj, ok := reg.Resolve(name); ok && slices.Contains(levels, subj.Level) {
			add(t.V)
		}
	}
	if q.Target.Given {
		for _, name := range append(reg.InLevels(q.AppliesTo), q.OwedBy...) {
			if subj, _ := reg.Resolve(name); slices.Contains(levels, subj.Level) {
				add(q.Target.V)
			}
		}
	}
	return sum, n, err
}

// hasTarget reports whether the row already sets subj a target.
func (q *Quota) hasTarget(subj Subject, city string) bool {
	if _, ok := q.Targets[subj.Name]; ok {
		return true
	}
	return slices.Contains(q.AppliesTo, subj.Level) || slices.Contains(q.OwedBy, subj.Name) || (subj.Name == city && q.CityTarget.Given)
}

// Owes reports whether subject owes anything under row q.
func (s *Set) Owes(q *Quota, subj Subject) bool {
	return q.hasTarget(subj, s.City)
}

// SubjectNames lists every subject the set evaluates, canonical names in
// registry order: the subjects a quota set would accept.
func (s *Set) SubjectNames() []string {
	var out []string
	for _, subj := range s.Registry().Subjects {
		for i := range s.Quotas {
			if s.Owes(&s.Quotas[i], subj) {
				out = append(out, subj.Name)
				break
			}
		}
	}
	return out
}

// Roster lists the subjects a run of s is expected to cover, in registry
// order: those a target plan sets targets for, or, for a standard any
// county may use, the registry's county-level units.
func (s *Set) Roster() []string {
	if s.Subjects == "targets" {
		return s.SubjectNames()
	}
	return Subjects().InLevels([]string{"county"})
}

// YearsUpTo returns the plan years up to and including year; year 0 (not
// given) means every plan year (ruling 17).
func (s *Set) YearsUpTo(year int) (due, notDue []int) {
	for _, y := range s.Years {
		if year == 0 || y <= year {
			due = append(due, y)
		} else {
			notDue = append(notDue, y)
		}
	}
	return due, notDue
}

// YearlyMeasure returns the index of the yearly measure stem for year.
func (s *Set) YearlyMeasure(stem string, year int) (int, bool) {
	return s.MeasureIndex(stem + "." + strconv.Itoa(year))
}

func quoteKey(k string) string {
	return tomlpos.Key(k)
}

// QuotaMeasure returns the measure a quota row compares (the first year's
// of a yearly row).
func (s *Set) QuotaMeasure(q *Quota) Measure {
	if q.MeasureIdx >= 0 {
		return s.Measures[q.MeasureIdx]
	}
	if q.Measure == "" {
		// A yes/no row of conditions compares no one measure; without this,
		// the loop below matches the first measure that is not yearly
		// (whose Stem is empty too) and the row borrows its unit.
		return Measure{}
	}
	for _, m := range s.Measures {
		if m.Stem == q.Measure {
			return m
		}
	}
	return Measure{}
}

// QuotaUnit is the unit, in lang, of quota row id's measure.
func (s *Set) QuotaUnit(id, lang string) string {
	i, ok := s.quotaIndex[id]
	if !ok {
		return ""
	}
	return s.QuotaMeasure(&s.Quotas[i]).UnitIn(lang)
}

// SumMembers are the canonical names of the subjects whose values add up
// to summed row q's city-wide figure: every subject of q's members levels
// (the county-level units when it names none), owing a target of their own
// or not. The sum is known once all of them have reported.
func (s *Set) SumMembers(q *Quota) []string {
	levels := q.Members
	if len(levels) == 0 {
		levels = []string{"county"}
	}
	return s.Registry().InLevels(levels)
}
