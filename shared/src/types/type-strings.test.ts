import { describe, expect, it } from 'vitest'
import {
  ArrayType, DayTimeIntervalType, DecimalType, IntegerType, LongType, MapType, NullType, ShortType, StringType, StructField, StructType, TimeType,
  YearMonthIntervalType,
} from './data-type.js'
import { schemaFromJson, schemaToJson } from './schema-json.js'
import { parseDataType, parseDDL } from './ddl-parser.js'
import { quoteIdentifierIfNeeded, simpleString, sqlTypeString, toDDL, typeName } from './type-strings.js'

describe('simpleString', () => {
  it('should print Spark catalog strings', () => {
    expect(simpleString(IntegerType)).toBe('int')
    expect(simpleString(LongType)).toBe('bigint')
    expect(simpleString(DecimalType(10, 2))).toBe('decimal(10,2)')
    expect(simpleString(ArrayType(StringType))).toBe('array<string>')
    expect(simpleString(MapType(StringType, IntegerType))).toBe('map<string,int>')
    expect(simpleString(StructType([StructField('a', IntegerType), StructField('b', StringType)]))).toBe('struct<a:int,b:string>')
    expect(simpleString(NullType)).toBe('void')
  })
  it('should round-trip the types in Spark golden schemas', () => {
    // Types as printed in schemas of apache/spark sql-tests golden results.
    for (const text of ['array<array<int>>', 'array<double>', 'bigint', 'boolean', 'date', 'decimal(29,29)', 'decimal(38,0)',
      'double', 'float', 'int', 'smallint', 'string', 'tinyint', 'struct<a:int,b:array<string>>', 'map<string,int>']) {
      expect(simpleString(parseDataType(text))).toBe(text)
    }
  })
})

describe('typeName', () => {
  it('should print Spark JSON type names', () => {
    expect(typeName(IntegerType)).toBe('integer')
    expect(typeName(LongType)).toBe('long')
    expect(typeName(ShortType)).toBe('short')
    expect(typeName(DecimalType(5, 2))).toBe('decimal(5,2)')
    expect(typeName(StructType([]))).toBe('struct')
  })
})

describe('sqlTypeString', () => {
  it('should print Spark DataType.sql', () => {
    expect(sqlTypeString(MapType(StringType, ArrayType(IntegerType)))).toBe('MAP<STRING, ARRAY<INT>>')
    expect(sqlTypeString(StructType([StructField('a', IntegerType), StructField('b c', StringType, false)]))).toBe('STRUCT<a: INT, `b c`: STRING NOT NULL>')
  })
})

describe('toDDL', () => {
  it('should print Spark 4 toDDL, quoting only names that need it', () => {
    expect(toDDL(StructType([StructField('eventId', IntegerType, false), StructField('s', StringType)]))).toBe('eventId INT NOT NULL,s STRING')
    expect(toDDL(StructType([StructField('id', LongType, false, { comment: 'this is a comment' })]))).toBe("id BIGINT NOT NULL COMMENT 'this is a comment'")
    expect(toDDL(parseDDL('geolocation STRUCT<city: STRING, country: STRING>, `1a` INT'))).toBe('geolocation STRUCT<city: STRING, country: STRING>,`1a` INT')
  })
  it('should parse back to the same schema', () => {
    const schema = parseDDL("`a``b` INT NOT NULL COMMENT 'it\\'s', m MAP<STRING, ARRAY<DECIMAL(10,2)>>, s STRUCT<`x.y`: DATE>")
    expect(parseDDL(toDDL(schema))).toEqual(schema)
  })
})

describe('quoteIdentifierIfNeeded', () => {
  it('should backquote names that are not plain identifiers (Spark SPARK-47300)', () => {
    expect(quoteIdentifierIfNeeded('_a1')).toBe('_a1')
    expect(quoteIdentifierIfNeeded('1a')).toBe('`1a`')
    expect(quoteIdentifierIfNeeded('a`b')).toBe('`a``b`')
    expect(quoteIdentifierIfNeeded('')).toBe('``')
  })
})

describe('ANSI interval and TIME types', () => {
  it('should print and parse them as Spark names them (schemas of interval.sql.out and time.sql.out)', () => {
    const names = ['interval year to month', 'interval year', 'interval month', 'interval day to second', 'interval day', 'interval day to hour',
      'interval day to minute', 'interval hour', 'interval hour to minute', 'interval hour to second', 'interval minute',
      'interval minute to second', 'interval second', 'time(6)', 'time(0)', 'interval', 'map<int,interval day>', 'array<interval year to month>']
    for (const text of names) {
      const type = parseDataType(text)
      expect(simpleString(type)).toBe(text)
      if (!text.includes('<')) expect(sqlTypeString(type)).toBe(text.toUpperCase())
    }
    expect(parseDataType('INTERVAL DAY TO SECOND')).toEqual(DayTimeIntervalType())
    expect(parseDataType('time')).toEqual(TimeType(6))
    expect(parseDataType('TIME(3) WITHOUT TIME ZONE')).toEqual(TimeType(3))
    expect(parseDDL('a INTERVAL YEAR TO MONTH NOT NULL, t TIME(0)')).toEqual(StructType([
      StructField('a', YearMonthIntervalType(), false), StructField('t', TimeType(0)),
    ]))
    expect(() => parseDataType('interval month to year')).toThrow(/_LEGACY_ERROR_TEMP_0028/)
    expect(() => parseDataType('interval year to second')).toThrow(/_LEGACY_ERROR_TEMP_0028/)
    expect(() => parseDataType('time(7)')).toThrow(/UNSUPPORTED_TIME_PRECISION/)
  })

  it("should write Spark's JSON type names and read them back", () => {
    const schema = StructType([StructField('a', YearMonthIntervalType('month')), StructField('b', DayTimeIntervalType('minute', 'second')),
      StructField('c', TimeType(3))])
    expect(typeName(schema.fields[0]!.dataType)).toBe('interval month')
    expect(schemaToJson(schema)).toBe('{"type":"struct","fields":[{"name":"a","type":"interval month","nullable":true,"metadata":{}},' +
      '{"name":"b","type":"interval minute to second","nullable":true,"metadata":{}},{"name":"c","type":"time(3)","nullable":true,"metadata":{}}]}')
    expect(schemaFromJson(schemaToJson(schema))).toEqual(schema)
  })
})
