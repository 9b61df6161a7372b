import { describe, expect, it } from 'vitest'
import {
  ArrayType, DecimalType, DoubleType, IntegerType, LongType, MapType, StringType, StructField, StructType, TimestampType,
} from '../types/data-type.js'
import { parseDDL } from '../types/ddl-parser.js'
import {
  fromPublicRow, fromPublicValue, inferSchemaOfPublicRows, inferTypeOfPublicValue, mergeInferredTypes, rowToArray, rowToObject, toPublicValue,
} from './public-values.js'

// `date -u -d "2021-09-08 11:11:11" +%s` → 1631099471
const SEPT_8_MICROS = 1_631_099_471_000_000
const schema = parseDDL(
  'id BIGINT, price DECIMAL(10,2), day DATE, at TIMESTAMP, geolocation STRUCT<city: STRING, country: STRING>, ' +
  'tags ARRAY<STRING>, counts MAP<STRING, INT>, raw BINARY, ok BOOLEAN')

describe('rowToObject', () => {
  it('should give public values keyed by field name', () => {
    const row = [1_400_000_000_123_456_789n, -50n, 18878, SEPT_8_MICROS + 999, ['Paris', 'FR'], ['a', null],
      new Map([['x', 1]]), new Uint8Array([1, 2]), true]
    expect(rowToObject(row, schema)).toEqual({
      id: 1_400_000_000_123_456_789n, price: '-0.50', day: '2021-09-08', at: new Date('2021-09-08T11:11:11.000Z'),
      geolocation: { city: 'Paris', country: 'FR' }, tags: ['a', null], counts: new Map([['x', 1]]),
      raw: new Uint8Array([1, 2]), ok: true,
    })
  })
  it('should keep a column named __proto__ as a column', () => {
    const odd = parseDDL('`__proto__` INT, b INT')
    const object = rowToObject([1, 2], odd)
    expect(Object.keys(object)).toEqual(['__proto__', 'b'])
    expect(Object.getPrototypeOf(object)).toBe(Object.prototype)
    expect(fromPublicRow(object, odd)).toEqual([1, 2])
    expect(fromPublicRow({ b: 2 }, odd)).toEqual([null, 2])
  })
  it('should give null for every null', () => {
    expect(rowToArray(new Array(9).fill(null), schema)).toEqual(new Array(9).fill(null))
  })
  it('should floor microseconds before the epoch to milliseconds', () => {
    expect((toPublicValue(-1, TimestampType) as Date).toISOString()).toBe('1969-12-31T23:59:59.999Z')
  })
})

