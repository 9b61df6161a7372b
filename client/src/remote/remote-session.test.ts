import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { AnalysisError, SluiceError } from '@sluice/shared'
import type { QueryProgressEvent, QueryTerminatedEvent, StreamingQueryListener } from '@sluice/coordinator'
import { Sluice } from '../session/sluice.js'
import { col, count } from '../functions/index.js'
import { RemoteBackend } from './remote-backend.js'
import { ManualClock, MemoryStream, addData, checkLastBatch, checkNewAnswer, startStream, stopStream, testStream } from '../testing/index.js'
import { startInProcessCoordinator, type InProcessCoordinator } from './testing/in-process-coordinator.js'

// End to end: a remote session against the coordinator's real SluiceService (in this
// process, loopback gRPC), compared with an embedded session and with values computed
// here from the generated data.

const GTS = ['sit', 'stand', 'walk', 'bike'] as const
const BASE_TIME = 1_424_686_735_090_000_000n // beyond 2^53: a double would round it
const DDL = 'User STRING, gt STRING, x DOUBLE, Creation_Time BIGINT'

interface Activity { User: string; gt: string; x: number; Creation_Time: bigint }

function activities(from: number, n: number): Activity[] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k
    return { User: `u${i % 7}`, gt: GTS[(i * 7 + (i >> 2)) % GTS.length]!, x: i / 4, Creation_Time: BASE_TIME + BigInt(i) * 1_000_003n }
  })
}

function writeJsonFile(dir: string, name: string, rows: readonly Activity[]): void {
  writeFileSync(join(dir, name), rows.map((r) => `{"User":"${r.User}","gt":"${r.gt}","x":${r.x},"Creation_Time":${r.Creation_Time}}`).join('\n') + '\n')
}

function countsByGt(rows: readonly Activity[]): Record<string, bigint> {
  const counts: Record<string, bigint> = {}
  for (const r of rows) counts[r.gt] = (counts[r.gt] ?? 0n) + 1n
  return counts
}

function asCounts(rows: readonly Record<string, unknown>[]): Record<string, bigint> {
  return Object.fromEntries(rows.map((r) => [r['gt'] as string, r['count'] as bigint]))
}

let coordinator: InProcessCoordinator
let root: string
let spark: Sluice
let embedded: Sluice
const batchData = activities(0, 300)

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'sluice-remote-'))
  mkdirSync(join(root, 'batch'))
  writeJsonFile(join(root, 'batch'), 'part-0.json', batchData.slice(0, 120))
  writeJsonFile(join(root, 'batch'), 'part-1.json', batchData.slice(120))
  // The root and the testing kit's own temporary checkpoints.
  coordinator = await startInProcessCoordinator({ allowedPaths: [tmpdir()] })
  embedded = await Sluice.builder().master('local[1]').getOrCreate()
  spark = await Sluice.builder().remote(coordinator.url).appName('remote-test').config('spark.sql.shuffle.partitions', 4).getOrCreate()
})

afterAll(async () => {
  await spark?.stop()
  await embedded?.stop()
  await coordinator?.close()
  rmSync(root, { recursive: true, force: true })
})

