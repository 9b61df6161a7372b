import { integralAsDecimal } from '../eval/type-coercion.js'
import type { DataType } from '../types/data-type.js'
import { DecimalType, DoubleType, FloatType } from '../types/data-type.js'
import { MAX_DECIMAL_PRECISION } from './decimal-support.js'

const INTEGRAL_ORDER = ['byte', 'short', 'integer', 'long'] as const

/** Range of each integral type, for overflow checks. */
export const INTEGRAL_RANGE: Readonly<Record<string, readonly [bigint, bigint]>> = {
  byte: [-128n, 127n],
  short: [-32768n, 32767n],
  integer: [-2147483648n, 2147483647n],
  long: [-(2n ** 63n), 2n ** 63n - 1n],
}

export const isIntegralKind = (k: string): boolean => k === 'byte' || k === 'short' || k === 'integer' || k === 'long'

/** The decimal type that holds every value of an integral type (Spark's DecimalType.forType). */
export const decimalForType = integralAsDecimal

/**
 * The wider of two numeric types (Spark's `findWiderTypeForTwo` on numbers): doubles
 * win, then floats, then decimals (enough integral digits and scale for both,
 * bounded at 38), then the larger integral type. Null when either is not numeric.
 */
export function widerNumericType(a: DataType, b: DataType): DataType | null {
  if (a.kind === 'null') return b
  if (b.kind === 'null') return a
  const numeric = (t: DataType): boolean => isIntegralKind(t.kind) || t.kind === 'float' || t.kind === 'double' || t.kind === 'decimal'
  if (!numeric(a) || !numeric(b)) return null
  if (a.kind === 'double' || b.kind === 'double') return DoubleType
  if (a.kind === 'float' || b.kind === 'float') return a.kind === 'decimal' || b.kind === 'decimal' ? DoubleType : FloatType
  if (a.kind === 'decimal' || b.kind === 'decimal') {
    const x = decimalForType(a)
    const y = decimalForType(b)
    const scale = Math.max(x.scale, y.scale)
    const integral = Math.max(x.precision - x.scale, y.precision - y.scale)
    return DecimalType(Math.min(MAX_DECIMAL_PRECISION, integral + scale), Math.min(scale, MAX_DECIMAL_PRECISION))
  }
  const rank = (t: DataType): number => INTEGRAL_ORDER.indexOf(t.kind as (typeof INTEGRAL_ORDER)[number])
  return rank(a) >= rank(b) ? a : b
}

