import {
  DateType, DayTimeIntervalType, isAnsiIntervalType, isIntegralType, isNumericType, TimestampType, TimeType,
  YearMonthIntervalType, type CalendarInterval, type DataType,
} from '../types/data-type.js'
import { widerDayTimeType, widerYearMonthType } from '../types/interval-types.js'
import { civilToDays, daysInMonth, daysToCivil, microsToLocalDateTime, MICROS_PER_SECOND, requireTimeZone } from '../data/temporal.js'
import { localSecondsToUtc } from '../data/time-zone.js'
import { MICROS_PER_DAY_BIG } from '../data/ansi-interval.js'
import { NANOS_PER_DAY, NANOS_PER_MICRO, truncateTime } from '../data/time-of-day.js'
import { ExecutionError } from '../errors/sluice-error.js'
import { makeNode, type CompiledNode } from './compiled-node.js'
import type { ExprCompiler } from './compile-expr.js'
import { IntegerType } from '../types/data-type.js'
import { binaryDiffTypes, unexpectedInputType } from './operator-errors.js'
import { addIntervals, scaleInterval } from './interval-kernels.js'

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

const negateCalendar = (i: CalendarInterval): CalendarInterval =>
  ({ months: -i.months + 0, days: -i.days + 0, microseconds: -i.microseconds + 0 })

/** The wall-clock microseconds of a timestamp in `timeZone` (Spark's `getLocalDateTime`). */
function localMicros(micros: number, timeZone: string): number {
  const t = microsToLocalDateTime(micros, timeZone)
  return (t.days * 86_400 + t.hour * 3600 + t.minute * 60 + t.second) * MICROS_PER_SECOND + t.microsecond
}

const TIMESTAMP_TYPES = '"(TIMESTAMP OR TIMESTAMP WITHOUT TIME ZONE)"'

type Kind = DataType['kind']
const isTimestampKind = (k: Kind): boolean => k === 'timestamp' || k === 'timestamp_ntz'
const isDayOnly = (t: DataType): boolean => t.kind === 'day_time_interval' && t.startField === 'day' && t.endField === 'day'

/**
 * Spark's `BinaryArithmeticWithDatetimeResolver` for `+`, `-`, `*`, `/` and `div`:
 * dates, timestamps and TIME with calendar and ANSI intervals, interval ± interval,
 * interval × ÷ number, timestamp - timestamp (INTERVAL DAY TO SECOND), date - date
 * (INTERVAL DAY), TIME - TIME (INTERVAL HOUR TO SECOND), date ± integer. Returns
 * undefined when the operands are plain numbers (or strings) for numeric arithmetic.
 * Names follow Spark's rewritten expressions (`date_add(d, extractansiintervaldays(i))`,
 * `d - i` for DatetimeSub, `(i * n)` with the interval first).
 */
export function compileDatetimeArithmetic(c: ExprCompiler, op: string, l: CompiledNode, r: CompiledNode, name: string): CompiledNode | undefined {
  return new DatetimeArithmetic(c, l, r, name).resolve(op)
}

class DatetimeArithmetic {
  private readonly lt: DataType
  private readonly rt: DataType

  constructor(private readonly c: ExprCompiler, private readonly l: CompiledNode, private readonly r: CompiledNode, private readonly name: string) {
    this.lt = l.dataType
    this.rt = r.dataType
  }

  resolve(op: string): CompiledNode | undefined {
    switch (op) {
      case '+': return this.add()
      case '-': return this.subtract()
      case '*': return this.multiply()
      case '/': return this.divide()
      case 'div': return this.intervalDiv()
    }
    return undefined
  }

  /** A null-propagating binary node. */
  private binary(type: DataType, left: CompiledNode, right: CompiledNode, name: string, f: (a: unknown, b: unknown) => unknown): CompiledNode {
    const le = left.eval
    const re = right.eval
    return makeNode(type, left.nullable || right.nullable || !this.c.context.ansi, name, left.foldable && right.foldable, (row) => {
      const a = le(row)
      if (a === null || a === undefined) return null
      const b = re(row)
      if (b === null || b === undefined) return null
      return f(a, b)
    })
  }