describe('remote session: batch', () => {
  it('should be a remote session on the coordinator, with the builder\'s confs sent', () => {
    expect(spark.backend).toBeInstanceOf(RemoteBackend)
    expect(spark.conf.get('spark.sql.shuffle.partitions')).toBe('4')
    const session = coordinator.sessions.get((spark.backend as RemoteBackend).sessionId)
    expect(session.conf.get('spark.sql.shuffle.partitions')).toBe('4')
  })

  it('should answer a groupBy count over JSON files as embedded mode and as counted here', async () => {
    const query = (s: Sluice) => s.read.schema(DDL).json(join(root, 'batch')).groupBy('gt').count().orderBy('gt').collect()
    const [remote, local] = await Promise.all([query(spark), query(embedded)])
    expect(remote).toEqual(local)
    expect(asCounts(remote)).toEqual(countsByGt(batchData))
  })

  it('should keep BIGINT exact beyond 2^53 and every type as embedded mode has it', async () => {
    const [max] = await spark.sql(`SELECT max(Creation_Time) AS m, count(*) AS n FROM json.\`${join(root, 'batch')}\``).collect()
    expect(max!['m']).toBe(batchData.reduce((m, r) => (r.Creation_Time > m ? r.Creation_Time : m), 0n))
    const sql = "SELECT CAST(7 AS SMALLINT) s, CAST('1.25' AS DECIMAL(10,2)) d, DATE'2024-02-29' dt, TIMESTAMP'2024-01-01 12:34:56.789' ts, " +
      "map(1, 'a', 2, 'b') m, array(1, NULL, 3) a, named_struct('k', 9223372036854775807L) st, X'CAFE' b, CAST(NULL AS STRING) n, CAST('-Infinity' AS DOUBLE) inf, CAST(1.5 AS FLOAT) f"
    const [remoteSchema, localSchema] = await Promise.all([spark.sql(sql).schema(), embedded.sql(sql).schema()])
    expect(remoteSchema).toEqual(localSchema)
    const [remote] = await spark.sql(sql).collect()
    const [local] = await embedded.sql(sql).collect()
    expect(remote).toEqual(local)
    expect(remote!['st']).toEqual({ k: 9223372036854775807n })
    expect(remote!['d']).toBe('1.25')
    expect(remote!['m']).toEqual(new Map([[1, 'a'], [2, 'b']]))
  })

  it('should run DataFrames built from local rows, views, confs and explain on the coordinator', async () => {
    const df = spark.createDataFrame([{ k: 'a', v: 1n }, { k: 'b', v: 2n }, { k: 'a', v: 40n }])
    df.createOrReplaceTempView('kv')
    expect(await spark.sql('SELECT k, sum(v) AS s FROM kv GROUP BY k ORDER BY k').collect()).toEqual([{ k: 'a', s: 41n }, { k: 'b', s: 2n }])
    expect((await spark.catalog.listTables()).map((t) => t.name)).toContain('kv')
    expect(spark.catalog.dropTempView('kv')).toBe(true)
    expect((await spark.catalog.listTables()).map((t) => t.name)).not.toContain('kv')

    spark.conf.set('spark.sql.ansi.enabled', 'false')
    expect(spark.conf.get('spark.sql.ansi.enabled')).toBe('false')
    expect(await spark.sql("SELECT CAST('x' AS INT) AS i").collect()).toEqual([{ i: null }])
    spark.conf.unset('spark.sql.ansi.enabled')
    await expect(spark.sql("SELECT CAST('x' AS INT) AS i").collect()).rejects.toMatchObject({ errorClass: 'CAST_INVALID_INPUT' })

    const plan = await (spark.backend as RemoteBackend).explain(spark.range(3).where(col('id').gt(1)).plan, false)
    expect(plan).toBe(await embedded.backend.explain(embedded.range(3).where(col('id').gt(1)).plan, false))
  })

  it('should throw the server\'s typed error with embedded mode\'s message', async () => {
    const failing = (s: Sluice) => s.read.schema(DDL).json(join(root, 'batch')).select('nope').collect()
    const remote = await failing(spark).catch((e: unknown) => e)
    const local = await failing(embedded).catch((e: unknown) => e)
    expect(remote).toBeInstanceOf(AnalysisError)
    expect((remote as SluiceError).errorClass).toBe('UNRESOLVED_COLUMN.WITH_SUGGESTION')
    expect((remote as Error).message).toBe((local as Error).message)
  })

  it('should read back the confs a write changed on the coordinator (Delta txnVersion autoReset)', async () => {
    spark.conf.set('spark.databricks.delta.write.txnAppId', 'nightly')
    spark.conf.set('spark.databricks.delta.write.txnVersion', '1')
    spark.conf.set('spark.databricks.delta.write.txnVersion.autoReset.enabled', 'true')
    await spark.range(2).write.format('delta').save(join(root, 'delta-reset'))
    expect(spark.conf.get('spark.databricks.delta.write.txnVersion')).toBeUndefined()
    expect(spark.conf.get('spark.databricks.delta.write.txnAppId')).toBe('nightly')
    spark.conf.unset('spark.databricks.delta.write.txnAppId')
    spark.conf.unset('spark.databricks.delta.write.txnVersion.autoReset.enabled')
  })

  it('should write with save() and read it back', async () => {
    const out = join(root, 'written')
    await spark.read.schema(DDL).json(join(root, 'batch')).where("gt = 'sit'").write.mode('overwrite').parquet(out)
    expect(await spark.read.parquet(out).count()).toBe(batchData.filter((r) => r.gt === 'sit').length)
  })
})

