import { describe, expect, it } from 'vitest'
import {
  ArrayType, BooleanType, ByteType, DateType, DecimalType, DoubleType, FloatType, IntegerType, LongType, MapType,
  StringType, StructField, StructType, TimestampType, type DataType,
} from '../types/data-type.js'
import { buildCast, canCast } from './cast.js'

const cast = (value: unknown, from: DataType, to: DataType, ansi = true, timeZone = 'UTC'): unknown =>
  buildCast(from, to, { ansi, timeZone })(value)

describe('buildCast', () => {
  it('should parse strings to integers, refusing malformed input in ANSI mode', () => {
    expect(cast(' 42 ', StringType, IntegerType)).toBe(42)
    expect(() => cast('1.5', StringType, IntegerType)).toThrow(
      `The value '1.5' of the type "STRING" cannot be cast to "INT" because it is malformed.`)
    expect(cast('1.5', StringType, IntegerType, false)).toBe(1)
    expect(cast('abc', StringType, IntegerType, false)).toBeNull()
    expect(() => cast('2147483648', StringType, IntegerType)).toThrow(/CAST_INVALID_INPUT/)
    expect(cast('9223372036854775807', StringType, LongType)).toBe(9223372036854775807n)
  })

  it('should raise CAST_OVERFLOW in ANSI mode and wrap or saturate otherwise', () => {
    expect(() => cast(300, IntegerType, ByteType)).toThrow(
      'The value 300 of the type "INT" cannot be cast to "TINYINT" due to an overflow.')
    expect(cast(300, IntegerType, ByteType, false)).toBe(44)
    expect(() => cast(1e10, DoubleType, IntegerType)).toThrow(/CAST_OVERFLOW.*1\.0E10D/)
    expect(cast(1e10, DoubleType, IntegerType, false)).toBe(2147483647)
    expect(cast(NaN, DoubleType, LongType, false)).toBe(0n)
    expect(cast(-4.56, DoubleType, LongType)).toBe(-4n)
  })

  it('should cast to and from decimals with rounding HALF_UP and precision checks', () => {
    expect(cast('123.455', StringType, DecimalType(5, 2))).toBe(12346n)
    expect(() => cast('1234.5', StringType, DecimalType(5, 2))).toThrow(/NUMERIC_VALUE_OUT_OF_RANGE/)
    expect(cast('1234.5', StringType, DecimalType(5, 2), false)).toBeNull()
    expect(cast(12345n, DecimalType(5, 2), IntegerType)).toBe(123)
    expect(cast(-12345n, DecimalType(5, 2), DoubleType)).toBe(-123.45)
    expect(cast(0.125, DoubleType, DecimalType(4, 2))).toBe(13n)
  })

  it('should print values as Spark casts them to string', () => {
    expect(cast(1e7, DoubleType, StringType)).toBe('1.0E7')
    expect(cast(0.1, DoubleType, StringType)).toBe('0.1')
    expect(cast(Math.fround(1.1), FloatType, StringType)).toBe('1.1')
    expect(cast(-5n, DecimalType(3, 2), StringType)).toBe('-0.05')
    expect(cast(18262, DateType, StringType)).toBe('2020-01-01')
    expect(cast(1_500_000, TimestampType, StringType)).toBe('1970-01-01 00:00:01.5')
    expect(cast(0, TimestampType, StringType, true, 'America/Los_Angeles')).toBe('1969-12-31 16:00:00')
    expect(cast([1, null], ArrayType(IntegerType), StringType)).toBe('[1, null]')
    expect(cast(new Map([['a', 1]]), MapType(StringType, IntegerType), StringType)).toBe('{a -> 1}')
    expect(cast([1, 'x'], StructType([StructField('a', IntegerType), StructField('b', StringType)]), StringType)).toBe('{1, x}')
    expect(cast(true, BooleanType, StringType)).toBe('true')
  })

  it('should parse booleans, dates and timestamps from strings', () => {
    expect(cast(' YES', StringType, BooleanType)).toBe(true)
    expect(() => cast('maybe', StringType, BooleanType)).toThrow(/CAST_INVALID_INPUT/)
    expect(cast('2020-01-01', StringType, DateType)).toBe(18262)
    expect(cast('2020-01-01 00:00:01', StringType, TimestampType)).toBe(1_577_836_801_000_000)
    expect(cast('1970-01-01 00:00:00', StringType, TimestampType, true, 'America/Los_Angeles')).toBe(8 * 3600 * 1_000_000)
    expect(cast(8 * 3600 * 1_000_000 - 1, TimestampType, DateType, true, 'America/Los_Angeles')).toBe(-1)
  })

  it('should parse Java double spellings', () => {
    expect(cast('1e3', StringType, DoubleType)).toBe(1000)
    expect(cast('-Infinity', StringType, DoubleType)).toBe(-Infinity)
    expect(Number.isNaN(cast('NaN', StringType, DoubleType))).toBe(true)
  })
})

describe('canCast', () => {
  it('should refuse casts Spark refuses in ANSI mode', () => {
    expect(canCast(DateType, IntegerType, true)).toBe(false)
    expect(canCast(DateType, IntegerType, false)).toBe(true)
    expect(canCast(IntegerType, StringType, true)).toBe(true)
    expect(canCast(ArrayType(IntegerType), ArrayType(StringType), true)).toBe(true)
    expect(canCast(ArrayType(IntegerType), IntegerType, true)).toBe(false)
  })
})
