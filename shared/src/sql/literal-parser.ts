import {
  ByteType, CalendarIntervalType, DateType, DecimalType, DoubleType, FloatType, IntegerType, LongType, ShortType,
  TimestampNTZType, TimestampType, BinaryType, type CalendarInterval,
} from '../types/data-type.js'
import { Expr } from '../expr/expr.js'
import { AnalysisError } from '../errors/sluice-error.js'
import { dateStringToDays, timestampNtzStringToMicros, timestampStringToMicros } from '../data/temporal.js'
import type { Token } from './tokenizer.js'

const INT_MIN = -2147483648n
const INT_MAX = 2147483647n
const LONG_MIN = -9223372036854775808n
const LONG_MAX = 9223372036854775807n

function outOfRange(raw: string, typeName: string, min: string, max: string): AnalysisError {
  return new AnalysisError('INVALID_NUMERIC_LITERAL_RANGE',
    `Numeric literal ${raw} is outside the valid range for ${typeName} with minimum value of ${min} and maximum value of ${max}. Please adjust the value accordingly.`,
    { rawStrippedQualifier: raw, typeName, minValue: min, maxValue: max })
}

/**
 * A numeric literal as Spark types it: plain integers are INT, then BIGINT, then
 * DECIMAL(38,0) as they grow; `1.5` is a DECIMAL; `1e3` a DOUBLE; suffixes L S Y
 * (BIGINT SMALLINT TINYINT), D F (DOUBLE FLOAT), BD (DECIMAL). `negative` folds a
 * leading minus sign into the literal, as Spark's grammar does.
 */
export function numberLiteral(token: Token, negative: boolean): Expr {
  const match = /^(.*?)(BD|[LSYDF])?$/i.exec(token.text)!
  const body = match[1]!
  const suffix = (match[2] ?? '').toUpperCase()
  const signed = negative ? `-${body}` : body
  const isIntegerText = /^\d+$/.test(body)
  switch (suffix) {
    case 'L': return integralLiteral(signed, LONG_MIN, LONG_MAX, 'bigint', (v) => Expr.literal(v, LongType))
    case 'S': return integralLiteral(signed, -32768n, 32767n, 'smallint', (v) => Expr.literal(Number(v), ShortType))
    case 'Y': return integralLiteral(signed, -128n, 127n, 'tinyint', (v) => Expr.literal(Number(v), ByteType))
    case 'D': return doubleLiteral(signed, 'double')
    case 'F': return doubleLiteral(signed, 'float')
    case 'BD': return decimalLiteral(signed)
  }
  if (isIntegerText) {
    const value = BigInt(signed)
    if (value >= INT_MIN && value <= INT_MAX) return Expr.literal(Number(value), IntegerType)
    if (value >= LONG_MIN && value <= LONG_MAX) return Expr.literal(value, LongType)
    return decimalLiteral(signed)
  }
  if (/e/i.test(body)) return doubleLiteral(signed, 'double')
  return decimalLiteral(signed)
}

function integralLiteral(text: string, min: bigint, max: bigint, typeName: string, make: (v: bigint) => Expr): Expr {
  if (!/^-?\d+$/.test(text)) throw new AnalysisError('PARSE_SYNTAX_ERROR', `Syntax error at or near '${text}'.`)
  const value = BigInt(text)
  if (value < min || value > max) throw outOfRange(text, typeName, String(min), String(max))
  return make(value)
}

function doubleLiteral(text: string, kind: 'double' | 'float'): Expr {
  const value = Number(text)
  if (!Number.isFinite(value)) {
    throw kind === 'double'
      ? outOfRange(text, 'double', '-1.7976931348623157E+308', '1.7976931348623157E+308')
      : outOfRange(text, 'float', '-3.4028234663852886E+38', '3.4028234663852886E+38')
  }
  if (kind === 'float') {
    const f = Math.fround(value)
    if (!Number.isFinite(f)) throw outOfRange(text, 'float', '-3.4028234663852886E+38', '3.4028234663852886E+38')
    return Expr.literal(f, FloatType)
  }
  return Expr.literal(value, DoubleType)
}

/** Java BigDecimal's precision and scale for decimal text such as `1.230E-26` or `0.0001`. */
function decimalLiteral(text: string): Expr {
  const match = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text)
  if (match === null) throw new AnalysisError('PARSE_SYNTAX_ERROR', `Syntax error at or near '${text}'.`)
  const [, sign, intDigits = '', fracDigits = '', exponentText] = match
  let scale = fracDigits.length - (exponentText === undefined ? 0 : Number(exponentText))
  let unscaled = BigInt(`${intDigits}${fracDigits}` || '0')
  if (scale < 0) {
    unscaled *= 10n ** BigInt(-scale)
    scale = 0
  }
  const precision = unscaled === 0n ? 1 : unscaled.toString().length
  const effectivePrecision = Math.max(precision, scale)
  if (effectivePrecision > 38) {
    throw new AnalysisError('DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION',
      `Decimal precision ${effectivePrecision} exceeds max precision 38. SQLSTATE: 22003`,
      { precision: String(effectivePrecision), maxPrecision: '38' })
  }
  return Expr.literal(sign === '-' ? -unscaled : unscaled, DecimalType(effectivePrecision, scale))
}

function invalidTypedLiteral(valueType: string, value: string): AnalysisError {
  return new AnalysisError('INVALID_TYPED_LITERAL',
    `The value of the typed literal "${valueType}" is invalid: '${value}'.`, { valueType: `"${valueType}"`, value: `'${value}'` })
}

