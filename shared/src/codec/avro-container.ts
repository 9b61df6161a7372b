/**
 * Rows as a complete Avro object container file (Avro 1.11 spec, "Object Container
 * Files"): the header (magic `Obj\x01`, metadata, sync marker) then blocks of rows, so
 * any Avro library (avsc, fastavro, Java's DataFileReader, DuckDB's read_avro) reads
 * them with nothing of Sluice. `ExecuteSql`'s `RowBatch.avro` is one of these.
 *
 * The record schema is spark-avro's (`avroSchemaFor`): the columns by name, nullable
 * columns as `[type, "null"]`, date/timestamp/decimal logical types, binary as bytes.
 * Column names that are not Avro names (`count(1)`) are written as Avro names
 * (`count_1_`); the exact Sluice schema is in the metadata `sluice.schema` (Spark's
 * schema JSON), which `decodeAvroContainer` reads back. A schema spark-avro cannot
 * carry (an interval, a map with non-string keys) is written in Sluice's wire layout
 * (`createRowCodec`'s default: fields `f0, f1, ...`, maps as arrays of key/value
 * records), and the metadata `sluice.layout` says `wire`.
 */
import { randomBytes } from 'node:crypto'
import { deflateRawSync, inflateRawSync } from 'node:zlib'
import avro from 'avsc'
import { Buffer } from 'node:buffer'
import { ExecutionError } from '../errors/sluice-error.js'
import { createRowCodec, type RowCodec } from '../data/avro-row-codec.js'
import type { Row } from '../data/row.js'
import { StructField, StructType, type DataType } from '../types/data-type.js'
import { schemaFromJson, schemaToJson } from '../types/schema-json.js'

/** Block compression: `null` (none) or `deflate` (raw RFC 1951, as the Avro spec says). */
export type AvroContainerCodec = 'null' | 'deflate'

export interface AvroContainerOptions {
  readonly codec?: AvroContainerCodec
  /** Rows per block (default 4096). */
  readonly blockRows?: number
}

/** The metadata key holding the exact Sluice schema (Spark's schema JSON). */
export const AVRO_CONTAINER_SCHEMA_KEY = 'sluice.schema'
/** The metadata key saying how rows are laid out: `spark` (spark-avro's schema) or `wire` (Sluice's wire layout). */
export const AVRO_CONTAINER_LAYOUT_KEY = 'sluice.layout'

const MAGIC = Buffer.from([0x4f, 0x62, 0x6a, 0x01])
const HEADER_TYPE = avro.Type.forSchema({
  type: 'record', name: 'org.apache.avro.file.Header',
  fields: [
    { name: 'magic', type: { type: 'fixed', name: 'Magic', size: 4 } },
    { name: 'meta', type: { type: 'map', values: 'bytes' } },
    { name: 'sync', type: { type: 'fixed', name: 'Sync', size: 16 } },
  ],
})
const DEFAULT_BLOCK_ROWS = 4096

/** `rows` of `schema` as an Avro object container file. */
export function encodeAvroContainer(schema: StructType, rows: readonly Row[], options: AvroContainerOptions = {}): Uint8Array {
  const codecName = options.codec ?? 'null'
  const blockRows = Math.max(1, options.blockRows ?? DEFAULT_BLOCK_ROWS)
  const { codec, layout } = containerCodec(schema)
  const sync = randomBytes(16)
  const parts: Buffer[] = [HEADER_TYPE.toBuffer({
    magic: MAGIC,
    meta: {
      'avro.schema': Buffer.from(JSON.stringify(codec.avroSchema)),
      'avro.codec': Buffer.from(codecName),
      [AVRO_CONTAINER_SCHEMA_KEY]: Buffer.from(schemaToJson(schema)),
      [AVRO_CONTAINER_LAYOUT_KEY]: Buffer.from(layout),
    },
    sync,
  })]
  for (let start = 0; start < rows.length; start += blockRows) {
    const block = rows.slice(start, start + blockRows)
    // The codec writes an Avro array (count, records, 0): a block is the records alone.
    const array = codec.encode(block)
    const records = array.subarray(varintLength(array), array.length - 1)
    const data = codecName === 'deflate' ? deflateRawSync(records) : records
    parts.push(longBytes(block.length), longBytes(data.length), data, sync)
  }
  return Buffer.concat(parts)
}

