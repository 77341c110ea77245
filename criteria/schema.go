// Package criteria holds the standards and target plans countyscore
// evaluates, as data.
//
// A criteria set is one TOML file. It names its measures (what a county
// types in), and either indicators that earn points (a scored standard such
// as the garden county standard) or quotas that a subject owes (a target plan
// such as the fitness-facility quotas). Every rule carries the row of the
// source document it encodes and the rulings it relies on, so a reader of the
// file never has to take the engine's word for anything. Nothing about one
// standard, city or year lives in Go code: a new standard of the same family
// is a new file, loaded by the same Load and judged by the same Check.
//
// The structs below are both the TOML schema (the toml tags) and the
// resolved model the engine reads (fields tagged "-", filled by Load).
package criteria

import (
	"fmt"
	"strings"

	"countyscore/exact"
	"countyscore/tomlpos"
)

// Kinds of criteria set.
const (
	KindScored = "scored" // indicators earn points; verdict by veto, baseline, prerequisites and lines
	KindQuota  = "quota"  // subjects owe targets; verdict by gaps
)

// Set is one criteria set.
type Set struct {
	ID       string   `toml:"id"`
	Kind     string   `toml:"kind"`
	Extends  string   `toml:"extends"` // an extension adds targets to this set
	Title    string   `toml:"title"`
	TitleEn  string   `toml:"title_en"`
	Source   string   `toml:"source"`   // document number and annex
	Document string   `toml:"document"` // the document's full title and date
	Notes    []string `toml:"notes"`
	NotesEn  []string `toml:"notes_en"`
	// Rulings are the readings of what the source leaves open, written once
	// here and cited by number beside each rule that relies on them.
	Rulings []Ruling `toml:"ruling"`

	// Subjects is "any" when the set applies to any county (a standard), or
	// "targets" when it evaluates only subjects it names targets for.
	Subjects string `toml:"subjects"`
	// City is the subject that holds city-wide targets (quota sets).
	City string `toml:"city"`
	// Years are the plan's years: yearly measures and quotas repeat for each.
	Years []int `toml:"years"`

	// Scored sets.
	MaxPoints    Dec    `toml:"max_points"`
	BelowVerdict string `toml:"below_verdict"` // verdict under the lowest line
	BelowLabel   string `toml:"below_label"`
	BelowLabelEn string `toml:"below_label_en"`
	Lines        []Line `toml:"line"`
	// Verdicts relabel the engine's own verdicts (vetoed, baseline-unmet,
	// …) in the standard's words; a verdict not listed keeps its generic
	// label.
	Verdicts []VerdictLabel `toml:"verdict"`
	// DefaultType names an indicator that is neither baseline, veto nor
	// bonus in the indicator tables (导向 in the garden standard); empty
	// gives a generic word.
	DefaultType   string `toml:"default_type"`
	DefaultTypeEn string `toml:"default_type_en"`
	// TypeColumn is the heading of the source's type column, when it has
	// one: explain then says so of a row that prints no type.
	TypeColumn string `toml:"type_column"`
	// NotApplicable declares items that do not apply to some subjects
	// (criteria/notapplicable.go); NAPolicy is how a scored set's maximum
	// treats their points ("rescale" or "subtract"); RoundDown and
	// RoundHalfUp state how a rescaled or weighted score is rounded.
	NotApplicable []NotApplicable `toml:"not_applicable"`
	NAPolicy      string          `toml:"na_policy"`
	RoundDown     Dec             `toml:"round_down"`
	RoundHalfUp   Dec             `toml:"round_half_up"`
	Prerequisites []Prerequisite  `toml:"prerequisite"`
	Categories    []Category      `toml:"category"`
	Indicators    []Indicator     `toml:"indicator"`
	Schedule      []Milestone     `toml:"schedule"`

	Measures []Measure `toml:"measure"`
	// Attributes are facts about a subject the input states beside its
	// values (the field of a town's industry); Thresholds are figures
	// chosen by one ($name in a condition).
	Attributes []Attribute `toml:"attribute"`
	Thresholds []Threshold `toml:"threshold"`
	// Declared are subjects the criteria file adds to the built-in roster
	// for this set only; AnyLevel is the level of a name neither knows,
	// in a set for any subject.
	Declared []Subject `toml:"subject"`
	AnyLevel string    `toml:"any_level"`
	// Tiers classify a subject by a value (band tables with unequal
	// steps); a tier never enters a verdict.
	Tiers []Tier `toml:"tier"`

	// Quota sets.
	Quotas []Quota       `toml:"quota"`
	Assign []Assignment  `toml:"assign"` // extensions only
	Base   *Set          `toml:"-"`      // the set an extension extends
	File   string        `toml:"-"`      // where the set was read from
	Pos    tomlpos.Index `toml:"-"`

	measureIndex map[string]int
	quotaIndex   map[string]int
	reg          *Registry                   // the built-in registry plus Declared
	na           map[string][]*NotApplicable // item ID → declarations that it does not apply
	hasNA        bool                        // an item may not apply: declared, or 不适用 allowed in the input
	weightK      []exact.Decimal             // per category: weight × the other categories' maxima
	// Conditions counts every condition of every indicator, so the engine
	// can lay out one subject's shortfalls in a single allocation.
	Conditions int `toml:"-"`
}

