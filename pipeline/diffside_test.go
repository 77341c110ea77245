package pipeline

import (
	"hash/maphash"
	"testing"

	"countyscore/exact"
	"countyscore/inputs"
)

// TestPackedValues: every value a diff keeps comes back exactly as it
// was read (given or not, true or false, the decimal's digits and scale),
// and two values pack to the same bytes only when they are the same
// (false and a zero are one inputs.Value; 42.6 and 42.60 are not).
func TestPackedValues(t *testing.T) {
	num := func(s string) inputs.Value { return inputs.Value{Given: true, Num: exact.MustParse(s)} }
	tests := []struct {
		name string
		v    inputs.Value
	}{
		{name: "missing", v: inputs.Value{}},
		{name: "true", v: inputs.Value{Given: true, Bool: true}},
		{name: "false", v: inputs.Value{Given: true}},
		{name: "zero", v: num("0")},
		{name: "a percent", v: num("42.6")},
		{name: "trailing zero kept", v: num("42.60")},
		{name: "negative", v: num("-3.25")},
		{name: "the largest typed", v: num("999999999999.999999")},
		{name: "19 digits", v: inputs.Value{Given: true, Num: exact.Unpack(18446744073709551615, 6)}},
		{name: "negative 19 digits", v: inputs.Value{Given: true, Num: exact.Unpack(18446744073709551615, 0x80|3)}},
	}
	var all []inputs.Value
	for _, tc := range tests {
		all = append(all, tc.v)
	}
	stream := valueKinds{isBool: make([]bool, len(all))} // every value in the stream
	packed := appendValues(nil, all, stream)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var one []byte
			one, packed = nextValue(packed)
			got := unpackValue(one)
			if got.Given != tc.v.Given || got.Bool != tc.v.Bool || got.Num.Cmp(tc.v.Num) != 0 || got.Num.Scale() != tc.v.Num.Scale() {
				t.Errorf("unpacked %+v, want %+v", got, tc.v)
			}
			for _, other := range tests {
				one := valueKinds{isBool: []bool{false}}
				same := string(appendValues(nil, []inputs.Value{tc.v}, one)) == string(appendValues(nil, []inputs.Value{other.v}, one))
				if same != (tc.v == other.v) {
					t.Errorf("%s and %s pack the same: %v", tc.name, other.name, same)
				}
			}
		})
	}
	if len(packed) != 0 {
		t.Errorf("%d bytes left over", len(packed))
	}
}

// TestPackedYesNo: a yes/no measure's value takes two bits of the field
// at the head (missing, false, true), or, when they cannot say it (不适用),
// its bytes in the stream among the other measures' values; every value
// comes back as it was, in measure order, and the field takes a byte for
// four yes/no values.
func TestPackedYesNo(t *testing.T) {
	yes, no := inputs.Value{Given: true, Bool: true}, inputs.Value{Given: true}
	na := inputs.Value{NA: true}
	num := inputs.Value{Given: true, Num: exact.MustParse("42.60")}
	vals := []inputs.Value{yes, num, no, {}, na, num, yes, yes, no, {}, inputs.Value{}}
	kinds := valueKinds{isBool: []bool{true, false, true, true, true, false, true, true, true, true, false}, bitBytes: 3}
	packed := appendValues(nil, vals, kinds)
	// 3 bytes of field; the stream: 不适用, 42.60 twice, a missing number.
	if want := 3 + 1 + 2*(1+2) + 1; len(packed) != want {
		t.Fatalf("%d bytes, want %d", len(packed), want)
	}
	field, rest := packed[:3], packed[3:]
	k := 0
	for i, want := range vals {
		var got inputs.Value
		if kinds.isBool[i] {
			got, rest = codeValue(bitCode(field, k), rest)
			k++
		} else {
			var one []byte
			one, rest = nextValue(rest)
			got = unpackValue(one)
		}
		if got.Given != want.Given || got.NA != want.NA || got.Bool != want.Bool || got.Num.Cmp(want.Num) != 0 || got.Num.Scale() != want.Num.Scale() {
			t.Errorf("value %d: %+v, want %+v", i, got, want)
		}
	}
	if len(rest) != 0 {
		t.Errorf("%d bytes left over", len(rest))
	}
}

// TestNameIndex: every name added is found at its row, through growth of
// the table, and a name not added is not.
func TestNameIndex(t *testing.T) {
	side := diffSide{index: newNameIndex(maphash.MakeSeed())}
	names := []string{}
	for i := range 5000 {
		names = append(names, string(rune('甲'+i%50))+string(rune('0'+i/50%10))+string(rune('a'+i/500)))
	}
	for i, name := range names {
		h := side.index.hash(name)
		if _, ok := side.find(name, h); ok {
			t.Fatalf("%s found before it was added", name)
		}
		side.rows.add(sideRow{name: side.names.add([]byte(name)), hash: h})
		side.index.insert(h, i)
	}
	for i, name := range names {
		if row, ok := side.find(name, side.index.hash(name)); !ok || row != i {
			t.Errorf("%s at %d, %v; want %d", name, row, ok, i)
		}
	}
	if _, ok := side.find("乙", side.index.hash("乙")); ok {
		t.Error("a name never added is found")
	}
}