/**
 * The schema and rows of a container file written by `encodeAvroContainer` (or by any
 * writer of the same Avro schema, spark-avro's for `schema`). The schema is the
 * `sluice.schema` metadata's, else `schema`; with neither, the file cannot be read as
 * rows (ExecutionError MALFORMED_AVRO_MESSAGE, as for any malformed container).
 */
export function decodeAvroContainer(bytes: Uint8Array, schema?: StructType): { schema: StructType; rows: Row[] } {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (buffer.length < 4 || !buffer.subarray(0, 4).equals(MAGIC)) throw malformed('not an Avro object container file (no Obj\\x01 magic)')
  let header: { value: { meta: Record<string, Buffer>; sync: Buffer }; offset: number }
  try {
    header = HEADER_TYPE.decode(buffer, 0) as typeof header
  } catch (error) {
    throw malformed(`unreadable header (${(error as Error).message})`)
  }
  if (header.offset < 0) throw malformed('truncated header')
  const meta = header.value.meta
  const written = meta[AVRO_CONTAINER_SCHEMA_KEY]
  const rowSchema = written ? schemaFromJson(written.toString('utf8')) : schema
  if (!rowSchema) throw malformed(`no ${AVRO_CONTAINER_SCHEMA_KEY} metadata and no schema given`)
  const codecName = meta['avro.codec']?.toString('utf8') ?? 'null'
  if (codecName !== 'null' && codecName !== 'deflate') throw malformed(`unsupported codec '${codecName}' (null or deflate)`)
  const { codec, layout } = containerCodec(rowSchema)
  const writtenLayout = meta[AVRO_CONTAINER_LAYOUT_KEY]?.toString('utf8') ?? 'spark'
  if (writtenLayout !== layout) throw malformed(`layout '${writtenLayout}' where the schema gives '${layout}'`)
  const writerSchema = meta['avro.schema']?.toString('utf8')
  if (writerSchema === undefined) throw malformed('no avro.schema metadata')
  if (!sameCanonicalSchema(writerSchema, codec)) throw malformed('its Avro schema is not the one of the row schema')

  const sync = header.value.sync
  const rows: Row[] = []
  let position = header.offset
  while (position < buffer.length) {
    const blockStart = position
    const count = readLong(buffer, position)
    const size = readLong(buffer, count.next)
    const end = size.next + size.value
    if (count.value < 0 || size.value < 0 || end + 16 > buffer.length) throw malformed(`truncated block at byte ${blockStart}`)
    if (!buffer.subarray(end, end + 16).equals(sync)) throw malformed(`sync marker mismatch after the block at byte ${blockStart}`)
    let records = buffer.subarray(size.next, end)
    if (codecName === 'deflate') {
      try {
        records = inflateRawSync(records)
      } catch (error) {
        throw malformed(`the block at byte ${blockStart} does not inflate (${(error as Error).message})`)
      }
    }
    // Back into one Avro array (count, records, 0) for the row codec.
    const block = codec.decode(Buffer.concat([longBytes(count.value), records, Buffer.from([0])]))
    for (const row of block) rows.push(row)
    position = end + 16
  }
  return { schema: rowSchema, rows }
}

