import { describe, expect, it } from 'vitest'
import { DayTimeIntervalType, TimeType, YearMonthIntervalType } from '../types/data-type.js'
import {
  castStringToDayTime, castStringToYearMonth, formatDayTimeInterval, formatYearMonthInterval, IntervalFormatError, parseIntervalString,
} from './ansi-interval.js'
import { formatTime, parseTime } from './time-of-day.js'
import { fromPublicValue, toPublicValue } from './public-values.js'

const LONG_MIN = -(2n ** 63n)
const DAY = 86_400_000_000n

describe('ANSI interval text', () => {
  it('should print year-month intervals as Spark names and prints them', () => {
    // interval.sql.out: names `INTERVAL '-0-11' YEAR TO MONTH`, `INTERVAL '-1' YEAR`, `INTERVAL '-11' MONTH`; values `-0-11`, `178956970-7`.
    expect(formatYearMonthInterval(-11, YearMonthIntervalType(), 'ansi')).toBe("INTERVAL '-0-11' YEAR TO MONTH")
    expect(formatYearMonthInterval(-12, YearMonthIntervalType('year'), 'ansi')).toBe("INTERVAL '-1' YEAR")
    expect(formatYearMonthInterval(-11, YearMonthIntervalType('month'), 'ansi')).toBe("INTERVAL '-11' MONTH")
    expect(formatYearMonthInterval(-11, YearMonthIntervalType('month'), 'hive')).toBe('-0-11')
    expect(formatYearMonthInterval(2_147_483_647, YearMonthIntervalType('month'), 'hive')).toBe('178956970-7')
    expect(formatYearMonthInterval(-2_147_483_648, YearMonthIntervalType(), 'ansi')).toBe("INTERVAL '-178956970-8' YEAR TO MONTH")
  })

  it('should print day-time intervals with the fields of their type', () => {
    // interval.sql.out and cast.sql.out names: `INTERVAL '02' SECOND`, `INTERVAL '00.002' SECOND`, `INTERVAL '01.000001' SECOND`,
    // `INTERVAL '-0 23:00:59' DAY TO SECOND`, `INTERVAL '2562047788' HOUR`, `INTERVAL '08:11:10.001' HOUR TO SECOND`.
    expect(formatDayTimeInterval(2_000_000n, DayTimeIntervalType('second'), 'ansi')).toBe("INTERVAL '02' SECOND")
    expect(formatDayTimeInterval(2_000n, DayTimeIntervalType('second'), 'ansi')).toBe("INTERVAL '00.002' SECOND")
    expect(formatDayTimeInterval(1_000_001n, DayTimeIntervalType('second'), 'ansi')).toBe("INTERVAL '01.000001' SECOND")
    expect(formatDayTimeInterval(-82_859_000_000n, DayTimeIntervalType(), 'ansi')).toBe("INTERVAL '-0 23:00:59' DAY TO SECOND")
    expect(formatDayTimeInterval(2_562_047_788n * 3_600_000_000n, DayTimeIntervalType('hour'), 'ansi')).toBe("INTERVAL '2562047788' HOUR")
    expect(formatDayTimeInterval(29_470_001_000n, DayTimeIntervalType('hour', 'second'), 'ansi')).toBe("INTERVAL '08:11:10.001' HOUR TO SECOND")
    expect(formatDayTimeInterval(100n * DAY + 7_800_000_000n, DayTimeIntervalType('day', 'minute'), 'ansi')).toBe("INTERVAL '100 02:10' DAY TO MINUTE")
    expect(formatDayTimeInterval(-82_859_000_000n, DayTimeIntervalType('hour'), 'hive')).toBe('-0 23:00:59.000000000')
  })

  it("should print the minimum long of microseconds, whose magnitude is no long, from Spark's fixed text", () => {
    // interval.sql.out: `INTERVAL '-106751991 04:00:54.775808' DAY TO SECOND`, `INTERVAL '-2562047788:00:54.775808' HOUR TO SECOND`,
    // `INTERVAL '-153722867280:54.775808' MINUTE TO SECOND`, and the value `-106751991 04:00:54.775808000`.
    expect(formatDayTimeInterval(LONG_MIN, DayTimeIntervalType(), 'ansi')).toBe("INTERVAL '-106751991 04:00:54.775808' DAY TO SECOND")
    expect(formatDayTimeInterval(LONG_MIN, DayTimeIntervalType('hour', 'second'), 'ansi')).toBe("INTERVAL '-2562047788:00:54.775808' HOUR TO SECOND")
    expect(formatDayTimeInterval(LONG_MIN, DayTimeIntervalType('minute', 'second'), 'ansi')).toBe("INTERVAL '-153722867280:54.775808' MINUTE TO SECOND")
    expect(formatDayTimeInterval(LONG_MIN, DayTimeIntervalType('second'), 'ansi')).toBe("INTERVAL '-9223372036854.775808' SECOND")
    expect(formatDayTimeInterval(LONG_MIN, DayTimeIntervalType('day', 'hour'), 'ansi')).toBe("INTERVAL '-106751991 04' DAY TO HOUR")
    expect(formatDayTimeInterval(LONG_MIN, DayTimeIntervalType(), 'hive')).toBe('-106751991 04:00:54.775808000')
  })
})

