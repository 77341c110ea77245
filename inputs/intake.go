package inputs

// Refuse notes the rows a reader of the run set aside under SkipInvalid.
// A run that reads its files more than once notes the same rows again:
// the last note stands.
func (w *Warnings) Refuse(errs *Errors) {
	if w != nil {
		w.refused = errs
	}
}

// Refused returns the rows set aside under SkipInvalid, nil when none.
func (w *Warnings) Refused() *Errors {
	if w == nil {
		return nil
	}
	return w.refused
}

// Track asks the run to note which of roster's subjects it reads, so
// that it can say which are absent. Only the roster's names are kept (a
// city's county-level units), whatever the number of rows read.
func (w *Warnings) Track(roster []string) {
	if w == nil {
		return
	}
	w.subjects = make(map[string]bool, len(roster))
	for _, name := range roster {
		w.subjects[name] = false
	}
	w.track = true
}

// Saw notes that a record of subject was read.
func (w *Warnings) Saw(subject string) {
	if w == nil || !w.track {
		return
	}
	w.read++
	if _, ok := w.subjects[subject]; ok {
		w.subjects[subject] = true
	}
}

// Absent returns the roster's subjects no record was read for, in the
// roster's order, how many records were read, and how many of them are
// on the roster.
func (w *Warnings) Absent(roster []string) (absent []string, read, listed int) {
	if w == nil {
		return nil, 0, 0
	}
	for _, name := range roster {
		if !w.subjects[name] {
			absent = append(absent, name)
		} else {
			listed++
		}
	}
	return absent, w.read, listed
}
