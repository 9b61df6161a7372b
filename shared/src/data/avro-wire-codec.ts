/**
 * A hand-written encoder and decoder for the `wire` Avro layout of
 * `avro-row-codec.ts`, writing byte for byte what avsc writes for the same
 * schema (its tests check that against avsc), without building avsc record
 * objects: struct rows are read and written in place, longs as bigints.
 *
 * Wire layout per type: null → nothing; boolean → 1 byte; byte/short/int/date →
 * zig-zag varint; long, decimal(p ≤ 18) → zig-zag varint of the bigint;
 * timestamp(_ntz) → zig-zag varint of the number; float/double → 4/8 bytes LE;
 * string, binary, decimal(p > 18) (two's complement) → length + bytes; interval →
 * months, days, microseconds; array → count, items, 0; map → an array of key/value
 * pairs; struct → fields in order; a nullable value → union index (0 null, 1 value).
 */
import type { DataType, StructType } from '../types/data-type.js'
import { AvroSink, AvroValueError } from './avro-sink.js'
import { AvroFormatError, AvroSource } from './avro-source.js'
import type { Row } from './row.js'
import { bigintToTwosComplement, twosComplementToBigint } from './twos-complement.js'

const MAX_LONG_DECIMAL_PRECISION = 18

function wrongValue(value: unknown, expected: string): AvroValueError {
  return new AvroValueError(`expected a ${expected}, got ${value === null ? 'null' : typeof value} ${String(value)}`)
}

/** Writes one non-null value of a type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one signature for every type's writer (parameters checked bivariantly)
export type ValueWriter = (sink: AvroSink, value: any) => void
/** Reads one non-null value of a type. */
export type ValueReader = (source: AvroSource) => unknown

function withNull(write: ValueWriter, nullable: boolean): ValueWriter {
  if (!nullable) return write
  return (sink, value) => {
    if (value === null || value === undefined) {
      sink.byte(0)
    } else {
      sink.byte(2)
      write(sink, value)
    }
  }
}

function readWithNull(read: ValueReader, nullable: boolean): ValueReader {
  return nullable ? (source) => (source.present() ? read(source) : null) : read
}

/** The writer of non-null values of `type` in the wire layout. */
export function wireWriter(type: DataType): ValueWriter {
  switch (type.kind) {
    case 'null': return () => {}
    case 'boolean': return (sink, value: boolean) => sink.boolean(value)
    case 'byte': case 'short': case 'integer': case 'date': case 'year_month_interval': return (sink, value: number) => sink.intNumber(value)
    case 'long': case 'day_time_interval': case 'time': return (sink, value: bigint) => sink.long(value)
    case 'timestamp': case 'timestamp_ntz': return (sink, value: number) => sink.longNumber(value)
    case 'float': return (sink, value: number) => sink.float(value)
    case 'double': return (sink, value: number) => sink.double(value)
    case 'string': return (sink, value: string) => sink.string(value)
    case 'binary': return (sink, value: Uint8Array) => sink.bytes(value)
    case 'decimal':
      return type.precision <= MAX_LONG_DECIMAL_PRECISION
        ? (sink, value: bigint) => sink.long(value)
        : (sink, value: bigint) => sink.bytes(bigintToTwosComplement(value))
    case 'interval':
      return (sink, value: { months: number; days: number; microseconds: number }) => {
        if (typeof value !== 'object') throw wrongValue(value, 'CalendarInterval')
        sink.intNumber(value.months)
        sink.intNumber(value.days)
        sink.longNumber(value.microseconds)
      }
    case 'array': {
      const item = withNull(wireWriter(type.elementType), type.containsNull && type.elementType.kind !== 'null')
      return (sink, value: unknown[]) => {
        if (!Array.isArray(value)) throw wrongValue(value, 'array')
        if (value.length > 0) {
          sink.intNumber(value.length)
          for (let i = 0; i < value.length; i++) item(sink, value[i])
        }
        sink.byte(0)
      }
    }
    case 'map': {
      const key = wireWriter(type.keyType)
      const entryValue = withNull(wireWriter(type.valueType), type.valueContainsNull && type.valueType.kind !== 'null')
      return (sink, value: Map<unknown, unknown>) => {
        if (!(value instanceof Map)) throw wrongValue(value, 'Map')
        if (value.size > 0) {
          sink.intNumber(value.size)
          for (const [k, v] of value) {
            key(sink, k)
            entryValue(sink, v)
          }
        }
        sink.byte(0)
      }
    }
    case 'struct': return structWriter(type)
  }
}

