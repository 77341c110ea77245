package scoring

import (
	"strconv"

	"countyscore/exact"
	"countyscore/inputs"
)

// Number is an exact decimal written as a JSON number, never a string
// (output contract).
type Number struct{ V exact.Decimal }

// N wraps d.
func N(d exact.Decimal) Number { return Number{V: d} }

// P returns a pointer to N(d), for nullable fields.
func P(d exact.Decimal) *Number { n := N(d); return &n }

func (n Number) String() string { return exact.String(n.V) }

// MarshalJSON writes n without trailing zeros: 83.5, 85, 0.
func (n Number) MarshalJSON() ([]byte, error) {
	return []byte(exact.String(n.V)), nil
}

// UnmarshalJSON reads a JSON number exactly, so saved JSON can be replayed.
func (n *Number) UnmarshalJSON(b []byte) error {
	d, err := exact.Parse(string(b))
	if err != nil {
		return err
	}
	n.V = d
	return nil
}

// Verdicts the engine gives before points decide (output contract).
const (
	Vetoed             = "vetoed"
	PrerequisitesUnmet = "prerequisites-unmet"
	BaselineUnmet      = "baseline-unmet"
	Incomplete         = "incomplete"
	NotMet             = "not-met"
	Met                = "met"
)

// Indicator statuses (output contract).
const (
	StatusMet     = "met"
	StatusPartial = "partial"
	StatusUnmet   = "unmet"
	StatusMissing = "missing"
	StatusBonus   = "bonus"
	StatusVetoed  = "vetoed"
)

// Scored is one subject's result under a scored standard.
type Scored struct {
	Subject            string   `json:"subject"`
	Illustrative       bool     `json:"illustrative"`
	Points             Number   `json:"points"`            // conservative reading (ruling 3)
	PointsOptimistic   Number   `json:"points_optimistic"` // optimistic reading
	MaxPoints          Number   `json:"max_points"`
	Verdict            string   `json:"verdict"`
	VetoFailures       []string `json:"veto_failures"`
	BaselineFailures   []string `json:"baseline_failures"`
	PrerequisitesUnmet []string `json:"prerequisites_unmet"`
	Missing            []string `json:"missing"`
	// GatingMissing are the missing values that decide the verdict before
	// points (a prerequisite, a baseline or veto value): the cells to fill
	// first.
	GatingMissing []string `json:"gating_missing,omitempty"`
	// Assumed are the measures whose values came from --set, not the file.
	Assumed       []string `json:"assumed,omitempty"`
	MissingPoints Number   `json:"missing_points"` // the most the indicators missing values could still earn
	// RawPoints is the sum of the indicators' points when the set's
	// category weights or its na_policy make the score something else;
	// ApplicableMax is the maximum of the items that apply, under
	// NAPolicy, when any does not; NotApplicable lists those items.
	RawPoints     *Number     `json:"raw_points,omitempty"`
	ApplicableMax *Number     `json:"applicable_max,omitempty"`
	NAPolicy      string      `json:"na_policy,omitempty"`
	NotApplicable []string    `json:"not_applicable,omitempty"`
	NextLine      *NextLine   `json:"next_line"` // null once the top line is reached
	Categories    []Category  `json:"categories"`
	Indicators    []Indicator `json:"indicators"`
	// Values are the measured values, indexed like the set's measures, for
	// renderers that show what was given; the JSON carries the scores only.
	Values []inputs.Value `json:"-"`

	// lineNum ÷ lineDen scales the lines under na_policy "subtract" (A ÷
	// D in settle); lineDen is zero when the lines are compared as stated.
	lineNum, lineDen exact.Decimal
}

// NextLine is the lowest line not yet reached and how far it is.
type NextLine struct {
	// Points is the line as compared: under na_policy "subtract" it is the
	// stated line scaled to the applicable maximum (Stated), rounded up to
	// the set's rounding unit for display; the comparison is exact.
	Stated  *Number `json:"stated,omitempty"`
	Points  Number  `json:"points"`
	Verdict string  `json:"verdict"`
	Short   Number  `json:"short"`
}

// Category is a category subtotal.
type Category struct {
	ID               string `json:"id"`
	Name             string `json:"name"`
	Points           Number `json:"points"`
	PointsOptimistic Number `json:"points_optimistic"`
	MaxPoints        Number `json:"max_points"`
	// Weight is the category's stated share of the score, when the set
	// weighs its categories; ApplicableMax its maximum less the points of
	// its items that do not apply, when any does not.
	Weight        *Number `json:"weight,omitempty"`
	ApplicableMax *Number `json:"applicable_max,omitempty"`
}

// Indicator is one indicator's score.
type Indicator struct {
	ID               string      `json:"id"`
	Points           Number      `json:"points"`
	PointsOptimistic Number      `json:"points_optimistic"`
	MaxPoints        Number      `json:"max_points"`
	Status           string      `json:"status"`
	Shortfalls       []Shortfall `json:"shortfalls"`
	// Reason (in the criteria's words) and NASource ("criteria" or
	// "input") say why an item is not applicable (status not-applicable).
	Reason   string `json:"reason,omitempty"`
	ReasonEn string `json:"reason_en,omitempty"`
	NASource string `json:"na_source,omitempty"`
}

// Shortfall is one condition not met: what it needs, what was given and,
// for numbers, how much is short in the measure's own unit.
type Shortfall struct {
	Measure string  `json:"measure"`
	Op      string  `json:"op"`
	Target  Scalar  `json:"target"`
	Actual  *Scalar `json:"actual"` // null when missing
	Short   *Number `json:"short"`  // null for true/false and missing values
}

