/**
 * Conversions between internal values (see `types/data-type.ts`) and the public
 * JavaScript values of API.md ("Values in JavaScript"): BIGINT → bigint,
 * INT/SMALLINT/TINYINT/FLOAT/DOUBLE → number, DECIMAL → string, DATE → 'YYYY-MM-DD',
 * TIMESTAMP → Date (microseconds floored to milliseconds), STRUCT → object,
 * ARRAY → array, MAP → Map, BINARY → Uint8Array, NULL → null; Spark's ANSI
 * intervals as their internal counts, exact: INTERVAL YEAR TO MONTH → number of
 * months, INTERVAL DAY TO SECOND → bigint of microseconds; TIME → 'HH:mm:ss[.ffffff]'.
 */
import { ExecutionError } from '../errors/sluice-error.js'
import {
  ArrayType, BinaryType, BooleanType, DoubleType, LongType, MapType, NullType, StringType, StructField, StructType,
  TimestampType, type CalendarInterval, type DataType,
} from '../types/data-type.js'
import { simpleString } from '../types/type-strings.js'
import type { Row } from './row.js'
import { decimalFitsPrecision, decimalToString, numberToDecimal, parseDecimal, powerOfTen } from './decimal.js'
import { dateStringToDays, daysToDateString, timestampNtzStringToMicros, timestampStringToMicros } from './temporal.js'
import { castStringToDayTime, castStringToYearMonth, IntervalFormatError } from './ansi-interval.js'
import { formatTime, parseTime, truncateTime } from './time-of-day.js'

/** The public value of an internal value of `type`. */
export function toPublicValue(value: unknown, type: DataType): unknown {
  if (value === null || value === undefined) return null
  switch (type.kind) {
    case 'decimal': return decimalToString(value as bigint, type.scale)
    case 'date': return daysToDateString(value as number)
    case 'timestamp':
    case 'timestamp_ntz': return new Date(Math.floor((value as number) / 1000))
    case 'time': return formatTime(value as bigint)
    case 'array': return (value as unknown[]).map((element) => toPublicValue(element, type.elementType))
    case 'map': {
      const result = new Map<unknown, unknown>()
      for (const [k, v] of value as Map<unknown, unknown>) result.set(toPublicValue(k, type.keyType), toPublicValue(v, type.valueType))
      return result
    }
    case 'struct': return rowToObject(value as Row, type)
    default: return value
  }
}

/** A row as a plain object keyed by field name (a later duplicate name wins, as in PySpark's asDict). */
export function rowToObject(row: Row, schema: StructType): Record<string, unknown> {
  const result: Record<string, unknown> = {}
  const fields = schema.fields
  for (let i = 0; i < fields.length; i++) {
    const name = fields[i]!.name
    const value = toPublicValue(row[i], fields[i]!.dataType)
    // A column named __proto__ must stay a column, not become the prototype.
    if (name === '__proto__') Object.defineProperty(result, name, { value, enumerable: true, writable: true, configurable: true })
    else result[name] = value
  }
  return result
}

/** A row as an array of public values in schema order (`collect({ rowMode: "array" })`). */
export function rowToArray(row: Row, schema: StructType): unknown[] {
  return schema.fields.map((field, i) => toPublicValue(row[i], field.dataType))
}

/** Options of `fromPublicValue`. */
export interface FromPublicValueOptions {
  /** Zone for timestamp strings without an offset; default 'UTC'. */
  readonly timeZone?: string
}

const INTEGER_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  byte: [-128, 127], short: [-32_768, 32_767], integer: [-2_147_483_648, 2_147_483_647],
}
const LONG_MIN = -(2n ** 63n)
const LONG_MAX = 2n ** 63n - 1n

