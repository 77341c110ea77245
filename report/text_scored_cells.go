package report

import (
	"fmt"
	"slices"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
	"countyscore/scoring"
)

// subjectCells builds the text of a subject's own cells in the indicator
// table (given values, points, status, shortfall) exactly as givenText,
// the points format, the status word and shortText do, by appending into
// reused buffers: a 100,000-subject run builds seven million of them, and
// fmt.Sprintf with the joins of small strings was a fifth of the table
// format's time. The catalog words and formats are looked up once per run.
// For a text table (not Markdown) every word is stored with its ambiguous
// characters already replaced (replaceAmbiguous maps rune by rune, so the
// pieces replaced make the whole replaced): the cell then needs no copy to
// replace them. TestSubjectCellsMatch holds every cell to the reference
// functions.
type subjectCells struct {
	set       *criteria.Set
	lang      string
	text      bool       // words replaced for a text table
	labels    [][]string // per indicator, per requirement: its label, "" for none
	byIdx     []measureText
	symbols   map[string]string // a condition's operator → its symbol
	labelText map[string]string // a requirement label → as printed
	and       string
	assumed   string
	missing   string
	yes, no   string
	pp        string
	shortBoo  string
	shortMis  cellFormat
	shortNum  cellFormat
	shortStr  cellFormat
	ptsOpt    cellFormat
	status    map[string]string // status → its word
	measures  map[string]measureText
	buf, arg  []byte // the cell being built; the arguments of a format
	argEnd    [4]int // where each argument ends in arg
}

// measureText is what a measure's value and shortfall print besides the
// numbers.
type measureText struct {
	kind   string
	suffix string // unitSuffix
	unit   string // the shortfall's unit
}

// newSubjectCells prepares the words of a run; text is true for a text
// table, whose cells have their ambiguous characters replaced.
func newSubjectCells(s *criteria.Set, lang string, text bool) *subjectCells {
	c := &subjectCells{set: s, lang: lang, text: text, status: map[string]string{},
		measures: map[string]measureText{}, symbols: map[string]string{}, labelText: map[string]string{}}
	w := func(key string) string { return c.word(t(lang, key)) }
	c.and, c.assumed, c.missing, c.yes, c.no, c.pp, c.shortBoo = w("and"), w("assumed.mark"), w("value.missing"), w("yes"), w("no"), w("pp"), w("short.bool")
	c.shortMis, c.shortNum = parseCellFormat(w("short.missing")), parseCellFormat(w("short.num"))
	c.shortStr, c.ptsOpt = parseCellFormat(w("short.strict")), parseCellFormat(w("points.opt"))
	for _, m := range s.Measures {
		unit := c.word(m.UnitIn(lang))
		if m.Kind == criteria.Pct {
			unit = c.pp
		}
		mt := measureText{kind: m.Kind, suffix: c.word(unitSuffix(m, lang)), unit: unit}
		c.measures[m.ID] = mt
		c.byIdx = append(c.byIdx, mt)
	}
	for i := range s.Indicators {
		ind := &s.Indicators[i]
		labels := make([]string, len(ind.Require))
		for k, req := range ind.Require {
			if len(ind.Require) > 1 && req.Label != "—" {
				labels[k] = c.word(req.Label)
			}
		}
		c.labels = append(c.labels, labels)
	}
	return c
}

// word is w as the cells print it: replaced for a text table.
func (c *subjectCells) word(w string) string {
	if c.text {
		return replaceAmbiguous(w)
	}
	return w
}

// statusWord is t(lang, "status."+status), looked up once a status.
func (c *subjectCells) statusWord(status string) string {
	w, ok := c.status[status]
	if !ok {
		w = c.word(t(c.lang, "status."+status))
		c.status[status] = w
	}
	return w
}

// symbol is a condition operator's symbol (≥), looked up once an operator.
func (c *subjectCells) symbol(op string) string {
	sym, ok := c.symbols[op]
	if !ok {
		sym = c.word(criteria.Op(op).Symbol())
		c.symbols[op] = sym
	}
	return sym
}

