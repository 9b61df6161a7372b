import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Sluice, type StreamingQuery } from '@sluice/client'

// Delta Lake docs, "Table streaming reads and writes" > "Delta table as a source"
// (docs.delta.io/latest/delta-streaming.html), on made-up tables: each append of
// ids [10v, 10v + 10) is version v, one data file.

let spark: Sluice
let root: string
beforeAll(async () => {
  spark = await Sluice.builder().appName('delta-docs-stream-source').getOrCreate()
  root = mkdtempSync(join(tmpdir(), 'sluice-delta-docs-source-'))
})
afterAll(async () => { await spark.stop() })

let n = 0
const ids = (from: number, to: number) => spark.createDataFrame(Array.from({ length: to - from }, (_, i) => ({ id: BigInt(from + i) })), 'id BIGINT')
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i)

/** A table with `versions` appends of ten ids each. */
async function tableWithVersions(versions: number): Promise<string> {
  const path = join(root, `t${n++}`)
  for (let v = 0; v < versions; v++) await ids(v * 10, v * 10 + 10).write.format('delta').mode('append').save(path)
  return path
}

/** Starts a memory-sink query over the table with these source options. */
async function stream(path: string, options: Record<string, string | number | boolean>): Promise<{ query: StreamingQuery; rows: () => Promise<number[]>; batches: () => number[] }> {
  const name = `q${n++}`
  const query = await spark.readStream.format('delta').options(options).load(path)
    .writeStream.format('memory').queryName(name).option('checkpointLocation', join(root, `ck-${name}`)).start()
  return {
    query,
    rows: async () => (await spark.sql(`SELECT id FROM ${name}`).collect()).map((r) => Number(r['id'])).sort((a, b) => a - b),
    batches: () => query.recentProgress.map((p) => p.numInputRows).filter((rows) => rows > 0),
  }
}

async function drain(path: string, options: Record<string, string | number | boolean>): Promise<{ rows: number[]; batches: number[] }> {
  const s = await stream(path, options)
  try {
    await s.query.processAllAvailable()
    return { rows: await s.rows(), batches: s.batches() }
  } finally {
    await s.query.stop()
  }
}

describe('Delta source: limit input rate', () => {
  it('should take at most maxFilesPerTrigger files per micro-batch', async () => {
    const t = await tableWithVersions(5)
    expect(await drain(t, { maxFilesPerTrigger: 2 })).toEqual({ rows: range(0, 50), batches: [20, 20, 10] })
  })

  it('should cut by maxBytesPerTrigger, a soft max that still takes one file', async () => {
    const t = await tableWithVersions(3)
    expect(await drain(t, { maxBytesPerTrigger: 1 })).toEqual({ rows: range(0, 30), batches: [10, 10, 10] })
    expect((await drain(t, { maxBytesPerTrigger: '1g' })).batches).toEqual([30])
  })

  it('should ignore the limits under Trigger.Once: one batch with everything', async () => {
    const t = await tableWithVersions(3)
    const name = `q${n++}`
    const query = await spark.readStream.format('delta').option('maxFilesPerTrigger', 1).load(t)
      .writeStream.format('memory').queryName(name).trigger({ once: true }).option('checkpointLocation', join(root, `ck-${name}`)).start()
    await query.awaitTermination()
    expect(query.recentProgress.map((p) => p.numInputRows).filter((r) => r > 0)).toEqual([30])
  })

  it('should stop Trigger.AvailableNow at the version the run started with, in rate-limited batches', async () => {
    // Spark guide "Triggers": available-now processes all data available when the query starts, in
    // batches honouring source options (maxFilesPerTrigger), then stops. Delta's DeltaSource fixes
    // lastOffsetForTriggerAvailableNow when the run starts; commits made during the run wait.
    const t = await tableWithVersions(3)
    const name = `q${n++}`
    const checkpoint = join(root, `ck-${name}`)
    const seen: number[][] = []
    const run = async () => {
      const query = await spark.readStream.format('delta').option('maxFilesPerTrigger', 1).load(t).writeStream
        .foreachBatch(async (batch, batchId) => {
          seen.push((await batch.collect()).map((r) => Number(r['id'])).sort((a, b) => a - b))
          if (batchId === 0) await ids(100, 103).write.format('delta').mode('append').save(t)
        })
        .trigger({ availableNow: true }).option('checkpointLocation', checkpoint).start()
      await query.awaitTermination()
    }
    await run()
    expect(seen).toEqual([range(0, 10), range(10, 20), range(20, 30)])
    seen.length = 0
    await run()
    expect(seen).toEqual([[100, 101, 102]])
  })

  it('should refuse invalid limits with DELTA_ILLEGAL_OPTION', async () => {
    const t = await tableWithVersions(1)
    await expect(drain(t, { maxFilesPerTrigger: 0 })).rejects.toThrow(/Invalid value '0' for option 'maxFilesPerTrigger', must be a positive integer/)
    await expect(drain(t, { maxBytesPerTrigger: 'lots' })).rejects.toThrow(/Invalid value 'lots' for option 'maxBytesPerTrigger'/)
  })
})

