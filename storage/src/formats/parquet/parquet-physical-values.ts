import type { SchemaElement } from 'hyparquet'
import { bigintToTwosComplement, type DataType } from '@sluice/shared'
import type { PageBuffer } from './page-buffer.js'

/**
 * How the internal values of one Spark type become Parquet values: PLAIN encoding,
 * the order of the column statistics, and whether the column may be dictionary-encoded.
 */
export interface PhysicalValues {
  /** Writes non-null values with PLAIN encoding (batch after batch into the same buffer). */
  writePlain(buffer: PageBuffer, values: readonly unknown[]): void
  /** Turns what `writePlain` wrote into the page's PLAIN bytes, when the two differ (booleans). */
  finishPlain?(written: Uint8Array): Uint8Array
  /** The ordering of statistics (negative when `a` sorts first), Parquet's for the logical type. */
  compare(a: unknown, b: unknown): number
  /** Values that take no part in min/max (NaN). */
  skipInStatistics?(value: unknown): boolean
  /** The dictionary key of a value; absent when the type is not dictionary-encoded. */
  dictionaryKey?(value: unknown): unknown
  /** Bytes a value adds to a dictionary page (to stop at parquet-mr's 1 MiB page). */
  dictionaryBytes(value: unknown): number
  /** The value as hyparquet-writer's statistics serializer takes it. */
  statistic(value: unknown): unknown
}

const compareNumbers = (a: unknown, b: unknown): number => (a as number) - (b as number)
const compareIntegers = (a: unknown, b: unknown): number => {
  const x = a as number | bigint
  const y = b as number | bigint
  return x < y ? -1 : x > y ? 1 : 0
}
const isNaNValue = (value: unknown): boolean => value !== value
const identity = (value: unknown): unknown => value
// SameValueZero would merge -0 into 0 in a Map; keep the sign of zero apart.
const NEGATIVE_ZERO = Symbol('-0')
const floatKey = (value: unknown): unknown => (value === 0 && 1 / (value as number) < 0 ? NEGATIVE_ZERO : value)

/** Parquet orders UTF-8 strings by unsigned bytes, which is code-point order, not UTF-16 order. */
export function compareUtf8(a: string, b: string): number {
  const length = Math.min(a.length, b.length)
  for (let i = 0; i < length; i++) {
    let x = a.charCodeAt(i)
    let y = b.charCodeAt(i)
    if (x === y) continue
    if (x >= 0xd800 && y >= 0xd800) {
      // Surrogates stand for code points above U+FFFF: move them past U+E000..U+FFFF.
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000
    }
    return x - y
  }
  return a.length - b.length
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length)
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!
  return a.length - b.length
}

const int32Values: PhysicalValues = {
  writePlain(buffer, values) {
    for (let i = 0; i < values.length; i++) buffer.writeInt32(values[i] as number)
  },
  compare: compareNumbers,
  dictionaryKey: identity,
  dictionaryBytes: () => 4,
  statistic: identity,
}

const int64Values: PhysicalValues = {
  writePlain(buffer, values) {
    for (let i = 0; i < values.length; i++) {
      const value = values[i]
      if (typeof value === 'bigint') buffer.writeInt64(value)
      else buffer.writeInt64Number(value as number)
    }
  },
  compare: compareIntegers,
  dictionaryKey: (value) => (typeof value === 'number' ? BigInt(value) : value),
  dictionaryBytes: () => 8,
  statistic: identity,
}

const timestampValues: PhysicalValues = {
  writePlain(buffer, values) {
    for (let i = 0; i < values.length; i++) {
      const value = values[i]
      if (typeof value === 'bigint') buffer.writeInt64(value)
      else buffer.writeInt64Number(Math.trunc(value as number))
    }
  },
  compare: compareIntegers,
  dictionaryKey: (value) => (typeof value === 'number' ? Math.trunc(value) : value),
  dictionaryBytes: () => 8,
  statistic: (value) => (typeof value === 'number' ? Math.trunc(value) : value),
}