/** The row codec of a container for `schema` and its layout (spark-avro's when it can carry the schema). */
function containerCodec(schema: StructType): { codec: RowCodec; layout: 'spark' | 'wire' } {
  const key = schemaToJson(schema)
  let cached = CODECS.get(key)
  if (!cached) {
    cached = sparkLayoutCarries(schema)
      ? { codec: createRowCodec(withAvroNames(schema), 'spark'), layout: 'spark' }
      : { codec: createRowCodec(schema, 'wire'), layout: 'wire' }
    if (CODECS.size >= MAX_CACHED_CODECS) CODECS.delete(CODECS.keys().next().value!)
    CODECS.set(key, cached)
  }
  return cached
}

const CODECS = new Map<string, { codec: RowCodec; layout: 'spark' | 'wire' }>()
const MAX_CACHED_CODECS = 64

function sparkLayoutCarries(type: DataType): boolean {
  switch (type.kind) {
    case 'interval': return false
    case 'array': return sparkLayoutCarries(type.elementType)
    case 'map': return type.keyType.kind === 'string' && sparkLayoutCarries(type.valueType)
    case 'struct': return type.fields.every((f) => sparkLayoutCarries(f.dataType))
    default: return true
  }
}

const AVRO_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/** `schema` with every field name (nested too) made an Avro name, unique within its record. */
function withAvroNames<T extends DataType>(type: T): T {
  switch (type.kind) {
    case 'array': return { ...type, elementType: withAvroNames(type.elementType) }
    case 'map': return { ...type, valueType: withAvroNames(type.valueType) }
    case 'struct': {
      const used = new Set<string>()
      const fields = type.fields.map((f) => {
        const name = uniqueName(avroName(f.name), used)
        return StructField(name, withAvroNames(f.dataType), f.nullable, f.metadata as Record<string, unknown>)
      })
      return StructType(fields) as T
    }
    default: return type
  }
}

/** An Avro name for a column name: other characters become `_`, a leading digit gets a `_` before it. */
export function avroName(name: string): string {
  if (AVRO_NAME.test(name)) return name
  const replaced = name.replace(/[^A-Za-z0-9_]/g, '_')
  return replaced === '' || /^[0-9]/.test(replaced) ? `_${replaced}` : replaced
}

function uniqueName(name: string, used: Set<string>): string {
  let candidate = name
  for (let n = 1; used.has(candidate); n++) candidate = `${name}_${n}`
  used.add(candidate)
  return candidate
}

function malformed(detail: string): ExecutionError {
  return new ExecutionError('MALFORMED_AVRO_MESSAGE', `Malformed Avro container: ${detail}.`, { detail })
}

/** True when the writer's schema has the reader's Parsing Canonical Form (types, names, order; attributes such as logical types aside). */
function sameCanonicalSchema(writerSchema: string, codec: RowCodec): boolean {
  try {
    const writer = avro.Type.forSchema(JSON.parse(writerSchema) as avro.Schema, { wrapUnions: false })
    return writer.fingerprint().equals(codec.avroType.fingerprint())
  } catch {
    return false
  }
}

/** Bytes of the zig-zag varint that starts `bytes`. */
function varintLength(bytes: Uint8Array): number {
  let i = 0
  while (bytes[i]! & 0x80) i++
  return i + 1
}

/** An Avro long (zig-zag varint) of a safe integer. */
function longBytes(value: number): Buffer {
  const out: number[] = []
  let n = value >= 0 ? value * 2 : -value * 2 - 1
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80)
    n = Math.floor(n / 0x80)
  }
  out.push(n)
  return Buffer.from(out)
}

function readLong(bytes: Uint8Array, position: number): { value: number; next: number } {
  let n = 0
  let scale = 1
  let i = position
  for (;;) {
    if (i >= bytes.length || i - position > 9) throw malformed(`truncated or overlong varint at byte ${position}`)
    const byte = bytes[i++]!
    n += (byte & 0x7f) * scale
    if ((byte & 0x80) === 0) break
    scale *= 0x80
  }
  return { value: n % 2 === 0 ? n / 2 : -(n + 1) / 2, next: i }
}