describe('remote session: streaming', () => {
  it('should run a JSON file stream into memory: processAllAvailable, progress, streams.active, listeners, awaitTermination, stop', async () => {
    const input = join(root, 'stream-in')
    mkdirSync(input)
    const first = activities(1000, 50)
    const second = activities(2000, 70)
    writeJsonFile(input, 'a.json', first)
    const progressEvents: QueryProgressEvent[] = []
    const terminated: QueryTerminatedEvent[] = []
    const listener: StreamingQueryListener = {
      onQueryProgress: (e) => { progressEvents.push(e) },
      onQueryTerminated: (e) => { terminated.push(e) },
    }
    spark.streams.addListener(listener)
    const counts = spark.readStream.schema(DDL).option('maxFilesPerTrigger', 1).json(input).groupBy('gt').agg(count('*').alias('count'))
    const query = await counts.writeStream.format('memory').queryName('gt_counts').outputMode('complete').start()
    try {
      expect(query.isActive).toBe(true)
      expect(spark.streams.active.map((q) => q.id)).toEqual([query.id])
      expect(spark.streams.get(query.id)?.runId).toBe(query.runId)

      await query.processAllAvailable()
      expect(asCounts(await spark.sql('SELECT * FROM gt_counts').collect())).toEqual(countsByGt(first))
      writeJsonFile(input, 'b.json', second)
      await query.processAllAvailable()
      expect(asCounts(await spark.sql('SELECT * FROM gt_counts').collect())).toEqual(countsByGt([...first, ...second]))

      const withData = query.recentProgress.filter((p) => p.numInputRows > 0)
      expect(withData.map((p) => p.numInputRows)).toEqual([50, 70])
      expect(query.lastProgress?.id).toBe(query.id)
      expect(query.lastProgress?.sink.description).toBe('MemorySink')
      // The listener saw those batches before processAllAvailable returned.
      expect(progressEvents.filter((e) => e.progress.numInputRows > 0).map((e) => e.progress.batchId)).toEqual(withData.map((p) => p.batchId))
      expect(await query.awaitTermination(100)).toBe(false)
      expect(query.exception()).toBeNull()
    } finally {
      await query.stop()
    }
    expect(query.isActive).toBe(false)
    expect(await query.awaitTermination()).toBe(true)
    expect(terminated.map((e) => [e.id, e.exception])).toEqual([[query.id, null]])
    expect(spark.streams.active).toEqual([])
    spark.streams.removeListener(listener)
  })

  it('should run foreachBatch in this process with the batch ids, and fail the query with the callback\'s error', async () => {
    const input = join(root, 'stream-fb')
    mkdirSync(input)
    writeJsonFile(input, 'a.json', activities(0, 10))
    const seen: { batchId: number; users: string[] }[] = []
    const query = await spark.readStream.schema(DDL).option('maxFilesPerTrigger', 1).json(input).select('User', 'x')
      .writeStream.foreachBatch(async (df, batchId) => {
        seen.push({ batchId, users: (await df.collect()).map((r) => r['User'] as string) })
      }).start()
    await query.processAllAvailable()
    writeJsonFile(input, 'b.json', activities(10, 5))
    await query.processAllAvailable()
    await query.stop()
    expect(seen).toEqual([
      { batchId: 0, users: activities(0, 10).map((r) => r.User) },
      { batchId: 1, users: activities(10, 5).map((r) => r.User) },
    ])

    const failing = await spark.readStream.schema(DDL).json(input).writeStream.foreachBatch(() => { throw new Error('boom in the client') }).start()
    const error = await failing.awaitTermination(10_000).catch((e: unknown) => e)
    expect(error).toBe(failing.exception())
    expect(failing.exception()?.causeErrorClass).toBe('FOREACH_BATCH_USER_FUNCTION_ERROR')
    expect(failing.exception()?.message).toContain('boom in the client')
    expect(failing.isActive).toBe(false)
  })

  it('should display() into a memory table that SQL reads', async () => {
    const input = join(root, 'stream-display')
    mkdirSync(input)
    const rows = activities(500, 40)
    writeJsonFile(input, 'a.json', rows)
    const df = spark.readStream.schema(DDL).json(input).groupBy('gt').count()
    const query = await spark.display(df, { streamName: 'shown' })
    try {
      await query.processAllAvailable()
      expect(asCounts(await spark.sql('SELECT gt, count FROM shown').collect())).toEqual(countsByGt(rows))
    } finally {
      await query.stop()
    }
  })

  it('should leave queries running on the cluster when the session stops', async () => {
    const other = await RemoteBackend.connect({ url: coordinator.url })
    const session = Sluice.create(other, 'short-lived')
    const query = await session.readStream.format('rate').option('rowsPerSecond', 5).load().writeStream.format('noop').queryName('outlives').start()
    await session.stop()
    const record = coordinator.sessions.queries.get(query.id)
    expect(record?.execution.isActive).toBe(true)
    await record!.execution.stop()
  })
})

