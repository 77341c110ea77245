package inputs

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"countyscore/criteria"
)

// Source reads the records of several input files in turn, TOML, CSV and
// workbooks alike, and refuses a subject that appears twice under any of its names.
//
// It reads every file to its end whatever it meets, so that one run lists
// every bad cell and row of every file: a bad row does not stop the rows
// after it, a bad file does not stop the files after it. What it keeps in
// memory does not grow with the rows read: a record is handed on, and
// errors beyond Keep are counted, not kept.
type Source struct {
	// SkipInvalid hands on the valid rows of every file and sets the
	// invalid ones aside (Refused); without it, the first problem means the
	// run fails, and Next returns every problem of every file at the end.
	SkipInvalid bool
	// Keep bounds the errors kept in memory; 0 means DefaultKeep.
	Keep int
	// MaxCSV bounds the size of one CSV file in bytes; 0 means MaxCSVSize.
	// A larger file is refused before it is read.
	MaxCSV int64
	// ByYear lets a subject appear once per year (compare, diff, trend
	// read several years in one run); without it a subject appears once.
	ByYear bool

	files  []string
	set    *criteria.Set
	w      *Warnings
	next   int
	csv    interface{ Next() (*Record, error) } // the CSV or workbook being read
	f      io.Closer
	seen   *seenSet // subjects already handed on (dupKey), and where
	errs   collector
	ended  bool
	failed bool // a problem was found without SkipInvalid: records are no longer handed on
}

type place struct {
	file string
	line int
}

func (p place) String() string {
	if p.line > 0 {
		return fmt.Sprintf("%s:%d", p.file, p.line)
	}
	return p.file
}

// Open prepares to read files for set. Nothing is read until Next; set
// SkipInvalid and Keep before the first call.
func Open(files []string, set *criteria.Set, w *Warnings) *Source {
	order := map[string]int{}
	for i, f := range files {
		if _, ok := order[f]; !ok {
			order[f] = i
		}
	}
	return &Source{files: files, set: set, w: w, seen: newSeenSet(), errs: collector{order: order}}
}

// Next returns the next valid record, or io.EOF when every file is read.
//
// Without SkipInvalid, once a problem is found no record is handed on any
// more (what was handed on before must be discarded: the run fails), the
// files are read to their end for the other problems, and Next returns them
// all as an *Errors in place of io.EOF. With SkipInvalid, Next hands on
// every valid record and ends with io.EOF; Refused lists what it set aside.
func (s *Source) Next() (*Record, error) {
	if s.ended {
		return s.end()
	}
	for {
		rec, err, more := s.read()
		if !more {
			s.ended = true
			s.closeFile()
			return s.end()
		}
		if err == nil && rec != nil {
			rec, err = s.unique(rec)
		}
		if err != nil {
			s.refuse(err)
			continue
		}
		if rec == nil || s.failed {
			continue
		}
		return rec, nil
	}
}

// end is what Next returns once every file is read.
func (s *Source) end() (*Record, error) {
	if !s.SkipInvalid {
		if errs := s.errs.result(); errs != nil {
			return nil, errs
		}
	}
	return nil, io.EOF
}

// refuse notes a bad row or file.
func (s *Source) refuse(err error) {
	if s.errs.keep == 0 {
		s.errs.keep = cmp.Or(s.Keep, DefaultKeep)
	}
	s.errs.add(err)
	if !s.SkipInvalid {
		s.failed = true
	}
}

// Refused returns the problems of the rows and files set aside, sorted by
// file and line, or nil when there were none. With SkipInvalid it is
// complete once Next has returned io.EOF.
func (s *Source) Refused() *Errors { return s.errs.result() }

