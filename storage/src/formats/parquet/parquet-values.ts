import { twosComplementToBigint, type DataType } from '@sluice/shared'

/** Converts one value as hyparquet decodes it (annotations of decimals removed) to its internal value. */
export type FromParquet = (value: unknown) => unknown

const utf8Decoder = new TextDecoder()
const utf8Encoder = new TextEncoder()

/** A two's-complement big-endian byte string as a bigint. */
export const bytesToBigInt = twosComplementToBigint

/**
 * A converter from hyparquet's decoded values to internal values of `type`.
 * Expects decimals read without their annotation (raw INT32/INT64/bytes) and
 * timestamps/dates through `internalParsers`; tolerates a wider or narrower
 * physical integer than the Spark type.
 */
export function parquetToInternalConverter(type: DataType): FromParquet | null {
  switch (type.kind) {
    case 'byte':
    case 'short':
    case 'integer':
    case 'year_month_interval':
      return (value) => (typeof value === 'bigint' ? Number(value) : value)
    case 'long':
    case 'day_time_interval':
    case 'time':
      return (value) => (typeof value === 'number' ? BigInt(value) : value)
    case 'float':
      return (value) => (typeof value === 'number' ? Math.fround(value) : value)
    case 'double':
    case 'boolean':
    case 'date':
    case 'timestamp':
    case 'timestamp_ntz':
      return null
    case 'decimal':
      return (value) => (typeof value === 'bigint' ? value : typeof value === 'number' ? BigInt(value) : value instanceof Uint8Array ? bytesToBigInt(value) : value)
    case 'string':
      return (value) => (value instanceof Uint8Array ? utf8Decoder.decode(value) : value)
    case 'binary':
      return (value) => (typeof value === 'string' ? utf8Encoder.encode(value) : value)
    case 'struct': {
      const names = type.fields.map((f) => f.name)
      const children = type.fields.map((f) => parquetToInternalConverter(f.dataType))
      return (value) => {
        if (value === null || value === undefined) return null
        const object = value as Record<string, unknown>
        const out = new Array<unknown>(names.length)
        for (let i = 0; i < names.length; i++) {
          const fieldValue = object[names[i]!]
          const child = children[i]
          out[i] = fieldValue === null || fieldValue === undefined ? null : child ? child(fieldValue) : fieldValue
        }
        return out
      }
    }
    case 'array': {
      const element = parquetToInternalConverter(type.elementType)
      return (value) => {
        if (value === null || value === undefined) return null
        return Array.from(value as ArrayLike<unknown>, (v) => (v === null || v === undefined ? null : element ? element(v) : v))
      }
    }
    case 'map': {
      const key = mapKeyParser(type.keyType)
      const val = parquetToInternalConverter(type.valueType)
      return (value) => {
        if (value === null || value === undefined) return null
        const out = new Map<unknown, unknown>()
        if (value instanceof Map) {
          for (const [k, v] of value) out.set(key(k), v === null || v === undefined ? null : val ? val(v) : v)
          return out
        }
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
          out.set(key(k), v === null || v === undefined ? null : val ? val(v) : v)
        }
        return out
      }
    }
    default:
      return null
  }
}

/** hyparquet assembles maps as objects, so keys arrive as strings: parse them back to the key type. */
function mapKeyParser(type: DataType): (key: unknown) => unknown {
  const typed = parquetToInternalConverter(type)
  switch (type.kind) {
    case 'byte':
    case 'short':
    case 'integer':
    case 'float':
    case 'double':
    case 'date':
    case 'timestamp':
    case 'timestamp_ntz':
      return (key) => (typeof key === 'string' ? Number(key) : key)
    case 'long':
    case 'decimal':
      return (key) => (typeof key === 'string' ? BigInt(key) : typed ? typed(key) : key)
    case 'boolean':
      return (key) => (typeof key === 'string' ? key === 'true' : key)
    default:
      return (key) => (typed ? typed(key) : key)
  }
}

/** Floor division of bigints (rounds toward negative infinity). */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q
}

/** hyparquet parsers that yield internal values: timestamps as micros numbers, dates as day numbers. */
export const internalParsers = {
  timestampFromMilliseconds: (millis: bigint): number => Number(millis) * 1000,
  timestampFromMicroseconds: (micros: bigint): number => Number(micros),
  timestampFromNanoseconds: (nanos: bigint): number => Number(floorDiv(nanos, 1000n)),
  dateFromDays: (days: number): number => days,
}
