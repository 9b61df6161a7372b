import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DuckDBInstance } from '@duckdb/node-api'
import {
  BooleanType, DateType, DecimalType, DoubleType, IntegerType, LongType, StringType, StructField, StructType, TimestampNTZType, TimestampType, type Row,
} from '@sluice/shared'
import { readDeltaTable } from './delta-reader.js'
import { loadSnapshot } from './delta-snapshot.js'
import { writeDeltaBatch } from './delta-writer.js'
import { deltaSinkAddBatch } from './delta-sink.js'
import { deltaChangesSince } from './delta-source.js'
import { listDeltaLog, readCommitActions, writeCommitIfAbsent } from './delta-log-store.js'
import { checkCommitConflicts } from './delta-conflicts.js'

let dir: string
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'sluice-delta-')) })
afterEach(async () => { await rm(dir, { recursive: true, force: true }) })

const schema = StructType([
  StructField('id', LongType), StructField('name', StringType), StructField('amount', DecimalType(12, 2)),
  StructField('day', DateType), StructField('at', TimestampType), StructField('country', StringType),
])
// 2021-09-08 = day 18878; 2021-09-08T11:11:11.123456Z in micros
const AT = 1631099471123456
const sample: Row[] = [
  [9007199254740993n, 'a', 12345n, 18878, AT, 'DE'],
  [2n, null, -5n, 18879, AT + 1, 'FR'],
  [3n, 'c', null, null, null, null],
]

async function readRows(path: string, options: Parameters<typeof readDeltaTable>[1] = {}): Promise<Row[]> {
  const table = await readDeltaTable(path, options)
  const rows: Row[] = []
  for await (const batch of table.rows) rows.push(...batch)
  return rows.sort((a, b) => Number((a[0] as bigint) - (b[0] as bigint)))
}

