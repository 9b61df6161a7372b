import { afterEach, describe, expect, it } from 'vitest'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Server, ServerCredentials, credentials } from '@grpc/grpc-js'
import { bearerTokenInterceptor, startExecutor, type StartedExecutor } from '@sluice/executor'
import { IntegerType, LongType, SessionConfig, StringType, StructField, StructType, type LogicalPlan } from '@sluice/shared'
import { QueryEngine, TaskFailedError, WAITING_FOR_EXECUTORS, createClusterRuntime, type ClusterRuntime } from '@sluice/coordinator'

const TOKEN = 'cluster-runtime-test-token'
const SCHEMA = StructType([StructField('id', LongType), StructField('word', StringType)])

interface Cluster {
  readonly runtime: ClusterRuntime
  readonly address: string
  readonly executors: StartedExecutor[]
  readonly removed: string[]
  startExecutor(): Promise<StartedExecutor>
  waitForExecutors(n: number): Promise<void>
}

const clusters: { server: Server; runtime: ClusterRuntime; executors: StartedExecutor[] }[] = []

afterEach(async () => {
  for (const { server, runtime, executors } of clusters.splice(0)) {
    await Promise.all(executors.map((e) => e.stop(0)))
    await runtime.close()
    server.forceShutdown()
  }
})

/** A coordinator's ClusterService (the runtime's) on a free port, behind a bearer token, and real executors that register with it. */
async function cluster(executorTimeoutMs: number): Promise<Cluster> {
  const runtime = createClusterRuntime({
    epoch: Date.now(), heartbeatIntervalMs: 100, executorTimeoutMs, maxTaskFailures: 4,
    channelCredentials: credentials.createInsecure(), token: TOKEN, maxMessageBytes: 16 * 1024 * 1024, livenessCheckIntervalMs: 20,
  })
  const server = new Server({ interceptors: [bearerTokenInterceptor(TOKEN)] })
  server.addService(runtime.clusterService.definition, runtime.clusterService.implementation)
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))))
  const executors: StartedExecutor[] = []
  clusters.push({ server, runtime, executors })
  const removed: string[] = []
  runtime.registry.on('executor-removed', (info, reason) => removed.push(`${info.executorId}: ${reason}`))
  const address = `127.0.0.1:${port}`
  return {
    runtime, address, executors, removed,
    async startExecutor() {
      const executor = await startExecutor({
        coordinators: [address], slots: 1, host: '127.0.0.1', port: 0, token: TOKEN, heartbeatIntervalMs: 100,
        registrationBackoff: { initialMs: 20, maxMs: 200 },
      })
      executors.push(executor)
      return executor
    },
    async waitForExecutors(n) {
      while (runtime.registry.live().length < n) await new Promise((resolve) => setTimeout(resolve, 10))
    },
  }
}

/** `files` JSON-lines files of 50 rows each, and the rows a scan of the folder gives, computed apart. */
async function writeWords(files: number): Promise<{ folder: string; expected: [bigint, string][] }> {
  const folder = await mkdtemp(join(tmpdir(), 'cluster-runtime-'))
  const expected: [bigint, string][] = []
  for (let f = 0; f < files; f++) {
    const lines: string[] = []
    for (let i = f * 50; i < f * 50 + 50; i++) {
      lines.push(JSON.stringify({ id: i, word: `w${i % 7}` }))
      expected.push([BigInt(i), `w${i % 7}`])
    }
    await writeFile(join(folder, `part-${String(f).padStart(2, '0')}.json`), `${lines.join('\n')}\n`)
  }
  return { folder, expected }
}

const scan = (folder: string): LogicalPlan => ({ kind: 'Relation', source: { format: 'json', paths: [folder], options: {}, userSchema: SCHEMA, streaming: false } })

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5))
}

