import type { CalendarInterval, DataType } from '../types/data-type.js'
import {
  ByteType, DateType, DecimalType, DoubleType, IntegerType, LongType, StringType, StructField, StructType, TimestampNTZType, TimestampType,
} from '../types/data-type.js'
import { AnalysisError, ExecutionError } from '../errors/sluice-error.js'
import {
  civilToDays, daysInMonth, daysToCivil, MICROS_PER_SECOND, microsToLocalDateTime, requireTimeZone,
} from '../data/temporal.js'
import { localSecondsToUtc } from '../data/time-zone.js'
import type { FunctionArgs, ResolvedScalarFunction, ScalarFunctionDefinition } from './function-types.js'
import {
  aliasScalar, arithmeticOverflow, coerceAll, coerceTo, defineScalar, isNumericKind, lenient, strict, typeSql, unexpectedInputType,
} from './function-support.js'
import { cannotParseTimestamp, datetimePattern, type DatetimePattern } from './datetime-pattern.js'
import { pow10 } from './decimal-support.js'

const DEFAULT_PATTERN = 'yyyy-MM-dd HH:mm:ss'

/** Local wall-clock day count of a timestamp in the session zone. */
const localDays = (micros: number, timeZone: string): number => microsToLocalDateTime(micros, timeZone).days

/** Micros of local midnight of `days` in the zone. */
const startOfDayMicros = (days: number, timeZone: string): number =>
  localSecondsToUtc(requireTimeZone(timeZone), days * 86400) * MICROS_PER_SECOND

/** The pattern of argument `index` (constant: compiled once, and bad patterns fail at analysis). */
function patternArg(args: FunctionArgs, index: number): (value: unknown) => DatetimePattern {
  if (args.types.length <= index) {
    const fixed = datetimePattern(DEFAULT_PATTERN)
    return () => fixed
  }
  const constant = args.constants[index]
  if (typeof constant === 'string') {
    const fixed = datetimePattern(constant)
    return () => fixed
  }
  return (value) => datetimePattern(value as string)
}

/** Parses text with a pattern; on failure ANSI raises CANNOT_PARSE_TIMESTAMP, otherwise null. */
function parseOrFail(pattern: DatetimePattern, text: string, timeZone: string, ansi: boolean): number | null {
  const micros = pattern.parse(text, timeZone)
  if (micros === null && ansi) throw cannotParseTimestamp(text, pattern.pattern)
  return micros
}

const now = defineScalar('current_timestamp', 0, (args) => lenient([], TimestampType, () => args.context.currentTimestampMicros, false))

/** `current_date()`: today in the session time zone, fixed per query. */
export const currentDateFunction = defineScalar('current_date', 0, (args) =>
  lenient([], DateType, () => localDays(args.context.currentTimestampMicros, args.context.timeZone), false))

export const currentTimezoneFunction = defineScalar('current_timezone', 0, (args) => lenient([], StringType, () => args.context.timeZone, false))

/** `localtimestamp()`: the query's current time as a TIMESTAMP_NTZ wall clock in the session zone. */
export const localtimestampFunction = defineScalar('localtimestamp', 0, (args) => lenient([], TimestampNTZType, () => {
  const t = microsToLocalDateTime(args.context.currentTimestampMicros, args.context.timeZone)
  return (t.days * 86400 + t.hour * 3600 + t.minute * 60 + t.second) * MICROS_PER_SECOND + t.microsecond
}, false))

/**
 * `to_timestamp(x[, fmt])`: with a format, parses text in the session zone (failure:
 * CANNOT_PARSE_TIMESTAMP in ANSI mode, else null); without, casts x to TIMESTAMP.
 */
export const toTimestampFunction = defineScalar('to_timestamp', [1, 2], (args) => {
  if (args.types.length === 1) return strict([coerceTo('to_timestamp', 0, args.types[0]!, TimestampType, args.context.ansi)], TimestampType, (a) => a[0])
  const pattern = patternArg(args, 1)
  return strict(coerceAll('to_timestamp', args, [StringType, StringType]), TimestampType,
    (a) => parseOrFail(pattern(a[1]), a[0] as string, args.context.timeZone, args.context.ansi))
})

/** `to_date(x[, fmt])`: with a format, the local date of the parsed text; without, casts x to DATE. */
export const toDateFunction = defineScalar('to_date', [1, 2], (args) => {
  if (args.types.length === 1) return strict([coerceTo('to_date', 0, args.types[0]!, DateType, args.context.ansi)], DateType, (a) => a[0])
  const pattern = patternArg(args, 1)
  return strict(coerceAll('to_date', args, [StringType, StringType]), DateType, (a) => {
    const micros = parseOrFail(pattern(a[1]), a[0] as string, args.context.timeZone, args.context.ansi)
    return micros === null ? null : localDays(micros, args.context.timeZone)
  })
})

/** `date_format(ts, fmt)`: the timestamp's text in the session zone. */
export const dateFormatFunction = defineScalar('date_format', 2, (args) => {
  const pattern = patternArg(args, 1)
  return strict([coerceTo('date_format', 0, args.types[0]!, TimestampType, args.context.ansi), StringType], StringType,
    (a) => pattern(a[1]).format(a[0] as number, args.context.timeZone))
})

