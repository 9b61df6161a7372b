import { describe, expect, it } from 'vitest'
import {
  civilToDays, dateStringToDays, daysToCivil, daysToDateString, microsToIsoUtc, microsToLocalDateTime,
  microsToTimestampNtzString, microsToTimestampString, timestampNtzStringToMicros, timestampStringToMicros,
} from './temporal.js'

// Expected epoch values computed with GNU date, e.g. `date -u -d "2021-09-08 11:11:11" +%s` = 1631099471.
const SEPT_8_2021_111111_UTC = 1_631_099_471_000_000

describe('daysToDateString', () => {
  it('should print dates as yyyy-MM-dd in the proleptic Gregorian calendar', () => {
    expect(daysToDateString(0)).toBe('1970-01-01')
    expect(daysToDateString(-1)).toBe('1969-12-31')
    expect(daysToDateString(18878)).toBe('2021-09-08')
    expect(daysToDateString(11016)).toBe('2000-02-29')
    expect(daysToDateString(-141428)).toBe('1582-10-14')
  })
  it('should print years beyond 9999 with + and years before 1 as Spark does', () => {
    expect(daysToDateString(2932897)).toBe('+10000-01-01')
    expect(daysToDateString(-719528)).toBe('0000-01-01')
    expect(daysToDateString(-719529)).toBe('-0001-12-31')
  })
  it('should agree with civilToDays over a long range', () => {
    for (let days = -800_000; days < 3_000_000; days += 997) {
      const { year, month, day } = daysToCivil(days)
      expect(civilToDays(year, month, day)).toBe(days)
    }
  })
})

describe('dateStringToDays', () => {
  it('should accept the forms Spark accepts', () => {
    expect(dateStringToDays('2021-09-08')).toBe(18878)
    expect(dateStringToDays('2021-9-8')).toBe(18878)
    expect(dateStringToDays('2021')).toBe(18628)
    expect(dateStringToDays('2021-02')).toBe(18659)
    expect(dateStringToDays(' 2021-09-08T12:00:00 ')).toBe(18878)
    expect(dateStringToDays('2021-09-08 anything')).toBe(18878)
    expect(dateStringToDays('+10000-01-01')).toBe(2932897)
    expect(dateStringToDays('-0001-12-31')).toBe(-719529)
  })
  it('should return null for invalid dates', () => {
    expect(dateStringToDays('2021-02-29')).toBeNull()
    expect(dateStringToDays('2021-13-01')).toBeNull()
    expect(dateStringToDays('21-01-01')).toBeNull()
    expect(dateStringToDays('2021/01/01')).toBeNull()
    expect(dateStringToDays('2021-01 x')).toBeNull()
    expect(dateStringToDays('')).toBeNull()
  })
})

describe('microsToTimestampString', () => {
  it('should print the wall clock in the zone with the fraction trimmed', () => {
    expect(microsToTimestampString(SEPT_8_2021_111111_UTC, 'UTC')).toBe('2021-09-08 11:11:11')
    expect(microsToTimestampString(SEPT_8_2021_111111_UTC + 500_000, 'UTC')).toBe('2021-09-08 11:11:11.5')
    expect(microsToTimestampString(SEPT_8_2021_111111_UTC + 120, 'UTC')).toBe('2021-09-08 11:11:11.00012')
    expect(microsToTimestampString(SEPT_8_2021_111111_UTC, 'America/Los_Angeles')).toBe('2021-09-08 04:11:11')
    expect(microsToTimestampString(0, 'Asia/Kolkata')).toBe('1970-01-01 05:30:00')
    expect(microsToTimestampString(0, '+05:30')).toBe('1970-01-01 05:30:00')
    expect(microsToTimestampString(0, 'GMT-3')).toBe('1969-12-31 21:00:00')
    expect(microsToTimestampString(-1, 'UTC')).toBe('1969-12-31 23:59:59.999999')
  })
  it('should use local mean time before standard zones existed, as Java does', () => {
    // TZ=America/Los_Angeles date -d @-4417977600 → 1829-12-31 16:07:02 (LMT -7:52:58)
    expect(microsToTimestampString(-4_417_977_600_000_000, 'America/Los_Angeles')).toBe('1829-12-31 16:07:02')
  })
  it('should refuse an unknown session zone', () => {
    expect(() => microsToTimestampString(0, 'Mars/Olympus')).toThrow(/INVALID_CONF_VALUE.TIME_ZONE/)
  })
  it('should print TIMESTAMP_NTZ as stored', () => {
    expect(microsToTimestampNtzString(SEPT_8_2021_111111_UTC)).toBe('2021-09-08 11:11:11')
  })
})

