package report

import (
	"strings"
	"unicode/utf8"
)

// layText lays out a text-table cell as newLaidCell(t.cell(c, …)) does,
// for the common case (plain text without line breaks) in one pass: the
// ambiguous characters replaced, the width measured once, and a cell too
// wide for its column wrapped straight into its lines, which are slices of
// one string. A scored run lays out about seven million such cells; going
// through wrap, which joins the lines only for newLaidCell to split and
// measure them again, was a fifth of the table format's time. Anything
// else (a line break, a control character) takes the general path.
// TestLayTextMatches holds the two identical.
func (t *table) layText(c string, i int, body bool) *laidCell {
	total, ok := scanText(c)
	if !ok {
		c = replaceAmbiguous(c)
		if strings.IndexByte(c, '\n') >= 0 || !plainCell(c) {
			return newLaidCell(t.cell(c, i, false, body), false)
		}
		total = textWidth(c)
	}
	width := 0
	if body {
		width = t.wrap[i]
	}
	if width <= 0 || total <= width {
		return &laidCell{text: c, plain: true, width: total}
	}
	return wrapLaid(c, total, width, &t.memo.runes)
}

// scanText measures s as textWidth does, in the one pass that checks it
// plain (plainCell) and without a line break or an ambiguous character to
// replace; ok is false otherwise. The cells of a scored run are built with
// their ambiguous characters already replaced, so this is the usual case.
func scanText(s string) (width int, ok bool) {
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if b < 0x20 || b == 0x7f {
				return 0, false
			}
			width++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r <= 0x9f || r == utf8.RuneError {
			return 0, false // a C1 control, or not UTF-8
		}
		if r < ambiguousBelow {
			if _, amb := ambiguous[r]; amb {
				return 0, false
			}
		}
		width += runeWidth(r)
		i += size
	}
	return width, true
}

// wrapLaid is wrapLine for plain text of the given total width, measured
// as tablewriter measures: it returns the lines and their widths as a
// laidCell. scratch is a reused rune buffer.
func wrapLaid(s string, total, width int, scratch *[]rune) *laidCell {
	// Balance the lines: 15 characters in a 13-wide column become 8 + 7,
	// not 13 + 2 (as wrapLine does).
	if n := (total + width - 1) / width; n > 1 {
		width = min(width, (total+n-1)/n+4)
	}
	runes := (*scratch)[:0]
	for _, r := range s {
		runes = append(runes, r)
	}
	*scratch = runes
	var (
		text   = make([]byte, 0, len(s)+8) // the lines joined by line breaks
		bounds []int                       // where each line ends in text
		c      = &laidCell{plain: true}
	)
	for len(runes) > 0 {
		cut := wrapCut(runes, width, runeWidth)
		end := cut
		for end > 0 && runes[end-1] == ' ' {
			end--
		}
		if len(bounds) > 0 {
			text = append(text, '\n')
		}
		w := 0
		for _, r := range runes[:end] {
			text = appendRune(text, r)
			w += runeWidth(r)
		}
		bounds = append(bounds, len(text))
		c.widths = append(c.widths, w)
		c.width = max(c.width, w)
		runes = runes[cut:]
		for len(runes) > 0 && runes[0] == ' ' {
			runes = runes[1:]
		}
	}
	c.text = string(text)
	c.lines = make([]string, len(bounds))
	start := 0
	for k, b := range bounds {
		c.lines[k] = c.text[start:b]
		start = b + 1
	}
	if len(c.lines) == 1 { // one line: newLaidCell keeps no lines
		c.lines, c.widths = nil, nil
	}
	return c
}

// wrapCut is where wrapLine ends the first line of runes in a column
// width wide, measured by runeW: at the last break after at least half the
// line, never before closing punctuation (Chinese typesetting never starts
// a line with it: the character before comes down with it), after at
// least one character (one wider than the column stands alone).
func wrapCut(runes []rune, width int, runeW func(rune) int) int {
	w, cut, lastBreak := 0, len(runes), -1
	for i, r := range runes {
		rw := runeW(r)
		if w+rw > width {
			cut = i
			break
		}
		w += rw
		switch {
		case breakAfter(r):
			lastBreak = i + 1
		case (r == '（' || r == '(') && i > 0:
			lastBreak = i
		}
	}
	if cut < len(runes) && lastBreak > cut/2 {
		cut = lastBreak
	}
	for cut > 1 && cut < len(runes) && closing(runes[cut]) {
		cut--
	}
	if cut == 0 {
		cut = 1
	}
	return cut
}

// appendRune appends r in UTF-8, an ASCII byte without a call.
func appendRune(b []byte, r rune) []byte {
	if r < 0x80 {
		return append(b, byte(r))
	}
	return utf8.AppendRune(b, r)
}
