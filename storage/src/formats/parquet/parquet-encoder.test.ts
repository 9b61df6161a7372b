import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'
import { parquetMetadata, parquetReadObjects } from 'hyparquet'
import {
  ArrayType, BooleanType, DoubleType, IntegerType, LongType, MapType, StringType, StructField, StructType, TimestampType,
  type DataType, type Row,
} from '@sluice/shared'
import { parquetFileFormat } from './parquet-format.js'
import { encodeParquet } from './parquet-writer.js'

let dir: string
let duck: DuckDBConnection
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sluice-parquet-encoder-'))
  duck = await (await DuckDBInstance.create(':memory:')).connect()
})
afterAll(async () => {
  duck.closeSync()
  await rm(dir, { recursive: true, force: true })
})

const bufferOf = (bytes: Uint8Array): ArrayBuffer => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer

async function writeAndRead(name: string, schema: StructType, rows: Row[], options: Record<string, string> = {}): Promise<{ path: string; back: Row[] }> {
  const path = join(dir, name)
  await parquetFileFormat.write(path, schema, rows, options)
  const back: Row[] = []
  for await (const batch of parquetFileFormat.read(path, { schema, options: {} })) back.push(...batch)
  return { path, back }
}

/** mulberry32: a seeded generator, so a failing case reproduces from the seed in its name. */
function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A random value of `type` (internal representation), null with probability 1/5. */
function randomValue(type: DataType, random: () => number, depth = 0): unknown {
  if (random() < 0.2) return null
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  switch (type.kind) {
    case 'long': return BigInt(Math.floor(random() * 2 ** 52)) * pick([1n, -1n, 1000n])
    case 'integer': return Math.floor(random() * 2 ** 31) * pick([1, -1])
    case 'double': return pick([random() * 1e6, -random(), 0, 1.5])
    case 'boolean': return random() < 0.5
    case 'string': return pick(['', 'a', 'ü', 'zz', '😀', 'long-' + 'x'.repeat(Math.floor(random() * 80))])
    case 'timestamp': return Math.floor(random() * 2 ** 50) * pick([1, -1])
    case 'array': return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(type.elementType, random, depth + 1))
    case 'map': {
      const map = new Map<unknown, unknown>()
      const size = Math.floor(random() * 3)
      for (let i = 0; i < size; i++) map.set(`k${Math.floor(random() * 5)}`, randomValue(type.valueType, random, depth + 1))
      return map
    }
    case 'struct': return type.fields.map((f) => randomValue(f.dataType, random, depth + 1))
    default: throw new Error(type.kind)
  }
}

const RANDOM_SCHEMA = StructType([
  StructField('id', LongType), StructField('n', IntegerType), StructField('x', DoubleType), StructField('ok', BooleanType),
  StructField('s', StringType), StructField('at', TimestampType),
  StructField('nested', StructType([StructField('a', StringType), StructField('inner', StructType([StructField('b', LongType)]))])),
  StructField('lists', ArrayType(ArrayType(IntegerType))),
  StructField('tags', MapType(StringType, ArrayType(StringType))),
  StructField('people', ArrayType(StructType([StructField('name', StringType), StructField('scores', ArrayType(DoubleType))]))),
])