/** A function of a DATE's calendar (timestamps and strings are cast to DATE first). */
function dateField(name: string, field: (days: number) => number): ScalarFunctionDefinition {
  return defineScalar(name, 1, (args) => strict([coerceTo(name, 0, args.types[0]!, DateType, args.context.ansi)], IntegerType, (a) => field(a[0] as number)))
}

const isoWeekday = (days: number): number => ((((days + 3) % 7) + 7) % 7) + 1 // 1 = Monday

export const yearFunction = dateField('year', (d) => daysToCivil(d).year)
export const monthFunction = dateField('month', (d) => daysToCivil(d).month)
export const dayofmonthFunction = dateField('dayofmonth', (d) => daysToCivil(d).day)
/** `dayofweek(date)`: 1 = Sunday ... 7 = Saturday. */
export const dayofweekFunction = dateField('dayofweek', (d) => (isoWeekday(d) % 7) + 1)
/** `weekday(date)`: 0 = Monday ... 6 = Sunday. */
export const weekdayFunction = dateField('weekday', (d) => isoWeekday(d) - 1)
export const dayofyearFunction = dateField('dayofyear', (d) => d - civilToDays(daysToCivil(d).year, 1, 1) + 1)
export const quarterFunction = dateField('quarter', (d) => Math.floor((daysToCivil(d).month - 1) / 3) + 1)
/** `weekofyear(date)`: the ISO-8601 week number (weeks start on Monday; week 1 has the year's first Thursday). */
export const weekofyearFunction = dateField('weekofyear', (d) => {
  const thursday = d - isoWeekday(d) + 4
  const year = daysToCivil(thursday).year
  return Math.floor((thursday - civilToDays(year, 1, 1)) / 7) + 1
})

/**
 * A function of a TIMESTAMP's local wall clock (seconds of the local day and the
 * micros within the second), or of a TIME's time of day (Spark 4.1's hour/minute/second of TIME).
 */
function timeField(name: string, field: (secondOfDay: number) => number): ScalarFunctionDefinition {
  return defineScalar(name, 1, (args) => {
    if (args.types[0]!.kind === 'time') {
      return strict([args.types[0]!], IntegerType, (a) => field(Number((a[0] as bigint) / 1_000_000_000n)))
    }
    const ntz = args.types[0]!.kind === 'timestamp_ntz'
    const t = ntz ? TimestampNTZType : coerceTo(name, 0, args.types[0]!, TimestampType, args.context.ansi)
    const zone = requireTimeZone(ntz ? 'UTC' : args.context.timeZone)
    return strict([t], IntegerType, (a) => {
      const epochSeconds = Math.floor((a[0] as number) / MICROS_PER_SECOND)
      const local = epochSeconds + zone.offsetSecondsAt(epochSeconds)
      return field(local - Math.floor(local / 86400) * 86400)
    })
  })
}

export const hourFunction = timeField('hour', (s) => Math.floor(s / 3600))
export const minuteFunction = timeField('minute', (s) => Math.floor((s % 3600) / 60))
export const secondFunction = timeField('second', (s) => s % 60)

/**
 * `unix_timestamp([x[, fmt]])`/`to_unix_timestamp(x[, fmt])`: seconds since the epoch
 * of a timestamp, a date (local midnight) or text parsed with `fmt` (default
 * 'yyyy-MM-dd HH:mm:ss'); no argument: the query's current time.
 */
function unixTimestamp(name: string, minArgs: number): ScalarFunctionDefinition {
  return defineScalar(name, [minArgs, 2], (args) => {
    const { ansi, timeZone } = args.context
    if (args.types.length === 0) return lenient([], LongType, () => BigInt(Math.floor(args.context.currentTimestampMicros / MICROS_PER_SECOND)), false)
    const t = args.types[0]!
    const seconds = (micros: number): bigint => BigInt(Math.floor(micros / MICROS_PER_SECOND))
    if (t.kind === 'timestamp' || t.kind === 'timestamp_ntz') return strict([t, ...args.types.slice(1).map(() => StringType)], LongType, (a) => seconds(a[0] as number))
    if (t.kind === 'date') return strict([t, ...args.types.slice(1).map(() => StringType)], LongType, (a) => seconds(startOfDayMicros(a[0] as number, timeZone)))
    const pattern = patternArg(args, 1)
    return strict([coerceTo(name, 0, t, StringType, ansi), ...args.types.slice(1).map(() => StringType)], LongType, (a) => {
      const micros = parseOrFail(pattern(a[1]), a[0] as string, timeZone, ansi)
      return micros === null ? null : seconds(micros)
    })
  })
}

export const unixTimestampFunction = unixTimestamp('unix_timestamp', 0)
export const toUnixTimestampFunction = unixTimestamp('to_unix_timestamp', 1)

/** `from_unixtime(seconds[, fmt])`: the text of an epoch second in the session zone. */
export const fromUnixtimeFunction = defineScalar('from_unixtime', [1, 2], (args) => {
  const pattern = patternArg(args, 1)
  return strict([coerceTo('from_unixtime', 0, args.types[0]!, LongType, args.context.ansi), ...args.types.slice(1).map(() => StringType)], StringType,
    (a) => pattern(a[1]).format(Number(a[0] as bigint) * MICROS_PER_SECOND, args.context.timeZone))
})

