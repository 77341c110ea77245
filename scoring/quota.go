package scoring

import (
	"errors"
	"fmt"
	"slices"
	"strconv"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
)

// Scopes of a quota line.
const (
	ScopeSubject = "subject"  // the subject's own value against its own target
	ScopeCity    = "city"     // the city's own value against a city-wide target
	ScopeCitySum = "city-sum" // the sum of the county-level subjects against a city-wide target
)

// EvaluateQuotas evaluates every record of a run under the quota set s.
// A target plan covers a bounded list of subjects, so the whole run is in
// hand: the city's city-wide rows need the county-level subjects' values.
// Warnings go to w.
//
// An *Error says that the values given make a target or a sum impossible
// to compute exactly. EvaluateQuotas forms every sum Rollup will form over
// its results first, so Rollup never meets one.
func EvaluateQuotas(s *criteria.Set, recs []*inputs.Record, w *inputs.Warnings) ([]*Quotas, error) {
	if err := checkValueSums(s, recs); err != nil {
		return nil, err
	}
	sums := citySums(s, recs)
	out := make([]*Quotas, 0, len(recs))
	for _, rec := range recs {
		q, err := evaluateSubject(s, rec, sums, w)
		if err != nil {
			if e, ok := err.(*Error); ok {
				return nil, e.of(rec)
			}
			return nil, fmt.Errorf("%s: %w", rec.Subject, err)
		}
		out = append(out, q)
	}
	if err := checkTargetSums(out); err != nil {
		return nil, err
	}
	return out, nil
}

// checkValueSums adds up, for each measure a quota row compares, the
// values of every record of the run: no sum the engine forms of them (a
// city-wide sum, a roll-up) is larger, values being never negative.
func checkValueSums(s *criteria.Set, recs []*inputs.Record) error {
	for i := range s.Quotas {
		q := &s.Quotas[i]
		for _, idx := range quotaMeasures(s, q) {
			sum := exact.Zero
			for _, rec := range recs {
				if v := rec.Values[idx]; v.Given {
					var err error
					if sum, err = exact.Add(sum, v.Num); err != nil {
						return &Error{Item: q.ID, Measure: s.Measures[idx].ID, Msg: "the values given add up past 19 digits, so the city-wide sums cannot be formed"}
					}
				}
			}
		}
	}
	return nil
}

// checkTargetSums adds up the subjects' targets of each line: the roll-up's
// sum of targets is no larger, nor its sum of gaps (a gap is at most the
// target of an "at least" row, at most the value of an "at most" row, whose
// sums checkValueSums has formed).
func checkTargetSums(results []*Quotas) error {
	sums := map[string]exact.Decimal{}
	for _, r := range results {
		for _, line := range r.Quotas {
			if line.Target == nil || line.Scope != ScopeSubject {
				continue
			}
			sum, err := exact.Add(sums[line.ID], line.Target.V)
			if err != nil {
				return &Error{Item: line.ID, Msg: "the subjects' targets add up past 19 digits, so the roll-up cannot be formed"}
			}
			sums[line.ID] = sum
		}
	}
	return nil
}

// quotaMeasures are the measures row q compares: one, or one per plan year.
func quotaMeasures(s *criteria.Set, q *criteria.Quota) []int {
	if !q.Yearly {
		if q.MeasureIdx < 0 {
			return nil
		}
		return []int{q.MeasureIdx}
	}
	var out []int
	for _, y := range s.Years {
		if idx, ok := s.YearlyMeasure(q.Measure, y); ok {
			out = append(out, idx)
		}
	}
	return out
}

// citySum is the sum of one measure over the county-level subjects of a run.
type citySum struct {
	sum      exact.Decimal
	reported int
	members  int // the members the row applies to (not applicable ones left out)
}