function describe(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`
  if (typeof value === 'string') return `'${value}'`
  if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? 'Invalid' : value.toISOString()})`
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

function jsTypeName(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (value instanceof Map) return 'Map'
  if (value instanceof Date) return 'Date'
  if (value instanceof Uint8Array) return 'Uint8Array'
  return typeof value
}

function cannotAccept(value: unknown, type: DataType, path: string): ExecutionError {
  return new ExecutionError(
    'CANNOT_ACCEPT_OBJECT_IN_TYPE',
    `Field '${path}': ${simpleString(type).toUpperCase()} can not accept object ${describe(value)} in type ${jsTypeName(value)}.`,
    { field: path, dataType: simpleString(type), objType: jsTypeName(value) },
  )
}

function outOfBounds(value: unknown, type: DataType, path: string, bounds: string): ExecutionError {
  return new ExecutionError(
    'VALUE_OUT_OF_BOUNDS',
    `Field '${path}': value ${describe(value)} is out of the range of ${simpleString(type).toUpperCase()} (${bounds}).`,
    { field: path, dataType: simpleString(type), value: describe(value) },
  )
}

function notNullable(path: string): ExecutionError {
  return new ExecutionError('FIELD_NOT_NULLABLE', `Field '${path}' is not nullable, but got null.`, { field: path })
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Map) &&
  !(value instanceof Date) && !(value instanceof Uint8Array)

/**
 * The internal value of a public value for `type` (createDataFrame's input):
 * BIGINT takes a bigint or a safe integer number; DECIMAL a string, number or
 * bigint; DATE a 'YYYY-MM-DD' string or a Date (its UTC date); TIMESTAMP a Date or
 * a timestamp string; STRUCT an object by field name or an array by position; MAP
 * a Map or a plain object. Throws ExecutionError naming the field `path` on a wrong value.
 */
export function fromPublicValue(value: unknown, type: DataType, path = 'value', options: FromPublicValueOptions = {}): unknown {
  if (value === null || value === undefined) return null
  switch (type.kind) {
    case 'null': throw cannotAccept(value, type, path)
    case 'boolean':
      if (typeof value === 'boolean') return value
      throw cannotAccept(value, type, path)
    case 'byte': case 'short': case 'integer': {
      const [min, max] = INTEGER_RANGES[type.kind]!
      const n = typeof value === 'bigint' ? Number(value) : value
      if (typeof n !== 'number' || !Number.isInteger(n)) throw cannotAccept(value, type, path)
      if (n < min || n > max) throw outOfBounds(value, type, path, `${min} to ${max}`)
      return n
    }
    case 'long': {
      let big: bigint
      if (typeof value === 'bigint') big = value
      else if (typeof value === 'number' && Number.isSafeInteger(value)) big = BigInt(value)
      else throw cannotAccept(value, type, path)
      if (big < LONG_MIN || big > LONG_MAX) throw outOfBounds(value, type, path, `${LONG_MIN} to ${LONG_MAX}`)
      return big
    }
    case 'float':
      if (typeof value === 'number') return Math.fround(value)
      throw cannotAccept(value, type, path)
    case 'double':
      if (typeof value === 'number') return value
      throw cannotAccept(value, type, path)
    case 'decimal': {
      let unscaled: bigint | null
      if (typeof value === 'string') unscaled = parseDecimal(value, type.scale)
      else if (typeof value === 'number') unscaled = numberToDecimal(value, type.scale)
      else if (typeof value === 'bigint') unscaled = value * powerOfTen(type.scale)
      else throw cannotAccept(value, type, path)
      if (unscaled === null) throw cannotAccept(value, type, path)
      if (!decimalFitsPrecision(unscaled, type.precision)) throw outOfBounds(value, type, path, `at most ${type.precision - type.scale} integer digits`)
      return unscaled
    }
    case 'string':
      if (typeof value === 'string') return value
      throw cannotAccept(value, type, path)
    case 'binary':
      if (value instanceof Uint8Array) return value
      throw cannotAccept(value, type, path)
    case 'date': {
      if (value instanceof Date && !Number.isNaN(value.getTime())) return Math.floor(value.getTime() / 86_400_000)
      const days = typeof value === 'string' ? dateStringToDays(value) : null
      if (days === null) throw cannotAccept(value, type, path)
      return days
    }
    case 'timestamp':
    case 'timestamp_ntz': {
      if (value instanceof Date && !Number.isNaN(value.getTime())) return value.getTime() * 1000
      let micros: number | null = null
      if (typeof value === 'string') {
        micros = type.kind === 'timestamp'
          ? timestampStringToMicros(value, options.timeZone ?? 'UTC')
          : timestampNtzStringToMicros(value)
      }
      if (micros === null) throw cannotAccept(value, type, path)
      return micros
    }
    case 'year_month_interval': {
      if (typeof value === 'string') return fromIntervalText(() => castStringToYearMonth(value, type), value, type, path)
      const n = typeof value === 'bigint' ? Number(value) : value
      if (typeof n !== 'number' || !Number.isInteger(n)) throw cannotAccept(value, type, path)
      if (n < -2_147_483_648 || n > 2_147_483_647) throw outOfBounds(value, type, path, 'an INT of months')
      return n
    }
    case 'day_time_interval': {
      if (typeof value === 'string') return fromIntervalText(() => castStringToDayTime(value, type), value, type, path)
      const big = typeof value === 'bigint' ? value : typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : null
      if (big === null) throw cannotAccept(value, type, path)
      if (big < LONG_MIN || big > LONG_MAX) throw outOfBounds(value, type, path, 'a BIGINT of microseconds')
      return big
    }
    case 'time': {
      const nanos = typeof value === 'string' ? parseTime(value) : null
      if (nanos === null) throw cannotAccept(value, type, path)
      return truncateTime(nanos, type.precision)
    }
    case 'interval': {
      if (!isPlainObject(value)) throw cannotAccept(value, type, path)
      const { months = 0, days = 0, microseconds = 0 } = value as Partial<CalendarInterval>
      if (![months, days, microseconds].every((n) => typeof n === 'number' && Number.isInteger(n))) throw cannotAccept(value, type, path)
      return { months, days, microseconds } satisfies CalendarInterval
    }
    case 'array': {
      if (!Array.isArray(value)) throw cannotAccept(value, type, path)
      return value.map((element, i) => {
        const elementPath = `${path}[${i}]`
        if ((element === null || element === undefined) && !type.containsNull) throw notNullable(elementPath)
        return fromPublicValue(element, type.elementType, elementPath, options)
      })
    }
    case 'map': {
      const entries = value instanceof Map ? [...value.entries()] : isPlainObject(value) ? Object.entries(value) : null
      if (entries === null) throw cannotAccept(value, type, path)
      const result = new Map<unknown, unknown>()
      for (const [k, v] of entries) {
        const entryPath = `${path}[${describe(k)}]`
        if (k === null || k === undefined) throw notNullable(`${path} key`)
        if ((v === null || v === undefined) && !type.valueContainsNull) throw notNullable(entryPath)
        // Plain-object keys are strings: numeric keys are read back as numbers for numeric key types.
        const key = !(value instanceof Map) && type.keyType.kind !== 'string' && typeof k === 'string' ? coerceObjectKey(k, type.keyType) : k
        result.set(fromPublicValue(key, type.keyType, `${path} key`, options), fromPublicValue(v, type.valueType, entryPath, options))
      }
      return result
    }
    case 'struct':
      if (!Array.isArray(value) && !isPlainObject(value)) throw cannotAccept(value, type, path)
      return fromPublicRow(value, type, options, `${path}.`)
  }
}

/** An ANSI interval given as text (`'1-2'`, `INTERVAL '3' DAY`), parsed as Spark casts a string. */
function fromIntervalText<T>(parse: () => T, value: string, type: DataType, path: string): T {
  try {
    return parse()
  } catch (error) {
    if (error instanceof IntervalFormatError) throw cannotAccept(value, type, path)
    throw error
  }
}

function coerceObjectKey(key: string, keyType: DataType): unknown {
  switch (keyType.kind) {
    case 'byte': case 'short': case 'integer': case 'float': case 'double': return key.trim() === '' ? key : Number(key)
    case 'long': return /^-?\d+$/.test(key) ? BigInt(key) : key
    case 'boolean': return key === 'true' ? true : key === 'false' ? false : key
    default: return key
  }
}

/**
 * A public row (an object by field name, or an array by position) as an internal
 * Row of `schema`; a missing field is null. Throws FIELD_NOT_NULLABLE for null in
 * a non-nullable field and CANNOT_ACCEPT_OBJECT_IN_TYPE / VALUE_OUT_OF_BOUNDS naming the field.
 */
export function fromPublicRow(
  value: Record<string, unknown> | readonly unknown[],
  schema: StructType,
  options: FromPublicValueOptions = {},
  pathPrefix = '',
): Row {
  const fields = schema.fields
  if (Array.isArray(value) && value.length !== fields.length) {
    throw new ExecutionError(
      'LENGTH_SHOULD_BE_THE_SAME',
      `Row '${pathPrefix || 'row'}' has ${value.length} values but the schema has ${fields.length} fields.`,
      { expected: String(fields.length), actual: String(value.length) },
    )
  }
  const row: Row = new Array(fields.length)
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!
    const raw = Array.isArray(value) ? value[i] : Object.hasOwn(value, field.name) ? (value as Record<string, unknown>)[field.name] : undefined
    const path = `${pathPrefix}${field.name}`
    if ((raw === null || raw === undefined) && !field.nullable) throw notNullable(path)
    row[i] = fromPublicValue(raw, field.dataType, path, options)
  }
  return row
}

