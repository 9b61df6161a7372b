/**
 * Dates and timestamps in the internal representation (date = days since
 * 1970-01-01, timestamp = microseconds since the epoch, UTC) to and from Spark's
 * text forms. Calendar: proleptic Gregorian, as Spark 3+. Years beyond 9999 print
 * with a '+' sign and years before 1 as zero/negative ('0000', '-0001'), as Spark's
 * `yyyy` formatter (SignStyle.EXCEEDS_PAD) does.
 */
import { AnalysisError } from '../errors/sluice-error.js'
import { localSecondsToUtc, resolveTimeZone, type ResolvedTimeZone } from './time-zone.js'

export const MICROS_PER_SECOND = 1_000_000
export const MICROS_PER_DAY = 86_400_000_000
const SECONDS_PER_DAY = 86_400

/** A proleptic Gregorian calendar date. */
export interface CivilDate {
  readonly year: number
  readonly month: number
  readonly day: number
}

/** Calendar date of a day count (Howard Hinnant's civil_from_days). */
export function daysToCivil(days: number): CivilDate {
  const z = days + 719_468
  const era = Math.floor(z / 146_097)
  const dayOfEra = z - era * 146_097
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365)
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153)
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day }
}

/** Day count of a calendar date (Howard Hinnant's days_from_civil); the date must be valid. */
export function civilToDays(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146_097 + dayOfEra - 719_468
}

export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

/** Number of days in a month of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0')

/** A year as Spark's `yyyy` prints it: '0999', '+10000', '-0001'. */
export function formatYear(year: number): string {
  if (year > 9999) return `+${year}`
  if (year < 0) return `-${pad(-year, 4)}`
  return pad(year, 4)
}

/** 'YYYY-MM-DD' of a day count, as Spark's cast of a date to string. */
export function daysToDateString(days: number): string {
  const { year, month, day } = daysToCivil(days)
  return `${formatYear(year)}-${pad(month, 2)}-${pad(day, 2)}`
}

const DATE_TEXT = /^([+-]?)(\d{4,7})(?:-(\d{1,2})(?:-(\d{1,2})(?:[T ].*)?)?)?$/s

/**
 * Days of a date string in one of Spark's accepted forms ('yyyy', 'yyyy-[m]m',
 * 'yyyy-[m]m-[d]d', optionally followed by 'T...' or ' ...'; a 4 to 7 digit year
 * with an optional sign); null when it is not a valid date.
 */
export function dateStringToDays(text: string): number | null {
  const match = DATE_TEXT.exec(text.trim())
  if (match === null) return null
  const [, sign, yearText, monthText, dayText] = match
  const year = sign === '-' ? -Number(yearText) : Number(yearText)
  const month = monthText === undefined ? 1 : Number(monthText)
  const day = dayText === undefined ? 1 : Number(dayText)
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null
  return civilToDays(year, month, day)
}

/** Resolves a session time zone or throws Spark's INVALID_CONF_VALUE.TIME_ZONE. */
export function requireTimeZone(timeZone: string): ResolvedTimeZone {
  const zone = resolveTimeZone(timeZone)
  if (zone === null) {
    throw new AnalysisError(
      'INVALID_CONF_VALUE.TIME_ZONE',
      `The value '${timeZone}' in the config "spark.sql.session.timeZone" is invalid: cannot resolve the given timezone.`,
      { confValue: timeZone, confName: 'spark.sql.session.timeZone' },
    )
  }
  return zone
}

/** Wall-clock parts of a timestamp in a zone. */
export interface LocalDateTime extends CivilDate {
  readonly hour: number
  readonly minute: number
  readonly second: number
  /** Microseconds within the second, 0..999999. */
  readonly microsecond: number
  /** Day count of the local date. */
  readonly days: number
}

/** The local date and time of a timestamp in `timeZone` (IANA id, fixed offset or Java short id). */
export function microsToLocalDateTime(micros: number, timeZone: string): LocalDateTime {
  const zone = requireTimeZone(timeZone)
  const epochSeconds = Math.floor(micros / MICROS_PER_SECOND)
  const microsecond = micros - epochSeconds * MICROS_PER_SECOND
  const localSeconds = epochSeconds + zone.offsetSecondsAt(epochSeconds)
  const days = Math.floor(localSeconds / SECONDS_PER_DAY)
  const secondOfDay = localSeconds - days * SECONDS_PER_DAY
  const { year, month, day } = daysToCivil(days)
  // Explicit fields: an object spread here made this function 30 times slower.
  return {
    year,
    month,
    day,
    days,
    hour: Math.floor(secondOfDay / 3600),
    minute: Math.floor((secondOfDay % 3600) / 60),
    second: secondOfDay % 60,
    microsecond,
  }
}

/**
 * Spark's cast of a timestamp to string in the session zone: 'yyyy-MM-dd HH:mm:ss'
 * plus the fraction with trailing zeros trimmed ('2021-09-08 11:11:11.5').
 */
