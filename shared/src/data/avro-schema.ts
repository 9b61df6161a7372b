/**
 * Avro schemas for Spark types, as spark-avro's `SchemaConverters.toAvroType`
 * writes them: a nullable type is the union `[type, "null"]`, byte/short/int are
 * `int`, date is `int` with logicalType date, timestamp is `long` timestamp-micros,
 * timestamp_ntz `long` local-timestamp-micros, decimal a `fixed` of the fewest
 * bytes for its precision with logicalType decimal, binary `bytes`, ANSI intervals
 * `int` months / `long` microseconds with the type in `spark.sql.catalyst.type`, TIME
 * `long` time-micros, maps need
 * string keys, and nested records are named after their field with the parent
 * record's full name as namespace.
 */
import { AnalysisError } from '../errors/sluice-error.js'
import type { DataType } from '../types/data-type.js'
import { simpleString } from '../types/type-strings.js'

/** An Avro schema in its JSON form: a type name, a union, or a named/complex type object. */
export type AvroSchema = string | AvroSchemaObject | AvroSchema[]
export interface AvroSchemaObject { readonly type: string; readonly [key: string]: unknown }

/** Fewest bytes whose two's complement holds every unscaled value of `precision` digits (Spark's `minBytesForPrecision`). */
export function minBytesForPrecision(precision: number): number {
  let bytes = 1
  while (2n ** BigInt(8 * bytes - 1) < 10n ** BigInt(precision)) bytes++
  return bytes
}

/** The property spark-avro names a Catalyst type with where Avro has no logical type for it. */
export const CATALYST_TYPE_PROP = 'spark.sql.catalyst.type'

function unsupported(type: DataType, column: string): AnalysisError {
  return new AnalysisError(
    'UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE',
    `The Avro datasource doesn't support the column \`${column}\` of the type "${simpleString(type).toUpperCase()}".`,
    { columnName: `\`${column}\``, columnType: `"${simpleString(type).toUpperCase()}"`, format: 'Avro' },
  )
}

function toAvroType(type: DataType, nullable: boolean, recordName: string, namespace: string, column: string): AvroSchema {
  let schema: AvroSchema
  switch (type.kind) {
    case 'boolean': schema = 'boolean'; break
    case 'byte': case 'short': case 'integer': schema = 'int'; break
    case 'long': schema = 'long'; break
    case 'date': schema = { type: 'int', logicalType: 'date' }; break
    case 'timestamp': schema = { type: 'long', logicalType: 'timestamp-micros' }; break
    case 'timestamp_ntz': schema = { type: 'long', logicalType: 'local-timestamp-micros' }; break
    case 'float': schema = 'float'; break
    case 'double': schema = 'double'; break
    case 'string': schema = 'string'; break
    case 'null': schema = 'null'; break
    case 'binary': schema = 'bytes'; break
    case 'decimal':
      schema = {
        type: 'fixed', name: 'fixed', namespace: namespace === '' ? recordName : `${namespace}.${recordName}`,
        size: minBytesForPrecision(type.precision), logicalType: 'decimal', precision: type.precision, scale: type.scale,
      }
      break
    case 'array':
      schema = { type: 'array', items: toAvroType(type.elementType, type.containsNull, recordName, namespace, column) }
      break
    case 'map':
      if (type.keyType.kind !== 'string') throw unsupported(type, column)
      schema = { type: 'map', values: toAvroType(type.valueType, type.valueContainsNull, recordName, namespace, column) }
      break
    case 'struct': {
      const childNamespace = namespace === '' ? recordName : `${namespace}.${recordName}`
      schema = {
        type: 'record', name: recordName, ...(namespace === '' ? {} : { namespace }),
        fields: type.fields.map((f) => ({
          name: f.name, type: toAvroType(f.dataType, f.nullable, f.name, childNamespace, column === '' ? f.name : `${column}.${f.name}`),
        })),
      }
      break
    }
    // spark-avro keeps ANSI intervals as int months / long microseconds, naming the type in a property.
    case 'year_month_interval': schema = { type: 'int', [CATALYST_TYPE_PROP]: simpleString(type) }; break
    case 'day_time_interval': schema = { type: 'long', [CATALYST_TYPE_PROP]: simpleString(type) }; break
    case 'time': schema = { type: 'long', logicalType: 'time-micros' }; break
    case 'interval':
      throw unsupported(type, column)
  }
  return nullable && type.kind !== 'null' ? [schema, 'null'] : schema
}

/**
 * The Avro schema spark-avro writes for a value of this type: for a DataFrame's
 * schema the record `topLevelRecord` (Avro files, options recordName and
 * recordNamespace); for any type with its nullability, `to_avro`'s schema.
 */
export function avroSchemaFor(type: DataType, recordName = 'topLevelRecord', namespace = '', nullable = false): AvroSchema {
  return toAvroType(type, nullable, recordName, namespace, '')
}