/** `timestamp_seconds(x)`: integral or fractional seconds (decimals exact) since the epoch. */
export const timestampSecondsFunction = defineScalar('timestamp_seconds', 1, (args) => {
  const t = args.types[0]!
  if (!isNumericKind(t) && t.kind !== 'null') throw unexpectedInputType('timestamp_seconds', 0, '"NUMERIC"', t)
  if (t.kind === 'decimal') return strict([t], TimestampType, (a) => Number(((a[0] as bigint) * 1_000_000n) / pow10(t.scale)))
  if (t.kind === 'float' || t.kind === 'double') {
    return strict([t], TimestampType, (a) => {
      const x = a[0] as number
      return Number.isFinite(x) ? Math.trunc(x * MICROS_PER_SECOND) : null
    })
  }
  return strict([LongType], TimestampType, (a) => {
    const micros = (a[0] as bigint) * 1_000_000n
    if (micros > 2n ** 63n - 1n || micros < -(2n ** 63n)) throw arithmeticOverflow('timestamp_seconds', `${a[0]} seconds`)
    return Number(micros)
  })
})

function scaledTimestamp(name: string, microsPerUnit: number): ScalarFunctionDefinition {
  return defineScalar(name, 1, (args) => strict(coerceAll(name, args, [LongType]), TimestampType, (a) => Number(a[0] as bigint) * microsPerUnit))
}

export const timestampMillisFunction = scaledTimestamp('timestamp_millis', 1000)
export const timestampMicrosFunction = scaledTimestamp('timestamp_micros', 1)

function unixUnits(name: string, microsPerUnit: number): ScalarFunctionDefinition {
  return defineScalar(name, 1, (args) => strict([coerceTo(name, 0, args.types[0]!, TimestampType, args.context.ansi)], LongType,
    (a) => BigInt(Math.floor((a[0] as number) / microsPerUnit))))
}

export const unixSecondsFunction = unixUnits('unix_seconds', MICROS_PER_SECOND)
export const unixMillisFunction = unixUnits('unix_millis', 1000)
export const unixMicrosFunction = unixUnits('unix_micros', 1)

export const unixDateFunction = defineScalar('unix_date', 1, (args) =>
  strict([coerceTo('unix_date', 0, args.types[0]!, DateType, args.context.ansi)], IntegerType, (a) => a[0]))
export const dateFromUnixDateFunction = defineScalar('date_from_unix_date', 1, (args) =>
  strict(coerceAll('date_from_unix_date', args, [IntegerType]), DateType, (a) => a[0]))

/** `date_add(start, days)`/`date_sub`: days as TINYINT, SMALLINT or INT (strings cast); BIGINT and fractions are refused, as Spark. */
function dateShift(name: string, sign: 1 | -1): ScalarFunctionDefinition {
  return defineScalar(name, 2, (args) => {
    const daysType = args.types[1]!
    if (daysType.kind !== 'byte' && daysType.kind !== 'short' && daysType.kind !== 'integer' && daysType.kind !== 'string' && daysType.kind !== 'null') {
      throw unexpectedInputType(name, 1, '("INT" or "SMALLINT" or "TINYINT")', daysType)
    }
    return strict([coerceTo(name, 0, args.types[0]!, DateType, args.context.ansi), daysType.kind === 'null' ? IntegerType : daysType.kind === 'string' ? IntegerType : daysType], DateType,
      (a) => (a[0] as number) + sign * (a[1] as number))
  })
}

export const dateAddFunction = dateShift('date_add', 1)
export const dateSubFunction = dateShift('date_sub', -1)

/** `datediff(end, start)`: days from start to end. */
export const datediffFunction = defineScalar('datediff', 2, (args) =>
  strict(args.types.map((t, i) => coerceTo('datediff', i, t, DateType, args.context.ansi)), IntegerType, (a) => (a[0] as number) - (a[1] as number)))

/** Adds months to a day count, clamping the day to the new month's length (Spark 3+). */
export function addMonthsToDays(days: number, months: number): number {
  const { year, month, day } = daysToCivil(days)
  const total = year * 12 + (month - 1) + months
  const newYear = Math.floor(total / 12)
  const newMonth = total - newYear * 12 + 1
  return civilToDays(newYear, newMonth, Math.min(day, daysInMonth(newYear, newMonth)))
}

export const addMonthsFunction = defineScalar('add_months', 2, (args) =>
  strict([coerceTo('add_months', 0, args.types[0]!, DateType, args.context.ansi), coerceTo('add_months', 1, args.types[1]!, IntegerType, args.context.ansi)], DateType,
    (a) => addMonthsToDays(a[0] as number, a[1] as number)))

/**
 * `months_between(t1, t2[, roundOff])`: whole months when the days of month match or
 * both are month ends; otherwise months plus the day-and-time difference over
 * 31 days, rounded to 8 digits unless roundOff is false.
 */
