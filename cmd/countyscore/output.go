package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
)

// spoolLimit is how much output is held in memory before it moves to a
// temporary file.
const spoolLimit = 8 << 20

// output holds a command's results until the whole run has succeeded, so
// that bad input found on the last row of a large sheet leaves stdout empty
// (`… | jq` gets valid JSON or nothing) and an --output file is written
// whole or not at all. Results stream into it, so memory stays flat.
//
// When stdout is a regular file (`> out.json`) the results go straight
// into it and a failure cuts it back to where it began; when it is
// /dev/null there is nothing to protect. Only a pipe or a terminal needs
// the spool.
type output struct {
	dest   io.Writer // stdout, when path is ""
	path   string    // --output FILE
	buf    bytes.Buffer
	tmp    *os.File
	failed error

	direct *os.File // stdout written in place
	start  int64    // where it stood before, to cut back to on failure
	undo   bool     // a regular file: cut back on failure
}

func newOutput(stdout io.Writer, path string) *output {
	o := &output{dest: stdout, path: path}
	if f, ok := stdout.(*os.File); ok && path == "" {
		st, err := f.Stat()
		if err != nil {
			return o
		}
		if null, err := os.Stat(os.DevNull); err == nil && os.SameFile(st, null) {
			o.direct = f
		} else if st.Mode().IsRegular() {
			if pos, err := f.Seek(0, io.SeekCurrent); err == nil {
				o.direct, o.start, o.undo = f, pos, true
			}
		}
	}
	return o
}

func (o *output) Write(p []byte) (int, error) {
	if o.failed != nil {
		return 0, o.failed
	}
	if o.direct != nil {
		n, err := o.direct.Write(p)
		if err != nil {
			o.failed = outputError{err}
		}
		return n, o.failed
	}
	if o.tmp == nil && (o.path != "" || o.buf.Len()+len(p) > spoolLimit) {
		if err := o.spill(); err != nil {
			o.failed = outputError{err}
			return 0, o.failed
		}
	}
	if o.tmp != nil {
		n, err := o.tmp.Write(p)
		if err != nil {
			o.failed = outputError{err}
		}
		return n, o.failed
	}
	return o.buf.Write(p)
}

// spill moves the output into a temporary file: beside --output so the
// final rename stays on one file system, else in the temp directory.
func (o *output) spill() error {
	dir := ""
	if o.path != "" {
		dir = filepath.Dir(o.path)
	}
	f, err := os.CreateTemp(dir, ".countyscore-*")
	if err != nil {
		return err
	}
	o.tmp = f
	_, err = o.tmp.Write(o.buf.Bytes())
	o.buf = bytes.Buffer{}
	return err
}

// commit delivers the output: renamed into place, or copied to stdout.
func (o *output) commit() error {
	if o.failed != nil {
		o.discard()
		return o.failed
	}
	if o.direct != nil {
		return nil
	}
	if o.tmp == nil {
		if o.path != "" { // nothing was written: still create the file
			if err := o.spill(); err != nil {
				return outputError{err}
			}
		} else {
			if _, err := o.dest.Write(o.buf.Bytes()); err != nil {
				return outputError{err}
			}
			return nil
		}
	}
	name := o.tmp.Name()
	if o.path != "" {
		if err := o.tmp.Close(); err != nil {
			os.Remove(name)
			return outputError{err}
		}
		if err := os.Rename(name, o.path); err != nil {
			os.Remove(name)
			return outputError{err}
		}
		return nil
	}
	defer func() { o.tmp.Close(); os.Remove(name) }()
	if _, err := o.tmp.Seek(0, io.SeekStart); err != nil {
		return outputError{err}
	}
	if _, err := io.CopyBuffer(o.dest, o.tmp, make([]byte, 1<<20)); err != nil {
		return outputError{err}
	}
	return nil
}

// discard drops everything written so far.
func (o *output) discard() {
	if o.direct != nil && o.undo {
		o.direct.Truncate(o.start)
		o.direct.Seek(o.start, io.SeekStart)
	}
	if o.tmp != nil {
		name := o.tmp.Name()
		o.tmp.Close()
		os.Remove(name)
		o.tmp = nil
	}
	o.buf = bytes.Buffer{}
}

// checkOutputPath refuses an --output that would overwrite an input, and
// one that is not a regular file: the result is renamed into place, and
// renaming over /dev/full or a pipe would replace it, not write to it.
func checkOutputPath(path string, inputs []string) error {
	if path == "" {
		return nil
	}
	out, err := os.Stat(path)
	if err != nil {
		return nil // does not exist yet
	}
	if !out.Mode().IsRegular() {
		return usagef("--output %s is not a regular file; leave --output out and redirect stdout instead", path)
	}
	for _, in := range inputs {
		if st, err := os.Stat(in); err == nil && os.SameFile(st, out) {
			return usagef("--output %s is the input file %s; refusing to write over an input", path, in)
		}
	}
	return nil
}
