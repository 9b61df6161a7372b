import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import avro from 'avsc'
import { crc32 } from 'node:zlib'
import { snappyUncompress } from 'hyparquet'
import {
  ArrayType, BinaryType, BooleanType, DateType, DecimalType, DoubleType, FloatType, IntegerType, LongType, MapType, StringType,
  StructField, StructType, TimestampType, avroSchemaFor, bigintLongType, type Row,
} from '@sluice/shared'
import { avroFileFormat } from './avro-format.js'
import { avroBinaryToRow, rowToAvroBinary } from './avro-binary.js'
import { encodeAvroContainer } from './avro-container.js'
import { internalToAvroConverter } from './avro-values.js'

let dir: string
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'sluice-avro-')) })
afterEach(async () => { await rm(dir, { recursive: true, force: true }) })

const schema = StructType([
  StructField('id', LongType, false), StructField('name', StringType), StructField('ok', BooleanType), StructField('n', IntegerType),
  StructField('f', FloatType), StructField('x', DoubleType), StructField('amount', DecimalType(20, 4)), StructField('day', DateType),
  StructField('at', TimestampType), StructField('raw', BinaryType), StructField('tags', ArrayType(StringType)),
  StructField('props', MapType(StringType, LongType)), StructField('geo', StructType([StructField('city', StringType), StructField('country', StringType)])),
])
const rows: Row[] = [
  [1424686733090638193n, 'stand', true, -7, Math.fround(0.1), 0.25, -12345678901234567890n, 18878, 1631099471123456, new Uint8Array([0, 255]), ['a', null], new Map([['k', 5n]]), ['Berlin', null]],
  [2n, null, null, null, null, null, null, null, null, null, null, null, null],
]

async function readAll(path: string): Promise<Row[]> {
  const out: Row[] = []
  for await (const batch of avroFileFormat.read(path, { schema, options: {} })) out.push(...batch)
  return out
}