// Line is a points threshold with the verdict it earns (70: forwardable).
type Line struct {
	Points  Dec    `toml:"points"`
	Verdict string `toml:"verdict"`
	Label   string `toml:"label"`
	LabelEn string `toml:"label_en"`
	Source  string `toml:"source"`
	Rulings []int  `toml:"rulings"`
}

// VerdictLabel gives one of the engine's verdicts the standard's words.
type VerdictLabel struct {
	ID      string `toml:"id"`
	Label   string `toml:"label"`
	LabelEn string `toml:"label_en"`
}

// VerdictLabel returns the standard's own label for verdict id in lang,
// if it gives one.
func (s *Set) VerdictLabel(id, lang string) (string, bool) {
	for _, v := range s.Verdicts {
		if v.ID == id {
			return Pick(lang, v.Label, v.LabelEn), true
		}
	}
	return "", false
}

// Prerequisite is a condition a subject must meet before it may apply at all.
// Its measure is a bool of the same ID.
type Prerequisite struct {
	ID      string `toml:"id"`
	Name    string `toml:"name"`
	NameEn  string `toml:"name_en"`
	Text    string `toml:"text"`
	Source  string `toml:"source"`
	Rulings []int  `toml:"rulings"`
	Measure int    `toml:"-"`
}

// Category groups indicators. StatedPoints is what the source prints in the
// heading; the points reported are always the sum of the indicators, and
// Check shows any difference (ruling 11).
type Category struct {
	ID           string `toml:"id"`
	Name         string `toml:"name"`
	NameEn       string `toml:"name_en"`
	StatedPoints Dec    `toml:"stated_points"`
	Source       string `toml:"source"`
	Rulings      []int  `toml:"rulings"`
	// Weight is the category's share of the set's score (criteria/weights.go):
	// given on every category or on none, summing to exactly 1.
	Weight Dec `toml:"weight"`

	MaxPoints exact.Decimal `toml:"-"`
}

// Measure kinds (input contract).
const (
	Bool  = "bool"  // met / not met
	Pct   = "pct"   // percent 0–100
	Num   = "num"   // a number ≥ 0 in the unit given
	Count = "count" // a whole number ≥ 0
	// Attr is an attribute ([[attribute]]) read like a measure: its value
	// is the position of the chosen value in Choices.
	Attr = "attribute"
)

// Measure is one value a subject types in.
type Measure struct {
	ID      string `toml:"id"`
	Kind    string `toml:"kind"`
	Label   string `toml:"label"`
	LabelEn string `toml:"label_en"`
	Unit    string `toml:"unit"`
	UnitEn  string `toml:"unit_en"`
	// Yearly measures are declared once ("F12") and exist once per plan
	// year ("F12.2023", "F12.2024", …).
	Yearly bool `toml:"yearly"`

	// Signed lets the input give a negative value (a rise written as a
	// negative reduction); without it a negative is refused.
	Signed bool `toml:"signed"`

	// NotApplicable is the reason the input may type 不适用 (n/a) for this
	// measure; without it such a cell is refused.
	NotApplicable   string `toml:"not_applicable"`
	NotApplicableEn string `toml:"not_applicable_en"`

	Attribute *Attribute `toml:"-"` // Kind Attr: the attribute it reads
	Year      int        `toml:"-"` // the plan year of an expanded yearly measure
	Stem      string     `toml:"-"` // the declared ID of an expanded yearly measure
	Decl      string     `toml:"-"` // key path of the declaration, for messages
}

// UnitIn returns the measure's unit in lang ("zh" or "en").
func (m Measure) UnitIn(lang string) string {
	if m.Kind == Pct {
		return "%"
	}
	if lang == "en" && m.UnitEn != "" {
		return m.UnitEn
	}
	return m.Unit
}

