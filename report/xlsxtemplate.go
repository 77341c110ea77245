package report

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf16"

	"github.com/mattn/go-runewidth"
	"github.com/xuri/excelize/v2"

	"countyscore/criteria"
	"countyscore/exact"
)

// templateBlankRows is how many empty rows a scored set's template offers
// below the registry's county-level units, for a zone or a subject the
// registry does not know.
const templateBlankRows = 20

// templateLevel is the registry level whose subjects a scored set's
// template lists: standards for any county are filled in for the
// county-level units.
const templateLevel = "county"

// Limits Excel sets on a data validation's input message; a longer one
// makes Excel call the file damaged.
const (
	maxPromptTitle = 32
	maxPrompt      = 255
)

// TemplateXLSX writes a workbook a county fills in: a collection sheet
// (填报 / Input) with one row per subject and one column per measure, and a
// sheet (说明 / Measures) saying what each measure is and which rule asks
// for it. The collection sheet has the layout inputs.NewXLSX reads back: a
// row of names with units above the row of IDs (subject, population, year,
// then every measure in the set's order), data from row 3.
//
// Every data cell checks what is typed as the reader will (a 是/否 list for
// yes/no measures, 0–100 for percents, whole numbers ≥ 0 for counts,
// numbers ≥ 0 otherwise) and shows the requirement that uses the measure
// when selected; the header rows are frozen and protected (without a
// password: protection here guards against slips, not people), the data
// cells are not.
func TemplateXLSX(w io.Writer, s *criteria.Set, lang string) error {
	f := excelize.NewFile()
	defer f.Close()
	input := criteria.Pick(lang, "填报", "Input")
	info := criteria.Pick(lang, "说明", "Measures")
	if err := f.SetSheetName("Sheet1", input); err != nil {
		return err
	}
	if _, err := f.NewSheet(info); err != nil {
		return err
	}
	if err := templateInput(f, input, s, lang); err != nil {
		return fmt.Errorf("template sheet %s: %w", input, err)
	}
	if err := templateMeasures(f, info, s, lang); err != nil {
		return fmt.Errorf("template sheet %s: %w", info, err)
	}
	f.SetActiveSheet(0)
	_, err := f.WriteTo(w)
	return err
}

// templateRoster lists the subjects the template has a row for, then how
// many blank rows follow.
func templateRoster(s *criteria.Set) ([]string, int) {
	if !s.IsScored() {
		return s.SubjectNames(), 0
	}
	return criteria.Subjects().InLevels([]string{templateLevel}), templateBlankRows
}

// templateHeader is one column of the collection sheet: its name with unit
// (row 1) and its ID (row 2).
type templateHeader struct {
	name, id string
	measure  *criteria.Measure
}

func templateHeaders(s *criteria.Set, lang string) []templateHeader {
	hs := []templateHeader{
		{name: criteria.Pick(lang, "对象", "Subject"), id: "subject"},
		{name: criteria.Pick(lang, "常住人口（人）", "Resident population (persons)"), id: "population"},
		{name: criteria.Pick(lang, "年份", "Year"), id: "year"},
	}
	for i := range s.Measures {
		m := &s.Measures[i]
		name := m.LabelIn(lang)
		if u := measureUnit(m, lang); u != "" {
			name += criteria.Pick(lang, "（"+u+"）", " ("+u+")")
		}
		hs = append(hs, templateHeader{name: name, id: m.ID, measure: m})
	}
	return hs
}

// measureUnit is what a measure's header says its cells hold.
func measureUnit(m *criteria.Measure, lang string) string {
	switch m.Kind {
	case criteria.Bool:
		return criteria.Pick(lang, "是/否", "yes/no")
	case criteria.Pct:
		return "%"
	}
	return m.UnitIn(lang)
}

