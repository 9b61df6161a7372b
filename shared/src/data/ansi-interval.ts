/**
 * Values of Spark's ANSI interval types to and from text, following Spark's
 * `IntervalUtils`: a year-month interval is an int of months, a day-time interval a
 * long of microseconds (a `bigint` here, see `types/data-type.ts`).
 *
 * Two printed forms: ANSI (`INTERVAL '1-2' YEAR TO MONTH`, `INTERVAL '3 04:05:06.5' DAY
 * TO SECOND`), which `CAST(... AS STRING)`, `show()` and literal names use, and Hive
 * (`1-2`, `3 04:05:06.500000000`), which Spark's golden files print.
 */
import type { CalendarInterval, DayTimeIntervalType, YearMonthIntervalType } from '../types/data-type.js'
import { dayTimeFieldIndex, yearMonthFieldIndex } from '../types/interval-types.js'

export const MICROS_PER_SECOND_BIG = 1_000_000n
export const MICROS_PER_MINUTE_BIG = 60_000_000n
export const MICROS_PER_HOUR_BIG = 3_600_000_000n
export const MICROS_PER_DAY_BIG = 86_400_000_000n
export const LONG_MIN = -(2n ** 63n)
export const LONG_MAX = 2n ** 63n - 1n
export const INT_MIN = -(2 ** 31)
export const INT_MAX = 2 ** 31 - 1

/** The largest magnitudes of the leading field of a day-time interval (Spark's MAX_DAY ... MAX_SECOND). */
export const MAX_DAY = LONG_MAX / MICROS_PER_DAY_BIG
export const MAX_HOUR = LONG_MAX / MICROS_PER_HOUR_BIG
export const MAX_MINUTE = LONG_MAX / MICROS_PER_MINUTE_BIG
export const MAX_SECOND = LONG_MAX / MICROS_PER_SECOND_BIG

/** ANSI: `INTERVAL '…' YEAR TO MONTH`; Hive: the bare `y-m` / `d hh:mm:ss.nnnnnnnnn` the golden files print. */
export type IntervalStyle = 'ansi' | 'hive'

/**
 * A parse failure with Spark's IllegalArgumentException message; callers turn it
 * into the error class of the place (a literal, a cast). `subclass` is the
 * INVALID_INTERVAL_FORMAT sub-class Spark 4 names the failure with.
 */
export class IntervalFormatError extends Error {
  constructor(message: string, readonly subclass = 'INTERVAL_PARSING') {
    super(message)
    this.name = 'IntervalFormatError'
  }
}

/** Spark's `toYearMonthIntervalString`: `INTERVAL '-1-2' YEAR TO MONTH`, `INTERVAL '3' YEAR`, `INTERVAL '14' MONTH`; Hive `-1-2`. */
export function formatYearMonthInterval(months: number, type: YearMonthIntervalType, style: IntervalStyle): string {
  const sign = months < 0 ? '-' : ''
  const abs = Math.abs(months)
  const year = `${sign}${Math.floor(abs / 12)}`
  const yearAndMonth = `${year}-${abs % 12}`
  if (style === 'hive') return yearAndMonth
  if (type.startField !== type.endField) return `INTERVAL '${yearAndMonth}' YEAR TO MONTH`
  return type.startField === 'year' ? `INTERVAL '${year}' YEAR` : `INTERVAL '${months}' MONTH`
}

const pad2 = (value: bigint): string => value.toString().padStart(2, '0')

/** Seconds with up to six fraction digits, trailing zeros stripped, a leading zero under ten: `05`, `10.5`, `00.000001`. */
function secondsText(micros: bigint): string {
  const whole = micros / MICROS_PER_SECOND_BIG
  const fraction = (micros % MICROS_PER_SECOND_BIG).toString().padStart(6, '0').replace(/0+$/, '')
  return `${micros < 10n * MICROS_PER_SECOND_BIG ? '0' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`
}

/**
 * Spark's `toDayTimeIntervalString`: ANSI `INTERVAL '1 02:03:04.5' DAY TO SECOND`,
 * `INTERVAL '02' HOUR`, `INTERVAL '10.123' SECOND` (fields outside the type are not
 * printed); Hive `1 02:03:04.500000000` (always days to nanoseconds).
 */
