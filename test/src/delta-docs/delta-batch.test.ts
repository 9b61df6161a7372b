import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Sluice } from '@sluice/client'

// Delta Lake docs, "Table batch reads and writes" (docs.delta.io/latest/delta-batch.html),
// and PROTOCOL.md "Actions", checked on made-up rows. Expected values are written out by hand.

let spark: Sluice
let root: string
beforeAll(async () => {
  spark = await Sluice.builder().appName('delta-docs-batch').getOrCreate()
  root = mkdtempSync(join(tmpdir(), 'sluice-delta-docs-'))
  spark.conf.set('spark.sql.warehouse.dir', join(root, 'warehouse'))
})
afterAll(async () => { await spark.stop() })

let n = 0
const fresh = () => join(root, `t${n++}`)
const people = (rows: [number, string][]) => spark.createDataFrame(rows.map(([id, name]) => ({ id: BigInt(id), name })), 'id BIGINT NOT NULL, name STRING')
const readSorted = async (path: string, options: Record<string, string | number> = {}) =>
  (await spark.read.format('delta').options(options).load(path).collect())
    .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])))
    .sort((a, b) => Number(a['id']) - Number(b['id']))
const commit = (path: string, version: number) =>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Delta log actions read as loose JSON in assertions
  readFileSync(join(path, '_delta_log', `${String(version).padStart(20, '0')}.json`), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>)
const commitInfo = (path: string, version: number) => commit(path, version).find((a) => a['commitInfo'])!['commitInfo']

describe('Delta batch writes: save modes ("Write to a table")', () => {
  it('should append, overwrite, refuse in error mode and do nothing in ignore mode', async () => {
    const t = fresh()
    await people([[1, 'a']]).write.format('delta').save(t)
    await people([[2, 'b']]).write.format('delta').mode('append').save(t)
    expect(await readSorted(t)).toEqual([{ id: 1, name: 'a' }, { id: 2, name: 'b' }])
    await expect(people([[3, 'c']]).write.format('delta').save(t)).rejects.toThrow(/DELTA_PATH_EXISTS.*Cannot write to already existent path/)
    await people([[3, 'c']]).write.format('delta').mode('ignore').save(t)
    expect(readdirSync(join(t, '_delta_log')).filter((f) => f.endsWith('.json'))).toHaveLength(2)
    await people([[4, 'd']]).write.format('delta').mode('overwrite').save(t)
    expect(await readSorted(t)).toEqual([{ id: 4, name: 'd' }])
    expect(commitInfo(t, 0)['operationParameters']).toEqual({ mode: 'ErrorIfExists', partitionBy: '[]' })
    expect(commitInfo(t, 2)['operationParameters']).toEqual({ mode: 'Overwrite', partitionBy: '[]' })
  })

  it('should store the DataFrame schema as nullable, so a later null is accepted', async () => {
    // ImplicitMetadataOperation.updateMetadata stores `schema.asNullable`.
    const t = fresh()
    await people([[1, 'a']]).write.format('delta').save(t)
    const schema = JSON.parse(commit(t, 0).find((a) => a['metaData'])!['metaData']['schemaString'])
    expect(schema.fields.map((f: { nullable: boolean }) => f.nullable)).toEqual([true, true])
    await spark.createDataFrame([{ id: null, name: 'z' }], 'id BIGINT, name STRING').write.format('delta').mode('append').save(t)
    expect((await readSorted(t)).map((r) => r['id'])).toContain(null)
  })

  it('should write partition folders and follow the table partitioning on append ("Partition data")', async () => {
    const t = fresh()
    const events = (rows: [number, string][]) => spark.createDataFrame(rows.map(([id, date]) => ({ id: BigInt(id), date })), 'id BIGINT, date STRING')
    await events([[1, '2024-01-01'], [2, '2024-01-02']]).write.format('delta').partitionBy('date').save(t)
    await events([[3, '2024-01-01']]).write.format('delta').mode('append').save(t)
    expect(readdirSync(t).filter((f) => f.startsWith('date=')).sort()).toEqual(['date=2024-01-01', 'date=2024-01-02'])
    expect((await readSorted(t)).map((r) => r['date'])).toEqual(['2024-01-01', '2024-01-02', '2024-01-01'])
    await expect(events([[4, '2024-01-03']]).write.format('delta').mode('append').partitionBy('id').save(t))
      .rejects.toThrow(/_LEGACY_ERROR_TEMP_DELTA_0007.*Partition columns do not match the partition columns of the table.\nGiven: \[`id`\]\nTable: \[`date`\]/)
  })
})

