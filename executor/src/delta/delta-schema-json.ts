import {
  AnalysisError, ArrayType, BinaryType, BooleanType, ByteType, CalendarIntervalType, DateType, DecimalType, DoubleType, FloatType,
  IntegerType, LongType, MapType, NullType, ShortType, StringType, StructField, StructType, TimestampNTZType, TimestampType,
  type DataType,
} from '@sluice/shared'

// Spark's JSON schema format (DataType.json), used in Delta's `schemaString`.
// TODO: switch to shared/src/types/json-schema.ts once it is committed.

const PRIMITIVES: Readonly<Record<string, DataType>> = {
  boolean: BooleanType, byte: ByteType, short: ShortType, integer: IntegerType, long: LongType, float: FloatType,
  double: DoubleType, string: StringType, binary: BinaryType, date: DateType, timestamp: TimestampType,
  timestamp_ntz: TimestampNTZType, null: NullType, void: NullType, interval: CalendarIntervalType,
}

/** The JSON value of a type as Spark writes it (`DataType.jsonValue`). */
export function dataTypeToJsonValue(type: DataType): unknown {
  switch (type.kind) {
    case 'decimal': return `decimal(${type.precision},${type.scale})`
    case 'array': return { type: 'array', elementType: dataTypeToJsonValue(type.elementType), containsNull: type.containsNull }
    case 'map': return { type: 'map', keyType: dataTypeToJsonValue(type.keyType), valueType: dataTypeToJsonValue(type.valueType), valueContainsNull: type.valueContainsNull }
    case 'struct': return {
      type: 'struct',
      fields: type.fields.map((f) => ({ name: f.name, type: dataTypeToJsonValue(f.dataType), nullable: f.nullable, metadata: f.metadata })),
    }
    default: return type.kind
  }
}

/** Spark's JSON text of a schema: `{"type":"struct","fields":[...]}`. */
export function schemaToSparkJson(schema: StructType): string {
  return JSON.stringify(dataTypeToJsonValue(schema))
}

/** A type from Spark's JSON value; `where` names the place for the error message. */
export function dataTypeFromJsonValue(value: unknown, where = 'schema'): DataType {
  if (typeof value === 'string') {
    const primitive = PRIMITIVES[value]
    if (primitive) return primitive
    const decimal = /^decimal\(\s*(\d+)\s*,\s*(-?\d+)\s*\)$/.exec(value)
    if (decimal) return DecimalType(Number(decimal[1]), Number(decimal[2]))
    if (value === 'decimal') return DecimalType(10, 0)
  } else if (typeof value === 'object' && value !== null) {
    const object = value as Record<string, unknown>
    if (object['type'] === 'array') return ArrayType(dataTypeFromJsonValue(object['elementType'], where), object['containsNull'] !== false)
    if (object['type'] === 'map') {
      return MapType(dataTypeFromJsonValue(object['keyType'], where), dataTypeFromJsonValue(object['valueType'], where), object['valueContainsNull'] !== false)
    }
    if (object['type'] === 'struct' && Array.isArray(object['fields'])) {
      return StructType((object['fields'] as Record<string, unknown>[]).map((f) =>
        StructField(String(f['name']), dataTypeFromJsonValue(f['type'], `${where}.${String(f['name'])}`), f['nullable'] !== false, (f['metadata'] ?? {}) as Record<string, unknown>)))
    }
    if (object['type'] === 'udt' && object['sqlType'] !== undefined) return dataTypeFromJsonValue(object['sqlType'], where)
  }
  throw new AnalysisError('INVALID_JSON_DATA_TYPE', `Failed to convert the JSON string '${JSON.stringify(value)}' to a data type (at ${where}).`, { invalidType: JSON.stringify(value) })
}

/** The schema of Spark's JSON text. */
export function schemaFromSparkJson(text: string): StructType {
  const type = dataTypeFromJsonValue(JSON.parse(text))
  if (type.kind !== 'struct') throw new AnalysisError('INVALID_JSON_DATA_TYPE', `A table schema must be a struct, got ${type.kind}.`, { invalidType: type.kind })
  return type
}