// label is requirementLabelOf, as printed.
func (c *subjectCells) label(ind *criteria.Indicator, measure string) string {
	l := requirementLabelOf(ind, measure)
	if l == "" || !c.text {
		return l
	}
	r, ok := c.labelText[l]
	if !ok {
		r = replaceAmbiguous(l)
		c.labelText[l] = r
	}
	return r
}

// points is the points cell: 1.5/2, or the band with its optimistic end.
func (c *subjectCells) points(res scoring.Indicator) string { return string(c.pointsBytes(res)) }

// pointsBytes is points in the reused buffer, valid until the next cell
// is built.
func (c *subjectCells) pointsBytes(res scoring.Indicator) []byte {
	if res.PointsOptimistic.V.Cmp(res.Points.V) == 0 {
		b := appendNum(c.buf[:0], res.Points.V)
		b = append(b, '/')
		c.buf = appendNum(b, res.MaxPoints.V)
		return c.buf
	}
	c.arg = c.arg[:0]
	c.arg = appendNum(c.arg, res.Points.V)
	c.argEnd[0] = len(c.arg)
	c.arg = appendNum(c.arg, res.PointsOptimistic.V)
	c.argEnd[1] = len(c.arg)
	c.arg = appendNum(c.arg, res.MaxPoints.V)
	c.argEnd[2] = len(c.arg)
	c.buf = c.format(c.buf[:0], c.ptsOpt, 3)
	return c.buf
}

// given is givenText for indicator i: the subject's values of each
// requirement.
func (c *subjectCells) given(i int, r *scoring.Scored) string { return string(c.givenBytes(i, r)) }

// givenBytes is given in the reused buffer, valid until the next cell is
// built.
func (c *subjectCells) givenBytes(i int, r *scoring.Scored) []byte {
	ind := &c.set.Indicators[i]
	b := c.buf[:0]
	for k, req := range ind.Require {
		if k > 0 {
			b = append(b, ' ')
		}
		b = append(b, c.labels[i][k]...)
		for j, cond := range req.Conditions {
			if j > 0 {
				b = append(b, c.and...)
			}
			b = c.appendValue(b, c.byIdx[cond.MeasureIdx], r.Values[cond.MeasureIdx])
			if slices.Contains(r.Assumed, cond.Measure) {
				b = append(b, c.assumed...)
			}
		}
	}
	c.buf = b
	return b
}

// appendValue appends valueText: missing, yes or no, or the number (with
// % for a percent).
func (c *subjectCells) appendValue(b []byte, m measureText, v inputs.Value) []byte {
	if !v.Given {
		return append(b, c.missing...)
	}
	return c.appendScalar(b, m, m.kind == criteria.Bool, v.Bool, v.Num)
}

// appendScalar appends scalarText.
func (c *subjectCells) appendScalar(b []byte, m measureText, isBool, yes bool, n exact.Decimal) []byte {
	if isBool {
		if yes {
			return append(b, c.yes...)
		}
		return append(b, c.no...)
	}
	b = appendNum(b, n)
	if m.kind == criteria.Pct {
		b = append(b, '%')
	}
	return b
}

// short is shortText: what is short, in the measure's own unit.
func (c *subjectCells) short(ind *criteria.Indicator, res scoring.Indicator) string {
	return string(c.shortBytes(ind, res))
}