describe('remote session: client sinks, failures, awaitAnyTermination', () => {
  it('should run console and foreach sinks in this process, with the batch id as foreach\'s epoch', async () => {
    const input = join(root, 'stream-console')
    mkdirSync(input)
    writeJsonFile(input, 'a.json', activities(0, 3))
    const printed: string[] = []
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { printed.push(String(chunk)); return true })
    try {
      const consoleQuery = await spark.readStream.schema(DDL).json(input).select('User', 'gt').writeStream.format('console').start()
      await consoleQuery.processAllAvailable()
      await consoleQuery.stop()
    } finally {
      spy.mockRestore()
    }
    const expected = await embedded.createDataFrame(activities(0, 3).map((r) => ({ User: r.User, gt: r.gt }))).showString(20)
    expect(printed.join('')).toBe(`-------------------------------------------\nBatch: 0\n-------------------------------------------\n${expected}\n`)

    const opened: [number, number][] = []
    const rows: Record<string, unknown>[] = []
    const foreachQuery = await spark.readStream.schema(DDL).json(input).select('User', 'Creation_Time').writeStream
      .foreach({ open: (partition, epoch) => { opened.push([partition, epoch]); return true }, process: (row) => { rows.push(row) } }).start()
    await foreachQuery.processAllAvailable()
    await foreachQuery.stop()
    expect(opened).toEqual([[0, 0]])
    expect(rows).toEqual(activities(0, 3).map((r) => ({ User: r.User, Creation_Time: r.Creation_Time })))
  })

  it('should fail a query on a bad value with embedded mode\'s typed cause and message', async () => {
    const input = join(root, 'stream-bad')
    mkdirSync(input)
    writeFileSync(join(input, 'a.json'), '{"v":"12"}\n{"v":"twelve"}\n')
    const failures = await Promise.all([spark, embedded].map(async (s) => {
      const q = await s.readStream.schema('v STRING').json(input).selectExpr('CAST(v AS INT) AS i').writeStream.format('memory').queryName(`bad_${s === spark ? 'remote' : 'local'}`).start()
      const thrown = await q.awaitTermination(10_000).catch((e: unknown) => e)
      expect(thrown).toBe(q.exception())
      return { error: q.exception()!, ids: [q.id, q.runId] as const }
    }))
    const [remote, local] = failures.map(({ error, ids }) => ({
      errorClass: error.errorClass, causeErrorClass: error.causeErrorClass, message: error.message.replaceAll(ids[0], 'ID').replaceAll(ids[1], 'RUN'),
    }))
    expect(remote!.causeErrorClass).toBe('CAST_INVALID_INPUT')
    expect(remote).toEqual(local)
  })

  it('should wait for any query to terminate, forget terminations on resetTerminated, and throw a failure', async () => {
    const rate = () => spark.readStream.format('rate').option('rowsPerSecond', 10).load().writeStream.format('noop').start()
    const [a, b] = await Promise.all([rate(), rate()])
    spark.streams.resetTerminated()
    expect(await spark.streams.awaitAnyTermination(50)).toBe(false)
    setTimeout(() => { void a.stop() }, 100)
    expect(await spark.streams.awaitAnyTermination(10_000)).toBe(true)
    spark.streams.resetTerminated()
    expect(await spark.streams.awaitAnyTermination(100)).toBe(false)
    await b.stop()
    expect(await spark.streams.awaitAnyTermination()).toBe(true)

    spark.streams.resetTerminated()
    const input = join(root, 'stream-any-bad')
    mkdirSync(input)
    writeFileSync(join(input, 'a.json'), '{"v":"x"}\n')
    const bad = await spark.readStream.schema('v STRING').json(input).selectExpr('CAST(v AS INT) AS i').writeStream.format('noop').start()
    await expect(spark.streams.awaitAnyTermination(10_000)).rejects.toMatchObject({ errorClass: 'STREAM_FAILED', causeErrorClass: 'CAST_INVALID_INPUT' })
    expect(bad.isActive).toBe(false)
  })
})

