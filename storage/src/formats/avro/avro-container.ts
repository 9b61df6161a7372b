import { Buffer } from 'node:buffer'
import { randomBytes } from 'node:crypto'
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib'
import avro from 'avsc'
import { snappyUncompress } from 'hyparquet'
import { snappyCompress } from '../snappy-compress.js'
import { AnalysisError, ExecutionError } from '@sluice/shared'
import type { AvroSchema } from './avro-schema.js'
import { parseAvroType } from './avro-long.js'

const MAGIC = Buffer.from([0x4f, 0x62, 0x6a, 0x01]) // 'Obj' 1
const HEADER_TYPE = avro.Type.forSchema({
  type: 'record', name: 'org.apache.avro.file.Header',
  fields: [
    { name: 'magic', type: { type: 'fixed', name: 'Magic', size: 4 } },
    { name: 'meta', type: { type: 'map', values: 'bytes' } },
    { name: 'sync', type: { type: 'fixed', name: 'Sync', size: 16 } },
  ],
})
const LONG = avro.Type.forSchema('long')

/** Avro container codecs Sluice writes and reads (Spark's `compression` option names). */
export type AvroCodec = 'null' | 'deflate' | 'snappy'

/** The codec the `compression` option names; snappy by default, as spark-avro. */
export function avroCodecFromOptions(options: Readonly<Record<string, string>>): AvroCodec {
  const name = (options['compression'] ?? 'snappy').toLowerCase()
  if (name === 'uncompressed' || name === 'none' || name === 'null') return 'null'
  if (name === 'snappy' || name === 'deflate') return name
  throw new AnalysisError('CODEC_NOT_AVAILABLE', `The codec ${name} is not available for Avro writes; use snappy, deflate or uncompressed.`, { codecName: name })
}

function compress(codec: AvroCodec, data: Buffer): Buffer {
  if (codec === 'deflate') return deflateRawSync(data)
  if (codec === 'snappy') {
    const checksum = Buffer.alloc(4)
    checksum.writeUInt32BE(crc32(data) >>> 0)
    return Buffer.concat([Buffer.from(snappyCompress(data)), checksum])
  }
  return data
}

function decompress(codec: string, data: Buffer, file: string): Buffer {
  if (codec === 'null') return data
  if (codec === 'deflate') return inflateRawSync(data)
  if (codec === 'snappy') {
    const body = data.subarray(0, data.length - 4)
    // The uncompressed length is the varint that starts a snappy stream.
    let length = 0
    let shift = 0
    for (let i = 0; i < 5; i++) {
      const byte = body[i]!
      length += (byte & 0x7f) * 2 ** shift
      shift += 7
      if ((byte & 0x80) === 0) break
    }
    const out = new Uint8Array(length)
    snappyUncompress(body, out)
    return Buffer.from(out.buffer, out.byteOffset, out.byteLength)
  }
  throw new ExecutionError('AVRO_UNSUPPORTED_CODEC', `The Avro file ${file} uses the codec ${codec}, which Sluice cannot read (null, deflate, snappy).`, { file, codec })
}

/** Encodes records (values avsc takes for `schema`) as an Avro object container file, in blocks of `blockRecords`. */
export function encodeAvroContainer(schema: AvroSchema, records: readonly unknown[], codec: AvroCodec = 'snappy', blockRecords = 4096): Buffer {
  const type = parseAvroType(schema)
  const sync = randomBytes(16)
  const parts: Buffer[] = [HEADER_TYPE.toBuffer({
    magic: MAGIC,
    meta: { 'avro.schema': Buffer.from(JSON.stringify(schema)), 'avro.codec': Buffer.from(codec) },
    sync,
  })]
  for (let start = 0; start < records.length; start += blockRecords) {
    const block = records.slice(start, start + blockRecords)
    const data = compress(codec, Buffer.concat(block.map((record) => type.toBuffer(record))))
    parts.push(LONG.toBuffer(block.length), LONG.toBuffer(data.length), data, sync)
  }
  return Buffer.concat(parts)
}

/** The writer schema and the decoded records of an Avro container file, block by block. */
export function decodeAvroContainer(bytes: Buffer, file: string): { schema: AvroSchema; blocks: Iterable<unknown[]> } {
  const fail = (detail: string): never => {
    throw new ExecutionError('FAILED_READ_FILE', `Encountered an error while reading the Avro file ${file}: ${detail}.`, { path: file })
  }
  if (bytes.length < 4 || !bytes.subarray(0, 4).equals(MAGIC)) fail('not an Avro object container file (bad magic)')
  const header = HEADER_TYPE.decode(bytes, 0) as { value: { meta: Record<string, Buffer>; sync: Buffer }; offset: number }
  if (header.offset < 0) fail('truncated header')
  const meta = header.value.meta
  const schema = JSON.parse(meta['avro.schema']!.toString('utf8')) as AvroSchema
  const codec = meta['avro.codec']?.toString('utf8') ?? 'null'
  const type = parseAvroType(schema)
  const sync = header.value.sync
  function* blocks(): Generator<unknown[]> {
    let pos = header.offset
    while (pos < bytes.length) {
      const count = LONG.decode(bytes, pos) as { value: number; offset: number }
      const size = LONG.decode(bytes, count.offset) as { value: number; offset: number }
      if (count.offset < 0 || size.offset < 0) fail(`truncated block at byte ${pos}`)
      const end = size.offset + size.value
      if (end + 16 > bytes.length) fail(`truncated block at byte ${pos}`)
      const data = decompress(codec, bytes.subarray(size.offset, end), file)
      if (!bytes.subarray(end, end + 16).equals(sync)) fail(`sync marker mismatch after the block at byte ${pos}`)
      const records: unknown[] = []
      let offset = 0
      for (let i = 0; i < count.value; i++) {
        const decoded = type.decode(data, offset) as { value: unknown; offset: number }
        if (decoded.offset < 0) fail(`record ${i} of the block at byte ${pos} is truncated`)
        records.push(decoded.value)
        offset = decoded.offset
      }
      yield records
      pos = end + 16
    }
  }
  return { schema, blocks: blocks() }
}
