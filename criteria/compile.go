package criteria

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"countyscore/exact"
)

var validID = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$`)

// ReservedColumns are the input columns (CSV) and top-level keys (TOML)
// that are not measures (input contract): who the values are of and how to
// read them. A measure may not take one of their names.
var ReservedColumns = []string{"subject", "population", "year", "illustrative"}

// engineVerdicts are the verdicts the engine gives before points decide;
// a line may not reuse them.
var engineVerdicts = []string{"vetoed", "prerequisites-unmet", "baseline-unmet", "incomplete", "not-met", "met"}

// compile resolves names to indexes and conditions to values, reporting
// every dangling name, duplicate and impossible rule it meets.
func compile(c *collector) {
	s := c.set
	if !validID.MatchString(s.ID) {
		c.at(Error, "id", "id %q: want letters, digits and dashes (garden-county)", s.ID)
	}
	if s.Title == "" {
		c.at(Error, "title", "no title")
	}
	if s.Source == "" {
		c.at(Error, "source", "no source citation: name the document and annex")
	}
	switch s.Subjects {
	case "any", "targets":
	default:
		c.at(Error, "subjects", "subjects = %q: want \"any\" (a standard for any county) or \"targets\" (only subjects it sets targets for)", s.Subjects)
	}
	for i := 1; i < len(s.Years); i++ {
		if s.Years[i] <= s.Years[i-1] {
			c.at(Error, "years", "years must rise: %d after %d", s.Years[i], s.Years[i-1])
		}
	}
	rulings := map[int]bool{}
	for i, r := range s.Rulings {
		if rulings[r.ID] || r.ID <= 0 || r.Text == "" {
			c.at(Error, fmt.Sprintf("ruling[%d]", i), "ruling %d is numbered twice, not positive, or has no text", r.ID)
		}
		rulings[r.ID] = true
	}
	cites := func(path string, ids []int) {
		for _, id := range ids {
			if !rulings[id] {
				c.at(Error, path+".rulings", "cites ruling %d, which the file does not state in a [[ruling]] table", id)
			}
		}
	}
	for i, l := range s.Lines {
		cites(fmt.Sprintf("line[%d]", i), l.Rulings)
	}
	for i, p := range s.Prerequisites {
		cites(fmt.Sprintf("prerequisite[%d]", i), p.Rulings)
	}
	for i, cat := range s.Categories {
		cites(fmt.Sprintf("category[%d]", i), cat.Rulings)
	}
	for i, ind := range s.Indicators {
		cites(fmt.Sprintf("indicator[%d]", i), ind.Rulings)
	}
	for i, q := range s.Quotas {
		cites(fmt.Sprintf("quota[%d]", i), q.Rulings)
	}
	used := map[string]bool{}
	compileSubjects(c)
	compileAttributes(c, used)
	compileMeasures(c)
	compileThresholds(c)
	compileTiers(c, used)
	switch s.Kind {
	case KindScored:
		compileScored(c, used)
	case KindQuota:
		compileQuotas(c, used)
	default:
		c.at(Error, "kind", "kind %q: want %q or %q", s.Kind, KindScored, KindQuota)
	}
	compileNotApplicable(c)
	compileWeights(c)
	for i, m := range s.Measures {
		if !used[m.ID] && !used[m.Stem] {
			c.at(Warning, measurePath(s, i), "measure %s is used by no rule", m.ID)
		}
	}
}

// measurePath returns the key path of the declaration of measure i.
func measurePath(s *Set, i int) string {
	return s.Measures[i].Decl
}

func compileMeasures(c *collector) {
	s := c.set
	s.measureIndex = map[string]int{}
	var all []Measure
	add := func(m Measure, path string) {
		m.Decl = path
		if _, dup := s.measureIndex[m.ID]; dup {
			c.at(Error, path, "measure %s is declared twice", m.ID)
			return
		}
		s.measureIndex[m.ID] = len(all)
		all = append(all, m)
	}
	for i, m := range s.Measures {
		path := fmt.Sprintf("measure[%d]", i)
		if !validID.MatchString(m.ID) {
			c.at(Error, path+".id", "measure id %q: want letters, digits, _ and - in dot-separated parts (G09.coverage)", m.ID)
			continue
		}
		if slices.Contains(ReservedColumns, m.ID) {
			c.at(Error, path+".id", "%q is a reserved input column, not a measure", m.ID)
		}
		if !slices.Contains([]string{Bool, Pct, Num, Count}, m.Kind) && (m.Kind != Attr || m.Attribute == nil) {
			c.at(Error, path+".kind", "measure %s: kind %q: want bool, pct, num or count", m.ID, m.Kind)
		}
		if m.Signed && m.Kind != Num && m.Kind != Pct {
			c.at(Error, path+".signed", "measure %s: only a num or pct may be signed", m.ID)
		}
		if m.Label == "" {
			c.at(Error, path, "measure %s has no label", m.ID)
		}
		if !m.Yearly {
			add(m, path+".id")
			continue
		}
		if len(s.Years) == 0 {
			c.at(Error, path+".yearly", "measure %s is yearly but the set names no years", m.ID)
		}
		for _, y := range s.Years {
			ym := m
			ym.ID, ym.Stem, ym.Year = m.ID+"."+strconv.Itoa(y), m.ID, y
			add(ym, path+".id")
		}
	}
	if s.Kind == KindScored {
		for i := range s.Prerequisites {
			p := &s.Prerequisites[i]
			p.Measure = len(all)
			add(Measure{ID: p.ID, Kind: Bool, Label: p.Name, LabelEn: p.NameEn}, fmt.Sprintf("prerequisite[%d].id", i))
		}
	}
	s.Measures = all
	// A measure that is the dotted prefix of another cannot be written in
	// a TOML input: G04 = true and G04.1 = true are the same key twice.
	ids := s.MeasureIDs()
	sort.Strings(ids)
	for i := 1; i < len(ids); i++ {
		if strings.HasPrefix(ids[i], ids[i-1]+".") {
			c.at(Error, measurePath(s, s.measureIndex[ids[i]]), "measures %s and %s cannot both be TOML keys; rename one", ids[i-1], ids[i])
		}
	}
}

func compileScored(c *collector, used map[string]bool) {
	s := c.set
	if !s.MaxPoints.Given {
		c.at(Error, "max_points", "a scored set needs max_points")
	}
	checkPointsFigure(c, "max_points", s.MaxPoints)
	if s.BelowVerdict == "" {
		c.at(Error, "below_verdict", "a scored set needs below_verdict, the verdict under its lowest line")
	}
	if len(s.Quotas) > 0 {
		c.at(Error, "quota", "a scored set has indicators, not quotas")
	}
	for i, v := range s.Verdicts {
		path := fmt.Sprintf("verdict[%d]", i)
		if !slices.Contains(engineVerdicts, v.ID) {
			c.at(Error, path+".id", "%s", unknownName("engine verdict", v.ID, engineVerdicts))
		}
		if v.Label == "" {
			c.at(Error, path+".label", "verdict %s: give the label to print", v.ID)
		}
	}
	verdicts := map[string]bool{s.BelowVerdict: true}
	for i, l := range s.Lines {
		path := fmt.Sprintf("line[%d]", i)
		if !l.Points.Given || l.Verdict == "" || l.Label == "" {
			c.at(Error, path, "a line needs points, verdict and label")
			continue
		}
		if l.Source == "" {
			c.at(Error, path, "line %s has no source citation", l.Points)
		}
		checkPointsFigure(c, path+".points", l.Points)
		if verdicts[l.Verdict] || slices.Contains(engineVerdicts, l.Verdict) {
			c.at(Error, path+".verdict", "verdict %q is already taken", l.Verdict)
		}
		verdicts[l.Verdict] = true
		if i > 0 && l.Points.V.Cmp(s.Lines[i-1].Points.V) <= 0 {
			c.at(Error, path+".points", "lines must rise: %s after %s", l.Points, s.Lines[i-1].Points)
		}
		if s.MaxPoints.Given && l.Points.V.Cmp(s.MaxPoints.V) > 0 {
			c.at(Error, path+".points", "line %s is above max_points %s", l.Points, s.MaxPoints)
		}
	}
	catIndex := map[string]int{}
	catIDs := []string{}
	for i, cat := range s.Categories {
		path := fmt.Sprintf("category[%d]", i)
		if _, dup := catIndex[cat.ID]; dup {
			c.at(Error, path+".id", "category %s is declared twice", cat.ID)
			continue
		}
		if cat.Name == "" {
			c.at(Error, path, "category %s has no name", cat.ID)
		}
		if cat.Source == "" {
			c.at(Error, path, "category %s has no source citation", cat.ID)
		}
		checkPointsFigure(c, path+".stated_points", cat.StatedPoints)
		catIndex[cat.ID] = i
		catIDs = append(catIDs, cat.ID)
		s.Categories[i].MaxPoints = exact.Zero
	}
	for i, p := range s.Prerequisites {
		path := fmt.Sprintf("prerequisite[%d]", i)
		if p.Text == "" || p.Name == "" {
			c.at(Error, path, "prerequisite %s needs a name and its text", p.ID)
		}
		if p.Source == "" {
			c.at(Error, path, "prerequisite %s has no source citation", p.ID)
		}
		used[p.ID] = true
	}
	seen := map[string]bool{}
	for i := range s.Indicators {
		ind := &s.Indicators[i]
		path := fmt.Sprintf("indicator[%d]", i)
		if seen[ind.ID] || ind.ID == "" {
			c.at(Error, path+".id", "indicator id %q is empty or declared twice", ind.ID)
			continue
		}
		seen[ind.ID] = true
		if ind.Name == "" {
			c.at(Error, path, "indicator %s has no name", ind.ID)
		}
		if ind.Source == "" {
			c.at(Error, path, "indicator %s has no source citation", ind.ID)
		}
		if ind.Requirement == "" || ind.Scoring == "" {
			c.at(Error, path, "indicator %s needs its requirement and scoring text as the source words them", ind.ID)
		}
		checkPointsFigure(c, path+".points", ind.Points)
		checkPointsFigure(c, path+".deduct", ind.Deduct)
		if ci, ok := catIndex[ind.Category]; ok {
			ind.CategoryIdx = ci
			if ind.Points.Given {
				sum, err := exact.Add(s.Categories[ci].MaxPoints, ind.Points.V)
				if err != nil {
					c.at(Error, path+".points", "category %s: its indicators' points add up past 19 digits", ind.Category)
				}
				s.Categories[ci].MaxPoints = sum
			}
		} else {
			c.at(Error, path+".category", "indicator %s: %s", ind.ID, unknownName("category", ind.Category, catIDs))
		}
		compileRule(c, path, ind)
		for j := range ind.Require {
			compileRequirement(c, fmt.Sprintf("%s.require[%d]", path, j), ind, &ind.Require[j], used)
			ind.Conditions += len(ind.Require[j].Conditions)
		}
		s.Conditions += ind.Conditions
	}
	for i, m := range s.Schedule {
		checkScheduleSubjects(c, fmt.Sprintf("schedule[%d]", i), m)
	}
}

func compileRule(c *collector, path string, ind *Indicator) {
	kind, ok := LookupRuleKind(ind.Rule)
	if !ok {
		c.at(Error, path+".rule", "indicator %s: %s", ind.ID, unknownName("rule kind", ind.Rule, RuleKindNames()))
		return
	}
	ind.Kind = kind
	if !ind.Points.Given {
		c.at(Error, path+".points", "indicator %s has no points (write 0 for a veto-only item)", ind.ID)
	}
	kind.check(c, path, ind)
	scoring := 0
	for _, r := range ind.Require {
		if !r.Veto {
			scoring++
		}
	}
	if len(ind.Require) == 0 {
		c.at(Error, path, "indicator %s has no [[indicator.require]]", ind.ID)
	} else if scoring == 0 && ind.Points.Given && ind.Points.V.IsPos() {
		c.at(Error, path, "indicator %s earns %s points but has only veto requirements", ind.ID, ind.Points)
	}
}

func compileRequirement(c *collector, path string, ind *Indicator, r *Requirement, used map[string]bool) {
	if r.Text == "" {
		c.at(Error, path, "a requirement of %s has no text", ind.ID)
	}
	if len(r.When) == 0 {
		c.at(Error, path, "a requirement of %s has no when conditions", ind.ID)
	}
	r.Conditions = r.Conditions[:0]
	wpath := path + ".when"
	who := "indicator " + ind.ID
	tree := compileWhen(c, wpath, who, r.When, 0, &r.Conditions, func(cond *Condition, k int) bool {
		if !resolveCondition(c, wpath, who, k, cond, used) {
			return false
		}
		if ind.Kind != nil && ind.Kind.Proportional && !r.Veto && (cond.IsBool || cond.Op != GE || cond.Threshold == "" && !cond.Value.IsPos()) {
			c.at(Error, wpath, "%s: a %s rule scores value ÷ line, so its conditions are ≥ a positive number, not %q", who, ind.Kind.Name, cond.String())
			return false
		}
		if ind.Kind != nil && slices.Contains(ind.Kind.Figures, "bands") && !r.Veto && len(ind.Bands) > 0 && ind.Bands[0].From.Given && (cond.Threshold != "" || cond.Value.Cmp(ind.Bands[0].From.V) != 0) {
			c.at(Error, wpath, "%s: the top band starts at %s, so meeting %q must be reaching it: write %s >= %s", who, ind.Bands[0].From, cond.String(), cond.Measure, ind.Bands[0].From)
			return false
		}
		if ind.Kind != nil && ind.Kind.Steps && !r.Veto && (cond.IsBool || (cond.Op != GE && cond.Op != LE)) {
			c.at(Error, wpath, "%s: a %s deduction measures a shortfall, so its conditions are ≥ or ≤ on numbers, not %q", who, ind.Kind.Name, cond.String())
			return false
		}
		return true
	})
	if r.When.Nested() || hasThreshold(r.Conditions) {
		if ind.Kind != nil && ind.Kind.Proportional && !r.Veto && r.When.Nested() {
			c.at(Error, wpath, "%s: a %s rule scores each condition's value ÷ line; any/all are for all-or-nothing and checklist rules", who, ind.Kind.Name)
		}
		if ind.Kind != nil && ind.Kind.Steps {
			c.at(Error, wpath, "%s: a %s deduction counts steps of each condition; any/all and thresholds are for all-or-nothing and checklist rules", who, ind.Kind.Name)
		}
		r.Tree = &tree
	}
}

func hasThreshold(conds []Condition) bool {
	for _, c := range conds {
		if c.Threshold != "" {
			return true
		}
	}
	return false
}

// resolveCondition resolves a parsed condition's measure and threshold and
// checks that it fits them; k is its place in its list, for messages.
func resolveCondition(c *collector, path, who string, k int, cond *Condition, used map[string]bool) bool {
	s := c.set
	idx, ok := s.measureIndex[cond.Measure]
	if !ok {
		c.at(Error, path, "%s, condition %d: %s", who, k+1, unknownName("measure", cond.Measure, s.MeasureIDs()))
		return false
	}
	cond.MeasureIdx = idx
	used[cond.Measure] = true
	m := s.Measures[idx]
	if m.Kind == Attr {
		c.at(Error, path, "%s: %s is an attribute; compare a measure with $threshold instead", who, m.ID)
		return false
	}
	if cond.Threshold != "" {
		ti, ok := s.threshold(cond.Threshold)
		if !ok {
			c.at(Error, path, "%s, condition %d: %s", who, k+1, unknownName("threshold", cond.Threshold, s.ThresholdIDs()))
			return false
		}
		cond.ThresholdIdx, cond.Thresh = ti, &s.Thresholds[ti]
		t := s.Thresholds[ti]
		if m.Kind == Bool {
			c.at(Error, path, "%s: %s is met or not met; a threshold is a number", who, m.ID)
			return false
		}
		if t.Unit != m.Unit && m.Kind != Pct {
			c.at(Error, path, "%s: threshold %s is in %q but %s is in %q", who, t.ID, t.Unit, m.ID, m.Unit)
			return false
		}
		return true
	}
	if err := conditionFits(*cond, m); err != nil {
		c.at(Error, path, "%s: %v", who, err)
		return false
	}
	return true
}

// conditionFits checks that a condition compares a measure with a value of
// its kind.
func conditionFits(cond Condition, m Measure) error {
	if m.Kind == Bool {
		if !cond.IsBool {
			return fmt.Errorf("%s is met or not met: write %s = true", m.ID, m.ID)
		}
		return nil
	}
	if cond.IsBool {
		return fmt.Errorf("%s is a number (%s), not true/false", m.ID, m.Kind)
	}
	if m.Kind == Pct && cond.Value.Cmp(exact.Hundred) > 0 {
		return fmt.Errorf("%s is a percent: %s is above 100", m.ID, exact.String(cond.Value))
	}
	if cond.Value.IsNeg() {
		return fmt.Errorf("%s: threshold %s is negative", m.ID, exact.String(cond.Value))
	}
	return nil
}

func checkScheduleSubjects(c *collector, path string, m Milestone) {
	reg := Subjects()
	if m.Source == "" || m.Text == "" {
		c.at(Error, path, "a schedule entry needs text and a source citation")
	}
	for _, name := range m.Subjects {
		if subj, ok := reg.Resolve(name); !ok || subj.Name != name {
			c.at(Error, path+".subjects", "%s", canonicalOnly(reg, name))
		}
	}
	for _, d := range []struct{ key, v string }{{"apply_by", m.ApplyBy}, {"forward_by", m.ForwardBy}} {
		if _, _, ok := MonthDay(d.v); d.v != "" && !ok {
			c.at(Error, path+"."+d.key, "%q is not a day of the year: write it as \"MM-DD\", e.g. \"05-30\"", d.v)
		}
	}
	if (m.ApplyBy != "" || m.ForwardBy != "") && len(m.ApplyYears) == 0 {
		c.at(Error, path+".apply_years", "apply_by and forward_by need apply_years: the years they fall in")
	}
}

// MonthDay reads a schedule day written "MM-DD" (05-30); ok is false for
// anything else, including a day no year has.
func MonthDay(s string) (month, day int, ok bool) {
	if len(s) != 5 || s[2] != '-' {
		return 0, 0, false
	}
	t, err := time.Parse("01-02", s)
	if err != nil {
		return 0, 0, false
	}
	return int(t.Month()), t.Day(), true
}

// canonicalOnly explains why a criteria file must name a subject by its
// canonical name.
func canonicalOnly(reg *Registry, name string) string {
	if subj, ok := reg.Resolve(name); ok {
		return fmt.Sprintf("write the canonical name %q, not %q", subj.Name, name)
	}
	return unknownSubject(reg, name)
}

// checkPoints compares the points of a scored set with what the source
// states: the total must match (error), and a category heading that differs
// from its indicators is shown, never hidden (ruling 11).
func checkPoints(c *collector) {
	s := c.set
	if s.Kind != KindScored || c.problems.Has(Error) {
		return
	}
	total := exact.Zero
	for _, ind := range s.Indicators {
		var err error
		if total, err = exact.Add(total, ind.Points.V); err != nil {
			c.at(Error, "max_points", "the indicators' points add up past 19 digits")
			return
		}
	}
	if s.MaxPoints.Given && total.Cmp(s.MaxPoints.V) != 0 {
		c.at(Error, "max_points", "the indicators add up to %s points, not the stated max_points %s", exact.String(total), s.MaxPoints)
	}
	stated := exact.Zero
	for i, cat := range s.Categories {
		if !cat.StatedPoints.Given {
			continue
		}
		var err error
		if stated, err = exact.Add(stated, cat.StatedPoints.V); err != nil {
			c.at(Error, fmt.Sprintf("category[%d].stated_points", i), "the stated category points add up past 19 digits")
			return
		}
		if cat.StatedPoints.V.Cmp(cat.MaxPoints) != 0 {
			cites := ""
			if len(cat.Rulings) > 0 {
				cites = fmt.Sprintf(" (ruling %v)", strings.Trim(fmt.Sprint(cat.Rulings), "[]"))
			}
			c.at(Warning, fmt.Sprintf("category[%d].stated_points", i),
				"category %s %s: the source states %s points, but its indicators as the text places them add up to %s; reports use %s%s",
				cat.ID, cat.Name, cat.StatedPoints, exact.String(cat.MaxPoints), exact.String(cat.MaxPoints), cites)
		}
	}
	if s.MaxPoints.Given && stated.IsPos() && stated.Cmp(s.MaxPoints.V) != 0 {
		c.at(Warning, "max_points", "the stated category points add up to %s, not max_points %s", exact.String(stated), s.MaxPoints)
	}
}

func unknownName(what, name string, known []string) string {
	msg := fmt.Sprintf("unknown %s %q", what, name)
	if near, ok := Nearest(name, known); ok {
		return msg + fmt.Sprintf("; did you mean %q?", near)
	}
	if len(known) > 0 && len(known) <= 8 {
		return msg + fmt.Sprintf(" (known: %s)", strings.Join(known, ", "))
	}
	return msg
}