// LabelIn returns the measure's label in lang.
func (m Measure) LabelIn(lang string) string {
	return Pick(lang, m.Label, m.LabelEn)
}

// Indicator is one scored row of a standard.
type Indicator struct {
	ID          string        `toml:"id"`
	Category    string        `toml:"category"`
	Name        string        `toml:"name"`
	NameEn      string        `toml:"name_en"`
	PrintedType string        `toml:"printed_type"`  // the 指标类型 column as printed
	Baseline    bool          `toml:"baseline"`      // 底线指标: must earn its full points
	Rule        string        `toml:"rule"`          // the name of its RuleKind
	Points      Dec           `toml:"points"`        // full points (for a bonus: the bonus)
	Deduct      Dec           `toml:"deduct"`        // per unmet requirement, or per step
	Step        Dec           `toml:"step"`          // linear: size of one step of shortfall
	RoundDown   Dec           `toml:"round_down"`    // ratio: round down to a multiple of this
	RoundHalfUp Dec           `toml:"round_half_up"` // ratio: round half up to a multiple of this
	Bands       []PointBand   `toml:"bands"`         // bands: the points table, highest first
	Source      string        `toml:"source"`
	Requirement string        `toml:"requirement"` // 考核要求 as the source words it
	Scoring     string        `toml:"scoring"`     // 打分标准 as the source words it
	Rulings     []int         `toml:"rulings"`     // rulings this rule relies on
	Note        string        `toml:"note"`        // a reading specific to this row
	NoteEn      string        `toml:"note_en"`
	Require     []Requirement `toml:"require"`
	// NotApplicable declares subjects this indicator does not apply to.
	NotApplicable []NotApplicable `toml:"not_applicable"`

	Kind        *RuleKind `toml:"-"` // Rule resolved by Load; how its points come about
	CategoryIdx int       `toml:"-"` // index of Category in Set.Categories
	Conditions  int       `toml:"-"` // how many conditions its requirements hold

	stepCap exact.Decimal // a Steps kind: the steps that take every point
}

// Ruling is a reading of something the source leaves open (docs/rulings.md).
type Ruling struct {
	ID     int    `toml:"id"`
	Text   string `toml:"text"`
	TextEn string `toml:"text_en"`
}

// TextIn returns the ruling in lang.
func (r Ruling) TextIn(lang string) string { return Pick(lang, r.Text, r.TextEn) }

// Ruling returns ruling id.
func (s *Set) Ruling(id int) (Ruling, bool) {
	for _, r := range s.Rulings {
		if r.ID == id {
			return r, true
		}
	}
	return Ruling{}, false
}

// NoteIn returns the indicator's own note in lang.
func (ind Indicator) NoteIn(lang string) string { return Pick(lang, ind.Note, ind.NoteEn) }

// NameIn returns the indicator's name in lang.
func (ind Indicator) NameIn(lang string) string { return Pick(lang, ind.Name, ind.NameEn) }

// HasVeto reports whether any requirement of ind is a veto condition.
func (ind Indicator) HasVeto() bool {
	for _, r := range ind.Require {
		if r.Veto {
			return true
		}
	}
	return false
}

// Requirement is one numbered requirement of an indicator (①, ②, …): met
// when all its conditions hold. A veto requirement earns nothing; failing it
// vetoes the whole application (ruling 7).
type Requirement struct {
	Label  string   `toml:"label"`
	Text   string   `toml:"text"`
	TextEn string   `toml:"text_en"`
	When   WhenList `toml:"when"`
	Veto   bool     `toml:"veto"`

	Conditions []Condition `toml:"-"`
	// Tree combines Conditions when the requirement nests any/all or
	// compares with a threshold; nil means all of Conditions, as written.
	Tree *Cond `toml:"-"`
}

// Milestone is a dated step the source sets for named subjects (Annex 1).
type Milestone struct {
	Subjects []string `toml:"subjects"`
	Text     string   `toml:"text"`
	TextEn   string   `toml:"text_en"`
	Source   string   `toml:"source"`
	// ApplyYears are the years the subjects apply in; ApplyBy and
	// ForwardBy ("MM-DD") are the day of such a year by which a subject
	// applies and by which the reviewer forwards it. They make the
	// pre-screen say who is due this year, from the file, not from Go.
	ApplyYears []int  `toml:"apply_years"`
	ApplyBy    string `toml:"apply_by"`
	ForwardBy  string `toml:"forward_by"`
}

