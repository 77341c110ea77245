package pipeline

import (
	"countyscore/criteria"
	"countyscore/inputs"
	"countyscore/scoring"
)

// Explain is one indicator's or quota row's rule with its source and
// rulings and, for a subject, how its result came about. Exactly one of
// Indicator and Quota is set.
type Explain struct {
	Set       *criteria.Set
	Indicator *criteria.Indicator
	Quota     *criteria.Quota
	Subject   *ExplainSubject // nil when no subject's values were given
}

// ExplainSubject is how one subject's result on the explained item came
// about.
type ExplainSubject struct {
	Name         string
	File         string
	Illustrative bool
	// An indicator: its result and every condition evaluated.
	Result scoring.Indicator
	Trace  *scoring.Trace
	// A quota row: the subject's lines of it, exactly as score reports them.
	Lines []scoring.Quota
}

// ExplainRequest names what to explain: the item, and optionally the file
// of values and the subject in it.
type ExplainRequest struct {
	ID      string
	Input   string // a file of values; "" for the rule alone
	Subject string // the subject to pick from Input; "" when it holds one
}

// ExplainItem builds the explanation of req.ID under s. The subject's
// result is computed the way score computes it: a quota row is evaluated
// over every subject of the input, so a city-wide sum sees the counties.
func ExplainItem(s *criteria.Set, req ExplainRequest, warns *inputs.Warnings) (*Explain, error) {
	doc := &Explain{Set: s}
	if ind, ok := s.Indicator(req.ID); ok {
		doc.Indicator = &ind
	} else if q, ok := s.Quota(req.ID); ok {
		doc.Quota = &q
	} else {
		return nil, &UnknownItemError{Set: s.ID, ID: req.ID, Known: ExplainIDs(s)}
	}
	if req.Input == "" {
		return doc, nil
	}
	recs, err := readAll(s, []string{req.Input}, warns, config{})
	if err != nil {
		return nil, err
	}
	rec, err := inputs.Pick(req.Input, recs, req.Subject)
	if err != nil {
		return nil, err
	}
	sub := &ExplainSubject{Name: rec.Subject, File: rec.File, Illustrative: rec.Illustrative}
	doc.Subject = sub
	if doc.Indicator != nil {
		res, trace, err := scoring.Explain(s, doc.Indicator, rec)
		if err != nil {
			return nil, err
		}
		sub.Result, sub.Trace = res, trace
		return doc, nil
	}
	results, err := scoring.EvaluateQuotas(s, recs, warns)
	if err != nil {
		return nil, err
	}
	for _, r := range results {
		if r.Subject != rec.Subject {
			continue
		}
		for _, line := range r.Quotas {
			if line.Row == doc.Quota.ID {
				sub.Lines = append(sub.Lines, line)
			}
		}
	}
	return doc, nil
}

// ExplainIDs lists what explain takes, for "did you mean".
func ExplainIDs(s *criteria.Set) []string {
	var ids []string
	for _, ind := range s.Indicators {
		ids = append(ids, ind.ID)
	}
	for _, q := range s.Quotas {
		ids = append(ids, q.ID)
	}
	return ids
}

// UnknownItemError is an explain request for an ID the set does not have.
type UnknownItemError struct {
	Set, ID string
	Known   []string
}

func (e *UnknownItemError) Error() string {
	msg := "explain: " + e.Set + " has no indicator or quota \"" + e.ID + "\""
	if near, ok := criteria.Nearest(e.ID, e.Known); ok {
		msg += "; did you mean \"" + near + "\"?"
	}
	return msg
}
