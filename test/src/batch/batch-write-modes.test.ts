import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expr } from '@sluice/client'
import { multisetDifference, readParquetWithDuckDB } from '../support/index.js'
import { openCourseBatchFixture, type CourseBatchFixture } from './course-batch-fixture.js'

// Writes in json, csv and parquet with each save mode and partitionBy, read back and
// compared with the JSON.parse reference of the input files.

let fixture: CourseBatchFixture
beforeAll(async () => { fixture = await openCourseBatchFixture('batch-write-modes', 3, 150, 23) })
afterAll(async () => { await fixture.close() })

const FLAT_COLUMNS = ['Arrival_Time', 'Creation_Time', 'Device', 'Index', 'Model', 'User', 'gt', 'x', 'y', 'z'] as const
const FLAT_SCHEMA = 'Arrival_Time BIGINT, Creation_Time BIGINT, Device STRING, Index BIGINT, Model STRING, User STRING, gt STRING, x DOUBLE, y DOUBLE, z DOUBLE'
const EQUAL = { missingCount: 0, extraCount: 0 }

/** Every file under `folder`, relative, recursively; hidden files included. */
function listFiles(folder: string, prefix = ''): string[] {
  if (!existsSync(folder)) return []
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(folder, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`])
}

const flat = () => fixture.activity().select(...FLAT_COLUMNS)
const expectedFlat = (times = 1) => Array.from({ length: times }, () => fixture.reference.rows).flat()
const readBack = (format: string, path: string) => {
  const reader = fixture.spark.read.format(format)
  return (format === 'parquet' ? reader : reader.schema(FLAT_SCHEMA).option('header', true)).load(path).collect()
}

describe('batch writes with save modes', () => {
  for (const format of ['json', 'csv', 'parquet'] as const) {
    it(`should honour error, ignore, append and overwrite for ${format} and read every row back`, async () => {
      const path = join(fixture.root, `modes-${format}`)
      const write = () => flat().write.format(format).option('header', true)
      await write().mode('error').save(path)
      expect(multisetDifference(expectedFlat(), await readBack(format, path), FLAT_COLUMNS)).toMatchObject(EQUAL)

      await expect(write().mode('error').save(path)).rejects.toMatchObject({ errorClass: 'PATH_ALREADY_EXISTS', message: expect.stringContaining(path) })
      await expect(write().mode('errorifexists').save(path)).rejects.toMatchObject({ errorClass: 'PATH_ALREADY_EXISTS' })

      const before = listFiles(path)
      await flat().limit(3).write.format(format).option('header', true).mode('ignore').save(path)
      expect(listFiles(path)).toEqual(before)

      await write().mode('append').save(path)
      expect(multisetDifference(expectedFlat(2), await readBack(format, path), FLAT_COLUMNS)).toMatchObject(EQUAL)

      await flat().where("gt = 'walk'").write.format(format).option('header', true).mode('overwrite').save(path)
      const walking = fixture.reference.rows.filter((r) => r.gt === 'walk')
      expect(multisetDifference(walking, await readBack(format, path), FLAT_COLUMNS)).toMatchObject(EQUAL)
    })
  }

  it('should write parquet that DuckDB reads back identically', async () => {
    const path = join(fixture.root, 'duckdb-check')
    await fixture.activity().write.parquet(path)
    const files = listFiles(path).filter((f) => f.endsWith('.parquet')).map((f) => join(path, f))
    expect(multisetDifference(fixture.reference.rows, await readParquetWithDuckDB(files), [...FLAT_COLUMNS, 'geolocation']))
      .toMatchObject(EQUAL)
  })

  it('should lay out partitionBy folders Hive-style, null as __HIVE_DEFAULT_PARTITION__, each folder holding its rows without the partition columns', async () => {
    const path = join(fixture.root, 'partitioned')
    await flat().write.partitionBy('gt', 'Model').mode('overwrite').parquet(path)
    const folders = new Set(listFiles(path).filter((f) => f.endsWith('.parquet')).map((f) => f.split('/').slice(0, -1).join('/')))
    const expectedFolders = new Set(fixture.reference.rows.map((r) => `gt=${r.gt ?? '__HIVE_DEFAULT_PARTITION__'}/Model=${r.Model}`))
    expect(folders).toEqual(expectedFolders)
    const written = await fixture.spark.read.parquet(join(path, 'gt=stand', 'Model=s3')).collect()
    const standS3 = fixture.reference.rows.filter((r) => r.gt === 'stand' && r.Model === 's3')
    const dataColumns = FLAT_COLUMNS.filter((c) => c !== 'gt' && c !== 'Model')
    expect(multisetDifference(standS3, written, dataColumns)).toMatchObject(EQUAL)
    expect(Object.keys(written[0]!)).toEqual(dataColumns)
  })

  // Spark discovers partition columns from `name=value` folders and appends them to
  // the schema (SQL guide, "Partition Discovery").
  it('should read partition columns back from the folder names (partition discovery)', async () => {
    const path = join(fixture.root, 'partitioned-discovery')
    await flat().write.partitionBy('gt', 'Model').mode('overwrite').parquet(path)
    const df = fixture.spark.read.parquet(path)
    expect((await df.columns()).slice(-2)).toEqual(['gt', 'Model'])
    expect(multisetDifference(expectedFlat(), await df.collect(), FLAT_COLUMNS)).toMatchObject(EQUAL)
    const stand = await fixture.spark.read.parquet(path).where("gt = 'stand' AND Model = 's3'").count()
    expect(stand).toBe(fixture.reference.rows.filter((r) => r.gt === 'stand' && r.Model === 's3').length)
  })

  it('should leave no partial output when a write fails, neither at a new path nor in an existing one', async () => {
    const failing = () => flat().withColumn('x', expr("CASE WHEN Index = 40 THEN raise_error('boom at 40') ELSE x END"))
    const fresh = join(fixture.root, 'failed-new')
    await expect(failing().write.json(fresh)).rejects.toThrow(/boom at 40/)
    expect(listFiles(fresh)).toEqual([])
    expect(readdirSync(fixture.root).filter((name) => name.includes('failed-new'))).toEqual([])

    const existing = join(fixture.root, 'failed-append')
    await flat().write.json(existing)
    const before = listFiles(existing)
    await expect(failing().write.mode('append').json(existing)).rejects.toThrow(/boom at 40/)
    await expect(failing().write.mode('overwrite').json(existing)).rejects.toThrow(/boom at 40/)
    expect(listFiles(existing)).toEqual(before)
    expect(multisetDifference(expectedFlat(), await readBack('json', existing), FLAT_COLUMNS)).toMatchObject(EQUAL)
  })
})