/**
 * The Spark type inferred for a public value, as PySpark's createDataFrame infers:
 * bigint or integral number up to 2^53 → long, other number → double, string → string,
 * boolean → boolean, Date → timestamp, Uint8Array → binary, array → array of the
 * merged element type, Map → map, plain object → struct, null → void.
 */
export function inferTypeOfPublicValue(value: unknown, path = 'value'): DataType {
  if (value === null || value === undefined) return NullType
  if (typeof value === 'boolean') return BooleanType
  if (typeof value === 'bigint') return LongType
  if (typeof value === 'number') return Number.isSafeInteger(value) ? LongType : DoubleType
  if (typeof value === 'string') return StringType
  if (value instanceof Date) return TimestampType
  if (value instanceof Uint8Array) return BinaryType
  if (Array.isArray(value)) {
    let element: DataType = NullType
    value.forEach((item, i) => { element = mergeInferredTypes(element, inferTypeOfPublicValue(item, `${path}[${i}]`), path) })
    return ArrayType(element, true)
  }
  if (value instanceof Map) {
    let keyType: DataType = NullType
    let valueType: DataType = NullType
    for (const [k, v] of value) {
      keyType = mergeInferredTypes(keyType, inferTypeOfPublicValue(k, `${path} key`), `${path} key`)
      valueType = mergeInferredTypes(valueType, inferTypeOfPublicValue(v, path), path)
    }
    return MapType(keyType, valueType, true)
  }
  if (isPlainObject(value)) {
    return StructType(Object.entries(value).map(([name, v]) => StructField(name, inferTypeOfPublicValue(v, `${path}.${name}`))))
  }
  throw new ExecutionError('CANNOT_INFER_TYPE_FOR_FIELD', `Cannot infer the type of field '${path}' from ${describe(value)} (${jsTypeName(value)}).`, { field: path })
}