func templateInput(f *excelize.File, sheet string, s *criteria.Set, lang string) error {
	hs := templateHeaders(s, lang)
	roster, blank := templateRoster(s)
	last := 2 + len(roster) + blank
	lastCol, _ := excelize.ColumnNumberToName(len(hs))

	nameStyle, err := f.NewStyle(&excelize.Style{
		Font:       &excelize.Font{Bold: true},
		Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment:  &excelize.Alignment{WrapText: true, Vertical: "center", Horizontal: "center"},
		Protection: &excelize.Protection{Locked: true},
	})
	if err != nil {
		return err
	}
	idStyle, err := f.NewStyle(&excelize.Style{
		Font:       &excelize.Font{Color: "595959"},
		Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}},
		Alignment:  &excelize.Alignment{Horizontal: "center"},
		Protection: &excelize.Protection{Locked: true},
	})
	if err != nil {
		return err
	}
	dataStyle, err := f.NewStyle(&excelize.Style{Protection: &excelize.Protection{Locked: false}})
	if err != nil {
		return err
	}
	for j, h := range hs {
		col, _ := excelize.ColumnNumberToName(j + 1)
		if err := f.SetCellStr(sheet, col+"1", h.name); err != nil {
			return err
		}
		if err := f.SetCellStr(sheet, col+"2", h.id); err != nil {
			return err
		}
		if err := f.SetColWidth(sheet, col, col, columnWidth(h)); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sheet, "A1", lastCol+"1", nameStyle); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A2", lastCol+"2", idStyle); err != nil {
		return err
	}
	if err := f.SetRowHeight(sheet, 1, 48); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A3", fmt.Sprintf("%s%d", lastCol, last), dataStyle); err != nil {
		return err
	}
	for i, name := range roster {
		if err := f.SetCellStr(sheet, fmt.Sprintf("A%d", 3+i), name); err != nil {
			return err
		}
	}
	uses := measureUses(s, lang)
	for j, h := range hs {
		col, _ := excelize.ColumnNumberToName(j + 1)
		dv, err := templateValidation(h, uses, lang)
		if err != nil {
			return fmt.Errorf("column %s: %w", h.id, err)
		}
		if dv == nil {
			continue
		}
		dv.SetSqref(fmt.Sprintf("%s3:%s%d", col, col, last))
		if err := f.AddDataValidation(sheet, dv); err != nil {
			return fmt.Errorf("column %s: %w", h.id, err)
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: 2, TopLeftCell: "B3", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	return f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{
		FormatColumns: true, FormatRows: true, SelectLockedCells: true, SelectUnlockedCells: true,
	})
}

// templateValidation is what a column's cells accept, and the message a
// selected cell shows; nil for the subject column.
func templateValidation(h templateHeader, uses map[string]string, lang string) (*excelize.DataValidation, error) {
	dv := excelize.NewDataValidation(true)
	var err error
	var want string
	kind := ""
	if h.measure != nil {
		kind = h.measure.Kind
	}
	switch {
	case h.id == "subject":
		return nil, nil
	case h.id == "population":
		err = dv.SetRange(1, "", excelize.DataValidationTypeWhole, excelize.DataValidationOperatorGreaterThanOrEqual)
		want = criteria.Pick(lang, "常住人口，整数（人）", "resident population, a whole number of persons")
	case h.id == "year":
		err = dv.SetRange(2000, 2100, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween)
		want = criteria.Pick(lang, "数据所属年份，如 2024", "the year the values describe, e.g. 2024")
	case kind == criteria.Bool:
		err = dv.SetDropList([]string{criteria.Pick(lang, "是", "yes"), criteria.Pick(lang, "否", "no")})
		want = criteria.Pick(lang, "选择 是 或 否", "choose yes or no")
	case kind == criteria.Pct:
		err = dv.SetRange(0, 100, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween)
		want = criteria.Pick(lang, "百分数 0–100（40 表示 40%）", "a percent 0–100 (40 means 40 %)")
	case kind == criteria.Count:
		err = dv.SetRange(0, "", excelize.DataValidationTypeWhole, excelize.DataValidationOperatorGreaterThanOrEqual)
		want = criteria.Pick(lang, "整数 ≥ 0", "a whole number ≥ 0")
	default:
		err = dv.SetRange(0, "", excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorGreaterThanOrEqual)
		want = criteria.Pick(lang, "数值 ≥ 0", "a number ≥ 0")
	}
	if err != nil {
		return nil, err
	}
	msg := want + criteria.Pick(lang, "；不填表示未测。", "; leave blank when not measured.")
	if u := uses[h.id]; u != "" {
		msg += "\n" + u
	}
	dv.SetInput(clipUTF16(h.id, maxPromptTitle), clipUTF16(msg, maxPrompt))
	dv.SetError(excelize.DataValidationErrorStyleStop, clipUTF16(h.id, maxPromptTitle), clipUTF16(want, maxPrompt))
	return dv, nil
}

