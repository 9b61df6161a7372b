import { describe, expect, it } from 'vitest'
import {
  ArrayType, BinaryType, BooleanType, ByteType, CalendarIntervalType, DateType, DecimalType, DoubleType, FloatType,
  IntegerType, LongType, MapType, NullType, ShortType, StringType, StructField, StructType, TimestampNTZType, TimestampType,
} from './data-type.js'
import { parseDataType, parseDDL } from './ddl-parser.js'

const COURSE_DDL =
  'Arrival_Time BIGINT, Creation_Time BIGINT, Device STRING, Index BIGINT, Model STRING, ' +
  'User STRING, geolocation STRUCT<city: STRING, country: STRING>, gt STRING, id BIGINT, ' +
  'x DOUBLE, y DOUBLE, z DOUBLE'

describe('parseDataType', () => {
  it('should read every primitive spelling Spark accepts', () => {
    const cases: [string, unknown][] = [
      ['int', IntegerType], ['INTEGER', IntegerType], ['bigint', LongType], ['long', LongType],
      ['smallint', ShortType], ['short', ShortType], ['tinyint', ByteType], ['byte', ByteType],
      ['float', FloatType], ['real', FloatType], ['double', DoubleType], ['string', StringType],
      ['varchar(10)', StringType], ['char(3)', StringType], ['binary', BinaryType], ['boolean', BooleanType],
      ['date', DateType], ['timestamp', TimestampType], ['timestamp_ltz', TimestampType],
      ['timestamp_ntz', TimestampNTZType], ['interval', CalendarIntervalType], ['void', NullType],
    ]
    for (const [text, type] of cases) expect(parseDataType(text), text).toEqual(type)
  })
  it('should read decimals with Spark defaults', () => {
    expect(parseDataType('decimal')).toEqual(DecimalType(10, 0))
    expect(parseDataType('DECIMAL(5)')).toEqual(DecimalType(5, 0))
    expect(parseDataType('dec(10, 2)')).toEqual(DecimalType(10, 2))
    expect(parseDataType('numeric(38,38)')).toEqual(DecimalType(38, 38))
  })
  it('should read nested types', () => {
    expect(parseDataType('array<map<string, array<int>>>')).toEqual(
      ArrayType(MapType(StringType, ArrayType(IntegerType, true), true), true))
    expect(parseDataType('struct<a:int,`b c`: string NOT NULL COMMENT \'it\\\'s\'>')).toEqual(StructType([
      StructField('a', IntegerType), StructField('b c', StringType, false, { comment: "it's" }),
    ]))
    expect(parseDataType('struct<>')).toEqual(StructType([]))
  })
  it('should refuse bad decimals and unknown types with Spark error classes', () => {
    expect(() => parseDataType('decimal(39,0)')).toThrow(/DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION/)
    expect(() => parseDataType('decimal(5,6)')).toThrow(/INVALID_DECIMAL_SCALE/)
    expect(() => parseDataType('foo')).toThrow(/UNSUPPORTED_DATATYPE.*"FOO"/)
  })
  it('should name the position and the offending text in a syntax error', () => {
    expect(() => parseDataType('array<int')).toThrow("Syntax error at or near 'end of input': expected '>' to close ARRAY<...> (line 1, pos 9)")
    expect(() => parseDataType('map<string int>')).toThrow("at or near 'int'")
    expect(() => parseDataType('int int')).toThrow(/PARSE_SYNTAX_ERROR.*'int'.*pos 4/)
  })
})

describe('parseDDL', () => {
  it('should read the course schema', () => {
    const schema = parseDDL(COURSE_DDL)
    expect(schema.fields.map((f) => f.name)).toEqual([
      'Arrival_Time', 'Creation_Time', 'Device', 'Index', 'Model', 'User', 'geolocation', 'gt', 'id', 'x', 'y', 'z',
    ])
    expect(schema.fields[0]).toEqual(StructField('Arrival_Time', LongType))
    expect(schema.fields[6]).toEqual(StructField('geolocation', StructType([
      StructField('city', StringType), StructField('country', StringType),
    ])))
    expect(schema.fields[11]).toEqual(StructField('z', DoubleType))
  })
  it('should read NOT NULL, COMMENT and backquoted names', () => {
    expect(parseDDL("`a``b` INT NOT NULL COMMENT 'the key', `x y` string")).toEqual(StructType([
      StructField('a`b', IntegerType, false, { comment: 'the key' }), StructField('x y', StringType),
    ]))
  })
  it('should accept the colon form, keyword-named columns and a lone struct type', () => {
    expect(parseDDL('a: int, b: string')).toEqual(StructType([StructField('a', IntegerType), StructField('b', StringType)]))
    expect(parseDDL('string string, struct int')).toEqual(StructType([StructField('string', StringType), StructField('struct', IntegerType)]))
    expect(parseDDL('struct<a:int>')).toEqual(StructType([StructField('a', IntegerType)]))
    expect(parseDDL('')).toEqual(StructType([]))
  })
  it('should report the line and position of an error', () => {
    expect(() => parseDDL('a INT,\nb')).toThrow(/PARSE_SYNTAX_ERROR.*expected a data type \(line 2, pos 1\)/s)
    expect(() => parseDDL('a INT b STRING')).toThrow(/at or near 'b'/)
    expect(() => parseDDL('a INT, `b STRING')).toThrow("Syntax error at or near '`b STRING': unclosed backquoted name (line 1, pos 7)")
    expect(() => parseDDL('int')).toThrow(/PARSE_SYNTAX_ERROR/)
  })
})