/**
 * Merges two inferred types (PySpark's `_merge_type`): void gives way to the other
 * type, long widens to double (JavaScript cannot tell 1.0 from 1), structs merge
 * by field name; other mismatches throw CANNOT_MERGE_TYPE naming the field.
 */
export function mergeInferredTypes(a: DataType, b: DataType, path = 'value'): DataType {
  if (a.kind === 'null') return b
  if (b.kind === 'null') return a
  if (a.kind === b.kind) {
    switch (a.kind) {
      case 'array': return ArrayType(mergeInferredTypes(a.elementType, (b as ArrayType).elementType, path), true)
      case 'map': {
        const other = b as MapType
        return MapType(mergeInferredTypes(a.keyType, other.keyType, `${path} key`), mergeInferredTypes(a.valueType, other.valueType, path), true)
      }
      case 'struct': {
        const other = b as StructType
        const fields = a.fields.map((f) => {
          const match = other.fields.find((g) => g.name === f.name)
          return match === undefined ? f : StructField(f.name, mergeInferredTypes(f.dataType, match.dataType, `${path}.${f.name}`))
        })
        for (const g of other.fields) if (!a.fields.some((f) => f.name === g.name)) fields.push(g)
        return StructType(fields)
      }
      default: return a
    }
  }
  if ((a.kind === 'long' && b.kind === 'double') || (a.kind === 'double' && b.kind === 'long')) return DoubleType
  throw new ExecutionError(
    'CANNOT_MERGE_TYPE',
    `Field '${path}': cannot merge type ${simpleString(a)} with ${simpleString(b)}.`,
    { field: path, dataType1: simpleString(a), dataType2: simpleString(b) },
  )
}

/**
 * The schema inferred from public rows (objects): fields in first-seen order, all
 * nullable. As PySpark, a field whose type stays unknown (only nulls, empty
 * arrays) throws CANNOT_DETERMINE_TYPE naming it: give a schema instead.
 */
export function inferSchemaOfPublicRows(rows: readonly Record<string, unknown>[]): StructType {
  let merged: DataType = StructType([])
  rows.forEach((row, i) => { merged = mergeInferredTypes(merged, inferTypeOfPublicValue(row, `row ${i}`), 'row') })
  const struct = merged as StructType
  for (const field of struct.fields) assertDetermined(field.dataType, field.name)
  return StructType(struct.fields.map((f) => StructField(f.name, f.dataType, true)))
}

function assertDetermined(type: DataType, path: string): void {
  switch (type.kind) {
    case 'null':
      throw new ExecutionError('CANNOT_DETERMINE_TYPE', `The type of field '${path}' cannot be determined after inferring: it holds only nulls or empty collections; pass a schema.`, { field: path })
    case 'array': return assertDetermined(type.elementType, `${path}[]`)
    case 'map':
      assertDetermined(type.keyType, `${path} key`)
      return assertDetermined(type.valueType, `${path} value`)
    case 'struct':
      for (const f of type.fields) assertDetermined(f.dataType, `${path}.${f.name}`)
      return
    default: return
  }
}
