// Test support for the executor's service tests (not exported): hand-built physical
// plans and tasks, gRPC clients of the ExecutorService and a fake ClusterService.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Metadata, Server, ServerCredentials, credentials, type ServiceError } from '@grpc/grpc-js'
import {
  loadSluiceProtos,
  type CancelTaskRequest,
  type CancelTaskResponse__Output,
  type ExecutorServiceClient,
  type HeartbeatRequest__Output,
  type LaunchTaskRequest,
  type LaunchTaskResponse__Output,
  type RegisterExecutorRequest__Output,
} from '@sluice/proto'
import {
  DoubleType, IntegerType, LongType, StringType, StructField, StructType,
  type DataType, type EvalContext, type Expr, type PhysicalPlan, type Row, type Task,
} from '@sluice/shared'

export const TEST_EVAL_CONTEXT: EvalContext = { ansi: true, timeZone: 'UTC', caseSensitive: false, currentTimestampMicros: 0 }

export const ref = (index: number, name: string, dataType: DataType): Expr => ({ kind: 'Ref', index, name, dataType, nullable: true })
export const lit = (value: unknown, dataType: DataType): Expr => ({ kind: 'Literal', value, dataType })
export const call = (name: string, ...args: Expr[]): Expr => ({ kind: 'Call', name, args, distinct: false })
export const alias = (child: Expr, name: string): Expr => ({ kind: 'Alias', child, name })

/** `{id: long, v: double}` JSON lines. */
export const READINGS_SCHEMA = StructType([StructField('id', LongType), StructField('v', DoubleType)])
export const DOUBLED_SCHEMA = StructType([StructField('id', LongType), StructField('w', DoubleType)])

/** `SELECT id, v * 2 AS w FROM json.`folder` WHERE v > threshold`, planned by hand. */
export function doubledAboveThresholdPlan(folder: string, threshold: number): PhysicalPlan {
  const scan: PhysicalPlan = {
    kind: 'FileScan', schema: READINGS_SCHEMA,
    source: { format: 'json', paths: [folder], options: {}, userSchema: READINGS_SCHEMA, streaming: false },
  }
  const filter: PhysicalPlan = { kind: 'Filter', schema: READINGS_SCHEMA, input: scan, condition: call('>', ref(1, 'v', DoubleType), lit(threshold, DoubleType)) }
  return {
    kind: 'Project', schema: DOUBLED_SCHEMA, input: filter,
    exprs: [ref(0, 'id', LongType), alias(call('*', ref(1, 'v', DoubleType), lit(2, DoubleType)), 'w')],
  }
}

export const WORDS_SCHEMA = StructType([StructField('word', StringType)])
export const WORD_COUNTS_SCHEMA = StructType([StructField('word', StringType), StructField('count', LongType, false)])

/**
 * Writes `files` JSON-lines files of 100 readings `{id, v}` into `folder` and answers
 * what `doubledAboveThresholdPlan(folder, threshold)` must give, computed apart.
 */
export async function writeReadings(folder: string, files: number, threshold: number): Promise<[bigint, number][]> {
  await mkdir(folder, { recursive: true })
  const expected: [bigint, number][] = []
  for (let file = 0; file < files; file++) {
    const lines: string[] = []
    for (let i = file * 100; i < file * 100 + 100; i++) {
      const v = ((i * 37) % 101) / 4
      lines.push(JSON.stringify({ id: i, v }))
      if (v > threshold) expected.push([BigInt(i), v * 2])
    }
    await writeFile(join(folder, `part-${file}.json`), lines.join('\n') + '\n')
  }
  return expected
}

/** A streaming `groupBy(word).count()` (complete mode): one stateful HashAggregate (operator 0) over source 0. */
export function wordCountPlan(): PhysicalPlan {
  const input: PhysicalPlan = {
    kind: 'StreamInput', schema: WORDS_SCHEMA, sourceIndex: 0,
    source: { format: 'memory', paths: [], options: {}, streaming: true },
  }
  return {
    kind: 'HashAggregate', schema: WORD_COUNTS_SCHEMA, input,
    grouping: [ref(0, 'word', StringType)],
    aggregates: [call('count', lit(1, IntegerType))],
    results: [ref(0, '_g0', StringType), ref(1, '_a0', LongType)],
    stateful: { operatorId: 0, numPartitions: 1 },
  }
}

/** Batch `batchId` of a word count query whose state lives under `checkpoint`. */
export function wordCountTask(queryId: string, checkpoint: string, batchId: number, words: readonly string[]): Task {
  return {
    queryId, runId: 'run-1', batchId, attempt: 0, plan: wordCountPlan(), evalContext: TEST_EVAL_CONTEXT,
    streaming: {
      outputMode: 'complete', watermarkMicros: 0, isNoDataBatch: false, stateLocation: `${checkpoint}/state`,
      minDeltasForSnapshot: 10, minBatchesToRetain: 100,
      inputs: [{ sourceIndex: 0, kind: 'rows', rows: words.map((word) => [word]) }],
    },
  }
}