// citySums sums each summed row's measure over the row's members
// (criteria.Set.SumMembers), keyed by the row's ID: two rows of one
// measure may add up different members.
func citySums(s *criteria.Set, recs []*inputs.Record) map[string]*citySum {
	sums := map[string]*citySum{}
	for i := range s.Quotas {
		q := &s.Quotas[i]
		if q.Rollup != criteria.RollupSum || q.MeasureIdx < 0 {
			continue
		}
		cs := &citySum{sum: exact.Zero}
		sums[q.ID] = cs
		members := applicableMembers(s, q, s.SumMembers(q), recs)
		cs.members = len(members)
		for _, rec := range recs {
			if !slices.Contains(members, rec.Subject) {
				continue
			}
			if v := rec.Values[q.MeasureIdx]; v.Given {
				cs.sum = add(cs.sum, v.Num)
				cs.reported++
			}
		}
	}
	return sums
}

func evaluateSubject(s *criteria.Set, rec *inputs.Record, sums map[string]*citySum, w *inputs.Warnings) (*Quotas, error) {
	res := &Quotas{
		Subject: rec.Subject, Illustrative: rec.Illustrative, Year: rec.Year,
		Quotas: []Quota{}, Missing: []string{}, NotDue: []string{}, Assumed: rec.Assumed,
	}
	subj, ok := s.Registry().Resolve(rec.Subject)
	if !ok {
		subj = criteria.Subject{Name: rec.Subject, Level: rec.Level}
	}
	due, notDue := s.YearsUpTo(rec.Year)
	for i := range s.Quotas {
		q := &s.Quotas[i]
		if ownTarget(q, subj) {
			if !q.Yearly {
				line, err := subjectLine(s, q, q.ID, q.MeasureIdx, rec, res)
				if err != nil {
					return nil, err
				}
				res.Quotas = append(res.Quotas, line)
			}
			for _, y := range due {
				if !q.Yearly {
					break
				}
				idx, ok := s.YearlyMeasure(q.Measure, y)
				if !ok {
					return nil, fmt.Errorf("%s: no measure %s.%d", q.ID, q.Measure, y)
				}
				line, err := subjectLine(s, q, s.Measures[idx].ID, idx, rec, res)
				if err != nil {
					return nil, err
				}
				line.Year = y
				res.Quotas = append(res.Quotas, line)
			}
			if q.Yearly {
				for _, y := range notDue {
					res.NotDue = append(res.NotDue, q.Measure+"."+strconv.Itoa(y))
				}
			}
		}
		if subj.Name == s.City && q.CityTarget.Given {
			res.Quotas = append(res.Quotas, cityLine(s, q, rec, res, sums, w))
		}
	}
	res.Tiers = tiers(s, rec, subj)
	slices.SortStableFunc(res.Quotas, func(a, b Quota) int { return compareIDs(a.ID, b.ID) })
	slices.Sort(res.Missing)
	res.Missing = slices.Compact(res.Missing)
	res.Verdict = quotaVerdict(res)
	return res, nil
}

// ownTarget reports whether subj owes row q a target of its own (as
// opposed to the city's city-wide target).
func ownTarget(q *criteria.Quota, subj criteria.Subject) bool {
	if _, ok := q.Targets[subj.Name]; ok {
		return true
	}
	return slices.Contains(q.AppliesTo, subj.Level) || slices.Contains(q.OwedBy, subj.Name)
}

func quotaVerdict(r *Quotas) string {
	incomplete := false
	for _, q := range r.Quotas {
		if q.Strength == "aspirational" || q.Strength == "mark" || q.Status == StatusNA {
			continue // reported, never deciding (力争, 优先评定, 不适用)
		}
		if !q.Known() {
			incomplete = true
		} else if !q.Met {
			return NotMet
		}
	}
	if incomplete {
		return Incomplete
	}
	return Met
}