describe('Delta batch writes: schema validation and update', () => {
  it('should refuse an extra column without mergeSchema, with the table and data schemas in the message', async () => {
    const t = fresh()
    await people([[1, 'a']]).write.format('delta').save(t)
    const extra = spark.createDataFrame([{ id: 2n, name: 'b', score: 1.5 }], 'id BIGINT, name STRING, score DOUBLE')
    const error = await extra.write.format('delta').mode('append').save(t).catch((e: Error) => e)
    // Open-source Delta 3.x: MetadataMismatchErrorBuilder.finalizeAndThrow throws _LEGACY_ERROR_TEMP_DELTA_0007 (message = the text).
    expect((error as { errorClass?: string }).errorClass).toBe('_LEGACY_ERROR_TEMP_DELTA_0007')
    expect(String(error)).toMatch(/A schema mismatch detected when writing to the Delta table \(Table ID: [0-9a-f-]+\)/)
    expect(String(error)).toContain(`'.option("mergeSchema", "true")'`)
    expect(String(error)).toContain('Data schema:\nroot\n |-- id: long (nullable = true)\n |-- name: string (nullable = true)\n |-- score: double (nullable = true)')
    await expect(spark.createDataFrame([{ id: 'x', name: 'b' }], 'id STRING, name STRING').write.format('delta').mode('append').save(t))
      .rejects.toThrow(/DELTA_FAILED_TO_MERGE_FIELDS.*Failed to merge fields 'id' and 'id'. Failed to merge incompatible data types LongType and StringType/)
  })

  it('should refuse column names that differ only by case', async () => {
    const twice = spark.createDataFrame([{ a: 1n, b: 2n }], 'a BIGINT, b BIGINT').toDF('Foo', 'foo')
    await expect(twice.write.format('delta').save(fresh())).rejects.toThrow(/DELTA_DUPLICATE_COLUMNS_FOUND.*Found duplicate column\(s\) in the data to save: foo/)
  })

  it('should add new columns with mergeSchema, old rows reading null ("Automatic schema update")', async () => {
    const t = fresh()
    await people([[1, 'a']]).write.format('delta').save(t)
    await spark.createDataFrame([{ id: 2n, name: 'b', score: 1.5 }], 'id BIGINT, name STRING, score DOUBLE')
      .write.format('delta').mode('append').option('mergeSchema', 'true').save(t)
    expect(await readSorted(t)).toEqual([{ id: 1, name: 'a', score: null }, { id: 2, name: 'b', score: 1.5 }])
  })

  it('should replace schema and partitioning only with overwriteSchema on overwrite ("Replace table schema")', async () => {
    const t = fresh()
    await people([[1, 'a']]).write.format('delta').save(t)
    const other = spark.createDataFrame([{ k: 'x', v: 1 }], 'k STRING, v INT')
    const error = await other.write.format('delta').mode('overwrite').save(t).catch((e: Error) => e)
    expect(String(error)).toContain('A schema mismatch detected')
    expect(String(error)).toContain(`To overwrite your schema or change partitioning, please set:\n'.option("overwriteSchema", "true")'.`)
    await expect(other.write.format('delta').mode('append').option('overwriteSchema', 'true').save(t)).rejects.toThrow(/A schema mismatch detected/)
    await other.write.format('delta').mode('overwrite').option('overwriteSchema', 'true').partitionBy('k').save(t)
    expect(await spark.read.format('delta').load(t).collect()).toEqual([{ k: 'x', v: 1 }])
    expect(commit(t, 1).find((a) => a['metaData'])!['metaData']['partitionColumns']).toEqual(['k'])
  })
})

