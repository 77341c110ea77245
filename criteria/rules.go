package criteria

import (
	"fmt"
	"slices"
	"strings"

	"countyscore/exact"
)

// RuleKind is one way a scored indicator earns points. Each kind is
// defined here once, whole: what a criteria file must give for it, how its
// points come about, and how it reads to people. Compile resolves an
// indicator's rule name to its kind (Indicator.Kind); the engine and the
// renderers ask the kind and never test a rule's name, so a kind that
// compiles but that scoring does not know cannot exist: the only kinds are
// the values of ruleKinds, and each carries its own arithmetic.
type RuleKind struct {
	// Name is what a criteria file writes: rule = "linear".
	Name string
	// Figures are the figures the kind needs beside points, each positive
	// ("deduct", "step"); a figure it does not list must be left out.
	Figures []string
	// Steps marks a kind that counts steps of shortfall (ruling 3): its
	// scoring conditions are ≥ or ≤ on numbers, the engine counts started
	// and whole steps of Step for each, and explain shows them.
	Steps bool
	// PerRequirement marks a kind whose points move with each requirement
	// met (a checklist): a plan may meet some of them and not others.
	// A kind neither Steps nor PerRequirement is all or nothing.
	PerRequirement bool
	// Proportional marks a kind whose points follow the value: each scoring
	// condition is "≥ a positive line", and the kind's ValuePoints says what
	// a value earns against it (ratio: the full points times value ÷ line,
	// capped and rounded as the indicator states; bands: the points of the
	// band the value reaches). The engine hands the points of the weakest
	// condition in Found.Ratio.
	Proportional bool
	// Bonus marks a kind that only adds: its points must be positive, it
	// never deducts, and an indicator that earns it has status "bonus".
	Bonus bool
	// Ruling is the ruling the kind encodes.
	Ruling int

	text   [2]string // zh and en description, a format over the figures in args
	args   []string  // "points" and the names of Figures, in the order text uses them
	points func(ind *Indicator, f Found) (exact.Decimal, exact.Decimal, error)
	value  func(ind *Indicator, value, line exact.Decimal) (exact.Decimal, error) // Proportional kinds
}

// Found is what evaluating an indicator's requirements found, the whole
// input of its kind's points arithmetic. The engine fills it only when
// every value was given: a missing value earns nothing (ruling 14).
type Found struct {
	// Unmet counts the scoring (not veto) requirements not met.
	Unmet int
	// Deduct and DeductOptimistic sum the step deductions of a Steps kind:
	// Deduct per started step (conservative), per whole step (optimistic).
	Deduct, DeductOptimistic exact.Decimal
	// Ratio is, for a Proportional kind, the least of RatioPoints over its
	// scoring conditions (the full points when it has none).
	Ratio exact.Decimal
}

// ruleKinds is the registry. Its order is the order "known:" lists.
var ruleKinds = []*RuleKind{
	{
		Name: "all", Ruling: 5, args: []string{"points"},
		text:   [2]string{"全部满足得满分 %s 分，否则 0 分", "all requirements met: %s points, else 0"},
		points: allOrNothing,
	},
	{
		Name: "checklist", Ruling: 4, PerRequirement: true, Figures: []string{"deduct"}, args: []string{"points", "deduct"},
		text: [2]string{"满分 %s 分，每一项未满足扣 %s 分，不低于 0", "%s points, minus %s per unmet requirement, never below 0"},
		points: func(ind *Indicator, f Found) (exact.Decimal, exact.Decimal, error) {
			d, err := exact.Mul(exact.Int(int64(f.Unmet)), ind.Deduct.V)
			if err != nil {
				return exact.Zero, exact.Zero, err
			}
			p, err := floorZero(ind.Points.V, d)
			return p, p, err
		},
	},
	{
		Name: "linear", Ruling: 3, Figures: []string{"deduct", "step"}, Steps: true, args: []string{"points", "step", "deduct"},
		text: [2]string{"满分 %s 分，差距每开始一个 %s 的步长扣 %s 分（乐观读法只计整步），不低于 0",
			"%s points, minus %[3]s per started step of %[2]s of shortfall (whole steps only in the optimistic reading), never below 0"},
		points: func(ind *Indicator, f Found) (exact.Decimal, exact.Decimal, error) {
			p, err := floorZero(ind.Points.V, f.Deduct)
			if err != nil {
				return exact.Zero, exact.Zero, err
			}
			opt, err := floorZero(ind.Points.V, f.DeductOptimistic)
			return p, opt, err
		},
	},
	{
		Name: "ratio", Proportional: true, Figures: []string{"round"}, args: []string{"points", "round"},
		text: [2]string{"按实际值与达标线之比得分：满分 %s 分 × 实际值 ÷ 达标线，不超过满分，%s；多个条件取得分最低者",
			"points in proportion to value ÷ line: %s × value ÷ line, never above the full points, %s; with several conditions the lowest"},
		points: valuePoints,
		value: func(ind *Indicator, value, line exact.Decimal) (exact.Decimal, error) {
			return ind.RatioPoints(value, line)
		},
	},
	{
		Name: "bands", Proportional: true, Figures: []string{"bands"}, args: []string{"points", "bands"},
		text: [2]string{"按实际值所在档次得分（满分 %s 分）：%s；低于最低档 0 分；多个条件取得分最低者",
			"points by the band the value reaches (full %s): %s; below the lowest band 0; with several conditions the lowest"},
		points: valuePoints,
		value: func(ind *Indicator, value, _ exact.Decimal) (exact.Decimal, error) {
			return ind.BandPoints(value), nil
		},
	},
	{
		Name: "bonus", Ruling: 6, Bonus: true, args: []string{"points"},
		text:   [2]string{"全部满足加 %s 分，否则 0 分，不扣分", "all requirements met: +%s, else 0, never negative"},
		points: allOrNothing,
	},
}

