import { describe, expect, it } from 'vitest'
import { evaluateGoldenQuery } from '../sql/golden-conformance-support.js'

const value = (query: string, ansi = true): string => evaluateGoldenQuery(`SELECT ${query}`, ansi).rows[0]!
const errorOf = (query: string, ansi = true): unknown => {
  try {
    evaluateGoldenQuery(`SELECT ${query}`, ansi)
  } catch (error) {
    return (error as { errorClass?: string }).errorClass
  }
  return undefined
}

describe('casts of ANSI intervals and TIME', () => {
  it('should count numbers in the end field of the interval type (SPARK-40008, cast.sql)', () => {
    expect(value('cast(1Y as interval year)')).toBe('1-0')
    expect(value('cast(-122S as interval year to month)')).toBe('-10-2')
    expect(value('cast(1000 as interval month)')).toBe('83-4')
    expect(value('cast(-10L as interval second)')).toBe('-0 00:00:10.000000000')
    expect(value('cast(100Y as interval hour to second)')).toBe('0 00:01:40.000000000')
    expect(value('cast(10 as interval day)')).toBe('10 00:00:00.000000000')
    // Decimals are rounded HALF_UP to whole months / microseconds.
    expect(value('cast(10.123456BD as interval day to second)')).toBe('0 00:00:10.123456000')
    expect(value('cast(-10.123456BD as interval year to month)')).toBe('-0-10')
    expect(value('cast(10.654321BD as interval month)')).toBe('0-11')
    // cast.sql.out: overflow is CAST_OVERFLOW in both modes.
    for (const ansi of [true, false]) {
      expect(errorOf('cast(2147483647 as interval year)', ansi)).toBe('CAST_OVERFLOW')
      expect(errorOf('cast(-9223372036854775808L as interval day)', ansi)).toBe('CAST_OVERFLOW')
    }
  })

  it('should keep an interval to the end field of the target type', () => {
    expect(value("cast(interval '1-11' year to month as interval year)")).toBe('1-0')
    expect(value("cast(interval '1 23:59:59.5' day to second as interval day to hour)")).toBe('1 23:00:00.000000000')
    expect(value("cast(interval '23:59:59.5' hour to second as interval second)")).toBe('0 23:59:59.500000000')
  })

  it("should read strings in the forms of the target's fields and fail on others in every mode (TRY_CAST: NULL)", () => {
    expect(value("cast('1 02:03:04' as interval day to second)")).toBe('1 02:03:04.000000000')
    expect(value("cast('INTERVAL -\\'1-2\\' YEAR TO MONTH' as interval year to month)")).toBe('-1-2')
    for (const ansi of [true, false]) {
      expect(errorOf("cast('1 02' as interval day to second)", ansi)).toBe('INVALID_INTERVAL_FORMAT.UNMATCHED_FORMAT_STRING_WITH_NOTICE')
      expect(errorOf("cast('1' as interval year to month)", ansi)).toBe('INVALID_INTERVAL_FORMAT.UNMATCHED_FORMAT_STRING')
      expect(value("try_cast('x' as interval day)", ansi)).toBe('NULL')
    }
    // A calendar interval cast of text that is none is NULL in every mode (interval.sql.out: cast('- -1 second' as interval)).
    expect(value("cast('- -1 second' as interval)")).toBe('NULL')
  })

  it('should cast TIME from text and timestamps, and to numbers (cast.sql.out, time.sql.out)', () => {
    expect(value("CAST(timestamp_ntz'2020-05-17 12:34:56.789012' AS TIME(3))")).toBe('12:34:56.789')
    expect(value("CAST(timestamp'2020-05-17 12:34:56.789012' AS TIME(0))")).toBe('12:34:56')
    expect(value("CAST(timestamp_ntz'1969-12-31 23:59:59.123456' AS TIME(6))")).toBe('23:59:59.123456')
    expect(value("CAST(CAST(TIME'12:34:56.789012' AS TIMESTAMP_NTZ) AS TIME(6))")).toBe('12:34:56.789012')
    expect(value("CAST(TIME '00:00:17.9' AS int)")).toBe('17')
    expect(value("CAST('25:00' AS TIME)", false)).toBe('NULL')
    expect(errorOf("CAST('25:00' AS TIME)")).toBe('CAST_INVALID_INPUT')
    expect(value("CAST(time '23:59:59' AS decimal(4, 0))", false)).toBe('NULL')
    expect(errorOf("CAST(time '23:59:59' AS decimal(4, 0))")).toBe('NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION')
    expect(errorOf("CAST(time '12:00:00' AS boolean)")).toBe('DATATYPE_MISMATCH.CAST_WITH_CONF_SUGGESTION')
  })
})