/** `DATE '2020-01-01'`, `TIMESTAMP '...'` (in the session time zone), `TIMESTAMP_NTZ '...'`, `X'AB'`. */
export function typedLiteral(typeWord: string, value: string, timeZone: string): Expr {
  switch (typeWord) {
    case 'DATE': {
      const days = dateStringToDays(value)
      if (days === null) throw invalidTypedLiteral('DATE', value)
      return Expr.literal(days, DateType)
    }
    case 'TIMESTAMP': case 'TIMESTAMP_LTZ': {
      const micros = timestampStringToMicros(value, timeZone)
      if (micros === null) throw invalidTypedLiteral('TIMESTAMP', value)
      return Expr.literal(micros, TimestampType)
    }
    case 'TIMESTAMP_NTZ': {
      const micros = timestampNtzStringToMicros(value)
      if (micros === null) throw invalidTypedLiteral('TIMESTAMP_NTZ', value)
      return Expr.literal(micros, TimestampNTZType)
    }
    case 'X': return binaryLiteral(value)
  }
  throw new AnalysisError('UNSUPPORTED_TYPED_LITERAL', `Literals of the type "${typeWord}" are not supported.`,
    { unsupportedType: `"${typeWord}"` })
}

/** `X'AB01'` → BINARY; an odd digit count gets a leading zero, as Spark. */
export function binaryLiteral(hex: string): Expr {
  if (!/^[0-9a-fA-F]*$/.test(hex)) throw invalidTypedLiteral('X', hex)
  const padded = hex.length % 2 === 1 ? `0${hex}` : hex
  const bytes = new Uint8Array(padded.length / 2)
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(padded.slice(2 * i, 2 * i + 2), 16)
  return Expr.literal(bytes, BinaryType)
}

const MICROS: Readonly<Record<string, number>> = {
  HOUR: 3_600_000_000, MINUTE: 60_000_000, SECOND: 1_000_000, MILLISECOND: 1_000, MICROSECOND: 1,
}

/** Normalizes a unit word: `minutes` → `MINUTE`; undefined if not an interval unit. */
export function intervalUnit(word: string): string | undefined {
  const upper = word.toUpperCase().replace(/S$/, '')
  return ['YEAR', 'MONTH', 'WEEK', 'DAY', 'HOUR', 'MINUTE', 'SECOND', 'MILLISECOND', 'MICROSECOND'].includes(upper) ? upper : undefined
}

/** Adds `amount` (text, may be fractional for seconds) of `unit` to an interval. */
export function addIntervalUnit(interval: CalendarInterval, amountText: string, unit: string): CalendarInterval {
  const amount = Number(amountText)
  if (!Number.isFinite(amount)) throw invalidTypedLiteral('INTERVAL', amountText)
  switch (unit) {
    case 'YEAR': return { ...interval, months: interval.months + Math.trunc(amount * 12) }
    case 'MONTH': return { ...interval, months: interval.months + Math.trunc(amount) }
    case 'WEEK': return { ...interval, days: interval.days + Math.trunc(amount * 7) }
    case 'DAY': return { ...interval, days: interval.days + Math.trunc(amount) }
  }
  return { ...interval, microseconds: interval.microseconds + Math.round(amount * MICROS[unit]!) }
}

/** A multi-unit interval string: `'1 day 2 hours'`, `'-10 minutes'`. */
export function parseIntervalString(text: string): CalendarInterval {
  const words = text.trim().replace(/^interval\s+/i, '').split(/\s+/)
  let interval: CalendarInterval = { months: 0, days: 0, microseconds: 0 }
  if (words.length % 2 !== 0) throw invalidTypedLiteral('INTERVAL', text)
  for (let i = 0; i < words.length; i += 2) {
    const unit = intervalUnit(words[i + 1]!)
    if (unit === undefined) throw invalidTypedLiteral('INTERVAL', text)
    interval = addIntervalUnit(interval, words[i]!, unit)
  }
  return interval
}

/** `'1-2' YEAR TO MONTH`, `'1 10:00:00' DAY TO SECOND`, `'10:11' HOUR TO MINUTE`, ... */
export function parseIntervalRange(text: string, from: string, to: string): CalendarInterval {
  const trimmed = text.trim()
  const negative = trimmed.startsWith('-')
  const body = trimmed.replace(/^[+-]/, '')
  const sign = negative ? -1 : 1
  if (from === 'YEAR' && to === 'MONTH') {
    const m = /^(\d+)-(\d+)$/.exec(body)
    if (m === null) throw invalidTypedLiteral('INTERVAL', text)
    return { months: sign * (Number(m[1]) * 12 + Number(m[2])), days: 0, microseconds: 0 }
  }
  let days = 0
  let rest = body
  if (from === 'DAY') {
    const m = /^(\d+)(?:\s+(.*))?$/.exec(body)
    if (m === null) throw invalidTypedLiteral('INTERVAL', text)
    days = Number(m[1])
    rest = m[2] ?? ''
  }
  const order = ['HOUR', 'MINUTE', 'SECOND']
  const startUnit = from === 'DAY' ? 'HOUR' : from
  const parts = rest === '' ? [] : rest.split(':')
  let micros = 0
  parts.forEach((p, k) => {
    const unit = order[order.indexOf(startUnit) + k]
    if (unit === undefined || !/^\d+(\.\d+)?$/.test(p)) throw invalidTypedLiteral('INTERVAL', text)
    micros += Math.round(Number(p) * MICROS[unit]!)
  })
  void to
  return { months: 0, days: sign * days, microseconds: sign * micros }
}

/** An interval literal expression. */
export function intervalLiteral(value: CalendarInterval): Expr {
  return Expr.literal(Object.freeze({ ...value }), CalendarIntervalType)
}
