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
