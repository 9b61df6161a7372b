/**
 * Casts to and from Spark's ANSI interval types and TIME, as Spark's `Cast` does them:
 *
 * - string → interval: Spark's `castStringTo{YM,DT}Interval`, which fails (in every
 *   mode; TRY_CAST gives null) with INVALID_INTERVAL_FORMAT;
 * - interval → interval: the value truncated to the target's end field;
 * - integral/decimal ↔ interval: in units of the interval's end field (`INTERVAL YEAR`
 *   counts years, `INTERVAL HOUR TO SECOND` seconds), decimals rounded HALF_UP;
 *   overflow is CAST_OVERFLOW / NUMERIC_VALUE_OUT_OF_RANGE in every mode, as Spark;
 * - TIME ← string/timestamp, TIME → integral (whole seconds) / decimal (seconds with
 *   nanoseconds) / timestamp (on the current date); ANSI errors or null otherwise.
 */
import {
  type DataType, type DayTimeIntervalType, type DecimalType, type TimeType, type YearMonthIntervalType,
} from '../types/data-type.js'
import { ExecutionError } from '../errors/sluice-error.js'
import {
  castStringToDayTime, castStringToYearMonth, dayTimeUnitMicros, IntervalFormatError, LONG_MAX, LONG_MIN, yearMonthUnits,
} from '../data/ansi-interval.js'
import { decimalFitsPrecision, decimalToString, rescaleDecimal } from '../data/decimal.js'
import { microsToLocalDateTime, MICROS_PER_SECOND, requireTimeZone } from '../data/temporal.js'
import { localSecondsToUtc } from '../data/time-zone.js'
import { NANOS_PER_MICRO, NANOS_PER_SECOND, parseTime, timeOfDayOfMicros, truncateTime } from '../data/time-of-day.js'
import { castInvalidInput, castOverflow, decimalOutOfRange } from './cast-errors.js'
import type { CastFunction, CastOptions } from './cast.js'

const INTEGRAL_RANGE: Readonly<Record<string, readonly [bigint, bigint]>> = {
  byte: [-128n, 127n], short: [-32768n, 32767n], integer: [-2147483648n, 2147483647n], long: [LONG_MIN, LONG_MAX],
}

type AnsiInterval = YearMonthIntervalType | DayTimeIntervalType

/** INVALID_INTERVAL_FORMAT.<sub-class> for a string that is no interval of the target type. */
function invalidIntervalFormat(error: IntervalFormatError, input: string): ExecutionError {
  return new ExecutionError(`INVALID_INTERVAL_FORMAT.${error.subclass}`, error.message, { input })
}

function fromString<T>(parse: () => T, input: string): T {
  try {
    return parse()
  } catch (error) {
    if (error instanceof IntervalFormatError) throw invalidIntervalFormat(error, input)
    throw error
  }
}

/** Rounds `unscaled / 10^scale * factor` HALF_UP to an integer (Spark's `setScale(0, HALF_UP)`). */
function decimalTimes(unscaled: bigint, scale: number, factor: bigint): bigint {
  return rescaleDecimal(unscaled * factor, scale, 0)
}

/** `CAST(x AS INTERVAL YEAR [TO MONTH] | INTERVAL MONTH)`. */
export function castToYearMonthInterval(from: DataType, to: YearMonthIntervalType): CastFunction | undefined {
  const fit = (months: bigint, value: unknown): number => {
    if (months < -2147483648n || months > 2147483647n) throw castOverflow(value, from, to)
    return Number(months)
  }
  switch (from.kind) {
    case 'string': return (v) => fromString(() => castStringToYearMonth(v as string, to), v as string)
    case 'year_month_interval':
      return (v) => (to.endField === 'year' ? (v as number) - ((v as number) % 12) + 0 : v)
    case 'byte': case 'short': case 'integer': case 'long':
      return (v) => {
        const n = BigInt(v as number | bigint)
        // A BIGINT must fit an INT before it is counted in months or years.
        if (n < -2147483648n || n > 2147483647n) throw castOverflow(v, from, to)
        return fit(to.endField === 'year' ? n * 12n : n, v)
      }
    case 'decimal':
      return (v) => fit(decimalTimes(v as bigint, from.scale, to.endField === 'year' ? 12n : 1n), v)
  }
  return undefined
}

/** `CAST(x AS INTERVAL DAY [TO ...] | INTERVAL HOUR ...)`. */
export function castToDayTimeInterval(from: DataType, to: DayTimeIntervalType): CastFunction | undefined {
  const unit = dayTimeUnitMicros(to)
  const fit = (micros: bigint, value: unknown): bigint => {
    if (micros < LONG_MIN || micros > LONG_MAX) throw castOverflow(value, from, to)
    return micros
  }
  switch (from.kind) {
    case 'string': return (v) => fromString(() => castStringToDayTime(v as string, to), v as string)
    // Spark's durationToMicros(…, endField): whole days/hours/minutes for those end fields, microseconds kept for SECOND.
    case 'day_time_interval': return to.endField === 'second' ? (v) => v : (v) => (v as bigint) - ((v as bigint) % unit)
    case 'byte': case 'short': case 'integer': case 'long': return (v) => fit(BigInt(v as number | bigint) * unit, v)
    case 'decimal': return (v) => fit(decimalTimes(v as bigint, from.scale, unit), v)
  }
  return undefined
}

