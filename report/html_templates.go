package report

import (
	"fmt"
	"html/template"
	"strings"
	"sync"
)

// htmlCSS is the report's one stylesheet, inline: the screen layout, the
// tone colours (the same as the workbook's), and the print layout — A4,
// the overview first, then one subject per page with table headers
// repeated on every page a table runs over.
func htmlCSS() template.CSS {
	var b strings.Builder
	b.WriteString(`
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;margin:24px;color:#222;line-height:1.45}
h1{font-size:1.5em;margin:0 0 4px}h2{font-size:1.25em;margin:24px 0 8px}h3{font-size:1.05em;margin:16px 0 6px}
.source{color:#555;margin:0 0 8px}.made{color:#777;font-size:.85em;margin-top:32px}
.banner{background:#FFC7CE;color:#9C0006;font-weight:bold;padding:6px 10px;border-radius:4px}
table{border-collapse:collapse;margin:8px 0 16px;font-size:.9em}
th,td{border:1px solid #bbb;padding:3px 6px;vertical-align:top;text-align:left;overflow-wrap:anywhere}
th{background:#D9E1F2}
td.n{text-align:right;white-space:nowrap}
.legend span{display:inline-block;padding:2px 8px;margin:2px 4px 2px 0;border-radius:3px;font-size:.85em}
.facts{margin:6px 0}.facts div{margin:2px 0}.facts b{font-weight:600}
svg{max-width:100%;height:auto}svg text{font-size:12px;fill:#222}
svg .line{stroke:#444;stroke-dasharray:4 3}svg .axis{stroke:#999}
.grid td,.grid th{padding:1px 3px;font-size:.75em;text-align:center;min-width:1.6em}
.grid th.id{writing-mode:vertical-rl;white-space:nowrap}
.grid td.subj,.grid th.subj{text-align:left;white-space:nowrap}
.progress{background:#eee;width:120px;height:10px;display:inline-block;vertical-align:middle;margin-right:4px}
.progress i{display:block;height:10px;background:#4472C4}
td.b,th.b{font-weight:bold}
.cmp td,.cmp th{overflow-wrap:normal}
.cmp td:nth-child(-n+2){white-space:nowrap;text-align:left}
svg.planbar{display:block;margin:4px 0}
@media print{
@page{size:A4;margin:12mm}
body{margin:0;font-size:9pt}
section.subject{break-before:page}
thead{display:table-header-group}
tr{break-inside:avoid}
h2,h3{break-after:avoid}
.grid{font-size:6pt}
}
`)
	for _, tn := range tones {
		c := toneColors[tn]
		fmt.Fprintf(&b, ".t-%s{background:#%s;color:#%s}\nsvg .t-%s{fill:#%s;stroke:#%s}\nsvg .b-%s{fill:#%s;opacity:.45}\n",
			tn, c[0], c[1], tn, c[0], c[1], tn, c[0])
	}
	return template.CSS(b.String())
}

