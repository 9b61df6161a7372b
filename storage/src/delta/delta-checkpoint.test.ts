import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DuckDBInstance } from '@duckdb/node-api'
import { LongType, StringType, StructField, StructType, type Row } from '@sluice/shared'
import { readDeltaFiles, readDeltaTable } from './delta-reader.js'
import { loadSnapshot } from './delta-snapshot.js'
import { writeDeltaBatch } from './delta-writer.js'
import { deltaChangesSince } from './delta-source.js'

let dir: string
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'sluice-delta-cp-')) })
afterEach(async () => { await rm(dir, { recursive: true, force: true }) })

const schema = StructType([StructField('id', LongType), StructField('p', StringType)])
const sql = (text: string): string => `'${text.replace(/'/g, "''")}'`

describe('delta checkpoints written by another engine', () => {
  it('should replay from a checkpoint DuckDB wrote in the protocol schema (fields matched by name, extra ones absent)', async () => {
    const path = join(dir, 't')
    await writeDeltaBatch(path, { rows: [[1n, 'a'], [2n, 'b']], schema, mode: 'append', partitionBy: ['p'], txn: { appId: 'app', version: 4 } })
    await writeDeltaBatch(path, { rows: [[3n, 'a']], schema, mode: 'append' })
    const snapshot = await loadSnapshot(path)
    const m = snapshot.metadata
    const adds = snapshot.files.map((f) =>
      `(NULL, {'path': ${sql(f.path)}, 'partitionValues': MAP {'p': ${sql(f.partitionValues['p'] as string)}}, 'size': ${f.size}::BIGINT, 'modificationTime': ${f.modificationTime}::BIGINT, 'dataChange': false, 'stats': ${sql(f.stats!)}, 'tags': NULL::MAP(VARCHAR, VARCHAR)}, NULL, NULL)`)
    const duck = await (await DuckDBInstance.create(':memory:')).connect()
    const checkpoint = join(path, '_delta_log', '00000000000000000001.checkpoint.parquet')
    await duck.run(`CREATE TABLE cp (
      txn STRUCT(appId VARCHAR, version BIGINT, lastUpdated BIGINT),
      "add" STRUCT(path VARCHAR, partitionValues MAP(VARCHAR, VARCHAR), size BIGINT, modificationTime BIGINT, dataChange BOOLEAN, stats VARCHAR, tags MAP(VARCHAR, VARCHAR)),
      metaData STRUCT(id VARCHAR, format STRUCT(provider VARCHAR, options MAP(VARCHAR, VARCHAR)), schemaString VARCHAR, partitionColumns VARCHAR[], configuration MAP(VARCHAR, VARCHAR), createdTime BIGINT),
      protocol STRUCT(minReaderVersion INTEGER, minWriterVersion INTEGER))`)
    await duck.run(`INSERT INTO cp VALUES
      (NULL, NULL, NULL, {'minReaderVersion': 1, 'minWriterVersion': 2}),
      (NULL, NULL, {'id': ${sql(m.id)}, 'format': {'provider': 'parquet', 'options': MAP {}}, 'schemaString': ${sql(m.schemaString)}, 'partitionColumns': ['p'], 'configuration': MAP {}, 'createdTime': 1::BIGINT}, NULL),
      ({'appId': 'app', 'version': 4, 'lastUpdated': NULL}, NULL, NULL, NULL)`)
    for (const add of adds) await duck.run(`INSERT INTO cp VALUES ${add.replace(/^\(NULL, /, '(NULL, ').replace(/, NULL, NULL\)$/, ', NULL, NULL)')}`)
    await duck.run(`COPY cp TO '${checkpoint}' (FORMAT parquet)`)
    duck.closeSync()
    await rm(join(path, '_delta_log', '00000000000000000000.json'))
    await rm(join(path, '_delta_log', '00000000000000000001.json'))
    const fromCheckpoint = await loadSnapshot(path)
    expect(fromCheckpoint.version).toBe(1)
    expect(fromCheckpoint.partitionColumns).toEqual(['p'])
    expect(fromCheckpoint.txnVersions.get('app')).toBe(4)
    expect(fromCheckpoint.files.map((f) => f.path).sort()).toEqual(snapshot.files.map((f) => f.path).sort())
    const rows: Row[] = []
    for await (const batch of (await readDeltaTable(path)).rows) rows.push(...batch)
    expect(rows.sort((a, b) => Number((a[0] as bigint) - (b[0] as bigint)))).toEqual([[1n, 'a'], [2n, 'b'], [3n, 'a']])
  })
})

describe('delta streaming reads', () => {
  it('should read the rows of the files deltaChangesSince picks, batch after batch, exactly once', async () => {
    const path = join(dir, 's')
    await writeDeltaBatch(path, { rows: [[1n, 'a'], [2n, 'b']], schema, mode: 'append', partitionBy: ['p'] })
    await writeDeltaBatch(path, { rows: [[3n, 'c']], schema, mode: 'append' })
    const seen: Row[] = []
    let offset = { version: 0, index: -1 }
    for (let trigger = 0; trigger < 5; trigger++) {
      const changes = await deltaChangesSince(path, offset.version, offset.index, { maxFiles: 1 })
      if (changes.length === 0) break
      const snapshot = await loadSnapshot(path, { versionAsOf: changes.at(-1)!.version })
      for await (const batch of readDeltaFiles(path, snapshot.schema, snapshot.partitionColumns, changes.map((c) => c.add))) seen.push(...batch)
      offset = { version: changes.at(-1)!.version, index: changes.at(-1)!.index }
    }
    expect(seen.sort((a, b) => Number((a[0] as bigint) - (b[0] as bigint)))).toEqual([[1n, 'a'], [2n, 'b'], [3n, 'c']])
    expect(offset).toEqual({ version: 1, index: 0 })
  })
})
