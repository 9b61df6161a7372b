import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { status } from '@grpc/grpc-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ExecutorServiceClient } from '@sluice/proto'
import { IntegerType, StringType, StructField, StructType, encodeTask, type Expr, type PhysicalPlan, type Task } from '@sluice/shared'
import { LocalExecutor } from './local-executor.js'
import { startExecutor, type ExecutorOptions, type StartedExecutor } from './start-executor.js'
import {
  TEST_EVAL_CONTEXT, alias, bearer, callError, cancelTask, descriptorOf, doubledAboveThresholdPlan, errorInfo, executorClient,
  launchTask, lit, oneRowPerFileSinkTask, waitFor, writeReadings,
} from './executor-test-support.js'

let dir: string
const started: { executor: StartedExecutor; client: ExecutorServiceClient }[] = []

let readings: string
/** What the readings task must answer, computed apart from the engine. */
let expected: [bigint, number][]

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sluice-executor-service-'))
  readings = join(dir, 'readings')
  expected = await writeReadings(readings, 3, 10)
})
afterAll(async () => {
  for (const { executor, client } of started) {
    client.close()
    await executor.stop(2_000)
  }
  await rm(dir, { recursive: true, force: true })
})

/** An executor on a free loopback port whose coordinator never answers (these tests call it directly). */
async function anExecutor(options: Partial<ExecutorOptions> = {}): Promise<{ executor: StartedExecutor; client: ExecutorServiceClient }> {
  const executor = await startExecutor({
    coordinators: ['127.0.0.1:1'], slots: 2, host: '127.0.0.1', port: 0,
    registrationBackoff: { initialMs: 5_000, maxMs: 5_000 }, ...options,
  })
  const client = executorClient(`127.0.0.1:${executor.port}`)
  started.push({ executor, client })
  return { executor, client }
}

/** Data files in `folder` (hidden temporaries included), [] when it does not exist. */
async function filesIn(folder: string): Promise<string[]> {
  return readdir(folder).catch(() => [])
}

