/**
 * Field arithmetic of Spark's ANSI interval types (`YearMonthIntervalType`,
 * `DayTimeIntervalType`): the order of their fields, the type named by a
 * `from [TO to]` qualifier, and the common type of two intervals of one family.
 */
import {
  DAY_TIME_FIELDS, DayTimeIntervalType, TIME_MAX_PRECISION, TIME_MIN_PRECISION, TimeType, YEAR_MONTH_FIELDS, YearMonthIntervalType,
  type DayTimeIntervalField, type YearMonthIntervalField,
} from './data-type.js'
import { AnalysisError } from '../errors/sluice-error.js'

/** Spark's byte of a year-month field: YEAR = 0, MONTH = 1. */
export const yearMonthFieldIndex = (field: YearMonthIntervalField): number => YEAR_MONTH_FIELDS.indexOf(field)

/** Spark's byte of a day-time field: DAY = 0, HOUR = 1, MINUTE = 2, SECOND = 3. */
export const dayTimeFieldIndex = (field: DayTimeIntervalField): number => DAY_TIME_FIELDS.indexOf(field)

const isYearMonthField = (word: string): word is YearMonthIntervalField => (YEAR_MONTH_FIELDS as readonly string[]).includes(word)
const isDayTimeField = (word: string): word is DayTimeIntervalField => (DAY_TIME_FIELDS as readonly string[]).includes(word)

/**
 * The ANSI interval type of a qualifier: `YEAR` → INTERVAL YEAR, `DAY TO SECOND` →
 * INTERVAL DAY TO SECOND (words in any case, plural or not). A `to` before `from`, or
 * fields of both families, raise Spark's `_LEGACY_ERROR_TEMP_0028` (from/to).
 */
export function intervalTypeOfFields(from: string, to?: string): YearMonthIntervalType | DayTimeIntervalType {
  const start = from.toLowerCase().replace(/s$/, '')
  const end = (to ?? from).toLowerCase().replace(/s$/, '')
  if (isYearMonthField(start) && isYearMonthField(end) && yearMonthFieldIndex(start) <= yearMonthFieldIndex(end)) {
    return YearMonthIntervalType(start, end)
  }
  if (isDayTimeField(start) && isDayTimeField(end) && dayTimeFieldIndex(start) <= dayTimeFieldIndex(end)) {
    return DayTimeIntervalType(start, end)
  }
  throw new AnalysisError('_LEGACY_ERROR_TEMP_0028', `Intervals FROM ${start} TO ${end} are not supported.`, { from: start, to: end })
}

/** The words that may start an interval type qualifier. */
export const INTERVAL_FIELD_WORDS: ReadonlySet<string> = new Set(['YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND'])

/** The type holding both year-month intervals: the outermost fields of the two (Spark's `findWiderTypeForTwo`). */
export function widerYearMonthType(a: YearMonthIntervalType, b: YearMonthIntervalType): YearMonthIntervalType {
  const start = Math.min(yearMonthFieldIndex(a.startField), yearMonthFieldIndex(b.startField))
  const end = Math.max(yearMonthFieldIndex(a.endField), yearMonthFieldIndex(b.endField))
  return YearMonthIntervalType(YEAR_MONTH_FIELDS[start]!, YEAR_MONTH_FIELDS[end]!)
}

/** The type holding both day-time intervals: the outermost fields of the two. */
export function widerDayTimeType(a: DayTimeIntervalType, b: DayTimeIntervalType): DayTimeIntervalType {
  const start = Math.min(dayTimeFieldIndex(a.startField), dayTimeFieldIndex(b.startField))
  const end = Math.max(dayTimeFieldIndex(a.endField), dayTimeFieldIndex(b.endField))
  return DayTimeIntervalType(DAY_TIME_FIELDS[start]!, DAY_TIME_FIELDS[end]!)
}

/** `TIME(p)`; a precision outside 0 to 6 raises Spark's UNSUPPORTED_TIME_PRECISION. */
export function timeTypeOf(precision: number): TimeType {
  if (!Number.isInteger(precision) || precision < TIME_MIN_PRECISION || precision > TIME_MAX_PRECISION) {
    throw new AnalysisError('UNSUPPORTED_TIME_PRECISION',
      `The seconds precision ${precision} of the TIME data type is out of the supported range [0, 6].`, { precision: String(precision) })
  }
  return TimeType(precision)
}
