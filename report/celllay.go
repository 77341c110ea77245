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
	// First the lines (in runes: where each begins and ends, trailing
	// spaces cut), then the cell in two allocations: its text, and the
	// cell with its lines and widths (wrappedCell, for the usual few
	// lines).
	var (
		spans  = make([][2]int, 0, 8)
		at     = 0
		nbytes = 0
	)
	for at < len(runes) {
		cut := wrapCut(runes[at:], width, runeWidth)
		end := cut
		for end > 0 && runes[at+end-1] == ' ' {
			end--
		}
		spans = append(spans, [2]int{at, at + end})
		for _, r := range runes[at : at+end] {
			nbytes += utf8.RuneLen(r)
		}
		at += cut
		for at < len(runes) && runes[at] == ' ' {
			at++
		}
	}
	var text strings.Builder
	text.Grow(nbytes + max(0, len(spans)-1))
	var c *laidCell
	if len(spans) <= len(wrappedCell{}.lines) {
		wc := &wrappedCell{}
		c = &wc.laidCell
		c.lines, c.widths = wc.lines[:len(spans)], wc.widths[:len(spans)]
	} else {
		c = &laidCell{lines: make([]string, len(spans)), widths: make([]int, len(spans))}
	}
	c.plain = true
	starts := make([]int, 0, 8)
	for k, sp := range spans {
		if k > 0 {
			text.WriteByte('\n')
		}
		starts = append(starts, text.Len())
		w := 0
		for _, r := range runes[sp[0]:sp[1]] {
			text.WriteRune(r)
			w += runeWidth(r)
		}
		c.widths[k] = w
		c.width = max(c.width, w)
	}
	c.text = text.String()
	for k, start := range starts {
		end := len(c.text)
		if k+1 < len(starts) {
			end = starts[k+1] - 1
		}
		c.lines[k] = c.text[start:end]
	}
	if len(c.lines) == 1 { // one line: newLaidCell keeps no lines
		c.lines, c.widths = nil, nil
	}
	return c
}

// wrappedCell is a wrapped cell of a few lines in one allocation: a
// scored run wraps over a million of them.
type wrappedCell struct {
	laidCell
	lines  [4]string
	widths [4]int
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