export const monthsBetweenFunction = defineScalar('months_between', [2, 3], (args) => {
  const inputTypes = [coerceTo('months_between', 0, args.types[0]!, TimestampType, args.context.ansi),
    coerceTo('months_between', 1, args.types[1]!, TimestampType, args.context.ansi),
    ...(args.types.length > 2 ? [{ kind: 'boolean' } as DataType] : [])]
  return strict(inputTypes, DoubleType, (a) => {
    const t1 = microsToLocalDateTime(a[0] as number, args.context.timeZone)
    const t2 = microsToLocalDateTime(a[1] as number, args.context.timeZone)
    const monthDiff = (t1.year * 12 + t1.month) - (t2.year * 12 + t2.month)
    const last1 = t1.day === daysInMonth(t1.year, t1.month)
    const last2 = t2.day === daysInMonth(t2.year, t2.month)
    if (t1.day === t2.day || (last1 && last2)) return monthDiff
    const seconds1 = t1.hour * 3600 + t1.minute * 60 + t1.second
    const seconds2 = t2.hour * 3600 + t2.minute * 60 + t2.second
    const secondsDiff = (t1.day - t2.day) * 86400 + seconds1 - seconds2
    const diff = monthDiff + secondsDiff / (31 * 86400)
    return a.length > 2 && a[2] === false ? diff : Math.round(diff * 1e8) / 1e8
  })
})

/** `last_day(date)`: the last day of the date's month. */
export const lastDayFunction = defineScalar('last_day', 1, (args) =>
  strict([coerceTo('last_day', 0, args.types[0]!, DateType, args.context.ansi)], DateType, (a) => {
    const { year, month } = daysToCivil(a[0] as number)
    return civilToDays(year, month, daysInMonth(year, month))
  }))

const DAY_NAMES: Readonly<Record<string, number>> = {
  mo: 1, mon: 1, monday: 1, tu: 2, tue: 2, tuesday: 2, we: 3, wed: 3, wednesday: 3, th: 4, thu: 4, thursday: 4,
  fr: 5, fri: 5, friday: 5, sa: 6, sat: 6, saturday: 6, su: 7, sun: 7, sunday: 7,
}

/** `next_day(date, dayOfWeek)`: the first later date on that weekday ('Mon', 'MO', 'Monday'); bad names: ILLEGAL_DAY_OF_WEEK (ANSI) or null. */
export const nextDayFunction = defineScalar('next_day', 2, (args) =>
  strict([coerceTo('next_day', 0, args.types[0]!, DateType, args.context.ansi), StringType], DateType, (a) => {
    const target = DAY_NAMES[(a[1] as string).trim().toLowerCase()]
    if (target === undefined) {
      if (args.context.ansi) throw new ExecutionError('ILLEGAL_DAY_OF_WEEK', `Illegal input for day of week: ${a[1]}.`, { string: String(a[1]) })
      return null
    }
    const days = a[0] as number
    const delta = (((target - isoWeekday(days)) % 7) + 7) % 7
    return days + (delta === 0 ? 7 : delta)
  }))

type TruncLevel = 'year' | 'quarter' | 'month' | 'week' | 'day' | 'hour' | 'minute' | 'second' | 'millisecond' | 'microsecond'

const TRUNC_LEVELS: Readonly<Record<string, TruncLevel>> = {
  year: 'year', yyyy: 'year', yy: 'year', quarter: 'quarter', month: 'month', mm: 'month', mon: 'month', week: 'week',
  day: 'day', dd: 'day', hour: 'hour', minute: 'minute', second: 'second', millisecond: 'millisecond', microsecond: 'microsecond',
}

function truncateDays(days: number, level: TruncLevel): number {
  const { year, month } = daysToCivil(days)
  switch (level) {
    case 'year': return civilToDays(year, 1, 1)
    case 'quarter': return civilToDays(year, month - ((month - 1) % 3), 1)
    case 'month': return civilToDays(year, month, 1)
    case 'week': return days - isoWeekday(days) + 1
    default: return days
  }
}

/** `trunc(date, fmt)`: the date truncated to YEAR/YYYY/YY, QUARTER, MONTH/MM/MON or WEEK; other formats give null. */
export const truncFunction = defineScalar('trunc', 2, (args) =>
  strict([coerceTo('trunc', 0, args.types[0]!, DateType, args.context.ansi), StringType], DateType, (a) => {
    const level = TRUNC_LEVELS[(a[1] as string).toLowerCase()]
    if (level === undefined || !['year', 'quarter', 'month', 'week'].includes(level)) return null
    return truncateDays(a[0] as number, level)
  }))

/** `date_trunc(fmt, ts)`: the timestamp truncated in the session zone (YEAR ... MICROSECOND); unknown formats give null. */
export const dateTruncFunction = defineScalar('date_trunc', 2, (args) =>
  strict([StringType, coerceTo('date_trunc', 1, args.types[1]!, TimestampType, args.context.ansi)], TimestampType, (a) => {
    const level = TRUNC_LEVELS[(a[0] as string).toLowerCase()]
    if (level === undefined) return null
    const micros = a[1] as number
    const floorTo = (unit: number): number => Math.floor(micros / unit) * unit
    switch (level) {
      case 'microsecond': return micros
      case 'millisecond': return floorTo(1000)
      case 'second': return floorTo(MICROS_PER_SECOND)
      default: break
    }
    const zone = requireTimeZone(args.context.timeZone)
    const t = microsToLocalDateTime(micros, args.context.timeZone)
    let localSeconds: number
    if (level === 'minute') localSeconds = t.days * 86400 + t.hour * 3600 + t.minute * 60
    else if (level === 'hour') localSeconds = t.days * 86400 + t.hour * 3600
    else localSeconds = truncateDays(t.days, level) * 86400
    return localSecondsToUtc(zone, localSeconds) * MICROS_PER_SECOND
  }))

