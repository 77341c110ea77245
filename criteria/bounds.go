package criteria

import (
	"fmt"

	"countyscore/exact"
)

// Bounds on the points figures of a scored set (points, deduct, max_points,
// a line's points, a category's stated points). Every standard in sight
// scores out of 100 in halves; these bounds are far above that, and tight
// enough that the engine's points arithmetic provably stays within the 19
// digits it computes exactly:
//   - a subject's total never exceeds max_points (≤ 10⁶);
//   - checklist: unmet requirements (< 10⁶ in a 1 MiB file) × deduct
//     (≤ 9 significant digits) needs at most 15 digits;
//   - linear: steps past those that take every point cost nothing more
//     (Indicator.StepDeduction), so a deduction is at most
//     ⌈points ÷ deduct⌉ (≤ 10⁸, 9 digits) × deduct (≤ 9 digits).
//
// Every other figure (step, targets, rates, bands) is bounded like a
// measured value: at most exact.MaxIntDigits digits before the decimal
// point and exact.MaxFracDigits after.
const (
	MaxPointsFigure    = 1_000_000
	MaxPointsFracDigit = 2
)

// checkPointsFigure reports a points figure outside the bounds.
func checkPointsFigure(c *collector, path string, d Dec) {
	if !d.Given {
		return
	}
	if d.V.Cmp(exact.Int(MaxPointsFigure)) > 0 || d.V.Trim(0).Scale() > MaxPointsFracDigit {
		c.at(Error, path, "%s: a points figure is at most %d with at most %d decimal places, so every sum of points stays exact", d, MaxPointsFigure, MaxPointsFracDigit)
	}
}

// checkDecInt bounds a figure written as a TOML integer like one written
// as a string (exact.Parse).
func checkDecInt(x int64) error {
	if len(fmt.Sprint(x)) > exact.MaxIntDigits {
		return fmt.Errorf("%d: %v", x, exact.ErrTooLong)
	}
	return nil
}