export function formatDayTimeInterval(micros: bigint, type: DayTimeIntervalType, style: IntervalStyle): string {
  const start = dayTimeFieldIndex(type.startField)
  const end = dayTimeFieldIndex(type.endField)
  const from = type.startField.toUpperCase()
  const postfix = `' ${start === end ? from : `${from} TO ${type.endField.toUpperCase()}`}`
  if (micros === LONG_MIN) {
    // The magnitude of Long.MinValue does not fit a long: Spark prints it from a fixed text.
    const base = '-106751991 04:00:54.775808000'
    if (style === 'hive') return base
    const first = [`-${MAX_DAY}`, `-${MAX_HOUR}`, `-${MAX_MINUTE}`, `-${MAX_SECOND}.775808`][start]!
    const following = start === end ? '' : base.substring([10, 13, 16][start]!, [0, 13, 16, 26][end]!)
    return `INTERVAL '${first}${following}${postfix}`
  }
  const sign = micros < 0n ? '-' : ''
  let rest = micros < 0n ? -micros : micros
  if (style === 'hive') {
    const secondsWithFraction = rest % MICROS_PER_MINUTE_BIG
    const minutes = (rest / MICROS_PER_MINUTE_BIG) % 60n
    const hours = (rest / MICROS_PER_HOUR_BIG) % 24n
    const days = rest / MICROS_PER_DAY_BIG
    const seconds = secondsWithFraction / MICROS_PER_SECOND_BIG
    const nanos = ((secondsWithFraction % MICROS_PER_SECOND_BIG) * 1000n).toString().padStart(9, '0')
    return `${sign}${days} ${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${nanos}`
  }
  let text = sign
  switch (start) {
    case 0: text += String(rest / MICROS_PER_DAY_BIG); rest %= MICROS_PER_DAY_BIG; break
    case 1: text += pad2(rest / MICROS_PER_HOUR_BIG); rest %= MICROS_PER_HOUR_BIG; break
    case 2: text += pad2(rest / MICROS_PER_MINUTE_BIG); rest %= MICROS_PER_MINUTE_BIG; break
    default: text += secondsText(rest)
  }
  if (start < 1 && end >= 1) { text += ` ${pad2(rest / MICROS_PER_HOUR_BIG)}`; rest %= MICROS_PER_HOUR_BIG }
  if (start < 2 && end >= 2) { text += `:${pad2(rest / MICROS_PER_MINUTE_BIG)}`; rest %= MICROS_PER_MINUTE_BIG }
  if (start < 3 && end >= 3) text += `:${secondsText(rest)}`
  return `INTERVAL '${text}${postfix}`
}

// ---- parsing (Spark's IntervalUtils.stringToInterval and castStringTo*Interval) ----

/** A calendar interval with exact microseconds, as Spark's parser builds it (its `microseconds` is a long). */
export interface ParsedInterval {
  readonly months: number
  readonly days: number
  readonly micros: bigint
}

/** Spark's `UTF8String.trimAll`: whitespace and ISO control characters at both ends. */
export const trimAll = (text: string): string => text.replace(/^[\s\u0000-\u0020]+|[\s\u0000-\u0020]+$/g, '')

const isWhitespace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c)

function checkInt(value: number | bigint, text: string): number {
  const n = Number(value)
  if (n < INT_MIN || n > INT_MAX) throw new IntervalFormatError(`Error parsing '${text}' to interval, integer overflow`, 'ARITHMETIC_EXCEPTION')
  return n
}

function checkLong(value: bigint, text: string): bigint {
  if (value < LONG_MIN || value > LONG_MAX) throw new IntervalFormatError(`Error parsing '${text}' to interval, long overflow`, 'ARITHMETIC_EXCEPTION')
  return value
}

const UNIT_WORDS = ['year', 'week', 'day', 'hour', 'second', 'month', 'minute', 'millisecond', 'microsecond'] as const
type UnitWord = (typeof UNIT_WORDS)[number]