// Derivations of a quota's target.
const (
	DeriveGrowthBand    = "growth-band"    // base × (1 + growth of the band the base falls in)
	DerivePerPopulation = "per-population" // rate × population ÷ per
)

// Quota is one row of a target plan: what each subject owes of one measure.
type Quota struct {
	ID      string `toml:"id"`
	Measure string `toml:"measure"`
	Name    string `toml:"name"`
	NameEn  string `toml:"name_en"`
	Op      string `toml:"op"`     // ">=" (default) or "<="
	Yearly  bool   `toml:"yearly"` // repeats for each plan year
	Due     string `toml:"due"`    // when the target falls due, as the source says
	Source  string `toml:"source"`
	Rulings []int  `toml:"rulings"`
	Note    string `toml:"note"`
	NoteEn  string `toml:"note_en"`

	// Who owes what: a uniform Target for every subject of the levels in
	// AppliesTo, a table of Targets by subject, or a derivation.
	AppliesTo []string       `toml:"applies_to"`
	Target    Dec            `toml:"target"`
	Targets   map[string]Dec `toml:"targets"`
	Derive    string         `toml:"derive"`
	Base      string         `toml:"base"`  // growth-band: measure holding the base value
	Bands     []Band         `toml:"bands"` // growth-band
	Rate      Dec            `toml:"rate"`  // per-population
	Per       Dec            `toml:"per"`   // per-population

	// City-wide view of the row.
	RowTotal   Dec    `toml:"row_total"`   // the row's 合计 in the source table
	CityTarget Dec    `toml:"city_target"` // a city-wide target the plan states
	CitySource string `toml:"city_source"`
	// Rollup "sum" marks a quantity that adds up across subjects
	// (kilometres, fields, enterprises): the roll-up sums it, and a city-wide
	// target on it is met by the sum of the county-level subjects' values.
	// Left out, the row is not summed (a per-person figure, a share, an
	// overlapping count) and the city reports its own value.
	Rollup string `toml:"rollup"`
	// Members are the subject levels whose values add up to a summed row's
	// city-wide figure, whether or not they owe a target of their own
	// (default: the county-level units). See SumMembers.
	Members []string `toml:"members"`

	// OwedBy names subjects (built-in or declared) that owe the row: the
	// uniform target, or, on a true/false measure or a when row, that the
	// thing is done.
	OwedBy []string `toml:"owed_by"`
	// When makes a yes/no row of conditions instead of one measure: met
	// when they hold.
	When WhenList `toml:"when"`
	// Strength is "binding", "target" (default) or "aspirational": an
	// aspirational row (力争) is reported but never decides the verdict.
	Strength string `toml:"strength"`
	// NotApplicable declares subjects this row does not apply to.
	NotApplicable []NotApplicable `toml:"not_applicable"`

	Check      bool              `toml:"-"` // a yes/no row: a true/false measure or a when row
	Conditions []Condition       `toml:"-"` // a when row's leaves
	Tree       *Cond             `toml:"-"` // a when row's conditions
	MeasureIdx int               `toml:"-"`
	BaseIdx    int               `toml:"-"`
	Cmp        Op                `toml:"-"`
	Assigned   map[string]string `toml:"-"` // subject → source of a target an extension assigned
}

// NameIn returns the quota's name in lang.
func (q Quota) NameIn(lang string) string { return Pick(lang, q.Name, q.NameEn) }

// NoteIn returns the quota's own note in lang.
func (q Quota) NoteIn(lang string) string { return Pick(lang, q.Note, q.NoteEn) }

// Band is one band of a growth-band derivation: a base up to Upto
// (inclusive; no Upto: any base) owes Growth more (0.40 = 40 %).
type Band struct {
	Upto   Dec `toml:"upto"`
	Growth Dec `toml:"growth"`
}

// Assignment is an extension's table of targets for one quota.
type Assignment struct {
	Quota   string         `toml:"quota"`
	Source  string         `toml:"source"`
	Targets map[string]Dec `toml:"targets"`
}

// TitleIn returns the set's title in lang.
func (s *Set) TitleIn(lang string) string { return Pick(lang, s.Title, s.TitleEn) }

// NameIn returns the category's name in lang.
func (c Category) NameIn(lang string) string { return Pick(lang, c.Name, c.NameEn) }

// NameIn returns the prerequisite's short name in lang.
func (p Prerequisite) NameIn(lang string) string { return Pick(lang, p.Name, p.NameEn) }

