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
import type { Row } from './row.js'

const MAX_LONG_DECIMAL_PRECISION = 18
const LOW_28_BITS = 2n ** 28n - 1n
const SAFE_HALF = 2 ** 52

/** Thrown by `AvroSink` for a value not in the internal representation of its type. */
export class AvroValueError extends TypeError {}

function wrongValue(value: unknown, expected: string): AvroValueError {
  return new AvroValueError(`expected a ${expected}, got ${value === null ? 'null' : typeof value} ${String(value)}`)
}

/** A growable output buffer. */
export class AvroSink {
  buffer: Buffer
  position = 0

  constructor(initialSize = 64 * 1024) {
    this.buffer = Buffer.allocUnsafe(initialSize)
  }

  ensure(bytes: number): void {
    if (this.position + bytes > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.position + bytes + 1024))
      this.buffer.copy(grown, 0, 0, this.position)
      this.buffer = grown
    }
  }

  byte(value: number): void {
    this.ensure(1)
    this.buffer[this.position++] = value
  }

  boolean(value: boolean): void {
    if (typeof value !== 'boolean') throw wrongValue(value, 'boolean')
    this.byte(value ? 1 : 0)
  }

  /** A non-negative integer below 2^53 as a varint. */
  varint(value: number): void {
    this.ensure(10)
    const buffer = this.buffer
    let n = value
    let p = this.position
    while (n >= 128) {
      buffer[p++] = (n % 128) | 128
      n = Math.floor(n / 128)
    }
    buffer[p++] = n
    this.position = p
  }

  /** An int (|value| < 2^31) or any integer number with |value| < 2^52. */
  intNumber(value: number): void {
    if (typeof value !== 'number') throw wrongValue(value, 'number')
    this.varint(value >= 0 ? value * 2 : -value * 2 - 1)
  }

  /** A long given as a number (timestamps). */
  longNumber(value: number): void {
    if (value > -SAFE_HALF && value < SAFE_HALF) this.intNumber(value)
    else this.long(BigInt(value))
  }

  long(value: bigint): void {
    if (typeof value !== 'bigint') throw wrongValue(value, 'bigint')
    // One conversion decides: a bigint beyond ±2^52 never converts to a number inside it.
    const approximate = Number(value)
    if (approximate > -SAFE_HALF && approximate < SAFE_HALF) {
      this.intNumber(approximate)
      return
    }
    // Zig-zag form in two number halves: 4 bytes of 7 bits, then the upper 36 bits.
    const zigzag = value >= 0n ? value << 1n : ((-value) << 1n) - 1n
    let low = Number(zigzag & LOW_28_BITS)
    this.ensure(10)
    const buffer = this.buffer
    let p = this.position
    for (let i = 0; i < 4; i++) {
      buffer[p++] = (low & 127) | 128
      low >>>= 7
    }
    this.position = p
    this.varint(Number(zigzag >> 28n))
  }

  float(value: number): void {
    if (typeof value !== 'number') throw wrongValue(value, 'number')
    this.ensure(4)
    this.position = this.buffer.writeFloatLE(value, this.position)
  }

  double(value: number): void {
    if (typeof value !== 'number') throw wrongValue(value, 'number')
    this.ensure(8)
    this.position = this.buffer.writeDoubleLE(value, this.position)
  }

  string(value: string): void {
    if (typeof value !== 'string') throw wrongValue(value, 'string')
    const length = value.length
    if (length < 64) {
      // Short ASCII strings (most column values) are copied char by char.
      this.ensure(length + 1)
      const buffer = this.buffer
      let p = this.position + 1
      let ascii = true
      for (let i = 0; i < length; i++) {
        const code = value.charCodeAt(i)
        if (code >= 128) { ascii = false; break }
        buffer[p++] = code
      }
      if (ascii) {
        buffer[this.position] = length * 2
        this.position = p
        return
      }
    }
    const byteLength = Buffer.byteLength(value, 'utf8')
    this.varint(byteLength * 2)
    this.ensure(byteLength)
    this.position += this.buffer.write(value, this.position, byteLength, 'utf8')
  }

  bytes(value: Uint8Array): void {
    if (!(value instanceof Uint8Array)) throw wrongValue(value, 'Uint8Array')
    this.varint(value.length * 2)
    this.ensure(value.length)
    this.buffer.set(value, this.position)
    this.position += value.length
  }
}

/** Thrown by `AvroSource` on input that is not a valid encoding. */
export class AvroFormatError extends Error {}

/** A cursor over input bytes. */
export class AvroSource {
  position = 0

  constructor(readonly buffer: Buffer) {}

  private truncated(): never {
    throw new AvroFormatError(`input ends early at byte ${this.position}`)
  }

  /** Reads a varint below 2^53 (lengths, counts, small longs). */
  varint(): number {
    const buffer = this.buffer
    let n = 0
    let scale = 1
    for (;;) {
      if (this.position >= buffer.length) this.truncated()
      const byte = buffer[this.position++]!
      n += (byte & 127) * scale
      if (byte < 128) return n
      scale *= 128
      if (scale > 2 ** 49) throw new AvroFormatError(`varint too long at byte ${this.position}`)
    }
  }

  intNumber(): number {
    const n = this.varint()
    return n % 2 === 0 ? n / 2 : -(n + 1) / 2
  }

