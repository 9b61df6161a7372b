import {
  isIntegralType, isNumericType, type CalendarInterval, type DataType, type StructType,
} from '../types/data-type.js'
import { decimalToString as decimalString, decimalFitsPrecision, decimalToNumber, numberToDecimal, parseDecimal, powerOfTen, rescaleDecimal } from '../data/decimal.js'
import {
  MICROS_PER_DAY, MICROS_PER_SECOND, dateStringToDays, microsToLocalDateTime, microsToTimestampNtzString,
  microsToTimestampString, requireTimeZone, timestampNtzStringToMicros, timestampStringToMicros, daysToDateString,
} from '../data/temporal.js'
import { localSecondsToUtc } from '../data/time-zone.js'
import { formatDayTimeInterval, formatYearMonthInterval, parseIntervalString, toCalendarInterval } from '../data/ansi-interval.js'
import { formatTime } from '../data/time-of-day.js'
import { castInvalidInput, castOverflow, decimalOutOfRange } from './cast-errors.js'
import { formatCalendarInterval, javaDoubleString } from './value-format.js'
import {
  canCastIntervalOrTime, castAnsiIntervalToDecimal, castAnsiIntervalToIntegral, castTimeToDecimal, castTimeToIntegral,
  castTimeToTimestamp, castToDayTimeInterval, castToTime, castToYearMonthInterval,
} from './cast-intervals.js'

/** How a cast treats bad input: ANSI raises Spark's error; otherwise (or TRY_CAST) null. */
export interface CastOptions {
  readonly ansi: boolean
  readonly timeZone: string
  /** The query's current time (TIME → TIMESTAMP takes its date); default: now. */
  readonly currentTimestampMicros?: number
}

/** A compiled cast of a non-null value; returns null where Spark's non-ANSI cast gives NULL. */
export type CastFunction = (value: unknown) => unknown

const INTEGRAL_RANGE: Readonly<Record<string, readonly [bigint, bigint]>> = {
  byte: [-128n, 127n], short: [-32768n, 32767n], integer: [-2147483648n, 2147483647n],
  long: [-9223372036854775808n, 9223372036854775807n],
}
const INTEGRAL_BITS: Readonly<Record<string, number>> = { byte: 8, short: 16, integer: 32, long: 64 }

const isTemporal = (t: DataType): boolean => t.kind === 'date' || t.kind === 'timestamp' || t.kind === 'timestamp_ntz'

/** Whether Spark allows `CAST(from AS to)` (in ANSI mode fewer casts are allowed). */
export function canCast(from: DataType, to: DataType, ansi: boolean): boolean {
  if (from.kind === 'null') return true
  if (from.kind === to.kind && from.kind !== 'array' && from.kind !== 'map' && from.kind !== 'struct') return true
  if (to.kind === 'string') return true
  if (canCastIntervalOrTime(from, to)) return true
  switch (to.kind) {
    case 'boolean': return from.kind === 'string' || isNumericType(from) || (!ansi && isTemporal(from))
    case 'byte': case 'short': case 'integer': case 'long': case 'float': case 'double': case 'decimal':
      return from.kind === 'string' || from.kind === 'boolean' || isNumericType(from) || from.kind === 'timestamp' ||
        (!ansi && from.kind === 'date')
    case 'date': return from.kind === 'string' || isTemporal(from)
    case 'timestamp': case 'timestamp_ntz':
      return from.kind === 'string' || isTemporal(from) || (to.kind === 'timestamp' && isNumericType(from)) ||
        (!ansi && to.kind === 'timestamp' && from.kind === 'boolean')
    case 'binary': return from.kind === 'string' || (!ansi && isIntegralType(from))
    case 'interval': return from.kind === 'string'
    case 'array': return from.kind === 'array' && canCast(from.elementType, to.elementType, ansi)
    case 'map': return from.kind === 'map' && canCast(from.keyType, to.keyType, ansi) && canCast(from.valueType, to.valueType, ansi)
    case 'struct': return from.kind === 'struct' && from.fields.length === to.fields.length &&
      from.fields.every((f, i) => canCast(f.dataType, to.fields[i]!.dataType, ansi))
  }
  return false
}