/**
 * Spark's `stringToInterval`: `[interval] {[+|-]value unit[s]}...`, case-insensitive,
 * units year month week day hour minute second millisecond microsecond, only seconds
 * with a fraction (up to nine digits, truncated to microseconds). Throws
 * IntervalFormatError with Spark's message.
 */
export function parseIntervalString(input: string): ParsedInterval {
  const fail = (message: string, subclass: string): never => {
    throw new IntervalFormatError(`Error parsing '${input}' to interval, ${message}`, subclass)
  }
  const s = trimAll(input).toLowerCase()
  if (s.length === 0) fail('interval string cannot be empty', 'INPUT_IS_EMPTY')
  const currentWord = (i: number): string => {
    const words = s.split(/\s+/)
    return words[words.length - s.slice(i).split(/\s+/).length] ?? ''
  }
  let i = 0
  if (s.startsWith('interval')) {
    if (s.length === 8) fail('interval string cannot be empty', 'INPUT_IS_EMPTY')
    if (!isWhitespace(s[8])) fail(`invalid interval prefix ${currentWord(0)}`, 'INVALID_PREFIX')
    i = 9
  }
  let months = 0
  let days = 0
  let micros = 0n
  let parsedAny = false
  for (;;) {
    while (isWhitespace(s[i])) i++
    if (i >= s.length) break
    let negative = false
    let pointPrefixed = false
    if (s[i] === '-' || s[i] === '+') {
      negative = s[i] === '-'
      i++
      while (isWhitespace(s[i])) i++
    } else if (s[i] === '.') {
      pointPrefixed = true
    } else if (!/[0-9]/.test(s[i]!)) {
      fail(`unrecognized number '${currentWord(i)}'`, 'UNRECOGNIZED_NUMBER')
    }
    const valueStart = i
    while (/[0-9]/.test(s[i] ?? '')) i++
    const digits = s.slice(valueStart, i)
    let fractionDigits: string | undefined
    if (s[i] === '.') {
      i++
      const fractionStart = i
      while (/[0-9]/.test(s[i] ?? '')) i++
      fractionDigits = s.slice(fractionStart, i)
      if (fractionDigits.length > 9) fail(`interval can only support nanosecond precision, '${currentWord(fractionStart)}' is out of range`, 'INVALID_PRECISION')
      if (pointPrefixed && fractionDigits === '') fail(`invalid value '${currentWord(valueStart)}'`, 'INVALID_VALUE')
    }
    if (i >= s.length) {
      if (digits === '' && fractionDigits === undefined) fail(`expect a number after '${currentWord(valueStart - 1)}' but hit EOL`, 'MISSING_NUMBER')
      fail(`expect a unit name after '${currentWord(valueStart)}' but hit EOL`, 'MISSING_UNIT')
    }
    if (!isWhitespace(s[i]) || (digits === '' && fractionDigits === undefined)) fail(`invalid value '${currentWord(valueStart)}'`, 'INVALID_VALUE')
    const value = checkLong(BigInt(digits === '' ? '0' : digits), input)
    while (isWhitespace(s[i])) i++
    const unitStart = i
    const unit = UNIT_WORDS.find((u) => s.startsWith(u, i))
    if (unit === undefined) fail(`invalid unit '${currentWord(unitStart)}'`, 'INVALID_UNIT')
    if (unit !== 'second' && fractionDigits !== undefined) fail(`'${currentWord(valueStart)}' cannot have fractional part`, 'INVALID_FRACTION')
    i += unit!.length
    if (s[i] === 's') i++
    if (i < s.length && !isWhitespace(s[i])) fail(`invalid unit '${currentWord(unitStart)}'`, 'INVALID_UNIT')
    const signed = negative ? -value : value
    const fraction = fractionDigits === undefined ? 0n : BigInt(fractionDigits.padEnd(9, '0')) / 1000n
    switch (unit as UnitWord) {
      case 'year': months = checkInt(months + checkInt(signed * 12n, input), input); break
      case 'month': months = checkInt(months + checkInt(signed, input), input); break
      case 'week': days = checkInt(days + checkInt(signed * 7n, input), input); break
      case 'day': days = checkInt(days + checkInt(signed, input), input); break
      case 'hour': micros = checkLong(micros + checkLong(signed * MICROS_PER_HOUR_BIG, input), input); break
      case 'minute': micros = checkLong(micros + checkLong(signed * MICROS_PER_MINUTE_BIG, input), input); break
      case 'second':
        micros = checkLong(micros + checkLong(signed * MICROS_PER_SECOND_BIG, input) + (negative ? -fraction : fraction), input)
        break
      case 'millisecond': micros = checkLong(micros + checkLong(signed * 1000n, input), input); break
      case 'microsecond': micros = checkLong(micros + signed, input); break
    }
    parsedAny = true
  }
  if (!parsedAny) fail('interval string cannot be empty', 'INPUT_IS_EMPTY')
  return { months, days, micros }
}