// subjectLine evaluates the subject's own target under row q.
func subjectLine(s *criteria.Set, q *criteria.Quota, id string, idx int, rec *inputs.Record, res *Quotas) (Quota, error) {
	line := Quota{ID: id, Row: q.ID, Op: string(q.Cmp), Scope: ScopeSubject, Strength: q.Strength}
	if q.Strength == "target" {
		line.Strength = ""
	}
	if naQuotaLine(s, q, idx, rec, &line) {
		return line, nil
	}
	if q.Check {
		checkLine(s, q, idx, rec, res, &line)
		return line, nil
	}
	target, deriv, missing, err := targetFor(s, q, rec)
	if err != nil {
		return line, err
	}
	line.Derived = deriv
	if missing != "" {
		res.Missing = append(res.Missing, missing)
	} else {
		line.Target = P(target)
	}
	if v := rec.Values[idx]; v.Given {
		line.Actual = P(v.Num)
	} else {
		res.Missing = append(res.Missing, s.Measures[idx].ID)
	}
	finish(&line, q.Cmp)
	return line, nil
}

// cityLine evaluates the city-wide target of row q for the city.
func cityLine(s *criteria.Set, q *criteria.Quota, rec *inputs.Record, res *Quotas, sums map[string]*citySum, w *inputs.Warnings) Quota {
	line := Quota{ID: q.ID, Row: q.ID, Op: string(q.Cmp), Scope: ScopeCity, Target: P(q.CityTarget.V), Strength: q.Strength}
	if q.Strength == "target" {
		line.Strength = ""
	}
	if q.Rollup != criteria.RollupSum && naQuotaLine(s, q, q.MeasureIdx, rec, &line) {
		line.Target = nil
		return line
	}
	own := rec.Values[q.MeasureIdx]
	if q.Rollup == criteria.RollupSum {
		line.Scope = ScopeCitySum
		cs := sums[q.ID]
		all := cs.members
		line.Derived = &Derivation{Kind: ScopeCitySum, Members: all, Reported: cs.reported}
		if q.RowTotal.Given && q.RowTotal.V.Cmp(q.CityTarget.V) != 0 {
			line.Derived.TableTotal = P(q.RowTotal.V)
		}
		if cs.reported == all {
			line.Actual = P(cs.sum)
			if line.Derived.TableTotal != nil {
				gap, _ := exact.Sub(q.RowTotal.V, cs.sum)
				line.Derived.TableGap = P(exact.Max(gap, exact.Zero))
			}
		} else {
			res.Missing = append(res.Missing, q.Measure)
		}
		if own.Given {
			w.Add(rec.File+"\x00citysum\x00"+q.Measure, fmt.Sprintf(
				"%s: %s: the city's %s is the sum of its county-level subjects' values; the value given for %s itself is not used",
				where(rec), q.Measure, q.ID, rec.Subject))
		}
	} else if own.Given {
		line.Actual = P(own.Num)
	} else {
		res.Missing = append(res.Missing, q.Measure)
	}
	finish(&line, q.Cmp)
	return line
}

func where(rec *inputs.Record) string {
	if rec.Line > 0 {
		return fmt.Sprintf("%s:%d", rec.File, rec.Line)
	}
	return rec.File
}

// finish sets gap, met and share done once target and actual are known.
func finish(line *Quota, op criteria.Op) {
	if line.Target == nil || line.Actual == nil {
		return
	}
	t, a := line.Target.V, line.Actual.V
	var gap exact.Decimal
	if op == criteria.LE {
		gap, _ = exact.Sub(a, t)
	} else {
		gap, _ = exact.Sub(t, a)
	}
	if op == criteria.LE && !gap.IsPos() {
		line.Headroom = P(gap.Neg())
	}
	gap = exact.Max(gap, exact.Zero)
	line.Gap, line.Met = P(gap), gap.IsZero()
	if op != criteria.LE {
		if share, ok := exact.Share(a, t); ok {
			d, _ := exact.Parse(share)
			line.Done = P(d)
		}
	}
}

