package report

// viewLabels are the words the file formats (xlsx, html) use for the plan,
// compare, diff and trend views and the run's closing: sheet names and
// column heads. They join labels at start-up, like fileLabels.
var viewLabels = map[string][2]string{
	"xlsx.actions":        {"改动", "Actions"},
	"xlsx.compare":        {"对比", "Comparison"},
	"xlsx.compare.values": {"对比数值", "Comparison values"},
	"xlsx.diff":           {"变化", "Changes"},
	"xlsx.moves":          {"数值变动", "Movements"},
	"xlsx.trend":          {"历年", "Years"},
	"xlsx.progress":       {"目标进度", "Quota progress"},
	"xlsx.closing":        {"未提交、已跳过", "Absent & refused"}, // a sheet name: no / in Excel
	"xlsx.only.old":       {"仅在旧数据中", "Only in OLD"},
	"xlsx.only.new":       {"仅在新数据中", "Only in NEW"},
	"col.line.pts":        {"目标分数线", "Line"},
	"col.line.verd":       {"目标结论", "Line verdict"},
	"col.before":          {"改动前得分", "Points before"},
	"col.verd.bef":        {"改动前结论", "Verdict before"},
	"col.verd.bef.i":      {"改动前结论代码", "Verdict before ID"},
	"col.verd.aft.i":      {"改动后结论代码", "Verdict after ID"},
	"col.best":            {"可达最高分", "Best reachable"},
	"col.assumed":         {"假设值", "Assumed"},
	"col.unknown":         {"无法确定", "Unknown"},
	"col.reason.id":       {"原因代码", "Reason ID"},
	"col.amount":          {"尚差", "Still owed"},
	"col.ind.name":        {"指标名称", "Indicator name"},
	"col.mark.best":       {"本行最好", "Best of the row"},
	"col.mark.worst":      {"本行最差", "Worst of the row"},
	"col.old.year":        {"旧年份", "Old year"},
	"col.new.year":        {"新年份", "New year"},
	"col.old.pts":         {"旧得分", "Old points"},
	"col.new.pts":         {"新得分", "New points"},
	"col.delta":           {"变化", "Change"},
	"col.old.met":         {"旧完成项", "Old met"},
	"col.new.met":         {"新完成项", "New met"},
	"col.quotas":          {"应完成项", "Quotas"},
	"col.old.verd":        {"旧结论", "Old verdict"},
	"col.old.verd.i":      {"旧结论代码", "Old verdict ID"},
	"col.new.verd":        {"新结论", "New verdict"},
	"col.new.verd.i":      {"新结论代码", "New verdict ID"},
	"col.old.rank":        {"旧名次", "Old rank"},
	"col.new.rank":        {"新名次", "New rank"},
	"col.regressed":       {"退步", "Regressed"},
	"col.newly.met":       {"新达标", "Newly met"},
	"col.newly.fail":      {"新未达标", "Newly failed"},
	"col.old.value":       {"旧值", "Old value"},
	"col.new.value":       {"新值", "New value"},
	"col.dir.id":          {"方向代码", "Direction ID"},
	"col.holds":           {"已达到", "Holds"},
	"col.kind.row":        {"类别", "Kind"},
	"col.met":             {"完成", "Met"},
	"closing.absent":      {"未提交", "Not submitted"},
	"closing.refuse":      {"已跳过", "Refused"},
	"closing.warn":        {"警告", "Warning"},
	"closing.title":       {"未提交与已跳过", "Absent subjects and refused rows"},
	"closing.more":        {"另有 %d 处错误未列出", "%d more errors not listed"},
	"html.plan.bar":       {"条形：改动前得分（实色）至改动后得分（浅色），竖线为目标分数线。", "Bar: points before (solid) to after (light); the vertical line is the line aimed at."},
	"html.plan.sum":       {"改动计划汇总", "Plans at a glance"},
}

func init() {
	for k, v := range viewLabels {
		labels[k] = v
	}
}
