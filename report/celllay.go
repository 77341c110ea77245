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
// laidCell. scratch holds the reused rune and offset buffers.
func wrapLaid(s string, total, width int, scratch *wrapScratch) *laidCell {
	// Balance the lines: 15 characters in a 13-wide column become 8 + 7,
	// not 13 + 2 (as wrapLine does).
	if n := (total + width - 1) / width; n > 1 {
		width = min(width, (total+n-1)/n+4)
	}
	runes, offs := scratch.runes[:0], scratch.offs[:0] // offs[k]: where rune k starts in s
	for i, r := range s {
		runes = append(runes, r)
		offs = append(offs, i)
	}
	offs = append(offs, len(s))
	scratch.runes, scratch.offs = runes, offs
	// First the lines (where each begins and ends in s, trailing spaces
	// cut, and its width), then the cell in two allocations: its text, and
	// the cell with its lines and widths (wrappedCell, for the usual few
	// lines).
	var (
		spans  = make([][3]int, 0, 8)
		at     = 0
		nbytes = 0
	)
	for at < len(runes) {
		cut := wrapCut(runes[at:], width, runeWidth)
		end := cut
		for end > 0 && runes[at+end-1] == ' ' {
			end--
		}
		w := 0
		for _, r := range runes[at : at+end] {
			w += runeWidth(r)
		}
		spans = append(spans, [3]int{offs[at], offs[at+end], w})
		nbytes += offs[at+end] - offs[at]
		at += cut
		for at < len(runes) && runes[at] == ' ' {
			at++
		}
	}
	var text strings.Builder
	text.Grow(nbytes + max(0, len(spans)-1))
	for k, sp := range spans {
		if k > 0 {
			text.WriteByte('\n')
		}
		text.WriteString(s[sp[0]:sp[1]])
	}
	if len(spans) == 1 { // one line: newLaidCell keeps no lines
		return &laidCell{plain: true, text: text.String(), width: spans[0][2]}
	}
	var c *laidCell
	if len(spans) <= len(wrappedCell{}.lines) {
		wc := &wrappedCell{}
		c = &wc.laidCell
		c.lines, c.widths = wc.lines[:len(spans)], wc.widths[:len(spans)]
	} else {
		c = &laidCell{lines: make([]string, len(spans)), widths: make([]int, len(spans))}
	}
	c.plain, c.text = true, text.String()
	at = 0
	for k, sp := range spans {
		n := sp[1] - sp[0]
		c.lines[k], c.widths[k] = c.text[at:at+n], sp[2]
		c.width = max(c.width, sp[2])
		at += n + 1
	}
	return c
}

// wrapScratch is wrapLaid's reused buffers.
type wrapScratch struct {
	runes []rune
	offs  []int
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
