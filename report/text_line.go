package report

import "fmt"

// sprintf is fmt.Sprintf(format, args...) for printer.line. A scored run
// prints some ten lines a subject, a million for 100,000 subjects, nearly
// all of catalog words and subject names: a format of %s verbs filled with
// strings is split once (cellFormat) and filled by appending; any other
// format or argument goes to fmt.Sprintf.
func (p *printer) sprintf(format string, args []any) string {
	var strs [4]string
	if len(args) > len(strs) {
		return fmt.Sprintf(format, args...)
	}
	for i, a := range args {
		s, ok := a.(string)
		if !ok {
			return fmt.Sprintf(format, args...)
		}
		strs[i] = s
	}
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
	if len(args) == 0 && tp.ok && len(tp.args) == 0 {
		return format
	}
	return string(appendFormat(nil, tp, strs[:len(args)]))
}