describe('writeDeltaBatch', () => {
  it('should write a partitioned table that Sluice reads back with every value', async () => {
    const path = join(dir, 't')
    const result = await writeDeltaBatch(path, { rows: sample, schema, mode: 'error', partitionBy: ['country'] })
    expect(result).toMatchObject({ committed: true, version: 0, numOutputRows: 3 })
    expect(result.addedFiles.map((f) => f.path).sort().map((p) => p.split('/')[0])).toEqual(['country=DE', 'country=FR', 'country=__HIVE_DEFAULT_PARTITION__'])
    expect(await readRows(path)).toEqual([...sample].sort((a, b) => Number((a[0] as bigint) - (b[0] as bigint))))
    const actions = await readCommitActions(path, 0)
    expect(Object.keys(actions[0]!)).toEqual(['commitInfo'])
    expect(actions[1]).toEqual({ protocol: { minReaderVersion: 1, minWriterVersion: 2 } })
    expect(actions[2]!.metaData!.partitionColumns).toEqual(['country'])
    expect(JSON.parse(actions[2]!.metaData!.schemaString).fields[2]).toEqual({ name: 'amount', type: 'decimal(12,2)', nullable: true, metadata: {} })
    const de = actions.find((a) => a.add?.partitionValues['country'] === 'DE')!.add!
    expect(JSON.parse(de.stats!)).toEqual({
      numRecords: 1,
      minValues: { id: 9007199254740992, name: 'a', amount: 123.45, day: '2021-09-08', at: '2021-09-08T11:11:11.123Z' },
      maxValues: { id: 9007199254740992, name: 'a', amount: 123.45, day: '2021-09-08', at: '2021-09-08T11:11:11.124Z' },
      nullCount: { id: 0, name: 0, amount: 0, day: 0, at: 0 },
    })
    expect(de.stats).toContain('"id":9007199254740993')
    // Partition pruning: only the files of matching partitions are read (rows are not filtered).
    expect((await readRows(path, { rowGroupFilter: [{ column: 'country', op: '=', value: 'FR' }] })).map((r) => r[0])).toEqual([2n])
    expect((await readRows(path, { rowGroupFilter: [{ column: 'country', op: '>', value: 'A' }] })).map((r) => r[0])).toEqual([2n, 9007199254740993n])
    // Column pruning across data and partition columns.
    const pruned = await readRows(path, { requiredColumns: new Set([0, 5]) })
    expect(pruned.map((r) => [r[0], r[1], r[5]])).toEqual([[2n, null, 'FR'], [3n, null, null], [9007199254740993n, null, 'DE']])
  })

  it('should escape partition folders as Spark does and read the values back', async () => {
    const path = join(dir, 'esc')
    const s = StructType([StructField('v', IntegerType), StructField('p', StringType), StructField('t', TimestampType)])
    await writeDeltaBatch(path, { rows: [[1, 'a:b/c d%', AT]], schema: s, mode: 'append', partitionBy: ['p', 't'] })
    const add = (await readCommitActions(path, 0)).find((a) => a.add)!.add!
    expect(add.partitionValues).toEqual({ p: 'a:b/c d%', t: '2021-09-08 11:11:11.123456' })
    expect(add.path.startsWith('p=a%253Ab%252Fc%20d%2525/t=2021-09-08%2011%253A11%253A11.123456/part-')).toBe(true)
    expect(await readRows(path)).toEqual([[1, 'a:b/c d%', AT]])
  })

  it('should round-trip typed partition values (int, boolean, date, decimal, double, null), storing the schema as nullable', async () => {
    const path = join(dir, 'typed')
    const s = StructType([
      StructField('v', StringType, false), StructField('i', IntegerType), StructField('ok', BooleanType), StructField('d', DateType),
      StructField('m', DecimalType(6, 3)), StructField('x', DoubleType),
    ])
    const data: Row[] = [['a', 1, true, 18878, -1500n, 1], ['b', null, null, null, null, null], ['c', -2, false, -1, 1n, 0.25]]
    await writeDeltaBatch(path, { rows: data, schema: s, mode: 'append', partitionBy: ['i', 'ok', 'd', 'm', 'x'] })
    const adds = (await readCommitActions(path, 0)).filter((a) => a.add).map((a) => a.add!.partitionValues)
    expect(adds).toContainEqual({ i: '1', ok: 'true', d: '2021-09-08', m: '-1.500', x: '1.0' })
    expect(adds).toContainEqual({ i: null, ok: null, d: null, m: null, x: null })
    const rows: Row[] = []
    for await (const batch of (await readDeltaTable(path)).rows) rows.push(...batch)
    expect(rows.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual(data)
    // Delta stores `data.schema.asNullable` (ImplicitMetadataOperation.updateMetadata): a DataFrame's NOT NULL is not a table constraint.
    expect(JSON.parse((await loadSnapshot(path)).metadata.schemaString).fields[0]).toMatchObject({ name: 'v', nullable: true })
    await writeDeltaBatch(path, { rows: [[null, 1, true, 1, 1n, 1]], schema: s, mode: 'append' })
  })

  it('should refuse nulls in a column the table declares NOT NULL (a table another engine created)', async () => {
    const path = join(dir, 'not-null')
    const schemaString = JSON.stringify({ type: 'struct', fields: [{ name: 'v', type: 'string', nullable: false, metadata: {} }] })
    await writeCommitIfAbsent(path, 0, [
      { protocol: { minReaderVersion: 1, minWriterVersion: 2 } },
      { metaData: { id: 'nn', format: { provider: 'parquet', options: {} }, schemaString, partitionColumns: [], configuration: {}, createdTime: 0 } },
    ])
    const s = StructType([StructField('v', StringType)])
    await writeDeltaBatch(path, { rows: [['a']], schema: s, mode: 'append' })
    await expect(writeDeltaBatch(path, { rows: [[null]], schema: s, mode: 'append' })).rejects.toThrow(/DELTA_NOT_NULL_CONSTRAINT_VIOLATED.*v/)
  })

  it('should enable the timestampNtz table feature for TIMESTAMP_NTZ columns, on create and on merge', async () => {
    const path = join(dir, 'ntz')
    const ntz = StructType([StructField('id', LongType), StructField('local', TimestampNTZType)])
    await writeDeltaBatch(path, { rows: [[1n, AT]], schema: ntz, mode: 'append' })
    expect((await readCommitActions(path, 0)).find((a) => a.protocol)!.protocol).toEqual({
      minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ['timestampNtz'], writerFeatures: ['timestampNtz'],
    })
    await writeDeltaBatch(path, { rows: [[2n, 0]], schema: ntz, mode: 'append' })
    expect((await readCommitActions(path, 1)).some((a) => a.protocol)).toBe(false)
    expect(await readRows(path)).toEqual([[1n, AT], [2n, 0]])
    const merged = join(dir, 'ntz-merge')
    await writeDeltaBatch(merged, { rows: [[1n]], schema: StructType([StructField('id', LongType)]), mode: 'append' })
    await writeDeltaBatch(merged, { rows: [[2n, AT]], schema: ntz, mode: 'append', mergeSchema: true })
    expect((await loadSnapshot(merged)).protocol).toEqual({
      minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ['timestampNtz'], writerFeatures: ['appendOnly', 'invariants', 'timestampNtz'],
    })
    expect(await readRows(merged)).toEqual([[1n, null], [2n, AT]])
  })

  it('should have DuckDB read the live data files with the same values', async () => {
    const path = join(dir, 'duck')
    await writeDeltaBatch(path, { rows: sample, schema, mode: 'append' })
    await writeDeltaBatch(path, { rows: [[4n, 'd', 1n, 0, 0, 'IT']], schema, mode: 'append' })
    const snapshot = await loadSnapshot(path)
    const files = snapshot.files.map((f) => `'${join(path, decodeURIComponent(f.path))}'`).join(', ')
    const instance = await DuckDBInstance.create(':memory:')
    const connection = await instance.connect()
    const reader = await connection.runAndReadAll(`SELECT "id"::VARCHAR, "name", "amount"::VARCHAR, "day"::VARCHAR, strftime("at", '%Y-%m-%d %H:%M:%S.%f'), "country" FROM read_parquet([${files}]) ORDER BY id`)
    expect(reader.getRows()).toEqual([
      ['2', null, '-0.05', '2021-09-09', '2021-09-08 11:11:11.123457', 'FR'],
      ['3', 'c', null, null, null, null],
      ['4', 'd', '0.01', '1970-01-01', '1970-01-01 00:00:00.000000', 'IT'],
      ['9007199254740993', 'a', '123.45', '2021-09-08', '2021-09-08 11:11:11.123456', 'DE'],
    ])
    connection.closeSync()
  })

  it('should follow the save modes: error and ignore on an existing table, overwrite removing old files', async () => {
    const path = join(dir, 'modes')
    await writeDeltaBatch(path, { rows: sample, schema, mode: 'append' })
    await expect(writeDeltaBatch(path, { rows: sample, schema, mode: 'error' })).rejects.toThrow(/DELTA_PATH_EXISTS/)
    expect(await writeDeltaBatch(path, { rows: sample, schema, mode: 'ignore' })).toMatchObject({ committed: false, skipped: 'ignore' })
    const over = await writeDeltaBatch(path, { rows: [[7n, 'x', 1n, 1, 1, 'US']], schema, mode: 'overwrite' })
    expect(over).toMatchObject({ committed: true, version: 1, removedFiles: 1 })
    expect(await readRows(path)).toEqual([[7n, 'x', 1n, 1, 1, 'US']])
    expect(await readRows(path, { versionAsOf: 0 })).toHaveLength(3)
    const removes = (await readCommitActions(path, 1)).filter((a) => a.remove)
    expect(removes).toHaveLength(1)
    expect(removes[0]!.remove!.dataChange).toBe(true)
  })

  it('should reject a new column unless mergeSchema, then fill it with null in old rows', async () => {
    const path = join(dir, 'merge')
    const small = StructType([StructField('id', LongType)])
    const wide = StructType([StructField('id', LongType), StructField('extra', DoubleType)])
    await writeDeltaBatch(path, { rows: [[1n]], schema: small, mode: 'append' })
    await expect(writeDeltaBatch(path, { rows: [[2n, 0.5]], schema: wide, mode: 'append' })).rejects.toThrow(/_LEGACY_ERROR_TEMP_DELTA_0007/)
    await writeDeltaBatch(path, { rows: [[2n, 0.5]], schema: wide, mode: 'append', mergeSchema: true })
    const read = await readDeltaTable(path)
    expect(read.schema.fields.map((f) => f.name)).toEqual(['id', 'extra'])
    expect(await readRows(path)).toEqual([[1n, null], [2n, 0.5]])
    await expect(writeDeltaBatch(path, { rows: [['x']], schema: StructType([StructField('id', StringType)]), mode: 'append' })).rejects.toThrow(/DELTA_FAILED_TO_MERGE_FIELDS/)
  })

  it('should let a concurrent append win and retry on top of it, and name what conflicted otherwise', async () => {
    const path = join(dir, 'race')
    const small = StructType([StructField('id', LongType)])
    await writeDeltaBatch(path, { rows: [[0n]], schema: small, mode: 'append' })
    // Both writers read version 0; they race for version 1.
    const [a, b] = await Promise.all([
      writeDeltaBatch(path, { rows: [[1n]], schema: small, mode: 'append' }),
      writeDeltaBatch(path, { rows: [[2n]], schema: small, mode: 'append' }),
    ])
    expect([a.version, b.version].sort()).toEqual([1, 2])
    expect((await readRows(path)).map((r) => r[0])).toEqual([0n, 1n, 2n])
    // A staged race: the first writer reads version 2, then waits while the second commits version 3.
    let release!: () => void
    let arrived!: () => void
    const waiting = new Promise<void>((r) => { release = r })
    const atCommit = new Promise<void>((r) => { arrived = r })
    const loser = writeDeltaBatch(path, { rows: [[3n]], schema: small, mode: 'append', beforeCommit: () => { arrived(); return waiting } })
    await atCommit
    expect(await writeDeltaBatch(path, { rows: [[4n]], schema: small, mode: 'append' })).toMatchObject({ committed: true, version: 3 })
    release()
    expect(await loser).toMatchObject({ committed: true, version: 4 })
    expect((await readCommitActions(path, 4))[0]!.commitInfo).toMatchObject({ readVersion: 2, isBlindAppend: true })
    expect((await readRows(path)).map((r) => r[0])).toEqual([0n, 1n, 2n, 3n, 4n])
    // The same race with an overwrite: the concurrent append invalidates what it read.
    let releaseOverwrite!: () => void
    let arrivedOverwrite!: () => void
    const waitingOverwrite = new Promise<void>((r) => { releaseOverwrite = r })
    const atOverwriteCommit = new Promise<void>((r) => { arrivedOverwrite = r })
    const overwrite = writeDeltaBatch(path, { rows: [[9n]], schema: small, mode: 'overwrite', beforeCommit: () => { arrivedOverwrite(); return waitingOverwrite } })
    await atOverwriteCommit
    await writeDeltaBatch(path, { rows: [[5n]], schema: small, mode: 'append' })
    releaseOverwrite()
    await expect(overwrite).rejects.toThrow(/DELTA_CONCURRENT_APPEND.*version 5/)
    expect((await readRows(path)).map((r) => r[0])).toEqual([0n, 1n, 2n, 3n, 4n, 5n])
    // An overwrite that lost to a commit adding files must fail, naming the conflict.
    const footprint = { tablePath: path, readWholeTable: true, removedPaths: new Set(['a.parquet']), appId: 'q' }
    const add = { add: { path: 'x.parquet', partitionValues: {}, size: 1, modificationTime: 0, dataChange: true } }
    const info = { commitInfo: { operation: 'WRITE' } }
    expect(() => checkCommitConflicts(footprint, 3, [info, add])).toThrow(/DELTA_CONCURRENT_APPEND.*version 3.*x\.parquet/)
    expect(() => checkCommitConflicts({ ...footprint, readWholeTable: false }, 3, [info, add])).not.toThrow()
    expect(() => checkCommitConflicts({ ...footprint, readWholeTable: false }, 3, [{ remove: { path: 'a.parquet', dataChange: true } }])).toThrow(/DELTA_CONCURRENT_DELETE_DELETE/)
    expect(() => checkCommitConflicts(footprint, 3, [{ remove: { path: 'b.parquet', dataChange: true } }])).toThrow(/DELTA_CONCURRENT_DELETE_READ/)
    expect(() => checkCommitConflicts({ ...footprint, readWholeTable: false }, 3, [{ txn: { appId: 'q', version: 1 } }])).toThrow(/DELTA_CONCURRENT_TRANSACTION/)
    expect(() => checkCommitConflicts({ ...footprint, readWholeTable: false }, 3, [{ metaData: {} as never }])).toThrow(/DELTA_METADATA_CHANGED/)
    expect(() => checkCommitConflicts({ ...footprint, readWholeTable: false }, 0, [{ protocol: { minReaderVersion: 1, minWriterVersion: 2 } }])).toThrow(/DELTA_PROTOCOL_CHANGED/)
  })

  it('should fail the loser of a race for a new table with a protocol conflict', async () => {
    const path = join(dir, 'race-new')
    const small = StructType([StructField('id', LongType)])
    // The winner's commit 0 appears after the loser read (no table) but before it commits.
    let release!: () => void
    let arrived!: () => void
    const waiting = new Promise<void>((r) => { release = r })
    const atCommit = new Promise<void>((r) => { arrived = r })
    const loser = writeDeltaBatch(path, { rows: [[2n]], schema: small, mode: 'append', beforeCommit: () => { arrived(); return waiting } })
    await atCommit
    await writeCommitIfAbsent(path, 0, [{ protocol: { minReaderVersion: 1, minWriterVersion: 2 } }, { metaData: { id: 'w', format: { provider: 'parquet', options: {} }, schemaString: '{"type":"struct","fields":[]}', partitionColumns: [], configuration: {} } }])
    release()
    await expect(loser).rejects.toThrow(/DELTA_PROTOCOL_CHANGED/)
  })

  it('should checkpoint every 10 commits and read the table from the checkpoint', async () => {
    const path = join(dir, 'cp')
    const small = StructType([StructField('id', LongType)])
    for (let i = 0; i < 12; i++) await writeDeltaBatch(path, { rows: [[BigInt(i)]], schema: small, mode: 'append', txn: { appId: 'q', version: i } })
    const listing = await listDeltaLog(path)
    expect([...listing!.checkpoints.keys()]).toEqual([10])
    expect(JSON.parse(await readFile(join(path, '_delta_log', '_last_checkpoint'), 'utf8'))).toEqual({ version: 10, size: 14 })
    // Remove commits before the checkpoint: only the checkpoint can give the state now.
    for (let v = 0; v <= 10; v++) await rm(join(path, '_delta_log', `${String(v).padStart(20, '0')}.json`))
    const snapshot = await loadSnapshot(path)
    expect(snapshot.version).toBe(11)
    expect(snapshot.txnVersions.get('q')).toBe(11)
    expect((await readRows(path)).map((r) => r[0])).toEqual(Array.from({ length: 12 }, (_, i) => BigInt(i)))
    await expect(loadSnapshot(path, { versionAsOf: 9 })).rejects.toThrow(/DELTA_VERSION_NOT_FOUND/)
  })

  it('should honor delta.checkpointInterval from the table configuration', async () => {
    const path = join(dir, 'cp3')
    const small = StructType([StructField('id', LongType)])
    for (let i = 0; i < 7; i++) await writeDeltaBatch(path, { rows: [[BigInt(i)]], schema: small, mode: 'append', configuration: { 'delta.checkpointInterval': '3' } })
    expect([...(await listDeltaLog(path))!.checkpoints.keys()].sort()).toEqual([3, 6])
    expect(await readRows(path)).toHaveLength(7)
  })
})

describe('deltaSinkAddBatch', () => {
  const small = StructType([StructField('gt', StringType), StructField('n', LongType)])

  it('should skip a replayed batch so the table never holds a row twice', async () => {
    const path = join(dir, 'sink')
    expect(await deltaSinkAddBatch(path, 'query-1', 0, [['a', 1n]], small, 'append')).toMatchObject({ committed: true, version: 0 })
    expect(await deltaSinkAddBatch(path, 'query-1', 1, [['b', 2n]], small, 'append')).toMatchObject({ committed: true, version: 1 })
    expect(await deltaSinkAddBatch(path, 'query-1', 1, [['b', 2n]], small, 'append')).toMatchObject({ committed: false, skipped: 'txn' })
    expect(await deltaSinkAddBatch(path, 'query-1', 0, [['a', 1n]], small, 'append')).toMatchObject({ committed: false, skipped: 'txn' })
    expect(await deltaSinkAddBatch(path, 'query-1', 2, [], small, 'append')).toMatchObject({ committed: false, skipped: 'empty' })
    expect((await readRows(path)).length).toBe(2)
    const actions = await readCommitActions(path, 1)
    expect(actions.find((a) => a.txn)!.txn).toMatchObject({ appId: 'query-1', version: 1 })
    expect(actions[0]!.commitInfo).toMatchObject({ operation: 'STREAMING UPDATE', operationParameters: { outputMode: 'Append', queryId: 'query-1', epochId: '1' } })
    // Another query writes its own batch 0.
    expect(await deltaSinkAddBatch(path, 'query-2', 0, [['c', 3n]], small, 'append')).toMatchObject({ committed: true, version: 2 })
  })

  it('should take the query string options: mergeSchema and maxRecordsPerFile', async () => {
    const path = join(dir, 'sink-options')
    await deltaSinkAddBatch(path, 'q', 0, [['a', 1n]], small, 'append')
    const wide = StructType([...small.fields, StructField('extra', StringType)])
    await expect(deltaSinkAddBatch(path, 'q', 1, [['b', 2n, 'x']], wide, 'append')).rejects.toThrow(/_LEGACY_ERROR_TEMP_DELTA_0007/)
    const result = await deltaSinkAddBatch(path, 'q', 1, [['b', 2n, 'x'], ['c', 3n, 'y']], wide, 'append', [], { mergeschema: 'true', maxrecordsperfile: '1' })
    expect(result).toMatchObject({ committed: true, version: 1 })
    expect(result.addedFiles).toHaveLength(2)
  })

  it('should replace the whole table in complete mode', async () => {
    const path = join(dir, 'complete')
    await deltaSinkAddBatch(path, 'q', 0, [['a', 1n], ['b', 1n]], small, 'complete')
    await deltaSinkAddBatch(path, 'q', 1, [['a', 2n], ['b', 1n]], small, 'complete')
    const rows = []
    for await (const batch of (await readDeltaTable(path)).rows) rows.push(...batch)
    expect(rows.sort()).toEqual([['a', 2n], ['b', 1n]])
    // The schema did not change: only the first commit carries metaData.
    expect((await readCommitActions(path, 1)).some((a) => a.metaData)).toBe(false)
    expect((await readCommitActions(path, 1)).filter((a) => a.remove)).toHaveLength(1)
  })
})

describe('deltaChangesSince', () => {
  const small = StructType([StructField('id', LongType)])

  it('should list added files by (version, index) after an offset, limited by maxFiles', async () => {
    const path = join(dir, 'src')
    await writeDeltaBatch(path, { rows: [[1n], [2n]], schema: small, mode: 'append', maxRecordsPerFile: 1 })
    await writeDeltaBatch(path, { rows: [[3n]], schema: small, mode: 'append' })
    const all = await deltaChangesSince(path, 0)
    expect(all.map((c) => [c.version, c.index])).toEqual([[0, 0], [0, 1], [1, 0]])
    expect((await deltaChangesSince(path, 0, 0)).map((c) => [c.version, c.index])).toEqual([[0, 1], [1, 0]])
    expect((await deltaChangesSince(path, 0, -1, { maxFiles: 2 })).map((c) => [c.version, c.index])).toEqual([[0, 0], [0, 1]])
    expect(await deltaChangesSince(path, 2)).toEqual([])
  })

  it('should fail on a commit that removes data unless skipChangeCommits', async () => {
    const path = join(dir, 'src2')
    await writeDeltaBatch(path, { rows: [[1n]], schema: small, mode: 'append' })
    await writeDeltaBatch(path, { rows: [[2n]], schema: small, mode: 'overwrite' })
    await writeDeltaBatch(path, { rows: [[3n]], schema: small, mode: 'append' })
    await expect(deltaChangesSince(path, 0)).rejects.toThrow(/DELTA_SOURCE_TABLE_IGNORE_CHANGES/)
    expect((await deltaChangesSince(path, 0, -1, { skipChangeCommits: true })).map((c) => c.version)).toEqual([0, 2])
  })
})

describe('unsupported reader features', () => {
  it('should refuse a table with deletion vectors or column mapping instead of returning wrong rows', async () => {
    const path = join(dir, 'dv')
    const small = StructType([StructField('id', LongType)])
    await writeDeltaBatch(path, { rows: [[1n]], schema: small, mode: 'append' })
    const protocol = { protocol: { minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ['deletionVectors'], writerFeatures: ['deletionVectors'] } }
    const dvAdd = { add: { path: 'y.parquet', partitionValues: {}, size: 1, modificationTime: 0, dataChange: true, deletionVector: { storageType: 'u', pathOrInlineDv: 'ab', offset: 1, sizeInBytes: 36, cardinality: 2 } } }
    await writeFile(join(path, '_delta_log', '00000000000000000001.json'), [protocol, dvAdd].map((a) => JSON.stringify(a)).join('\n'))
    await expect(readDeltaTable(path)).rejects.toThrow(/DELTA_UNSUPPORTED_FEATURES_FOR_READ.*deletionVectors/)
    await writeFile(join(path, '_delta_log', '00000000000000000002.json'), JSON.stringify({ protocol: { minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ['typeWidening'], writerFeatures: [] } }))
    await expect(loadSnapshot(path)).rejects.toThrow(/typeWidening/)
    expect(await readDeltaTable(join(dir, 'dv'), { versionAsOf: 0 })).toBeTruthy()
    await expect(readDeltaTable(join(dir, 'none'))).rejects.toThrow(/DELTA_MISSING_DELTA_TABLE/)
    // A live file deleted by hand: a clear error naming it.
    const live = (await loadSnapshot(path, { versionAsOf: 0 })).files[0]!.path
    await rm(join(path, live))
    await expect(readRows(path, { versionAsOf: 0 })).rejects.toThrow(new RegExp(`DELTA_FILE_NOT_FOUND_DETAILED.*${live}`))
  })
})
