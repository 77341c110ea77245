package inputs

import (
	"math/rand/v2"
	"strings"
	"testing"

	"countyscore/criteria"
)

// fastMeasures are the measures fastCell serves, and one of each it must
// leave to ParseCell.
var fastMeasures = []criteria.Measure{
	{ID: "b", Kind: criteria.Bool},
	{ID: "n", Kind: criteria.Num},
	{ID: "c", Kind: criteria.Count},
	{ID: "p", Kind: criteria.Pct},
	{ID: "sn", Kind: criteria.Num, Signed: true},
	{ID: "sp", Kind: criteria.Pct, Signed: true},
	{ID: "a", Kind: criteria.Attr},
}

// checkFastCell fails when fastCell reads raw and ParseCell reads it
// differently, for every measure kind.
func checkFastCell(t *testing.T, raw string) {
	t.Helper()
	for _, m := range fastMeasures {
		v, hint, ok := fastCell(raw, fastKind(&m))
		if !ok {
			continue
		}
		want, wantHint, err := ParseCell(raw, m)
		if err != nil {
			t.Errorf("%s %q: fastCell read %+v, ParseCell refused it: %v", m.Kind, raw, v, err)
			continue
		}
		if v != want || hint != wantHint {
			t.Errorf("%s %q: fastCell = %+v, hint %v; ParseCell = %+v, hint %v", m.Kind, raw, v, hint, want, wantHint)
		}
	}
}

// TestFastCellAsParseCell: the fast path takes the common cells and gives
// exactly ParseCell's value and hint (decimals compared as structs, so
// the scale too); it leaves every other cell to ParseCell.
func TestFastCellAsParseCell(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		kind uint8
		fast bool // fastCell must take it for a measure of kind
	}{
		{"true", "true", fastBool, true},
		{"false", "false", fastBool, true},
		{"upper case is left to ParseCell", "TRUE", fastBool, false},
		{"是 is left to ParseCell", "是", fastBool, false},
		{"a number on a yes/no measure", "1", fastBool, false},
		{"decimal", "38.9", fastNum, true},
		{"trailing zeros", "38.900", fastNum, true},
		{"leading zeros", "007", fastCount, true},
		{"zero with a fraction", "0.000", fastPct, true},
		{"fraction hint", "0.4", fastPct, true},
		{"percent 100", "100", fastPct, true},
		{"percent over 100", "100.5", fastPct, false},
		{"percent 100 with zeros", "100.000000", fastPct, true},
		{"percent just over 100", "100.000001", fastPct, false},
		{"no fraction hint at 1", "1", fastPct, true},
		{"fraction hint just below 1", "0.999999", fastPct, true},
		{"count with a fraction", "1.5", fastCount, false},
		{"count with zero fraction", "3.0", fastCount, true},
		{"twelve integer digits", "123456789012", fastNum, true},
		{"thirteen integer digits", "1234567890123", fastNum, false},
		{"six fraction digits", "0.123456", fastNum, true},
		{"seven fraction digits", "0.1234567", fastNum, false},
		{"blank", "", fastNum, false},
		{"space", " 38.9", fastNum, false},
		{"sign", "+38.9", fastNum, false},
		{"minus", "-1", fastNum, false},
		{"point first", ".5", fastNum, false},
		{"point last", "5.", fastNum, false},
		{"two points", "1.2.3", fastNum, false},
		{"percent sign", "40%", fastPct, false},
		{"grouping", "1,234", fastNum, false},
		{"full width", "３８", fastNum, false},
		{"exponent", "1e3", fastNum, false},
		{"signed percent", "0.4", fastNone, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, _, ok := fastCell(tc.raw, tc.kind); ok != tc.fast {
				t.Errorf("fastCell(%q, %d) ok = %v, want %v", tc.raw, tc.kind, ok, tc.fast)
			}
			checkFastCell(t, tc.raw)
		})
	}
	if k := fastKind(&criteria.Measure{Kind: criteria.Pct, Signed: true}); k != fastNone {
		t.Errorf("a signed percent is read on the fast path (%d): ParseCell gives it no hint", k)
	}
}

// TestFastCellRandomDecimals holds fastCell to ParseCell on 20,000
// decimals of every length around the limits, zeros included.
func TestFastCellRandomDecimals(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 1))
	digits := func(n int) string {
		var b strings.Builder
		for range n {
			d := byte('0' + rng.IntN(10))
			if rng.IntN(4) == 0 {
				d = '0'
			}
			b.WriteByte(d)
		}
		return b.String()
	}
	for range 20000 {
		raw := digits(1 + rng.IntN(14))
		if rng.IntN(2) == 0 {
			raw += "." + digits(rng.IntN(8))
		}
		checkFastCell(t, raw)
	}
}

// FuzzFastCell holds fastCell to ParseCell on any cell.
func FuzzFastCell(f *testing.F) {
	for _, s := range []string{"true", "false", "38.9", "0.4", "100", "100.000001", "007", "3.0", "123456789012.123456", "1e3", ".5", "5.", "40%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		checkFastCell(t, raw)
	})
}

// TestCheckCell: NUL and invalid UTF-8 are refused wherever they stand,
// a NUL first.
func TestCheckCell(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want error
	}{
		{"ascii", "38.9", nil},
		{"empty", "", nil},
		{"chinese", "县0000001", nil},
		{"nul in ascii", "38\x009", errNUL},
		{"nul after chinese", "县\x00", errNUL},
		{"nul after bad utf-8", "a\xff\x00", errNUL},
		{"bad utf-8", "38\xff", errNotUTF8},
		{"bad utf-8 after chinese", "县\xc3", errNotUTF8},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := checkCell(tc.in); got != tc.want {
				t.Errorf("checkCell(%q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}
