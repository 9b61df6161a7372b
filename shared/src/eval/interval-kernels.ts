/**
 * Value kernels of Spark's ANSI interval arithmetic (`intervalExpressions.scala`,
 * `Add`/`Subtract`/`UnaryMinus` on interval types): exact in every mode, so an
 * overflow raises whatever `spark.sql.ansi.enabled` says, and a division by zero is
 * INTERVAL_DIVIDED_BY_ZERO.
 *
 * - `interval * n`: integral n exactly; DECIMAL n rounded HALF_UP; FLOAT/DOUBLE n
 *   rounded HALF_EVEN (Guava's `DoubleMath.roundTo{Int,Long}`).
 * - `interval / n`: rounded HALF_UP (integral: Guava's `LongMath.divide`; decimal:
 *   `BigDecimal.divide(…, HALF_UP)`; double: `DoubleMath.roundTo…(…, HALF_UP)`).
 */
import { ExecutionError } from '../errors/sluice-error.js'
import type { DataType } from '../types/data-type.js'
import { powerOfTen } from '../data/decimal.js'
import { INT_MAX, INT_MIN, LONG_MAX, LONG_MIN } from '../data/ansi-interval.js'

/** INTERVAL_ARITHMETIC_OVERFLOW with Spark's message (`integer overflow`, `long overflow`, …). */
export function intervalOverflow(message: string, tryName = ''): ExecutionError {
  const alternative = tryName === '' ? '' : ` Use '${tryName}' to tolerate overflow and return NULL instead.`
  return new ExecutionError('INTERVAL_ARITHMETIC_OVERFLOW',
    `Integer overflow while operating with intervals. ${message}.${alternative} SQLSTATE: 22015`, { message, alternative })
}

/** INTERVAL_DIVIDED_BY_ZERO. */
export function intervalDividedByZero(): ExecutionError {
  return new ExecutionError('INTERVAL_DIVIDED_BY_ZERO',
    'Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. SQLSTATE: 22012')
}

/** INTERVAL_ARITHMETIC_OVERFLOW of `+`, `-` and unary minus on ANSI intervals (Spark names the try_ function of + and -). */
function arithmeticOverflow(kind: 'integer' | 'long', tryName: string): ExecutionError {
  return intervalOverflow(`${kind} overflow`, tryName)
}

function checkInt(value: bigint, onOverflow: () => Error): number {
  if (value < BigInt(INT_MIN) || value > BigInt(INT_MAX)) throw onOverflow()
  return Number(value)
}

function checkLong(value: bigint, onOverflow: () => Error): bigint {
  if (value < LONG_MIN || value > LONG_MAX) throw onOverflow()
  return value
}

/** `a ± b` of two year-month (`family` 'ym', numbers) or day-time (bigints) intervals. */
export function addIntervals(family: 'ym' | 'dt', op: '+' | '-'): (a: unknown, b: unknown) => unknown {
  const tryName = op === '+' ? 'try_add' : 'try_subtract'
  if (family === 'ym') {
    return (a, b) => checkInt(BigInt(op === '+' ? (a as number) + (b as number) : (a as number) - (b as number)),
      () => arithmeticOverflow('integer', tryName))
  }
  return (a, b) => checkLong(op === '+' ? (a as bigint) + (b as bigint) : (a as bigint) - (b as bigint),
    () => arithmeticOverflow('long', tryName))
}

/** Unary minus of an interval; the minimum value has no negation. */
export function negateInterval(family: 'ym' | 'dt'): (v: unknown) => unknown {
  if (family === 'ym') return (v) => checkInt(-BigInt(v as number), () => arithmeticOverflow('integer', '')) + 0
  return (v) => checkLong(-(v as bigint), () => arithmeticOverflow('long', ''))
}

/** `x / y` of integers rounded HALF_UP (away from zero on a tie). */
function divideHalfUp(x: bigint, y: bigint): bigint {
  const negative = (x < 0n) !== (y < 0n)
  const ax = x < 0n ? -x : x
  const ay = y < 0n ? -y : y
  const q = ax / ay
  const rounded = (ax % ay) * 2n >= ay ? q + 1n : q
  return negative ? -rounded : rounded
}

/** A double rounded to an integer, ties to even (Guava's HALF_EVEN) or away from zero (HALF_UP). */
function roundDouble(x: number, mode: 'even' | 'up'): bigint | null {
  if (!Number.isFinite(x)) return null
  const floor = Math.floor(x)
  const diff = x - floor
  let r: number
  if (diff > 0.5) r = floor + 1
  else if (diff < 0.5) r = floor
  else if (mode === 'up') r = x < 0 ? floor : floor + 1
  else r = floor % 2 === 0 ? floor : floor + 1
  // Beyond 2^53 a double is an integer already: BigInt keeps it exactly.
  return BigInt(r)
}

/**
 * `interval * n` (`op` '*') or `interval / n` (`op` '/') for a number of type
 * `numType` (integral, FLOAT/DOUBLE or DECIMAL): months (`ym`) or microseconds (`dt`).
 */
export function scaleInterval(family: 'ym' | 'dt', op: '*' | '/', numType: DataType): (interval: unknown, n: unknown) => unknown {
  const fit = family === 'ym'
    ? (v: bigint | null, message: string): unknown => checkInt(v ?? BigInt(INT_MAX) + 1n, () => intervalOverflow(message))
    : (v: bigint | null, message: string): unknown => checkLong(v ?? LONG_MAX + 1n, () => intervalOverflow(message))
  const big = (interval: unknown): bigint => (family === 'ym' ? BigInt(interval as number) : interval as bigint)
  const typeOverflow = family === 'ym' ? 'integer overflow' : 'long overflow'
  const tryDivide = (divisor: bigint, value: bigint): void => {
    if (divisor === 0n) throw intervalDividedByZero()
    const min = family === 'ym' ? BigInt(INT_MIN) : LONG_MIN
    if (divisor === -1n && value === min) {
      throw intervalOverflow('Interval value overflows after being divided by -1', 'try_divide')
    }
  }
  switch (numType.kind) {
    case 'byte': case 'short': case 'integer': case 'long':
      if (op === '*') return (interval, n) => fit(big(interval) * BigInt(n as number | bigint), typeOverflow)
      return (interval, n) => {
        const divisor = BigInt(n as number | bigint)
        tryDivide(divisor, big(interval))
        return fit(divideHalfUp(big(interval), divisor), typeOverflow)
      }
    case 'decimal': {
      const scale = powerOfTen(numType.scale)
      if (op === '*') return (interval, n) => fit(divideHalfUp(big(interval) * (n as bigint), scale), 'Overflow')
      return (interval, n) => {
        if ((n as bigint) === 0n) throw intervalDividedByZero()
        return fit(divideHalfUp(big(interval) * scale, n as bigint), 'Overflow')
      }
    }
    case 'float': case 'double':
      if (op === '*') return (interval, n) => fit(roundDouble(Number(big(interval)) * (n as number), 'even'), 'not in range')
      return (interval, n) => {
        if ((n as number) === 0) throw intervalDividedByZero()
        return fit(roundDouble(Number(big(interval)) / (n as number), 'up'), 'not in range')
      }
  }
  throw new Error(`no interval ${op} kernel for ${numType.kind}`)
}