/** `make_date(year, month, day)`: invalid fields raise DATETIME_FIELD_OUT_OF_BOUNDS (ANSI) or give null. */
export const makeDateFunction = defineScalar('make_date', 3, (args) =>
  strict(coerceAll('make_date', args, [IntegerType, IntegerType, IntegerType]), DateType, (a) => {
    const [year, month, day] = a as number[]
    const bad = month! < 1 || month! > 12 ? `MonthOfYear (valid values 1 - 12): ${month}`
      : day! < 1 || day! > daysInMonth(year!, month!) ? `DayOfMonth (valid values 1 - ${daysInMonth(year!, month!)}): ${day}` : null
    if (bad !== null) {
      if (args.context.ansi) {
        throw new ExecutionError('DATETIME_FIELD_OUT_OF_BOUNDS', `Invalid value for ${bad}. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error.`, { rangeMessage: `Invalid value for ${bad}` })
      }
      return null
    }
    return civilToDays(year!, month!, day!)
  }))

/** `from_utc_timestamp(ts, tz)`: reads ts as a UTC wall clock and renders it in tz. */
export const fromUtcTimestampFunction = defineScalar('from_utc_timestamp', 2, (args) =>
  strict([coerceTo('from_utc_timestamp', 0, args.types[0]!, TimestampType, args.context.ansi), StringType], TimestampType, (a) => {
    const micros = a[0] as number
    return micros + requireTimeZone(a[1] as string).offsetSecondsAt(Math.floor(micros / MICROS_PER_SECOND)) * MICROS_PER_SECOND
  }))

/** `to_utc_timestamp(ts, tz)`: reads ts as a wall clock in tz and renders it in UTC. */
export const toUtcTimestampFunction = defineScalar('to_utc_timestamp', 2, (args) =>
  strict([coerceTo('to_utc_timestamp', 0, args.types[0]!, TimestampType, args.context.ansi), StringType], TimestampType, (a) => {
    const micros = a[0] as number
    const seconds = Math.floor(micros / MICROS_PER_SECOND)
    return localSecondsToUtc(requireTimeZone(a[1] as string), seconds) * MICROS_PER_SECOND + (micros - seconds * MICROS_PER_SECOND)
  }))

/** Window struct type: struct<start, end> of the time column's timestamp kind. */
export const windowStructType = (timeType: DataType): StructType => {
  const t = timeType.kind === 'timestamp_ntz' ? TimestampNTZType : TimestampType
  return StructType([StructField('start', t, true), StructField('end', t, true)])
}

export const datetimeFunctions: ScalarFunctionDefinition[] = [
  now, aliasScalar('now', now), currentDateFunction, aliasScalar('curdate', currentDateFunction), currentTimezoneFunction,
  localtimestampFunction, toTimestampFunction, toDateFunction, dateFormatFunction,
  yearFunction, monthFunction, dayofmonthFunction, aliasScalar('day', dayofmonthFunction), dayofweekFunction, weekdayFunction,
  dayofyearFunction, quarterFunction, weekofyearFunction, hourFunction, minuteFunction, secondFunction,
  unixTimestampFunction, toUnixTimestampFunction, fromUnixtimeFunction, timestampSecondsFunction, timestampMillisFunction,
  timestampMicrosFunction, unixSecondsFunction, unixMillisFunction, unixMicrosFunction, unixDateFunction, dateFromUnixDateFunction,
  dateAddFunction, aliasScalar('dateadd', dateAddFunction), dateSubFunction, datediffFunction, aliasScalar('date_diff', datediffFunction),
  addMonthsFunction, monthsBetweenFunction, lastDayFunction, nextDayFunction, truncFunction, dateTruncFunction, makeDateFunction,
  fromUtcTimestampFunction, toUtcTimestampFunction,
]


const FIXED_UNIT_MICROS: Readonly<Record<string, number>> = {
  MICROSECOND: 1, MILLISECOND: 1000, SECOND: MICROS_PER_SECOND, MINUTE: 60 * MICROS_PER_SECOND, HOUR: 3600 * MICROS_PER_SECOND,
}
const CALENDAR_UNIT_MONTHS: Readonly<Record<string, number>> = { MONTH: 1, QUARTER: 3, YEAR: 12 }
const CALENDAR_UNIT_DAYS: Readonly<Record<string, number>> = { DAY: 1, DAYOFYEAR: 1, WEEK: 7 }

function unitArg(name: string, args: FunctionArgs): string {
  const unit = args.constants[0]
  const upper = typeof unit === 'string' ? unit.toUpperCase() : ''
  if (FIXED_UNIT_MICROS[upper] === undefined && CALENDAR_UNIT_MONTHS[upper] === undefined && CALENDAR_UNIT_DAYS[upper] === undefined) {
    throw new ExecutionError('INVALID_PARAMETER_VALUE.DATETIME_UNIT',
      `The value of parameter(s) \`unit\` in \`${name}\` is invalid: expects one of the units without quotes YEAR, QUARTER, MONTH, WEEK, DAY, DAYOFYEAR, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND, but got the string literal '${String(unit)}'.`,
      { functionName: `\`${name}\``, parameter: '`unit`', invalidValue: `'${String(unit)}'` })
  }
  return upper
}

