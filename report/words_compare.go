package report

// compareLabels are the words of compare, diff and trend.
var compareLabels = map[string][2]string{
	"compare.title":     {"对比 · %s", "Comparison · %s"},
	"compare.legend":    {"标记：+ 本行最好，- 本行最差。", "Marks: + best of the row, - worst of the row."},
	"compare.block":     {"（第 %d/%d 组）", " (block %d of %d)"},
	"compare.subtotal":  {"%s 小计", "%s subtotal"},
	"compare.total":     {"总分", "Total"},
	"compare.band":      {"区间", "Band"},
	"compare.rank":      {"名次", "Rank"},
	"compare.met":       {"完成项", "Quotas met"},
	"compare.mean":      {"平均完成%", "Mean done %"},
	"compare.city":      {"全市", "City-wide"},
	"compare.ranking":   {"名次（按完成项占比，再按平均完成率；并列同名次）", "Ranking (share of quotas met, then mean completion; ties share a rank)"},
	"compare.rankscore": {"名次（按结论，再按得分；并列同名次）", "Ranking (verdict, then points; ties share a rank)"},
	"diff.title":        {"变化 · %s", "Changes · %s"},
	"diff.points":       {"得分 %s → %s", "points %s → %s"},
	"diff.met":          {"完成 %s → %s", "quotas met %s → %s"},
	"diff.verdict":      {"结论：%s → %s", "Verdict: %s → %s"},
	"diff.rank":         {"名次 %d → %d", "rank %d → %d"},
	"diff.newly.met":    {"新达标：", "Newly met: "},
	"diff.newly.failed": {"新未达标：", "Newly failed: "},
	"diff.regressed":    {"【退步】失分或结论变差。", "[Regressed] lost points or fell to a worse verdict."},
	"diff.no.change":    {"各项数值均无变化。", "No value changed."},
	"diff.only.old":     {"仅在旧数据中：", "Only in OLD: "},
	"diff.only.new":     {"仅在新数据中：", "Only in NEW: "},
	"col.item":          {"项目", "Item"},
	"col.measure":       {"数值", "Measure"},
	"col.condition":     {"要求", "Requirement"},
	"col.change":        {"变化", "Change"},
	"col.direction":     {"方向", "Direction"},
	"col.togo":          {"尚差", "To go"},
	"col.year":          {"年份", "Year"},
	"col.changed":       {"变化的项目", "Changed"},
	"move.reached":      {"已达到", "reached"},
	"move.lost":         {"不再达到", "lost"},
	"move.toward":       {"接近", "toward"},
	"move.away":         {"远离", "away"},
	"move.held":         {"仍达到", "still met"},
	"move.given":        {"新填报", "now given"},
	"move.withdrawn":    {"不再填报（缺失）", "now missing"},
	"move.mixed":        {"有进有退", "mixed"},
	"move.unchanged":    {"无变化", "unchanged"},
	"trend.title":       {"历年变化 · %s", "Over the years · %s"},
	"trend.progress":    {"多年目标累计进度（截止 %d 年）", "Multi-year quotas: cumulative progress (deadline %d)"},
	"trend.yearly":      {"年度目标逐年完成情况", "Yearly quotas, year by year"},
	"trend.due":         {"期限", "Due"},
}

func init() {
	for k, v := range compareLabels {
		labels[k] = v
	}
}