describe('createClusterRuntime over real gRPC executors', () => {
  it('should hold a job until an executor registers, then split batch scans across the executors, rows in order', async () => {
    const c = await cluster(10_000)
    const { folder, expected } = await writeWords(4)
    const engine = new QueryEngine(new SessionConfig(), { scheduler: c.runtime.scheduler })
    const waiting: string[] = []
    const early = c.runtime.scheduler.runTasks([{
      queryId: 'q', runId: 'r', batchId: 0, attempt: 0, evalContext: engine.evalContext(),
      plan: { kind: 'FileScan', source: { format: 'json', paths: [folder], options: {}, userSchema: SCHEMA, streaming: false }, schema: SCHEMA },
    }], { onWaiting: (m) => waiting.push(m) })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(waiting).toEqual([WAITING_FOR_EXECUTORS])
    await c.startExecutor()
    expect((await early)[0]!.rows).toEqual(expected)

    await c.startExecutor()
    await c.waitForExecutors(2)
    expect(c.runtime.scheduler.availableSlots()).toBe(2)
    const before = c.runtime.scheduler.executors().map((e) => e.lastLaunch)
    const { rows } = await engine.collect(scan(folder))
    expect(rows).toEqual(expected)
    // Both executors ran a task of the split.
    const after = c.runtime.scheduler.executors().map((e) => e.lastLaunch)
    expect(after.every((launch, i) => launch > (before[i] ?? 0))).toBe(true)
  })

  it('should retry a task elsewhere when its executor stops in the middle, and fail a user error at once with its class', async () => {
    const c = await cluster(10_000)
    const { folder, expected } = await writeWords(4)
    const engine = new QueryEngine(new SessionConfig(), { scheduler: c.runtime.scheduler })
    const [first] = [await c.startExecutor(), await c.startExecutor()]
    await c.waitForExecutors(2)
    const job = engine.collect(scan(folder))
    await until(() => first!.running.size > 0)
    // Its running task is aborted (CANCELLED, TASK_ABORTED), then retried on the other executor.
    await first!.stop(0)
    expect((await job).rows).toEqual(expected)

    const badCast: LogicalPlan = {
      kind: 'Project', input: { kind: 'LocalRelation', schema: StructType([StructField('s', StringType)]), rows: [['abc']] },
      exprs: [{ kind: 'Cast', child: { kind: 'Column', nameParts: ['s'] }, dataType: IntegerType, mode: 'cast' }],
    }
    const error = await engine.collect(badCast).catch((e: unknown) => e)
    expect(error).not.toBeInstanceOf(TaskFailedError)
    expect(error).toMatchObject({ errorClass: 'CAST_INVALID_INPUT', domain: 'user' })
  })

  it('should remove an executor that stops heartbeating, cancel its task and run it on another', async () => {
    const c = await cluster(600)
    const { folder, expected } = await writeWords(2)
    const engine = new QueryEngine(new SessionConfig(), { scheduler: c.runtime.scheduler })
    const [silent, healthy] = [await c.startExecutor(), await c.startExecutor()]
    await c.waitForExecutors(2)
    const job = engine.collect(scan(folder))
    await until(() => silent!.running.size > 0)
    await silent!.link.close()
    expect((await job).rows).toEqual(expected)
    expect(c.removed).toHaveLength(1)
    expect(c.removed[0]).toMatch(new RegExp(`^${silent!.executorId}: no heartbeat for \\d+ ms \\(spark.network.timeout 600 ms\\)$`))
    expect(c.runtime.registry.live().map((e) => e.executorId)).toEqual([healthy!.executorId])
    // The cancelled call aborted the task on the silent executor.
    await until(() => silent!.running.size === 0)
  })

  it('should remove at once an executor whose address answers nothing, and run its task on a live one', async () => {
    const c = await cluster(10_000)
    const { folder, expected } = await writeWords(1)
    const engine = new QueryEngine(new SessionConfig(), { scheduler: c.runtime.scheduler })
    const live = await c.startExecutor()
    await c.waitForExecutors(1)
    // Registered with more free slots than the live one, so the task goes there first; nothing listens on port 1.
    c.runtime.registry.register({ executorId: 'ghost', address: '127.0.0.1:1', slots: 8 })
    expect((await engine.collect(scan(folder))).rows).toEqual(expected)
    expect(c.removed).toEqual([expect.stringMatching(/^ghost: unreachable: UNAVAILABLE: /)])
    expect(c.runtime.registry.live().map((e) => e.executorId)).toEqual([live.executorId])
  })
})