/** Local wall-clock micros (days·86400e6 + time of day) of a timestamp in a zone. */
function localMicros(micros: number, timeZone: string): number {
  const t = microsToLocalDateTime(micros, timeZone)
  return ((t.days * 86400 + t.hour * 3600 + t.minute * 60 + t.second) * MICROS_PER_SECOND) + t.microsecond
}

function localMicrosToUtc(local: number, timeZone: string): number {
  const seconds = Math.floor(local / MICROS_PER_SECOND)
  return localSecondsToUtc(requireTimeZone(timeZone), seconds) * MICROS_PER_SECOND + (local - seconds * MICROS_PER_SECOND)
}

/**
 * `timestampdiff(unit, start, end)` (SQL `datediff(SECOND, a, b)`): whole units from
 * start to end, truncated toward zero; DAY and larger units count on the local
 * calendar of the session zone, as Java's ChronoUnit.between.
 */
export const timestampdiffFunction = defineScalar('timestampdiff', 3, (args) => {
  const unit = unitArg('timestampdiff', args)
  const tz = args.context.timeZone
  const inputTypes = [StringType, coerceTo('timestampdiff', 1, args.types[1]!, TimestampType, args.context.ansi), coerceTo('timestampdiff', 2, args.types[2]!, TimestampType, args.context.ansi)]
  return strict(inputTypes, LongType, (a) => {
    const start = a[1] as number
    const end = a[2] as number
    const fixed = FIXED_UNIT_MICROS[unit]
    if (fixed !== undefined) return BigInt(Math.trunc((end - start) / fixed))
    const l1 = localMicros(start, tz)
    const l2 = localMicros(end, tz)
    const dayUnit = CALENDAR_UNIT_DAYS[unit]
    if (dayUnit !== undefined) return BigInt(Math.trunc((l2 - l1) / (dayUnit * 86400 * MICROS_PER_SECOND)))
    const d1 = Math.floor(l1 / (86400 * MICROS_PER_SECOND))
    const d2 = Math.floor(l2 / (86400 * MICROS_PER_SECOND))
    const c1 = daysToCivil(d1)
    const c2 = daysToCivil(d2)
    let months = (c2.year * 12 + c2.month) - (c1.year * 12 + c1.month)
    const rest1 = l1 - civilToDays(c1.year, c1.month, 1) * 86400 * MICROS_PER_SECOND
    const rest2 = l2 - civilToDays(c2.year, c2.month, 1) * 86400 * MICROS_PER_SECOND
    if (months > 0 && rest2 < rest1) months--
    else if (months < 0 && rest2 > rest1) months++
    return BigInt(Math.trunc(months / CALENDAR_UNIT_MONTHS[unit]!))
  })
})

/** `timestampadd(unit, n, ts)` (SQL `dateadd(HOUR, 2, ts)`): ts plus n units, calendar units on the local calendar. */
export const timestampaddFunction = defineScalar('timestampadd', 3, (args) => {
  const unit = unitArg('timestampadd', args)
  const tz = args.context.timeZone
  const inputTypes = [StringType, coerceTo('timestampadd', 1, args.types[1]!, LongType, args.context.ansi), coerceTo('timestampadd', 2, args.types[2]!, TimestampType, args.context.ansi)]
  return strict(inputTypes, TimestampType, (a) => {
    const n = Number(a[1] as bigint)
    const ts = a[2] as number
    const fixed = FIXED_UNIT_MICROS[unit]
    if (fixed !== undefined) return ts + n * fixed
    const local = localMicros(ts, tz)
    const dayMicros = 86400 * MICROS_PER_SECOND
    const days = Math.floor(local / dayMicros)
    const timeOfDay = local - days * dayMicros
    const dayUnit = CALENDAR_UNIT_DAYS[unit]
    const newDays = dayUnit !== undefined ? days + n * dayUnit : addMonthsToDays(days, n * CALENDAR_UNIT_MONTHS[unit]!)
    return localMicrosToUtc(newDays * dayMicros + timeOfDay, tz)
  })
})

const EXTRACT_FIELDS: Readonly<Record<string, string>> = {
  YEAR: 'year', Y: 'year', YEARS: 'year', YR: 'year', YRS: 'year', MONTH: 'month', MON: 'month', MONS: 'month', MONTHS: 'month',
  DAY: 'day', D: 'day', DAYS: 'day', DAYOFWEEK: 'dayofweek', DOW: 'dayofweek', DAYOFWEEK_ISO: 'dow_iso', DOW_ISO: 'dow_iso',
  DOY: 'doy', QUARTER: 'quarter', QTR: 'quarter', WEEK: 'week', W: 'week', WEEKS: 'week',
  HOUR: 'hour', H: 'hour', HOURS: 'hour', HR: 'hour', HRS: 'hour', MINUTE: 'minute', M: 'minute', MIN: 'minute', MINS: 'minute', MINUTES: 'minute',
  SECOND: 'second', S: 'second', SEC: 'second', SECONDS: 'second', SECS: 'second',
}