export function microsToTimestampString(micros: number, timeZone: string): string {
  const t = microsToLocalDateTime(micros, timeZone)
  const date = `${formatYear(t.year)}-${pad(t.month, 2)}-${pad(t.day, 2)}`
  const time = `${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}`
  const fraction = t.microsecond === 0 ? '' : `.${pad(t.microsecond, 6).replace(/0+$/, '')}`
  return `${date} ${time}${fraction}`
}

/** A TIMESTAMP_NTZ as Spark prints it: the wall clock stored as if in UTC. */
export function microsToTimestampNtzString(micros: number): string {
  return microsToTimestampString(micros, 'UTC')
}

/** ISO-8601 UTC with milliseconds ('2021-09-08T11:11:11.000Z'), as in streaming progress events. */
export function microsToIsoUtc(micros: number): string {
  return new Date(Math.floor(micros / 1000)).toISOString()
}

const TIME_PART = String.raw`(\d{1,2})(?::(\d{1,2})(?::(\d{1,2})(?:\.(\d*))?)?)?`
const TIMESTAMP_TEXT = new RegExp(
  String.raw`^([+-]?)(\d{4,7})(?:-(\d{1,2})(?:-(\d{1,2})(?:[ T](?:${TIME_PART}\s*(\S.*)?)?)?)?)?$`, 's')
const TIME_ONLY_TEXT = new RegExp(String.raw`^T?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d*))?)?\s*(\S.*)?$`, 's')

interface ParsedTimestamp {
  readonly localSeconds: number
  readonly micros: number
  readonly zoneText: string | undefined
}

function parseTimestampParts(text: string, defaultZone: ResolvedTimeZone): ParsedTimestamp | null {
  const trimmed = text.trim()
  let year: number, month: number, day: number
  let hourText: string | undefined, minuteText: string | undefined, secondText: string | undefined
  let fractionText: string | undefined, zoneText: string | undefined
  const full = TIMESTAMP_TEXT.exec(trimmed)
  if (full !== null) {
    year = full[1] === '-' ? -Number(full[2]) : Number(full[2])
    month = full[3] === undefined ? 1 : Number(full[3])
    day = full[4] === undefined ? 1 : Number(full[4])
    ;[hourText, minuteText, secondText, fractionText, zoneText] = full.slice(5, 10)
  } else {
    const timeOnly = TIME_ONLY_TEXT.exec(trimmed)
    if (timeOnly === null) return null
    ;[hourText, minuteText, secondText, fractionText, zoneText] = timeOnly.slice(1, 6)
    // Spark takes today's date in the zone for a bare time.
    const nowSeconds = Math.floor(Date.now() / 1000)
    const zone = zoneText === undefined ? defaultZone : resolveTimeZone(zoneText)
    if (zone === null) return null
    const today = daysToCivil(Math.floor((nowSeconds + zone.offsetSecondsAt(nowSeconds)) / SECONDS_PER_DAY))
    ;({ year, month, day } = today)
  }
  const hour = Number(hourText ?? '0')
  const minute = Number(minuteText ?? '0')
  const second = Number(secondText ?? '0')
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null
  if (hour > 23 || minute > 59 || second > 59) return null
  // Digits beyond microseconds are dropped, as Spark does.
  const micros = fractionText === undefined || fractionText === '' ? 0 : Number(fractionText.slice(0, 6).padEnd(6, '0'))
  const localSeconds = civilToDays(year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second
  return { localSeconds, micros, zoneText }
}

/**
 * Microseconds of a timestamp string in Spark's accepted forms ('yyyy',
 * 'yyyy-[m]m', 'yyyy-[m]m-[d]d', then ' ' or 'T' and '[h]h:[m]m:[s]s.[fraction]'
 * with an optional zone: 'Z', '+hh:mm', 'UTC+h', 'GMT-hh:mm', a short id or a
 * region id; also a bare time, taken on today's date). Without a zone in the text
 * the wall clock is read in `timeZone`. Null when the text is not a timestamp.
 */
export function timestampStringToMicros(text: string, timeZone: string): number | null {
  const sessionZone = requireTimeZone(timeZone)
  const parsed = parseTimestampParts(text, sessionZone)
  if (parsed === null) return null
  const zone = parsed.zoneText === undefined ? sessionZone : resolveTimeZone(parsed.zoneText)
  if (zone === null) return null
  return localSecondsToUtc(zone, parsed.localSeconds) * MICROS_PER_SECOND + parsed.micros
}

/** A TIMESTAMP_NTZ from text: the wall clock as written; null when the text has a zone or is invalid. */
export function timestampNtzStringToMicros(text: string): number | null {
  const parsed = parseTimestampParts(text, requireTimeZone('UTC'))
  if (parsed === null || parsed.zoneText !== undefined) return null
  return parsed.localSeconds * MICROS_PER_SECOND + parsed.micros
}