/** Spark trims these around numbers, booleans and dates in string casts (whitespace and ISO controls). */
const trimAll = (s: string): string => s.replace(/^[\s\u0000-\u0020]+|[\s\u0000-\u0020]+$/g, '')

/**
 * Compiles `CAST(x AS to)` for values of type `from` (non-null input). ANSI: a
 * malformed string raises CAST_INVALID_INPUT, an out-of-range number CAST_OVERFLOW
 * or NUMERIC_VALUE_OUT_OF_RANGE; otherwise such values give null (integral
 * overflow between integral types wraps, as Spark's non-ANSI cast).
 */
export function buildCast(from: DataType, to: DataType, options: CastOptions): CastFunction {
  if (from.kind === 'null') return () => null
  if (JSON.stringify(from) === JSON.stringify(to)) return (v) => v
  const special = buildIntervalOrTimeCast(from, to, options)
  if (special !== undefined) return special
  switch (to.kind) {
    case 'string': return castToString(from, options)
    case 'boolean': return castToBoolean(from, to, options)
    case 'byte': case 'short': case 'integer': case 'long': return castToIntegral(from, to, options)
    case 'float': case 'double': return castToFractional(from, to, options)
    case 'decimal': return castToDecimal(from, to, options)
    case 'date': return castToDate(from, to, options)
    case 'timestamp': case 'timestamp_ntz': return castToTimestamp(from, to, options)
    case 'binary': return castToBinary(from)
    case 'interval': return castToInterval(from)
    case 'array': {
      if (from.kind !== 'array') break
      const element = buildCast(from.elementType, to.elementType, options)
      return (v) => (v as unknown[]).map((x) => (x === null ? null : element(x)))
    }
    case 'map': {
      if (from.kind !== 'map') break
      const key = buildCast(from.keyType, to.keyType, options)
      const value = buildCast(from.valueType, to.valueType, options)
      return (v) => new Map([...(v as Map<unknown, unknown>)].map(([k, x]) => [key(k), x === null ? null : value(x)]))
    }
    case 'struct': {
      if (from.kind !== 'struct') break
      const fields = from.fields.map((f, i) => buildCast(f.dataType, (to as StructType).fields[i]!.dataType, options))
      return (v) => (v as unknown[]).map((x, i) => (x === null ? null : fields[i]!(x)))
    }
  }
  return () => null
}

/** Text of a value of type `t`, as `CAST(x AS STRING)` gives it. */
export function castToString(from: DataType, options: CastOptions): CastFunction {
  switch (from.kind) {
    case 'string': return (v) => v
    case 'boolean': case 'byte': case 'short': case 'integer': case 'long': return (v) => String(v)
    case 'float': return (v) => javaDoubleString(v as number, true)
    case 'double': return (v) => javaDoubleString(v as number)
    case 'decimal': return (v) => decimalString(v as bigint, from.scale)
    case 'date': return (v) => daysToDateString(v as number)
    case 'timestamp': return (v) => microsToTimestampString(v as number, options.timeZone)
    case 'timestamp_ntz': return (v) => microsToTimestampNtzString(v as number)
    case 'binary': return (v) => new TextDecoder().decode(v as Uint8Array)
    case 'interval': return (v) => formatCalendarInterval(v as CalendarInterval)
    case 'year_month_interval': return (v) => formatYearMonthInterval(v as number, from, 'ansi')
    case 'day_time_interval': return (v) => formatDayTimeInterval(v as bigint, from, 'ansi')
    case 'time': return (v) => formatTime(v as bigint)
    case 'array': {
      const element = castToString(from.elementType, options)
      return (v) => `[${(v as unknown[]).map((x) => (x === null ? 'null' : element(x))).join(', ')}]`
    }
    case 'map': {
      const key = castToString(from.keyType, options)
      const value = castToString(from.valueType, options)
      return (v) => `{${[...(v as Map<unknown, unknown>)].map(([k, x]) => `${String(key(k))} -> ${x === null ? 'null' : String(value(x))}`).join(', ')}}`
    }
    case 'struct': {
      const fields = from.fields.map((f) => castToString(f.dataType, options))
      return (v) => `{${(v as unknown[]).map((x, i) => (x === null ? 'null' : String(fields[i]!(x)))).join(', ')}}`
    }
    case 'null': return () => null
  }
}

