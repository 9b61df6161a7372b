/**
 * Spark 4.1's TIME functions: `make_time`/`try_make_time`, `current_time`,
 * `to_time`/`try_to_time`, `time_trunc`, `time_diff`, and the TIME conversions
 * `time_from_seconds|millis|micros` / `time_to_seconds|millis|micros`. Values are
 * nanoseconds since midnight (see `data/time-of-day.ts`).
 */
import { DecimalType, IntegerType, LongType, StringType, TimeType, type DataType } from '../types/data-type.js'
import { ExecutionError } from '../errors/sluice-error.js'
import { microsToLocalDateTime, MICROS_PER_SECOND } from '../data/temporal.js'
import {
  NANOS_PER_DAY, NANOS_PER_HOUR, NANOS_PER_MICRO, NANOS_PER_MINUTE, NANOS_PER_SECOND, parseTime, timeOfDayOfMicros, truncateTime,
} from '../data/time-of-day.js'
import { timeTypeOf } from '../types/interval-types.js'
import type { FunctionArgs, ScalarFunctionDefinition } from './function-types.js'
import { coerceAll, coerceTo, defineScalar, lenient, strict, unexpectedInputType } from './function-support.js'
import { datetimePattern } from './datetime-pattern.js'

/** DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION as Spark words TIME's field errors. */
function fieldOutOfBounds(rangeMessage: string): ExecutionError {
  return new ExecutionError('DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION', `${rangeMessage}. SQLSTATE: 22023`, { rangeMessage })
}

/** Hours, minutes and DECIMAL(16,6) seconds to a time of day (java.time.LocalTime.of's checks); throws on a bad field. */
function timeOfFields(hour: number, minute: number, secondsMicros: bigint): bigint {
  const seconds = secondsMicros / 1_000_000n
  const micros = secondsMicros % 1_000_000n
  if (hour < 0 || hour > 23) throw fieldOutOfBounds(`Invalid value for HourOfDay (valid values 0 - 23): ${hour}`)
  if (minute < 0 || minute > 59) throw fieldOutOfBounds(`Invalid value for MinuteOfHour (valid values 0 - 59): ${minute}`)
  if (seconds < 0n || seconds > 59n || micros < 0n) throw fieldOutOfBounds(`Invalid value for SecondOfMinute (valid values 0 - 59): ${seconds}`)
  return BigInt(hour) * NANOS_PER_HOUR + BigInt(minute) * NANOS_PER_MINUTE + secondsMicros * NANOS_PER_MICRO
}

function makeTime(name: string, orNull: boolean): ScalarFunctionDefinition {
  return defineScalar(name, 3, (args) =>
    // The seconds are read as microseconds: cast to DECIMAL(16,6) exactly (coerceTo keeps a decimal's own scale).
    strict([...coerceAll(name, args, [IntegerType, IntegerType, DecimalType(16, 6)]).slice(0, 2), DecimalType(16, 6)], TimeType(), (a) => {
      try {
        return timeOfFields(a[0] as number, a[1] as number, a[2] as bigint)
      } catch (error) {
        if (orNull && error instanceof ExecutionError) return null
        throw error
      }
    }))
}

/** `make_time(hour, minute, second)`: TIME(6); a field out of range is DATETIME_FIELD_OUT_OF_BOUNDS in every mode. */
export const makeTimeFunction = makeTime('make_time', false)
/** `try_make_time(hour, minute, second)`: null instead of a field error. */
export const tryMakeTimeFunction = makeTime('try_make_time', true)

/** The precision argument of `current_time([p])`: a constant 0 to 6. */
function precisionArg(args: FunctionArgs, name: string): number {
  if (args.types.length === 0) return 6
  const value = args.constants[0]
  if (typeof value !== 'number') throw unexpectedInputType(name, 0, '"INT"', args.types[0]!)
  return timeTypeOf(value).precision
}