  long(): bigint {
    const buffer = this.buffer
    let p = this.position
    let n = 0
    let scale = 1
    for (let i = 0; i < 7; i++) {
      if (p >= buffer.length) this.truncated()
      const byte = buffer[p++]!
      n += (byte & 127) * scale
      if (byte < 128) {
        this.position = p
        return BigInt(n % 2 === 0 ? n / 2 : -(n + 1) / 2)
      }
      scale *= 128
    }
    return this.longOver49Bits()
  }

  /** A long of 8 to 10 bytes: the low 28 bits and the rest read as numbers, joined once as bigints. */
  private longOver49Bits(): bigint {
    const buffer = this.buffer
    const start = this.position
    if (start + 4 > buffer.length) this.truncated()
    const low = (buffer[start]! & 127) | ((buffer[start + 1]! & 127) << 7) | ((buffer[start + 2]! & 127) << 14) | ((buffer[start + 3]! & 127) << 21)
    this.position = start + 4
    const high = this.varint()
    if (this.position - start > 10) throw new AvroFormatError(`long too long at byte ${start}`)
    const zigzag = (BigInt(high) << 28n) | BigInt(low)
    return (low & 1) === 0 ? zigzag >> 1n : -((zigzag + 1n) >> 1n)
  }

  longNumber(): number {
    const start = this.position
    let end = start
    while (end < this.buffer.length && this.buffer[end]! >= 128) end++
    if (end - start < 7) return this.intNumber()
    return Number(this.long())
  }

  boolean(): boolean {
    if (this.position >= this.buffer.length) this.truncated()
    return this.buffer[this.position++] !== 0
  }

  float(): number {
    if (this.position + 4 > this.buffer.length) this.truncated()
    const value = this.buffer.readFloatLE(this.position)
    this.position += 4
    return value
  }

  double(): number {
    if (this.position + 8 > this.buffer.length) this.truncated()
    const value = this.buffer.readDoubleLE(this.position)
    this.position += 8
    return value
  }

  private length(): number {
    const length = this.intNumber()
    if (length < 0 || this.position + length > this.buffer.length) {
      throw new AvroFormatError(`length ${length} at byte ${this.position} runs past the end`)
    }
    return length
  }

  string(): string {
    const length = this.length()
    const buffer = this.buffer
    const start = this.position
    this.position += length
    if (length < 24) {
      let text = ''
      for (let i = start; i < start + length; i++) {
        const code = buffer[i]!
        if (code >= 128) return buffer.toString('utf8', start, start + length)
        text += String.fromCharCode(code)
      }
      return text
    }
    return buffer.toString('utf8', start, start + length)
  }

  /** A copy of the next bytes value (never a view on the input). */
  bytes(): Uint8Array {
    const length = this.length()
    const copy = new Uint8Array(length)
    copy.set(this.buffer.subarray(this.position, this.position + length))
    this.position += length
    return copy
  }

  /** Reads a [null, value] union index: false for null. */
  present(): boolean {
    if (this.position >= this.buffer.length) this.truncated()
    const index = this.buffer[this.position++]
    if (index === 2) return true
    if (index === 0) return false
    throw new AvroFormatError(`invalid union index byte ${index} at byte ${this.position - 1}`)
  }

  /** Reads a block count; negative counts carry a byte size, which is skipped. */
  blockCount(): number {
    const count = this.intNumber()
    if (count >= 0) return count
    this.varint()
    return -count
  }
}

/** Writes one non-null value of a type. */
export type ValueWriter = (sink: AvroSink, value: any) => void
/** Reads one non-null value of a type. */
export type ValueReader = (source: AvroSource) => unknown

function twosComplement(value: bigint): Uint8Array {
  const magnitude = value < 0n ? -value - 1n : value
  const size = Math.floor(magnitude.toString(2).length / 8) + 1
  const bytes = new Uint8Array(size)
  let rest = value < 0n ? (1n << BigInt(size * 8)) + value : value
  for (let i = size - 1; i >= 0; i--) {
    bytes[i] = Number(rest & 255n)
    rest >>= 8n
  }
  return bytes
}

function fromTwosComplement(bytes: Uint8Array): bigint {
  let value = 0n
  for (const byte of bytes) value = (value << 8n) | BigInt(byte)
  if (bytes.length > 0 && (bytes[0]! & 0x80) !== 0) value -= 1n << BigInt(bytes.length * 8)
  return value
}

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
    case 'byte': case 'short': case 'integer': case 'date': return (sink, value: number) => sink.intNumber(value)
    case 'long': return (sink, value: bigint) => sink.long(value)
    case 'timestamp': case 'timestamp_ntz': return (sink, value: number) => sink.longNumber(value)
    case 'float': return (sink, value: number) => sink.float(value)
    case 'double': return (sink, value: number) => sink.double(value)
    case 'string': return (sink, value: string) => sink.string(value)
    case 'binary': return (sink, value: Uint8Array) => sink.bytes(value)
    case 'decimal':
      return type.precision <= MAX_LONG_DECIMAL_PRECISION
        ? (sink, value: bigint) => sink.long(value)
        : (sink, value: bigint) => sink.bytes(twosComplement(value))
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
    case 'byte': case 'short': case 'integer': case 'date': return (source) => source.intNumber()
    case 'long': return (source) => source.long()
    case 'timestamp': case 'timestamp_ntz': return (source) => source.longNumber()
    case 'float': return (source) => source.float()
    case 'double': return (source) => source.double()
    case 'string': return (source) => source.string()
    case 'binary': return (source) => source.bytes()
    case 'decimal':
      return type.precision <= MAX_LONG_DECIMAL_PRECISION ? (source) => source.long() : (source) => fromTwosComplement(source.bytes())
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