describe('column-native Parquet encoder', () => {
  for (const seed of [1, 2, 3]) {
    it(`should round-trip random nested rows through Sluice's reader and hyparquet (seed ${seed})`, async () => {
      const random = seeded(seed)
      const rows: Row[] = Array.from({ length: 700 }, () => RANDOM_SCHEMA.fields.map((f) => randomValue(f.dataType, random)))
      // Small row groups: levels and dictionaries restart per group.
      const { path, back } = await writeAndRead(`random-${seed}.parquet`, RANDOM_SCHEMA, rows, { 'parquet.rowgroup.rows': '256' })
      expect(back).toEqual(rows)
      const bytes = await readFile(path)
      const objects = await parquetReadObjects({ file: bufferOf(bytes), columns: ['lists', 'people'] })
      expect(objects.map((o) => o['lists'])).toEqual(rows.map((r) => r[7]))
      expect(objects.map((o) => (o['people'] as { name: string; scores: number[] }[] | null)?.map((p) => (p === null ? null : [p.name, p.scores])) ?? null))
        .toEqual(rows.map((r) => r[9]))
    })
  }

  it('should give DuckDB the same nested values, and the same counts of nulls and elements', async () => {
    const random = seeded(7)
    const rows: Row[] = Array.from({ length: 500 }, () => RANDOM_SCHEMA.fields.map((f) => randomValue(f.dataType, random)))
    const { path } = await writeAndRead('duck-random.parquet', RANDOM_SCHEMA, rows, { 'parquet.rowgroup.rows': '128' })
    const reader = await duck.runAndReadAll(`SELECT count(*), count(id), sum(id)::VARCHAR, count(s), sum(len(lists)), sum(len(flatten(lists))),
      sum(cardinality(tags)), sum(len(people)), count(nested.inner.b), sum(nested.inner.b)::VARCHAR FROM read_parquet('${path}')`)
    const ids = rows.map((r) => r[0] as bigint | null).filter((v) => v !== null)
    const lists = rows.map((r) => r[7] as unknown[][] | null).filter((v) => v !== null)
    const tags = rows.map((r) => r[8] as Map<string, unknown> | null).filter((v) => v !== null)
    const people = rows.map((r) => r[9] as unknown[] | null).filter((v) => v !== null)
    const innerBs = rows.map((r) => ((r[6] as unknown[] | null)?.[1] as unknown[] | null)?.[0] as bigint | null | undefined).filter((v) => v !== null && v !== undefined)
    const sum = (values: number[]): number | null => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0))
    expect(reader.getRows()[0]).toEqual([
      500n, BigInt(ids.length), ids.reduce((a, b) => a + b, 0n).toString(), BigInt(rows.filter((r) => r[4] !== null).length),
      BigInt(sum(lists.map((l) => l.length)) ?? 0), BigInt(sum(lists.map((l) => l.filter((x) => x !== null).flat().length)) ?? 0),
      BigInt(sum(tags.map((t) => t.size)) ?? 0), BigInt(sum(people.map((p) => p.length)) ?? 0),
      BigInt(innerBs.length), innerBs.reduce((a, b) => a + b, 0n).toString(),
    ])
  })

  it('should dictionary-encode repetitive columns and write mostly distinct ones PLAIN', async () => {
    const schema = StructType([StructField('label', StringType), StructField('serial', LongType), StructField('big', StringType)])
    const rows: Row[] = Array.from({ length: 5000 }, (_, i) => [['bike', 'sit', 'walk'][i % 3], BigInt(i) * 7919n, `${i}-${'y'.repeat(300)}`])
    const metadata = parquetMetadata(bufferOf(encodeParquet(schema, rows)))
    const encodings = metadata.row_groups[0]!.columns.map((c) => c.meta_data!.encodings)
    expect(encodings[0]).toContain('RLE_DICTIONARY')
    expect(encodings[1]).not.toContain('RLE_DICTIONARY')
    expect(encodings[2]).not.toContain('RLE_DICTIONARY')
    expect(metadata.row_groups[0]!.columns[0]!.meta_data!.dictionary_page_offset).toBeDefined()
  })

  it("should sign files in parquet-mr's created_by form, so readers trust their string statistics", () => {
    // parquet-mr VersionParser: `<application> version <semver> (build <hash>)`; unparsable writers lose binary stats (PARQUET-251).
    const metadata = parquetMetadata(bufferOf(encodeParquet(StructType([StructField('s', StringType)]), [['a']])))
    expect(metadata.created_by).toMatch(/^(\S+) version (\d+\.\d+\.\d+) \(build (\S+)\)$/)
    expect(metadata.created_by?.startsWith('parquet-mr')).toBe(false)
  })

  it('should stop a dictionary at 1 MiB as parquet-mr does and still write every value', async () => {
    // 4000 distinct 400-byte strings, each repeated: repetitive, but the dictionary page would pass 1 MiB.
    const schema = StructType([StructField('s', StringType)])
    const rows: Row[] = Array.from({ length: 12000 }, (_, i) => [`${i % 4000}`.padEnd(400, '-')])
    const { path, back } = await writeAndRead('big-dictionary.parquet', schema, rows)
    expect(back).toEqual(rows)
    const metadata = parquetMetadata(bufferOf(await readFile(path)))
    expect(metadata.row_groups[0]!.columns[0]!.meta_data!.encodings).not.toContain('RLE_DICTIONARY')
  })

  it('should write min/max/null-count statistics in Parquet order: UTF-8 bytes, NaN ignored, -0 and +0 bounds', async () => {
    const schema = StructType([StructField('s', StringType), StructField('x', DoubleType), StructField('n', IntegerType)])
    // UTF-16 puts U+FFFD after the surrogate pair of U+1F600; UTF-8 (code points) puts it before.
    const rows: Row[] = [['\uFFFD', NaN, 0], ['😀', 0, null], ['a', 2.5, -3], [null, NaN, 9]]
    const path = join(dir, 'stats.parquet')
    await parquetFileFormat.write(path, schema, rows, {})
    const reader = await duck.runAndReadAll(`SELECT path_in_schema, stats_min_value, stats_max_value, stats_null_count FROM parquet_metadata('${path}') ORDER BY column_id`)
    expect(reader.getRows()).toEqual([
      ['s', 'a', '😀', 1n],
      ['x', '-0.0', '2.5', 0n],
      ['n', '-3', '9', 1n],
    ])
  })

  it('should write a file with no row group for no rows, which DuckDB reads as empty', async () => {
    const schema = StructType([StructField('id', LongType), StructField('tags', ArrayType(StringType))])
    const path = join(dir, 'empty.parquet')
    await parquetFileFormat.write(path, schema, [], {})
    expect(parquetMetadata(bufferOf(await readFile(path))).row_groups).toEqual([])
    const reader = await duck.runAndReadAll(`SELECT count(*) FROM read_parquet('${path}')`)
    expect(reader.getRows()).toEqual([[0n]])
  })

  it('should refuse a null in a non-nullable column, naming the field', () => {
    const schema = StructType([StructField('id', LongType, false), StructField('inner', StructType([StructField('k', StringType, false)]), false)])
    expect(() => encodeParquet(schema, [[1n, ['a']], [2n, [null]]])).toThrow(/NULL value appeared in non-nullable field: `inner.k`/)
    expect(() => encodeParquet(schema, [[null, ['a']]])).toThrow(/non-nullable field: `id`/)
  })

  it('should keep exact 64-bit integers, timestamps before 1970 and big decimals of many row groups', async () => {
    const schema = StructType([StructField('id', LongType), StructField('at', TimestampType)])
    const rows: Row[] = Array.from({ length: 3000 }, (_, i) => [9223372036854775807n - BigInt(i), -62135596800000000 + i * 1_000_003])
    const { back, path } = await writeAndRead('exact.parquet', schema, rows, { 'parquet.rowgroup.rows': '1000', compression: 'none' })
    expect(back).toEqual(rows)
    const reader = await duck.runAndReadAll(`SELECT max(id)::VARCHAR, min(epoch_us("at"))::VARCHAR FROM read_parquet('${path}')`)
    expect(reader.getRows()).toEqual([['9223372036854775807', '-62135596800000000']])
  })
})