// read returns the next record or problem of the files; more is false when
// every file is read. A nil record with no error is a file that ended.
func (s *Source) read() (rec *Record, err error, more bool) {
	if s.csv != nil {
		rec, err := s.csv.Next()
		if err == io.EOF {
			s.closeFile()
			return nil, nil, true
		}
		return rec, err, true
	}
	if s.next >= len(s.files) {
		return nil, nil, false
	}
	file := s.files[s.next]
	s.next++
	switch strings.ToLower(filepath.Ext(file)) {
	case ".toml":
		data, err := readFile(file, MaxTOMLSize)
		if err != nil {
			return nil, err, true
		}
		rec, err := ReadTOML(file, data, s.set, s.w)
		return rec, err, true
	case ".csv":
		f, err := os.Open(file)
		if err != nil {
			return nil, &Error{File: file, Msg: errors.Unwrap(err).Error()}, true
		}
		limit := cmp.Or(s.MaxCSV, MaxCSVSize)
		// A file known to be too large is refused at once, not after
		// reading it to the limit; a pipe is still bounded as it is read.
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > limit {
			f.Close()
			return nil, &Error{File: file, Msg: (&limitErr{limit: limit}).Error()}, true
		}
		c, err := newCSV(file, f, s.set, s.w, limit)
		if err != nil {
			f.Close()
			return nil, err, true
		}
		s.csv, s.f = c, f
		return nil, nil, true
	case ".xlsx":
		x, err := NewXLSX(file, s.set, s.w)
		if err != nil {
			return nil, err, true
		}
		s.csv, s.f = x, x
		return nil, nil, true
	}
	return nil, &Error{File: file, Msg: "want a .toml file (one subject), or a .csv or .xlsx file (many)"}, true
}

// unique refuses a record whose subject was handed on before. The record
// comes from the file being read, s.files[s.next-1].
func (s *Source) unique(rec *Record) (*Record, error) {
	subject, year := dupKey(rec, s.ByYear)
	if file, line, dup := s.seen.add(subject, year, s.next-1, rec.Line); dup {
		return nil, s.duplicate(rec, place{file: s.files[file], line: line})
	}
	return rec, nil
}

// duplicate is the error for a record whose subject (and year, with
// ByYear) was handed on before, first at first.
func (s *Source) duplicate(rec *Record, first place) error {
	if s.ByYear {
		return &Error{File: rec.File, Line: rec.Line, Field: "subject",
			Msg: fmt.Sprintf("%s appears twice %s (first at %s); one subject is evaluated once per year", clip(rec.Subject), yearName(rec.Year), first)}
	}
	return &Error{File: rec.File, Line: rec.Line, Field: "subject",
		Msg: fmt.Sprintf("%s appears twice (first at %s); one subject is evaluated once per run", clip(rec.Subject), first)}
}

// yearName names a record's year in a message.
func yearName(y int) string {
	if y == 0 {
		return "without a year"
	}
	return "for the year " + strconv.Itoa(y)
}

func (s *Source) closeFile() {
	if s.f != nil {
		s.f.Close()
	}
	s.f, s.csv = nil, nil
}

// Close releases an open file.
func (s *Source) Close() { s.closeFile() }

func readFile(path string, limit int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{File: path, Msg: errors.Unwrap(err).Error()}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, int64(limit)+1))
	if err != nil {
		return nil, &Error{File: path, Msg: err.Error()}
	}
	return data, nil
}

// Pick returns one subject of the records read from file, for explain
// --input: the file's only subject, or, when subject is not empty, the one
// it names (by name, short name or code) among several.
func Pick(file string, recs []*Record, subject string) (*Record, error) {
	if subject == "" {
		switch len(recs) {
		case 0:
			return nil, &Error{File: file, Field: "subject", Msg: "holds no subject"}
		case 1:
			return recs[0], nil
		}
		return nil, &Error{File: file, Msg: "holds more than one subject; say which with --subject"}
	}
	want := NormalizeName(subject)
	if subj, ok := criteria.Subjects().Resolve(want); ok {
		want = subj.Name
	}
	for _, rec := range recs {
		if rec.Subject == want {
			return rec, nil
		}
	}
	return nil, &Error{File: file, Field: "subject", Msg: fmt.Sprintf("no subject %q in this file", subject)}
}
