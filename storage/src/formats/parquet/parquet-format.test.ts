import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'
import { parquetWriteBuffer } from 'hyparquet-writer'
import { parquetMetadata } from 'hyparquet'
import {
  ArrayType, BinaryType, BooleanType, ByteType, DateType, DecimalType, DoubleType, FloatType, IntegerType, LongType, MapType,
  ShortType, StringType, StructField, StructType, TimestampType, type Row,
} from '@sluice/shared'
import { parquetFileFormat } from './parquet-format.js'
import type { ParquetReadOptions } from './parquet-reader.js'

let dir: string
let duck: DuckDBConnection
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sluice-parquet-'))
  duck = await (await DuckDBInstance.create(':memory:')).connect()
})
afterAll(async () => {
  duck.closeSync()
  await rm(dir, { recursive: true, force: true })
})

// 2021-09-08 = day 18878; 2021-09-08T11:11:11.123456Z in micros
const AT = 1631099471123456
const schema = StructType([
  StructField('id', LongType), StructField('name', StringType), StructField('ok', BooleanType), StructField('b', ByteType),
  StructField('s', ShortType), StructField('n', IntegerType), StructField('f', FloatType), StructField('x', DoubleType),
  StructField('small', DecimalType(5, 2)), StructField('mid', DecimalType(18, 3)), StructField('big', DecimalType(38, 10)),
  StructField('day', DateType), StructField('at', TimestampType), StructField('raw', BinaryType),
  StructField('tags', ArrayType(StringType)), StructField('props', MapType(StringType, LongType)),
  StructField('geo', StructType([StructField('city', StringType), StructField('pos', StructType([StructField('lat', DoubleType)]))])),
  StructField('events', ArrayType(StructType([StructField('k', IntegerType)]))),
])
const rows: Row[] = [
  [9007199254740993n, 'héllo', true, -128, 32767, -7, Math.fround(1.5), 0.1, -12345n, 123456789012345678n, -12345678901234567890123456789012345678n,
    18878, AT, new Uint8Array([0, 255]), ['a', null, 'c'], new Map([['k', -1n]]), ['Berlin', [52.5]], [[1], null, [null]]],
  [null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null],
  [-1n, '', false, 0, 0, 0, 0, -0.5, 0n, -1n, 1n, -1, -1, new Uint8Array(), [], new Map(), [null, null], []],
]

async function readAll(path: string, options: Partial<ParquetReadOptions> = {}): Promise<Row[]> {
  const out: Row[] = []
  for await (const batch of parquetFileFormat.read(path, { schema, options: {}, ...options })) out.push(...batch)
  return out
}

