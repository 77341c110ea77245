package pipeline

import (
	"countyscore/criteria"
)

// A streamed diff (the Streamed option) keeps the two sides, which hold
// no pointer, and joins the subjects a chunk at a time as EachSubject
// hands them on: a joiner makes the next chunk while the caller writes
// the last, and two of them take turns, each reusing its own memory. A
// 100,000-subject diff then never holds the document (some 60 MB of
// lists and pointers), which a CSV writer would only read once.

// streamChunk is how many of NEW's subjects a chunk holds.
const streamChunk = 1024

// diffStream is a streamed diff's sides, and each NEW row's OLD row.
type diffStream struct {
	s          *criteria.Set
	uses       [][]use
	olds, news *diffSide
	old        []int32 // per NEW row, its OLD row, or -1
}

// streamDiff matches NEW's subjects with OLD's and lists those on one side
// only; the subjects' diffs wait for EachSubject.
func streamDiff(s *criteria.Set, olds, news *diffSide) *Diff {
	st := &diffStream{s: s, uses: usesOf(s), olds: olds, news: news, old: make([]int32, news.rows.len())}
	doc := &Diff{Set: s, Illustrative: olds.illustrative || news.illustrative, stream: st}
	matched := make([]bool, olds.rows.len())
	for j := range news.rows.len() {
		n := news.rows.at(j)
		name := news.subject(n)
		i, ok := olds.find(name, n.hash)
		if !ok {
			st.old[j] = -1
			doc.OnlyNew = append(doc.OnlyNew, Entry{Subject: name, Year: int(n.year), Illustrative: n.illus})
			continue
		}
		st.old[j], matched[i] = int32(i), true
	}
	doc.OnlyNew = listed(doc.OnlyNew)
	doc.OnlyOld = onlyOld(olds, matched)
	return doc
}

// regressions lists the subjects that regressed, in NEW's order.
func (st *diffStream) regressions() []string {
	var out []string
	for j, i := range st.old {
		if n := st.news.rows.at(j); i >= 0 && regressed(st.olds.rows.at(int(i)), n) {
			out = append(out, st.news.subject(n))
		}
	}
	return out
}

// EachSubject calls fn with the diff of every subject on both sides, in
// NEW's order. fn must keep nothing of a streamed diff's subject: the
// memory is reused for the ones after it.
func (doc *Diff) EachSubject(fn func(*SubjectDiff) error) error {
	if doc.stream == nil {
		for i := range doc.Subjects {
			if err := fn(&doc.Subjects[i]); err != nil {
				return err
			}
		}
		return nil
	}
	return doc.stream.each(fn)
}

// Materialize joins a streamed diff's subjects into Subjects, for a
// renderer that needs them all at once; it does nothing to a diff that
// holds them.
func (doc *Diff) Materialize() {
	if st := doc.stream; st != nil {
		doc.Subjects, doc.stream = materialize(st.s, st.olds, st.news).Subjects, nil
	}
}

// each joins chunk after chunk on a goroutine of its own, two chunks at
// most ahead of fn, which has each in turn.
func (st *diffStream) each(fn func(*SubjectDiff) error) error {
	type chunk struct {
		jn   *joiner
		list []SubjectDiff
	}
	free, full := make(chan *chunk, 2), make(chan *chunk, 2)
	for range 2 {
		free <- &chunk{jn: &joiner{s: st.s, uses: st.uses, olds: st.olds, news: st.news}, list: make([]SubjectDiff, 0, streamChunk)}
	}
	done := make(chan struct{})
	defer close(done)
	go func() {
		defer close(full)
		n := len(st.old)
		for from := 0; from < n; from += streamChunk {
			var c *chunk
			select {
			case c = <-free:
			case <-done:
				return
			}
			c.jn.reset()
			c.list = c.list[:0]
			for j := from; j < min(from+streamChunk, n); j++ {
				if i := st.old[j]; i >= 0 {
					c.list = append(c.list, c.jn.subject(int(i), j))
				}
			}
			full <- c
		}
	}()
	for c := range full {
		for i := range c.list {
			if err := fn(&c.list[i]); err != nil {
				return err
			}
		}
		free <- c
	}
	return nil
}