describe('ParquetFileWriter fed batch by batch', () => {
  it('should write the same bytes as one whole batch, whatever the batch sizes (row groups and dictionary fallback included)', async () => {
    const { ParquetFileWriter } = await import('./parquet-file-writer.js')
    const { parquetWriterOptions } = await import('./parquet-writer.js')
    const random = seeded(11)
    // `serial` is repetitive for its first 1500 rows (a dictionary in row group 0), then distinct: the
    // dictionary of the later groups gives up after 1024 values and rewrites them PLAIN.
    const schema = StructType([...RANDOM_SCHEMA.fields, StructField('serial', LongType)])
    const rows: Row[] = Array.from({ length: 5000 }, (_, i) => [...RANDOM_SCHEMA.fields.map((f) => randomValue(f.dataType, random)), i < 1500 ? BigInt(i % 3) : BigInt(i)])
    const options = { 'parquet.rowgroup.rows': '1800' }
    const whole = encodeParquet(schema, rows, options)
    const writer = new ParquetFileWriter(schema, parquetWriterOptions(options))
    for (let start = 0; start < rows.length;) {
      const size = 1 + Math.floor(random() * 700)
      writer.append(rows.slice(start, start + size))
      start += size
    }
    expect(writer.numRows).toBe(5000)
    const pieces = writer.finish()
    expect(Buffer.from(pieces).equals(Buffer.from(whole))).toBe(true)
    const metadata = parquetMetadata(bufferOf(whole))
    expect(metadata.row_groups.map((g) => Number(g.num_rows))).toEqual([1800, 1800, 1400])
    const serial = metadata.row_groups.map((g) => g.columns.at(-1)!.meta_data!.encodings.includes('RLE_DICTIONARY'))
    expect(serial).toEqual([true, false, false])
    const path = join(dir, 'batched.parquet')
    await parquetFileFormat.write(path, schema, rows, options)
    const back: Row[] = []
    for await (const batch of parquetFileFormat.read(path, { schema, options: {} })) back.push(...batch)
    expect(back).toEqual(rows)
  })
})

describe('row group size in bytes', () => {
  it('should close a row group once its columns hold parquet.block.size bytes, as parquet-mr does', async () => {
    const schema = StructType([StructField('id', LongType), StructField('text', StringType)])
    // 20 000 rows of ~ 1 kB distinct text: about 20 MB, so a 5 MB block size gives row groups of ~ 5 000 rows.
    const rows: Row[] = Array.from({ length: 20_000 }, (_, i) => [BigInt(i), `${i}:${'t'.repeat(1000)}`])
    const { back, path } = await writeAndRead('blocks.parquet', schema, rows, { 'parquet.block.size': String(5 * 1024 * 1024) })
    expect(back).toEqual(rows)
    const groups = parquetMetadata(bufferOf(await readFile(path))).row_groups
    expect(groups.reduce((sum, g) => sum + Number(g.num_rows), 0)).toBe(20_000)
    expect(groups.length).toBeGreaterThan(1)
    // Every group but the last closed because it was full: at least the block size, and at most one more slice of rows.
    for (const group of groups.slice(0, -1)) {
      expect(Number(group.total_byte_size)).toBeGreaterThanOrEqual(5 * 1024 * 1024)
      expect(Number(group.num_rows)).toBeLessThan(20_000 / 2)
    }
  })
})
