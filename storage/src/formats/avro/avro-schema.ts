import {
  AnalysisError, ArrayType, BinaryType, BooleanType, CATALYST_TYPE_PROP, DateType, DecimalType, DoubleType, FloatType, IntegerType,
  LongType, MapType, parseDataType, StringType, StructField, StructType, TimestampNTZType, TimestampType, TimeType,
  type AvroSchema, type AvroSchemaObject, type DataType,
} from '@sluice/shared'

// The Spark → Avro direction is shared's avroSchemaFor (spark-avro's SchemaConverters.toAvroType).
export type { AvroSchema, AvroSchemaObject }

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
  // spark-avro names ANSI intervals in a property of their int / long (SchemaConverters' CATALYST_TYPE_PROP_NAME).
  const catalystType = object[CATALYST_TYPE_PROP]
  if ((object.type === 'int' || object.type === 'long') && typeof catalystType === 'string') {
    const dataType = parseDataType(catalystType)
    if ((object.type === 'int' && dataType.kind === 'year_month_interval') || (object.type === 'long' && dataType.kind === 'day_time_interval')) {
      return { dataType, nullable: false }
    }
  }
  switch (object.type) {
    case 'boolean': return { dataType: BooleanType, nullable: false }
    case 'int': return { dataType: logical === 'date' ? DateType : IntegerType, nullable: false }
    case 'long':
      if (logical === 'time-micros') return { dataType: TimeType(6), nullable: false }
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