  private add(): CompiledNode | undefined {
    const { l, r, lt, rt } = this
    const plus = (a: CompiledNode, b: CompiledNode): string => `${a.name} + ${b.name}`
    if (lt.kind === 'date' && isDayOnly(rt)) return this.dateAddDays(l, r, false, `date_add(${l.name}, extractansiintervaldays(${r.name}))`)
    if (isDayOnly(lt) && rt.kind === 'date') return this.dateAddDays(r, l, false, `date_add(${r.name}, extractansiintervaldays(${l.name}))`)
    if (lt.kind === 'date' && rt.kind === 'day_time_interval') return this.timestampAddDayTime(this.c.castTo(l, TimestampType), r, false, plus(l, r))
    if (lt.kind === 'day_time_interval' && rt.kind === 'date') return this.timestampAddDayTime(this.c.castTo(r, TimestampType), l, false, plus(r, l))
    if (lt.kind === 'date' && rt.kind === 'year_month_interval') return this.dateAddMonths(l, r, false, plus(l, r))
    if (lt.kind === 'year_month_interval' && rt.kind === 'date') return this.dateAddMonths(r, l, false, plus(r, l))
    if (isTimestampKind(lt.kind) && rt.kind === 'year_month_interval') return this.timestampAddMonths(l, r, false, plus(l, r))
    if (lt.kind === 'year_month_interval' && isTimestampKind(rt.kind)) return this.timestampAddMonths(r, l, false, plus(r, l))
    if (lt.kind === 'interval' && rt.kind === 'interval') return this.calendarAddSub(l, r, '+')
    if (isAnsiIntervalType(lt) && (rt.kind === lt.kind || rt.kind === 'null')) return this.intervalAddSub('+')
    if (lt.kind === 'null' && isAnsiIntervalType(rt)) return this.intervalAddSub('+')
    if (lt.kind === 'date' && rt.kind === 'interval') return this.dateAddCalendar(l, r, false, plus(l, r))
    if (lt.kind === 'time' && (rt.kind === 'day_time_interval' || rt.kind === 'null')) return this.timeAddInterval(l, r, false, plus(l, r))
    if ((lt.kind === 'day_time_interval' || lt.kind === 'null') && rt.kind === 'time') return this.timeAddInterval(r, l, false, plus(r, l))
    if (rt.kind === 'interval' || rt.kind === 'day_time_interval') return this.timestampAddInterval(l, r, false, plus(l, r))
    if (lt.kind === 'interval' && rt.kind === 'date') return this.dateAddCalendar(r, l, false, plus(r, l))
    if (lt.kind === 'interval' || lt.kind === 'day_time_interval') return this.timestampAddInterval(r, l, false, plus(r, l))
    // Spark rewrites date + n to date_add, and names the column so.
    if (lt.kind === 'date' && (isIntegralType(rt) || rt.kind === 'null')) {
      return this.binary(DateType, l, this.c.castTo(r, IntegerType), `date_add(${l.name}, ${r.name})`, (a, b) => (a as number) + (b as number))
    }
    if (rt.kind === 'date' && isIntegralType(lt)) {
      return this.binary(DateType, r, this.c.castTo(l, IntegerType), `date_add(${r.name}, ${l.name})`, (a, b) => (a as number) + (b as number))
    }
    return undefined
  }