/** The units a multi-unit interval text names (`1 day 2 hours` → day, hour), as Spark decides a literal's ANSI type. */
export function intervalTextUnits(text: string): string[] {
  return text.split(/\s/).map((w) => w.toLowerCase().replace(/s$/, '')).filter((w) => w !== 'interval' && /^[a-z]+$/.test(w))
}

/** A parsed interval as a (lossy beyond 2^53 microseconds) CalendarInterval value. */
export const toCalendarInterval = (p: ParsedInterval): CalendarInterval =>
  ({ months: p.months, days: p.days, microseconds: Number(p.micros) })

/** Spark's `getDuration` in microseconds with no months: days and microseconds as one long; null when it overflows. */
export function dayTimeMicrosOf(p: ParsedInterval): bigint | null {
  const total = BigInt(p.days) * MICROS_PER_DAY_BIG + p.micros
  return total < LONG_MIN || total > LONG_MAX ? null : total
}

const SUPPORTED_FORMATS: Readonly<Record<string, readonly [string, string]>> = {
  'year-month': ['[+|-]y-m', "INTERVAL [+|-]'[+|-]y-m' YEAR TO MONTH"],
  'year-year': ['[+|-]y', "INTERVAL [+|-]'[+|-]y' YEAR"],
  'month-month': ['[+|-]m', "INTERVAL [+|-]'[+|-]m' MONTH"],
  'day-day': ['[+|-]d', "INTERVAL [+|-]'[+|-]d' DAY"],
  'day-hour': ['[+|-]d h', "INTERVAL [+|-]'[+|-]d h' DAY TO HOUR"],
  'day-minute': ['[+|-]d h:m', "INTERVAL [+|-]'[+|-]d h:m' DAY TO MINUTE"],
  'day-second': ['[+|-]d h:m:s.n', "INTERVAL [+|-]'[+|-]d h:m:s.n' DAY TO SECOND"],
  'hour-hour': ['[+|-]h', "INTERVAL [+|-]'[+|-]h' HOUR"],
  'hour-minute': ['[+|-]h:m', "INTERVAL [+|-]'[+|-]h:m' HOUR TO MINUTE"],
  'hour-second': ['[+|-]h:m:s.n', "INTERVAL [+|-]'[+|-]h:m:s.n' HOUR TO SECOND"],
  'minute-minute': ['[+|-]m', "INTERVAL [+|-]'[+|-]m' MINUTE"],
  'minute-second': ['[+|-]m:s.n', "INTERVAL [+|-]'[+|-]m:s.n' MINUTE TO SECOND"],
  'second-second': ['[+|-]s.n', "INTERVAL [+|-]'[+|-]s.n' SECOND"],
}

const FALLBACK_NOTICE = 'set spark.sql.legacy.fromDayTimeString.enabled to true to restore the behavior before Spark 3.0.'

function typeNameOf(start: string, end: string): string {
  return start === end ? `interval ${start}` : `interval ${start} to ${end}`
}