// LabelIn returns the line's label in lang.
func (l Line) LabelIn(lang string) string { return Pick(lang, l.Label, l.LabelEn) }

// TextIn returns the milestone's text in lang.
func (m Milestone) TextIn(lang string) string { return Pick(lang, m.Text, m.TextEn) }

// LineVerdicts lists the verdicts of the set's lines, lowest first.
func (s *Set) LineVerdicts() []string {
	out := make([]string, len(s.Lines))
	for i, l := range s.Lines {
		out[i] = l.Verdict
	}
	return out
}

// VerdictsFrom returns line verdict v and the verdicts of the lines above
// it: the verdicts that are "v or better". ok is false when v names no line.
func (s *Set) VerdictsFrom(v string) (pass []string, ok bool) {
	for i, l := range s.Lines {
		if l.Verdict == v {
			return s.LineVerdicts()[i:], true
		}
	}
	return nil, false
}

// IsScored reports whether s earns points.
func (s *Set) IsScored() bool { return s.Kind == KindScored }

// MeasureIndex returns the position of measure id in s.Measures.
func (s *Set) MeasureIndex(id string) (int, bool) {
	i, ok := s.measureIndex[id]
	return i, ok
}

// Measure returns measure id.
func (s *Set) Measure(id string) (Measure, bool) {
	i, ok := s.measureIndex[id]
	if !ok {
		return Measure{}, false
	}
	return s.Measures[i], true
}

// MeasureIDs returns every measure ID in file order, for "did you mean".
func (s *Set) MeasureIDs() []string {
	ids := make([]string, len(s.Measures))
	for i, m := range s.Measures {
		ids[i] = m.ID
	}
	return ids
}

// Indicator returns indicator id.
func (s *Set) Indicator(id string) (Indicator, bool) {
	for _, ind := range s.Indicators {
		if ind.ID == id {
			return ind, true
		}
	}
	return Indicator{}, false
}

// Quota returns quota row id.
func (s *Set) Quota(id string) (Quota, bool) {
	i, ok := s.quotaIndex[id]
	if !ok {
		return Quota{}, false
	}
	return s.Quotas[i], true
}

// Category returns category id.
func (s *Set) Category(id string) (Category, bool) {
	for _, c := range s.Categories {
		if c.ID == id {
			return c, true
		}
	}
	return Category{}, false
}

// ItemCount is the number of indicators or quota rows, for listings.
func (s *Set) ItemCount() int {
	if s.IsScored() {
		return len(s.Indicators)
	}
	return len(s.Quotas)
}

// MilestonesFor returns the schedule entries that name subject.
func (s *Set) MilestonesFor(subject string) []Milestone {
	var out []Milestone
	for _, m := range s.Schedule {
		for _, name := range m.Subjects {
			if name == subject {
				out = append(out, m)
				break
			}
		}
	}
	return out
}

// Pick returns the text in lang: en when asked for and given, else zh.
func Pick(lang, zh, en string) string {
	if lang == "en" && en != "" {
		return en
	}
	return zh
}

// Dec is a decimal written in a criteria file: a TOML integer (3) or a
// string ("0.5"). A TOML float is refused, because the toml package turns
// it into binary floating point before anyone could keep it exact.
type Dec struct {
	V     exact.Decimal
	Given bool
}

// UnmarshalTOML implements toml.Unmarshaler.
func (d *Dec) UnmarshalTOML(v any) error {
	switch x := v.(type) {
	case int64:
		if x < 0 {
			return fmt.Errorf("%d is negative", x)
		}
		if err := checkDecInt(x); err != nil {
			return err
		}
		d.V, d.Given = exact.Int(x), true
		return nil
	case string:
		p, err := exact.Parse(strings.TrimSpace(x))
		if err != nil {
			return fmt.Errorf("%q: %v", x, err)
		}
		if p.IsNeg() {
			return fmt.Errorf("%q is negative", x)
		}
		d.V, d.Given = p, true
		return nil
	case float64:
		return fmt.Errorf("write the decimal %v as a string (\"%v\") so it stays exact", x, x)
	default:
		return fmt.Errorf("want a number, got %T", v)
	}
}

// String formats d for messages and listings.
func (d Dec) String() string {
	if !d.Given {
		return ""
	}
	return exact.String(d.V)
}

// PointBand is one row of a "bands" indicator's table: a value at or above
// From (and below the band before it) earns Points. Edges may be unequal.
type PointBand struct {
	From   Dec `toml:"from"`
	Points Dec `toml:"points"`
}