  private subtract(): CompiledNode | undefined {
    const { l, r, lt, rt } = this
    const minus = `${l.name} - ${r.name}`
    if (lt.kind === 'date' && isDayOnly(rt)) return this.dateAddDays(l, r, true, `date_add(${l.name}, (- extractansiintervaldays(${r.name})))`)
    if (lt.kind === 'date' && rt.kind === 'day_time_interval') return this.timestampAddDayTime(this.c.castTo(l, TimestampType), r, true, minus)
    if (lt.kind === 'date' && rt.kind === 'year_month_interval') return this.dateAddMonths(l, r, true, minus)
    if (isTimestampKind(lt.kind) && rt.kind === 'year_month_interval') return this.timestampAddMonths(l, r, true, minus)
    if (lt.kind === 'interval' && rt.kind === 'interval') return this.calendarAddSub(l, r, '-')
    if (isAnsiIntervalType(lt) && (rt.kind === lt.kind || rt.kind === 'null')) return this.intervalAddSub('-')
    if (lt.kind === 'null' && isAnsiIntervalType(rt)) return this.intervalAddSub('-')
    if (lt.kind === 'date' && rt.kind === 'interval') return this.dateAddCalendar(l, r, true, minus)
    if (lt.kind === 'time' && (rt.kind === 'day_time_interval')) return this.timeAddInterval(l, r, true, minus)
    if (rt.kind === 'interval' || rt.kind === 'day_time_interval') return this.timestampAddInterval(l, r, true, minus)
    if (lt.kind === 'time' && isTimestampKind(rt.kind)) throw unexpectedInputType(`(${l.name} - ${r.name})`, 0, TIMESTAMP_TYPES, lt, l.name)
    if (isTimestampKind(lt.kind) || isTimestampKind(rt.kind)) return this.subtractTimestamps()
    if (rt.kind === 'date' && lt.kind !== 'time') return this.subtractDates()
    if (lt.kind === 'date' && (isIntegralType(rt) || rt.kind === 'null')) {
      return this.binary(DateType, l, this.c.castTo(r, IntegerType), `date_sub(${l.name}, ${r.name})`, (a, b) => (a as number) - (b as number))
    }
    const timeLike = (k: Kind): boolean => k === 'time' || k === 'string' || k === 'null'
    if ((lt.kind === 'time' || rt.kind === 'time') && timeLike(lt.kind) && timeLike(rt.kind)) return this.subtractTimes(minus)
    return undefined
  }

  /** `date ± INTERVAL n DAY`: Spark's DateAdd(date, [-]ExtractANSIIntervalDays(i)). */
  private dateAddDays(date: CompiledNode, interval: CompiledNode, negate: boolean, name: string): CompiledNode {
    return this.binary(DateType, date, interval, name, (d, i) => {
      const days = Number((i as bigint) / MICROS_PER_DAY_BIG)
      return (d as number) + (negate ? -days : days)
    })
  }

  /** `date ± INTERVAL 'y-m' YEAR TO MONTH`: Spark's DateAddYMInterval, the day clamped to the month's end. */
  private dateAddMonths(date: CompiledNode, interval: CompiledNode, negate: boolean, name: string): CompiledNode {
    return this.binary(DateType, date, interval, name, (d, m) => addMonthsToDays(d as number, negate ? -(m as number) : (m as number)))
  }

  /** `timestamp ± year-month interval`: Spark's TimestampAddYMInterval, on the wall clock of the session zone (UTC for NTZ). */
  private timestampAddMonths(ts: CompiledNode, interval: CompiledNode, negate: boolean, name: string): CompiledNode {
    const zone = ts.dataType.kind === 'timestamp_ntz' ? 'UTC' : this.c.context.timeZone
    return this.binary(ts.dataType, ts, interval, name, (t, m) =>
      addIntervalToMicros(t as number, { months: negate ? -(m as number) : (m as number), days: 0, microseconds: 0 }, zone))
  }

  /** `timestamp ± day-time interval`: Spark's TimestampAddInterval with a duration, added to the instant. */
  private timestampAddDayTime(ts: CompiledNode, interval: CompiledNode, negate: boolean, name: string): CompiledNode {
    return this.binary(ts.dataType, ts, interval, name, (t, i) => {
      const micros = Number(i as bigint)
      return (t as number) + (negate ? -micros : micros)
    })
  }

  /** `date ± calendar interval`: Spark's DateAddInterval; with hours or less the date goes through a timestamp. */
  private dateAddCalendar(date: CompiledNode, interval: CompiledNode, negate: boolean, name: string): CompiledNode {
    const tz = this.c.context.timeZone
    const ansi = this.c.context.ansi
    return this.binary(DateType, date, interval, name, (d, i) => {
      const itvl = negate ? negateCalendar(i as CalendarInterval) : i as CalendarInterval
      if (itvl.microseconds === 0) return addMonthsToDays(d as number, itvl.months) + itvl.days
      if (ansi) {
        throw new ExecutionError('_LEGACY_ERROR_TEMP_2000', 'Cannot add hours, minutes or seconds, milliseconds, microseconds to a date.',
          { message: 'Cannot add hours, minutes or seconds, milliseconds, microseconds to a date', ansiConfig: '"spark.sql.ansi.enabled"' })
      }
      const start = localSecondsToUtc(requireTimeZone(tz), (d as number) * 86_400) * MICROS_PER_SECOND
      return microsToLocalDateTime(addIntervalToMicros(start, itvl, tz), tz).days
    })
  }