/** A batch task writing `count` rows `{id, v}` as JSON files of one row each into `folder` (slow on purpose: a file per row). */
export function oneRowPerFileSinkTask(folder: string, count: number, descriptor: { queryId: string; attempt: number; epoch?: number }): Task {
  const rows: Row[] = Array.from({ length: count }, (_, i) => [BigInt(i), i / 2])
  return {
    queryId: descriptor.queryId, runId: 'run-1', batchId: 0, taskId: 0, attempt: descriptor.attempt,
    ...(descriptor.epoch !== undefined ? { epoch: descriptor.epoch } : {}),
    plan: { kind: 'LocalScan', schema: READINGS_SCHEMA, rows },
    evalContext: TEST_EVAL_CONTEXT,
    sinkWrite: { format: 'json', path: folder, partitionBy: [], options: { maxRecordsPerFile: '1' }, timeZone: 'UTC', jobId: 'job' },
  }
}

/** The proto descriptor of a task. */
export function descriptorOf(task: Task): NonNullable<LaunchTaskRequest['descriptor']> {
  return {
    queryId: task.queryId, runId: task.runId, batchId: task.batchId, taskId: task.taskId ?? 0,
    attempt: task.attempt, epoch: task.epoch ?? 0,
  }
}

export function executorClient(address: string): ExecutorServiceClient {
  const { ExecutorService } = loadSluiceProtos()
  return new ExecutorService(address, credentials.createInsecure(), { 'grpc.max_send_message_length': 64 * 1024 * 1024 })
}

export function bearer(token: string): Metadata {
  const metadata = new Metadata()
  metadata.set('authorization', `Bearer ${token}`)
  return metadata
}

/** A LaunchTask call; `call` lets the test cancel it. */
export function launchTask(client: ExecutorServiceClient, request: LaunchTaskRequest, metadata = new Metadata()): { response: Promise<LaunchTaskResponse__Output>; cancel: () => void } {
  let cancel = (): void => undefined
  const response = new Promise<LaunchTaskResponse__Output>((resolve, reject) => {
    const call = client.LaunchTask(request, metadata, (error, value) => (error ? reject(error) : resolve(value!)))
    cancel = () => call.cancel()
  })
  return { response, cancel }
}

/** A CancelTask call. */
export function cancelTask(client: ExecutorServiceClient, request: CancelTaskRequest, metadata = new Metadata()): Promise<CancelTaskResponse__Output> {
  return new Promise((resolve, reject) => {
    client.CancelTask(request, metadata, (error, value) => (error ? reject(error) : resolve(value!)))
  })
}

/** The error a call failed with (fails the test if it succeeded). */
export async function callError(promise: Promise<unknown>): Promise<ServiceError> {
  try {
    await promise
  } catch (error) {
    return error as ServiceError
  }
  throw new Error('the call succeeded; an error was expected')
}

/** The `sluice-error-info` trailer of a failed call, parsed. */
export function errorInfo(error: ServiceError): Record<string, unknown> {
  const value = error.metadata?.get('sluice-error-info')[0]
  return typeof value === 'string' ? JSON.parse(value) as Record<string, unknown> : {}
}

/** A ClusterService for tests: records registrations and heartbeats; `known` decides what heartbeats answer. */
export class FakeClusterService {
  readonly registrations: RegisterExecutorRequest__Output[] = []
  readonly heartbeats: HeartbeatRequest__Output[] = []
  /** Executors that heartbeats answer `registered: true` for. */
  readonly known = new Set<string>()
  #server: Server | undefined

  constructor(readonly epoch: string, readonly heartbeatIntervalMs = 0) {}

  /** Listens on `port` (0: a free one) and answers its port. */
  async start(port = 0): Promise<number> {
    const server = new Server()
    const { ClusterService } = loadSluiceProtos()
    server.addService(ClusterService.service, {
      RegisterExecutor: (call: { request: RegisterExecutorRequest__Output }, callback: (error: null, value: object) => void) => {
        this.registrations.push(call.request)
        this.known.add(call.request.executorId)
        callback(null, { epoch: this.epoch, heartbeatIntervalMs: this.heartbeatIntervalMs })
      },
      Heartbeat: (call: { request: HeartbeatRequest__Output }, callback: (error: null, value: object) => void) => {
        this.heartbeats.push(call.request)
        callback(null, { registered: this.known.has(call.request.executorId), epoch: this.epoch })
      },
    })
    this.#server = server
    return new Promise((resolve, reject) => {
      server.bindAsync(`127.0.0.1:${port}`, ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound)))
    })
  }

  stop(): void {
    this.#server?.forceShutdown()
    this.#server = undefined
  }
}

/** Polls `condition` every 20 ms until it holds or `timeoutMs` passes (then throws, naming `what`). */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