// shortBytes is short in the reused buffer, valid until the next cell is
// built.
func (c *subjectCells) shortBytes(ind *criteria.Indicator, res scoring.Indicator) []byte {
	if len(res.Shortfalls) == 0 {
		return nil
	}
	b := c.buf[:0]
	for k, sf := range res.Shortfalls {
		if k > 0 {
			b = append(b, "；"...)
		}
		b = append(b, c.label(ind, sf.Measure)...)
		switch {
		case sf.Actual == nil:
			c.arg = append(c.arg[:0], c.word(sf.Measure)...) // a measure ID: ASCII, rarely missing
			c.argEnd[0] = len(c.arg)
			b = c.format(b, c.shortMis, 1)
		case sf.Target.IsBool:
			b = append(b, c.shortBoo...)
		default:
			m := c.measures[sf.Measure]
			a := append(c.arg[:0], c.symbol(sf.Op)...)
			a = appendNum(a, sf.Target.Num)
			a = append(a, m.suffix...)
			c.argEnd[0] = len(a)
			a = c.appendScalar(a, m, sf.Actual.IsBool, sf.Actual.Bool, sf.Actual.Num)
			c.argEnd[1] = len(a)
			if sf.Short.V.IsZero() { // on the threshold of a strict >
				c.arg = a
				b = c.format(b, c.shortStr, 2)
				continue
			}
			a = appendNum(a, sf.Short.V)
			c.argEnd[2] = len(a)
			a = append(a, m.unit...)
			c.argEnd[3] = len(a)
			c.arg = a
			b = c.format(b, c.shortNum, 4)
		}
	}
	c.buf = b
	return b
}

// format appends tp filled with the first n arguments in c.arg.
func (c *subjectCells) format(b []byte, tp cellFormat, n int) []byte {
	args := [4][]byte{}
	start := 0
	for i := range n {
		args[i] = c.arg[start:c.argEnd[i]]
		start = c.argEnd[i]
	}
	return tp.append(b, args[:n])
}

// appendNum appends num(d): no trailing zeros.
func appendNum(b []byte, d exact.Decimal) []byte {
	return exact.AppendTrimmed(b, d)
}

// cellFormat is a catalog format made only of text, %s and %[n]s, split
// once so a cell is filled by appending; any other verb leaves it to
// fmt.Sprintf (raw).
type cellFormat struct {
	raw  string
	lits []string // lits[k] comes before argument args[k]; the last one ends the text
	args []int
	ok   bool
	// reordered: an argument is named by its index, so fmt.Sprintf does
	// not mark arguments left over.
	reordered bool
}

func parseCellFormat(f string) cellFormat {
	tp := cellFormat{raw: f, ok: true}
	lit, next := []byte{}, 0
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			lit = append(lit, f[i])
			continue
		}
		arg, width := -1, 0
		rest := f[i+1:]
		switch {
		case len(rest) > 0 && rest[0] == 's':
			arg, width = next, 1
		case len(rest) > 3 && rest[0] == '[' && rest[1] >= '1' && rest[1] <= '9' && rest[2] == ']' && rest[3] == 's':
			arg, width = int(rest[1]-'1'), 4
			tp.reordered = true
		}
		if arg < 0 {
			return cellFormat{raw: f} // another verb, or %%
		}
		tp.lits = append(tp.lits, string(lit))
		tp.args = append(tp.args, arg)
		lit, next = lit[:0], arg+1
		i += width
	}
	tp.lits = append(tp.lits, string(lit))
	return tp
}

// append appends the format filled with args, as fmt.Sprintf would.
func (tp cellFormat) append(b []byte, args [][]byte) []byte { return appendFormat(b, tp, args) }

// appendFormat appends tp filled with args, as fmt.Sprintf would.
func appendFormat[T string | []byte](b []byte, tp cellFormat, args []T) []byte {
	if !tp.ok || slices.ContainsFunc(tp.args, func(a int) bool { return a >= len(args) }) ||
		!tp.reordered && len(tp.args) != len(args) {
		vals := make([]any, len(args))
		for i, a := range args {
			vals[i] = string(a)
		}
		return fmt.Appendf(b, tp.raw, vals...)
	}
	for k, a := range tp.args {
		b = append(b, tp.lits[k]...)
		b = append(b, args[a]...)
	}
	return append(b, tp.lits[len(tp.lits)-1]...)
}