  /**
   * `x ± calendar or day-time interval` for any other x: Spark's (Cast of)
   * TimestampAddInterval, which needs a timestamp (a string or null is cast to one);
   * UNEXPECTED_INPUT_TYPE otherwise.
   */
  private timestampAddInterval(other: CompiledNode, interval: CompiledNode, negate: boolean, name: string): CompiledNode {
    const kind = other.dataType.kind
    if (!isTimestampKind(kind) && kind !== 'string' && kind !== 'null') {
      // Spark names the failed rewrite TimestampAddInterval(other, [-]interval), the interval second.
      const sql = negate ? `${other.name} + (- ${interval.name})` : `${other.name} + ${interval.name}`
      throw unexpectedInputType(sql, 0, TIMESTAMP_TYPES, other.dataType, other.name)
    }
    const ts = isTimestampKind(kind) ? other : this.c.castTo(other, TimestampType)
    if (interval.dataType.kind === 'day_time_interval') return this.timestampAddDayTime(ts, interval, negate, name)
    const zone = ts.dataType.kind === 'timestamp_ntz' ? 'UTC' : this.c.context.timeZone
    return this.binary(ts.dataType, ts, interval, name, (t, i) =>
      addIntervalToMicros(t as number, negate ? negateCalendar(i as CalendarInterval) : i as CalendarInterval, zone))
  }

  /** `calendar interval ± calendar interval`, field by field (Spark's `(a + b)` on CalendarIntervalType). */
  private calendarAddSub(l: CompiledNode, r: CompiledNode, op: '+' | '-'): CompiledNode {
    const sign = op === '+' ? 1 : -1
    return this.binary(l.dataType, l, r, this.name, (a, b) => {
      const x = a as CalendarInterval
      const y = b as CalendarInterval
      return { months: x.months + sign * y.months, days: x.days + sign * y.days, microseconds: x.microseconds + sign * y.microseconds }
    })
  }

  /** `interval ± interval` of one ANSI family (a NULL side takes the other's type); the type holds both. */
  private intervalAddSub(op: '+' | '-'): CompiledNode {
    const { lt, rt } = this
    const type = lt.kind === 'null' ? rt : rt.kind === 'null' ? lt
      : lt.kind === 'year_month_interval' && rt.kind === 'year_month_interval' ? widerYearMonthType(lt, rt)
        : widerDayTimeType(lt as DayTimeIntervalType, rt as DayTimeIntervalType)
    const kernel = addIntervals(type.kind === 'year_month_interval' ? 'ym' : 'dt', op)
    return this.binary(type, this.c.castTo(this.l, type), this.c.castTo(this.r, type), this.name, kernel)
  }

  /** `TIME ± day-time interval`: Spark's TimeAddInterval, within the day, to the finer of both precisions. */
  private timeAddInterval(time: CompiledNode, interval: CompiledNode, negate: boolean, name: string): CompiledNode {
    const timePrecision = (time.dataType as TimeType).precision
    const intervalType = interval.dataType.kind === 'day_time_interval' ? interval.dataType : DayTimeIntervalType()
    const precision = Math.max(timePrecision, intervalType.endField === 'second' ? 6 : 0)
    return this.binary(TimeType(precision), time, this.c.castTo(interval, intervalType), name, (t, i) => {
      const delta = (i as bigint) * NANOS_PER_MICRO
      const result = (t as bigint) + (negate ? -delta : delta)
      if (result < 0n || result >= NANOS_PER_DAY) {
        throw new ExecutionError('DATETIME_OVERFLOW', `Datetime operation overflow: ${name}.`, { operation: name })
      }
      return truncateTime(result, precision)
    })
  }

  /** `timestamp - timestamp` (a date or string side cast to a timestamp): INTERVAL DAY TO SECOND between the wall clocks. */
  private subtractTimestamps(): CompiledNode {
    const ntz = this.lt.kind === 'timestamp_ntz' && this.rt.kind !== 'timestamp' || this.rt.kind === 'timestamp_ntz' && this.lt.kind !== 'timestamp'
    const target = ntz ? { kind: 'timestamp_ntz' as const } : TimestampType
    const tz = ntz ? 'UTC' : this.c.context.timeZone
    const left = this.c.castTo(this.l, target)
    const right = this.c.castTo(this.r, target)
    return this.binary(DayTimeIntervalType(), left, right, `(${this.l.name} - ${this.r.name})`,
      (a, b) => BigInt(localMicros(a as number, tz) - localMicros(b as number, tz)))
  }

