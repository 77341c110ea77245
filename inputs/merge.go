package inputs

// Merge adds o's warnings to w after w's own, as if every warning of o had
// been added to w in the order o saw them (a repeated key is counted, not
// repeated), and o's refused rows after w's. Readers that run at the same
// time each note into a log of their own, since a Warnings is not safe
// for concurrent use; the run then merges the logs in the order a
// sequential run would have written them, so its messages do not depend
// on which reader finished first. o's roster tracking is not carried over.
func (w *Warnings) Merge(o *Warnings) {
	if w == nil || o == nil {
		return
	}
	keys := make([]string, len(o.list))
	for k, i := range o.seen {
		keys[i] = k
	}
	for i, msg := range o.list {
		w.Add(keys[i], msg)
		w.count[w.seen[keys[i]]] += o.count[i] - 1
	}
	switch {
	case o.refused == nil:
	case w.refused == nil:
		w.refused = o.refused
	default:
		all := &Errors{List: append(append([]*Error{}, w.refused.List...), o.refused.List...),
			Omitted: w.refused.Omitted + o.refused.Omitted, Rows: w.refused.Rows + o.refused.Rows}
		w.refused = all
	}
}