function castToBoolean(from: DataType, to: DataType, options: CastOptions): CastFunction {
  if (from.kind === 'string') {
    return (v) => {
      const s = trimAll(v as string).toLowerCase()
      if (s === 't' || s === 'true' || s === 'y' || s === 'yes' || s === '1') return true
      if (s === 'f' || s === 'false' || s === 'n' || s === 'no' || s === '0') return false
      if (options.ansi) throw castInvalidInput(v, from, to)
      return null
    }
  }
  if (from.kind === 'long' || from.kind === 'decimal') return (v) => (v as bigint) !== 0n
  if (isNumericType(from)) return (v) => (v as number) !== 0
  if (from.kind === 'timestamp' || from.kind === 'date') return (v) => (v as number) !== 0
  return () => null
}

/** Integer text as Spark's `UTF8String.toLong`: optional sign and digits; non-ANSI also `1.9` (truncated). */
function parseIntegralText(text: string, ansi: boolean): bigint | null {
  const s = trimAll(text)
  const match = ansi ? /^([+-]?\d+)$/.exec(s) : /^([+-]?\d+)(?:\.\d*)?$/.exec(s) ?? /^([+-]?)\.\d+$/.exec(s)
  if (match === null) return null
  const digits = match[1]!
  return digits === '' || digits === '+' || digits === '-' ? 0n : BigInt(digits)
}

function castToIntegral(from: DataType, to: DataType, options: CastOptions): CastFunction {
  const [min, max] = INTEGRAL_RANGE[to.kind]!
  const bits = INTEGRAL_BITS[to.kind]!
  const out = to.kind === 'long' ? (b: bigint): unknown => b : (b: bigint): unknown => Number(b)
  const inRange = (b: bigint): boolean => b >= min && b <= max
  const wrap = (b: bigint): unknown => out(BigInt.asIntN(bits, b))
  switch (from.kind) {
    case 'string':
      return (v) => {
        const b = parseIntegralText(v as string, options.ansi)
        if (b === null || !inRange(b)) {
          if (options.ansi) throw castInvalidInput(v, from, to)
          return null
        }
        return out(b)
      }
    case 'boolean': return (v) => out(v ? 1n : 0n)
    case 'byte': case 'short': case 'integer': case 'long':
      return (v) => {
        const b = BigInt(v as number | bigint)
        if (inRange(b)) return out(b)
        if (options.ansi) throw castOverflow(v, from, to)
        return wrap(b)
      }
    case 'decimal':
      return (v) => {
        const b = (v as bigint) / powerOfTen(from.scale)
        if (inRange(b)) return out(b)
        if (options.ansi) throw castOverflow(v, from, to)
        return wrap(b)
      }
    case 'float': case 'double':
      return (v) => {
        const x = v as number
        if (Number.isFinite(x) && Math.floor(x) <= Number(max) && Math.ceil(x) >= Number(min)) {
          const t = Math.trunc(x)
          if (to.kind !== 'long' || (t < 2 ** 63 && t >= -(2 ** 63))) return out(BigInt(t))
        }
        if (options.ansi) throw castOverflow(v, from, to)
        // Java's d2i / d2l saturate (NaN → 0); narrower types go through int and wrap.
        const saturate = (limitBits: number): bigint => {
          if (Number.isNaN(x)) return 0n
          const lo = -(2n ** BigInt(limitBits - 1))
          const hi = 2n ** BigInt(limitBits - 1) - 1n
          if (x === Infinity || x >= Number(hi)) return hi
          if (x === -Infinity || x <= Number(lo)) return lo
          return BigInt(Math.trunc(x))
        }
        return to.kind === 'long' ? saturate(64) : wrap(saturate(32))
      }
    case 'timestamp':
      return (v) => {
        const seconds = BigInt(Math.floor((v as number) / MICROS_PER_SECOND))
        if (inRange(seconds)) return out(seconds)
        if (options.ansi) throw castOverflow(v, from, to)
        return wrap(seconds)
      }
  }
  return () => null
}