// valuePoints gives what the engine found for a Proportional kind: the
// points of its weakest condition.
func valuePoints(_ *Indicator, f Found) (exact.Decimal, exact.Decimal, error) {
	return f.Ratio, f.Ratio, nil
}

// ValuePoints is what value earns against one "M >= line" condition of a
// Proportional kind; other kinds earn nothing by value.
func (k *RuleKind) ValuePoints(ind *Indicator, value, line exact.Decimal) (exact.Decimal, error) {
	if k.value == nil {
		return exact.Zero, fmt.Errorf("rule %s does not score by value", k.Name)
	}
	return k.value(ind, value, line)
}

// BandPoints is the points of the first band, from the highest, whose
// lower edge value reaches; 0 below every band.
func (ind *Indicator) BandPoints(value exact.Decimal) exact.Decimal {
	for _, b := range ind.Bands {
		if value.Cmp(b.From.V) >= 0 {
			return b.Points.V
		}
	}
	return exact.Zero
}

// bandsText lists ind's bands, highest first: "≥45 得 10 分、≥40 得 8 分".
func (ind *Indicator) bandsText(lang string) string {
	parts := make([]string, len(ind.Bands))
	for i, b := range ind.Bands {
		parts[i] = fmt.Sprintf(Pick(lang, "≥%s 得 %s 分", "≥%s: %s"), b.From, b.Points)
	}
	return strings.Join(parts, Pick(lang, "、", ", "))
}

// allOrNothing gives full points when every requirement is met, else 0.
func allOrNothing(ind *Indicator, f Found) (exact.Decimal, exact.Decimal, error) {
	if f.Unmet == 0 {
		return ind.Points.V, ind.Points.V, nil
	}
	return exact.Zero, exact.Zero, nil
}

// floorZero is full − deduct, never below 0.
func floorZero(full, deduct exact.Decimal) (exact.Decimal, error) {
	p, err := exact.Sub(full, deduct)
	return exact.Max(p, exact.Zero), err
}

// optionalFigures are the figures some kinds take and others refuse.
// "round" stands for the pair round_down / round_half_up: exactly one of
// them when a kind takes it, neither otherwise.
var optionalFigures = []string{"deduct", "step", "round", "bands"}

func init() {
	seen := map[string]bool{}
	for _, k := range ruleKinds {
		if k.Name == "" || seen[k.Name] || k.points == nil || k.text[0] == "" || k.text[1] == "" || len(k.args) == 0 {
			panic(fmt.Sprintf("criteria: rule kind %q is incomplete or registered twice", k.Name))
		}
		for _, f := range append(slices.Clone(k.Figures), k.args...) {
			if f != "points" && !slices.Contains(optionalFigures, f) {
				panic(fmt.Sprintf("criteria: rule kind %s names an unknown figure %q", k.Name, f))
			}
		}
		seen[k.Name] = true
	}
}

// RuleKinds returns every registered kind, for listings and tests.
func RuleKinds() []*RuleKind { return slices.Clone(ruleKinds) }

// RuleKindNames returns the names a criteria file may write as rule.
func RuleKindNames() []string {
	names := make([]string, len(ruleKinds))
	for i, k := range ruleKinds {
		names[i] = k.Name
	}
	return names
}

