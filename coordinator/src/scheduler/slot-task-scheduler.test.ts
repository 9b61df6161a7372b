import { describe, expect, it } from 'vitest'
import { AnalysisError, SluiceError, type Task, type TaskResult } from '@sluice/shared'
import { SlotTaskScheduler, type TaskCodec } from './slot-task-scheduler.js'
import { WAITING_FOR_EXECUTORS, type ExecutorEndpoint, type LaunchDescriptor } from './task-scheduler.js'
import { ExecutorLostError } from './executor-lost-error.js'
import { TaskFailedError } from './task-failed-error.js'

/** Tasks and results cross as JSON here: the fake executors see exactly what the scheduler sent. */
const jsonCodec: TaskCodec = {
  async runVia(task, transport) {
    const bytes = await transport(new TextEncoder().encode(JSON.stringify(task)))
    return JSON.parse(new TextDecoder().decode(bytes)) as TaskResult
  },
}

interface Launch { readonly executor: string; readonly task: Task; readonly descriptor: LaunchDescriptor; readonly signal: AbortSignal }

/** A controllable task run: the test resolves or rejects it. */
interface Pending extends Launch {
  resolve(rows?: unknown[][]): void
  reject(error: unknown): void
}

function resultOf(task: Task, rows: unknown[][] = [[task.taskId, task.attempt]]): TaskResult {
  return {
    rows, numInputRowsBySource: {}, eventTime: [], stateOperators: [],
    ...(task.sinkWrite ? { files: [{ path: `/nowhere/${task.sinkWrite.jobId}-a${task.attempt}`, relativePath: `${task.sinkWrite.jobId}-a${task.attempt}`, size: 1, numRows: 1, partitionValues: {}, modificationTime: 0 }] } : {}),
  }
}

/** An executor whose launches wait until the test settles them (or answer at once with `auto`). */
class FakeExecutor implements ExecutorEndpoint {
  readonly launches: Pending[] = []
  #waiters: (() => void)[] = []

  constructor(readonly id: string, readonly slots: number, private readonly auto?: (task: Task) => Promise<TaskResult> | TaskResult) {}