describe('Delta batch writes: replaceWhere ("Selectively overwrite data")', () => {
  const sales = (rows: [number, string][]) => spark.createDataFrame(rows.map(([id, day]) => ({ id: BigInt(id), day })), 'id BIGINT, day STRING')

  it('should replace only the rows matching the predicate, on a partition column or a data column', async () => {
    const t = fresh()
    await sales([[1, '2024-01-01'], [2, '2024-01-02'], [3, '2024-01-03']]).write.format('delta').partitionBy('day').save(t)
    await sales([[10, '2024-01-02']]).write.format('delta').mode('overwrite').option('replaceWhere', "day = '2024-01-02'").save(t)
    expect((await readSorted(t)).map((r) => r['id'])).toEqual([1, 3, 10])
    expect(JSON.parse(commitInfo(t, 1)['operationParameters']['predicate'])).toEqual(["day = '2024-01-02'"])
    const u = fresh()
    await sales([[1, 'a'], [2, 'a'], [3, 'b']]).write.format('delta').save(u)
    await sales([[20, 'x']]).write.format('delta').mode('overwrite').option('replaceWhere', 'id >= 2').save(u)
    expect(await readSorted(u)).toEqual([{ id: 1, day: 'a' }, { id: 20, day: 'x' }])
  })

  it('should fail, changing nothing, when a written row falls outside the predicate', async () => {
    const t = fresh()
    await sales([[1, '2024-01-01']]).write.format('delta').partitionBy('day').save(t)
    await expect(sales([[5, '2024-02-01']]).write.format('delta').mode('overwrite').option('replaceWhere', "day = '2024-01-01'").save(t))
      .rejects.toThrow(/DELTA_REPLACE_WHERE_MISMATCH.*Data written out does not match replaceWhere 'day = '2024-01-01''/)
    expect(await readSorted(t)).toEqual([{ id: 1, day: '2024-01-01' }])
  })
})

describe('Delta batch writes: dataChange and userMetadata', () => {
  it('should mark the files dataChange=false and refuse to create a table that way', async () => {
    const t = fresh()
    await expect(people([[1, 'a']]).write.format('delta').option('dataChange', 'false').save(t))
      .rejects.toThrow(/DELTA_DATA_CHANGE_FALSE.*Attempted operation: 'Create a Delta table'/)
    await people([[1, 'a']]).write.format('delta').save(t)
    await people([[1, 'a']]).write.format('delta').mode('overwrite').option('dataChange', 'false').save(t)
    const actions = commit(t, 1)
    expect(actions.filter((a) => a['add']).map((a) => a['add']['dataChange'])).toEqual([false])
    expect(actions.filter((a) => a['remove']).map((a) => a['remove']['dataChange'])).toEqual([false])
  })

  it('should record userMetadata in commitInfo, the option winning over the session conf', async () => {
    const t = fresh()
    await people([[1, 'a']]).write.format('delta').option('userMetadata', 'overwritten-for-fixing-incorrect-data').save(t)
    expect(commitInfo(t, 0)['userMetadata']).toBe('overwritten-for-fixing-incorrect-data')
    spark.conf.set('spark.databricks.delta.commitInfo.userMetadata', 'from-conf')
    try {
      await people([[2, 'b']]).write.format('delta').mode('append').save(t)
      await people([[3, 'c']]).write.format('delta').mode('append').option('userMetadata', 'from-option').save(t)
    } finally {
      spark.conf.unset('spark.databricks.delta.commitInfo.userMetadata')
    }
    expect([commitInfo(t, 1)['userMetadata'], commitInfo(t, 2)['userMetadata']]).toEqual(['from-conf', 'from-option'])
  })
})

