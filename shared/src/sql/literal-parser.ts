import {
  ByteType, CalendarIntervalType, DateType, DayTimeIntervalType, DecimalType, DoubleType, FloatType, IntegerType, LongType,
  ShortType, TimestampNTZType, TimestampType, TimeType, BinaryType, YearMonthIntervalType, type CalendarInterval,
} from '../types/data-type.js'
import { Expr } from '../expr/expr.js'
import { AnalysisError } from '../errors/sluice-error.js'
import { dateStringToDays, timestampNtzStringToMicros, timestampStringToMicros } from '../data/temporal.js'
import {
  castStringToDayTime, castStringToYearMonth, dayTimeMicrosOf, intervalTextUnits, IntervalFormatError, parseIntervalString,
  type ParsedInterval,
} from '../data/ansi-interval.js'
import { parseTime, truncateTime } from '../data/time-of-day.js'
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

/** `DATE '2020-01-01'`, `TIMESTAMP '...'` (in the session time zone), `TIMESTAMP_NTZ '...'`, `TIME '12:34:56'`, `X'AB'`. */
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
    case 'TIME': {
      // Spark 4.1 types a TIME literal TIME(6), keeping microseconds.
      const nanos = parseTime(value)
      if (nanos === null) throw invalidTypedLiteral('TIME', value)
      return Expr.literal(truncateTime(nanos, 6), TimeType(6))
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

/** The units of `INTERVAL 1 DAY 2 HOURS` (Spark's `unitInMultiUnits`, singular or plural). */
export const MULTI_UNIT_WORDS: ReadonlySet<string> = new Set(['NANOSECOND', 'MICROSECOND', 'MILLISECOND', 'SECOND', 'MINUTE', 'HOUR', 'DAY', 'WEEK', 'MONTH', 'YEAR']
  .flatMap((u) => [u, `${u}S`]))

/** The units of `INTERVAL '1 2:3' DAY TO MINUTE` (Spark's `unitInUnitToUnit`). */
export const UNIT_TO_UNIT_WORDS: ReadonlySet<string> = new Set(['SECOND', 'MINUTE', 'HOUR', 'DAY', 'MONTH', 'YEAR'])

/** One `value unit` pair of a multi-unit interval literal. */
export interface IntervalUnitValue {
  /** The value as written: number text, or a string literal's contents. */
  readonly value: string
  readonly isString: boolean
  readonly sign: '' | '+' | '-'
  readonly unit: string
}

/**
 * The ANSI literal of a parsed interval, typed by the units it names as Spark 4's
 * `constructMultiUnitsIntervalLiteral`: only year/month units → a year-month interval,
 * only day..microsecond units → a day-time interval between the outermost fields, both
 * → `_LEGACY_ERROR_TEMP_0029`.
 */
function ansiIntervalLiteral(parsed: ParsedInterval, units: readonly string[], source: string): Expr {
  const yearMonth = new Set<number>()
  const dayTime = new Set<number>()
  for (const raw of units) {
    const unit = raw.toLowerCase().replace(/s$/, '')
    if (unit === 'year') yearMonth.add(0)
    else if (unit === 'month') yearMonth.add(1)
    else if (unit === 'week' || unit === 'day') dayTime.add(0)
    else if (unit === 'hour') dayTime.add(1)
    else if (unit === 'minute') dayTime.add(2)
    else dayTime.add(3)
  }
  if (yearMonth.size > 0 && dayTime.size > 0) {
    throw new AnalysisError('_LEGACY_ERROR_TEMP_0029', `Cannot mix year-month and day-time fields: ${source}.`, { literal: source })
  }
  if (yearMonth.size > 0) {
    const fields = ['year', 'month'] as const
    return Expr.literal(parsed.months, YearMonthIntervalType(fields[Math.min(...yearMonth)]!, fields[Math.max(...yearMonth)]!))
  }
  const micros = dayTimeMicrosOf(parsed)
  if (micros === null) {
    throw new AnalysisError('_LEGACY_ERROR_TEMP_0062', `Error parsing '${source}' to interval, long overflow`, { msg: 'long overflow' })
  }
  const fields = ['day', 'hour', 'minute', 'second'] as const
  return Expr.literal(micros, DayTimeIntervalType(fields[Math.min(...dayTime)]!, fields[Math.max(...dayTime)]!))
}

/** `INTERVAL '1 day 2 hours'`: the text parsed as Spark's interval strings, typed by its units; INVALID_TYPED_LITERAL when it does not parse. */
export function intervalStringLiteral(text: string, source: string): Expr {
  let parsed: ParsedInterval
  try {
    parsed = parseIntervalString(text)
  } catch (error) {
    if (error instanceof IntervalFormatError) throw invalidTypedLiteral('INTERVAL', text)
    throw error
  }
  return ansiIntervalLiteral(parsed, intervalTextUnits(text), source)
}

/** `INTERVAL 1 DAY 2 HOURS`, `INTERVAL '-100' DAY '40' HOUR`: Spark's `visitMultiUnitsInterval`, then typed by the units. */
export function multiUnitIntervalLiteral(pairs: readonly IntervalUnitValue[], source: string): Expr {
  const parts = pairs.map((p) => {
    let value = p.value
    if (p.isString) {
      // SPARK-32840: a unit inside the value ('1 day 2' HOUR) must not combine with the unit after it.
      if (/\p{L}/u.test(value)) {
        throw new AnalysisError('_LEGACY_ERROR_TEMP_0026', `Can only use numbers in the interval value part for multiple unit value pairs interval form, but got invalid value: ${value}.`, { value })
      }
      if (p.sign === '-') value = value.startsWith('-') ? value.slice(1) : `-${value}`
    } else if (p.sign === '-') {
      value = `-${value}`
    }
    return ` ${value} ${p.unit}`
  })
  let parsed: ParsedInterval
  try {
    parsed = parseIntervalString(parts.join(''))
  } catch (error) {
    if (error instanceof IntervalFormatError) throw new AnalysisError('_LEGACY_ERROR_TEMP_0062', error.message, { msg: error.message })
    throw error
  }
  return ansiIntervalLiteral(parsed, pairs.map((p) => p.unit), source)
}

/**
 * `INTERVAL [+|-]'1-2' YEAR TO MONTH`, `INTERVAL '1 2:3:4.5' DAY TO SECOND`: Spark's
 * `visitUnitToUnitInterval` (a minus before the string negates it); parse failures are
 * `_LEGACY_ERROR_TEMP_0063`, unsupported pairs `_LEGACY_ERROR_TEMP_0028`.
 */
export function unitToUnitIntervalLiteral(text: string, sign: '' | '+' | '-', fromWord: string, toWord: string): Expr {
  const value = sign !== '-' ? text : text.startsWith('-') ? text.slice(1) : `-${text}`
  const from = fromWord.toLowerCase()
  const to = toWord.toLowerCase()
  const pair = `${from} ${to}`
  const type = pair === 'year month' ? YearMonthIntervalType('year', 'month')
    : DAY_TIME_PAIRS.has(pair) ? DayTimeIntervalType(from as 'day' | 'hour' | 'minute', to as 'hour' | 'minute' | 'second')
      : undefined
  if (type === undefined) {
    throw new AnalysisError('_LEGACY_ERROR_TEMP_0028', `Intervals FROM ${from} TO ${to} are not supported.`, { from, to })
  }
  try {
    return type.kind === 'year_month_interval'
      ? Expr.literal(castStringToYearMonth(value, type), type)
      : Expr.literal(castStringToDayTime(value, type), type)
  } catch (error) {
    if (error instanceof IntervalFormatError) throw new AnalysisError('_LEGACY_ERROR_TEMP_0063', error.message, { msg: error.message })
    throw error
  }
}

const DAY_TIME_PAIRS = new Set(['day hour', 'day minute', 'day second', 'hour minute', 'hour second', 'minute second'])

/** `INTERVAL 1 YEAR TO MONTH`: a unit-to-unit interval needs a string value (Spark's `_LEGACY_ERROR_TEMP_0027`). */
export function unitToUnitNeedsString(): AnalysisError {
  return new AnalysisError('_LEGACY_ERROR_TEMP_0027', 'The value of from-to unit must be a string.')
}

/** `INTERVAL '1-2' YEAR TO MONTH '1' DAY`: only one from-to interval, alone (Spark's `_LEGACY_ERROR_TEMP_0024`). */
export function singleFromToInterval(): AnalysisError {
  return new AnalysisError('_LEGACY_ERROR_TEMP_0024', 'Can only have a single from-to unit in the interval literal syntax.')
}

/** A calendar interval literal (`CAST('1 day' AS INTERVAL)` folded, `make_interval`). */
export function intervalLiteral(value: CalendarInterval): Expr {
  return Expr.literal(Object.freeze({ ...value }), CalendarIntervalType)
}
