package report

import (
	"bufio"
	"io"
	"runtime"

	"countyscore/pipeline"
)

// textRenderer writes documents for people: bordered text tables for a
// terminal, or with md the same report as GitHub Markdown. Labels are in
// lang.
type textRenderer struct {
	lang string
	md   bool
	// width is the terminal's width tables and lines must fit; 0 keeps
	// the full layout (piped output, files).
	width int
	// workers is how many goroutines write a scored run's subjects; 0:
	// one a core (GOMAXPROCS).
	workers int
}

func (r *textRenderer) Render(w io.Writer, doc pipeline.Document) error {
	// Buffered: a scored run prints some 80 lines a subject, and stdout on
	// a file or /dev/null is written in place, a system call a write.
	bw := bufio.NewWriterSize(w, 64<<10)
	doc, closed := pipeline.Unwrap(doc)
	if err := r.render(bw, doc); err != nil {
		return err
	}
	p := &printer{w: bw, md: r.md, width: r.width}
	writeClosing(p, closed.Closing(), r.lang)
	if p.err != nil {
		return p.err
	}
	return bw.Flush()
}

func (r *textRenderer) render(w io.Writer, doc pipeline.Document) error {
	p := &printer{w: w, md: r.md, width: r.width}
	lang := r.lang
	switch d := doc.(type) {
	case *pipeline.CriteriaList:
		writeCriteriaList(p, d, lang)
	case *pipeline.CriteriaShow:
		writeCriteriaShow(p, d.Set, lang)
	case *pipeline.Template:
		writeTemplateText(p, d, lang)
	case *pipeline.Explain:
		writeExplain(p, d, lang)
	case *pipeline.ScoredRun:
		workers := r.workers
		if workers == 0 {
			workers = runtime.GOMAXPROCS(0)
		}
		return writeScoredRun(p, d, lang, workers)
	case *pipeline.QuotaRun:
		writeQuotaRun(p, d, lang)
	case *pipeline.ScoredGaps:
		writeScoredGaps(p, d, lang)
	case *pipeline.QuotaGaps:
		writeQuotaGaps(p, d, lang)
	case *pipeline.PlanRun:
		return writePlanRun(p, d, lang)
	case *pipeline.Compare:
		d.Materialize()
		writeCompare(p, d, lang)
	case *pipeline.Diff:
		d.Materialize()
		writeDiff(p, d, lang)
	case *pipeline.Trend:
		writeTrend(p, d, lang)
	default:
		return unsupported("table", doc)
	}
	return p.err
}
