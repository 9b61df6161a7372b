import {
  DecimalType, DoubleType, LongType, StringType, TimeType, isAnsiIntervalType, isIntegralType, isNumericType, sameType,
  type DataType,
} from '../types/data-type.js'
import { widerDayTimeType, widerYearMonthType } from '../types/interval-types.js'

const NUMERIC_RANK: Readonly<Record<string, number>> = { byte: 1, short: 2, integer: 3, long: 4, decimal: 5, float: 6, double: 7 }

import { MAX_DECIMAL_PRECISION } from '../types/ddl-parser.js'

/** The decimal type that holds every value of an integral type exactly: int → decimal(10,0). */
export function integralAsDecimal(t: DataType): DecimalType {
  switch (t.kind) {
    case 'byte': return DecimalType(3, 0)
    case 'short': return DecimalType(5, 0)
    case 'integer': return DecimalType(10, 0)
    case 'long': return DecimalType(20, 0)
    case 'decimal': return t
    default: return DecimalType(38, 18)
  }
}

/** Spark's `DecimalType.bounded` after precision loss adjustment (allowPrecisionLoss = true). */
export function adjustDecimalPrecision(precision: number, scale: number): DecimalType {
  if (precision <= MAX_DECIMAL_PRECISION) return DecimalType(precision, scale)
  const intDigits = precision - scale
  const minScale = Math.min(scale, 6)
  const adjustedScale = Math.max(MAX_DECIMAL_PRECISION - intDigits, minScale)
  return DecimalType(MAX_DECIMAL_PRECISION, adjustedScale)
}

/** The wider of two decimal types: enough integer and fraction digits for both. */
export function widerDecimal(a: DecimalType, b: DecimalType): DecimalType {
  const scale = Math.max(a.scale, b.scale)
  const intDigits = Math.max(a.precision - a.scale, b.precision - b.scale)
  return DecimalType(Math.min(intDigits + scale, MAX_DECIMAL_PRECISION), scale)
}

/** Spark's numeric widening: byte < short < int < long < decimal < float < double. */
export function widerNumericType(a: DataType, b: DataType): DataType {
  if (a.kind === 'decimal' || b.kind === 'decimal') {
    if (a.kind === 'float' || a.kind === 'double' || b.kind === 'float' || b.kind === 'double') return DoubleType
    return widerDecimal(integralAsDecimal(a), integralAsDecimal(b))
  }
  return (NUMERIC_RANK[a.kind] ?? 0) >= (NUMERIC_RANK[b.kind] ?? 0) ? a : b
}

/**
 * The common type two values are brought to (Spark's `findWiderTypeForTwo`): numeric
 * widening, null with anything, date with timestamp → timestamp, arrays/maps/structs
 * element-wise; undefined when there is none. A string with another primitive
 * becomes that type in ANSI mode (integral → BIGINT, fractional → DOUBLE), and a
 * string when `stringPromotion` (non-ANSI).
 */
export function findWiderType(a: DataType, b: DataType, stringPromotion = false): DataType | undefined {
  if (sameType(a, b)) return a
  if (a.kind === 'null') return b
  if (b.kind === 'null') return a
  if (isNumericType(a) && isNumericType(b)) return widerNumericType(a, b)
  const temporal = (t: DataType): boolean => t.kind === 'date' || t.kind === 'timestamp' || t.kind === 'timestamp_ntz'
  if (a.kind === 'year_month_interval' && b.kind === 'year_month_interval') return widerYearMonthType(a, b)
  if (a.kind === 'day_time_interval' && b.kind === 'day_time_interval') return widerDayTimeType(a, b)
  if (a.kind === 'time' && b.kind === 'time') return TimeType(Math.max(a.precision, b.precision))
  if (temporal(a) && temporal(b)) {
    if (a.kind === 'timestamp' || b.kind === 'timestamp') return { kind: 'timestamp' }
    return { kind: 'timestamp_ntz' }
  }
  if (a.kind === 'array' && b.kind === 'array') {
    const element = findWiderType(a.elementType, b.elementType, stringPromotion)
    return element === undefined ? undefined : { kind: 'array', elementType: element, containsNull: a.containsNull || b.containsNull }
  }
  if (a.kind === 'map' && b.kind === 'map') {
    const key = findWiderType(a.keyType, b.keyType, stringPromotion)
    const value = findWiderType(a.valueType, b.valueType, stringPromotion)
    return key === undefined || value === undefined
      ? undefined
      : { kind: 'map', keyType: key, valueType: value, valueContainsNull: a.valueContainsNull || b.valueContainsNull }
  }
  if (a.kind === 'struct' && b.kind === 'struct' && a.fields.length === b.fields.length) {
    const fields = []
    for (let i = 0; i < a.fields.length; i++) {
      const fa = a.fields[i]!
      const fb = b.fields[i]!
      if (fa.name.toLowerCase() !== fb.name.toLowerCase()) return undefined
      const t = findWiderType(fa.dataType, fb.dataType, stringPromotion)
      if (t === undefined) return undefined
      fields.push({ ...fa, dataType: t, nullable: fa.nullable || fb.nullable })
    }
    return { kind: 'struct', fields }
  }
  if (a.kind === 'string' && isAtomic(b)) return stringPromotion ? StringType : stringWith(b)
  if (b.kind === 'string' && isAtomic(a)) return stringPromotion ? StringType : stringWith(a)
  return undefined
}

/** In CASE/IN/coalesce Spark 4 (ANSI) casts a string to the other side's type; non-ANSI it used string. */
function stringWith(other: DataType): DataType {
  if (other.kind === 'boolean' || other.kind === 'binary') return StringType
  return isNumericType(other) ? (isIntegralType(other) ? LongType : other.kind === 'decimal' ? DoubleType : other)
    : other
}

const isAtomic = (t: DataType): boolean =>
  t.kind !== 'array' && t.kind !== 'map' && t.kind !== 'struct' && t.kind !== 'null' && !isAnsiIntervalType(t)

/** The common type of several values (CASE branches, IN lists, array elements). */
export function findWiderTypeOfAll(types: readonly DataType[], stringPromotion = false): DataType | undefined {
  let result: DataType = { kind: 'null' }
  for (const t of types) {
    const next = findWiderType(result, t, stringPromotion)
    if (next === undefined) return undefined
    result = next
  }
  return result
}

/**
 * The type a string operand of a binary operator is cast to (Spark's ANSI
 * `PromoteStrings`): integral → BIGINT, fractional → DOUBLE, other atomic → that type.
 */
export function stringPromotionTarget(other: DataType): DataType | undefined {
  // Spark has no implicit cast of a string to an ANSI interval: `INTERVAL '1' DAY < '1'` is BINARY_OP_DIFF_TYPES.
  if (isAnsiIntervalType(other)) return undefined
  if (isIntegralType(other)) return LongType
  if (other.kind === 'float' || other.kind === 'double' || other.kind === 'decimal') return DoubleType
  if (other.kind === 'null') return StringType
  if (isAtomic(other)) return other
  return undefined
}
