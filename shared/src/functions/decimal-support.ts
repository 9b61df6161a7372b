/** Decimal helpers over unscaled bigints (value = unscaled / 10^scale). */

const POWERS: bigint[] = []

/** 10^n as a bigint (cached). */
export function pow10(n: number): bigint {
  let p = POWERS[n]
  if (p === undefined) {
    p = 10n ** BigInt(n)
    POWERS[n] = p
  }
  return p
}

/** Spark's maximum decimal precision. */
export const MAX_DECIMAL_PRECISION = 38

/** Whether `unscaled` fits in `precision` digits. */
export const fitsPrecision = (unscaled: bigint, precision: number): boolean => {
  const limit = pow10(precision)
  return unscaled < limit && unscaled > -limit
}

/** `numerator / denominator` rounded half away from zero (Java's HALF_UP). */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator < 0n) { numerator = -numerator; denominator = -denominator }
  const quotient = numerator / denominator
  const remainder = numerator % denominator
  const twice = (remainder < 0n ? -remainder : remainder) * 2n
  if (twice >= denominator) return numerator < 0n ? quotient - 1n : quotient + 1n
  return quotient
}

/** `numerator / denominator` rounded half to even (Java's HALF_EVEN). */
export function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator < 0n) { numerator = -numerator; denominator = -denominator }
  const quotient = numerator / denominator
  const remainder = numerator % denominator
  const twice = (remainder < 0n ? -remainder : remainder) * 2n
  const awayFromZero = twice > denominator || (twice === denominator && quotient % 2n !== 0n)
  if (awayFromZero) return numerator < 0n ? quotient - 1n : quotient + 1n
  return quotient
}

/** Changes the scale of an unscaled value, rounding HALF_UP when it shrinks. */
export function rescale(unscaled: bigint, fromScale: number, toScale: number, mode: 'half_up' | 'half_even' = 'half_up'): bigint {
  if (toScale >= fromScale) return unscaled * pow10(toScale - fromScale)
  const divisor = pow10(fromScale - toScale)
  return mode === 'half_up' ? divideHalfUp(unscaled, divisor) : divideHalfEven(unscaled, divisor)
}