/** `current_time([precision])`: the query's current time of day in the session zone, TIME(precision) (6 by default). */
export const currentTimeFunction = defineScalar('current_time', [0, 1], (args) => {
  const precision = precisionArg(args, 'current_time')
  const t = microsToLocalDateTime(args.context.currentTimestampMicros, args.context.timeZone)
  const local = (t.hour * 3600 + t.minute * 60 + t.second) * MICROS_PER_SECOND + t.microsecond
  const value = truncateTime(timeOfDayOfMicros(local), precision)
  return lenient(args.types.length === 0 ? [] : undefined, TimeType(precision), () => value, false)
})

/** CANNOT_PARSE_TIME, as `to_time` raises it. */
function cannotParseTime(input: string, format: string | undefined): ExecutionError {
  return new ExecutionError('CANNOT_PARSE_TIME',
    `The input string '${input}' cannot be parsed to a TIME value${format === undefined ? '' : ` with the format '${format}'`}. SQLSTATE: 22010`,
    { input: `'${input}'`, format: format === undefined ? '' : `'${format}'` })
}

/** Text of a time of day read with a datetime pattern (its date fields, if any, ignored). */
function parseWithPattern(text: string, format: string): bigint | null {
  const micros = datetimePattern(format).parse(text, 'UTC')
  return micros === null ? null : timeOfDayOfMicros(micros)
}

function toTime(name: string, orNull: boolean): ScalarFunctionDefinition {
  return defineScalar(name, [1, 2], (args) => {
    args.types.forEach((t, i) => {
      if (t.kind !== 'string' && t.kind !== 'null') throw unexpectedInputType(name, i, '"STRING"', t)
    })
    const withFormat = args.types.length === 2
    return strict(args.types.map(() => StringType), TimeType(), (a) => {
      const text = a[0] as string
      const format = withFormat ? a[1] as string : undefined
      const nanos = format === undefined ? parseTime(text) : parseWithPattern(text, format)
      if (nanos === null) {
        if (orNull) return null
        throw cannotParseTime(text, format)
      }
      return truncateTime(nanos, 6)
    })
  })
}

/** `to_time(str[, format])`: TIME(6); text that is no time is CANNOT_PARSE_TIME in every mode. */
export const toTimeFunction = toTime('to_time', false)
/** `try_to_time(str[, format])`: null instead of CANNOT_PARSE_TIME. */
export const tryToTimeFunction = toTime('try_to_time', true)

const TIME_UNITS: Readonly<Record<string, bigint>> = {
  HOUR: NANOS_PER_HOUR, MINUTE: NANOS_PER_MINUTE, SECOND: NANOS_PER_SECOND, MILLISECOND: 1_000_000n, MICROSECOND: NANOS_PER_MICRO,
}

/** INVALID_PARAMETER_VALUE.TIME_UNIT for a unit TIME functions do not know. */
function invalidTimeUnit(functionName: string, unit: string): ExecutionError {
  return new ExecutionError('INVALID_PARAMETER_VALUE.TIME_UNIT',
    `The value of parameter(s) \`unit\` in \`${functionName}\` is invalid: expects one of the units without quotes HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND, but got the string literal '${unit}'. SQLSTATE: 22023`,
    { functionName: `\`${functionName}\``, parameter: '`unit`', invalidValue: `'${unit}'` })
}

function unitNanos(functionName: string, unit: string): bigint {
  const nanos = TIME_UNITS[unit.toUpperCase()]
  if (nanos === undefined) throw invalidTimeUnit(functionName, unit)
  return nanos
}

/** A TIME argument: a TIME as it is, a string or NULL cast to TIME(6). */
function timeArg(name: string, index: number, t: DataType): DataType {
  if (t.kind === 'time') return t
  if (t.kind === 'null' || t.kind === 'string') return TimeType()
  throw unexpectedInputType(name, index, '"TIME"', t)
}

/** `time_trunc(unit, time)`: the time truncated to HOUR, MINUTE, SECOND, MILLISECOND or MICROSECOND. */
export const timeTruncFunction = defineScalar('time_trunc', 2, (args) => {
  const timeType = timeArg('time_trunc', 1, args.types[1]!)
  return strict([coerceTo('time_trunc', 0, args.types[0]!, StringType, args.context.ansi), timeType], timeType, (a) => {
    const unit = unitNanos('time_trunc', a[0] as string)
    const nanos = a[1] as bigint
    return nanos - (nanos % unit)
  })
})

