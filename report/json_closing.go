package report

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"

	"countyscore/pipeline"
)

// closingWriter passes a JSON document through and, when the document
// carries a run's closing, writes it inside the document's object before
// the final "}": what was refused, who is absent, the warnings. The
// object's own writers need not know of it.
type closingWriter struct {
	w      io.Writer
	closed *pipeline.Closed
	tail   []byte // the last bytes written, held back: they end the object
}

func (c *closingWriter) Write(p []byte) (int, error) {
	if c.closed == nil {
		return c.w.Write(p)
	}
	c.tail = append(c.tail, p...)
	if keep := 2; len(c.tail) > keep {
		if _, err := c.w.Write(c.tail[:len(c.tail)-keep]); err != nil {
			return 0, err
		}
		c.tail = append(c.tail[:0], c.tail[len(c.tail)-keep:]...)
	}
	return len(p), nil
}

// RefusedJSON is one refused row or file in the JSON "refused" list.
type RefusedJSON struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Field   string `json:"field"`
	Message string `json:"message"`
}

func (c *closingWriter) flush() error {
	if c.closed == nil {
		return nil
	}
	if !bytes.Equal(c.tail, []byte("}\n")) {
		_, err := c.w.Write(c.tail) // not an object: leave it be
		return err
	}
	cl := c.closed.Closing()
	var b bytes.Buffer
	list := func(name string, n int, item func(i int) any) error {
		b.WriteString(",\n" + strconv.Quote(name) + ":[")
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString("\n")
			v, err := json.Marshal(item(i))
			if err != nil {
				return err
			}
			b.Write(v)
		}
		if n > 0 {
			b.WriteString("\n")
		}
		b.WriteString("]")
		return nil
	}
	if cl.Absent != nil {
		if err := list("absent", len(cl.Absent), func(i int) any { return cl.Absent[i] }); err != nil {
			return err
		}
	}
	if refused := cl.RefusedList(); cl.SkipInvalid || len(refused) > 0 {
		if err := list("refused", len(refused), func(i int) any {
			e := refused[i]
			return RefusedJSON{File: e.File, Line: e.Line, Field: e.Field, Message: e.Msg}
		}); err != nil {
			return err
		}
		if cl.Refused != nil && cl.Refused.Omitted > 0 {
			b.WriteString(",\n\"refused_omitted\":" + strconv.Itoa(cl.Refused.Omitted))
		}
	}
	if len(cl.Warnings) > 0 {
		if err := list("warnings", len(cl.Warnings), func(i int) any { return cl.Warnings[i] }); err != nil {
			return err
		}
	}
	b.WriteString("}\n")
	_, err := c.w.Write(b.Bytes())
	return err
}
