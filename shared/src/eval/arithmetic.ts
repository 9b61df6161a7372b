import { DecimalType, type DataType } from '../types/data-type.js'
import { decimalFitsPrecision, decimalToString, powerOfTen, rescaleDecimal } from '../data/decimal.js'
import { arithmeticOverflowError, divideByZeroError } from './arithmetic-errors.js'
import { decimalOutOfRange } from './cast-errors.js'
import { adjustDecimalPrecision } from './type-coercion.js'
import { negateInterval } from './interval-kernels.js'

/** A binary operator over two non-null values of the operand type; null means SQL NULL. */
export type BinaryKernel = (a: unknown, b: unknown) => unknown

export type ArithmeticOperator = '+' | '-' | '*' | '/' | '%' | 'div'

const TRY_NAMES: Readonly<Record<string, string>> = {
  '+': 'try_add', '-': 'try_subtract', '*': 'try_multiply', '/': 'try_divide', '%': 'try_remainder', div: 'try_divide',
}
const INT_BITS: Readonly<Record<string, number>> = { byte: 8, short: 16, integer: 32 }
const TYPE_WORD: Readonly<Record<string, string>> = { byte: 'tinyint', short: 'smallint', integer: 'integer', long: 'long' }

/**
 * The result type of `a op b` for operands already widened to `operand` (decimal
 * operands keep their own types): Spark's DecimalPrecision rules for decimals,
 * `/` on integral or fractional → double, `div` → bigint, else the operand type.
 */
export function arithmeticResultType(op: ArithmeticOperator, left: DataType, right: DataType): DataType {
  if (op === 'div') return { kind: 'long' }
  if (left.kind === 'decimal' && right.kind === 'decimal') {
    const { precision: p1, scale: s1 } = left
    const { precision: p2, scale: s2 } = right
    switch (op) {
      case '+': case '-': {
        const scale = Math.max(s1, s2)
        return adjustDecimalPrecision(Math.max(p1 - s1, p2 - s2) + scale + 1, scale)
      }
      case '*': return adjustDecimalPrecision(p1 + p2 + 1, s1 + s2)
      case '/': {
        const scale = Math.max(6, s1 + p2 + 1)
        return adjustDecimalPrecision(p1 - s1 + s2 + scale, scale)
      }
      case '%': {
        const scale = Math.max(s1, s2)
        return adjustDecimalPrecision(Math.min(p1 - s1, p2 - s2) + scale, scale)
      }
    }
  }
  if (op === '/') return { kind: 'double' }
  return left
}

/**
 * The kernel of `a op b` for operand type(s) and result type; ANSI raises
 * ARITHMETIC_OVERFLOW / DIVIDE_BY_ZERO, otherwise integral overflow wraps (as Java)
 * and division by zero gives null.
 */
export function arithmeticKernel(op: ArithmeticOperator, left: DataType, right: DataType, result: DataType, ansi: boolean): BinaryKernel {
  const tryName = TRY_NAMES[op]!
  if (left.kind === 'decimal' && right.kind === 'decimal' && result.kind === 'decimal') {
    return decimalKernel(op, left, right, result, ansi)
  }
  if (left.kind === 'decimal' && right.kind === 'decimal' && op === 'div') {
    return (a, b) => {
      const scale = Math.max(left.scale, right.scale)
      const x = rescaleDecimal(a as bigint, left.scale, scale)
      const y = rescaleDecimal(b as bigint, right.scale, scale)
      if (y === 0n) { if (ansi) throw divideByZeroError(); return null }
      return checkLong(x / y, ansi, tryName)
    }
  }
  const kind = left.kind
  if (kind === 'long') {
    return (a, b) => {
      const x = a as bigint
      const y = b as bigint
      switch (op) {
        case '+': return checkLong(x + y, ansi, tryName)
        case '-': return checkLong(x - y, ansi, tryName)
        case '*': return checkLong(x * y, ansi, tryName)
        case '%': if (y === 0n) return zero(ansi); return x % y
        case 'div': if (y === 0n) return zero(ansi); return checkLong(x / y, ansi, tryName)
        case '/': if (y === 0n) return zero(ansi); return Number(x) / Number(y)
      }
    }
  }
  if (kind === 'byte' || kind === 'short' || kind === 'integer') {
    const bits = INT_BITS[kind]!
    const max = 2 ** (bits - 1) - 1
    const min = -(2 ** (bits - 1))
    const check = (r: number): number => {
      if (r >= min && r <= max) return r
      if (ansi) throw arithmeticOverflowError(TYPE_WORD[kind]!, tryName)
      return Number(BigInt.asIntN(bits, BigInt(Math.round(r))))
    }
    return (a, b) => {
      const x = a as number
      const y = b as number
      switch (op) {
        case '+': return check(x + y)
        case '-': return check(x - y)
        case '*': {
          const r = x * y
          if (Number.isSafeInteger(r)) return check(r)
          if (ansi) throw arithmeticOverflowError(TYPE_WORD[kind]!, tryName)
          return Number(BigInt.asIntN(bits, BigInt(x) * BigInt(y)))
        }
        case '%': if (y === 0) return zero(ansi); return x % y + 0
        case 'div': if (y === 0) return zero(ansi); return checkLong(BigInt(Math.trunc(x / y)), ansi, tryName)
        case '/': if (y === 0) return zero(ansi); return x / y
      }
    }
  }
  // float / double
  const round = kind === 'float' ? Math.fround : (v: number): number => v
  return (a, b) => {
    const x = a as number
    const y = b as number
    switch (op) {
      case '+': return round(x + y)
      case '-': return round(x - y)
      case '*': return round(x * y)
      case '/': if (y === 0) return zero(ansi); return round(x / y)
      case '%': if (y === 0) return zero(ansi); return round(x % y)
      case 'div': {
        if (y === 0) return zero(ansi)
        const q = Math.trunc(x / y)
        if (!Number.isFinite(q)) { if (ansi) throw arithmeticOverflowError('long', tryName); return null }
        return checkLong(BigInt(q), ansi, tryName)
      }
    }
  }
}