// LookupRuleKind returns the kind named name.
func LookupRuleKind(name string) (*RuleKind, bool) {
	for _, k := range ruleKinds {
		if k.Name == name {
			return k, true
		}
	}
	return nil, false
}

// Points is the kind's arithmetic: the points ind earns, conservative and
// optimistic, from what evaluating it found. Exact, never below 0, never
// above ind's points; Load's bounds on the figures keep it from failing,
// and an error here is a defect.
func (k *RuleKind) Points(ind *Indicator, f Found) (points, optimistic exact.Decimal, err error) {
	return k.points(ind, f)
}

// Describe says how ind earns its points, with its figures, in lang.
func (k *RuleKind) Describe(ind *Indicator, lang string) string {
	args := make([]any, len(k.args))
	for i, name := range k.args {
		args[i] = ind.figure(name)
		switch name {
		case "round":
			args[i] = ind.roundingText(lang)
		case "bands":
			args[i] = ind.bandsText(lang)
		}
	}
	return fmt.Sprintf(Pick(lang, k.text[0], k.text[1]), args...)
}

// figure returns the figure of ind a kind names.
func (ind *Indicator) figure(name string) Dec {
	switch name {
	case "deduct":
		return ind.Deduct
	case "step":
		return ind.Step
	case "round":
		if ind.RoundHalfUp.Given {
			return ind.RoundHalfUp
		}
		return ind.RoundDown
	}
	return ind.Points
}

// roundingText says how a Proportional indicator rounds, in lang.
func (ind *Indicator) roundingText(lang string) string {
	if ind.RoundHalfUp.Given {
		return fmt.Sprintf(Pick(lang, "四舍五入到 %s 分", "rounded half up to %s points"), ind.RoundHalfUp)
	}
	return fmt.Sprintf(Pick(lang, "向下舍入到 %s 分", "rounded down to %s points"), ind.RoundDown)
}

// RatioPoints is what one "M >= line" condition of a Proportional kind is
// worth at value: points × min(value, line) ÷ line, rounded down (or half
// up) to a multiple of the indicator's rounding unit q. Exact: the quotient
// is counted in whole steps of line × q, so no digit is ever lost to a
// division that does not end (10 × 37 ÷ 45 rounded down to 0.1 is 8.2).
func (ind *Indicator) RatioPoints(value, line exact.Decimal) (exact.Decimal, error) {
	if !line.IsPos() {
		return exact.Zero, fmt.Errorf("line %s is not positive", exact.String(line))
	}
	if value.Sign() <= 0 {
		return exact.Zero, nil
	}
	if value.Cmp(line) > 0 {
		value = line
	}
	q, halfUp := ind.RoundDown.V, false
	if ind.RoundHalfUp.Given {
		q, halfUp = ind.RoundHalfUp.V, true
	}
	num, err := exact.Mul(ind.Points.V, value)
	if err != nil {
		return exact.Zero, err
	}
	p, err := roundQuotient(num, line, q, halfUp)
	if err != nil {
		return exact.Zero, err
	}
	if p.Cmp(ind.Points.V) > 0 { // half up at the cap cannot pass the full points
		p = ind.Points.V
	}
	return p, nil
}

// StepDeduction is what steps steps of shortfall cost a Steps kind:
// Deduct per step. Steps past the number that takes every point cost no
// more (the points floor at 0 anyway), so the product stays within the
// bounds Load sets whatever the shortfall.
func (ind *Indicator) StepDeduction(steps exact.Decimal) (exact.Decimal, error) {
	if steps.Cmp(ind.stepCap) > 0 {
		steps = ind.stepCap
	}
	return exact.Mul(steps, ind.Deduct.V)
}

// check reports what ind lacks or has too much of for kind k, and prepares
// its step arithmetic.
func (k *RuleKind) check(c *collector, path string, ind *Indicator) {
	for _, f := range optionalFigures {
		switch f {
		case "round":
			k.checkRound(c, path, ind)
			continue
		case "bands":
			k.checkBands(c, path, ind)
			continue
		}
		d := ind.figure(f)
		switch {
		case slices.Contains(k.Figures, f) && (!d.Given || !d.V.IsPos()):
			c.at(Error, path+"."+f, "indicator %s: rule %s needs a positive %s", ind.ID, k.Name, f)
		case !slices.Contains(k.Figures, f) && d.Given:
			c.at(Error, path+"."+f, "indicator %s: rule %s takes no %s", ind.ID, k.Name, f)
		}
	}
	if k.Proportional && ind.Baseline {
		c.at(Error, path+".baseline", "indicator %s: a baseline must earn its full points, so it cannot be scored by %s", ind.ID, k.Name)
	}
	if k.Bonus && ind.Points.Given && !ind.Points.V.IsPos() {
		c.at(Error, path+".points", "indicator %s: a bonus needs positive points", ind.ID)
	}
	if k.Steps && ind.Deduct.Given && ind.Deduct.V.IsPos() {
		// The steps that take every point: more cost nothing more.
		most, _, err := exact.Steps(ind.Points.V, ind.Deduct.V)
		if err != nil {
			c.at(Error, path+".deduct", "indicator %s: %s points ÷ deduct %s: %v", ind.ID, ind.Points, ind.Deduct, err)
		}
		ind.stepCap = most
	}
}

