import { CalendarIntervalType, DateType, TimestampType, isIntegralType, type CalendarInterval, type DataType } from '../types/data-type.js'
import { civilToDays, daysInMonth, daysToCivil, microsToLocalDateTime, MICROS_PER_SECOND, requireTimeZone } from '../data/temporal.js'
import { localSecondsToUtc } from '../data/time-zone.js'
import { makeNode, type CompiledNode } from './compiled-node.js'
import type { ExprCompiler } from './compile-expr.js'
import { IntegerType } from '../types/data-type.js'

/** Adds months to a day count, clamping the day to the month's end (Spark's `dateAddMonths`). */
export function addMonthsToDays(days: number, months: number): number {
  if (months === 0) return days
  const { year, month, day } = daysToCivil(days)
  const total = year * 12 + (month - 1) + months
  const newYear = Math.floor(total / 12)
  const newMonth = total - newYear * 12 + 1
  return civilToDays(newYear, newMonth, Math.min(day, daysInMonth(newYear, newMonth)))
}

/**
 * Adds a calendar interval to a timestamp as Spark's `timestampAddInterval`: months
 * and days move the wall clock in `timeZone` (so a day across a DST change is 23 or
 * 25 hours), microseconds are added to the instant.
 */
export function addIntervalToMicros(micros: number, interval: CalendarInterval, timeZone = 'UTC'): number {
  if (interval.months === 0 && interval.days === 0) return micros + interval.microseconds
  const local = microsToLocalDateTime(micros, timeZone)
  const newDays = addMonthsToDays(local.days, interval.months) + interval.days
  const localSeconds = newDays * 86_400 + local.hour * 3600 + local.minute * 60 + local.second
  return localSecondsToUtc(requireTimeZone(timeZone), localSeconds) * MICROS_PER_SECOND + local.microsecond + interval.microseconds
}

const negateInterval = (i: CalendarInterval): CalendarInterval =>
  ({ months: -i.months + 0, days: -i.days + 0, microseconds: -i.microseconds + 0 })

/**
 * `date ± n`, `date - date`, `timestamp ± interval`, `date ± interval`,
 * `timestamp - timestamp`, `interval ± interval`; undefined when neither operand is
 * a date, timestamp or interval.
 */
export function compileDatetimeArithmetic(c: ExprCompiler, op: string, l: CompiledNode, r: CompiledNode, name: string): CompiledNode | undefined {
  const lt = l.dataType.kind
  const rt = r.dataType.kind
  const temporal = (k: string): boolean => k === 'date' || k === 'timestamp' || k === 'timestamp_ntz' || k === 'interval'
  if (!temporal(lt) && !temporal(rt)) return undefined
  if (op !== '+' && op !== '-') return undefined
  const binary = (type: DataType, left: CompiledNode, right: CompiledNode, f: (a: unknown, b: unknown) => unknown): CompiledNode => {
    const le = left.eval
    const re = right.eval
    return makeNode(type, left.nullable || right.nullable, name, left.foldable && right.foldable, (row) => {
      const a = le(row)
      if (a === null || a === undefined) return null
      const b = re(row)
      if (b === null || b === undefined) return null
      return f(a, b)
    })
  }
  const sign = op === '+' ? 1 : -1
  const tz = c.context.timeZone
  // Spark rewrites date ± n to date_add / date_sub, and names the column so.
  if (lt === 'date' && (isIntegralType(r.dataType) || rt === 'string' || rt === 'null')) {
    const node = binary(DateType, l, c.castTo(r, IntegerType), (a, b) => (a as number) + sign * (b as number))
    return { ...node, name: `${op === '+' ? 'date_add' : 'date_sub'}(${l.name}, ${r.name})` }
  }
  if (op === '+' && rt === 'date' && isIntegralType(l.dataType)) {
    const node = binary(DateType, c.castTo(l, IntegerType), r, (a, b) => (a as number) + (b as number))
    return { ...node, name: `date_add(${r.name}, ${l.name})` }
  }
  if (lt === 'date' && rt === 'date' && op === '-') {
    return binary(CalendarIntervalType, l, r, (a, b) => ({ months: 0, days: (a as number) - (b as number), microseconds: 0 }))
  }
  if ((lt === 'timestamp' || lt === 'timestamp_ntz') && rt === 'interval') {
    const zone = lt === 'timestamp_ntz' ? 'UTC' : tz
    return binary(l.dataType, l, r, (a, b) =>
      addIntervalToMicros(a as number, sign > 0 ? b as CalendarInterval : negateInterval(b as CalendarInterval), zone))
  }
  if (lt === 'interval' && (rt === 'timestamp' || rt === 'timestamp_ntz') && op === '+') {
    return binary(r.dataType, l, r, (a, b) => addIntervalToMicros(b as number, a as CalendarInterval, tz))
  }
  if (lt === 'date' && rt === 'interval') {
    return binary(TimestampType, c.castTo(l, TimestampType), r, (a, b) =>
      addIntervalToMicros(a as number, sign > 0 ? b as CalendarInterval : negateInterval(b as CalendarInterval), tz))
  }
  if ((lt === 'timestamp' || lt === 'date') && (rt === 'timestamp' || rt === 'date') && op === '-') {
    return binary(CalendarIntervalType, c.castTo(l, TimestampType), c.castTo(r, TimestampType), (a, b) =>
      ({ months: 0, days: 0, microseconds: (a as number) - (b as number) }))
  }
  if (lt === 'interval' && rt === 'interval') {
    return binary(CalendarIntervalType, l, r, (a, b) => {
      const x = a as CalendarInterval
      const y = b as CalendarInterval
      return { months: x.months + sign * y.months, days: x.days + sign * y.days, microseconds: x.microseconds + sign * y.microseconds }
    })
  }
  return undefined
}
