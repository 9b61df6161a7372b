import { Server, ServerCredentials, credentials } from '@grpc/grpc-js'
import { afterEach, describe, expect, it, onTestFailed } from 'vitest'
import { loadSluiceProtos, type HeartbeatRequest__Output, type LaunchTaskResponse__Output, type RegisterExecutorRequest__Output } from '@sluice/proto'
import { LongType, StructField, StructType, decodeTaskResult, encodeTask, type Expr, type Row, type Task } from '@sluice/shared'
import { SLUICE_BIN } from './local-cluster.js'
import { forgetExitedProcesses, killAllProcesses, processLogTails, startProcess } from './managed-process.js'

const LISTENING = /sluice executor (\S+) listening on (\S+):(\d+)\n/

/** A ClusterService in the test process, recording what executors tell it. */
class RecordingClusterService {
  readonly registrations: RegisterExecutorRequest__Output[] = []
  readonly heartbeats: HeartbeatRequest__Output[] = []
  readonly #server = new Server()

  constructor(epoch: number) {
    this.#server.addService(loadSluiceProtos().ClusterService.service, {
      RegisterExecutor: (call: { request: RegisterExecutorRequest__Output }, callback: (error: null, value: object) => void) => {
        this.registrations.push(call.request)
        callback(null, { epoch, heartbeatIntervalMs: 0 })
      },
      Heartbeat: (call: { request: HeartbeatRequest__Output }, callback: (error: null, value: object) => void) => {
        this.heartbeats.push(call.request)
        callback(null, { registered: true, epoch })
      },
    })
  }

  listen(port = 0): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#server.bindAsync(`127.0.0.1:${port}`, ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound)))
    })
  }

  stop(): void {
    this.#server.forceShutdown()
  }
}

async function until(what: string, condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/** Whether something accepts gRPC calls at `address` within `timeoutMs`. */
function answers(address: string, timeoutMs: number): Promise<boolean> {
  const { ExecutorService } = loadSluiceProtos()
  const client = new ExecutorService(address, credentials.createInsecure())
  return new Promise((resolve) => {
    client.waitForReady(Date.now() + timeoutMs, (error) => {
      client.close()
      resolve(!error)
    })
  })
}

/** Runs `SELECT v * 3` over `values` (bigint) as a task on the executor at `address`; its result rows. */
async function tripledByProcess(address: string, values: readonly number[]): Promise<Row[]> {
  const schema = StructType([StructField('v', LongType)])
  const v: Expr = { kind: 'Ref', index: 0, name: 'v', dataType: LongType, nullable: true }
  const times3: Expr = { kind: 'Call', name: '*', args: [v, { kind: 'Literal', value: 3n, dataType: LongType }], distinct: false }
  const task: Task = {
    queryId: 'q-process', runId: 'r', batchId: 0, attempt: 0, epoch: 1_700_000_000_000,
    plan: { kind: 'Project', schema, input: { kind: 'LocalScan', schema, rows: values.map((value) => [BigInt(value)]) }, exprs: [times3] },
    evalContext: { ansi: true, timeZone: 'UTC', caseSensitive: false, currentTimestampMicros: 0 },
  }
  const { ExecutorService } = loadSluiceProtos()
  const client = new ExecutorService(address, credentials.createInsecure())
  try {
    const response = await new Promise<LaunchTaskResponse__Output>((resolve, reject) => {
      client.LaunchTask({ descriptor: { queryId: task.queryId, runId: task.runId, batchId: 0, taskId: 0, attempt: 0, epoch: task.epoch }, task: encodeTask(task) },
        (error, value) => (error ? reject(error) : resolve(value!)))
    })
    return [...decodeTaskResult(response.result, schema).rows]
  } finally {
    client.close()
  }
}

const coordinators: RecordingClusterService[] = []

afterEach(async () => {
  await killAllProcesses()
  forgetExitedProcesses()
  for (const coordinator of coordinators.splice(0)) coordinator.stop()
})

describe('sluice executor (the compiled process)', () => {
  it('should register with the right slots once a coordinator appears, heartbeat, and die by SIGKILL of its process group', async () => {
    onTestFailed(() => { console.log(processLogTails()) })
    // The executor starts first: nothing listens on the coordinator's port yet.
    const probe = new RecordingClusterService(0)
    const port = await probe.listen()
    probe.stop()
    const executor = startProcess('executor-process', process.execPath, [
      SLUICE_BIN, 'executor', '--coordinator', `127.0.0.1:${port}`, '--slots', '3', '--port', '0',
      '--conf', 'spark.executor.heartbeatInterval=100ms',
    ])
    const [, executorId, host, executorPort] = await executor.waitFor(LISTENING, 60_000)
    await executor.waitFor(/no coordinator answers at/, 30_000)

    const coordinator = new RecordingClusterService(1_700_000_000_000)
    coordinators.push(coordinator)
    await coordinator.listen(port)
    await until('the executor to register', () => coordinator.registrations.length > 0)
    expect(coordinator.registrations[0]).toEqual({
      executorId, address: `${host}:${executorPort}`, slots: 3, host, pid: executor.pid,
    })
    await until('heartbeats', () => coordinator.heartbeats.length >= 3)
    expect(coordinator.heartbeats.every((beat) => beat.executorId === executorId && beat.running.length === 0)).toBe(true)
    // A task runs on the process's worker threads (compiled), its rows checked against plain arithmetic.
    const values = Array.from({ length: 500 }, (_, i) => i * 7 - 1000)
    expect(await tripledByProcess(`${host}:${executorPort}`, values)).toEqual(values.map((v) => [BigInt(v) * 3n]))

    executor.signal('SIGKILL')
    expect(await executor.exited).toEqual({ code: null, signal: 'SIGKILL' })
    const beats = coordinator.heartbeats.length
    expect(await answers(`${host}:${executorPort}`, 1_000)).toBe(false)
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(coordinator.heartbeats.length).toBe(beats)
  })

  it('should stop on SIGTERM and exit 0', async () => {
    onTestFailed(() => { console.log(processLogTails()) })
    const coordinator = new RecordingClusterService(1)
    coordinators.push(coordinator)
    const port = await coordinator.listen()
    const executor = startProcess('executor-sigterm', process.execPath, [SLUICE_BIN, 'executor', '--coordinator', `127.0.0.1:${port}`, '--slots', '1'])
    await executor.waitFor(LISTENING, 60_000)
    await until('the executor to register', () => coordinator.registrations.length > 0)
    executor.signal('SIGTERM')
    expect(await executor.exited).toEqual({ code: 0, signal: null })
  })
})