/** Java's `Double.parseDouble` as Spark uses it, plus `inf`/`infinity`/`nan` words. */
export function parseDoubleText(text: string): number | null {
  const s = trimAll(text)
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[dDfF]?$/.test(s)) return Number(s.replace(/[dDfF]$/, ''))
  const lower = s.toLowerCase()
  if (lower === 'nan') return NaN
  if (lower === 'inf' || lower === '+inf' || lower === 'infinity' || lower === '+infinity') return Infinity
  if (lower === '-inf' || lower === '-infinity') return -Infinity
  return null
}

function castToFractional(from: DataType, to: DataType, options: CastOptions): CastFunction {
  const round = to.kind === 'float' ? Math.fround : (x: number): number => x
  switch (from.kind) {
    case 'string':
      return (v) => {
        const x = parseDoubleText(v as string)
        if (x === null) {
          if (options.ansi) throw castInvalidInput(v, from, to)
          return null
        }
        return round(x)
      }
    case 'boolean': return (v) => (v ? 1 : 0)
    case 'long': return (v) => round(Number(v as bigint))
    case 'decimal': return (v) => round(decimalToNumber(v as bigint, from.scale))
    case 'byte': case 'short': case 'integer': case 'float': case 'double': return (v) => round(v as number)
    case 'timestamp': return (v) => round((v as number) / MICROS_PER_SECOND)
  }
  return () => null
}

function castToDecimal(from: DataType, to: DataType & { kind: 'decimal' }, options: CastOptions): CastFunction {
  const fit = (unscaled: bigint | null, original: unknown): unknown => {
    if (unscaled !== null && decimalFitsPrecision(unscaled, to.precision)) return unscaled
    if (options.ansi) {
      if (unscaled === null) throw castInvalidInput(original, from, to)
      throw decimalOutOfRange(originalText(original, from), to.precision, to.scale)
    }
    return null
  }
  switch (from.kind) {
    case 'string':
      return (v) => {
        const s = trimAll(v as string)
        const parsed = parseDecimal(s, to.scale)
        if (parsed === null && options.ansi) throw castInvalidInput(v, from, to)
        return fit(parsed, v)
      }
    case 'boolean': return (v) => fit((v ? 1n : 0n) * powerOfTen(to.scale), v)
    case 'byte': case 'short': case 'integer': case 'long':
      return (v) => fit(BigInt(v as number | bigint) * powerOfTen(to.scale), v)
    case 'decimal': return (v) => fit(rescaleDecimal(v as bigint, from.scale, to.scale), v)
    case 'float': case 'double':
      return (v) => {
        const x = v as number
        if (!Number.isFinite(x)) {
          if (options.ansi) throw castOverflow(v, from, to)
          return null
        }
        return fit(numberToDecimal(x, to.scale), v)
      }
    case 'timestamp':
      return (v) => fit(rescaleDecimal(BigInt(v as number), 6, to.scale), v)
  }
  return () => null
}

function originalText(v: unknown, from: DataType): string {
  if (from.kind === 'decimal') return decimalString(v as bigint, from.scale)
  if (from.kind === 'double' || from.kind === 'float') return javaDoubleString(v as number, from.kind === 'float')
  return String(v)
}

function castToDate(from: DataType, to: DataType, options: CastOptions): CastFunction {
  switch (from.kind) {
    case 'string':
      return (v) => {
        const days = dateStringToDays(trimAll(v as string))
        if (days === null && options.ansi) throw castInvalidInput(v, from, to)
        return days
      }
    case 'timestamp': return (v) => microsToLocalDateTime(v as number, options.timeZone).days
    case 'timestamp_ntz': return (v) => Math.floor((v as number) / MICROS_PER_DAY)
  }
  return () => null
}