/** `time_diff(unit, start, end)`: whole units from start to end (negative when end is earlier), a BIGINT. */
export const timeDiffFunction = defineScalar('time_diff', 3, (args) => {
  const inputTypes = [coerceTo('time_diff', 0, args.types[0]!, StringType, args.context.ansi),
    timeArg('time_diff', 1, args.types[1]!), timeArg('time_diff', 2, args.types[2]!)]
  return strict(inputTypes, LongType, (a) => ((a[2] as bigint) - (a[1] as bigint)) / unitNanos('time_diff', a[0] as string))
})

/** A time of day from a count of `unit` nanoseconds; outside the day DATETIME_FIELD_OUT_OF_BOUNDS. */
function checkedTime(nanos: bigint): bigint {
  if (nanos < 0n || nanos >= NANOS_PER_DAY) {
    throw fieldOutOfBounds(`Invalid TIME value: must be between 00:00:00 and 23:59:59.999999999, but got ${nanos} nanoseconds`)
  }
  return truncateTime(nanos, 6)
}

/** `time_from_seconds(n)` (n a number, fraction kept to the microsecond), `time_from_millis(n)`, `time_from_micros(n)`. */
function timeFrom(name: string, unitNanos: bigint, fractional: boolean): ScalarFunctionDefinition {
  return defineScalar(name, 1, (args) => {
    const t = args.types[0]!
    const numeric = fractional && (t.kind === 'decimal' || t.kind === 'float' || t.kind === 'double')
    const input = numeric ? t : coerceTo(name, 0, t, LongType, args.context.ansi)
    return strict([input], TimeType(), (a) => {
      const v = a[0]
      if (typeof v === 'bigint' && input.kind === 'decimal') {
        return checkedTime(v * unitNanos / 10n ** BigInt(input.scale))
      }
      if (typeof v === 'number') {
        if (!Number.isFinite(v)) throw fieldOutOfBounds(`Invalid TIME value: ${v}`)
        return checkedTime(BigInt(Math.round(v * 1e6)) * (unitNanos / 1_000_000n))
      }
      return checkedTime(BigInt(v as bigint | number) * unitNanos)
    })
  })
}

export const timeFromSecondsFunction = timeFrom('time_from_seconds', NANOS_PER_SECOND, true)
export const timeFromMillisFunction = timeFrom('time_from_millis', 1_000_000n, false)
export const timeFromMicrosFunction = timeFrom('time_from_micros', NANOS_PER_MICRO, false)

function timeTo(name: string): ScalarFunctionDefinition {
  return defineScalar(name, 1, (args) => {
    const input = timeArg(name, 0, args.types[0]!)
    if (name === 'time_to_seconds') return strict([input], DecimalType(14, 6), (a) => (a[0] as bigint) / NANOS_PER_MICRO)
    const unit = name === 'time_to_millis' ? 1_000_000n : NANOS_PER_MICRO
    return strict([input], LongType, (a) => (a[0] as bigint) / unit)
  })
}

/** `time_to_seconds(t)` DECIMAL(14,6), `time_to_millis(t)` and `time_to_micros(t)` BIGINT. */
export const timeToSecondsFunction = timeTo('time_to_seconds')
export const timeToMillisFunction = timeTo('time_to_millis')
export const timeToMicrosFunction = timeTo('time_to_micros')

export const timeFunctions: ScalarFunctionDefinition[] = [
  makeTimeFunction, tryMakeTimeFunction, currentTimeFunction, toTimeFunction, tryToTimeFunction, timeTruncFunction, timeDiffFunction,
  timeFromSecondsFunction, timeFromMillisFunction, timeFromMicrosFunction, timeToSecondsFunction, timeToMillisFunction,
  timeToMicrosFunction,
]
