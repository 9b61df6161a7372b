/**
 * Exact decimal helpers over the internal decimal representation: a `bigint`
 * unscaled value with the scale carried by the type (value = unscaled / 10^scale).
 * Rounding is HALF_UP (away from zero on a tie), as Spark's `Decimal.changePrecision`.
 */

const TEN = 10n

/** 10^exponent as a bigint (exponent >= 0). */
export function powerOfTen(exponent: number): bigint {
  return TEN ** BigInt(exponent)
}

/** Plain (non-scientific) text of a decimal: `decimalToString(100n, 2)` is '1.00', `(-50n, 2)` is '-0.50'. */
export function decimalToString(unscaled: bigint, scale: number): string {
  if (scale <= 0) return (unscaled * powerOfTen(-scale)).toString()
  const negative = unscaled < 0n
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0')
  const text = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`
  return negative ? `-${text}` : text
}

/** Divides by 10^drop with HALF_UP rounding. */
function divideHalfUp(value: bigint, drop: number): bigint {
  const divisor = powerOfTen(drop)
  const quotient = value / divisor
  const remainder = value % divisor
  const twice = (remainder < 0n ? -remainder : remainder) * 2n
  if (twice >= divisor) return value < 0n ? quotient - 1n : quotient + 1n
  return quotient
}

/** Changes the scale of an unscaled value, rounding HALF_UP when digits are dropped. */
export function rescaleDecimal(unscaled: bigint, fromScale: number, toScale: number): bigint {
  if (toScale === fromScale) return unscaled
  if (toScale > fromScale) return unscaled * powerOfTen(toScale - fromScale)
  return divideHalfUp(unscaled, fromScale - toScale)
}

const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/

/**
 * Parses decimal text ('12.345', '-0.5', '+1e3', ' 7 ') to the unscaled value at
 * `scale`, rounding HALF_UP; null when the text is not a number (as Spark's
 * non-ANSI cast). Precision is not checked here: see `decimalFitsPrecision`.
 */
export function parseDecimal(text: string, scale: number): bigint | null {
  const match = DECIMAL_TEXT.exec(text.trim())
  if (match === null) return null
  const [, sign, integerDigits = '', fractionDigits = '', exponentText] = match
  if (integerDigits.length === 0 && fractionDigits.length === 0) return null
  const exponent = exponentText === undefined ? 0 : Number(exponentText)
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 100_000) return null
  const digits = BigInt(`${integerDigits}${fractionDigits}` || '0')
  // value = digits * 10^(exponent - fractionDigits.length)
  const sourceScale = fractionDigits.length - exponent
  const magnitude = rescaleDecimal(digits, sourceScale, scale)
  return sign === '-' ? -magnitude : magnitude
}

/** True when the unscaled value has at most `precision` digits. */
export function decimalFitsPrecision(unscaled: bigint, precision: number): boolean {
  const magnitude = unscaled < 0n ? -unscaled : unscaled
  return magnitude < powerOfTen(precision)
}

/** The nearest double to the decimal value. */
export function decimalToNumber(unscaled: bigint, scale: number): number {
  return Number(decimalToString(unscaled, scale))
}

/** Unscaled value at `scale` nearest (HALF_UP) to a finite double; null for NaN/Infinity. */
export function numberToDecimal(value: number, scale: number): bigint | null {
  if (!Number.isFinite(value)) return null
  // Spark goes through the double's shortest decimal text (BigDecimal.valueOf), as does String(value).
  return parseDecimal(String(value), scale)
}
