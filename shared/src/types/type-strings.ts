/**
 * Spark's three spellings of a type: `simpleString` (the catalog string of error
 * messages and `df.dtypes`: `int`, `struct<a:int>`), `typeName` (the JSON schema
 * and printSchema name: `integer`, `long`) and `sqlTypeString` (DataType.sql, used
 * by `toDDL`: `INT`, `STRUCT<a: INT>`).
 */
import type { DataType, StructField, StructType } from './data-type.js'

const VALID_IDENTIFIER = /^[a-zA-Z_][a-zA-Z0-9_]*$/

/** Backquotes a name unless it is a plain identifier (Spark 4's `QuotingUtils.quoteIfNeeded`). */
export function quoteIdentifierIfNeeded(name: string): string {
  return VALID_IDENTIFIER.test(name) ? name : quoteIdentifier(name)
}

/** Backquotes a name, doubling backquotes inside (Spark's `quoteIdentifier`). */
export function quoteIdentifier(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``
}

/** Spark's `catalogString`: `int`, `bigint`, `decimal(10,2)`, `array<string>`, `map<string,int>`, `struct<a:int,b:string>`. */
export function simpleString(type: DataType): string {
  switch (type.kind) {
    case 'null': return 'void'
    case 'boolean': return 'boolean'
    case 'byte': return 'tinyint'
    case 'short': return 'smallint'
    case 'integer': return 'int'
    case 'long': return 'bigint'
    case 'float': return 'float'
    case 'double': return 'double'
    case 'decimal': return `decimal(${type.precision},${type.scale})`
    case 'string': return 'string'
    case 'binary': return 'binary'
    case 'date': return 'date'
    case 'timestamp': return 'timestamp'
    case 'timestamp_ntz': return 'timestamp_ntz'
    case 'interval': return 'interval'
    case 'year_month_interval': case 'day_time_interval': return intervalTypeName(type.startField, type.endField)
    case 'time': return `time(${type.precision})`
    case 'array': return `array<${simpleString(type.elementType)}>`
    case 'map': return `map<${simpleString(type.keyType)},${simpleString(type.valueType)}>`
    case 'struct': return `struct<${type.fields.map((f) => `${f.name}:${simpleString(f.dataType)}`).join(',')}>`
  }
}

/** Spark's `typeName`, the name in JSON schemas and printSchema: `integer`, `long`, `short`, `byte`, `decimal(10,2)`, `struct`. */
export function typeName(type: DataType): string {
  switch (type.kind) {
    case 'null': return 'void'
    case 'decimal': return `decimal(${type.precision},${type.scale})`
    case 'year_month_interval': case 'day_time_interval': case 'time': return simpleString(type)
    default: return type.kind
  }
}

/** `interval year to month`, `interval day`, `interval hour to second`: Spark's ANSI interval type names. */
function intervalTypeName(startField: string, endField: string): string {
  return startField === endField ? `interval ${startField}` : `interval ${startField} to ${endField}`
}

/** Spark's `DataType.sql`: `INT`, `BIGINT`, `DECIMAL(10,2)`, `ARRAY<STRING>`, `MAP<STRING, INT>`, ``STRUCT<a: INT, `b c`: STRING NOT NULL>``. */
export function sqlTypeString(type: DataType): string {
  switch (type.kind) {
    case 'array': return `ARRAY<${sqlTypeString(type.elementType)}>`
    case 'map': return `MAP<${sqlTypeString(type.keyType)}, ${sqlTypeString(type.valueType)}>`
    case 'struct': return `STRUCT<${type.fields.map(structFieldSql).join(', ')}>`
    default: return simpleString(type).toUpperCase()
  }
}

/** Escapes a string for a single-quoted SQL literal (Spark's `escapeSingleQuotedString`). */
export function escapeSingleQuotedString(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")
}

function ddlSuffix(field: StructField): string {
  const notNull = field.nullable ? '' : ' NOT NULL'
  const comment = field.metadata['comment']
  return typeof comment === 'string' ? `${notNull} COMMENT '${escapeSingleQuotedString(comment)}'` : notNull
}

function structFieldSql(field: StructField): string {
  return `${quoteIdentifierIfNeeded(field.name)}: ${sqlTypeString(field.dataType)}${ddlSuffix(field)}`
}

/** Spark's `StructType.toDDL`: ``a INT,`b c` STRING NOT NULL COMMENT 'x'`` (comma without space, as Spark). */
export function toDDL(struct: StructType): string {
  return struct.fields.map((f) => `${quoteIdentifierIfNeeded(f.name)} ${sqlTypeString(f.dataType)}${ddlSuffix(f)}`).join(',')
}