// htmlTemplates parses the page templates on first use: parsing them at
// start-up cost every command, even `criteria list`, several milliseconds.
var htmlTemplates = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("").Funcs(template.FuncMap{
		"css": htmlCSS,
		"add": func(a, b int) int { return a + b },
	}).Parse(`
{{define "open"}}<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>{{css}}</style>
</head>
<body>
<header>
<h1>{{.Title}}</h1>
<p class="source">{{.Source}}</p>
{{if .Illustrative}}<p class="banner">{{.Banner}}</p>{{end}}
<p class="legend">{{range .Legend}}<span class="t-{{.Tone}}">{{.Label}}</span>{{end}}</p>
</header>
{{end}}

{{define "close"}}<p class="made">{{.Made}}</p>
</body>
</html>
{{end}}

{{define "overview"}}<section class="overview">
<h2>{{.ChartTitle}}</h2>
<p class="source">{{.ChartNote}}</p>
{{with .Chart}}<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{{.Width}}" height="{{.Height}}" viewBox="0 0 {{.Width}} {{.Height}}" role="img">
{{range .Ticks}}<line class="axis" x1="{{.X}}" y1="20" x2="{{.X}}" y2="{{$.Chart.Height}}"/><text x="{{.X}}" y="14" text-anchor="middle">{{.Label}}</text>
{{end}}{{range .Bars}}<g class="subject-bar"><text x="{{add $.Chart.Left -6}}" y="{{add .Y 15}}" text-anchor="end">{{.Label}}</text><rect class="bar t-{{.Tone}}" x="{{$.Chart.Left}}" y="{{add .Y 3}}" width="{{.W}}" height="16"/>{{if .BandW}}<rect class="band b-{{.Tone}}" x="{{add $.Chart.Left .W}}" y="{{add .Y 3}}" width="{{.BandW}}" height="16"/>{{end}}<text x="{{add (add $.Chart.Left (add .W .BandW)) 4}}" y="{{add .Y 15}}">{{.Text}}</text></g>
{{end}}{{range .Lines}}<line class="line" x1="{{.X}}" y1="20" x2="{{.X}}" y2="{{$.Chart.Height}}"/><text x="{{.X}}" y="{{$.Chart.Height}}" dy="-2" dx="3">{{.Label}}</text>
{{end}}</svg>{{end}}
<h2>{{.GridTitle}}</h2>
<table class="grid">
<thead><tr><th class="subj">{{.SubjectHead}}</th><th class="subj">{{.VerdictHead}}</th>{{range .Indicators}}<th class="id" title="{{.Name}}">{{.ID}}</th>{{end}}</tr></thead>
<tbody>
{{range $r := .Rows}}<tr><td class="subj">{{$r.Subject}}</td><td class="subj t-{{$r.Tone}}">{{$r.Verdict}}</td>{{range $i, $t := $r.Statuses}}<td class="t-{{$t}}">{{index $r.Marks $i}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
<h2>{{.DetailTitle}}</h2>
</section>
{{end}}

{{define "subject"}}<section class="subject">
<h2 class="t-{{.Tone}}">{{.Heading}}</h2>
<p class="source">{{.Source}}</p>
{{if .Illustrative}}<p class="banner">{{.Banner}}</p>{{end}}
<div class="facts">{{range .Facts}}<div>{{if index . 0}}<b>{{index . 0}}</b>{{end}}{{index . 1}}</div>{{end}}</div>
<table>
<thead><tr>{{range .Head}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr><td>{{.ID}}</td><td>{{.Name}}</td><td>{{.Type}}</td><td>{{.Given}}</td><td>{{.Requirement}}</td><td class="n">{{.Points}}</td><td class="t-{{.Tone}}">{{.Status}}</td><td>{{.Short}}</td><td>{{.Cite}}</td></tr>
{{end}}</tbody>
</table>
<table>
<thead><tr>{{range .CatHead}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Cats}}<tr>{{range $i, $c := .}}<td{{if ge $i 2}} class="n"{{end}}>{{$c}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
{{if .Note}}<p>{{.Note}}</p>{{end}}
</section>
{{end}}

{{define "cells"}}<section class="view"{{if .ID}} id="{{.ID}}"{{end}}>
{{if .Title}}<h2{{if .Tone}} class="t-{{.Tone}}"{{end}}>{{.Title}}</h2>{{end}}
{{if .Facts}}<div class="facts">{{range .Facts}}<div>{{if index . 0}}<b>{{index . 0}}</b>{{end}}{{index . 1}}</div>{{end}}</div>{{end}}
{{with .Bar}}<svg class="planbar" xmlns="http://www.w3.org/2000/svg" width="{{add .Width 120}}" height="34" viewBox="0 0 {{add .Width 120}} 34" role="img">
<line class="axis" x1="0" y1="4" x2="0" y2="30"/><line class="axis" x1="{{.Width}}" y1="4" x2="{{.Width}}" y2="30"/>
<rect class="bar t-{{.BeforeTone}}" x="0" y="8" width="{{.Before}}" height="16"/>{{if .After}}<rect class="band b-{{.AfterTone}}" x="{{.Before}}" y="8" width="{{.After}}" height="16"/>{{end}}
{{if .LineText}}<line class="line" x1="{{.Line}}" y1="2" x2="{{.Line}}" y2="30"/>{{end}}<text x="{{add .Width 6}}" y="21">{{.Text}}</text>
</svg>{{end}}
{{if .Head}}<table{{if .Class}} class="{{.Class}}"{{end}}>
<thead><tr>{{range .Head}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr>{{range .}}<td{{if or .Tone .Num .Bold}} class="{{if .Tone}}t-{{.Tone}}{{end}}{{if .Num}} n{{end}}{{if .Bold}} b{{end}}"{{end}}>{{.Text}}</td>{{end}}</tr>
{{end}}</tbody>
</table>{{end}}
{{range .Notes}}<p>{{.}}</p>{{end}}
</section>
{{end}}

{{define "table"}}<section class="view">
<h2>{{.Title}}</h2>
<table>
<thead><tr>{{range .Head}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range $r := .Rows}}<tr class="t-{{$r.Tone}}">{{range $i, $c := $r.Cells}}{{if and $r.Done (eq $i $r.Bar)}}<td class="n"><span class="progress"><i style="width:{{$r.Done}}%"></i></span>{{$c}}</td>{{else}}<td>{{$c}}</td>{{end}}{{end}}</tr>
{{end}}</tbody>
</table>
{{range .Notes}}<p>{{.}}</p>{{end}}
</section>
{{end}}
`))
})