// targetFor returns the target subject rec owes under row q, or the ID of
// the value it cannot be derived without.
func targetFor(s *criteria.Set, q *criteria.Quota, rec *inputs.Record) (exact.Decimal, *Derivation, string, error) {
	if t, ok := q.Targets[rec.Subject]; ok {
		return t.V, nil, "", nil
	}
	switch q.Derive {
	case "":
		return q.Target.V, nil, "", nil
	case criteria.DeriveGrowthBand:
		base := rec.Values[q.BaseIdx]
		d := &Derivation{Kind: q.Derive}
		if !base.Given {
			return exact.Zero, d, s.Measures[q.BaseIdx].ID, nil
		}
		growth := bandGrowth(q.Bands, base.Num)
		factor, err := exact.Add(exact.One, growth)
		if err == nil {
			var t exact.Decimal
			if t, err = exact.Mul(base.Num, factor); err == nil {
				d.Base, d.Growth = P(base.Num), P(growth)
				return t, d, "", nil
			}
		}
		return exact.Zero, nil, "", &Error{Item: q.ID, Measure: s.Measures[q.BaseIdx].ID,
			Msg: fmt.Sprintf("the target %s × (1 + %s) %s", exact.String(base.Num), exact.String(growth), why(err))}
	case criteria.DerivePerPopulation:
		d := &Derivation{Kind: q.Derive, Rate: P(q.Rate.V), Per: P(q.Per.V)}
		if !rec.Population.Given {
			return exact.Zero, d, "population", nil
		}
		d.Population = P(rec.Population.Num)
		bad := func(err error) (exact.Decimal, *Derivation, string, error) {
			return exact.Zero, nil, "", &Error{Item: q.ID, Measure: "population",
				Msg: fmt.Sprintf("the target %s × %s ÷ %s %s", q.Rate, exact.String(rec.Population.Num), q.Per, why(err))}
		}
		x, err := exact.Mul(q.Rate.V, rec.Population.Num)
		if err != nil {
			return bad(err)
		}
		if e, err := x.Quo(q.Per.V); err == nil {
			d.Exact = P(e.Trim(0))
		}
		if s.Measures[q.MeasureIdx].Kind == criteria.Count {
			t, err := exact.CeilDiv(x, q.Per.V)
			if err != nil {
				return bad(err)
			}
			return t, d, "", nil
		}
		t, err := x.Quo(q.Per.V)
		if err != nil {
			return bad(err)
		}
		if back, err := exact.Mul(t, q.Per.V); err != nil || back.Cmp(x) != 0 {
			return bad(errors.New("has no exact decimal value"))
		}
		return t.Trim(0), d, "", nil
	}
	return exact.Zero, nil, "", fmt.Errorf("%s: unknown derive %q", q.ID, q.Derive)
}

// bandGrowth finds the growth owed by a base value: the first band whose
// upper edge (inclusive) it does not exceed, else the last band.
func bandGrowth(bands []criteria.Band, base exact.Decimal) exact.Decimal {
	for _, b := range bands {
		if !b.Upto.Given || base.Cmp(b.Upto.V) <= 0 {
			return b.Growth.V
		}
	}
	return bands[len(bands)-1].Growth.V
}

// compareIDs orders IDs as people number them: F2 before F10, G09.coverage
// before G10.
func compareIDs(a, b string) int {
	for a != "" && b != "" {
		da, ra := leadingDigits(a)
		db, rb := leadingDigits(b)
		if da != "" && db != "" {
			na, _ := strconv.Atoi(da)
			nb, _ := strconv.Atoi(db)
			if na != nb {
				return na - nb
			}
			a, b = ra, rb
			continue
		}
		if a[0] != b[0] {
			return int(a[0]) - int(b[0])
		}
		a, b = a[1:], b[1:]
	}
	return len(a) - len(b)
}

func leadingDigits(s string) (string, string) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i], s[i:]
}
