import type { DataType } from '../types/data-type.js'

/**
 * A type as Spark's `DataType.sql` spells it (used in `CAST(x AS INT)` column
 * names and in error messages): `INT`, `BIGINT`, `DECIMAL(10,2)`, `ARRAY<INT>`,
 * `MAP<STRING, INT>`, `STRUCT<a: INT>`.
 */
export function dataTypeSql(t: DataType): string {
  switch (t.kind) {
    case 'null': return 'VOID'
    case 'boolean': return 'BOOLEAN'
    case 'byte': return 'TINYINT'
    case 'short': return 'SMALLINT'
    case 'integer': return 'INT'
    case 'long': return 'BIGINT'
    case 'float': return 'FLOAT'
    case 'double': return 'DOUBLE'
    case 'decimal': return `DECIMAL(${t.precision},${t.scale})`
    case 'string': return 'STRING'
    case 'binary': return 'BINARY'
    case 'date': return 'DATE'
    case 'timestamp': return 'TIMESTAMP'
    case 'timestamp_ntz': return 'TIMESTAMP_NTZ'
    case 'interval': return 'INTERVAL'
    case 'array': return `ARRAY<${dataTypeSql(t.elementType)}>`
    case 'map': return `MAP<${dataTypeSql(t.keyType)}, ${dataTypeSql(t.valueType)}>`
    case 'struct': return `STRUCT<${t.fields.map((f) => `${f.name}: ${dataTypeSql(f.dataType)}`).join(', ')}>`
  }
}

/**
 * A type as Spark's `DataType.simpleString` / `catalogString` spells it (schemas
 * such as `struct<a:int>` and golden files): `int`, `bigint`, `decimal(10,2)`, `array<int>`.
 */
export function dataTypeSimpleString(t: DataType): string {
  switch (t.kind) {
    case 'null': return 'void'
    case 'integer': return 'int'
    case 'long': return 'bigint'
    case 'byte': return 'tinyint'
    case 'short': return 'smallint'
    case 'decimal': return `decimal(${t.precision},${t.scale})`
    case 'array': return `array<${dataTypeSimpleString(t.elementType)}>`
    case 'map': return `map<${dataTypeSimpleString(t.keyType)},${dataTypeSimpleString(t.valueType)}>`
    case 'struct': return `struct<${t.fields.map((f) => `${f.name}:${dataTypeSimpleString(f.dataType)}`).join(',')}>`
    default: return t.kind
  }
}