describe('remote session: the testing kit', () => {
  it('should run testStream over a MemoryStream whose rows the coordinator holds, across a restart', async () => {
    const input = new MemoryStream('value INT', spark)
    const run = await testStream(input.toDF().groupBy('value').count(), 'update', [
      addData(input, 1, 2, 2),
      checkNewAnswer([1, 1n], [2, 2n]),
      stopStream(),
      addData(input, 2),
      startStream(),
      checkLastBatch([2, 3n]),
      addData(input, [3], [3]),
      checkNewAnswer([3, 2n]),
    ])
    expect(run.sink.lastBatchId).toBe(2)
    expect(run.lastQuery?.lastProgress?.sources[0]?.description).toBe('MemoryStream[value]')
    // Update mode: the sink keeps every batch's updated rows, as StreamTest's MemorySink.
    expect(await spark.sql(`SELECT value, count FROM ${run.queryName} ORDER BY value, count`).collect())
      .toEqual([{ value: 1, count: 1n }, { value: 2, count: 2n }, { value: 2, count: 3n }, { value: 3, count: 2n }])
  })

  it('should never split the addData calls of one tick across micro-batches, as embedded mode', async () => {
    const a = new MemoryStream('k INT', spark)
    const b = new MemoryStream('k INT', spark)
    const query = await a.toDF().union(b.toDF()).writeStream.format('memory').queryName('two_inputs').start()
    try {
      for (let round = 0; round < 5; round++) {
        a.addData(round)
        b.addData(round + 100, round + 200)
        await query.processAllAvailable()
      }
      expect(query.recentProgress.filter((p) => p.numInputRows > 0).map((p) => p.numInputRows)).toEqual([3, 3, 3, 3, 3])
      expect((await spark.sql('SELECT k FROM two_inputs').collect()).length).toBe(15)
    } finally {
      await query.stop()
    }
  })

  it('should refuse a ManualClock in a remote session, saying so', async () => {
    const input = new MemoryStream('value INT', spark)
    await expect(testStream(input.toDF(), 'append', [startStream({ clock: new ManualClock(), trigger: { processingTime: 1000 } })]))
      .rejects.toThrow(/ManualClock runs in embedded sessions only/)
  })
})

describe('remote session: connection', () => {
  it('should try the addresses in order and stick to the one that answers', async () => {
    const dead = await startInProcessCoordinator()
    const deadPort = dead.server.port
    await dead.close()
    const backend = await RemoteBackend.connect({ url: `grpc://127.0.0.1:${deadPort},127.0.0.1:${coordinator.server.port}` })
    try {
      expect(backend.address).toBe(`127.0.0.1:${coordinator.server.port}`)
      expect((await backend.collect(spark.range(2).plan)).rows).toEqual([[0n], [1n]])
    } finally {
      await backend.close()
    }
  })

  it('should send the token from the builder conf or SLUICE_TOKEN, and surface UNAUTHENTICATED typed', async () => {
    const secured = await startInProcessCoordinator({ token: 's3cret' })
    try {
      const refused = await RemoteBackend.connect({ url: secured.url, env: {} }).catch((e: unknown) => e)
      expect(SluiceError.isInstance(refused) && refused.errorClass).toBe('UNAUTHENTICATED')
      expect((refused as SluiceError).grpcStatus).toBe(16)
      const wrong = await RemoteBackend.connect({ url: secured.url, env: { SLUICE_TOKEN: 'nope' } }).catch((e: unknown) => e)
      expect((wrong as Error).message).toMatch(/Wrong bearer token/)
      for (const backend of [
        await RemoteBackend.connect({ url: secured.url, conf: { 'spark.sluice.remote.token': 's3cret' }, env: {} }),
        await RemoteBackend.connect({ url: secured.url, env: { SLUICE_TOKEN: 's3cret' } }),
      ]) {
        expect((await backend.collect(spark.range(1).plan)).rows).toEqual([[0n]])
        await backend.close()
      }
    } finally {
      await secured.close()
    }
  })
})