/** FLOAT (4 bytes) or DOUBLE (8 bytes): NaN takes no part in min/max; -0 and 0 stay distinct dictionary entries. */
function floatingValues(bytes: 4 | 8): PhysicalValues {
  return {
    writePlain: bytes === 4
      ? (buffer, values) => { for (let i = 0; i < values.length; i++) buffer.writeFloat(values[i] as number) }
      : (buffer, values) => { for (let i = 0; i < values.length; i++) buffer.writeDouble(values[i] as number) },
    compare: compareNumbers,
    skipInStatistics: isNaNValue,
    dictionaryKey: floatKey,
    dictionaryBytes: () => bytes,
    statistic: identity,
  }
}

const floatValues = floatingValues(4)
const doubleValues = floatingValues(8)

const stringValues: PhysicalValues = {
  writePlain(buffer, values) {
    for (let i = 0; i < values.length; i++) buffer.writeString(values[i] as string)
  },
  compare: (a, b) => compareUtf8(a as string, b as string),
  dictionaryKey: identity,
  dictionaryBytes: (value) => 4 + (value as string).length,
  statistic: identity,
}

const binaryValues: PhysicalValues = {
  writePlain(buffer, values) {
    for (let i = 0; i < values.length; i++) buffer.writeByteArray(values[i] as Uint8Array)
  },
  compare: (a, b) => compareBytes(a as Uint8Array, b as Uint8Array),
  dictionaryBytes: (value) => 4 + (value as Uint8Array).length,
  statistic: identity,
}

const booleanValues: PhysicalValues = {
  // A byte per value while batches come; bit-packed once the page is complete.
  writePlain(buffer, values) {
    const bytes = new Uint8Array(values.length)
    for (let i = 0; i < values.length; i++) if (values[i]) bytes[i] = 1
    buffer.writeRaw(bytes)
  },
  finishPlain(written) {
    // PLAIN booleans are bit-packed, least significant bit first.
    const packed = new Uint8Array((written.length + 7) >> 3)
    for (let i = 0; i < written.length; i++) if (written[i]) packed[i >> 3]! |= 1 << (i & 7)
    return packed
  },
  compare: (a, b) => Number(a) - Number(b),
  dictionaryBytes: () => 1,
  statistic: identity,
}

const int32DecimalValues: PhysicalValues = {
  writePlain(buffer, values) {
    for (let i = 0; i < values.length; i++) buffer.writeInt32(Number(values[i] as bigint))
  },
  compare: compareIntegers,
  dictionaryKey: (value) => BigInt(value as bigint | number),
  dictionaryBytes: () => 4,
  statistic: (value) => BigInt(value as bigint | number),
}

/** FIXED_LEN_BYTE_ARRAY decimals: the unscaled value in big-endian two's complement. */
function fixedDecimalValues(length: number): PhysicalValues {
  return {
    writePlain(buffer, values) {
      for (let i = 0; i < values.length; i++) buffer.writeRaw(bigintToTwosComplement(BigInt(values[i] as bigint | number), length))
    },
    compare: compareIntegers,
    dictionaryBytes: () => length,
    statistic: (value) => BigInt(value as bigint | number),
  }
}

/** The physical values of a leaf column of Spark type `type` written as `element`. */
export function physicalValuesFor(type: DataType, element: SchemaElement): PhysicalValues {
  switch (type.kind) {
    case 'boolean':
      return booleanValues
    case 'byte':
    case 'short':
    case 'integer':
    case 'date':
    case 'year_month_interval':
      return int32Values
    case 'long':
    case 'day_time_interval':
    case 'time':
      return int64Values
    case 'timestamp':
    case 'timestamp_ntz':
      return timestampValues
    case 'float':
      return floatValues
    case 'double':
      return doubleValues
    case 'string':
      return stringValues
    case 'binary':
      return binaryValues
    case 'decimal':
      if (element.type === 'INT32') return int32DecimalValues
      if (element.type === 'INT64') return int64Values
      return fixedDecimalValues(element.type_length!)
    default:
      throw new Error(`No Parquet leaf for the type ${type.kind}`)
  }
}
