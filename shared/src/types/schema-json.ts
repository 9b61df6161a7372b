/**
 * Spark's JSON schema format (`StructType.json`, Delta's `schemaString`):
 * `{"type":"struct","fields":[{"name":"a","type":"integer","nullable":true,"metadata":{}}]}`,
 * primitive types by `typeName` ("long", "decimal(10,2)"), arrays as
 * `{"type":"array","elementType":…,"containsNull":…}`, maps as
 * `{"type":"map","keyType":…,"valueType":…,"valueContainsNull":…}`.
 */
import { AnalysisError } from '../errors/sluice-error.js'
import {
  ArrayType, BinaryType, BooleanType, ByteType, CalendarIntervalType, DateType, DecimalType, DoubleType, FloatType,
  IntegerType, LongType, MapType, NullType, ShortType, StringType, StructField, StructType, TimestampNTZType,
  TimestampType, type DataType,
} from './data-type.js'
import { typeName } from './type-strings.js'
import { intervalTypeOfFields, timeTypeOf } from './interval-types.js'

/** A JSON value as `JSON.parse` returns it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }

/** The JSON value of a type, key order as Spark writes it. */
export function dataTypeToJsonValue(type: DataType): JsonValue {
  switch (type.kind) {
    case 'array':
      return { type: 'array', elementType: dataTypeToJsonValue(type.elementType), containsNull: type.containsNull }
    case 'map':
      return {
        type: 'map', keyType: dataTypeToJsonValue(type.keyType),
        valueType: dataTypeToJsonValue(type.valueType), valueContainsNull: type.valueContainsNull,
      }
    case 'struct':
      return {
        type: 'struct',
        fields: type.fields.map((f) => ({
          name: f.name, type: dataTypeToJsonValue(f.dataType), nullable: f.nullable, metadata: f.metadata as JsonValue,
        })),
      }
    default:
      return typeName(type)
  }
}

/** Compact JSON of a schema (Spark's `StructType.json`). */
export function schemaToJson(type: DataType): string {
  return JSON.stringify(dataTypeToJsonValue(type))
}

const PRIMITIVES_BY_NAME: Readonly<Record<string, DataType>> = {
  void: NullType, null: NullType, boolean: BooleanType, byte: ByteType, short: ShortType, integer: IntegerType,
  long: LongType, float: FloatType, double: DoubleType, string: StringType, binary: BinaryType, date: DateType,
  timestamp: TimestampType, timestamp_ltz: TimestampType, timestamp_ntz: TimestampNTZType,
  interval: CalendarIntervalType, calendarinterval: CalendarIntervalType, decimal: DecimalType(10, 0),
}

const FIXED_DECIMAL = /^decimal\(\s*(\d+)\s*,\s*(-?\d+)\s*\)$/
/** `interval year to month`, `interval day`, ... as Spark's JSON schemas name ANSI intervals. */
const ANSI_INTERVAL = /^interval (year|month|day|hour|minute|second)(?: to (year|month|day|hour|minute|second))?$/
const TIME_TYPE = /^time\((\d)\)$/

function invalidJsonType(value: unknown, path: string): AnalysisError {
  return new AnalysisError(
    'INVALID_JSON_DATA_TYPE',
    `Failed to convert the JSON string '${JSON.stringify(value)}' to a data type at ${path}.`,
    { invalidType: JSON.stringify(value) ?? String(value), path },
  )
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The type of a JSON value in Spark's schema format; throws AnalysisError INVALID_JSON_DATA_TYPE naming the path. */
export function dataTypeFromJson(value: unknown, path = '$'): DataType {
  if (typeof value === 'string') {
    const primitive = PRIMITIVES_BY_NAME[value]
    if (primitive !== undefined) return primitive
    const decimal = FIXED_DECIMAL.exec(value)
    if (decimal !== null) return DecimalType(Number(decimal[1]), Number(decimal[2]))
    const interval = ANSI_INTERVAL.exec(value)
    if (interval !== null) return intervalTypeOfFields(interval[1]!, interval[2])
    const time = TIME_TYPE.exec(value)
    if (time !== null) return timeTypeOf(Number(time[1]))
    throw invalidJsonType(value, path)
  }
  if (!isObject(value)) throw invalidJsonType(value, path)
  switch (value['type']) {
    case 'array':
      return ArrayType(dataTypeFromJson(value['elementType'], `${path}.elementType`), value['containsNull'] !== false)
    case 'map':
      return MapType(
        dataTypeFromJson(value['keyType'], `${path}.keyType`),
        dataTypeFromJson(value['valueType'], `${path}.valueType`),
        value['valueContainsNull'] !== false,
      )
    case 'struct': {
      const fields = value['fields']
      if (!Array.isArray(fields)) throw invalidJsonType(value, path)
      return StructType(fields.map((field: unknown, index) => structFieldFromJson(field, `${path}.fields[${index}]`)))
    }
    default:
      throw invalidJsonType(value, path)
  }
}

function structFieldFromJson(value: unknown, path: string): StructField {
  if (!isObject(value) || typeof value['name'] !== 'string') throw invalidJsonType(value, path)
  const metadata = isObject(value['metadata']) ? value['metadata'] : {}
  return StructField(value['name'], dataTypeFromJson(value['type'], `${path}.type`), value['nullable'] !== false, metadata)
}

/** A StructType from Spark's schema JSON text; throws AnalysisError when the text is not JSON or not a struct. */
export function schemaFromJson(text: string): StructType {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new AnalysisError('INVALID_JSON_SCHEMA', `The schema JSON is not valid JSON: ${(error as Error).message}`, { schema: text })
  }
  const type = dataTypeFromJson(parsed)
  if (type.kind !== 'struct') {
    throw new AnalysisError('INVALID_JSON_SCHEMA', `The schema JSON must describe a struct, not '${typeName(type)}'.`, { schema: text })
  }
  return type
}
