import { describe, expect, it } from 'vitest'
import { ArrayType, DecimalType, IntegerType, LongType, MapType, NullType, ShortType, StringType, StructField, StructType } from './data-type.js'
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