  launch(descriptor: LaunchDescriptor, taskBytes: Uint8Array, signal: AbortSignal): Promise<Uint8Array> {
    const task = JSON.parse(new TextDecoder().decode(taskBytes)) as Task
    const encode = (result: TaskResult) => new TextEncoder().encode(JSON.stringify(result))
    if (this.auto) return Promise.resolve(this.auto(task)).then(encode)
    return new Promise((resolve, reject) => {
      this.launches.push({
        executor: this.id, task, descriptor, signal,
        resolve: (rows) => resolve(encode(resultOf(task, rows))),
        reject,
      })
      for (const wake of this.#waiters.splice(0)) wake()
    })
  }

  /** Resolves once `n` launches have arrived here. */
  async launched(n: number): Promise<Pending[]> {
    while (this.launches.length < n) await new Promise<void>((resolve) => this.#waiters.push(resolve))
    return this.launches
  }
}

const plan = { kind: 'LocalScan', schema: { kind: 'struct', fields: [] }, rows: [] } as unknown as Task['plan']
const evalContext = { ansi: true, timeZone: 'UTC', caseSensitive: false, currentTimestampMicros: 0 }
const task = (extra: Partial<Task> = {}): Task => ({ queryId: 'q1', runId: 'r1', batchId: 7, attempt: 0, plan, evalContext, ...extra })

function scheduler(maxTaskFailures = 4, discarded: TaskResult[] = []): SlotTaskScheduler {
  return new SlotTaskScheduler({ epoch: 42, maxTaskFailures, codec: jsonCodec, discardResult: async (_, result) => { discarded.push(result) } })
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('SlotTaskScheduler', () => {
  it('should place tasks on free slots, most free first, and answer in task order whatever order they finish in', async () => {
    const s = scheduler()
    const a = new FakeExecutor('a', 2)
    const b = new FakeExecutor('b', 1)
    s.addEndpoint(a)
    s.addEndpoint(b)
    expect(s.availableSlots()).toBe(3)
    const job = s.runTasks([task(), task(), task(), task()])
    await a.launched(2)
    await b.launched(1)
    // Three slots, four tasks: the fourth waits for a slot.
    expect(s.availableSlots()).toBe(0)
    expect([...a.launches, ...b.launches].map((l) => l.task.taskId).sort()).toEqual([0, 1, 2])
    const byTask = new Map([...a.launches, ...b.launches].map((l) => [l.task.taskId!, l]))
    byTask.get(2)!.resolve([['third']])
    const fourth = (await Promise.race([a.launched(3), b.launched(2)]))
    const last = fourth[fourth.length - 1]!
    expect(last.task.taskId).toBe(3)
    last.resolve([['fourth']])
    byTask.get(1)!.resolve([['second']])
    byTask.get(0)!.resolve([['first']])
    const results = await job
    expect(results.map((r) => r.rows[0]![0])).toEqual(['first', 'second', 'third', 'fourth'])
    expect(s.availableSlots()).toBe(3)
  })

  it('should stamp taskId, attempt 0, the epoch, and a sink jobId naming task and attempt', async () => {
    const s = scheduler()
    const a = new FakeExecutor('a', 4, (t) => resultOf(t))
    s.addEndpoint(a)
    const sinkWrite = { format: 'json', path: '/out', partitionBy: [], options: {}, timeZone: 'UTC', jobId: 'job' }
    const results = await s.runTasks([task({ sinkWrite }), task({ sinkWrite })])
    expect(results.map((r) => r.files!.map((f) => f.relativePath))).toEqual([['job-t0-a0'], ['job-t1-a0']])
    expect(results.map((r) => r.rows)).toEqual([[[0, 0]], [[1, 0]]])
  })

  it('should send a stateful single task back to the executor that ran it while it lives', async () => {
    const s = scheduler()
    const ran: string[] = []
    const a = new FakeExecutor('a', 1, (t) => { ran.push('a'); return resultOf(t) })
    const b = new FakeExecutor('b', 3, (t) => { ran.push('b'); return resultOf(t) })
    s.addEndpoint(a)
    s.addEndpoint(b)
    await s.runTasks([task()], { stickyKey: 'query-1' })
    expect(ran).toEqual(['b']) // most free slots
    s.addEndpoint(new FakeExecutor('c', 8, (t) => { ran.push('c'); return resultOf(t) }))
    await s.runTasks([task()], { stickyKey: 'query-1' })
    await s.runTasks([task()], { stickyKey: 'query-1' })
    expect(ran).toEqual(['b', 'b', 'b'])
    s.removeEndpoint('b', 'test')
    await s.runTasks([task()], { stickyKey: 'query-1' })
    await s.runTasks([task()], { stickyKey: 'query-1' })
    expect(ran).toEqual(['b', 'b', 'b', 'c', 'c'])
  })

  it('should wait for an executor when none is registered, say so, and run once one registers', async () => {
    const s = scheduler()
    const events: string[] = []
    const job = s.runTasks([task()], { onWaiting: (m) => events.push(m), onResumed: () => events.push('resumed') })
    await tick()
    expect(events).toEqual([WAITING_FOR_EXECUTORS])
    expect(s.availableSlots()).toBe(0)
    s.addEndpoint(new FakeExecutor('late', 1, (t) => resultOf(t, [['ok']])))
    expect((await job)[0]!.rows).toEqual([['ok']])
    expect(events).toEqual([WAITING_FOR_EXECUTORS, 'resumed'])
  })

  it('should stop waiting when the signal aborts, rejecting with its reason', async () => {
    const s = scheduler()
    const controller = new AbortController()
    const job = s.runTasks([task()], { signal: controller.signal })
    await tick()
    const reason = new DOMException('stopped', 'AbortError')
    controller.abort(reason)
    await expect(job).rejects.toBe(reason)
  })

  it('should retry the tasks of a lost executor elsewhere with attempt + 1 and ignore (and discard) the lost attempt\'s late result', async () => {
    const discarded: TaskResult[] = []
    const s = scheduler(4, discarded)
    const a = new FakeExecutor('a', 1)
    const b = new FakeExecutor('b', 1)
    s.addEndpoint(a)
    s.addEndpoint(b)
    const sinkWrite = { format: 'json', path: '/out', partitionBy: [], options: {}, timeZone: 'UTC', jobId: 'job' }
    const job = s.runTasks([task({ sinkWrite }), task({ sinkWrite })])
    const [onA] = await a.launched(1)
    const [onB] = await b.launched(1)
    // Heartbeat timeout of a: its call is cancelled, its task goes to b once b's slot is free.
    s.removeEndpoint('a', 'no heartbeat')
    expect(onA!.signal.aborted).toBe(true)
    onB!.resolve([['b-first']])
    const [, retry] = await b.launched(2)
    expect(retry!.task.taskId).toBe(onA!.task.taskId)
    expect(retry!.task.attempt).toBe(1)
    expect(retry!.descriptor.attempt).toBe(1)
    expect(retry!.task.sinkWrite!.jobId).toBe(`job-t${onA!.task.taskId}`)
    // The paused executor wakes up and answers: too late.
    onA!.resolve([['stale']])
    retry!.resolve([['retried']])
    const results = await job
    const byTask = new Map([[onA!.task.taskId, results[onA!.task.taskId!]], [onB!.task.taskId, results[onB!.task.taskId!]]])
    expect(byTask.get(onA!.task.taskId)!.rows).toEqual([['retried']])
    expect(results.flatMap((r) => r.files!.map((f) => f.relativePath)).sort()).toEqual(
      [`job-t${onA!.task.taskId}-a1`, `job-t${onB!.task.taskId}-a0`].sort())
    // The accepted result names the attempt it superseded and the job id its files carry; the other task lost none.
    expect(byTask.get(onA!.task.taskId)!.supersededAttempts).toEqual([{ taskId: onA!.task.taskId, attempt: 0, filesJobId: `job-t${onA!.task.taskId}-a0` }])
    expect(byTask.get(onB!.task.taskId)!.supersededAttempts).toBeUndefined()
    await tick()
    expect(discarded.map((r) => r.rows)).toEqual([[['stale']]])
  })

  it('should log each lost attempt it retries and each late result it discards, naming task.attempt, query, batch and executor', async () => {
    const log: string[] = []
    const s = new SlotTaskScheduler({ epoch: 42, maxTaskFailures: 4, codec: jsonCodec, discardResult: async () => undefined, log: (line) => log.push(line) })
    const a = new FakeExecutor('a', 1)
    const b = new FakeExecutor('b', 1)
    s.addEndpoint(a)
    s.addEndpoint(b)
    const job = s.runTasks([task()])
    const [onA] = await a.launched(1)
    s.removeEndpoint('a', 'no heartbeat for 3001 ms')
    const [retry] = await b.launched(1)
    onA!.resolve([['late']])
    retry!.resolve()
    await job
    await tick()
    expect(log).toEqual([
      'Lost task 0.0 of query q1 batch 7 on executor a (failure 1 of at most 4): [EXECUTOR_LOST] Executor a lost: no heartbeat for 3001 ms; retrying as attempt 1',
      'Discarded the late result of task 0.0 of query q1 batch 7 on executor a: the attempt no longer counts',
    ])
  })

  it('should retry a task whose call failed as lost (UNAVAILABLE) on another executor, and report the unreachable one', async () => {
    const unreachable: string[] = []
    const s = new SlotTaskScheduler({ epoch: 42, maxTaskFailures: 4, codec: jsonCodec, onExecutorLost: (id, error) => unreachable.push(`${id}: ${error.reason}`) })
    const a = new FakeExecutor('a', 1, () => { throw new ExecutorLostError('a', 'UNAVAILABLE: connection refused') })
    const b = new FakeExecutor('b', 1, (t) => resultOf(t))
    s.addEndpoint(a)
    s.addEndpoint(b)
    // a is launched first (registered first, equal free slots), fails, the retry goes to b.
    const [result] = await s.runTasks([task()])
    expect(result!.rows).toEqual([[0, 1]])
    // No sink write: the superseded attempt has no files to name.
    expect(result!.supersededAttempts).toEqual([{ taskId: 0, attempt: 0 }])
    expect(unreachable).toEqual(['a: UNAVAILABLE: connection refused'])
  })

  it('should fail at once, without retry, on a user error, with that error', async () => {
    const s = scheduler()
    let launches = 0
    const userError = new AnalysisError('UNRESOLVED_COLUMN', 'A column with name `x` cannot be resolved.')
    s.addEndpoint(new FakeExecutor('a', 1, () => { launches++; throw userError }))
    s.addEndpoint(new FakeExecutor('b', 1, () => { launches++; throw userError }))
    await expect(s.runTasks([task()])).rejects.toBe(userError)
    expect(launches).toBe(1)
  })

  it('should fail with TASK_FAILED after spark.task.maxFailures attempts, alternating executors, the last error as cause', async () => {
    const s = scheduler(4)
    const attempts: { executor: string; attempt: number }[] = []
    const failing = (id: string) => new FakeExecutor(id, 1, (t) => {
      attempts.push({ executor: id, attempt: t.attempt })
      throw new SluiceError({ errorClass: 'DISK_FULL', message: `no space left (attempt ${t.attempt})`, domain: 'external' })
    })
    s.addEndpoint(failing('a'))
    s.addEndpoint(failing('b'))
    const error = await s.runTasks([task()]).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TaskFailedError)
    const failed = error as TaskFailedError
    expect(failed.errorClass).toBe('TASK_FAILED')
    expect(failed.message).toBe('[TASK_FAILED] Job aborted due to stage failure: Task 0 in stage 0.0 failed 4 times, most recent failure: '
      + 'Lost task 0.3 in stage 0.0 (executor b): [DISK_FULL] no space left (attempt 3)')
    expect((failed.cause as SluiceError).errorClass).toBe('DISK_FULL')
    expect(failed.domain).toBe('external')
    expect(attempts).toEqual([{ executor: 'a', attempt: 0 }, { executor: 'b', attempt: 1 }, { executor: 'a', attempt: 2 }, { executor: 'b', attempt: 3 }])
  })

  it('should retry on the same executor when it is the only one', async () => {
    const s = scheduler(3)
    let calls = 0
    s.addEndpoint(new FakeExecutor('only', 1, (t) => {
      if (calls++ < 2) throw new Error('worker crashed')
      return resultOf(t)
    }))
    expect((await s.runTasks([task()]))[0]!.rows).toEqual([[0, 2]])
  })

  it('should surface the error itself when a task may fail only once (embedded mode, Spark local mode)', async () => {
    const s = scheduler(1)
    const error = new Error('ENOENT: no such file')
    s.addEndpoint(new FakeExecutor('a', 1, () => { throw error }))
    await expect(s.runTasks([task()])).rejects.toBe(error)
  })

  it('should cancel the other running attempts of a failed job and wait for them before rejecting', async () => {
    const discarded: TaskResult[] = []
    const s = scheduler(4, discarded)
    const a = new FakeExecutor('a', 2)
    s.addEndpoint(a)
    const job = s.runTasks([task(), task()])
    const [first, second] = await a.launched(2)
    let settled = false
    second!.signal.addEventListener('abort', () => setTimeout(() => { settled = true; second!.resolve([['cancelled but done']]) }, 20))
    const userError = new AnalysisError('DIVIDE_BY_ZERO', 'Division by zero.')
    first!.reject(userError)
    await expect(job).rejects.toBe(userError)
    expect(second!.signal.aborted).toBe(true)
    expect(settled).toBe(true)
    expect(discarded.map((r) => r.rows)).toEqual([[['cancelled but done']]])
  })

  it('should reject jobs once closed', async () => {
    const s = scheduler()
    const waiting = s.runTasks([task()])
    await tick()
    await s.close()
    await expect(waiting).rejects.toMatchObject({ errorClass: 'SCHEDULER_CLOSED' })
    await expect(s.runTasks([task()])).rejects.toMatchObject({ errorClass: 'SCHEDULER_CLOSED' })
  })
})