function castToTimestamp(from: DataType, to: DataType, options: CastOptions): CastFunction {
  const ntz = to.kind === 'timestamp_ntz'
  switch (from.kind) {
    case 'string':
      return (v) => {
        const text = trimAll(v as string)
        const micros = ntz ? timestampNtzStringToMicros(text) : timestampStringToMicros(text, options.timeZone)
        if (micros === null && options.ansi) throw castInvalidInput(v, from, to)
        return micros
      }
    case 'date':
      if (ntz) return (v) => (v as number) * MICROS_PER_DAY
      return (v) => localSecondsToUtc(requireTimeZone(options.timeZone), (v as number) * 86_400) * MICROS_PER_SECOND
    case 'timestamp':
      return (v) => {
        const t = microsToLocalDateTime(v as number, options.timeZone)
        return (t.days * 86_400 + t.hour * 3600 + t.minute * 60 + t.second) * MICROS_PER_SECOND + t.microsecond
      }
    case 'timestamp_ntz':
      return (v) => {
        const micros = v as number
        const seconds = Math.floor(micros / MICROS_PER_SECOND)
        return localSecondsToUtc(requireTimeZone(options.timeZone), seconds) * MICROS_PER_SECOND + (micros - seconds * MICROS_PER_SECOND)
      }
    case 'boolean': return (v) => (v ? 1 : 0)
    case 'long': return (v) => Number(v as bigint) * MICROS_PER_SECOND
    case 'decimal': return (v) => Math.floor(decimalToNumber(v as bigint, from.scale) * MICROS_PER_SECOND)
    case 'byte': case 'short': case 'integer': return (v) => (v as number) * MICROS_PER_SECOND
    case 'float': case 'double':
      return (v) => {
        if (Number.isFinite(v as number)) return Math.floor((v as number) * MICROS_PER_SECOND)
        if (options.ansi) throw castInvalidInput(v, from, to)
        return null
      }
  }
  return () => null
}

function castToBinary(from: DataType): CastFunction {
  if (from.kind === 'string') return (v) => new TextEncoder().encode(v as string)
  if (isIntegralType(from)) {
    const bytes = from.kind === 'byte' ? 1 : from.kind === 'short' ? 2 : from.kind === 'integer' ? 4 : 8
    return (v) => {
      let b = BigInt.asUintN(bytes * 8, BigInt(v as number | bigint))
      const out = new Uint8Array(bytes)
      for (let i = bytes - 1; i >= 0; i--) { out[i] = Number(b & 0xffn); b >>= 8n }
      return out
    }
  }
  return () => null
}

/** `CAST(s AS INTERVAL)`: Spark's `safeStringToInterval`, null (in every mode) when the text is no interval. */
function castToInterval(from: DataType): CastFunction {
  if (from.kind !== 'string') return () => null
  return (v) => {
    try {
      return toCalendarInterval(parseIntervalString(v as string))
    } catch {
      return null
    }
  }
}

/** The casts of cast-intervals.ts: to and from ANSI intervals and TIME; undefined for other pairs. */
function buildIntervalOrTimeCast(from: DataType, to: DataType, options: CastOptions): CastFunction | undefined {
  switch (to.kind) {
    case 'year_month_interval': return castToYearMonthInterval(from, to)
    case 'day_time_interval': return castToDayTimeInterval(from, to)
    case 'time': return castToTime(from, to, options)
  }
  if (from.kind === 'year_month_interval' || from.kind === 'day_time_interval') {
    if (isIntegralType(to)) return castAnsiIntervalToIntegral(from, to)
    if (to.kind === 'decimal') return castAnsiIntervalToDecimal(from, to)
  }
  if (from.kind === 'time') {
    if (isIntegralType(to)) return castTimeToIntegral(from, to, options.ansi)
    if (to.kind === 'decimal') return castTimeToDecimal(to, options.ansi)
    if (to.kind === 'timestamp' || to.kind === 'timestamp_ntz') return castTimeToTimestamp(to, options)
  }
  return undefined
}
