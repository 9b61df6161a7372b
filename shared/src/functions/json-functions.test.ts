import { describe, expect, it } from 'vitest'
import {
  ArrayType, DateType, DecimalType, DoubleType, IntegerType, LongType, MapType, StringType, StructField, StructType, TimestampType,
} from '../types/data-type.js'
import { callScalar, scalarResultType, type TypedValue } from './function-test-support.js'

const s = (v: string | null): TypedValue => [v, StringType]

describe('json functions', () => {
  it('should extract values by JSONPath (Spark docs: get_json_object(\'{"a":"b"}\', \'$.a\') = b)', () => {
    expect(callScalar('get_json_object', [s('{"a":"b"}'), s('$.a')])).toBe('b')
    expect(callScalar('get_json_object', [s('{"a":{"b":[1, 2.50, {"c": true}]}}'), s('$.a.b[1]')])).toBe('2.50')
    expect(callScalar('get_json_object', [s('{"a":{"b":[1, 2, {"c": true}]}}'), s('$.a.b[2]')])).toBe('{"c": true}')
    expect(callScalar('get_json_object', [s('{"a":[{"b":1},{"b":2}]}'), s('$.a[*].b')])).toBe('[1,2]')
    expect(callScalar('get_json_object', [s('{"a":12345678901234567890}'), s("$['a']")])).toBe('12345678901234567890')
    expect(callScalar('get_json_object', [s('{"a":1}'), s('$.x')])).toBeNull()
    expect(callScalar('get_json_object', [s('{bad json'), s('$.a')])).toBeNull()
  })

  it('should parse JSON with a DDL schema (Spark docs: from_json(\'{"a":1, "b":0.8}\', \'a INT, b DOUBLE\') = {1, 0.8})', () => {
    expect(callScalar('from_json', [s('{"a":1, "b":0.8}'), s('a INT, b DOUBLE')])).toEqual([1, 0.8])
    expect(scalarResultType('from_json', [s('{}'), s('a INT, b DOUBLE')])).toEqual(
      StructType([StructField('a', IntegerType), StructField('b', DoubleType)]))
    expect(callScalar('from_json', [s('{"a":"x", "b":0.8}'), s('a INT, b DOUBLE')])).toEqual([null, 0.8])
    expect(callScalar('from_json', [s('not json'), s('a INT')])).toEqual([null])
    expect(callScalar('from_json', [s('{"big": 12345678901234567890, "d": 1.25, "n": {"x": [1, null]}}'), s('big DECIMAL(20,0), d DECIMAL(5,2), n STRUCT<x: ARRAY<BIGINT>>')]))
      .toEqual([12345678901234567890n, 125n, [[1n, null]]])
  })

  it('should parse dates and timestamps with options (Spark docs: timestampFormat dd/MM/yyyy)', () => {
    const options: TypedValue = [new Map([['timestampFormat', 'dd/MM/yyyy']]), MapType(StringType, StringType)]
    expect(callScalar('from_json', [s('{"time":"26/08/2015"}'), s('time TIMESTAMP'), options])).toEqual([Date.UTC(2015, 7, 26) * 1000])
    expect(callScalar('from_json', [s('{"d":"2015-08-26"}'), s('d DATE')])).toEqual([Date.UTC(2015, 7, 26) / 86_400_000])
    const bad: TypedValue = [new Map([['dateFormat', 'dd/MMMMM/yyyy']]), MapType(StringType, StringType)]
    expect(() => callScalar('from_json', [s('{"d":"26/October/2015"}'), s('d DATE'), bad])).toThrow(/DATETIME_PATTERN_RECOGNITION/)
  })

  it('should render structs, arrays and maps as JSON (Spark docs: to_json(named_struct(\'a\', 1, \'b\', 2)) = {"a":1,"b":2})', () => {
    const ab = StructType([StructField('a', IntegerType), StructField('b', IntegerType)])
    expect(callScalar('to_json', [[[1, 2], ab]])).toBe('{"a":1,"b":2}')
    expect(callScalar('to_json', [[[1, null], ab]])).toBe('{"a":1}')
    expect(callScalar('to_json', [[[[1, 2]], ArrayType(ab)]])).toBe('[{"a":1,"b":2}]')
    expect(callScalar('to_json', [[new Map([['a', 1]]), MapType(StringType, IntegerType)]])).toBe('{"a":1}')
    const mixed = StructType([StructField('t', TimestampType), StructField('d', DateType), StructField('x', DoubleType),
      StructField('m', DecimalType(5, 2)), StructField('l', LongType), StructField('s', StringType)])
    const micros = Date.UTC(2015, 7, 26, 1, 2, 3, 4) * 1000
    expect(callScalar('to_json', [[[micros, 16673, 1, 12345n, 2n ** 60n, 'q"'], mixed]]))
      .toBe(`{"t":"2015-08-26T01:02:03.004Z","d":"2015-08-26","x":1.0,"m":123.45,"l":${2n ** 60n},"s":"q\\""}`)
  })
})

