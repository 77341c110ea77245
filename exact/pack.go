package exact

import (
	"math"
	"strconv"

	"github.com/govalues/decimal"
)

// Pack splits d into its coefficient and one byte holding its scale and
// sign, so a document holding millions of decimals (gaps) can keep each
// in 9 bytes instead of 16, the bytes of several packed together.
func Pack(d Decimal) (coef uint64, meta uint8) {
	meta = uint8(d.Scale())
	if d.IsNeg() {
		meta |= 0x80
	}
	return d.Coef(), meta
}

// Unpack is the decimal Pack split, exactly.
func Unpack(coef uint64, meta uint8) Decimal {
	scale := int(meta & 0x7f)
	var d Decimal
	var err error
	if coef <= math.MaxInt64 {
		d, err = decimal.New(int64(coef), scale)
	} else { // 19 digits: through the text, still exact
		digits := strconv.FormatUint(coef, 10)
		d, err = decimal.Parse(digits[:len(digits)-scale] + "." + digits[len(digits)-scale:])
		if scale == 0 {
			d, err = decimal.Parse(digits)
		}
	}
	if err != nil {
		return Decimal{} // not from Pack
	}
	if meta&0x80 != 0 {
		d = d.Neg()
	}
	return d
}

// AppendTrimmed appends d as d.Trim(0).AppendText writes it (no trailing
// zeros after the point), without the general formatter: numbers are most
// of what a JSON or CSV result is made of, millions of them in a large run.
func AppendTrimmed(b []byte, d Decimal) []byte {
	coef, scale := d.Coef(), d.Scale()
	for scale > 0 && coef%10 == 0 {
		coef /= 10
		scale--
	}
	if d.IsNeg() {
		b = append(b, '-')
	}
	if scale == 0 {
		return strconv.AppendUint(b, coef, 10)
	}
	var buf [20]byte
	digits := strconv.AppendUint(buf[:0], coef, 10)
	if len(digits) <= scale { // 0.05: zeros between the point and the digits
		b = append(b, '0', '.')
		for range scale - len(digits) {
			b = append(b, '0')
		}
		return append(b, digits...)
	}
	b = append(b, digits[:len(digits)-scale]...)
	b = append(b, '.')
	return append(b, digits[len(digits)-scale:]...)
}