  /** `date - date`: INTERVAL DAY (Spark's SubtractDates). */
  private subtractDates(): CompiledNode {
    const left = this.c.castTo(this.l, DateType)
    return this.binary(DayTimeIntervalType('day'), left, this.r, `(${this.l.name} - ${this.r.name})`,
      (a, b) => BigInt((a as number) - (b as number)) * MICROS_PER_DAY_BIG)
  }

  /** `TIME - TIME` (a string side cast to TIME): INTERVAL HOUR TO SECOND, the nanoseconds truncated to microseconds. */
  private subtractTimes(name: string): CompiledNode {
    const timeType = this.lt.kind === 'time' ? this.lt : this.rt
    const left = this.c.castTo(this.l, this.lt.kind === 'time' ? this.lt : timeType)
    const right = this.c.castTo(this.r, this.rt.kind === 'time' ? this.rt : timeType)
    return this.binary(DayTimeIntervalType('hour', 'second'), left, right, name, (a, b) => ((a as bigint) - (b as bigint)) / NANOS_PER_MICRO)
  }

  /** `interval * n` and `n * interval` (Spark's Multiply{YM,DT}Interval), named with the interval first. */
  private multiply(): CompiledNode | undefined {
    const { l, r, lt, rt } = this
    if (isAnsiIntervalType(lt)) return this.scale(l, r, '*')
    if (isAnsiIntervalType(rt)) return this.scale(r, l, '*')
    return undefined
  }

  /** `interval / n` (Spark's Divide{YM,DT}Interval); `n / interval` is BINARY_OP_DIFF_TYPES. */
  private divide(): CompiledNode | undefined {
    const { l, r, lt, rt } = this
    if (isAnsiIntervalType(lt)) return this.scale(l, r, '/')
    if (isAnsiIntervalType(rt)) {
      const shown = lt.kind === 'string' ? { kind: 'double' as const } : lt
      throw binaryDiffTypes(this.name, shown, rt)
    }
    return undefined
  }

  private scale(interval: CompiledNode, number: CompiledNode, op: '*' | '/'): CompiledNode {
    const family = interval.dataType.kind === 'year_month_interval' ? 'ym' : 'dt'
    // Spark's Multiply/Divide{YM,DT}Interval are typed INTERVAL YEAR TO MONTH / DAY TO SECOND whatever the operand's fields.
    const resultType = family === 'ym' ? YearMonthIntervalType() : DayTimeIntervalType()
    let n = number
    if (number.dataType.kind === 'string' || number.dataType.kind === 'null') n = this.c.castTo(number, { kind: 'double' })
    if (!isNumericType(n.dataType)) {
      throw unexpectedInputType(`(${interval.name} ${op} ${number.name})`, 1, '"NUMERIC"', number.dataType, number.name)
    }
    const kernel = scaleInterval(family, op, n.dataType)
    return this.binary(resultType, interval, n, `(${interval.name} ${op} ${number.name})`, kernel)
  }

  /** `interval div interval` of one family: the whole number of times the right fits in the left, as a BIGINT. */
  private intervalDiv(): CompiledNode | undefined {
    const { lt, rt } = this
    if (!isAnsiIntervalType(lt) && !isAnsiIntervalType(rt)) return undefined
    if (!isAnsiIntervalType(lt) || lt.kind !== rt.kind) throw binaryDiffTypes(this.name, lt, rt)
    const ansi = this.c.context.ansi
    return this.binary({ kind: 'long' }, this.l, this.r, this.name, (a, b) => {
      const x = BigInt(a as number | bigint)
      const y = BigInt(b as number | bigint)
      if (y === 0n) {
        if (ansi) throw new ExecutionError('DIVIDE_BY_ZERO', 'Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error. SQLSTATE: 22012', { config: '"spark.sql.ansi.enabled"' })
        return null
      }
      return x / y
    })
  }
}