describe('conversion functions', () => {
  it('should convert text to binary by format, raising CONVERSION_INVALID_INPUT (golden cases)', () => {
    expect(Buffer.from(callScalar('to_binary', [s('abc'), s('utf-8')]) as Uint8Array).toString()).toBe('abc')
    expect(Buffer.from(callScalar('to_binary', [s('537061726B')]) as Uint8Array).toString()).toBe('Spark')
    expect(Buffer.from(callScalar('to_binary', [s('U3Bhcms='), s('base64')]) as Uint8Array).toString()).toBe('Spark')
    expect(() => callScalar('to_binary', [s('abcd='), s('base64')])).toThrow(/CONVERSION_INVALID_INPUT/)
    expect(() => callScalar('to_binary', [s(' ab cdef= = '), s('base64')])).toThrow(/CONVERSION_INVALID_INPUT/)
    expect(() => callScalar('to_binary', [s('01 AF'), s('hex')])).toThrow(/CONVERSION_INVALID_INPUT/)
    expect(() => callScalar('to_binary', [s('abc'), [1, IntegerType]])).toThrow(/INVALID_ARG_VALUE/)
    expect(callScalar('try_to_binary', [s('abcd='), s('base64')])).toBeNull()
  })

  it('should parse numbers by format (golden cases)', () => {
    expect(callScalar('to_number', [s('$78.12'), s('$00.00')])).toBe(7812n)
    expect(scalarResultType('to_number', [s('$78.12'), s('$00.00')])).toEqual(DecimalType(4, 2))
    expect(callScalar('to_number', [s('12,454'), s('00,000')])).toBe(12454n)
    expect(callScalar('to_number', [s('+454'), s('S000')])).toBe(454n)
    expect(callScalar('to_number', [s('<00,454.8>'), s('00,000.9PR')])).toBe(-4548n)
    expect(scalarResultType('to_number', [s('x'), s('00,000.9PR')])).toEqual(DecimalType(6, 1))
    expect(() => callScalar('to_number', [s('12x'), s('999')])).toThrow(/INVALID_FORMAT.MISMATCH_INPUT/)
    expect(callScalar('try_to_number', [s('12x'), s('999')])).toBeNull()
  })

  it('should validate UTF-8 of binaries as the implicit cast does (golden cases)', () => {
    const invalid: TypedValue = [new Uint8Array([0x80]), { kind: 'binary' }]
    expect(callScalar('is_valid_utf8', [s('abc')])).toBe(true)
    expect(callScalar('make_valid_utf8', [s('abc')])).toBe('abc')
    expect(() => callScalar('make_valid_utf8', [invalid])).toThrow(/CAST_INVALID_INPUT/)
    expect(callScalar('validate_utf8', [invalid], { ansi: false })).toBeNull()
    expect(callScalar('try_validate_utf8', [s('')])).toBe('')
  })
})
