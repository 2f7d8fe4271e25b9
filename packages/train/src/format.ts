// Numbers in sentences people read (stop reasons): 4 significant digits are plenty to tell
// values apart, and a raw float64 (0.12345678901234) only hides the point being made.

/** `x` to `digits` significant digits, without trailing zeros: 0.123456789 → "0.1235". */
export function readableNumber(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return String(x);
  const text = x.toPrecision(digits);
  const rounded = Number(text);
  // Rounding up past float64's largest value gives Infinity; the text itself is still right.
  return Number.isFinite(rounded) ? String(rounded) : text.replace(/\.?0+e/, 'e');
}