// Scalar is a measured value or threshold: a number or true/false.
type Scalar struct {
	IsBool bool
	Bool   bool
	Num    exact.Decimal
}

// MarshalJSON writes a JSON number or boolean.
func (s Scalar) MarshalJSON() ([]byte, error) {
	if s.IsBool {
		return []byte(strconv.FormatBool(s.Bool)), nil
	}
	return []byte(exact.String(s.Num)), nil
}

// UnmarshalJSON reads a number or a boolean.
func (s *Scalar) UnmarshalJSON(b []byte) error {
	switch string(b) {
	case "true", "false":
		s.IsBool, s.Bool = true, string(b) == "true"
		return nil
	}
	d, err := exact.Parse(string(b))
	s.Num = d
	return err
}

// Quotas is one subject's result under a target plan.
type Quotas struct {
	Subject      string   `json:"subject"`
	Illustrative bool     `json:"illustrative"`
	Year         int      `json:"year,omitempty"`
	Verdict      string   `json:"verdict"`
	Quotas       []Quota  `json:"quotas"`
	Missing      []string `json:"missing"`
	NotDue       []string `json:"not_due"`           // yearly quotas after the values' year (ruling 17)
	Assumed      []string `json:"assumed,omitempty"` // measures whose values came from --set
	// Tiers classify the subject (band tables); they never decide the
	// verdict.
	Tiers []TierResult `json:"tiers,omitempty"`
}

// TierResult is a subject's tier: the band its value reaches, or no band
// below them all, or undecided when the value is missing.
type TierResult struct {
	ID      string  `json:"id"`
	Status  string  `json:"status"`          // "classified", "below" or "missing"
	Label   string  `json:"label,omitempty"` // the band's label, or the tier's below_label
	From    *Number `json:"from"`            // the band's lower edge; null below every band or when missing
	Value   *Number `json:"value"`           // the value classified; null when missing
	Measure string  `json:"measure"`
	// Reason and NASource: see Indicator (status not-applicable).
	Reason   string `json:"reason,omitempty"`
	ReasonEn string `json:"reason_en,omitempty"`
	NASource string `json:"na_source,omitempty"`
}

// Tier statuses.
const (
	TierClassified = "classified"
	TierBelow      = "below"
	TierMissing    = "missing"
)

// Quota is one target a subject owes, and how far it is.
type Quota struct {
	ID     string  `json:"id"`
	Row    string  `json:"row"` // the criteria row it comes from (F12 for F12.2024)
	Target *Number `json:"target"`
	Actual *Number `json:"actual"`
	Gap    *Number `json:"gap"`
	// Headroom is what a ceiling (≤) row has left below its target (余量);
	// its Gap is the excess above it (超出).
	Headroom *Number `json:"headroom,omitempty"`
	Met      bool    `json:"met"`
	Op       string  `json:"op"`
	Done     *Number `json:"done_pct"` // actual ÷ target × 100, one decimal, for display
	Scope    string  `json:"scope"`    // "subject", "city" (a city-wide target on the city's value) or "city-sum"
	// Check is "done" or "not-done" for a yes/no row (a true/false measure
	// or conditions), "" for a number row or while its value is missing.
	Check string `json:"check,omitempty"`
	// Strength is "binding", "aspirational" or "" (a plain target); an
	// aspirational row never decides the verdict.
	Strength string `json:"strength,omitempty"`
	// Shortfalls are a conditions row's unmet or missing conditions.
	Shortfalls []Shortfall `json:"shortfalls,omitempty"`
	Derived    *Derivation `json:"derived"` // how a derived target came about; null otherwise
	Year       int         `json:"year,omitempty"`
	// Status is "not-applicable" when the row does not apply to the
	// subject (then Reason and NASource say why); "" otherwise, the
	// line's state being in Met, Gap and Check.
	Status   string `json:"status,omitempty"`
	Reason   string `json:"reason,omitempty"`
	ReasonEn string `json:"reason_en,omitempty"`
	NASource string `json:"na_source,omitempty"`
}

// Derivation records the figures a derived target came from.
type Derivation struct {
	Kind       string  `json:"kind"`
	Base       *Number `json:"base,omitempty"`
	Growth     *Number `json:"growth,omitempty"`
	Population *Number `json:"population,omitempty"`
	Rate       *Number `json:"rate,omitempty"`
	Per        *Number `json:"per,omitempty"`
	Exact      *Number `json:"exact,omitempty"` // before rounding up to whole units
	// Members/Reported count the county-level subjects a city-wide sum needs
	// and how many of them gave the value.
	Members  int `json:"members,omitempty"`
	Reported int `json:"reported,omitempty"`
	// TableTotal is the source table's row total of a city-wide row whose
	// stated target differs from it, and TableGap how far the sum is from
	// it: a report states the sum against both figures.
	TableTotal *Number `json:"table_total,omitempty"`
	TableGap   *Number `json:"table_gap,omitempty"`
}

// Known reports whether the line is decided: a gap computed, or a yes/no
// answered.
func (q Quota) Known() bool { return q.Gap != nil || q.Check != "" }

// Check values of a yes/no line.
const (
	CheckDone    = "done"
	CheckNotDone = "not-done"
)

// CloneShortfalls copies shortfalls out of a Scorer's reused memory, for
// a caller that keeps them past the next subject.
func CloneShortfalls(list []Shortfall) []Shortfall {
	out := make([]Shortfall, len(list))
	for i, sf := range list {
		out[i] = sf
		if sf.Actual != nil {
			a := *sf.Actual
			out[i].Actual = &a
		}
		if sf.Short != nil {
			s := *sf.Short
			out[i].Short = &s
		}
	}
	return out
}