describe('avroFileFormat', () => {
  // spark-avro SchemaConverters.toAvroType: a decimal is a fixed named "<namespace>.<recordName>.fixed".
  it('should write spark-avro schemas: nullable unions, fixed decimals, timestamp-micros, date', () => {
    expect(avroSchemaFor(StructType([
      StructField('id', LongType, false), StructField('amount', DecimalType(20, 4)), StructField('day', DateType),
      StructField('at', TimestampType), StructField('geo', StructType([StructField('city', StringType)])),
    ]))).toEqual({
      type: 'record', name: 'topLevelRecord', fields: [
        { name: 'id', type: 'long' },
        { name: 'amount', type: [{ type: 'fixed', name: 'fixed', namespace: 'topLevelRecord.amount', size: 9, logicalType: 'decimal', precision: 20, scale: 4 }, 'null'] },
        { name: 'day', type: [{ type: 'int', logicalType: 'date' }, 'null'] },
        { name: 'at', type: [{ type: 'long', logicalType: 'timestamp-micros' }, 'null'] },
        { name: 'geo', type: [{ type: 'record', name: 'geo', namespace: 'topLevelRecord', fields: [{ name: 'city', type: ['string', 'null'] }] }, 'null'] },
      ],
    })
  })

  it('should round-trip every type through a snappy container file, longs exact beyond 2^53', async () => {
    const path = join(dir, 'a.avro')
    const written = await avroFileFormat.write(path, schema, rows, {})
    expect(written.numRows).toBe(2)
    expect(await readAll(path)).toEqual(rows)
    expect(await avroFileFormat.inferSchema!([path], {})).toEqual(schema)
  })

  it('should still read files whose decimal fixed types are named as Sluice named them before (fixed "amount")', async () => {
    const oldSchema = JSON.parse(JSON.stringify(avroSchemaFor(schema)).replace(
      '{"type":"fixed","name":"fixed","namespace":"topLevelRecord.amount"', '{"type":"fixed","name":"amount","namespace":"topLevelRecord"'))
    expect(JSON.stringify(oldSchema)).toContain('"name":"amount","namespace":"topLevelRecord","size":9')
    const path = join(dir, 'old.avro')
    const convert = internalToAvroConverter(schema, oldSchema)
    await writeFile(path, encodeAvroContainer(oldSchema, rows.map((row) => convert(row)), 'snappy'))
    expect(await readAll(path)).toEqual(rows)
    expect(await avroFileFormat.inferSchema!([path], {})).toEqual(schema)
  })

  it('should write deflate files that an independent decoder (avsc streams) reads', async () => {
    const path = join(dir, 'b.avro')
    await avroFileFormat.write(path, schema, rows, { compression: 'deflate' })
    const records: Record<string, unknown>[] = []
    await new Promise<void>((resolve, reject) => {
      avro.createFileDecoder(path, { parseHook: (s: avro.Schema) => avro.Type.forSchema(s, { wrapUnions: 'never', registry: { long: avro.types.LongType.__with({ fromBuffer: (b: Buffer) => b.readBigInt64LE(), toBuffer: () => Buffer.alloc(8), fromJSON: BigInt, toJSON: Number, isValid: () => true, compare: () => 0 }) } } as never) } as never)
        .on('data', (r: Record<string, unknown>) => records.push(r)).on('end', resolve).on('error', reject)
    })
    expect(records[0]!['id']).toBe(1424686733090638193n)
    expect(records[0]!['name']).toBe('stand')
    expect(records[0]!['day']).toBe(18878)
    expect(records[0]!['geo']).toEqual({ city: 'Berlin', country: null })
    expect(records[1]!['name']).toBe(null)
  })

  it('should frame snappy blocks as the Avro spec says (avsc decoder, CRC32 of the uncompressed block checked)', async () => {
    const path = join(dir, 's.avro')
    await avroFileFormat.write(path, schema, rows, {})
    const names: string[] = []
    const snappy = (buf: Buffer, cb: (error: Error | null, out?: Buffer) => void): void => {
      const body = buf.subarray(0, buf.length - 4)
      let length = 0
      for (let i = 0, shift = 0; i < 5; i++, shift += 7) { length += (body[i]! & 0x7f) * 2 ** shift; if ((body[i]! & 0x80) === 0) break }
      const out = new Uint8Array(length)
      snappyUncompress(body, out)
      const ok = buf.readUInt32BE(buf.length - 4) === (crc32(out) >>> 0)
      cb(ok ? null : new Error('bad crc'), Buffer.from(out))
    }
    await new Promise<void>((resolve, reject) => {
      avro.createFileDecoder(path, { codecs: { snappy }, parseHook: (s: avro.Schema) => avro.Type.forSchema(s, { wrapUnions: 'never', registry: { long: bigintLongType } } as never) } as never)
        .on('data', (r: Record<string, unknown>) => names.push(r['name'] as string)).on('end', resolve).on('error', reject)
    })
    expect(names).toEqual(['stand', null])
  })

  it('should read a file another writer made with avsc (deflate, records by name)', async () => {
    const type = avro.Type.forSchema({ type: 'record', name: 'r', fields: [{ name: 'name', type: 'string' }, { name: 'n', type: ['null', 'int'] }] })
    const path = join(dir, 'c.avro')
    await new Promise<void>((resolve, reject) => {
      const encoder = avro.createFileEncoder(path, type, { codec: 'deflate' } as never)
      encoder.on('finish', resolve).on('error', reject)
      encoder.write({ name: 'x', n: 3 })
      encoder.write({ name: 'y', n: null })
      encoder.end()
    })
    await new Promise((r) => setTimeout(r, 50))
    const out: Row[] = []
    const target = StructType([StructField('n', IntegerType), StructField('name', StringType), StructField('missing', StringType)])
    for await (const batch of avroFileFormat.read(path, { schema: target, options: {} })) out.push(...batch)
    expect(out).toEqual([[3, 'x', null], [null, 'y', null]])
  })

  it('should fail on a file that is not Avro, naming it', async () => {
    const path = join(dir, 'bad.avro')
    await writeFile(path, 'hello')
    await expect(readAll(path)).rejects.toThrow(/bad\.avro.*bad magic/)
    expect((await readFile(path, 'utf8')).length).toBe(5)
  })
})

describe('avroBinaryToRow / rowToAvroBinary', () => {
  const type = StructType([StructField('a', LongType), StructField('b', StringType)])
  const schemaJson = JSON.stringify(avroSchemaFor(type))

  it('should encode a row as spark-avro binary, byte for byte', () => {
    // union branch 0, zigzag long 1 = 0x02, union branch 0, length 1 = 0x02, 'x'
    expect([...rowToAvroBinary([1n, 'x'], type)]).toEqual([0x00, 0x02, 0x00, 0x02, 0x78])
    // null: union branch 1
    expect([...rowToAvroBinary([null, null], type)]).toEqual([0x02, 0x02])
  })

  it('should decode binary data to internal values', () => {
    expect(avroBinaryToRow(new Uint8Array([0x00, 0x02, 0x00, 0x02, 0x78]), schemaJson, type)).toEqual([1n, 'x'])
    expect(avroBinaryToRow(rowToAvroBinary([9007199254740993n, null], type), schemaJson, type)).toEqual([9007199254740993n, null])
    expect(() => avroBinaryToRow(new Uint8Array([0x00]), schemaJson, type)).toThrow(/MALFORMED_AVRO_MESSAGE/)
  })
})