function unmatchedFormat(input: string, start: string, end: string, family: 'year-month' | 'day-time'): IntervalFormatError {
  const formats = SUPPORTED_FORMATS[`${start}-${end}`]!.map((f) => `\`${f}\``).join(', ')
  const notice = family === 'day-time' ? `, ${FALLBACK_NOTICE}` : ''
  return new IntervalFormatError(
    `Interval string does not match ${family} format of ${formats} when cast to ${typeNameOf(start, end)}: ${input}${notice}`,
    family === 'day-time' ? 'UNMATCHED_FORMAT_STRING_WITH_NOTICE' : 'UNMATCHED_FORMAT_STRING')
}

/** Runs `f`, wrapping an overflow as Spark's `safeToInterval` does. */
function safeToInterval<T>(family: string, f: () => T): T {
  try {
    return f()
  } catch (error) {
    if (error instanceof RangeError) throw new IntervalFormatError(`Error parsing interval ${family} string: ${error.message}`, 'INTERVAL_PARSING')
    throw error
  }
}

/** Spark's `toLongWithRange`: `require` failures read `day 106751992 outside range [0, 106751991]`. */
function withRange(field: string, text: string | undefined, min: bigint, max: bigint): bigint {
  const value = text === undefined ? 0n : BigInt(text)
  if (value < min || value > max) throw new IntervalFormatError(`requirement failed: ${field} ${value} outside range [${min}, ${max}]`)
  return value
}

function finalSign(first: string | undefined, second?: string): bigint {
  if (first === '-' && second === '-') return 1n
  return first === '-' || second === '-' ? -1n : 1n
}

const YEAR_MONTH = /^([+|-])?(\d+)-(\d+)$/
const YEAR_MONTH_LITERAL = /^INTERVAL\s+([+|-])?'([+|-])?(\d+)-(\d+)'\s+YEAR\s+TO\s+MONTH$/i
const YEAR_MONTH_ONE = /^([+|-])?(\d+)$/
const YEAR_MONTH_ONE_LITERAL = /^INTERVAL\s+([+|-])?'([+|-])?(\d+)'\s+(YEAR|MONTH)$/i

function intExact(value: bigint): number {
  if (value < BigInt(INT_MIN) || value > BigInt(INT_MAX)) throw new RangeError('integer overflow')
  return Number(value)
}

/**
 * Spark's `castStringToYMInterval`: `[+|-]y-m` or `INTERVAL [+|-]'[+|-]y-m' YEAR TO
 * MONTH` for YEAR TO MONTH, `[+|-]n` (or the INTERVAL form) for YEAR or MONTH.
 */
export function castStringToYearMonth(input: string, type: YearMonthIntervalType): number {
  const { startField: start, endField: end } = type
  const text = trimAll(input)
  const toMonths = (sign: bigint, year: string, month: string): number => safeToInterval('year-month', () => {
    const years = withRange('year', year, 0n, BigInt(Math.floor(INT_MAX / 12)))
    return intExact(sign * (years * 12n + withRange('month', month, 0n, 11n)))
  })
  let m = YEAR_MONTH.exec(text)
  if (m !== null && start === 'year' && end === 'month') return toMonths(finalSign(m[1]), m[2]!, m[3]!)
  m = YEAR_MONTH_LITERAL.exec(text)
  if (m !== null && start === 'year' && end === 'month') return toMonths(finalSign(m[1], m[2]), m[3]!, m[4]!)
  m = YEAR_MONTH_ONE.exec(text)
  if (m !== null) {
    const sign = finalSign(m[1])
    const value = BigInt(m[2]!)
    return safeToInterval('year-month', () => {
      if (end === 'year') return Number(sign) * intExact(value * 12n)
      if (start === 'month') return intExact(sign * value)
      throw unmatchedFormat(input, start, end, 'year-month')
    })
  }
  m = YEAR_MONTH_ONE_LITERAL.exec(text)
  if (m !== null) {
    const sign = finalSign(m[1], m[2])
    const value = BigInt(m[3]!)
    const unit = m[4]!.toLowerCase()
    return safeToInterval('year-month', () => {
      if (unit === 'year' && start === 'year' && end === 'year') return Number(sign) * intExact(value * 12n)
      if (unit === 'month' && start === 'month' && end === 'month') return intExact(sign * value)
      throw unmatchedFormat(input, start, end, 'year-month')
    })
  }
  throw unmatchedFormat(input, start, end, 'year-month')
}