describe('Delta source: specify initial position', () => {
  it('should read the changes from startingVersion on, without the snapshot before it', async () => {
    const t = await tableWithVersions(4)
    expect((await drain(t, { startingVersion: 2 })).rows).toEqual(range(20, 40))
  })

  it('should start from new data only with startingVersion latest', async () => {
    const t = await tableWithVersions(2)
    const s = await stream(t, { startingVersion: 'latest' })
    try {
      await s.query.processAllAvailable()
      expect(await s.rows()).toEqual([])
      await ids(100, 103).write.format('delta').mode('append').save(t)
      await s.query.processAllAvailable()
      expect(await s.rows()).toEqual([100, 101, 102])
    } finally {
      await s.query.stop()
    }
  })

  it('should fail for a startingVersion the table does not have, or a negative one', async () => {
    const t = await tableWithVersions(2)
    await expect(drain(t, { startingVersion: 5 })).rejects.toThrow(/Cannot time travel Delta table to version 5. Available versions: \[0, 1\]/)
    await expect(drain(t, { startingVersion: -1 })).rejects.toThrow(/Invalid value '-1' for option 'startingVersion', must be greater than or equal to zero/)
    await expect(drain(t, { startingVersion: 0, startingTimestamp: '2020-01-01' })).rejects.toThrow(/Please either provide 'startingVersion' or 'startingTimestamp'/)
  })

  it('should start at the first commit at or after startingTimestamp, and fail after the last one', async () => {
    const t = await tableWithVersions(3)
    const commitTime = (v: number) => JSON.parse(readFileSync(join(t, '_delta_log', `${String(v).padStart(20, '0')}.json`), 'utf8').split('\n')[0]!).commitInfo.timestamp as number
    const text = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '')
    expect((await drain(t, { startingTimestamp: '2000-01-01' })).rows).toEqual(range(0, 30))
    expect((await drain(t, { startingTimestamp: text(commitTime(1)) })).rows).toEqual(range(10, 30))
    expect((await drain(t, { startingTimestamp: text(commitTime(1) + 1) })).rows).toEqual(range(20, 30))
    await expect(drain(t, { startingTimestamp: text(commitTime(2) + 1) })).rejects.toThrow(/DELTA_TIMESTAMP_GREATER_THAN_COMMIT.*is after the latest version available to this table/)
  })
})

describe('Delta source: startingTimestamp in the session time zone', () => {
  it('should read startingTimestamp text in spark.sql.session.timeZone', async () => {
    // Delta's DeltaSource.getStartingVersion builds a DeltaTimeTravelSpec and calls
    // getTimestamp(sessionConf): the text is a TIMESTAMP in the session zone. Asia/Kolkata is UTC+05:30.
    const t = await tableWithVersions(3)
    const commitTime = (v: number) => JSON.parse(readFileSync(join(t, '_delta_log', `${String(v).padStart(20, '0')}.json`), 'utf8').split('\n')[0]!).commitInfo.timestamp as number
    const kolkata = (ms: number) => new Date(ms + 330 * 60_000).toISOString().replace('T', ' ').replace('Z', '')
    spark.conf.set('spark.sql.session.timeZone', 'Asia/Kolkata')
    try {
      expect((await drain(t, { startingTimestamp: kolkata(commitTime(1)) })).rows).toEqual(range(10, 30))
      await expect(drain(t, { startingTimestamp: kolkata(commitTime(2) + 1) })).rejects.toThrow(`Please use a timestamp before or at ${kolkata(commitTime(2)).slice(0, 19)}.`)
    } finally {
      spark.conf.unset('spark.sql.session.timeZone')
    }
  })
})

describe('Delta source: ignore updates and deletes', () => {
  /** Versions 0-1 appends, 2 deletes everything (an overwrite with no rows), 3 an append, 4 rewrites (an overwrite with rows). */
  async function changedTable(): Promise<string> {
    const t = await tableWithVersions(2)
    await ids(0, 0).write.format('delta').mode('overwrite').save(t)
    await ids(50, 53).write.format('delta').mode('append').save(t)
    await ids(60, 62).write.format('delta').mode('overwrite').save(t)
    return t
  }

  it('should fail on a delete with DELTA_SOURCE_IGNORE_DELETE unless ignoreDeletes', async () => {
    const t = await changedTable()
    await expect(drain(t, { startingVersion: 0 })).rejects.toThrow(/DELTA_SOURCE_IGNORE_DELETE.*Detected deleted data \(for example .*\) from streaming source at version 2.*set the option 'ignoreDeletes' to 'true'/)
    await expect(drain(t, { startingVersion: 0, ignoreDeletes: true }))
      .rejects.toThrow(/DELTA_SOURCE_TABLE_IGNORE_CHANGES.*Detected a data update \(for example .*\) in the source table at version 4/)
  })

  it('should stream rewritten files again with ignoreChanges, and skip the whole commit with skipChangeCommits', async () => {
    const t = await changedTable()
    expect((await drain(t, { startingVersion: 0, ignoreChanges: true })).rows).toEqual([...range(0, 20), 50, 51, 52, 60, 61])
    expect((await drain(t, { startingVersion: 0, skipChangeCommits: true })).rows).toEqual([...range(0, 20), 50, 51, 52])
  })
})

