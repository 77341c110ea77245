package report

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// TestLayTextMatches holds layText to the general path (cell, then
// newLaidCell) on the cells a scored report prints and on random text:
// CJK, ㎡, ambiguous characters, spaces at a break, closing punctuation,
// line breaks and control characters (which take the general path).
func TestLayTextMatches(t *testing.T) {
	tests := []struct {
		name string
		cell string
		wrap int
	}{
		{name: "fits", cell: "73.9%", wrap: 22},
		{name: "shortfall", cell: "①需≥40%，现 37%，差 3 个百分点；②需≥10%，现 9.1%，差 0.9 个百分点", wrap: 30},
		{name: "english", cell: "needs ≥75%, has 72.2%: 2.8 percentage points short", wrap: 30},
		{name: "no wrap column", cell: "城市公园绿化活动场地服务半径覆盖率（%）", wrap: 0},
		{name: "spaces at the cut", cell: "aaaa     bbbb     cccc", wrap: 6},
		{name: "all spaces", cell: "                ", wrap: 4},
		{name: "closing punctuation", cell: "一二三四五六。七八九十", wrap: 6},
		{name: "line break", cell: "一二三\n四五六七八九十一二", wrap: 6},
		{name: "control character", cell: "a\tb c d e f g h", wrap: 4},
		{name: "empty", cell: "", wrap: 4},
		{name: "C1 control", cell: "a\u0085b c d e f g", wrap: 4},
		{name: "not UTF-8", cell: "a\xffb c d e f g", wrap: 4},
		{name: "ambiguous", cell: "①≥40% ②≥10% ③—", wrap: 4},
	}
	check := func(t *testing.T, cell string, wrap int) {
		t.Helper()
		tb := newTable("a", "b")
		tb.wrap[1] = wrap
		tb.memo = &cellMemo{}
		for _, body := range []bool{true, false} {
			got, want := tb.layText(cell, 1, body), newLaidCell(tb.cell(cell, 1, false, body), false)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%q wrapped at %d (body %v):\n got %#v\nwant %#v", cell, wrap, body, got, want)
			}
		}
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { check(t, tc.cell, tc.wrap) })
	}
	t.Run("random", func(t *testing.T) {
		rng := rand.New(rand.NewPCG(3, 4))
		alphabet := []string{"a", "Z", "1", ".", " ", " ", "中", "县", "㎡", "（", "）", "(", ")", "，", "。", "；", "%", "≥", "①", "—", "é", "ｱ", "😀", "→", "·", "」", "!", "\u0085", "\x7f", "\xff"}
		for range 5000 {
			var b strings.Builder
			for range rng.IntN(60) {
				b.WriteString(alphabet[rng.IntN(len(alphabet))])
			}
			check(t, b.String(), 1+rng.IntN(32))
		}
	})
}
