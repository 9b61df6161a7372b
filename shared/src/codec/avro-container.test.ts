import avro from 'avsc'
import { Buffer } from 'node:buffer'
import { describe, expect, it } from 'vitest'
import {
  ArrayType, BinaryType, BooleanType, ByteType, CalendarIntervalType, DateType, DecimalType, DoubleType, FloatType,
  IntegerType, LongType, MapType, NullType, ShortType, StringType, StructField, StructType, TimestampNTZType, TimestampType,
  DayTimeIntervalType, TimeType, YearMonthIntervalType,
} from '../types/data-type.js'
import { schemaToJson } from '../types/schema-json.js'
import { avroSchemaFor } from '../data/avro-schema.js'
import { decodeAvroContainer, encodeAvroContainer } from './avro-container.js'

/**
 * avsc's documented custom long (`LongType.__with`) over the 8-byte little-endian
 * form it unpacks: an independent reader of 64-bit longs, exact beyond 2^53.
 */
const exactLong = avro.types.LongType.__with({
  fromBuffer: (buf: Buffer) => buf.readBigInt64LE(),
  toBuffer: (n: bigint) => { const buf = Buffer.alloc(8); buf.writeBigInt64LE(n); return buf },
  fromJSON: (v: unknown) => BigInt(v as string),
  toJSON: (n: bigint) => n.toString(),
  isValid: (n: unknown) => typeof n === 'bigint',
  compare: (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0),
})

/** Reads a container with avsc's own streaming decoder: header metadata, the writer schema and the records. */
async function readWithAvsc(bytes: Uint8Array): Promise<{ meta: Record<string, string>; schema: unknown; records: Record<string, unknown>[] }> {
  const decoder = new avro.streams.BlockDecoder({
    parseHook: (schema: avro.Schema) => avro.Type.forSchema(schema, { registry: { long: exactLong }, wrapUnions: false }),
  })
  const records: Record<string, unknown>[] = []
  let meta: Record<string, string> = {}
  let schema: unknown
  decoder.on('metadata', (type: avro.Type, codec: string, header: { meta: Record<string, Buffer> }) => {
    schema = type.schema()
    meta = Object.fromEntries(Object.entries(header.meta).map(([k, v]) => [k, v.toString('utf8')]))
    meta['codec'] = codec
  })
  const done = new Promise<void>((resolve, reject) => { decoder.on('end', resolve); decoder.on('error', reject) })
  decoder.on('data', (record: Record<string, unknown>) => records.push(record))
  decoder.end(Buffer.from(bytes))
  await done
  return { meta, schema, records }
}

/** The unscaled value of a big-endian two's-complement decimal (Avro's decimal on fixed/bytes), computed here by hand. */
function unscaled(bytes: Buffer): bigint {
  let value = 0n
  for (const b of bytes) value = (value << 8n) | BigInt(b)
  return bytes.length > 0 && (bytes[0]! & 0x80) ? value - (1n << BigInt(8 * bytes.length)) : value
}

const ALL_TYPES = StructType([
  StructField('flag', BooleanType),
  StructField('b', ByteType),
  StructField('s', ShortType),
  StructField('i', IntegerType),
  StructField('big', LongType, false),
  StructField('f', FloatType),
  StructField('d', DoubleType),
  StructField('price', DecimalType(10, 2)),
  StructField('wide', DecimalType(38, 10)),
  StructField('name', StringType),
  StructField('bytes', BinaryType),
  StructField('day', DateType),
  StructField('at', TimestampType),
  StructField('local', TimestampNTZType),
  StructField('tags', ArrayType(IntegerType)),
  StructField('scores', MapType(StringType, DoubleType)),
  StructField('geo', StructType([StructField('city', StringType), StructField('zip', IntegerType)])),
  StructField('count(1)', LongType),
  StructField('nothing', NullType),
])

const ALL_ROWS = [
  [true, -128, 32767, -2147483648, 9007199254740993n, Math.fround(1.5), -0.25, 123456n, -(10n ** 37n) + 1n, 'héllo', new Uint8Array([0, 255, 7]),
    19000, 1_700_000_000_123_456, -1, [1, null, 3], new Map([['a', 1.5], ['b', null]]), ['Paris', 75001], -9223372036854775808n, null],
  [null, null, null, null, 9223372036854775807n, null, Number.NaN, null, null, null, null, null, null, null, null, null, null, null, null],
]