/** An ANSI interval in units of its end field (years, months, days ... seconds), truncated toward zero. */
function intervalUnits(value: unknown, type: AnsiInterval): bigint {
  if (type.kind === 'year_month_interval') return BigInt(yearMonthUnits(value as number, type))
  return (value as bigint) / dayTimeUnitMicros(type)
}

/** An ANSI interval to an integral type: its count of end-field units; CAST_OVERFLOW when out of range (every mode). */
export function castAnsiIntervalToIntegral(from: AnsiInterval, to: DataType): CastFunction {
  const [min, max] = INTEGRAL_RANGE[to.kind]!
  return (v) => {
    const n = intervalUnits(v, from)
    if (n < min || n > max) throw castOverflow(v, from, to)
    return to.kind === 'long' ? n : Number(n)
  }
}

/** An ANSI interval to a decimal: end-field units, seconds with six fraction digits; NUMERIC_VALUE_OUT_OF_RANGE (every mode). */
export function castAnsiIntervalToDecimal(from: AnsiInterval, to: DecimalType): CastFunction {
  const secondsScale = from.kind === 'day_time_interval' && from.endField === 'second' ? 6 : 0
  return (v) => {
    const unscaled = secondsScale === 6 ? (v as bigint) : intervalUnits(v, from)
    const result = rescaleDecimal(unscaled, secondsScale, to.scale)
    if (!decimalFitsPrecision(result, to.precision)) throw decimalOutOfRange(decimalToString(unscaled, secondsScale), to.precision, to.scale)
    return result
  }
}

/** `CAST(x AS TIME(p))` from a string, a timestamp (its wall clock) or another TIME. */
export function castToTime(from: DataType, to: TimeType, options: CastOptions): CastFunction | undefined {
  const p = to.precision
  switch (from.kind) {
    case 'string':
      return (v) => {
        const nanos = parseTime(v as string)
        if (nanos === null) {
          if (options.ansi) throw castInvalidInput(v, from, to)
          return null
        }
        return truncateTime(nanos, p)
      }
    case 'time': return (v) => truncateTime(v as bigint, p)
    case 'timestamp_ntz': return (v) => truncateTime(timeOfDayOfMicros(v as number), p)
    case 'timestamp':
      return (v) => {
        const t = microsToLocalDateTime(v as number, options.timeZone)
        const local = (t.hour * 3600 + t.minute * 60 + t.second) * MICROS_PER_SECOND + t.microsecond
        return truncateTime(timeOfDayOfMicros(local), p)
      }
  }
  return undefined
}

/** TIME to an integral type: whole seconds of the day; ANSI CAST_OVERFLOW, else null, when they do not fit. */
export function castTimeToIntegral(from: TimeType, to: DataType, ansi: boolean): CastFunction {
  const [min, max] = INTEGRAL_RANGE[to.kind]!
  return (v) => {
    const seconds = (v as bigint) / NANOS_PER_SECOND
    if (seconds < min || seconds > max) {
      if (ansi) throw castOverflow(v, from, to)
      return null
    }
    return to.kind === 'long' ? seconds : Number(seconds)
  }
}

/** TIME to a decimal: seconds of the day with nanoseconds, rounded HALF_UP; ANSI NUMERIC_VALUE_OUT_OF_RANGE, else null. */
export function castTimeToDecimal(to: DecimalType, ansi: boolean): CastFunction {
  return (v) => {
    const result = rescaleDecimal(v as bigint, 9, to.scale)
    if (decimalFitsPrecision(result, to.precision)) return result
    if (ansi) throw decimalOutOfRange(decimalToString(v as bigint, 9), to.precision, to.scale)
    return null
  }
}

/** TIME to TIMESTAMP / TIMESTAMP_NTZ: that time on the current date (in the session zone for TIMESTAMP). */
export function castTimeToTimestamp(to: DataType, options: CastOptions): CastFunction {
  const nowMicros = options.currentTimestampMicros ?? Date.now() * 1000
  const today = microsToLocalDateTime(nowMicros, options.timeZone).days
  return (v) => {
    const nanos = v as bigint
    const micros = Number(nanos / NANOS_PER_MICRO)
    if (to.kind === 'timestamp_ntz') return today * 86_400 * MICROS_PER_SECOND + micros
    const wholeSeconds = Math.floor(micros / MICROS_PER_SECOND)
    return localSecondsToUtc(requireTimeZone(options.timeZone), today * 86_400 + wholeSeconds) * MICROS_PER_SECOND + (micros - wholeSeconds * MICROS_PER_SECOND)
  }
}

/** Whether Spark casts `from` to the ANSI interval or TIME type `to` (and the reverse directions this module handles). */
export function canCastIntervalOrTime(from: DataType, to: DataType): boolean {
  const integralOrDecimal = (t: DataType): boolean =>
    t.kind === 'byte' || t.kind === 'short' || t.kind === 'integer' || t.kind === 'long' || t.kind === 'decimal'
  switch (to.kind) {
    case 'year_month_interval': case 'day_time_interval':
      return from.kind === 'string' || from.kind === to.kind || integralOrDecimal(from)
    case 'time':
      return from.kind === 'string' || from.kind === 'time' || from.kind === 'timestamp' || from.kind === 'timestamp_ntz'
  }
  if (from.kind === 'year_month_interval' || from.kind === 'day_time_interval') return integralOrDecimal(to)
  if (from.kind === 'time') return integralOrDecimal(to) || to.kind === 'timestamp' || to.kind === 'timestamp_ntz'
  return false
}