describe('Delta source: cleaned-up log and re-created table', () => {
  const logFile = (t: string, v: number) => join(t, '_delta_log', `${String(v).padStart(20, '0')}.json`)

  it('should fail with DELTA_MISSING_FILES_UNEXPECTED_VERSION when the commits it needs next are gone, or skip them with failOnDataLoss=false', async () => {
    // Delta's DeltaLog.getChangeLogFiles(startVersion, failOnDataLoss): the first commit listed after the
    // stream's position must be the next version; else DeltaErrors.failOnDataLossException(expected, seen),
    // unless the source option failOnDataLoss is false. Versions 3-9 go as log cleanup would take them,
    // behind the checkpoint Delta writes at version 10.
    const t = await tableWithVersions(3)
    const name = `q${n++}`
    const checkpoint = join(root, `ck-${name}`)
    const run = async (options: Record<string, string>) => {
      const query = await spark.readStream.format('delta').options(options).load(t)
        .writeStream.format('memory').queryName(name).option('checkpointLocation', checkpoint).start()
      try { await query.processAllAvailable() } finally { await query.stop() }
    }
    await run({})
    for (let v = 3; v < 12; v++) await ids(v * 10, v * 10 + 10).write.format('delta').mode('append').save(t)
    expect(existsSync(join(t, '_delta_log', '00000000000000000010.checkpoint.parquet'))).toBe(true)
    for (let v = 3; v < 10; v++) rmSync(logFile(t, v))
    await expect(run({})).rejects.toThrow(`[DELTA_MISSING_FILES_UNEXPECTED_VERSION] The stream from your Delta table was expecting process data from version 3,
but the earliest available version in the _delta_log directory is 10. The files
in the transaction log may have been deleted due to log cleanup.`)
    await run({ failOnDataLoss: 'false' })
    expect((await spark.sql(`SELECT id FROM ${name}`).collect()).map((r) => Number(r['id'])).sort((a, b) => a - b)).toEqual(range(100, 120))
  })

  it('should fail with DIFFERENT_DELTA_TABLE_READ_BY_STREAMING_SOURCE after the table is deleted and re-created', async () => {
    // Delta's DeltaSourceOffset(reservoirId, offset): the checkpoint's reservoirId must be the table's id.
    const t = await tableWithVersions(1)
    const tableId = () => JSON.parse(readFileSync(logFile(t, 0), 'utf8').trim().split('\n').find((l) => l.includes('"metaData"'))!).metaData.id as string
    const oldId = tableId()
    const name = `q${n++}`
    const checkpoint = join(root, `ck-${name}`)
    const start = () => spark.readStream.format('delta').load(t).writeStream.format('memory').queryName(name).option('checkpointLocation', checkpoint).start()
    const first = await start()
    await first.processAllAvailable()
    await first.stop()
    rmSync(t, { recursive: true })
    await ids(0, 5).write.format('delta').save(t)
    const newId = tableId()
    const second = await start()
    await expect(second.processAllAvailable()).rejects.toThrow(`[DIFFERENT_DELTA_TABLE_READ_BY_STREAMING_SOURCE] The streaming query was reading from an unexpected Delta table (id = '${newId}'). 
It used to read from another Delta table (id = '${oldId}') according to checkpoint. 
This may happen when you changed the code to read from a new table or you deleted and 
re-created a table. Please revert your change or delete your streaming query checkpoint 
to restart from scratch.`)
    await second.stop()
  })
})

describe('Delta source: schema change', () => {
  it('should fail when the table schema changes during the stream, and read the new schema after a restart', async () => {
    const t = await tableWithVersions(1)
    const name = `q${n++}`
    const checkpoint = join(root, `ck-${name}`)
    const start = () => spark.readStream.format('delta').load(t).writeStream.format('memory').queryName(name).option('checkpointLocation', checkpoint).start()
    const first = await start()
    await first.processAllAvailable()
    await spark.createDataFrame([{ id: 99n, tag: 'new' }], 'id BIGINT, tag STRING').write.format('delta').mode('append').option('mergeSchema', 'true').save(t)
    await expect(first.processAllAvailable()).rejects.toThrow(/DELTA_SCHEMA_CHANGED_WITH_VERSION.*Detected schema change in version 1/s)
    await first.stop()
    const second = await start()
    await second.processAllAvailable()
    expect(await spark.sql(`SELECT id, tag FROM ${name}`).collect()).toEqual([{ id: 99n, tag: 'new' }])
    await second.stop()
  })
})