// clipUTF16 shortens s to at most n UTF-16 code units, the unit Excel's
// limits count in, ending in … when cut.
func clipUTF16(s string, n int) string {
	if len(utf16.Encode([]rune(s))) <= n {
		return s
	}
	var b strings.Builder
	used := 0
	for _, r := range s {
		w := len(utf16.Encode([]rune{r}))
		if used+w > n-1 {
			break
		}
		b.WriteRune(r)
		used += w
	}
	return b.String() + "…"
}

// columnWidth fits a column to its longer header line, in Excel's width
// unit (one Latin character; a CJK character takes two), within bounds
// that keep the sheet readable: the name row wraps.
func columnWidth(h templateHeader) float64 {
	w := max(runewidth.StringWidth(h.id), runewidth.StringWidth(h.name)/2+1) + 3
	return float64(min(max(w, 10), 30))
}

// measureRule is the rule that asks for a measure: the requirement text,
// the indicator's points, and where in the source it is printed.
type measureRule struct {
	points string
	source string
}

// measureRules finds, per measure, the indicator, prerequisite or quota
// that uses it (the last one, as measureUses does for the text).
func measureRules(s *criteria.Set) map[string]measureRule {
	out := map[string]measureRule{}
	for i := range s.Indicators {
		ind := &s.Indicators[i]
		for _, req := range ind.Require {
			for _, c := range req.Conditions {
				r := measureRule{source: ind.Source}
				if ind.Points.Given {
					r.points = exact.String(ind.Points.V)
				}
				out[c.Measure] = r
			}
		}
	}
	for _, pr := range s.Prerequisites {
		out[pr.ID] = measureRule{source: pr.Source}
	}
	for i := range s.Quotas {
		q := &s.Quotas[i]
		if q.Yearly {
			for _, m := range s.Measures {
				if m.Stem == q.Measure {
					out[m.ID] = measureRule{source: q.Source}
				}
			}
		} else {
			out[q.Measure] = measureRule{source: q.Source}
		}
	}
	return out
}

func templateMeasures(f *excelize.File, sheet string, s *criteria.Set, lang string) error {
	head := []string{"ID", criteria.Pick(lang, "名称", "Name"), criteria.Pick(lang, "单位", "Unit"), criteria.Pick(lang, "类型", "Kind"),
		criteria.Pick(lang, "要求", "Requirement"), criteria.Pick(lang, "分值", "Points"), criteria.Pick(lang, "来源", "Source")}
	widths := []float64{16, 36, 10, 14, 70, 8, 24}
	kinds := map[string]string{
		criteria.Bool:  criteria.Pick(lang, "是/否", "yes/no"),
		criteria.Pct:   criteria.Pick(lang, "百分数 0–100", "percent 0–100"),
		criteria.Count: criteria.Pick(lang, "整数", "whole number"),
		criteria.Num:   criteria.Pick(lang, "数值", "number"),
	}
	uses := measureUses(s, lang)
	rules := measureRules(s)
	rows := [][]string{head}
	for _, m := range s.Measures {
		r := rules[m.ID]
		rows = append(rows, []string{m.ID, m.LabelIn(lang), m.UnitIn(lang), kinds[m.Kind], uses[m.ID], r.points, r.source})
	}
	for i, row := range rows {
		if err := f.SetSheetRow(sheet, fmt.Sprintf("A%d", i+1), &row); err != nil {
			return err
		}
	}
	for j, w := range widths {
		col, _ := excelize.ColumnNumberToName(j + 1)
		if err := f.SetColWidth(sheet, col, col, w); err != nil {
			return err
		}
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", "G1", bold); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A2", fmt.Sprintf("G%d", len(rows)), wrap); err != nil {
		return err
	}
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}