/** `extract(field FROM source)`/`date_part(field, source)`: a calendar or clock field; SECOND is DECIMAL(8,6) with the fraction. */
export const extractFunction = defineScalar('extract', 2, (args) => {
  const fieldText = args.constants[0]
  const field = typeof fieldText === 'string' ? EXTRACT_FIELDS[fieldText.toUpperCase()] : undefined
  if (field === undefined) {
    throw new AnalysisError('INVALID_EXTRACT_FIELD', `Cannot extract ${String(fieldText)} from ${args.types[1]!.kind}.`, { field: String(fieldText) })
  }
  const source = args.types[1]!
  const special = extractFromIntervalOrTime(field, String(fieldText), source)
  if (special !== undefined) return special
  const tz = args.context.timeZone
  if (field === 'hour' || field === 'minute' || field === 'second') {
    const source = coerceTo('extract', 1, args.types[1]!, TimestampType, args.context.ansi)
    const zone = args.types[1]!.kind === 'timestamp_ntz' ? 'UTC' : tz
    const inputTypes = [StringType, args.types[1]!.kind === 'timestamp_ntz' ? args.types[1]! : source]
    if (field === 'second') {
      return strict(inputTypes, DecimalType(8, 6), (a) => {
        const t = microsToLocalDateTime(a[1] as number, zone)
        return BigInt(t.second * MICROS_PER_SECOND + t.microsecond)
      })
    }
    return strict(inputTypes, IntegerType, (a) => {
      const t = microsToLocalDateTime(a[1] as number, zone)
      return field === 'hour' ? t.hour : t.minute
    })
  }
  return strict([StringType, coerceTo('extract', 1, args.types[1]!, DateType, args.context.ansi)], IntegerType, (a) => {
    const d = a[1] as number
    const c = daysToCivil(d)
    switch (field) {
      case 'year': return c.year
      case 'month': return c.month
      case 'day': return c.day
      case 'dayofweek': return (isoWeekday(d) % 7) + 1
      case 'dow_iso': return isoWeekday(d)
      case 'doy': return d - civilToDays(c.year, 1, 1) + 1
      case 'quarter': return Math.floor((c.month - 1) / 3) + 1
      default: {
        const thursday = d - isoWeekday(d) + 4
        return Math.floor((thursday - civilToDays(daysToCivil(thursday).year, 1, 1)) / 7) + 1
      }
    }
  })
})

/**
 * `extract` from an interval or a TIME (Spark's ExtractIntervalPart, ExtractANSIInterval*,
 * and TIME's HOUR/MINUTE/SECOND): YEAR INT, MONTH TINYINT, DAY INT, HOUR and MINUTE
 * TINYINT, SECOND DECIMAL(8,6) for intervals (fields of an ANSI interval's type only);
 * HOUR and MINUTE INT, SECOND DECIMAL(p + 2, p) for TIME(p). Undefined for other sources.
 */
function extractFromIntervalOrTime(field: string, fieldText: string, source: DataType): ResolvedScalarFunction | undefined {
  const invalid = (): AnalysisError => new AnalysisError('INVALID_EXTRACT_FIELD',
    `Cannot extract ${fieldText} from ${typeSql(source)}. SQLSTATE: 42601`, { field: fieldText, expr: typeSql(source) })
  if (source.kind === 'time') {
    if (field === 'hour') return strict([StringType, source], IntegerType, (a) => Number((a[1] as bigint) / 3_600_000_000_000n))
    if (field === 'minute') return strict([StringType, source], IntegerType, (a) => Number(((a[1] as bigint) / 60_000_000_000n) % 60n))
    if (field === 'second') {
      const p = source.precision
      return strict([StringType, source], DecimalType(p + 2, p), (a) => ((a[1] as bigint) % 60_000_000_000n) / 10n ** BigInt(9 - p))
    }
    throw invalid()
  }
  if (source.kind === 'year_month_interval') {
    const inRange = (f: string): boolean => ['year', 'month'].indexOf(f) >= ['year', 'month'].indexOf(source.startField) &&
      ['year', 'month'].indexOf(f) <= ['year', 'month'].indexOf(source.endField)
    if (field === 'year' && inRange('year')) return strict([StringType, source], IntegerType, (a) => Math.trunc((a[1] as number) / 12))
    if (field === 'month' && inRange('month')) return strict([StringType, source], ByteType, (a) => ((a[1] as number) % 12) + 0)
    throw invalid()
  }
  if (source.kind === 'day_time_interval') {
    const order = ['day', 'hour', 'minute', 'second']
    if (!order.includes(field) || order.indexOf(field) < order.indexOf(source.startField) || order.indexOf(field) > order.indexOf(source.endField)) {
      throw invalid()
    }
    return extractDayTimeField(field, (v) => v as bigint, source)
  }
  if (source.kind === 'interval') {
    if (field === 'year') return strict([StringType, source], IntegerType, (a) => Math.trunc((a[1] as CalendarInterval).months / 12))
    if (field === 'month') return strict([StringType, source], ByteType, (a) => ((a[1] as CalendarInterval).months % 12) + 0)
    if (field === 'day') {
      return strict([StringType, source], IntegerType, (a) => {
        const v = a[1] as CalendarInterval
        return v.days + Math.trunc(v.microseconds / 86_400_000_000)
      })
    }
    if (field === 'hour' || field === 'minute' || field === 'second') {
      return extractDayTimeField(field, (v) => BigInt((v as CalendarInterval).microseconds), source)
    }
    throw invalid()
  }
  return undefined
}