describe('Delta batch writes: idempotent writes through session confs', () => {
  // delta-io/delta PR #1555 and DeltaCommand.getTxnVersionAndAppId: without the txnAppId / txnVersion
  // writer options, spark.databricks.delta.write.txnAppId / txnVersion make a write idempotent (skipped
  // when the table's txn version for the app is already >= it); the writer options win; the confs go
  // together; write.txnVersion.autoReset.enabled unsets txnVersion after a write that used it.
  const APP = 'spark.databricks.delta.write.txnAppId'
  const VERSION = 'spark.databricks.delta.write.txnVersion'
  const RESET = 'spark.databricks.delta.write.txnVersion.autoReset.enabled'
  const withConf = async (conf: Record<string, string>, body: () => Promise<void>) => {
    for (const [k, v] of Object.entries(conf)) spark.conf.set(k, v)
    try { await body() } finally { for (const k of [APP, VERSION, RESET]) spark.conf.unset(k) }
  }
  const txnOf = (path: string, version: number) => commit(path, version).find((a) => a['txn'])?.['txn']

  it('should skip a write whose conf txnVersion the table already has', async () => {
    const t = fresh()
    await withConf({ [APP]: 'nightly', [VERSION]: '1' }, async () => {
      await people([[1, 'a']]).write.format('delta').save(t)
      await people([[2, 'b']]).write.format('delta').mode('append').save(t)
      spark.conf.set(VERSION, '2')
      await people([[3, 'c']]).write.format('delta').mode('append').save(t)
    })
    expect((await readSorted(t)).map((r) => r['id'])).toEqual([1, 3])
    expect(txnOf(t, 0)).toMatchObject({ appId: 'nightly', version: 1 })
    expect(txnOf(t, 1)).toMatchObject({ appId: 'nightly', version: 2 })
  })

  it('should let the writer options win over the confs', async () => {
    const t = fresh()
    await withConf({ [APP]: 'nightly', [VERSION]: '5' }, async () => {
      await people([[1, 'a']]).write.format('delta').save(t)
      await people([[2, 'b']]).write.format('delta').mode('append').option('txnAppId', 'nightly').option('txnVersion', 6).save(t)
    })
    expect((await readSorted(t)).map((r) => r['id'])).toEqual([1, 2])
    expect(txnOf(t, 1)).toMatchObject({ appId: 'nightly', version: 6 })
  })

  it('should need both confs, and unset txnVersion after a write when autoReset is on', async () => {
    const t = fresh()
    await withConf({ [APP]: 'nightly' }, async () => {
      await expect(people([[1, 'a']]).write.format('delta').save(t)).rejects.toThrow(
        'DELTA_INVALID_IDEMPOTENT_WRITES_OPTIONS] Invalid options for idempotent Dataframe writes: Both spark.databricks.delta.write.txnAppId and spark.databricks.delta.write.txnVersion must be specified for idempotent Delta writes')
    })
    await withConf({ [APP]: 'nightly', [VERSION]: '1', [RESET]: 'true' }, async () => {
      await people([[1, 'a']]).write.format('delta').save(t)
      expect(spark.conf.get(VERSION)).toBeUndefined()
    })
    await withConf({ [APP]: 'nightly', [VERSION]: '1' }, async () => {
      await people([[1, 'a']]).write.format('delta').mode('append').save(t)
      expect(spark.conf.get(VERSION)).toBe('1')
    })
    expect((await readSorted(t)).map((r) => r['id'])).toEqual([1])
  })
})