const N2 = '(\\d{1,2})'
const MICRO = '(\\.\\d{1,9})?'
const DAY_TIME_PATTERNS: Readonly<Record<string, string>> = {
  'day-hour': `([+|-])?(\\d{1,9}) ${N2}`,
  'day-minute': `([+|-])?(\\d{1,9}) ${N2}:${N2}`,
  'day-second': `([+|-])?(\\d{1,9}) ${N2}:${N2}:${N2}${MICRO}`,
  'hour-minute': `([+|-])?(\\d{1,10}):${N2}`,
  'hour-second': `([+|-])?(\\d{1,10}):${N2}:${N2}${MICRO}`,
  'minute-second': `([+|-])?(\\d{1,12}):${N2}${MICRO}`,
}
const DAY_TIME_REGEXES = Object.fromEntries(Object.entries(DAY_TIME_PATTERNS).map(([key, pattern]) => {
  const [from, to] = key.split('-') as [string, string]
  return [key, [
    new RegExp(`^${pattern}$`),
    new RegExp(`^INTERVAL\\s+([+|-])?'${pattern}'\\s+${from.toUpperCase()}\\s+TO\\s+${to.toUpperCase()}$`, 'i'),
  ]]
})) as Readonly<Record<string, readonly [RegExp, RegExp]>>
const DAY_TIME_ONE = /^([+|-])?(\d{1,13})(\.\d{1,9})?$/
const DAY_TIME_ONE_LITERAL = /^INTERVAL\s+([+|-])?'([+|-])?(\d{1,13})(\.\d{1,9})?'\s+(DAY|HOUR|MINUTE|SECOND)$/i

function addExact(a: bigint, b: bigint): bigint {
  const sum = a + b
  if (sum < LONG_MIN || sum > LONG_MAX) throw new RangeError('long overflow')
  return sum
}

/** Spark's `parseSecondNano`: `ss[.nnnnnnnnn]` to microseconds (the fraction truncated). */
function parseSecondNano(text: string): bigint {
  const [secondsText, nanosText] = text.split('.') as [string, string | undefined]
  const seconds = secondsText === '' || secondsText === '-' ? 0n
    : withRange('second', secondsText, LONG_MIN / MICROS_PER_SECOND_BIG, MAX_SECOND) * MICROS_PER_SECOND_BIG
  if (nanosText === undefined) return seconds
  const micros = withRange('nanosecond', nanosText.padEnd(9, '0'), 0n, 999_999_999n) / 1000n
  return addExact(seconds, secondsText.startsWith('-') ? -micros : micros)
}

/** Days, hours, minutes and seconds text to microseconds with Spark's field ranges (the leading field unbounded up to a long). */
function toDayTimeMicros(fields: readonly (string | undefined)[], startIndex: number, sign: bigint): bigint {
  const units = [MICROS_PER_DAY_BIG, MICROS_PER_HOUR_BIG, MICROS_PER_MINUTE_BIG]
  const names = ['day', 'hour', 'minute']
  const leadingMax = [MAX_DAY, MAX_HOUR, MAX_MINUTE]
  const normalMax = [0n, 23n, 59n]
  let micros = 0n
  for (let f = startIndex; f < 3; f++) {
    const text = fields[f - startIndex]
    const value = withRange(names[f]!, text ?? '0', 0n, f === startIndex ? leadingMax[f]! : normalMax[f]!)
    micros = addExact(micros, sign * value * units[f]!)
  }
  return addExact(micros, sign * parseSecondNano(fields[3 - startIndex] ?? '0'))
}

/**
 * Spark's `castStringToDTInterval`: the forms of the type's fields (`[+|-]d h:m:s.n`
 * for DAY TO SECOND, `[+|-]h:m` for HOUR TO MINUTE, a single `[+|-]n` for one field),
 * bare or as `INTERVAL [+|-]'...' DAY TO SECOND`. Microseconds; nanoseconds truncated.
 */