function zero(ansi: boolean): null {
  if (ansi) throw divideByZeroError()
  return null
}

const LONG_MIN = -9223372036854775808n
const LONG_MAX = 9223372036854775807n

function checkLong(r: bigint, ansi: boolean, tryName: string): bigint {
  if (r >= LONG_MIN && r <= LONG_MAX) return r
  if (ansi) throw arithmeticOverflowError('long', tryName)
  return BigInt.asIntN(64, r)
}

/** Integer division rounding HALF_UP (away from zero on a tie). */
function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  const negative = (numerator < 0n) !== (denominator < 0n)
  const n = numerator < 0n ? -numerator : numerator
  const d = denominator < 0n ? -denominator : denominator
  const q = n / d
  const r = n % d
  const rounded = r * 2n >= d ? q + 1n : q
  return negative ? -rounded : rounded
}

function decimalKernel(op: ArithmeticOperator, left: DecimalType, right: DecimalType, result: DecimalType, ansi: boolean): BinaryKernel {
  const fit = (unscaled: bigint): bigint | null => {
    if (decimalFitsPrecision(unscaled, result.precision)) return unscaled
    if (ansi) throw decimalOutOfRange(decimalToString(unscaled, result.scale), result.precision, result.scale)
    return null
  }
  switch (op) {
    case '+': case '-': {
      const scale = Math.max(left.scale, right.scale)
      return (a, b) => {
        const x = rescaleDecimal(a as bigint, left.scale, scale)
        const y = rescaleDecimal(b as bigint, right.scale, scale)
        return fit(rescaleDecimal(op === '+' ? x + y : x - y, scale, result.scale))
      }
    }
    case '*':
      return (a, b) => fit(rescaleDecimal((a as bigint) * (b as bigint), left.scale + right.scale, result.scale))
    case '/':
      return (a, b) => {
        const y = b as bigint
        if (y === 0n) return zero(ansi)
        // a/10^s1 ÷ b/10^s2 = (a * 10^(rs - s1 + s2)) / b at result scale rs
        const shift = result.scale - left.scale + right.scale
        const numerator = shift >= 0 ? (a as bigint) * powerOfTen(shift) : (a as bigint)
        const denominator = shift >= 0 ? y : y * powerOfTen(-shift)
        return fit(divideRoundHalfUp(numerator, denominator))
      }
    case '%':
      return (a, b) => {
        const scale = Math.max(left.scale, right.scale)
        const x = rescaleDecimal(a as bigint, left.scale, scale)
        const y = rescaleDecimal(b as bigint, right.scale, scale)
        if (y === 0n) return zero(ansi)
        return fit(rescaleDecimal(x % y, scale, result.scale))
      }
    case 'div': return () => null
  }
}

/** Unary minus; ANSI raises ARITHMETIC_OVERFLOW for the minimum integral value. */
export function negateKernel(type: DataType, ansi: boolean): (v: unknown) => unknown {
  switch (type.kind) {
    case 'long': return (v) => checkLong(-(v as bigint), ansi, 'try_subtract')
    case 'decimal': return (v) => -(v as bigint)
    case 'byte': case 'short': case 'integer': {
      const bits = INT_BITS[type.kind]!
      const min = -(2 ** (bits - 1))
      return (v) => {
        if (v === min) {
          if (ansi) throw arithmeticOverflowError(TYPE_WORD[type.kind]!, 'try_subtract')
          return v
        }
        return -(v as number) + 0
      }
    }
    case 'year_month_interval': return negateInterval('ym')
    case 'day_time_interval': return negateInterval('dt')
    case 'interval': return (v) => {
      const i = v as { months: number; days: number; microseconds: number }
      return { months: -i.months + 0, days: -i.days + 0, microseconds: -i.microseconds + 0 }
    }
    default: return (v) => -(v as number)
  }
}

/** The decimal type of an integral literal with its exact digits (Spark's `DecimalType.fromLiteral`). */
export function decimalTypeOfIntegralValue(value: number | bigint): DecimalType {
  const digits = (value < 0 ? -BigInt(value) : BigInt(value)).toString().length
  return DecimalType(Math.max(digits, 1), 0)
}