describe('ExecutorService', () => {
  it('LaunchTask - runs a task on a slot and answers its rows, equal to values computed independently', async () => {
    const { executor, client } = await anExecutor()
    const task: Task = { queryId: 'q-read', runId: 'r', batchId: 0, attempt: 0, plan: doubledAboveThresholdPlan(readings, 10), evalContext: TEST_EVAL_CONTEXT }
    let answeredBy = ''
    const result = await new LocalExecutor().runVia(task, async (bytes) => {
      const response = await launchTask(client, { descriptor: descriptorOf(task), task: bytes }).response
      answeredBy = response.executorId
      expect(Number(response.durationMs)).toBeGreaterThanOrEqual(0)
      return response.result
    })
    expect(answeredBy).toBe(executor.executorId)
    const rows = [...result.rows].sort((a, b) => Number((a[0] as bigint) - (b[0] as bigint)))
    expect(expected.length).toBeGreaterThan(100)
    expect(rows).toEqual(expected)
  })

  it('LaunchTask - a task error becomes its gRPC status with the sluice-error-info trailer', async () => {
    const { client } = await anExecutor()
    const schema = StructType([StructField('n', IntegerType)])
    const castAbc: Expr = { kind: 'Cast', child: lit('abc', StringType), dataType: IntegerType, mode: 'cast' }
    const plan: PhysicalPlan = { kind: 'Project', schema, input: { kind: 'LocalScan', schema, rows: [[1]] }, exprs: [alias(castAbc, 'n')] }
    const task: Task = { queryId: 'q-error', runId: 'r', batchId: 0, attempt: 0, plan, evalContext: TEST_EVAL_CONTEXT }
    const error = await callError(launchTask(client, { descriptor: descriptorOf(task), task: encodeTask(task) }).response)
    const info = errorInfo(error)
    expect(info).toMatchObject({ errorClass: 'CAST_INVALID_INPUT', domain: 'user', grpcStatus: error.code })
    expect(error.details).toBe(`[CAST_INVALID_INPUT] ${String(info['message'])}`)
    expect(info['message']).toContain("'abc'")
  })

  it('LaunchTask - refuses a task of an epoch older than the newest seen (FAILED_PRECONDITION, STALE_EPOCH naming both)', async () => {
    const { executor, client } = await anExecutor()
    const codec = new LocalExecutor()
    const newer: Task = { queryId: 'q-epoch', runId: 'r', batchId: 0, attempt: 0, epoch: 1_700_000_000_200, plan: doubledAboveThresholdPlan(readings, 10), evalContext: TEST_EVAL_CONTEXT }
    await codec.runVia(newer, async (bytes) => (await launchTask(client, { descriptor: descriptorOf(newer), task: bytes }).response).result)
    expect(executor.fence.newest).toBe(1_700_000_000_200n)
    const older: Task = { ...newer, batchId: 1, epoch: 1_700_000_000_100 }
    const error = await callError(codec.runVia(older, async (bytes) => (await launchTask(client, { descriptor: descriptorOf(older), task: bytes }).response).result))
    expect(error.code).toBe(status.FAILED_PRECONDITION)
    expect(errorInfo(error)).toMatchObject({ errorClass: 'STALE_EPOCH', params: { taskEpoch: '1700000000100', executorEpoch: '1700000000200' } })
    expect(error.details).toContain('1700000000100')
    expect(error.details).toContain('1700000000200')
  })

  it('every method - without the bearer token, or with a wrong one, answers UNAUTHENTICATED and runs nothing', async () => {
    const { client } = await anExecutor({ token: 's3cret-token' })
    const folder = join(dir, 'unauthenticated')
    const task = oneRowPerFileSinkTask(folder, 10, { queryId: 'q-auth', attempt: 0 })
    const encoded = encodeTask(task)
    const request = { descriptor: descriptorOf(task), task: encoded }
    for (const metadata of [undefined, bearer('wrong-token'), bearer('s3cret-token ')]) {
      const error = await callError(launchTask(client, request, metadata).response)
      expect(error.code).toBe(status.UNAUTHENTICATED)
      expect(errorInfo(error)).toMatchObject({ errorClass: 'UNAUTHENTICATED', grpcStatus: status.UNAUTHENTICATED })
      const cancelError = await callError(cancelTask(client, { descriptor: descriptorOf(task) }, metadata))
      expect(cancelError.code).toBe(status.UNAUTHENTICATED)
    }
    expect(await filesIn(folder)).toEqual([])
    const response = await launchTask(client, request, bearer('s3cret-token')).response
    expect(response.result.length).toBeGreaterThan(0)
    expect((await filesIn(folder)).length).toBe(10)
  })

  it('LaunchTask - a call its caller cancels aborts the task, deletes every file it had written and logs the discard', async () => {
    const log: string[] = []
    const { executor, client } = await anExecutor({ slots: 1, log: (line) => log.push(line) })
    const folder = join(dir, 'cancelled-call')
    const task = oneRowPerFileSinkTask(folder, 40_000, { queryId: 'q-cancel', attempt: 0 })
    let launched: ReturnType<typeof launchTask> | undefined
    const result = new LocalExecutor().runVia(task, (bytes) => {
      launched = launchTask(client, { descriptor: descriptorOf(task), task: bytes })
      return launched.response.then((response) => response.result)
    })
    await waitFor('the task to write data files', async () => (await filesIn(folder)).filter((f) => f.startsWith('part-')).length >= 5, 30_000)
    expect(executor.running.size).toBe(1)
    launched!.cancel()
    expect((await callError(result)).code).toBe(status.CANCELLED)
    await waitFor('the aborted task to settle', () => executor.running.size === 0, 30_000)
    expect(await filesIn(folder)).toEqual([])
    // Aborted by the cancel: a discard (what a coordinator that gave up on this attempt expects), not a task failure.
    const taskLog = log.filter((line) => / task 0\.0 of query q-cancel batch 0 /.test(line))
    expect(taskLog).toEqual([expect.stringMatching(/^Running task/), expect.stringMatching(/^Discarded task .*\(its call was cancelled before it finished: .*\): the files it had written are deleted$/)])
  })

  it('CancelTask - aborts the running task: its call ends CANCELLED (TASK_ABORTED) and its files are deleted', async () => {
    const { executor, client } = await anExecutor({ slots: 1 })
    const folder = join(dir, 'cancel-task')
    const task = oneRowPerFileSinkTask(folder, 40_000, { queryId: 'q-cancel-task', attempt: 2 })
    const result = new LocalExecutor().runVia(task, async (bytes) => (await launchTask(client, { descriptor: descriptorOf(task), task: bytes }).response).result)
    await waitFor('the task to write data files', async () => (await filesIn(folder)).some((f) => f.includes('-a2.c')), 30_000)
    const answer = await cancelTask(client, { descriptor: descriptorOf(task) })
    expect(answer.wasRunning).toBe(true)
    const error = await callError(result)
    expect(error.code).toBe(status.CANCELLED)
    expect(errorInfo(error)).toMatchObject({ errorClass: 'TASK_ABORTED', retryable: true })
    await waitFor('the aborted task to settle', () => executor.running.size === 0)
    expect(await filesIn(folder)).toEqual([])
  })

  it('LaunchTask - a request over --max-message-bytes is refused RESOURCE_EXHAUSTED and the executor keeps serving', async () => {
    const { client } = await anExecutor({ maxMessageBytes: 1024 * 1024 })
    const task: Task = { queryId: 'q-big', runId: 'r', batchId: 0, attempt: 0, plan: doubledAboveThresholdPlan(readings, 10), evalContext: TEST_EVAL_CONTEXT }
    const oversize = new Uint8Array(2 * 1024 * 1024).fill(7)
    const error = await callError(launchTask(client, { descriptor: descriptorOf(task), task: oversize }).response)
    expect(error.code).toBe(status.RESOURCE_EXHAUSTED)
    const result = await new LocalExecutor().runVia(task, async (bytes) => (await launchTask(client, { descriptor: descriptorOf(task), task: bytes }).response).result)
    expect(result.rows.length).toBeGreaterThan(100)
  })
})
