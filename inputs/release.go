package inputs

import "sync"

// spare holds records a run is done with (Release), for the reader to
// read later rows into. A record is some 2.3 KB of values for the
// garden-county standard: read into fresh memory, every row of a large
// sheet missed the cache where it was written; a record handed back a few
// dozen rows later is still in it.
var spare sync.Pool

// newRecord is a record of n blank values, handed back or new.
func newRecord(n int) *Record {
	if rec, ok := spare.Get().(*Record); ok && cap(rec.Values) >= n {
		values := rec.Values[:n]
		clear(values)
		*rec = Record{Values: values}
		return rec
	}
	return &Record{Values: make([]Value, n)}
}

// Release hands rec back for a later row to be read into. Nothing may use
// rec, its values or anything made from them afterwards: only the last
// holder of a record releases it (a streamed run, once the subject is
// scored and written).
func Release(rec *Record) {
	if rec != nil {
		spare.Put(rec)
	}
}
