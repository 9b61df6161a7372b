import { describe, expect, it } from 'vitest'
import { parseDDL } from '../types/ddl-parser.js'
import { avroSchemaFor, minBytesForPrecision } from './avro-schema.js'

describe('minBytesForPrecision', () => {
  it('should give the fixed sizes Spark uses', () => {
    // 10^2 < 2^7, 10^9 < 2^31, 10^10 < 2^39, 10^18 < 2^63, 10^38 < 2^127
    expect([1, 2, 3, 9, 10, 18, 19, 38].map(minBytesForPrecision)).toEqual([1, 1, 2, 4, 5, 8, 9, 16])
  })
})

describe('avroSchemaFor', () => {
  it('should convert as spark-avro SchemaConverters.toAvroType', () => {
    const schema = parseDDL('a INT NOT NULL, b BIGINT, t TIMESTAMP, n TIMESTAMP_NTZ, d DATE, s STRUCT<x: DECIMAL(10,2), y ARRAY<STRUCT<z: SMALLINT>>>, m MAP<STRING, BINARY> NOT NULL')
    expect(avroSchemaFor(schema)).toEqual({
      type: 'record', name: 'topLevelRecord', fields: [
        { name: 'a', type: 'int' },
        { name: 'b', type: ['long', 'null'] },
        { name: 't', type: [{ type: 'long', logicalType: 'timestamp-micros' }, 'null'] },
        { name: 'n', type: [{ type: 'long', logicalType: 'local-timestamp-micros' }, 'null'] },
        { name: 'd', type: [{ type: 'int', logicalType: 'date' }, 'null'] },
        { name: 's', type: [{
          type: 'record', name: 's', namespace: 'topLevelRecord', fields: [
            { name: 'x', type: [{ type: 'fixed', name: 'fixed', namespace: 'topLevelRecord.s.x', size: 5, logicalType: 'decimal', precision: 10, scale: 2 }, 'null'] },
            { name: 'y', type: [{ type: 'array', items: [{ type: 'record', name: 'y', namespace: 'topLevelRecord.s', fields: [{ name: 'z', type: ['int', 'null'] }] }, 'null'] }, 'null'] },
          ],
        }, 'null'] },
        { name: 'm', type: { type: 'map', values: ['bytes', 'null'] } },
      ],
    })
  })
  it('should use the given record name and namespace', () => {
    expect(avroSchemaFor(parseDDL('a STRUCT<b: INT NOT NULL> NOT NULL'), 'row', 'org.example')).toEqual({
      type: 'record', name: 'row', namespace: 'org.example', fields: [
        { name: 'a', type: { type: 'record', name: 'a', namespace: 'org.example.row', fields: [{ name: 'b', type: 'int' }] } },
      ],
    })
  })
  // to_avro(col) uses SchemaConverters.toAvroType(child.dataType, child.nullable): any type, NullType never in a union.
  it("should give to_avro's schema for a value of any type and nullability", () => {
    expect(avroSchemaFor(parseDDL('x BIGINT').fields[0]!.dataType, 'topLevelRecord', '', true)).toEqual(['long', 'null'])
    expect(avroSchemaFor(parseDDL('x ARRAY<DECIMAL(3,1)>').fields[0]!.dataType)).toEqual({
      // full name "topLevelRecord.fixed", as Spark's s"$recordName.fixed"
      type: 'array', items: [{ type: 'fixed', name: 'fixed', namespace: 'topLevelRecord', size: 2, logicalType: 'decimal', precision: 3, scale: 1 }, 'null'],
    })
    expect(avroSchemaFor({ kind: 'null' }, 'topLevelRecord', '', true)).toBe('null')
  })
  it('should refuse types spark-avro cannot write, naming the column', () => {
    expect(() => avroSchemaFor(parseDDL('s STRUCT<m: MAP<INT, STRING>>'))).toThrow('[UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE] The Avro datasource doesn\'t support the column `s.m` of the type "MAP<INT,STRING>".')
    expect(() => avroSchemaFor(parseDDL('i INTERVAL'))).toThrow(/column `i`/)
  })
})
