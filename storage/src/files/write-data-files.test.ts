import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DoubleType, LongType, StringType, StructField, StructType, TimestampType, type Row } from '@sluice/shared'
import { getFileFormat } from '../formats/registry.js'
import { openDataFilesWriter, writeDataFiles } from './write-data-files.js'

let dir: string
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'sluice-data-files-')) })
afterAll(async () => { await rm(dir, { recursive: true, force: true }) })

const schema = StructType([StructField('id', LongType), StructField('p', StringType)])
const rowsOf = (n: number, partitions: readonly (string | null)[] = ['a']): Row[] => Array.from({ length: n }, (_, i) => [BigInt(i), partitions[i % partitions.length]!])

async function readBack(format: string, path: string, fileSchema: StructType): Promise<Row[]> {
  const out: Row[] = []
  for await (const batch of getFileFormat(format).read(path, { schema: fileSchema, options: {} })) out.push(...batch)
  return out
}

async function inBatches(writer: { write(rows: readonly Row[]): Promise<void> }, rows: readonly Row[], size: number): Promise<void> {
  for (let start = 0; start < rows.length; start += size) await writer.write(rows.slice(start, start + size))
}

describe('openDataFilesWriter', () => {
  for (const format of ['parquet', 'json']) {
    it(`should start a new ${format} file every maxRecordsPerFile rows, numbered c000, c001, … and show none before close`, async () => {
      const folder = join(dir, `rolling-${format}`)
      const rows = rowsOf(2500)
      const writer = openDataFilesWriter(folder, { format, schema, partitionBy: [], options: {}, timeZone: 'UTC', jobId: 'job', maxRecordsPerFile: 1000 })
      await inBatches(writer, rows, 300)
      // Closed files are visible, the open one is not: two of three so far.
      expect((await readdir(folder)).filter((name) => !name.startsWith('.')).length).toBe(2)
      const files = await writer.close()
      expect(files.map((f) => [f.relativePath, f.numRows])).toEqual([
        [`part-00000-job.c000${getFileFormat(format).extension}`, 1000],
        [`part-00000-job.c001${getFileFormat(format).extension}`, 1000],
        [`part-00000-job.c002${getFileFormat(format).extension}`, 500],
      ])
      const back = (await Promise.all(files.map((f) => readBack(format, f.path, schema)))).flat()
      expect(back).toEqual(rows)
      expect((await readdir(folder)).filter((name) => name.startsWith('.'))).toEqual([])
    })
  }

  it('should route rows of every batch to one open file per partition, nulls to __HIVE_DEFAULT_PARTITION__', async () => {
    const folder = join(dir, 'partitioned')
    const rows = rowsOf(900, ['x', 'y/z', null])
    const writer = openDataFilesWriter(folder, { format: 'parquet', schema, partitionBy: ['p'], options: {}, timeZone: 'UTC', jobId: 'job' })
    await inBatches(writer, rows, 128)
    const files = await writer.close()
    expect(files.map((f) => [f.relativePath, f.numRows, f.partitionValues])).toEqual([
      ['p=x/part-00000-job.c000.snappy.parquet', 300, { p: 'x' }],
      ['p=y%2Fz/part-00001-job.c000.snappy.parquet', 300, { p: 'y/z' }],
      ['p=__HIVE_DEFAULT_PARTITION__/part-00002-job.c000.snappy.parquet', 300, { p: null }],
    ])
    const dataSchema = StructType([StructField('id', LongType)])
    expect(await readBack('parquet', files[1]!.path, dataSchema)).toEqual(rows.filter((r) => r[1] === 'y/z').map((r) => [r[0]]))
  })

  it('should name partition folders by the value cast to string in the session time zone, the empty string as the default partition', async () => {
    // Spark: PartitioningUtils.getPartitionValueString over Cast(value, StringType, timeZone); null and "" are __HIVE_DEFAULT_PARTITION__.
    const typed = StructType([StructField('id', LongType), StructField('d', DoubleType), StructField('s', StringType), StructField('at', TimestampType)])
    const at = Date.UTC(2021, 8, 8, 11, 11, 11) * 1000
    const rows: Row[] = [[1n, 1, '', at], [2n, 1e20, null, at + 500_000], [3n, 0.5, 'a b', null]]
    const files = await writeDataFiles(join(dir, 'typed'), { format: 'json', schema: typed, rows, partitionBy: ['d', 's', 'at'], options: {}, timeZone: 'Europe/Berlin' })
    expect(files.map((f) => f.relativePath.split('/').slice(0, 3).join('/'))).toEqual([
      'd=1.0/s=__HIVE_DEFAULT_PARTITION__/at=2021-09-08 13%3A11%3A11',
      'd=1.0E20/s=__HIVE_DEFAULT_PARTITION__/at=2021-09-08 13%3A11%3A11.5',
      'd=0.5/s=a b/at=__HIVE_DEFAULT_PARTITION__',
    ])
    expect(files.map((f) => f.partitionValues)).toEqual([
      { d: '1.0', s: null, at: '2021-09-08 13:11:11' },
      { d: '1.0E20', s: null, at: '2021-09-08 13:11:11.5' },
      { d: '0.5', s: 'a b', at: null },
    ])
  })

  it('should put the CSV header once at the top of each file, whatever the batches', async () => {
    const folder = join(dir, 'csv-header')
    const writer = openDataFilesWriter(folder, { format: 'csv', schema, partitionBy: [], options: { header: 'true' }, timeZone: 'UTC', jobId: 'job', maxRecordsPerFile: 5 })
    await inBatches(writer, rowsOf(7, ['a', 'b']), 3)
    const files = await writer.close()
    const texts = await Promise.all(files.map((f) => readFile(f.path, 'utf8')))
    expect(texts).toEqual(['id,p\n0,a\n1,b\n2,a\n3,b\n4,a\n', 'id,p\n5,b\n6,a\n'])
  })

  it('should leave no file behind on abort', async () => {
    const folder = join(dir, 'aborted')
    const writer = openDataFilesWriter(folder, { format: 'json', schema, partitionBy: [], options: {}, timeZone: 'UTC', maxRecordsPerFile: 0 })
    await inBatches(writer, rowsOf(50), 10)
    await writer.abort()
    expect(await readdir(folder).catch(() => [])).toEqual([])
  })

  it('should write one empty file for a batch write of no rows, and honour the maxRecordsPerFile option', async () => {
    const empty = await writeDataFiles(join(dir, 'empty'), { format: 'parquet', schema, rows: [], partitionBy: [], options: {}, timeZone: 'UTC' })
    expect(empty.map((f) => f.numRows)).toEqual([0])
    expect(await readBack('parquet', empty[0]!.path, schema)).toEqual([])
    const split = await writeDataFiles(join(dir, 'split'), { format: 'parquet', schema, rows: rowsOf(25), partitionBy: [], options: { maxrecordsperfile: '10' }, timeZone: 'UTC' })
    expect(split.map((f) => f.numRows)).toEqual([10, 10, 5])
    await expect(writeDataFiles(join(dir, 'bad'), { format: 'parquet', schema, rows: rowsOf(1), partitionBy: [], options: { maxRecordsPerFile: 'ten' }, timeZone: 'UTC' }))
      .rejects.toThrow(/maxRecordsPerFile is not an integer/)
  })
})

describe('the written-file record', () => {
  it('should carry each file\'s size and modification time as the filesystem reports them (what a sink manifest lists)', async () => {
    const folder = join(dir, 'record')
    const files = await writeDataFiles(folder, { format: 'json', schema, rows: rowsOf(5, ['a', 'b']), partitionBy: ['p'], options: {}, timeZone: 'UTC', jobId: 'rec' })
    expect(files).toHaveLength(2)
    for (const file of files) {
      const info = await stat(file.path)
      expect([file.size, file.modificationTime]).toEqual([info.size, Math.floor(info.mtimeMs)])
    }
  })
})