/** Code for one field write, inlining the common primitive types. */
function fieldWriteCode(type: DataType, value: string, index: number): string {
  switch (type.kind) {
    case 'long': return `s.long(${value})`
    case 'string': return `s.string(${value})`
    case 'double': return `s.double(${value})`
    case 'integer': case 'short': case 'byte': case 'date': return `s.intNumber(${value})`
    case 'timestamp': case 'timestamp_ntz': return `s.longNumber(${value})`
    case 'boolean': return `s.boolean(${value})`
    case 'null': return ''
    default: return `w[${index}](s, ${value})`
  }
}

function structWriter(type: StructType): ValueWriter {
  const writers = type.fields.map((f) => wireWriter(f.dataType))
  const body = type.fields.map((field, i) => {
    const write = fieldWriteCode(field.dataType, 'x', i)
    if (!field.nullable || field.dataType.kind === 'null') return `x = v[${i}]; ${write};`
    return `x = v[${i}]; if (x === null || x === undefined) { s.byte(0) } else { s.byte(2); ${write} }`
  })
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const write = new Function('w', `return function writeStruct(s, v) { let x; ${body.join('\n')} }`)(writers) as ValueWriter
  return (sink, value: unknown[]) => {
    if (!Array.isArray(value)) throw wrongValue(value, 'array of struct fields')
    write(sink, value)
  }
}

/** The reader of non-null values of `type` in the wire layout. */
export function wireReader(type: DataType): ValueReader {
  switch (type.kind) {
    case 'null': return () => null
    case 'boolean': return (source) => source.boolean()
    case 'byte': case 'short': case 'integer': case 'date': case 'year_month_interval': return (source) => source.intNumber()
    case 'long': case 'day_time_interval': case 'time': return (source) => source.long()
    case 'timestamp': case 'timestamp_ntz': return (source) => source.longNumber()
    case 'float': return (source) => source.float()
    case 'double': return (source) => source.double()
    case 'string': return (source) => source.string()
    case 'binary': return (source) => source.bytes()
    case 'decimal':
      return type.precision <= MAX_LONG_DECIMAL_PRECISION ? (source) => source.long() : (source) => twosComplementToBigint(source.bytes())
    case 'interval':
      return (source) => ({ months: source.intNumber(), days: source.intNumber(), microseconds: source.longNumber() })
    case 'array': {
      const item = readWithNull(wireReader(type.elementType), type.containsNull && type.elementType.kind !== 'null')
      return (source) => {
        const result: unknown[] = []
        for (let count = source.blockCount(); count !== 0; count = source.blockCount()) {
          checkCount(source, count)
          for (let i = 0; i < count; i++) result.push(item(source))
        }
        return result
      }
    }
    case 'map': {
      const key = wireReader(type.keyType)
      const entryValue = readWithNull(wireReader(type.valueType), type.valueContainsNull && type.valueType.kind !== 'null')
      return (source) => {
        const result = new Map<unknown, unknown>()
        for (let count = source.blockCount(); count !== 0; count = source.blockCount()) {
          checkCount(source, count)
          for (let i = 0; i < count; i++) {
            const k = key(source)
            result.set(k, entryValue(source))
          }
        }
        return result
      }
    }
    case 'struct': return structReader(type)
  }
}

/** Refuses counts that cannot fit in the rest of the input (each item takes a byte at least, but for void items). */
function checkCount(source: AvroSource, count: number): void {
  if (count > source.buffer.length - source.position + 1 && count > 1_000_000) {
    throw new AvroFormatError(`block count ${count} at byte ${source.position} exceeds the input`)
  }
}

function fieldReadCode(type: DataType, index: number): string {
  switch (type.kind) {
    case 'long': return 's.long()'
    case 'string': return 's.string()'
    case 'double': return 's.double()'
    case 'integer': case 'short': case 'byte': case 'date': return 's.intNumber()'
    case 'timestamp': case 'timestamp_ntz': return 's.longNumber()'
    case 'boolean': return 's.boolean()'
    case 'null': return 'null'
    default: return `r[${index}](s)`
  }
}

function structReader(type: StructType): ValueReader {
  const readers = type.fields.map((f) => wireReader(f.dataType))
  const parts = type.fields.map((field, i) => {
    const read = fieldReadCode(field.dataType, i)
    return !field.nullable || field.dataType.kind === 'null' ? read : `(s.present() ? ${read} : null)`
  })
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function('r', `return function readStruct(s) { return [${parts.join(', ')}] }`)(readers) as ValueReader
}

/** Writes a row (a struct value) of `schema`. */
export function wireRowWriter(schema: StructType): (sink: AvroSink, row: Row) => void {
  return structWriter(schema)
}

/** Reads a row (a struct value) of `schema`. */
export function wireRowReader(schema: StructType): (source: AvroSource) => Row {
  return structReader(schema) as (source: AvroSource) => Row
}