describe('microsToLocalDateTime', () => {
  it('should split a timestamp into local fields', () => {
    expect(microsToLocalDateTime(SEPT_8_2021_111111_UTC + 42, 'America/Los_Angeles')).toEqual({
      year: 2021, month: 9, day: 8, hour: 4, minute: 11, second: 11, microsecond: 42, days: 18878,
    })
  })
})

describe('timestampStringToMicros', () => {
  it('should read the wall clock in the session zone', () => {
    expect(timestampStringToMicros('2021-09-08 11:11:11', 'UTC')).toBe(SEPT_8_2021_111111_UTC)
    expect(timestampStringToMicros('2021-09-08T04:11:11', 'America/Los_Angeles')).toBe(SEPT_8_2021_111111_UTC)
    expect(timestampStringToMicros('2021-09-08', 'UTC')).toBe(18878 * 86_400_000_000)
    expect(timestampStringToMicros('2021-09-08 11:11', 'UTC')).toBe(SEPT_8_2021_111111_UTC - 11_000_000)
  })
  it('should read fractions to microseconds and drop further digits', () => {
    expect(timestampStringToMicros('2021-09-08 11:11:11.5', 'UTC')).toBe(SEPT_8_2021_111111_UTC + 500_000)
    expect(timestampStringToMicros('2021-09-08 11:11:11.123456789', 'UTC')).toBe(SEPT_8_2021_111111_UTC + 123_456)
  })
  it('should honour a zone in the text', () => {
    expect(timestampStringToMicros('2021-09-08T11:11:11Z', 'America/Los_Angeles')).toBe(SEPT_8_2021_111111_UTC)
    expect(timestampStringToMicros('2021-09-08T13:11:11+02:00', 'UTC')).toBe(SEPT_8_2021_111111_UTC)
    expect(timestampStringToMicros('2021-09-08 13:11:11 +0200', 'UTC')).toBe(SEPT_8_2021_111111_UTC)
    expect(timestampStringToMicros('2021-09-08 06:11:11 UTC-5', 'UTC')).toBe(SEPT_8_2021_111111_UTC)
    expect(timestampStringToMicros('2021-09-08 13:11:11 Europe/Paris', 'UTC')).toBe(SEPT_8_2021_111111_UTC)
    expect(timestampStringToMicros('2021-09-08 04:11:11 PST', 'UTC')).toBe(SEPT_8_2021_111111_UTC)
  })
  it('should resolve gaps later and overlaps to the earlier offset, as Java does', () => {
    // TZ=America/Los_Angeles date -d "2021-03-14 03:30:00" +%s → 1615717800
    expect(timestampStringToMicros('2021-03-14 02:30:00', 'America/Los_Angeles')).toBe(1_615_717_800_000_000)
    // TZ=America/Los_Angeles date -d "2021-11-07 01:30:00 PDT" +%s → 1636273800
    expect(timestampStringToMicros('2021-11-07 01:30:00', 'America/Los_Angeles')).toBe(1_636_273_800_000_000)
  })
  it('should return null for invalid text', () => {
    expect(timestampStringToMicros('2021-09-08 25:00:00', 'UTC')).toBeNull()
    expect(timestampStringToMicros('2021-02-30 10:00:00', 'UTC')).toBeNull()
    expect(timestampStringToMicros('2021-09-08 10:00:00 Nowhere/Land', 'UTC')).toBeNull()
    expect(timestampStringToMicros('not a time', 'UTC')).toBeNull()
  })
  it('should take a bare time on today\'s date', () => {
    const micros = timestampStringToMicros('12:34:56', 'UTC')!
    expect(microsToTimestampString(micros, 'UTC').slice(11)).toBe('12:34:56')
  })
})

describe('timestampNtzStringToMicros', () => {
  it('should keep the wall clock and refuse a zone', () => {
    expect(timestampNtzStringToMicros('2021-09-08 11:11:11')).toBe(SEPT_8_2021_111111_UTC)
    expect(timestampNtzStringToMicros('2021-09-08 11:11:11Z')).toBeNull()
  })
})

describe('microsToIsoUtc', () => {
  it('should print ISO-8601 UTC with milliseconds', () => {
    expect(microsToIsoUtc(SEPT_8_2021_111111_UTC)).toBe('2021-09-08T11:11:11.000Z')
    expect(microsToIsoUtc(SEPT_8_2021_111111_UTC + 123_999)).toBe('2021-09-08T11:11:11.123Z')
  })
})
