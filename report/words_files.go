package report

// fileLabels are the words of the file formats (xlsx, html): sheet names,
// headings and legends. They join labels at start-up, kept apart so the
// terminal's words stay in one screenful.
var fileLabels = map[string][2]string{
	"xlsx.about":      {"概况", "About"},
	"xlsx.summary":    {"汇总", "Summary"},
	"xlsx.indicators": {"指标", "Indicators"},
	"xlsx.quotas":     {"目标", "Quotas"},
	"xlsx.gaps":       {"差距", "Gaps"},
	"xlsx.city":       {"全市汇总", "City"},
	"xlsx.legend":     {"颜色说明", "Colours"},
	"xlsx.counts":     {"对象数", "Subjects"},
	"xlsx.source":     {"依据：", "Source: "},

	"col.verdict.id":  {"结论代码", "Verdict ID"},
	"col.status.id":   {"状态代码", "Status ID"},
	"col.illus":       {"示例数据", "Illustrative"},
	"col.nextline":    {"下一分数线", "Next line"},
	"col.nextshort":   {"距下一线差", "Short of next line"},
	"col.missingpts":  {"缺失可得分", "Missing points"},
	"col.missinglist": {"缺失数据", "Missing values"},
	"col.year":        {"年份", "Year"},
	"col.scope":       {"范围", "Scope"},
	"col.donepct":     {"完成%", "Done %"},
	"col.metcount":    {"已完成", "Met"},
	"col.unmetcount":  {"未完成", "Not met"},

	"html.chart":       {"各对象得分", "Points of every subject"},
	"html.chart.note":  {"条形为保守读法得分，浅色延伸至乐观读法；竖线为分数线。", "Bars show the conservative points, the light extension the optimistic reading; vertical lines are the score lines."},
	"html.grid":        {"对象 × 指标状态", "Subject × indicator status"},
	"html.subjects":    {"各对象详情", "Each subject"},
	"html.quota.chart": {"目标完成进度", "Progress towards targets"},
	"html.generated":   {"由 countyscore 生成", "Made by countyscore"},
	"html.cite":        {"依据", "Source"},
}

func init() {
	for k, v := range fileLabels {
		labels[k] = v
	}
}