describe('parquetFileFormat', () => {
  it('should round-trip every type, nested ones and exact bigints and decimals included', async () => {
    const path = join(dir, 'all.snappy.parquet')
    const written = await parquetFileFormat.write(path, schema, rows, {})
    expect(written).toMatchObject({ numRows: 3, size: (await readFile(path)).length })
    expect(written.stats!.minValues['id']).toBe(-1n)
    expect(written.stats!.maxValues['big']).toBe(1n)
    expect(written.stats!.nullCount['name']).toBe(1)
    expect(await readAll(path)).toEqual(rows)
    expect(await parquetFileFormat.inferSchema!([path], {})).toEqual(schema)
  })

  it('should write snappy-compressed row groups of the configured size', async () => {
    const path = join(dir, 'groups.parquet')
    const flat = StructType([StructField('id', LongType)])
    await parquetFileFormat.write(path, flat, Array.from({ length: 2500 }, (_, i) => [BigInt(i)]), { 'parquet.rowgroup.rows': '1000' })
    const bytes = await readFile(path)
    const metadata = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length))
    expect(metadata.row_groups.map((g) => Number(g.num_rows))).toEqual([1000, 1000, 500])
    expect(metadata.row_groups[0]!.columns[0]!.meta_data!.codec).toBe('SNAPPY')
  })

  it('should have DuckDB read what Sluice writes with the same values', async () => {
    const path = join(dir, 'for-duck.parquet')
    await parquetFileFormat.write(path, schema, rows, {})
    const reader = await duck.runAndReadAll(`SELECT id::VARCHAR, name, ok, b, s, n, f, x, small::VARCHAR, mid::VARCHAR, big::VARCHAR, day::VARCHAR,
      strftime("at", '%Y-%m-%d %H:%M:%S.%f'), hex(raw), tags::VARCHAR, props::VARCHAR, geo::VARCHAR, events::VARCHAR FROM read_parquet('${path}')`)
    expect(reader.getRows()).toEqual([
      ['9007199254740993', 'héllo', true, -128, 32767, -7, 1.5, 0.1, '-123.45', '123456789012345.678', '-1234567890123456789012345678.9012345678',
        '2021-09-08', '2021-09-08 11:11:11.123456', '00FF', '[a, NULL, c]', '{k=-1}', "{'city': Berlin, 'pos': {'lat': 52.5}}", "[{'k': 1}, NULL, {'k': NULL}]"],
      [null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null],
      ['-1', '', false, 0, 0, 0, 0, -0.5, '0.00', '-0.001', '0.0000000001', '1969-12-31', '1969-12-31 23:59:59.999999', '', '[]', '{}', "{'city': NULL, 'pos': NULL}", '[]'],
    ])
  })

  it('should read what DuckDB writes, with the schema given or inferred', async () => {
    const path = join(dir, 'from-duck.parquet')
    await duck.run(`COPY (SELECT * FROM (VALUES
      (9007199254740993::BIGINT, 'a', 123.45::DECIMAL(5,2), 1234567890.1234567891::DECIMAL(20,10), DATE '2021-09-08', TIMESTAMP '2021-09-08 11:11:11.123456',
       [1, NULL]::INTEGER[], MAP {'k': 7::BIGINT}, {'c': 'x', 'd': 2.5::DOUBLE}, '\\x01\\x02'::BLOB),
      (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
    ) t(id, name, small, big, day, "at", nums, props, st, raw)) TO '${path}' (FORMAT parquet, COMPRESSION zstd)`)
    const duckSchema = StructType([
      StructField('id', LongType), StructField('name', StringType), StructField('small', DecimalType(5, 2)), StructField('big', DecimalType(20, 10)),
      StructField('day', DateType), StructField('at', TimestampType), StructField('nums', ArrayType(IntegerType)),
      StructField('props', MapType(StringType, LongType)), StructField('st', StructType([StructField('c', StringType), StructField('d', DoubleType)])),
      StructField('raw', BinaryType),
    ])
    const inferred = await parquetFileFormat.inferSchema!([path], {})
    // DuckDB's TIMESTAMP is not adjusted to UTC: Spark (inferTimestampNTZ) reads it as TIMESTAMP_NTZ.
    expect(inferred.fields.map((f) => [f.name, f.dataType.kind])).toEqual(duckSchema.fields.map((f) => [f.name, f.name === 'at' ? 'timestamp_ntz' : f.dataType.kind]))
    const out: Row[] = []
    for await (const batch of parquetFileFormat.read(path, { schema: duckSchema, options: {} })) out.push(...batch)
    expect(out).toEqual([
      [9007199254740993n, 'a', 12345n, 12345678901234567891n, 18878, AT, [1, null], new Map([['k', 7n]]), ['x', 2.5], new Uint8Array([1, 2])],
      new Array(10).fill(null),
    ])
  })

  it('should decode only the required columns and leave the others null', async () => {
    const path = join(dir, 'pruned.parquet')
    await parquetFileFormat.write(path, schema, rows, {})
    const out = await readAll(path, { requiredColumns: new Set([1, 12]) })
    expect(out.map((r) => r.filter((v) => v !== null))).toEqual([['héllo', AT], [], ['', -1]])
    // No column at all (count(*)): still one row per record.
    const none = await readAll(path, { requiredColumns: new Set() })
    expect(none).toEqual([new Array(18).fill(null), new Array(18).fill(null), new Array(18).fill(null)])
  })

  it('should skip row groups whose statistics rule out the filter', async () => {
    const path = join(dir, 'filtered.parquet')
    const flat = StructType([StructField('id', LongType), StructField('gt', StringType)])
    const data = Array.from({ length: 3000 }, (_, i) => [BigInt(i), i < 1000 ? 'bike' : i < 2000 ? 'sit' : 'walk'])
    await parquetFileFormat.write(path, flat, data, { 'parquet.rowgroup.rows': '1000' })
    const count = async (filter: ParquetReadOptions['rowGroupFilter']): Promise<number> => {
      let n = 0
      for await (const batch of parquetFileFormat.read(path, { schema: flat, options: {}, rowGroupFilter: filter } as ParquetReadOptions)) n += batch.length
      return n
    }
    expect(await count([{ column: 'id', op: '>=', value: 2500n }])).toBe(1000)
    expect(await count([{ column: 'id', op: '<', value: 1000n }])).toBe(1000)
    expect(await count([{ column: 'id', op: '<=', value: 1000n }])).toBe(2000)
    expect(await count([{ column: 'id', op: '=', value: 5000n }])).toBe(0)
    expect(await count([{ column: 'gt', op: '=', value: 'sit' }])).toBe(1000)
    expect(await count([{ column: 'gt', op: '>', value: 'bike' }, { column: 'id', op: '<', value: 1500 }])).toBe(1000)
    expect(await count([{ column: 'unknown', op: '=', value: 1 }])).toBe(3000)
  })

  it('should read INT96 timestamps as Spark wrote them before Parquet had TIMESTAMP_MICROS', async () => {
    // A FIXED_LEN_BYTE_ARRAY(12) file whose footer type is then switched to INT96: the PLAIN bytes are the same.
    const int96 = (days: number, nanosOfDay: bigint): Uint8Array => {
      const out = new Uint8Array(12)
      const view = new DataView(out.buffer)
      view.setBigInt64(0, nanosOfDay, true)
      view.setInt32(8, days + 2440588, true)
      return out
    }
    const buffer = new Uint8Array(parquetWriteBuffer({
      columnData: [{ name: 'ts', data: [int96(18878, 40271123456000n), int96(-1, 86399999999000n)], encoding: 'PLAIN' }],
      schema: [{ name: 'root', num_children: 1 }, { name: 'ts', type: 'FIXED_LEN_BYTE_ARRAY', type_length: 12, repetition_type: 'REQUIRED' }],
      statistics: false,
    }))
    const footerLength = new DataView(buffer.buffer).getInt32(buffer.length - 8, true)
    const footerStart = buffer.length - 8 - footerLength
    let patched = 0
    for (let i = footerStart; i < buffer.length - 9; i++) {
      if (buffer[i] === 0x15 && buffer[i + 1] === 0x0e) { buffer[i + 1] = 0x06; patched++ }
    }
    expect(patched).toBe(2)
    const path = join(dir, 'int96.parquet')
    await writeFile(path, buffer)
    const tsSchema = StructType([StructField('ts', TimestampType)])
    expect(await parquetFileFormat.inferSchema!([path], {})).toEqual(StructType([StructField('ts', TimestampType, false)]))
    const out: Row[] = []
    for await (const batch of parquetFileFormat.read(path, { schema: tsSchema, options: {} })) out.push(...batch)
    expect(out).toEqual([[AT], [-1]])
  })
})