describe('encodeAvroContainer', () => {
  it('writes a container avsc reads: spark-avro schema, Avro names, exact longs beyond 2^53, decimals, logical types', async () => {
    const bytes = encodeAvroContainer(ALL_TYPES, ALL_ROWS)
    expect(Buffer.from(bytes.subarray(0, 4)).toString('latin1')).toBe('Obj\x01')
    const { meta, schema, records } = await readWithAvsc(bytes)
    expect(meta['codec']).toBe('null')
    expect(meta['sluice.schema']).toBe(schemaToJson(ALL_TYPES))
    expect(meta['sluice.layout']).toBe('spark')
    const fields = (schema as { fields: { name: string }[] }).fields.map((f) => f.name)
    expect(fields).toEqual(['flag', 'b', 's', 'i', 'big', 'f', 'd', 'price', 'wide', 'name', 'bytes', 'day', 'at', 'local', 'tags', 'scores', 'geo', 'count_1_', 'nothing'])
    expect(records).toHaveLength(2)
    const [first, second] = records as [Record<string, unknown>, Record<string, unknown>]
    expect(first['flag']).toBe(true)
    expect(first['b']).toBe(-128)
    expect(first['s']).toBe(32767)
    expect(first['i']).toBe(-2147483648)
    expect(first['big']).toBe(9007199254740993n)
    expect(first['f']).toBe(1.5)
    expect(first['d']).toBe(-0.25)
    expect(unscaled(first['price'] as Buffer)).toBe(123456n)
    expect((first['price'] as Buffer).length).toBe(5) // spark-avro's fixed size for precision 10
    expect(unscaled(first['wide'] as Buffer)).toBe(-(10n ** 37n) + 1n)
    expect(first['name']).toBe('héllo')
    expect([...(first['bytes'] as Buffer)]).toEqual([0, 255, 7])
    expect(first['day']).toBe(19000)
    // A logical type's long is avsc's own (a number), exact up to 2^53 microseconds.
    expect(first['at']).toBe(1_700_000_000_123_456)
    expect(first['local']).toBe(-1)
    expect(first['tags']).toEqual([1, null, 3])
    expect(first['scores']).toEqual({ a: 1.5, b: null })
    expect(first['geo']).toEqual({ city: 'Paris', zip: 75001 })
    expect(first['count_1_']).toBe(-9223372036854775808n)
    expect(first['nothing']).toBe(null)
    expect(second['big']).toBe(9223372036854775807n)
    expect(second['d']).toBeNaN()
    expect(Object.values(second).filter((v) => v === null)).toHaveLength(17)
    const header = JSON.parse(meta['avro.schema']!) as { fields: { name: string; type: unknown }[] }
    expect(header.fields.find((f) => f.name === 'at')!.type).toEqual([{ type: 'long', logicalType: 'timestamp-micros' }, 'null'])
    expect(header.fields.find((f) => f.name === 'day')!.type).toEqual([{ type: 'int', logicalType: 'date' }, 'null'])
  })

  it('reads its own containers back with the exact schema (original column names) and rows', () => {
    const { schema, rows } = decodeAvroContainer(encodeAvroContainer(ALL_TYPES, ALL_ROWS))
    expect(schema).toEqual(ALL_TYPES)
    expect(rows).toEqual(ALL_ROWS)
    expect(rows[0]![4]).toBe(9007199254740993n)
  })

  it('compresses blocks with deflate, many blocks of blockRows rows, which avsc inflates', async () => {
    const schema = StructType([StructField('id', LongType), StructField('text', StringType)])
    const rows = Array.from({ length: 10 }, (_, i) => [BigInt(i) * 10n ** 17n, 'x'.repeat(i * 50)])
    const bytes = encodeAvroContainer(schema, rows, { codec: 'deflate', blockRows: 3 })
    const { meta, records } = await readWithAvsc(bytes)
    expect(meta['codec']).toBe('deflate')
    expect(records.map((r) => r['id'])).toEqual(rows.map((r) => r[0]))
    expect(records.map((r) => r['text'])).toEqual(rows.map((r) => r[1]))
    expect(decodeAvroContainer(bytes).rows).toEqual(rows)
    expect(bytes.length).toBeLessThan(encodeAvroContainer(schema, rows).length)
  })

  it('writes a header and no block for no rows', async () => {
    const schema = StructType([StructField('a', IntegerType)])
    const bytes = encodeAvroContainer(schema, [])
    expect((await readWithAvsc(bytes)).records).toEqual([])
    expect(decodeAvroContainer(bytes)).toEqual({ schema, rows: [] })
  })

  it('uses the wire layout for a schema spark-avro cannot carry (intervals, non-string map keys), still a valid container', async () => {
    const schema = StructType([
      StructField('span', CalendarIntervalType),
      StructField('byId', MapType(IntegerType, StringType)),
    ])
    const rows = [[{ months: 1, days: -2, microseconds: 3_000_000 }, new Map([[1, 'one'], [2, null]])]]
    const bytes = encodeAvroContainer(schema, rows)
    const { meta, records } = await readWithAvsc(bytes)
    expect(meta['sluice.layout']).toBe('wire')
    expect(records).toEqual([{ f0: { months: 1, days: -2, microseconds: 3_000_000 }, f1: [{ k: 1, v: 'one' }, { k: 2, v: null }] }])
    expect(decodeAvroContainer(bytes).rows).toEqual(rows)
  })

  it('carries ANSI intervals and TIME in the spark-avro layout, exactly over their whole ranges', async () => {
    const schema = StructType([
      StructField('ym', YearMonthIntervalType()), StructField('dt', DayTimeIntervalType()), StructField('t', TimeType(3)),
    ])
    // spark-avro's values, as a plain Avro reader sees them: int months, long microseconds, TIME as time-micros.
    const readable = encodeAvroContainer(schema, [[-2_147_483_648, -90_061_000_001n, 86_399_999_000_000n]])
    const { meta, records } = await readWithAvsc(readable)
    expect(meta['sluice.layout']).toBe('spark')
    expect(records).toEqual([{ ym: -2_147_483_648, dt: -90_061_000_001, t: 86_399_999_000 }])
    const rows = [[-2_147_483_648, -(2n ** 63n), 86_399_999_000_000n], [2_147_483_647, 2n ** 63n - 1n, 0n], [null, null, null]]
    expect(decodeAvroContainer(encodeAvroContainer(schema, rows))).toEqual({ schema, rows })
  })

  it('makes clashing names unique and keeps the originals in sluice.schema', async () => {
    const schema = StructType([StructField('a b', IntegerType), StructField('a_b', IntegerType), StructField('1st', IntegerType), StructField('', IntegerType)])
    const bytes = encodeAvroContainer(schema, [[1, 2, 3, 4]])
    const { records } = await readWithAvsc(bytes)
    expect(records).toEqual([{ a_b: 1, a_b_1: 2, _1st: 3, _: 4 }])
    expect(decodeAvroContainer(bytes)).toEqual({ schema, rows: [[1, 2, 3, 4]] })
  })
})