describe('Delta batch reads: time travel', () => {
  it('should read a version by number and by timestamp, and name the range when it does not exist', async () => {
    const t = fresh()
    await people([[1, 'a']]).write.format('delta').save(t)
    await people([[2, 'b']]).write.format('delta').mode('append').save(t)
    await people([[3, 'c']]).write.format('delta').mode('overwrite').save(t)
    expect((await readSorted(t, { versionAsOf: 1 })).map((r) => r['id'])).toEqual([1, 2])
    const v1 = commitInfo(t, 1)['timestamp'] as number
    expect((await readSorted(t, { timestampAsOf: new Date(v1).toISOString().replace('T', ' ').replace('Z', '') })).map((r) => r['id'])).toEqual([1, 2])
    await expect(readSorted(t, { versionAsOf: 7 })).rejects.toThrow(/Cannot time travel Delta table to version 7. Available versions: \[0, 2\]/)
    await expect(readSorted(t, { timestampAsOf: '2000-01-01 00:00:00' })).rejects.toThrow(/DELTA_TIMESTAMP_EARLIER_THAN_COMMIT_RETENTION.*is before the earliest version available to this table/)
  })

  it('should read timestampAsOf text in spark.sql.session.timeZone and print the commit time to use in it', async () => {
    // Delta's DeltaTimeTravelSpec.getTimestamp casts the text with the session time zone;
    // DeltaHistoryManager.getActiveCommitAtTime prints the earliest commit time with
    // TimestampFormatter(sessionLocalTimeZone) ('yyyy-MM-dd HH:mm:ss'), and the two
    // java.sql.Timestamp values with Timestamp.toString (the JVM zone, UTC here).
    // Asia/Kolkata is UTC+05:30 all year.
    const t = fresh()
    await people([[1, 'a']]).write.format('delta').save(t)
    await people([[2, 'b']]).write.format('delta').mode('append').save(t)
    const kolkata = (ms: number) => new Date(ms + 330 * 60_000).toISOString().replace('T', ' ').replace('Z', '')
    const v0 = commitInfo(t, 0)['timestamp'] as number
    spark.conf.set('spark.sql.session.timeZone', 'Asia/Kolkata')
    try {
      expect((await readSorted(t, { timestampAsOf: kolkata(v0) })).map((r) => r['id'])).toEqual([1])
      const utcMillis = `${new Date(v0).toISOString().slice(0, 19).replace('T', ' ')}.${String(v0 % 1000).padStart(3, '0').replace(/0+$/, '') || '0'}`
      await expect(readSorted(t, { timestampAsOf: '2000-01-01 00:00:00' })).rejects.toThrow(
        `The provided timestamp (1999-12-31 18:30:00.0) is before the earliest version available to this table (${utcMillis}). Please use a timestamp after ${kolkata(v0).slice(0, 19)}.`)
    } finally {
      spark.conf.unset('spark.sql.session.timeZone')
    }
    await expect(readSorted(t, { timestampAsOf: kolkata(v0) })).rejects.toThrow(/DELTA_TIMESTAMP_GREATER_THAN_COMMIT/)
  })

  it('should time travel with the @ syntax of the path (@v<version>, @yyyyMMddHHmmssSSS)', async () => {
    const t = fresh()
    await people([[1, 'a']]).write.format('delta').save(t)
    await people([[2, 'b']]).write.format('delta').mode('append').save(t)
    expect((await readSorted(`${t}@v0`)).map((r) => r['id'])).toEqual([1])
    const v0 = new Date(commitInfo(t, 0)['timestamp'] as number).toISOString().replace(/[-:TZ.]/g, '')
    expect((await readSorted(`${t}@${v0}`)).map((r) => r['id'])).toEqual([1])
    await expect(readSorted(`${t}@v0`, { versionAsOf: 1 })).rejects.toThrow(/Cannot specify time travel in multiple formats/)
  })

  it('should read a table whose log holds a checkpoint (every 10 commits)', async () => {
    const t = fresh()
    for (let i = 0; i < 12; i++) await people([[i, `n${i}`]]).write.format('delta').mode('append').save(t)
    expect(readdirSync(join(t, '_delta_log'))).toContain('00000000000000000010.checkpoint.parquet')
    expect(JSON.parse(readFileSync(join(t, '_delta_log', '_last_checkpoint'), 'utf8'))).toMatchObject({ version: 10 })
    expect((await readSorted(t)).map((r) => r['id'])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
  })
})

describe('Delta log JSON (PROTOCOL.md "Actions")', () => {
  it('should write protocol, metaData, add with stats, remove with deletionTimestamp, and commitInfo', async () => {
    const t = fresh()
    await people([[1, 'a'], [2, null as unknown as string]]).write.format('delta').save(t)
    const first = commit(t, 0)
    expect(first.find((a) => a['protocol'])!['protocol']).toEqual({ minReaderVersion: 1, minWriterVersion: 2 })
    const metaData = first.find((a) => a['metaData'])!['metaData']
    expect(metaData).toMatchObject({ format: { provider: 'parquet', options: {} }, partitionColumns: [], configuration: {} })
    expect(typeof metaData['id']).toBe('string')
    expect(typeof metaData['createdTime']).toBe('number')
    const add = first.find((a) => a['add'])!['add']
    expect(Object.keys(add).sort()).toEqual(['dataChange', 'modificationTime', 'partitionValues', 'path', 'size', 'stats'])
    expect(add['size']).toBe(readFileSync(join(t, add['path'])).length)
    expect(JSON.parse(add['stats'])).toEqual({ numRecords: 2, minValues: { id: 1, name: 'a' }, maxValues: { id: 2, name: 'a' }, nullCount: { id: 0, name: 1 } })
    await people([[3, 'c']]).write.format('delta').mode('overwrite').save(t)
    const remove = commit(t, 1).find((a) => a['remove'])!['remove']
    expect(remove).toMatchObject({ path: add['path'], dataChange: true })
    expect(typeof remove['deletionTimestamp']).toBe('number')
    expect(commitInfo(t, 1)).toMatchObject({ operation: 'WRITE', readVersion: 0, isBlindAppend: false })
  })
})

describe('Delta saveAsTable', () => {
  it('should save to the warehouse, read by name, append, and refuse an existing table in error mode', async () => {
    await people([[1, 'a']]).write.format('delta').saveAsTable('people_docs')
    await people([[2, 'b']]).write.format('delta').mode('append').saveAsTable('people_docs')
    expect((await spark.read.table('people_docs').collect()).map((r) => Number(r['id'])).sort()).toEqual([1, 2])
    expect(readdirSync(join(root, 'warehouse', 'people_docs'))).toContain('_delta_log')
    await expect(people([[3, 'c']]).write.format('delta').saveAsTable('people_docs')).rejects.toThrow(/TABLE_OR_VIEW_ALREADY_EXISTS/)
    expect((await spark.read.option('versionAsOf', 0).table('people_docs').collect()).map((r) => Number(r['id']))).toEqual([1])
  })
})
