package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/mattn/go-runewidth"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
)

// minColumn is the narrowest a column is squeezed to: two Chinese
// characters, or four letters.
const minColumn = 4

// fit narrows the columns of a bordered table until it is no wider than
// width, widest column first, wrapping the cells (header included) of the
// columns it narrows; nothing is cut off. ok is false when even columns of
// minColumn cells do not fit: the caller then lays the rows out as records.
func fit(header []string, rows [][]string, width int) ([]string, [][]string, bool) {
	n := len(header)
	natural := make([]int, n)
	for i := range header {
		natural[i] = cellWidth(header[i])
		for _, row := range rows {
			if i < len(row) {
				natural[i] = max(natural[i], cellWidth(row[i]))
			}
		}
	}
	budget := width - (3*n + 1) // "| " … " | " … " |"
	target := slices.Clone(natural)
	for sum(target) > budget {
		widest := 0
		for i := range target {
			if target[i] >= target[widest] {
				widest = i
			}
		}
		if target[widest] <= minColumn {
			return header, rows, false
		}
		target[widest]--
	}
	for {
		// Wrapping balances lines and may leave a column narrower than its
		// target, or, cutting only at a character, as wide: measure again.
		out := wrapColumns(header, rows, target, natural)
		got := make([]int, n)
		for i := range got {
			got[i] = cellWidth(out[0][i])
			for _, row := range out[1:] {
				got[i] = max(got[i], cellWidth(row[i]))
			}
		}
		if sum(got) <= budget {
			return out[0], out[1:], true
		}
		shrunk := false
		for i := range target {
			if got[i] > target[i] && target[i] > minColumn {
				target[i]--
				shrunk = true
			}
		}
		if !shrunk {
			return header, rows, false
		}
	}
}

func wrapColumns(header []string, rows [][]string, target, natural []int) [][]string {
	out := make([][]string, 0, len(rows)+1)
	for _, row := range append([][]string{header}, rows...) {
		r := make([]string, len(header))
		for i := range r {
			if i < len(row) {
				r[i] = row[i]
			}
			if target[i] < natural[i] {
				r[i] = wrap(strings.ReplaceAll(r[i], "\n", " "), target[i])
			}
		}
		out = append(out, r)
	}
	return out
}

// writeRecords lays out rows too wide for any table as records: each
// field on its own line, "header: value", wrapped to width, a rule
// between records.
func writeRecords(w io.Writer, header []string, rows [][]string, width int) error {
	rule := strings.Repeat("-", width)
	for _, row := range rows {
		if _, err := fmt.Fprintln(w, rule); err != nil {
			return err
		}
		for i, h := range header {
			v := ""
			if i < len(row) {
				v = strings.ReplaceAll(row[i], "\n", " ")
			}
			text := wrapBy(strings.ReplaceAll(h, "\n", "")+": "+v, width, lineWidth)
			if _, err := fmt.Fprintln(w, text); err != nil {
				return err
			}
		}
	}
	_, err := fmt.Fprintln(w, rule)
	return err
}

// cellWidth is the widest line of a cell.
func cellWidth(s string) int {
	w := 0
	for _, line := range strings.Split(s, "\n") {
		w = max(w, twwidth.Width(line))
	}
	return w
}

// wideCond counts ambiguous characters (≥, ①, “) two cells wide, as a
// terminal set up for Chinese draws them.
var wideCond = &runewidth.Condition{EastAsianWidth: true}

// lineWidth is the width of a line of text outside a table in the widest
// terminal reading: ambiguous characters, which a table replaces but
// running text keeps, count double, so a wrapped line fits both ways.
func lineWidth(s string) int { return wideCond.StringWidth(s) }

func sum(xs []int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}
