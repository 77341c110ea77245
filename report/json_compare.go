package report

import (
	"countyscore/pipeline"
)

// CompareDoc is the JSON document of compare: the columns (a subject in a
// year, with its rank, verdict and total or quotas met) and the rows, each
// with one cell per column and the columns of its best and worst cells.
type CompareDoc struct {
	Criteria    CriteriaRef              `json:"criteria"`
	Columns     []pipeline.CompareColumn `json:"columns"`
	Rows        []pipeline.CompareRow    `json:"rows"`
	RollupYears []int                    `json:"rollup_years,omitempty"`
}

// DiffDoc is the JSON document of diff.
type DiffDoc struct {
	Criteria CriteriaRef            `json:"criteria"`
	Subjects []pipeline.SubjectDiff `json:"subjects"`
	OnlyOld  []pipeline.Entry       `json:"only_old"`
	OnlyNew  []pipeline.Entry       `json:"only_new"`
}

// TrendDoc is the JSON document of trend.
type TrendDoc struct {
	Criteria CriteriaRef             `json:"criteria"`
	Years    []int                   `json:"years"`
	Deadline int                     `json:"deadline,omitempty"`
	Subjects []pipeline.SubjectTrend `json:"subjects"`
}

func compareView(d *pipeline.Compare) CompareDoc {
	return CompareDoc{Criteria: ref(d.Set), Columns: nonNil(d.Columns), Rows: nonNil(d.Rows), RollupYears: d.RollupYears}
}

func diffView(d *pipeline.Diff) DiffDoc {
	return DiffDoc{Criteria: ref(d.Set), Subjects: nonNil(d.Subjects), OnlyOld: nonNil(d.OnlyOld), OnlyNew: nonNil(d.OnlyNew)}
}

func trendView(d *pipeline.Trend) TrendDoc {
	return TrendDoc{Criteria: ref(d.Set), Years: nonNil(d.Years), Deadline: d.Deadline, Subjects: nonNil(d.Subjects)}
}