// checkRound: a kind that takes "round" needs exactly one positive
// round_down or round_half_up (the rounding is always stated, never
// guessed); any other kind takes neither.
func (k *RuleKind) checkRound(c *collector, path string, ind *Indicator) {
	takes := slices.Contains(k.Figures, "round")
	for _, r := range []struct {
		key string
		d   Dec
	}{{"round_down", ind.RoundDown}, {"round_half_up", ind.RoundHalfUp}} {
		switch {
		case !takes && r.d.Given:
			c.at(Error, path+"."+r.key, "indicator %s: rule %s takes no %s", ind.ID, k.Name, r.key)
		case takes && r.d.Given && !r.d.V.IsPos():
			c.at(Error, path+"."+r.key, "indicator %s: rule %s needs a positive %s", ind.ID, k.Name, r.key)
		}
	}
	if !takes {
		return
	}
	switch {
	case ind.RoundDown.Given && ind.RoundHalfUp.Given:
		c.at(Error, path+".round_half_up", "indicator %s: rule %s rounds one way: round_down or round_half_up, not both", ind.ID, k.Name)
	case !ind.RoundDown.Given && !ind.RoundHalfUp.Given:
		c.at(Error, path+".rule", "indicator %s: rule %s needs its rounding stated: round_down = \"0.1\" or round_half_up = \"0.01\"", ind.ID, k.Name)
	}
}

// checkBands: a kind that takes "bands" needs a table whose lower edges
// fall strictly and whose points never rise, the first band worth the
// indicator's full points (so reaching the line is full points); any other
// kind takes none.
func (k *RuleKind) checkBands(c *collector, path string, ind *Indicator) {
	takes := slices.Contains(k.Figures, "bands")
	switch {
	case !takes && len(ind.Bands) > 0:
		c.at(Error, path+".bands", "indicator %s: rule %s takes no bands", ind.ID, k.Name)
		return
	case !takes:
		return
	case len(ind.Bands) == 0:
		c.at(Error, path+".rule", "indicator %s: rule %s needs bands = [{ from = …, points = … }, …], highest first", ind.ID, k.Name)
		return
	}
	for i, b := range ind.Bands {
		bp := path + ".bands" // an inline table's line is its array's
		if !b.From.Given || !b.Points.Given {
			c.at(Error, bp, "indicator %s: band %d needs from and points", ind.ID, i+1)
			continue
		}
		if i == 0 && ind.Points.Given && b.Points.V.Cmp(ind.Points.V) != 0 {
			c.at(Error, bp, "indicator %s: the first band is worth %s, not the full %s points", ind.ID, b.Points, ind.Points)
		}
		if i > 0 {
			prev := ind.Bands[i-1]
			if prev.From.Given && b.From.V.Cmp(prev.From.V) >= 0 {
				c.at(Error, bp, "indicator %s: band edges must fall: %s after %s", ind.ID, b.From, prev.From)
			}
			if prev.Points.Given && b.Points.V.Cmp(prev.Points.V) > 0 {
				c.at(Error, bp, "indicator %s: a lower band cannot be worth more: %s after %s", ind.ID, b.Points, prev.Points)
			}
		}
	}
}

// roundQuotient is num ÷ den rounded down, or half up, to a multiple of q,
// exactly: it counts whole steps of den × q in num, so no digit is lost to
// a division that does not end. num is not negative; den and q are
// positive.
func roundQuotient(num, den, q exact.Decimal, halfUp bool) (exact.Decimal, error) {
	unit, err := exact.Mul(den, q)
	if err != nil {
		return exact.Zero, err
	}
	if halfUp {
		half, err := exact.Mul(unit, exact.MustParse("0.5"))
		if err == nil {
			num, err = exact.Add(num, half)
		}
		if err != nil {
			return exact.Zero, err
		}
	}
	_, whole, err := exact.Steps(num, unit)
	if err != nil {
		return exact.Zero, err
	}
	return exact.Mul(whole, q)
}
