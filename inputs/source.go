package inputs

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"countyscore/criteria"
)

// Source reads the records of several input files in turn, TOML, CSV and
// workbooks alike, and refuses a subject that appears twice under any of
// its names.
type Source struct {
	files []string
	set   *criteria.Set
	w     *Warnings
	next  int
	csv   interface{ Next() (*Record, error) } // the CSV or workbook being read
	f     io.Closer
	seen  map[string]place // canonical subject → where it was first seen
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

// Open prepares to read files for set. Nothing is read until Next.
func Open(files []string, set *criteria.Set, w *Warnings) *Source {
	return &Source{files: files, set: set, w: w, seen: map[string]place{}}
}

// Next returns the next record, or io.EOF when every file is read.
func (s *Source) Next() (*Record, error) {
	for {
		if s.csv != nil {
			rec, err := s.csv.Next()
			if err == io.EOF {
				s.closeFile()
				continue
			}
			if err != nil {
				return nil, err
			}
			return s.unique(rec)
		}
		if s.next >= len(s.files) {
			return nil, io.EOF
		}
		file := s.files[s.next]
		s.next++
		switch strings.ToLower(filepath.Ext(file)) {
		case ".toml":
			data, err := readFile(file, MaxTOMLSize)
			if err != nil {
				return nil, err
			}
			rec, err := ReadTOML(file, data, s.set, s.w)
			if err != nil {
				return nil, err
			}
			return s.unique(rec)
		case ".csv":
			f, err := os.Open(file)
			if err != nil {
				return nil, &Error{File: file, Msg: errors.Unwrap(err).Error()}
			}
			s.f = f
			if s.csv, err = NewCSV(file, f, s.set, s.w); err != nil {
				s.closeFile()
				return nil, err
			}
		case ".xlsx":
			x, err := NewXLSX(file, s.set, s.w)
			if err != nil {
				return nil, err
			}
			s.csv, s.f = x, x
		default:
			return nil, &Error{File: file, Msg: "want a .toml file (one subject), or a .csv or .xlsx file (many)"}
		}
	}
}

func (s *Source) unique(rec *Record) (*Record, error) {
	if first, dup := s.seen[rec.Subject]; dup {
		return nil, &Error{File: rec.File, Line: rec.Line, Field: "subject",
			Msg: fmt.Sprintf("%s appears twice (first at %s); one subject is evaluated once per run", clip(rec.Subject), first)}
	}
	// A name read from a CSV row shares that row's memory; a copy keeps
	// the row from living on in the map.
	s.seen[strings.Clone(rec.Subject)] = place{file: rec.File, line: rec.Line}
	return rec, nil
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

// ReadOne reads one subject from file, for explain --input: the file's
// only subject, or, when subject is not empty, the one it names (by name,
// short name or code) among several.
func ReadOne(file string, set *criteria.Set, subject string, w *Warnings) (*Record, error) {
	want := ""
	if subject != "" {
		subj, ok := criteria.Subjects().Resolve(Normalize(subject))
		want = Normalize(subject)
		if ok {
			want = subj.Name
		}
	}
	src := Open([]string{file}, set, w)
	defer src.Close()
	var found *Record
	for {
		rec, err := src.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch {
		case want != "" && rec.Subject == want:
			return rec, nil
		case want == "" && found != nil:
			return nil, &Error{File: file, Msg: "holds more than one subject; say which with --subject"}
		case want == "":
			found = rec
		}
	}
	if found == nil {
		return nil, &Error{File: file, Field: "subject", Msg: fmt.Sprintf("no subject %q in this file", subject)}
	}
	return found, nil
}
