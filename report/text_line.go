package report

import "fmt"

// sprintf is fmt.Sprintf(format, args...) for printer.line. A scored run
// prints some ten lines a subject, a million for 100,000 subjects, nearly
// all of catalog words and subject names: a format of %s verbs filled with
// strings is split once (cellFormat) and filled by appending; any other
// format or argument goes to fmt.Sprintf.
func (p *printer) sprintf(format string, args []any) string {
	if len(args) == 0 {
		if tp := p.format(format); tp.ok && len(tp.args) == 0 {
			return format
		}
	}
	return string(p.appendf(nil, format, args))
}

// appendf appends what sprintf returns to b, with no string in between
// for a line printed as it is.
func (p *printer) appendf(b []byte, format string, args []any) []byte {
	var strs [4]string
	if len(args) > len(strs) {
		return fmt.Appendf(b, format, args...)
	}
	for i, a := range args {
		s, ok := a.(string)
		if !ok {
			return fmt.Appendf(b, format, args...)
		}
		strs[i] = s
	}
	return appendFormat(b, p.format(format), strs[:len(args)])
}

// format is a line's format, split once.
func (p *printer) format(format string) cellFormat {
	tp, ok := p.formats[format]
	if !ok {
		if p.formats == nil {
			p.formats = map[string]cellFormat{}
		}
		if len(p.formats) >= 256 { // formats are catalog words: a few dozen
			clear(p.formats)
		}
		tp = parseCellFormat(format)
		p.formats[format] = tp
	}
	return tp
}
