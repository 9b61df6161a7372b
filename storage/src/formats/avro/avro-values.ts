import { Buffer } from 'node:buffer'
import { rescaleDecimal, type DataType } from '@sluice/shared'
import { bytesToBigInt } from '../parquet/parquet-values.js'
import { collectNamedAvroTypes, type AvroSchema, type AvroSchemaObject } from './avro-schema.js'

type Convert = (value: unknown) => unknown

/** The non-null branch of a nullable union (or the schema itself), named references resolved. */
function resolve(schema: AvroSchema, named: Map<string, AvroSchemaObject>): AvroSchemaObject {
  if (Array.isArray(schema)) {
    const nonNull = schema.filter((s) => s !== 'null')
    return resolve(nonNull.length === 1 ? nonNull[0]! : nonNull[0] ?? 'null', named)
  }
  if (typeof schema === 'string') return named.get(schema) ?? { type: schema }
  return schema
}

/** Big-endian two's complement of `value` in `size` bytes (`size` 0: as few as needed). */
function bigIntToBytes(value: bigint, size: number): Buffer {
  const bytes: number[] = []
  let v = value
  do {
    bytes.unshift(Number(v & 0xffn))
    v >>= 8n
  } while (size > 0 ? bytes.length < size : !((v === 0n && (bytes[0]! & 0x80) === 0) || (v === -1n && (bytes[0]! & 0x80) !== 0)))
  return Buffer.from(bytes)
}

/** A converter from internal values of `type` to the JS values avsc encodes for `schema` (longs as bigint). */
export function internalToAvroConverter(type: DataType, schema: AvroSchema, named = collectNamedAvroTypes(schema)): Convert {
  const avro = resolve(schema, named)
  const orNull = (convert: Convert): Convert => (value) => (value === null || value === undefined ? null : convert(value))
  switch (type.kind) {
    case 'long':
      return orNull((v) => (typeof v === 'bigint' ? v : BigInt(v as number)))
    case 'timestamp': case 'timestamp_ntz':
      if (avro['logicalType'] === 'timestamp-millis' || avro['logicalType'] === 'local-timestamp-millis') return orNull((v) => BigInt(Math.floor((v as number) / 1000)))
      return orNull((v) => BigInt(v as number))
    case 'binary':
      return orNull((v) => Buffer.from(v as Uint8Array))
    // TIME is spark-avro's time-micros: the nanoseconds of the day as microseconds.
    case 'time':
      return orNull((v) => (v as bigint) / 1000n)
    case 'decimal': {
      const size = avro.type === 'fixed' ? Number(avro['size']) : 0
      const scale = Number(avro['scale'] ?? type.scale)
      return orNull((v) => bigIntToBytes(rescaleDecimal(v as bigint, type.scale, scale), size))
    }
    case 'array': {
      const element = internalToAvroConverter(type.elementType, avro['items'] as AvroSchema, named)
      return orNull((v) => (v as unknown[]).map(element))
    }
    case 'map': {
      const value = internalToAvroConverter(type.valueType, avro['values'] as AvroSchema, named)
      return orNull((v) => {
        const object: Record<string, unknown> = {}
        for (const [k, x] of v as Map<unknown, unknown>) object[String(k)] = value(x)
        return object
      })
    }
    case 'struct': {
      const fields = avro['fields'] as { name: string; type: AvroSchema }[]
      const converters = type.fields.map((f, i) => internalToAvroConverter(f.dataType, fields[i]?.type ?? 'null', named))
      return orNull((v) => {
        const values = v as unknown[]
        const object: Record<string, unknown> = {}
        type.fields.forEach((_, i) => { object[fields[i]!.name] = converters[i]!(values[i] ?? null) })
        return object
      })
    }
    default:
      return (value) => (value === undefined ? null : value)
  }
}

/** A converter from the values avsc decodes for `schema` to internal values of `type`. */
export function avroToInternalConverter(schema: AvroSchema, type: DataType, named = collectNamedAvroTypes(schema)): Convert {
  const avro = resolve(schema, named)
  const orNull = (convert: Convert): Convert => (value) => (value === null || value === undefined ? null : convert(value))
  switch (type.kind) {
    case 'byte': case 'short': case 'integer':
      return orNull((v) => Number(v))
    case 'long': case 'day_time_interval':
      return orNull((v) => (typeof v === 'bigint' ? v : BigInt(v as number)))
    case 'year_month_interval':
      return orNull((v) => Number(v))
    case 'time':
      return orNull((v) => BigInt(v as number | bigint) * 1000n)
    case 'float':
      return orNull((v) => Math.fround(v as number))
    case 'timestamp': case 'timestamp_ntz': {
      const millis = avro['logicalType'] === 'timestamp-millis' || avro['logicalType'] === 'local-timestamp-millis'
      return orNull((v) => Number(v) * (millis ? 1000 : 1))
    }
    case 'binary': case 'string':
      return orNull((v) => (v instanceof Uint8Array ? (type.kind === 'string' ? Buffer.from(v).toString('utf8') : new Uint8Array(v)) : v))
    case 'decimal': {
      const scale = Number(avro['scale'] ?? type.scale)
      return orNull((v) => rescaleDecimal(bytesToBigInt(v as Uint8Array), scale, type.scale))
    }
    case 'array': {
      const element = avroToInternalConverter(avro['items'] as AvroSchema, type.elementType, named)
      return orNull((v) => (v as unknown[]).map(element))
    }
    case 'map': {
      const value = avroToInternalConverter(avro['values'] as AvroSchema, type.valueType, named)
      return orNull((v) => new Map(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, value(x)])))
    }
    case 'struct': {
      const fields = (avro['fields'] as { name: string; type: AvroSchema }[] | undefined) ?? []
      const sources = type.fields.map((f) => {
        const avroField = fields.find((x) => x.name === f.name) ?? fields.find((x) => x.name.toLowerCase() === f.name.toLowerCase())
        return avroField ? { name: avroField.name, convert: avroToInternalConverter(avroField.type, f.dataType, named) } : null
      })
      return orNull((v) => {
        const object = v as Record<string, unknown>
        return sources.map((s) => (s ? s.convert(object[s.name]) : null))
      })
    }
    default:
      return (value) => (value === undefined ? null : value)
  }
}