describe('fromPublicValue', () => {
  it('should read the public forms back to internal values', () => {
    const row = fromPublicRow({
      id: 42, price: '12.345', day: '2021-09-08', at: '2021-09-08T11:11:11Z',
      geolocation: { city: 'Paris' }, tags: ['a'], counts: { x: 1 }, raw: new Uint8Array([3]), ok: false,
    }, schema)
    expect(row).toEqual([42n, 1235n, 18878, SEPT_8_MICROS, ['Paris', null], ['a'], new Map([['x', 1]]), new Uint8Array([3]), false])
  })
  it('should accept a Date for timestamps and dates, an array for structs and bigints beyond 2^53', () => {
    expect(fromPublicValue(new Date('2021-09-08T11:11:11.5Z'), TimestampType)).toBe(SEPT_8_MICROS + 500_000)
    expect(fromPublicValue(new Date('2021-09-08T23:00:00Z'), parseDDL('d DATE').fields[0]!.dataType)).toBe(18878)
    expect(fromPublicValue(['Rome', 'IT'], schema.fields[4]!.dataType)).toEqual(['Rome', 'IT'])
    expect(fromPublicValue(9_007_199_254_740_993n, LongType)).toBe(9_007_199_254_740_993n)
    expect(fromPublicValue(7, DecimalType(5, 1))).toBe(70n)
    expect(fromPublicValue({ '1': 'a' }, MapType(IntegerType, StringType))).toEqual(new Map([[1, 'a']]))
  })
  it('should read a timestamp string without offset in the given zone', () => {
    expect(fromPublicValue('2021-09-08 13:11:11', TimestampType, 'at', { timeZone: 'Europe/Paris' })).toBe(SEPT_8_MICROS)
  })
  it('should name the field of a wrong value', () => {
    expect(() => fromPublicRow({ geolocation: { city: 42 } }, schema)).toThrow("[CANNOT_ACCEPT_OBJECT_IN_TYPE] Field 'geolocation.city': STRING can not accept object 42 in type number.")
    expect(() => fromPublicValue(1.5, LongType, 'id')).toThrow(/Field 'id': BIGINT can not accept object 1.5/)
    expect(() => fromPublicValue(2 ** 31, IntegerType, 'n')).toThrow(/VALUE_OUT_OF_BOUNDS.*'n'/)
    expect(() => fromPublicValue('123456789.1', DecimalType(10, 2), 'p')).toThrow(/VALUE_OUT_OF_BOUNDS.*'p'/)
    expect(() => fromPublicValue('2021-02-30', parseDDL('d DATE').fields[0]!.dataType, 'd')).toThrow(/CANNOT_ACCEPT_OBJECT_IN_TYPE/)
    expect(() => fromPublicValue(['a', 1], ArrayType(StringType), 'tags')).toThrow(/Field 'tags\[1\]'/)
  })
  it('should refuse null in a non-nullable field and a row of the wrong length', () => {
    const strict = StructType([StructField('a', IntegerType, false)])
    expect(() => fromPublicRow({ a: null }, strict)).toThrow("[FIELD_NOT_NULLABLE] Field 'a' is not nullable, but got null.")
    expect(() => fromPublicRow([1, 2], strict)).toThrow(/LENGTH_SHOULD_BE_THE_SAME/)
  })
})

describe('inferTypeOfPublicValue', () => {
  it('should infer as PySpark does', () => {
    expect(inferTypeOfPublicValue(1)).toEqual(LongType)
    expect(inferTypeOfPublicValue(1.5)).toEqual(DoubleType)
    expect(inferTypeOfPublicValue(1e20)).toEqual(DoubleType)
    expect(inferTypeOfPublicValue(1n)).toEqual(LongType)
    expect(inferTypeOfPublicValue(new Date(0))).toEqual(TimestampType)
    expect(inferTypeOfPublicValue([1, 2.5, null])).toEqual(ArrayType(DoubleType))
    expect(inferTypeOfPublicValue({ city: 'Paris' })).toEqual(StructType([StructField('city', StringType)]))
    expect(inferTypeOfPublicValue(new Map([['a', 1]]))).toEqual(MapType(StringType, LongType))
  })
  it('should refuse mixed types naming the field', () => {
    expect(() => inferTypeOfPublicValue({ a: [1, 'x'] })).toThrow(/CANNOT_MERGE_TYPE.*'value.a'/)
    expect(() => mergeInferredTypes(StringType, LongType, 'c')).toThrow("Field 'c': cannot merge type string with bigint.")
  })
})

describe('inferSchemaOfPublicRows', () => {
  it('should merge rows, keep first-seen field order and make all fields nullable', () => {
    expect(inferSchemaOfPublicRows([{ a: 1, b: null }, { b: 'x', c: 2.5 }, { a: 2.5 }])).toEqual(StructType([
      StructField('a', DoubleType), StructField('b', StringType), StructField('c', DoubleType),
    ]))
  })
  it('should refuse a field of only nulls', () => {
    expect(() => inferSchemaOfPublicRows([{ a: null }])).toThrow(/CANNOT_DETERMINE_TYPE.*'a'/)
    expect(() => inferSchemaOfPublicRows([{ a: [] }])).toThrow(/CANNOT_DETERMINE_TYPE.*'a\[\]'/)
  })
})