describe('interval strings', () => {
  it("should read Spark's multi-unit interval strings", () => {
    // interval.sql.out: '-     1 second' is -1 s, '- -1 second' is no interval; only seconds take a fraction (nanoseconds truncated).
    expect(parseIntervalString('-     1 second')).toEqual({ months: 0, days: 0, micros: -1_000_000n })
    expect(parseIntervalString('interval 2 weeks 2 days 1 hour 3 minutes 2 seconds 100 millisecond 200 microseconds'))
      .toEqual({ months: 0, days: 16, micros: 3_782_100_200n })
    expect(parseIntervalString('1 YEAR 2 months')).toEqual({ months: 14, days: 0, micros: 0n })
    expect(parseIntervalString('-13.123456789 seconds')).toEqual({ months: 0, days: 0, micros: -13_123_456n })
    expect(parseIntervalString('.5 second')).toEqual({ months: 0, days: 0, micros: 500_000n })
    for (const bad of ['- -1 second', '1', '1 day -', '1 day 1', '1.5 days', '1 fortnight', 'interval', '', '1 dayz', '1 second 1234567890 seconds 0.0000000001 second']) {
      expect(() => parseIntervalString(bad), bad).toThrow(IntervalFormatError)
    }
  })

  it('should cast strings to ANSI intervals in the forms Spark lists for each type', () => {
    // IntervalUtils.supportedFormat: `[+|-]y-m`, `INTERVAL [+|-]'[+|-]y-m' YEAR TO MONTH`, `[+|-]d h:m:s.n`, ...
    expect(castStringToYearMonth('-1-2', YearMonthIntervalType())).toBe(-14)
    expect(castStringToYearMonth("interval -'-1-2' year to month", YearMonthIntervalType())).toBe(14)
    expect(castStringToYearMonth('3', YearMonthIntervalType('year'))).toBe(36)
    expect(castStringToDayTime('1 02:03:04.5', DayTimeIntervalType())).toBe(DAY + 7_384_500_000n)
    expect(castStringToDayTime("INTERVAL '-10' HOUR", DayTimeIntervalType('hour'))).toBe(-36_000_000_000n)
    expect(castStringToDayTime(' 90:00 ', DayTimeIntervalType('minute', 'second'))).toBe(5_400_000_000n)
    expect(() => castStringToYearMonth('1', YearMonthIntervalType())).toThrow(/does not match year-month format of `\[\+\|-\]y-m`/)
    expect(() => castStringToDayTime('1 25', DayTimeIntervalType('day', 'hour'))).toThrow(/hour 25 outside range \[0, 23\]/)
    expect(() => castStringToDayTime('1', DayTimeIntervalType('day', 'hour'))).toThrow(
      expect.objectContaining({ subclass: 'UNMATCHED_FORMAT_STRING_WITH_NOTICE' }))
  })
})

describe('TIME text', () => {
  it("should read and print times of day as Spark's TIME literals do", () => {
    // time.sql.out: TIME'0:0:0' → 00:00:00, '01:02:03 pM' → 13:02:03, '00:00:60' / '24:00:00' / '00:00:00 AM' are invalid.
    expect(parseTime('0:0:0')).toBe(0n)
    expect(formatTime(parseTime('01:02:03 pM')!)).toBe('13:02:03')
    expect(formatTime(parseTime('12:00:00 AM')!)).toBe('00:00:00')
    expect(formatTime(parseTime('16:39:45\t')!)).toBe('16:39:45')
    expect(formatTime(parseTime('23:59:59.999999999')!)).toBe('23:59:59.999999999')
    expect(formatTime(parseTime('01:18:19.870')!)).toBe('01:18:19.87')
    for (const bad of ['00:00:60', '00:60:00', '24:00:00', '00:00:00 AM', '13:00:00 PM', '12:48:31 abc', '12']) expect(parseTime(bad), bad).toBeNull()
  })
})

describe('public values of ANSI intervals and TIME', () => {
  it('should give months as a number, microseconds as a bigint and TIME as its text, and read them back', () => {
    expect(toPublicValue(-14, YearMonthIntervalType())).toBe(-14)
    expect(toPublicValue(LONG_MIN, DayTimeIntervalType())).toBe(LONG_MIN)
    expect(toPublicValue(45_296_789_000_000n, TimeType(3))).toBe('12:34:56.789')
    expect(fromPublicValue(-14, YearMonthIntervalType())).toBe(-14)
    expect(fromPublicValue("INTERVAL '1-2' YEAR TO MONTH", YearMonthIntervalType())).toBe(14)
    expect(fromPublicValue(90_000_000n, DayTimeIntervalType())).toBe(90_000_000n)
    expect(fromPublicValue('0 00:01:30', DayTimeIntervalType())).toBe(90_000_000n)
    expect(fromPublicValue('12:34:56.789123', TimeType(3))).toBe(45_296_789_000_000n)
    expect(() => fromPublicValue(1.5, YearMonthIntervalType())).toThrow(/CANNOT_ACCEPT_OBJECT_IN_TYPE/)
    expect(() => fromPublicValue('25:00', TimeType())).toThrow(/CANNOT_ACCEPT_OBJECT_IN_TYPE/)
    expect(() => fromPublicValue(2 ** 31, YearMonthIntervalType('month'))).toThrow(/VALUE_OUT_OF_BOUNDS/)
  })
})