describe('decodeAvroContainer', () => {
  it('reads a container avsc wrote with the spark-avro schema of a given schema', async () => {
    const schema = StructType([StructField('id', LongType, false), StructField('name', StringType)])
    const type = avro.Type.forSchema(avroSchemaFor(schema) as avro.Schema, { registry: { long: exactLong }, wrapUnions: false })
    const encoder = new avro.streams.BlockEncoder(type, { codec: 'deflate' })
    const chunks: Buffer[] = []
    encoder.on('data', (chunk: Buffer) => chunks.push(chunk))
    const finished = new Promise((resolve) => encoder.on('end', resolve))
    encoder.write({ id: 2n ** 60n + 1n, name: 'a' })
    encoder.write({ id: -5n, name: null })
    encoder.end()
    await finished
    const { rows } = decodeAvroContainer(Buffer.concat(chunks), schema)
    expect(rows).toEqual([[2n ** 60n + 1n, 'a'], [-5n, null]])
  })

  it('refuses what is not a container or does not match', () => {
    const schema = StructType([StructField('a', IntegerType)])
    expect(() => decodeAvroContainer(new Uint8Array([1, 2, 3, 4, 5]))).toThrow(/MALFORMED_AVRO_MESSAGE.*magic/)
    const bytes = encodeAvroContainer(schema, [[1], [2]])
    expect(() => decodeAvroContainer(bytes.subarray(0, bytes.length - 3))).toThrow(/truncated block/)
    const other = StructType([StructField('a', StringType)])
    const foreign = Buffer.from(bytes)
    expect(() => decodeAvroContainer(withoutSluiceMetadata(foreign), other)).toThrow(/Avro schema is not the one/)
  })
})

/** The container with its `sluice.*` metadata renamed away, as another writer would leave it. */
function withoutSluiceMetadata(bytes: Buffer): Buffer {
  return Buffer.from(bytes.toString('latin1').replace('sluice.schema', 'xxxxxx.schema').replace('sluice.layout', 'xxxxxx.layout'), 'latin1')
}
