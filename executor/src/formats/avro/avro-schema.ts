import {
  AnalysisError, ArrayType, BinaryType, BooleanType, DateType, DecimalType, DoubleType, FloatType, IntegerType, LongType, MapType,
  StringType, StructField, StructType, TimestampNTZType, TimestampType, minBytesForPrecision, type DataType,
} from '@sluice/shared'

/** An Avro schema as JSON (string for primitives, object for named/complex types, array for unions). */
export type AvroSchema = string | AvroSchemaObject | AvroSchema[]
export interface AvroSchemaObject { readonly type: string; readonly [key: string]: unknown }

/** spark-avro's name of the top-level record. */
export const AVRO_TOP_LEVEL_RECORD = 'topLevelRecord'

/**
 * The Avro schema spark-avro writes for `type` (`SchemaConverters.toAvroType`):
 * nullable as `[type, "null"]`, decimals as `fixed` with the decimal logical type,
 * timestamps as `timestamp-micros`, dates as `date`, structs as records named by
 * field under the parent's namespace.
 */
export function sparkToAvroSchema(type: DataType, nullable = false, recordName = AVRO_TOP_LEVEL_RECORD, namespace = ''): AvroSchema {
  const base = ((): AvroSchema => {
    switch (type.kind) {
      case 'boolean': return 'boolean'
      case 'byte': case 'short': case 'integer': return 'int'
      case 'long': return 'long'
      case 'float': return 'float'
      case 'double': return 'double'
      case 'string': return 'string'
      case 'binary': return 'bytes'
      case 'null': return 'null'
      case 'date': return { type: 'int', logicalType: 'date' }
      case 'timestamp': return { type: 'long', logicalType: 'timestamp-micros' }
      case 'timestamp_ntz': return { type: 'long', logicalType: 'local-timestamp-micros' }
      case 'decimal': return {
        type: 'fixed', name: recordName, ...(namespace ? { namespace } : {}),
        size: minBytesForPrecision(type.precision), logicalType: 'decimal', precision: type.precision, scale: type.scale,
      }
      case 'array': return { type: 'array', items: sparkToAvroSchema(type.elementType, type.containsNull, recordName, namespace) }
      case 'map':
        if (type.keyType.kind !== 'string') {
          throw new AnalysisError('UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE', `The Avro datasource doesn't support the column \`${recordName}\` of the type "map" with ${type.keyType.kind} keys (Avro map keys are strings).`, { columnName: recordName, format: 'Avro' })
        }
        return { type: 'map', values: sparkToAvroSchema(type.valueType, type.valueContainsNull, recordName, namespace) }
      case 'struct': {
        const childNamespace = namespace ? `${namespace}.${recordName}` : recordName
        return {
          type: 'record', name: recordName, ...(namespace ? { namespace } : {}),
          fields: type.fields.map((f) => ({ name: f.name, type: sparkToAvroSchema(f.dataType, f.nullable, f.name, childNamespace) })),
        }
      }
      default:
        throw new AnalysisError('UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE', `The Avro datasource doesn't support the column \`${recordName}\` of the type "${type.kind}".`, { columnName: recordName, format: 'Avro' })
    }
  })()
  return nullable ? [base, 'null'] : base
}

/** The Spark type and nullability of an Avro schema (`SchemaConverters.toSqlType`). */
export function avroToSparkType(schema: AvroSchema, named: Map<string, AvroSchemaObject> = collectNamedAvroTypes(schema)): { dataType: DataType; nullable: boolean } {
  if (typeof schema === 'string' && named.has(schema)) return avroToSparkType(named.get(schema)!, named)
  if (Array.isArray(schema)) {
    const nonNull = schema.filter((s) => s !== 'null' && !(typeof s === 'object' && !Array.isArray(s) && s.type === 'null'))
    const nullable = nonNull.length < schema.length
    if (nonNull.length === 1) return { dataType: avroToSparkType(nonNull[0]!, named).dataType, nullable }
    const kinds = nonNull.map((s) => (typeof s === 'string' ? s : Array.isArray(s) ? 'union' : s.type))
    if (kinds.every((k) => k === 'int' || k === 'long')) return { dataType: LongType, nullable }
    if (kinds.every((k) => k === 'float' || k === 'double')) return { dataType: DoubleType, nullable }
    return {
      dataType: StructType(nonNull.map((s, i) => StructField(`member${i}`, avroToSparkType(s, named).dataType, true))),
      nullable,
    }
  }
  const object: AvroSchemaObject = typeof schema === 'string' ? { type: schema } : schema
  const logical = object['logicalType']
  switch (object.type) {
    case 'boolean': return { dataType: BooleanType, nullable: false }
    case 'int': return { dataType: logical === 'date' ? DateType : IntegerType, nullable: false }
    case 'long':
      if (logical === 'timestamp-micros' || logical === 'timestamp-millis') return { dataType: TimestampType, nullable: false }
      if (logical === 'local-timestamp-micros' || logical === 'local-timestamp-millis') return { dataType: TimestampNTZType, nullable: false }
      return { dataType: LongType, nullable: false }
    case 'float': return { dataType: FloatType, nullable: false }
    case 'double': return { dataType: DoubleType, nullable: false }
    case 'string': case 'enum': return { dataType: StringType, nullable: false }
    case 'bytes': case 'fixed':
      if (logical === 'decimal') return { dataType: DecimalType(Number(object['precision']), Number(object['scale'] ?? 0)), nullable: false }
      return { dataType: BinaryType, nullable: false }
    case 'null': return { dataType: StringType, nullable: true }
    case 'array': {
      const items = avroToSparkType(object['items'] as AvroSchema, named)
      return { dataType: ArrayType(items.dataType, items.nullable), nullable: false }
    }
    case 'map': {
      const values = avroToSparkType(object['values'] as AvroSchema, named)
      return { dataType: MapType(StringType, values.dataType, values.nullable), nullable: false }
    }
    case 'record': {
      const fields = object['fields'] as { name: string; type: AvroSchema }[]
      return { dataType: StructType(fields.map((f) => { const t = avroToSparkType(f.type, named); return StructField(f.name, t.dataType, t.nullable) })), nullable: false }
    }
    default:
      throw new AnalysisError('AVRO_INCOMPATIBLE_READ_TYPE', `Cannot convert Avro type ${JSON.stringify(schema)} to a SQL type.`, { avroType: JSON.stringify(schema) })
  }
}

/** Named types (records, fixed, enums) of a schema by full and short name, to resolve references by name. */
export function collectNamedAvroTypes(schema: AvroSchema, namespace = '', out = new Map<string, AvroSchemaObject>()): Map<string, AvroSchemaObject> {
  if (Array.isArray(schema)) {
    for (const s of schema) collectNamedAvroTypes(s, namespace, out)
    return out
  }
  if (typeof schema === 'string') return out
  let ns = namespace
  if (typeof schema['name'] === 'string' && (schema.type === 'record' || schema.type === 'fixed' || schema.type === 'enum' || schema.type === 'error')) {
    const name = schema['name']
    ns = typeof schema['namespace'] === 'string' ? schema['namespace'] : name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : namespace
    const short = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : name
    out.set(ns ? `${ns}.${short}` : short, schema)
    out.set(short, schema)
  }
  if (schema.type === 'record' || schema.type === 'error') for (const f of schema['fields'] as { type: AvroSchema }[]) collectNamedAvroTypes(f.type, ns, out)
  if (schema.type === 'array') collectNamedAvroTypes(schema['items'] as AvroSchema, ns, out)
  if (schema.type === 'map') collectNamedAvroTypes(schema['values'] as AvroSchema, ns, out)
  return out
}