export function castStringToDayTime(input: string, type: DayTimeIntervalType): bigint {
  const { startField: start, endField: end } = type
  const text = trimAll(input)
  const startIndex = dayTimeFieldIndex(start)
  const fromGroups = (sign: bigint, groups: readonly (string | undefined)[]): bigint => {
    // A pattern ending in seconds ends with the optional fraction group: the seconds text is both.
    const fields = end === 'second'
      ? [...groups.slice(0, -2), `${groups[groups.length - 2]}${groups[groups.length - 1] ?? ''}`]
      : [...groups]
    return toDayTimeMicros(fields, startIndex, sign)
  }
  const regexes = DAY_TIME_REGEXES[`${start}-${end}`]
  if (regexes !== undefined) {
    const [plain, literal] = regexes
    const m = plain.exec(text)
    if (m !== null) return safeToInterval('day-time', () => fromGroups(finalSign(m[1]), m.slice(2)))
    const l = literal.exec(text)
    if (l !== null) return safeToInterval('day-time', () => fromGroups(finalSign(l[1], l[2]), l.slice(3)))
  }
  const single = (sign: bigint, value: string, fraction: string | undefined, unit: string): bigint => safeToInterval('day-time', () => {
    if (unit !== start || start !== end) throw unmatchedFormat(input, start, end, 'day-time')
    switch (unit) {
      case 'day': if (fraction === undefined && value.length <= 9) return sign * BigInt(value) * MICROS_PER_DAY_BIG; break
      case 'hour': if (fraction === undefined && value.length <= 10) return sign * BigInt(value) * MICROS_PER_HOUR_BIG; break
      case 'minute': if (fraction === undefined && value.length <= 12) return sign * BigInt(value) * MICROS_PER_MINUTE_BIG; break
      default: return parseSecondNano(`${sign < 0n ? '-' : ''}${value}${fraction ?? ''}`)
    }
    throw unmatchedFormat(input, start, end, 'day-time')
  })
  let m = DAY_TIME_ONE.exec(text)
  if (m !== null) return checkRange(single(finalSign(m[1]), m[2]!, m[3], start))
  m = DAY_TIME_ONE_LITERAL.exec(text)
  if (m !== null) return checkRange(single(finalSign(m[1], m[2]), m[3]!, m[4], m[5]!.toLowerCase()))
  throw unmatchedFormat(input, start, end, 'day-time')
}

function checkRange(micros: bigint): bigint {
  if (micros < LONG_MIN || micros > LONG_MAX) throw new IntervalFormatError('Error parsing interval day-time string: long overflow')
  return micros
}

/** Spark's YEAR/MONTH view of months for the type's end field (`INTERVAL YEAR` casts count whole years). */
export const yearMonthUnits = (months: number, type: YearMonthIntervalType): number =>
  type.endField === 'year' ? Math.trunc(months / 12) : months

/** Microseconds per unit of a day-time type's end field (DAY → a day, SECOND → a second). */
export function dayTimeUnitMicros(type: DayTimeIntervalType): bigint {
  return [MICROS_PER_DAY_BIG, MICROS_PER_HOUR_BIG, MICROS_PER_MINUTE_BIG, MICROS_PER_SECOND_BIG][dayTimeFieldIndex(type.endField)]!
}

/** Spark's `yearMonthFieldIndex` re-export for callers that order year-month fields. */
export { yearMonthFieldIndex }

/**
 * The length in microseconds of an interval value of any interval type, a month
 * counted as 30 days (as the stream-stream join state bound reads a literal);
 * undefined when the type is no interval.
 */
export function intervalDurationMicros(value: unknown, type: { readonly kind: string }): number | undefined {
  const MONTH_MICROS = 30 * 86_400_000_000
  switch (type.kind) {
    case 'interval': {
      const v = value as CalendarInterval
      return v.days * 86_400_000_000 + v.microseconds + v.months * MONTH_MICROS
    }
    case 'year_month_interval': return (value as number) * MONTH_MICROS
    case 'day_time_interval': return Number(value as bigint)
  }
  return undefined
}