/** DAY INT, HOUR/MINUTE TINYINT, SECOND DECIMAL(8,6) of a microsecond count (Spark's IntervalUtils.get*). */
function extractDayTimeField(field: string, micros: (v: unknown) => bigint, source: DataType): ResolvedScalarFunction {
  switch (field) {
    case 'day': return strict([StringType, source], IntegerType, (a) => Number(micros(a[1]) / 86_400_000_000n))
    case 'hour': return strict([StringType, source], ByteType, (a) => Number((micros(a[1]) % 86_400_000_000n) / 3_600_000_000n) + 0)
    case 'minute': return strict([StringType, source], ByteType, (a) => Number((micros(a[1]) % 3_600_000_000n) / 60_000_000n) + 0)
    default: return strict([StringType, source], DecimalType(8, 6), (a) => micros(a[1]) % 60_000_000n)
  }
}

export const moreDatetimeFunctions: ScalarFunctionDefinition[] = [
  timestampdiffFunction, timestampaddFunction, extractFunction, aliasScalar('date_part', extractFunction),
]

/** `dayname(date)`: 'Mon' ... 'Sun'. `monthname(date)`: 'Jan' ... 'Dec'. */
export const daynameFunction = defineScalar('dayname', 1, (args) =>
  strict([coerceTo('dayname', 0, args.types[0]!, DateType, args.context.ansi)], StringType,
    (a) => ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][isoWeekday(a[0] as number) - 1]))
export const monthnameFunction = defineScalar('monthname', 1, (args) =>
  strict([coerceTo('monthname', 0, args.types[0]!, DateType, args.context.ansi)], StringType,
    (a) => ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][daysToCivil(a[0] as number).month - 1]))

/**
 * `make_timestamp(year, month, day, hour, min, sec[, timezone])`: sec is DECIMAL(16,6)
 * (fractions kept to the microsecond); sec = 60 rolls into the next minute when the
 * fraction is 0, as Spark. Invalid fields: DATETIME_FIELD_OUT_OF_BOUNDS (ANSI) or null.
 */
export const makeTimestampFunction = defineScalar('make_timestamp', [6, 7], (args) => {
  const ints = args.types.slice(0, 5).map((t, i) => coerceTo('make_timestamp', i, t, IntegerType, args.context.ansi))
  const inputTypes = [...ints, DecimalType(16, 6), ...(args.types.length > 6 ? [StringType] : [])]
  return strict(inputTypes, TimestampType, (a) => {
    const [year, month, day, hour, minute] = a.slice(0, 5) as number[]
    const secMicros = a[5] as bigint
    let seconds = Number(secMicros / 1_000_000n)
    const micros = Number(secMicros % 1_000_000n)
    let extraMinute = 0
    if (seconds === 60 && micros === 0) { seconds = 0; extraMinute = 1 }
    const bad = month! < 1 || month! > 12 ? `MonthOfYear (valid values 1 - 12): ${month}`
      : day! < 1 || day! > daysInMonth(year!, month!) ? `DayOfMonth (valid values 1 - 28/31): ${day}`
        : hour! < 0 || hour! > 23 ? `HourOfDay (valid values 0 - 23): ${hour}`
          : minute! < 0 || minute! > 59 ? `MinuteOfHour (valid values 0 - 59): ${minute}`
            : seconds < 0 || seconds > 59 || micros < 0 ? `SecondOfMinute (valid values 0 - 59): ${seconds}` : null
    if (bad !== null) {
      if (args.context.ansi) {
        throw new ExecutionError('DATETIME_FIELD_OUT_OF_BOUNDS', `Invalid value for ${bad}. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error.`, { rangeMessage: `Invalid value for ${bad}` })
      }
      return null
    }
    const zone = requireTimeZone(a.length > 6 ? (a[6] as string) : args.context.timeZone)
    const localSeconds = civilToDays(year!, month!, day!) * 86400 + hour! * 3600 + (minute! + extraMinute) * 60 + seconds
    return localSecondsToUtc(zone, localSeconds) * MICROS_PER_SECOND + micros
  })
})

/** `to_timestamp_ntz(x[, fmt])`: the wall clock as TIMESTAMP_NTZ (text parsed as if in UTC). */
export const toTimestampNtzFunction = defineScalar('to_timestamp_ntz', [1, 2], (args) => {
  if (args.types.length === 1) return strict([coerceTo('to_timestamp_ntz', 0, args.types[0]!, TimestampNTZType, args.context.ansi)], TimestampNTZType, (a) => a[0])
  const pattern = patternArg(args, 1)
  return strict(coerceAll('to_timestamp_ntz', args, [StringType, StringType]), TimestampNTZType,
    (a) => parseOrFail(pattern(a[1]), a[0] as string, 'UTC', args.context.ansi))
})

export const extraDatetimeFunctions: ScalarFunctionDefinition[] = [
  daynameFunction, monthnameFunction, makeTimestampFunction, toTimestampNtzFunction, aliasScalar('to_timestamp_ltz', toTimestampFunction),
]
