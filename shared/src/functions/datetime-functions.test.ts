import { describe, expect, it } from 'vitest'
import { BooleanType, DateType, DecimalType, DoubleType, IntegerType, LongType, ShortType, StringType, TimestampType } from '../types/data-type.js'
import { callScalar, testContext, type TypedValue } from './function-test-support.js'

const s = (v: string | null): TypedValue => [v, StringType]
const i = (v: number | null): TypedValue => [v, IntegerType]
/** Days since the epoch of a UTC calendar date, computed with Date.UTC. */
const days = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / 86_400_000
const date = (y: number, m: number, d: number): TypedValue => [days(y, m, d), DateType]
/** Micros of a UTC wall-clock time. */
const utc = (y: number, mo: number, d: number, h = 0, mi = 0, sec = 0, ms = 0): number => Date.UTC(y, mo - 1, d, h, mi, sec, ms) * 1000
const ts = (micros: number): TypedValue => [micros, TimestampType]
const LA = { timeZone: 'America/Los_Angeles' }

describe('datetime functions', () => {
  it('should parse timestamps and dates with patterns (Spark docs)', () => {
    expect(callScalar('to_timestamp', [s('2016-12-31'), s('yyyy-MM-dd')])).toBe(utc(2016, 12, 31))
    expect(callScalar('to_timestamp', [s('2016-12-31 00:12:00.5'), s('yyyy-MM-dd HH:mm:ss.S')])).toBe(utc(2016, 12, 31, 0, 12, 0, 500))
    expect(callScalar('to_timestamp', [s('2016-12-31'), s('yyyy-MM-dd')], LA)).toBe(utc(2016, 12, 31, 8))
    expect(callScalar('to_timestamp', [s('20161231 1:02 PM'), s('yyyyMMdd h:mm a')])).toBe(utc(2016, 12, 31, 13, 2))
    expect(callScalar('to_timestamp', [s('31 Dec 2016 +01:00'), s('dd MMM yyyy XXX')])).toBe(utc(2016, 12, 30, 23))
    expect(callScalar('to_date', [s('2016-12-31'), s('yyyy-MM-dd')])).toBe(days(2016, 12, 31))
    expect(callScalar('to_date', [s('12/31/2016'), s('MM/dd/yyyy')])).toBe(days(2016, 12, 31))
  })

  it('should fail to parse with CANNOT_PARSE_TIMESTAMP in ANSI mode and give null otherwise (golden: to_date("02-29", "MM-dd"))', () => {
    expect(() => callScalar('to_date', [s('02-29'), s('MM-dd')])).toThrow(/CANNOT_PARSE_TIMESTAMP/)
    expect(callScalar('to_date', [s('02-29'), s('MM-dd')], { ansi: false })).toBeNull()
    expect(callScalar('to_timestamp', [s('2016-12-31 trailing'), s('yyyy-MM-dd')], { ansi: false })).toBeNull()
    expect(() => callScalar('to_date', [s('26/October/2015'), s('dd/MMMMM/yyyy')])).toThrow(/DATETIME_PATTERN_RECOGNITION/)
    expect(() => callScalar('date_format', [ts(0), s('YYYY')])).toThrow(/DATETIME_WEEK_BASED_PATTERN/)
  })

  it('should format timestamps in the session time zone (Spark docs)', () => {
    expect(callScalar('date_format', [ts(utc(2016, 4, 8)), s('y')])).toBe('2016')
    expect(callScalar('date_format', [ts(utc(2016, 4, 8, 13, 5, 9, 120)), s('yyyy-MM-dd HH:mm:ss.SSS')])).toBe('2016-04-08 13:05:09.120')
    expect(callScalar('date_format', [ts(utc(2016, 4, 8, 13, 5)), s("EEEE, MMMM d ''yy h:mm a")])).toBe("Friday, April 8 '16 1:05 PM")
    expect(callScalar('date_format', [ts(utc(2016, 4, 8)), s('yyyy-MM-dd HH:mm XXX')], LA)).toBe('2016-04-07 17:00 -07:00')
    expect(callScalar('from_unixtime', [[0n, LongType], s('yyyy-MM-dd HH:mm:ss')], LA)).toBe('1969-12-31 16:00:00')
  })

  it('should convert unix times (Spark docs: unix_timestamp(2016-04-08, yyyy-MM-dd) = 1460098800 in Los Angeles)', () => {
    expect(callScalar('unix_timestamp', [s('2016-04-08'), s('yyyy-MM-dd')], LA)).toBe(1460098800n)
    expect(callScalar('unix_timestamp', [ts(utc(2016, 4, 8, 0, 0, 1, 999))])).toBe(1460073601n)
    expect(callScalar('unix_timestamp', [date(1970, 1, 2)])).toBe(86400n)
    expect(callScalar('unix_timestamp', [])).toBe(BigInt(Math.floor(testContext.currentTimestampMicros / 1e6)))
    expect(callScalar('to_unix_timestamp', [s('1970-01-01 00:01:00')])).toBe(60n)
    expect(callScalar('timestamp_seconds', [[1230219000n, LongType]])).toBe(utc(2008, 12, 25, 15, 30))
    expect(callScalar('timestamp_seconds', [[1230219000.123, DoubleType]])).toBe(utc(2008, 12, 25, 15, 30, 0, 123))
    expect(callScalar('timestamp_seconds', [[1230219000123n, DecimalType(13, 3)]])).toBe(utc(2008, 12, 25, 15, 30, 0, 123))
    expect(callScalar('timestamp_millis', [[1230219000123n, LongType]])).toBe(utc(2008, 12, 25, 15, 30, 0, 123))
    expect(callScalar('unix_seconds', [ts(1_000_001)])).toBe(1n)
    expect(callScalar('unix_millis', [ts(-1)])).toBe(-1n)
    expect(callScalar('unix_date', [date(2020, 12, 4)])).toBe(18600)
    expect(callScalar('date_from_unix_date', [i(1000)])).toBe(days(1972, 9, 27))
  })

  it('should extract calendar fields (Spark docs)', () => {
    expect(callScalar('year', [date(2016, 7, 30)])).toBe(2016)
    expect(callScalar('month', [date(2016, 7, 30)])).toBe(7)
    expect(callScalar('day', [date(2009, 7, 30)])).toBe(30)
    expect(callScalar('dayofweek', [date(2009, 7, 30)])).toBe(5)
    expect(callScalar('weekday', [date(2009, 7, 30)])).toBe(3)
    expect(callScalar('weekday', [date(2007, 2, 3)])).toBe(5)
    expect(callScalar('dayofyear', [date(2016, 4, 9)])).toBe(100)
    expect(callScalar('weekofyear', [date(2008, 2, 20)])).toBe(8)
    expect(callScalar('weekofyear', [date(2021, 1, 1)])).toBe(53)
    expect(callScalar('quarter', [date(2016, 8, 31)])).toBe(3)
    expect(callScalar('year', [date(1500, 1, 1)])).toBe(1500)
    expect(callScalar('hour', [ts(utc(2009, 7, 30, 12, 58, 59))])).toBe(12)
    expect(callScalar('hour', [ts(utc(2009, 7, 30, 12, 58, 59))], LA)).toBe(5)
    expect(callScalar('minute', [ts(utc(2009, 7, 30, 12, 58, 59))])).toBe(58)
    expect(callScalar('second', [ts(utc(2009, 7, 30, 12, 58, 59))])).toBe(59)
  })

  it('should do date arithmetic (Spark docs and golden cases)', () => {
    expect(callScalar('date_add', [date(2016, 7, 30), i(1)])).toBe(days(2016, 7, 31))
    expect(callScalar('date_add', [date(2011, 11, 11), [1, ShortType]])).toBe(days(2011, 11, 12))
    expect(callScalar('date_sub', [date(2016, 7, 30), i(1)])).toBe(days(2016, 7, 29))
    expect(callScalar('date_add', [date(2011, 11, 11), i(null)])).toBeNull()
    expect(() => callScalar('date_add', [date(2011, 11, 11), [1n, LongType]])).toThrow(/UNEXPECTED_INPUT_TYPE/)
    expect(() => callScalar('date_add', [date(2011, 11, 11), [1.0, DoubleType]])).toThrow(/UNEXPECTED_INPUT_TYPE/)
    expect(callScalar('datediff', [date(2009, 7, 31), date(2009, 7, 30)])).toBe(1)
    expect(callScalar('add_months', [date(2016, 8, 31), i(1)])).toBe(days(2016, 9, 30))
    expect(callScalar('add_months', [date(2016, 1, 31), i(-13)])).toBe(days(2014, 12, 31))
    expect(callScalar('months_between', [ts(utc(1997, 2, 28, 10, 30)), ts(utc(1996, 10, 30))])).toBe(3.94959677)
    expect(callScalar('months_between', [ts(utc(1997, 2, 28, 10, 30)), ts(utc(1996, 10, 30)), [false, BooleanType]])).toBe(3.9495967741935485)
    expect(callScalar('months_between', [ts(utc(2017, 2, 28)), ts(utc(2017, 1, 31))])).toBe(1)
    expect(callScalar('last_day', [date(2009, 1, 12)])).toBe(days(2009, 1, 31))
    expect(callScalar('next_day', [date(2015, 1, 14), s('TU')])).toBe(days(2015, 1, 20))
    expect(callScalar('next_day', [date(2015, 7, 23), s('Mon')])).toBe(days(2015, 7, 27))
    expect(() => callScalar('next_day', [date(2015, 7, 23), s('xx')])).toThrow(/ILLEGAL_DAY_OF_WEEK/)
    expect(callScalar('make_date', [i(2013), i(7), i(15)])).toBe(days(2013, 7, 15))
    expect(callScalar('make_date', [i(12), i(12), i(12)])).toBe(new Date(0).setUTCFullYear(12, 11, 12) / 86_400_000)
    expect(() => callScalar('make_date', [i(2000), i(13), i(1)])).toThrow(/DATETIME_FIELD_OUT_OF_BOUNDS/)
    expect(callScalar('make_date', [i(2000), i(13), i(1)], { ansi: false })).toBeNull()
  })

  it('should truncate dates and timestamps (Spark docs)', () => {
    const t = utc(2015, 3, 5, 9, 32, 5) + 359_000
    expect(callScalar('date_trunc', [s('YEAR'), ts(t)])).toBe(utc(2015, 1, 1))
    expect(callScalar('date_trunc', [s('MM'), ts(t)])).toBe(utc(2015, 3, 1))
    expect(callScalar('date_trunc', [s('DD'), ts(t)])).toBe(utc(2015, 3, 5))
    expect(callScalar('date_trunc', [s('HOUR'), ts(t)])).toBe(utc(2015, 3, 5, 9))
    expect(callScalar('date_trunc', [s('MILLISECOND'), ts(utc(2015, 3, 5, 9, 32, 5) + 123_456)])).toBe(utc(2015, 3, 5, 9, 32, 5) + 123_000)
    expect(callScalar('date_trunc', [s('DAY'), ts(utc(2015, 3, 5, 3))], LA)).toBe(utc(2015, 3, 4, 8))
    expect(callScalar('date_trunc', [s('bogus'), ts(t)])).toBeNull()
    expect(callScalar('trunc', [date(2019, 8, 4), s('week')])).toBe(days(2019, 7, 29))
    expect(callScalar('trunc', [date(2019, 8, 4), s('quarter')])).toBe(days(2019, 7, 1))
    expect(callScalar('trunc', [date(2009, 2, 12), s('MM')])).toBe(days(2009, 2, 1))
    expect(callScalar('trunc', [date(2015, 10, 27), s('YEAR')])).toBe(days(2015, 1, 1))
    expect(callScalar('trunc', [date(2015, 10, 27), s('DD')])).toBeNull()
  })

  it('should give the query time for current_timestamp and current_date, and shift zones (Spark docs)', () => {
    expect(callScalar('current_timestamp', [])).toBe(testContext.currentTimestampMicros)
    expect(callScalar('now', [])).toBe(testContext.currentTimestampMicros)
    expect(callScalar('current_date', [])).toBe(days(2026, 11, 27))
    expect(callScalar('from_utc_timestamp', [ts(utc(2016, 8, 31)), s('Asia/Seoul')])).toBe(utc(2016, 8, 31, 9))
    expect(callScalar('to_utc_timestamp', [ts(utc(2016, 8, 31)), s('Asia/Seoul')])).toBe(utc(2016, 8, 30, 15))
  })
})
